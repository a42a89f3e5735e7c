"""A location's office hours as a calendar (`office-hours.ics`), parsed back with
recurring-ical-events and compared, day by day, with the hours the location page itself shows
(its open-now data, made by calendar/schedule.py) for the next eight weeks.

Each sample site is built shortly before a change of the clocks, so the weeks compared cross it;
its hours hold a seasonal period, a closure and the public holidays (Easter, 1 May, 3 October).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from benn_site.build import build
from tests.conftest import sample_files, write_site

TZ = ZoneInfo("Europe/Berlin")
WEEKS = 8

LOCATION = """\
name: Büro Mitte
district: Mitte
address: {street: Teststraße 1, postcode: "10115"}
office_hours:
  mon: ["10:00-13:00"]
  thu: ["09:00-12:00", "14:00-18:00"]
  fri: ["09:00-12:00"]
  sat: ["10:00-14:00"]
seasonal_hours:
  - from: 2027-04-05
    until: 2027-04-16
    label: {de: Osterferien, en: Easter holidays}
    hours:
      tue: ["10:00-12:00"]
      thu: ["14:00-18:00"]
  - from: 2027-10-11
    until: 2027-10-22
    hours:
      wed: ["08:00-10:00"]
closures:
  - from: 2027-04-22
    until: 2027-04-23
    reason: {de: Teamtage, en: Team days}
  - from: 2027-11-05
    reason: Fortbildung
"""


def page_hours(html: str) -> dict[str, list[list[str]]]:
    data = json.loads(re.search(r'<script type="application/json" id="opening-data">(.*?)</script>', html, re.S)[1])
    return data["days"]


def calendar_hours(data: bytes, first: dt.date, days: int) -> dict[str, list[list[str]]]:
    start = dt.datetime.combine(first, dt.time(), TZ)
    found: dict[str, list[list[str]]] = {}
    cal = icalendar.Calendar.from_ical(data)
    for item in recurring_ical_events.of(cal).between(start, start + dt.timedelta(days=days)):
        begin, end = item["DTSTART"].dt.astimezone(TZ), item["DTEND"].dt.astimezone(TZ)
        assert begin.date() == end.date()
        found.setdefault(begin.date().isoformat(), []).append([begin.strftime("%H:%M"), end.strftime("%H:%M")])
    return {day: sorted(ranges) for day, ranges in sorted(found.items())}


@pytest.fixture(scope="module", params=["2027-03-10T10:00:00+01:00", "2027-10-06T18:00:00+02:00"],
                ids=["spring", "autumn"])
def built(request, tmp_path_factory):
    now = dt.datetime.fromisoformat(request.param)
    tmp = tmp_path_factory.mktemp("hours")
    root = write_site(tmp / "site", sample_files({"content/locations/mitte.yaml": LOCATION}))
    build(root, tmp / "out", now)
    return tmp / "out", now


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_the_calendar_gives_the_hours_the_page_shows_for_eight_weeks(built, lang):
    out, now = built
    today = now.astimezone(TZ).date()
    html = (out / lang / "locations" / "mitte" / "index.html").read_text(encoding="utf-8")
    shown = {day: ranges for day, ranges in page_hours(html).items()
             if dt.date.fromisoformat(day) < today + dt.timedelta(weeks=WEEKS)}
    ics = (out / lang / "locations" / "mitte" / "office-hours.ics").read_bytes()
    assert calendar_hours(ics, today, WEEKS * 7) == {day: sorted(r) for day, r in shown.items()}
    # The weeks compared cross the change of the clocks, and hold closed days the rule has.
    offsets = {dt.datetime.combine(today + dt.timedelta(days=n), dt.time(12), TZ).utcoffset()
               for n in range(WEEKS * 7)}
    assert len(offsets) == 2


def test_the_holidays_closures_and_seasons_are_in_the_file(built):
    out, now = built
    cal = icalendar.Calendar.from_ical((out / "en" / "locations" / "mitte" / "office-hours.ics").read_bytes())
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    events = cal.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(e["DTSTART"].params["TZID"] == "Europe/Berlin" for e in events)
    assert all(str(e["SUMMARY"]) == "Office hours: Büro Mitte" for e in events)
    skipped = {d.dt.date() for e in events if "EXDATE" in e for d in e["EXDATE"].dts}
    seasonal = [e for e in events if "UNTIL" in e["RRULE"]]
    if now.month == 3:
        # Good Friday, Easter Monday, 1 May; the team days; the regular hours in the Easter holidays.
        assert {dt.date(2027, 3, 26), dt.date(2027, 3, 29), dt.date(2027, 5, 1),
                dt.date(2027, 4, 22), dt.date(2027, 4, 23), dt.date(2027, 4, 5)} <= skipped
        easter = [e for e in seasonal if e["DTSTART"].dt.month == 4]
        assert {e["DTSTART"].dt.date() for e in easter} == {dt.date(2027, 4, 6), dt.date(2027, 4, 8)}
        assert {e["RRULE"]["UNTIL"][0] for e in easter} == {dt.datetime(2027, 4, 16, 21, 59, 59, tzinfo=dt.timezone.utc)}
        assert len(seasonal) == 3  # and the autumn period's Wednesday, months ahead
    else:
        assert {dt.date(2027, 11, 5), dt.date(2027, 12, 25), dt.date(2027, 10, 11)} <= skipped
        assert len(seasonal) == 1 and seasonal[0]["DTSTART"].dt == dt.datetime(2027, 10, 13, 8, 0, tzinfo=TZ)


def test_the_location_page_links_it_in_every_language(built):
    out, _ = built
    for lang, label in (("de", "Sprechzeiten in meinen Kalender übernehmen"),
                        ("en", "Add office hours to my calendar"), ("ar", "أضف ساعات الدوام إلى تقويمي")):
        html = (out / lang / "locations" / "mitte" / "index.html").read_text(encoding="utf-8")
        assert f'href="/{lang}/locations/mitte/office-hours.ics" type="text/calendar">{label}</a>' in html


def test_no_calendar_for_a_location_without_hours_or_that_has_ended(tmp_path):
    ended = LOCATION + "status: ended\nended: 2026-06-30\n"
    files = sample_files({"content/locations/mitte.yaml": ended,
                          "content/locations/nord.yaml": "name: Büro Nord\ndistrict: Mitte\n"})
    root = write_site(tmp_path / "site", files)
    build(root, tmp_path / "out", dt.datetime(2027, 3, 10, 10, tzinfo=TZ))
    assert not list((tmp_path / "out").rglob("office-hours.ics"))
    assert "office-hours.ics" not in (tmp_path / "out" / "de" / "locations" / "nord" / "index.html").read_text()
