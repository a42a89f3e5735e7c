"""yamlsource.py: line numbers on every key, and the mistakes PyYAML would let pass or blur."""

from __future__ import annotations

import datetime as dt

from benn_site.errors import ConfigError, ContentError
from benn_site.reading.yamlsource import parse_yaml


def messages(errors):
    return [str(e) for e in errors]


def test_mappings_and_lists_remember_their_lines():
    data, errors = parse_yaml("name: Büro\naddress:\n  street: Teststraße 1\nhours:\n  - 10:00-12:00\n\n  - 14:00-16:00\n",
                              "content/locations/x.yaml")
    assert errors == []
    assert data.line == 1
    assert data.lines == {"name": 1, "address": 2, "hours": 4}
    assert data["address"].line == 3
    assert data["address"].lines == {"street": 3}
    assert data["hours"].lines == [5, 7]


def test_front_matter_lines_are_offset_to_the_file():
    data, errors = parse_yaml("title: A\nclosures:\n  - {from: 2026-12-24}\n", "content/events/a.md", first_line=2)
    assert errors == []
    assert data.lines == {"title": 2, "closures": 3}
    assert data["closures"].lines == [4]
    assert data["closures"][0].lines == {"from": 4}


def test_duplicate_key_names_both_lines():
    data, errors = parse_yaml("title: A\nstart: 2026-11-26\ntitle: B\n", "content/events/a.md", first_line=2)
    assert messages(errors) == ["content/events/a.md:4: title: this field appears twice; the first is on line 2 (keep one of them: YAML would silently use only the last one)"]
    assert all(isinstance(e, ContentError) for e in errors)


def test_duplicate_key_in_a_nested_mapping():
    _, errors = parse_yaml("office_hours:\n  mon: ['10:00-12:00']\n  tue: []\n  mon: []\n", "x.yaml")
    assert messages(errors) == ["x.yaml:4: mon: this field appears twice; the first is on line 2 (keep one of them: YAML would silently use only the last one)"]


def test_tab_indentation_is_named_per_line():
    _, errors = parse_yaml("address:\n\tstreet: A\n  postcode: '1'\n\tcity: B\n", "x.yaml", first_line=1)
    assert messages(errors) == [
        "x.yaml:2: indented with a tab (YAML needs spaces: replace the tab with spaces)",
        "x.yaml:4: indented with a tab (YAML needs spaces: replace the tab with spaces)",
    ]


def test_syntax_error_line():
    _, errors = parse_yaml("a: 1\n b: 2\n", "site.yaml", error_type=ConfigError)
    assert messages(errors) == [
        "site.yaml:2: a colon ':' where YAML does not expect one (put a text that contains ': ' in quotes, "
        "e.g. title: \"Treffen: Kochen\"; or check that this line is indented like the one above)"]
    assert isinstance(errors[0], ConfigError)


def test_syntax_error_line_in_front_matter():
    _, errors = parse_yaml("title: A\nlanguages: [de, ar\nfree: true\n", "content/events/a.md", first_line=2)
    assert messages(errors) == [
        "content/events/a.md:3: a bracket opened on this line is not closed with ']' "
        "(close it on the same line, e.g. [de, ar] or {de: …, en: …})"]


def test_unclosed_quote_points_at_the_line_that_opened_it():
    # PyYAML reports the end of the text, a line after the last one; the quote is on line 2.
    _, errors = parse_yaml("name: A\ntitle: \"Café\ndistrict: Mitte\n", "x.yaml")
    assert messages(errors) == [
        "x.yaml:2: a quote opened on this line is never closed (add the closing quote at the end of the text)"]


def test_unclosed_bracket_points_at_the_line_that_opened_it():
    _, errors = parse_yaml("title: A\nlanguages: [de,\n  ar\n", "content/events/a.md", first_line=2)
    assert messages(errors) == [
        "content/events/a.md:3: a bracket opened on this line is not closed with ']' "
        "(close it on the same line, e.g. [de, ar] or {de: …, en: …})"]


def test_times_stay_text_and_impossible_dates_stay_text_for_a_clear_error_later():
    data, errors = parse_yaml("t: 12:30\nn: 42\nd: 2026-12-24\nbad: 2026-02-30\nhex: 0x1f\n", "x.yaml")
    assert errors == []
    assert data == {"t": "12:30", "n": 42, "d": dt.date(2026, 12, 24), "bad": "2026-02-30", "hex": 31}


def test_empty_text_is_none():
    assert parse_yaml("", "x.yaml") == (None, [])
