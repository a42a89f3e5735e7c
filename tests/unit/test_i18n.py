"""i18n.py: interface strings fall back reader's language → default language → English msgid;
a msgid in no catalog is a template mistake and raises."""

from __future__ import annotations

import datetime as dt

import pytest

from benn_site.config import load_config
from benn_site.errors import RenderError
from benn_site.model import Site, Source, UiCatalog
from benn_site.rendering.i18n import Translator, date_text, language_name, own_name, time_text, weekday_names
from tests.conftest import NOW, SAMPLE_SITE_YAML


@pytest.fixture
def translator(tmp_path):
    (tmp_path / "site.yaml").write_text(SAMPLE_SITE_YAML, encoding="utf-8")
    config = load_config(tmp_path)  # de (default), en, ar
    catalogs = (
        UiCatalog("de", (("Office hours", "Sprechzeiten"), ("Map", "Karte"), ("Today", "")), Source("content/ui/de.po")),
        UiCatalog("ar", (("Office hours", "ساعات الدوام"), ("Map", ""), ("Today", "")), Source("content/ui/ar.po")),
        UiCatalog("en", (("Office hours", "Office hours"), ("Map", "Map"), ("Today", "Today")), Source("content/ui/en.po")),
    )
    return Translator(Site(config, NOW, (), (), (), catalogs))


def test_the_readers_language_first(translator):
    assert translator.gettext("ar", "Office hours") == "ساعات الدوام"
    assert translator.gettext("de", "Office hours") == "Sprechzeiten"
    assert translator.missing == set()


def test_then_the_default_language_and_the_gap_is_recorded(translator):
    assert translator.gettext("ar", "Map") == "Karte"
    assert translator.missing == {("ar", "Map")}
    assert not translator.has("ar", "Map") and translator.has("de", "Map")


def test_then_the_english_msgid(translator):
    assert translator.gettext("ar", "Today") == "Today"
    assert translator.gettext("de", "Today") == "Today"
    assert translator.missing == {("ar", "Today"), ("de", "Today")}


def test_a_language_without_a_catalog_falls_back_too(translator):
    assert translator.gettext("fa", "Office hours") == "Sprechzeiten"


def test_unknown_msgid_raises(translator):
    with pytest.raises(RenderError) as info:
        translator.gettext("de", "Opening hours")
    assert str(info.value) == ("content/ui: interface string 'Opening hours' is in no catalog "
                               "(run 'make messages' and translate it in content/ui/*.po)")


def test_cldr_formats_per_language():
    day = dt.date(2026, 11, 26)
    assert date_text(day, "de") == "Donnerstag, 26. November 2026"
    assert date_text(day, "en", "medium") == "Nov 26, 2026"
    assert time_text(dt.time(14, 0), "de") == "14:00"
    assert time_text(dt.time(23, 59, 59), "de") == "00:00"  # the end of a day written as 24:00
    assert weekday_names("de")[0] == "Montag" and len(weekday_names("ar")) == 7
    assert language_name("ar", "de") == "Arabisch"
    assert language_name("fa", "tr") == "Farsça"
    assert own_name("uk") == "українська"
    assert language_name("xx-invalid", "de") == "xx-invalid"
