"""config.py: site.yaml read into a frozen Config; every bad key reported in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

from benn_site.config import load_config
from benn_site.errors import BuildFailed, ConfigError
from tests.conftest import SAMPLE_SITE_YAML


def load(tmp_path: Path, text: str):
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(BuildFailed) as info:
        load(tmp_path, text)
    assert all(isinstance(e, ConfigError) for e in info.value.errors)
    return str(info.value).splitlines()


def test_sample_config(tmp_path):
    config = load(tmp_path, SAMPLE_SITE_YAML)
    assert config.codes == ("de", "en", "ar")
    assert config.language("ar").dir == "rtl"
    assert config.default_language == "de"
    assert config.base_url == "https://test.example/"
    assert config.base_path == "/"
    assert config.timezone == "Europe/Berlin"
    assert config.navigation == ("home", "locations", "events", "about")
    assert config.holidays == ("DE", "BE")
    assert config.category("cafe")("ar") == "مقهى"
    assert config.title("en") == "Neighbourhood Test"
    assert config.title("ar") == "اختبار الحي"
    assert config.events_horizon_weeks == 8


def test_defaults_and_a_sub_path(tmp_path):
    config = load(tmp_path, "title: T\nbase_url: https://example.org/city\ndefault_language: en\n"
                            "languages: [{code: en, name: English}]\n")
    assert config.base_url == "https://example.org/city/"
    assert config.base_path == "/city/"
    assert config.language("en").dir == "ltr"
    assert config.navigation == ("home", "locations", "events")
    assert config.holidays is None
    assert config.tagline is None


def test_every_bad_key_is_reported_at_once(tmp_path):
    text = """\
title: Test
base_url: ftp://example.org
timezone: Europe/Berlinn
default_language: fr
languages:
  - {code: de, name: Deutsch}
  - {code: ar, name: العربية, dir: rlt}
  - {code: DE_de, name: X}
  - {code: de, name: Noch einmal}
  - {nam: Y}
navigaton: [home]
events_horizon_weeks: soon
holidays: {country: DE, subdivision: XX, foo: 1}
categories:
  Cafe: {de: Café, xx: Cafe}
