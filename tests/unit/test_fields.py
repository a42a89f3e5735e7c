"""fields.py: dates, time ranges and moments as editors write them, and the messages for the rest."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from benn_site.reading.fields import END_OF_DAY, FieldChecker, clock_text, parse_date, parse_moment, parse_time_range
from benn_site.reading.yamlsource import parse_yaml

TZ = ZoneInfo("Europe/Berlin")


def moment(text: str):
    """parse_moment on `start: <text>` as line 3 of an event file: (result, messages)."""
    meta, errors = parse_yaml(f"start: {text}\n", "content/events/a.md", first_line=3)
    assert errors == []
    found = []
    result = parse_moment(meta["start"], TZ, FieldChecker("content/events/a.md", found), meta, "start")
    return result, [str(e) for e in found]


@pytest.mark.parametrize("value,expected", [
    ("2026-12-24", dt.date(2026, 12, 24)),
    (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
    (dt.datetime(2026, 1, 1, 5, 0), dt.date(2026, 1, 1)),
    ("2028-02-29", dt.date(2028, 2, 29)),
    ("2026-02-29", None),
    ("2026-13-01", None),
    ("2026-12-24 10:00", None),
    ("24.12.2026", None),
    (20261224, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_a_closing_time_of_24_00_is_the_end_of_the_day_and_written_back_as_24_00():
    (start, end), _ = parse_time_range("18:00-24:00")
    assert end == END_OF_DAY and end > dt.time(23, 59)
    assert (clock_text(start), clock_text(end)) == ("18:00", "24:00")
    assert clock_text(dt.time(0)) == "00:00" and clock_text(dt.time(9, 5)) == "09:05"
    for text in ("00:00-24:00", "09:30-12:00", "22:15-23:59"):
        (a, b), _ = parse_time_range(text)
        assert f"{clock_text(a)}-{clock_text(b)}" == text


@pytest.mark.parametrize("value,expected", [
    ("10:00-13:00", ((dt.time(10), dt.time(13)), None)),
    ("9:00 – 12:30", ((dt.time(9), dt.time(12, 30)), None)),
    ("18:00-24:00", ((dt.time(18), dt.time(23, 59, 59)), None)),
    ("13:00-10:00", (None, "'13:00-10:00' ends before it starts")),
    ("10:00-10:00", (None, "'10:00-10:00' ends when it starts")),
    ("25:00-26:00", (None, "'25:00-26:00' is not a time of day")),
    ("10:00-24:30", (None, "'10:00-24:30' is not a time of day")),
    ("10:60-11:00", (None, "'10:60-11:00' is not a time of day")),
    ("10-12", (None, "'10-12' is not a time range")),
    ("10:00", (None, "'10:00' is not a time range")),
])
def test_parse_time_range(value, expected):
    assert parse_time_range(value) == expected


def test_local_time_is_in_the_site_zone():
    (start, all_day), errors = moment("2026-11-26 12:00")
    assert errors == [] and all_day is False
    assert start == dt.datetime(2026, 11, 26, 12, 0, tzinfo=TZ)
    assert start.utcoffset() == dt.timedelta(hours=1)


def test_summer_time_offset():
    (start, _), _ = moment("2026-07-02 18:30")
    assert start.isoformat() == "2026-07-02T18:30:00+02:00"


def test_a_date_is_an_all_day_event():
    (start, all_day), errors = moment("2026-11-26")
    assert errors == [] and all_day is True
    assert start.isoformat() == "2026-11-26T00:00:00+01:00"


@pytest.mark.parametrize("text,expected", [
    ("2026-11-26 12:00+02:00", "2026-11-26T11:00:00+01:00"),
    ("2026-11-26 12:00+0530", "2026-11-26T07:30:00+01:00"),
    ("2026-11-26 12:00-05:00", "2026-11-26T18:00:00+01:00"),
    ("2026-11-26T12:00:00Z", "2026-11-26T13:00:00+01:00"),
    ("2026-11-26 12:00:00", "2026-11-26T12:00:00+01:00"),
    ("'2026-11-26 9:05'", "2026-11-26T09:05:00+01:00"),
])
def test_offsets_are_converted_to_the_site_zone(text, expected):
    (start, all_day), errors = moment(text)
    assert errors == [] and all_day is False
    assert start.isoformat() == expected
    assert start.tzinfo == TZ


def test_the_skipped_hour_at_the_start_of_summer_time_is_refused():
    result, errors = moment("2027-03-28 02:30")
    assert result is None
    assert errors == ["content/events/a.md:3: start: '2027-03-28 02:30' does not exist in Europe/Berlin: "
                      "the clocks skip that hour when summer time begins (choose a time outside the change, e.g. 03:00)"]


def test_the_edges_of_the_skipped_hour_exist():
    (before, _), _ = moment("2027-03-28 01:59")
    (after, _), _ = moment("2027-03-28 03:00")
    assert before.isoformat() == "2027-03-28T01:59:00+01:00"
    assert after.isoformat() == "2027-03-28T03:00:00+02:00"
    assert after.astimezone(dt.timezone.utc) - before.astimezone(dt.timezone.utc) == dt.timedelta(minutes=1)


def test_the_repeated_hour_in_autumn_is_the_first_one():
    (start, _), errors = moment("2026-10-25 02:30")
    assert errors == []
    assert start.isoformat() == "2026-10-25T02:30:00+02:00"


def test_an_offset_makes_the_skipped_hour_unambiguous():
    (start, _), errors = moment("2027-03-28 02:30+01:00")
    assert errors == []
    assert start.isoformat() == "2027-03-28T03:30:00+02:00"


@pytest.mark.parametrize("text,message", [
    ("2026-02-30 10:00", "'2026-02-30 10:00': this date does not exist (check day and month: April, June, September and November have 30 days, February 28 (29 in leap years))"),
    ("2026-11-26 24:00", "'2026-11-26 24:00': this time of day does not exist (use 00:00 to 23:59; midnight at the end of a day is 00:00 of the next day)"),
    ("tomorrow", "'tomorrow' is not a date and time (write it like 2026-11-26 12:00, or 2026-11-26 for a whole day)"),
    ("26.11.2026 12:00", "'26.11.2026 12:00' is not a date and time "
                         "(write it like 2026-11-26 12:00, or 2026-11-26 for a whole day)"),
])
def test_bad_moments(text, message):
    result, errors = moment(text)
    assert result is None
    assert errors == [f"content/events/a.md:3: start: {message}"]


def test_field_checker_reports_unknown_fields_with_did_you_mean():
    meta, _ = parse_yaml("title: A\nlocaton: mitte\ncolour: red\n", "content/events/a.md", first_line=2)
    found = []
    FieldChecker("content/events/a.md", found).known(meta, {"title", "location", "category"})
    assert [str(e) for e in found] == [
        "content/events/a.md:3: locaton: unknown field (did you mean 'location'?)",
        "content/events/a.md:4: colour: unknown field (allowed fields: category, location, title)",
    ]
