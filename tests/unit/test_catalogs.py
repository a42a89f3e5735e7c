"""content/ui/*.po: every interface string translated in every non-English catalog, with the same
placeholders, and headers without the placeholders `pybabel init` leaves behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

UI = Path(__file__).resolve().parents[2] / "content" / "ui"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TEMPLATE_LEFTOVERS = ("PROJECT", "VERSION", "ORGANIZATION", "FIRST AUTHOR", "FULL NAME", "EMAIL@ADDRESS",
                      "LL@li.org", "YEAR-MO-DA")
TRANSLATED = sorted(p.stem for p in UI.glob("*.po") if p.stem != "en")


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def msgids() -> list[str]:
    return [m.id for m in read(UI / "messages.pot") if m.id]


def test_the_portal_ships_all_six_translated_catalogs():
    assert TRANSLATED == ["ar", "de", "fa", "ru", "tr", "uk"]
    assert len(msgids()) > 50


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_msgid_has_a_translation(lang):
    catalog = read(UI / f"{lang}.po")
    missing = [msgid for msgid in msgids() if msgid not in catalog or not catalog[msgid].string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [], f"{lang}.po: untranslated"
    assert fuzzy == [], f"{lang}.po: fuzzy entries are not used by gettext"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match_and_format(lang):
    catalog = read(UI / f"{lang}.po")
    wrong = []
    for msgid in msgids():
        text = catalog[msgid].string
        names = set(PLACEHOLDER.findall(msgid))
        if set(PLACEHOLDER.findall(text)) != names:
            wrong.append((msgid, text))
        elif names:
            text % {name: "x" for name in names}  # a stray % would raise here, as it would when rendering
    assert wrong == []


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_headers_have_no_template_leftovers(lang):
    path = UI / f"{lang}.po"
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert [word for word in TEMPLATE_LEFTOVERS if word in header] == []
    catalog = read(path)
    assert catalog.project == "benn-site"
    assert str(catalog.locale) == lang
    assert catalog.obsolete == {}


def test_catalogs_hold_exactly_the_template_msgids():
    expected = sorted(msgids())
    for lang in [*TRANSLATED, "en"]:
        assert sorted(m.id for m in read(UI / f"{lang}.po") if m.id) == expected, lang