contact: {email: office@example.org, fax: 1}
"""
    assert problems(tmp_path, text) == [
        "site.yaml:2: base_url: 'ftp://example.org' is not a web address "
        "(write it like https://example.org/ or https://example.org/sub/path/)",
        "site.yaml:3: timezone: unknown time zone 'Europe/Berlinn' (e.g. Europe/Berlin)",
        "site.yaml:4: default_language: 'fr' is not one of the languages (add it to 'languages')",
        "site.yaml:7: languages[1].dir: must be ltr or rtl, not 'rlt' "
        "(rtl for Arabic, Farsi, Hebrew, Urdu; ltr for the others)",
        "site.yaml:8: languages[2].code: 'DE_de' is not a BCP 47 language code (e.g. de, ar, fa, pt-BR)",
        "site.yaml:9: languages[3].code: language 'de' is declared twice (delete one of them)",
        "site.yaml:10: languages[4].code: required field is missing (add a line 'code: …')",
        "site.yaml:10: languages[4].nam: unknown field (did you mean 'name'?)",
        "site.yaml:10: languages[4].name: required field is missing (add a line 'name: …')",
        "site.yaml:11: navigaton: unknown field (did you mean 'navigation'?)",
        "site.yaml:12: events_horizon_weeks: must be a whole number of weeks, not 'soon'",
        "site.yaml:13: holidays.foo: unknown field (allowed fields: country, subdivision)",
        "site.yaml:13: holidays.subdivision: 'XX' is not a subdivision of DE "
        "(one of: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH, Augsburg)",
        "site.yaml:15: categories.Cafe: 'Cafe' is not a valid key (use lowercase letters, digits and -)",
        "site.yaml:15: categories.Cafe.xx: language 'xx' is not declared in site.yaml (the site's languages are: de, ar, DE_de, de)",
        "site.yaml:16: contact.fax: unknown field (allowed fields: email, phone)",
    ]


def test_did_you_mean_for_an_unknown_field(tmp_path):
    text = SAMPLE_SITE_YAML.replace("base_url:", "baseurl:")
    assert problems(tmp_path, text) == [
        "site.yaml:1: base_url: required field is missing (add a line 'base_url: …')",
        "site.yaml:2: baseurl: unknown field (did you mean 'base_url'?)",
    ]


def test_default_language_must_be_declared(tmp_path):
    text = SAMPLE_SITE_YAML.replace("default_language: de", "default_language: eng")
    assert problems(tmp_path, text) == [
        "site.yaml:3: default_language: 'eng' is not one of the languages (did you mean 'en'?)"]


def test_bad_direction(tmp_path):
    text = SAMPLE_SITE_YAML.replace("dir: rtl", "dir: right-to-left")
    assert problems(tmp_path, text) == [
        "site.yaml:7: languages[2].dir: must be ltr or rtl, not 'right-to-left' "
        "(rtl for Arabic, Farsi, Hebrew, Urdu; ltr for the others)"]


def test_unknown_holiday_country(tmp_path):
    text = SAMPLE_SITE_YAML.replace("country: DE", "country: de")
    assert problems(tmp_path, text) == ["site.yaml:9: holidays: unknown country 'de' (did you mean 'DE'?)"]


def test_text_in_an_undeclared_language(tmp_path):
    text = SAMPLE_SITE_YAML.replace("en: Neighbourhood Test", "enn: Neighbourhood Test")
    assert problems(tmp_path, text) == [
        "site.yaml:1: title.enn: language 'enn' is not declared in site.yaml (did you mean 'en'?)"]


def test_missing_file_and_not_a_mapping(tmp_path):
    with pytest.raises(BuildFailed) as info:
        load_config(tmp_path)
    assert str(info.value) == f"site.yaml: file not found (is '{tmp_path}' a site folder? Go to the folder with site.yaml, or give it with --site FOLDER)"
    assert problems(tmp_path, "- de\n- en\n") == [
        "site.yaml:1: must be settings like 'title: …' (see README.md, section site.yaml)"]


def test_yaml_problems_stop_before_field_checks(tmp_path):
    assert problems(tmp_path, "title: A\ntitle: B\nlanguages: []\n") == [
        "site.yaml:2: title: this field appears twice; the first is on line 1 (keep one of them: YAML would silently use only the last one)"]


def test_base_url_override(tmp_path):
    (tmp_path / "site.yaml").write_text(SAMPLE_SITE_YAML, encoding="utf-8")
    config = load_config(tmp_path, base_url="http://127.0.0.1:8000/preview")
    assert config.base_url == "http://127.0.0.1:8000/preview/"
    assert config.base_path == "/preview/"


def test_a_bad_footer_is_reported_in_the_editors_language(tmp_path):
    from benn_site.messages import catalog

    with pytest.raises(BuildFailed) as info:
        load(tmp_path, SAMPLE_SITE_YAML + "footer: imprint\n")
    [error] = [e for e in info.value.errors if e.field == "footer"]
    assert error.message == "must be a list of page slugs"
    assert catalog("de").translate(error.message) == "muss eine Liste von Seitennamen (Slugs) sein"
    assert catalog("de").translate(error.hint) == "z. B. [accessibility, imprint, privacy]"


def test_data_licence_is_an_optional_name(tmp_path):
    assert load(tmp_path, SAMPLE_SITE_YAML).data_licence is None
    assert load(tmp_path, SAMPLE_SITE_YAML + "data_licence: ' CC BY 4.0 '\n").data_licence == "CC BY 4.0"
    assert any("data_licence" in p for p in problems(tmp_path, SAMPLE_SITE_YAML + "data_licence: [CC, BY]\n"))
    assert any("data_licence" in p for p in problems(tmp_path, SAMPLE_SITE_YAML + "data_licence: ''\n"))
