"""Editors' messages: the terminal's language picks the catalog, and the German catalog covers
every message the code can produce, with the same placeholders."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir

from benn_site.errors import ContentError
from benn_site.messages import LOCALE_DIR, Message, catalog, editor_language, msg, problems_found
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("environ,expected", [
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_AT.UTF-8"}, "de"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),  # no French catalog: English
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "C", "LANGUAGE": "de"}, "en"),  # gettext ignores LANGUAGE in the C locale
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "de:en"}, "de"),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
])
def test_editor_language_follows_the_environment(environ, expected):
    assert editor_language(environ) == expected


def test_a_message_is_its_english_text_and_translates_with_its_values():
    message = msg("unknown location '{location}'", location="mite")
    assert message == "unknown location 'mite'"
    assert isinstance(message, str)
    assert message.translate(catalog("de")) == "unbekannter Standort 'mite'"
    error = ContentError("content/events/x.md", 5, message, "location",
                         msg("did you mean '{word}'?", word="mitte"))
    assert str(error) == "content/events/x.md:5: location: unknown location 'mite' (did you mean 'mitte'?)"
    assert error.text(catalog("de")) == (
        "content/events/x.md:5: location: unbekannter Standort 'mite' (meinten Sie 'mitte'?)")


def test_nested_messages_are_translated_too():
    outer = msg("must be {what}, not {value}", what=msg("a whole number"), value="'zehn'")
    assert outer == "must be a whole number, not 'zehn'"
    assert catalog("de").translate(outer) == "muss eine ganze Zahl sein, nicht 'zehn'"


def test_summary_line_in_both_languages():
    assert problems_found(1) == "Found 1 problem; nothing was written."
    assert catalog("de").translate(problems_found(3)) == "3 Probleme gefunden; es wurde nichts geschrieben."


def test_messages_survive_pickling():
    import pickle

    message = pickle.loads(pickle.dumps(msg("unknown field")))
    assert isinstance(message, Message) and message.template == "unknown field"


def code_messages() -> set[str]:
    found = set()
    for _, _, text, _, _ in extract_from_dir(str(ROOT / "benn_site"), method_map=[("**.py", "python")],
                                               keywords={"msg": None}):
        found.add(text if isinstance(text, str) else text[0])
    return found


def test_every_message_in_the_code_has_a_german_translation_with_the_same_placeholders():
    german = catalog("de").messages
    in_code = code_messages()
    assert len(in_code) > 150
    missing = sorted(m for m in in_code if m not in german)
    assert missing == [], "run 'make messages' and translate benn_site/locale/de.po"
    for msgid in in_code:
        assert set(PLACEHOLDER.findall(german[msgid])) == set(PLACEHOLDER.findall(msgid)), msgid


def test_the_catalog_holds_no_stale_messages():
    german = catalog("de").messages
    assert sorted(set(german) - code_messages()) == []
    assert (LOCALE_DIR / "de.po").is_file()
