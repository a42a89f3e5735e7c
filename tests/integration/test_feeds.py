"""Calendar and Atom feeds, sitemap and robots.txt: every file parsed back and checked.

The shipped portal's feeds are compared with the site's own listing; a small sample site holds
one event for each case that is easy to get wrong (DST weekends, midnight, exceptions, moved
dates, the n-th weekday of a month, all-day events, cancellation).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from benn_site.build import build, prepare
from benn_site.calendar import schedule
from benn_site.rendering.i18n import Translator
from tests.conftest import NOW, ROOT, sample_files, write_site

TZ = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


def expand_ics(data: bytes, start: dt.datetime, end: dt.datetime) -> set[tuple[str, dt.datetime, dt.datetime]]:
    """(event slug, start, end) of every occurrence in [start, end), all-day ones at local midnight."""
    found = set()
    for item in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(start, end):
        begin, finish = item["DTSTART"].dt, item["DTEND"].dt
        if not isinstance(begin, dt.datetime):
            begin, finish = (dt.datetime.combine(d, dt.time(), TZ) for d in (begin, finish))
        found.add((str(item["UID"]).split("@")[0], begin, finish))
    return found


def listed(events, start: dt.datetime, end: dt.datetime) -> set[tuple[str, dt.datetime, dt.datetime]]:
    return {(o.event.slug, o.start, o.end) for o in schedule.occurrences(events, TZ, start, end)}


# -- the shipped portal ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def portal_site():
    return prepare(ROOT, NOW)[1]


def test_every_calendar_parses_and_matches_the_listing_over_the_horizon(portal, portal_site):
    horizon = NOW + dt.timedelta(weeks=portal_site.config.events_horizon_weeks)
    files = sorted(p for p in portal.rglob("*.ics") if p.name != "office-hours.ics")  # test_office_hours_calendar
    active = [loc for loc in portal_site.locations if loc.active]
    assert len(files) == len(LANGS) * (1 + len(active) + len(portal_site.events))
    for path in files:
        rel = path.relative_to(portal).as_posix()
        if rel.endswith("/events/" + path.parent.name + "/event.ics"):
            events = [e for e in portal_site.events if e.slug == path.parent.name]
        elif "/locations/" in rel:
            events = [e for e in portal_site.events if e.location == path.parent.name]
        else:
            events = portal_site.events
        assert expand_ics(path.read_bytes(), NOW, horizon) == listed(events, NOW, horizon), rel


def test_the_whole_calendar_matches_the_site_over_every_date(portal, portal_site):
    """Not only the horizon: from the first event to the last date any rule can give."""
    start, end = dt.datetime(2026, 1, 1, tzinfo=TZ), dt.datetime(2028, 1, 1, tzinfo=TZ)
    data = (portal / "de" / "events.ics").read_bytes()
    assert expand_ics(data, start, end) == listed(portal_site.events, start, end)


def test_calendar_fields(portal):
    cal = icalendar.Calendar.from_ical((portal / "en" / "events.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "Events – BENN – Berlin Develops New Neighbourhoods"
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    onsets = {(part.name, part["DTSTART"].dt) for part in zone.subcomponents}
    # RFC 5545: the onset is the wall-clock time before the change (02:00 CET in spring, 03:00 CEST in autumn).
    assert ("DAYLIGHT", dt.datetime(2026, 3, 29, 2, 0)) in onsets
    assert ("STANDARD", dt.datetime(2026, 10, 25, 3, 0)) in onsets
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    cafe = events["2026-10-29-sprachcafe@benn.berlin.example"]
    assert str(cafe["SUMMARY"]) == "Language café" and cafe["SUMMARY"].params["LANGUAGE"] == "en"
    assert cafe["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert cafe["DTSTAMP"].dt == NOW.astimezone(UTC)
    assert str(cafe["URL"]) == "https://benn.berlin.example/en/events/2026-10-29-sprachcafe/"
    assert str(cafe["STATUS"]) == "CONFIRMED"
    assert cafe["RRULE"]["FREQ"] == ["WEEKLY"]
    assert cafe["RRULE"]["UNTIL"] == [dt.datetime(2027, 6, 24, 21, 59, 59, tzinfo=UTC)]
    assert [d.dt.date() for d in cafe["EXDATE"].dts] == [dt.date(2026, 12, 24), dt.date(2026, 12, 31), dt.date(2027, 5, 6)]
    assert "Marzahner Promenade" in str(cafe["LOCATION"])
    cancelled = events["2026-12-09-adventsbasteln@benn.berlin.example"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    # The description has no English version: the German text, labelled as German.
    assert events["2026-11-02-gymnastik@benn.berlin.example"]["DESCRIPTION"].params["LANGUAGE"] == "de"
    monthly = events["2026-11-10-kochtreff@benn.berlin.example"]
    assert monthly["RRULE"]["BYDAY"] == ["2TU"]


def test_one_event_calendar_per_event_page(portal):
    data = (portal / "ar" / "events" / "2026-11-02-gymnastik" / "event.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    # The moved occurrence: its date is excluded, its new date added.
    assert [d.dt for d in event["RDATE"].dts] == [dt.datetime(2026, 12, 8, 17, 0, tzinfo=TZ)]
    assert dt.datetime(2026, 12, 7, 17, 0, tzinfo=TZ) in [d.dt for d in event["EXDATE"].dts]
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_atom_feed_lists_the_upcoming_events(portal, portal_site):
    upcoming = [o for o in schedule.occurrences(portal_site.events, TZ, NOW, NOW + dt.timedelta(weeks=8))
                if o.end > NOW]
    expected = list(dict.fromkeys(o.event.slug for o in upcoming))
    for lang in ("de", "ar"):
        root = ET.fromstring((portal / lang / "events.atom").read_bytes())
        assert root.tag == ATOM + "feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert root.findtext(ATOM + "updated") == "2026-11-25T09:00:00Z"
        assert root.find(ATOM + "link[@rel='self']").get("href") == f"https://benn.berlin.example/{lang}/events.atom"
        entries = root.findall(ATOM + "entry")
        slugs = [e.findtext(ATOM + "id").rstrip("/").rsplit("/", 1)[1] for e in entries]
        assert slugs == expected
    root = ET.fromstring((portal / "de" / "events.atom").read_bytes())
    first = root.find(ATOM + "entry")
    assert first.find(ATOM + "link[@rel='alternate']").get("href") == (
        f"https://benn.berlin.example/de/events/{expected[0]}/")
    cancelled = [e for e in root.findall(ATOM + "entry") if "adventsbasteln" in e.findtext(ATOM + "id")]
    word = Translator(portal_site).gettext("de", "Cancelled")
    assert cancelled and cancelled[0].findtext(ATOM + "title").startswith(word + ": ")


def test_sitemap_lists_every_page_with_its_translations(portal):
    root = ET.fromstring((portal / "sitemap.xml").read_bytes())
    urls = {u.findtext(SM + "loc"): u for u in root.findall(SM + "url")}
    # every page but the unlisted one for editors (translation status) and the offline pages only the
    # service worker shows, which stay out of the sitemap
    pages = [p for p in portal.rglob("index.html") if p.relative_to(portal).parts[0] not in ("editors", "offline")]
    assert len(urls) == len(pages)
    assert "https://benn.berlin.example/404.html" not in urls
    for path in pages:
        loc = "https://benn.berlin.example/" + path.parent.relative_to(portal).as_posix() + "/"
        assert loc.replace("example/./", "example/") in urls, path
    entry = urls["https://benn.berlin.example/fa/locations/buckow/"]
    links = {link.get("hreflang"): link.get("href") for link in entry.findall(XHTML + "link")}
    assert links == {**{code: f"https://benn.berlin.example/{code}/locations/buckow/" for code in LANGS},
                     "x-default": "https://benn.berlin.example/de/locations/buckow/"}
    root_links = {link.get("hreflang"): link.get("href") for link in urls["https://benn.berlin.example/"].findall(XHTML + "link")}
    assert root_links == {"x-default": "https://benn.berlin.example/"}


def test_robots_points_to_the_sitemap(portal):
    assert (portal / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://benn.berlin.example/sitemap.xml\n")


# -- a sample site with the hard cases -------------------------------------------------------

CASES = {
    # Sunday mornings across the spring change (last Sunday of March 2027).
    "spring": "start: 2027-03-14 10:00\nend: 2027-03-14 12:00\nrecurrence: {freq: weekly, count: 4}",
    # Saturday nights across the autumn change (last Sunday of October 2026), until 04:00.
    "autumn": "start: 2026-10-17 22:00\nend: 2026-10-18 04:00\nrecurrence: {freq: weekly, count: 3}",
    "night": "start: 2026-12-04 22:00\nend: 2026-12-05 01:00\nrecurrence: {freq: weekly, count: 3}",
    "weekly": ("start: 2026-11-26 12:00\nend: 2026-11-26 14:00\nrecurrence: {freq: weekly, until: 2027-01-28, "
               "except: [2026-12-24, 2026-12-31], moved: [{from: 2027-01-07, to: '2027-01-08 15:00'}]}"),
    "fortnight": "start: 2026-11-30 09:00\nend: 2026-11-30 10:30\nrecurrence: {freq: weekly, interval: 2, until: 2027-02-08}",
    "second-tuesday": ("start: 2026-12-08 18:00\nend: 2026-12-08 20:00\n"
                       "recurrence: {freq: monthly, weekday: tue, nth: 2, until: 2027-06-08}"),
    "last-friday": "start: 2026-11-27 09:00\nend: 2026-11-27 11:00\nrecurrence: {freq: monthly, weekday: fri, nth: -1, count: 6}",
    "days": "start: 2026-12-05\nend: 2026-12-06",
    "allday-weekly": "start: 2026-12-01\nrecurrence: {freq: weekly, count: 5, except: [2026-12-15]}",
    "cancelled": "start: 2026-12-02 15:00\ncancelled: true",
}


def case_files(now_event: str | None = None) -> dict[str, str]:
    files = {f"content/events/{slug}.md": f"---\ntitle: {{de: Fall {slug}, en: Case {slug}}}\n{body}\nlocation: mitte\n---\nText.\n"
             for slug, body in CASES.items()}
    return sample_files(files)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("cases") / "site", case_files())
    out = root.parent / "out"
    build(root, out, NOW)
    return root, out, prepare(root, NOW)[1]


def occurrences_of(out: Path, slug: str) -> list[tuple[str, str]]:
    data = (out / "de" / "events" / slug / "event.ics").read_bytes()
    found = expand_ics(data, dt.datetime(2026, 1, 1, tzinfo=TZ), dt.datetime(2028, 1, 1, tzinfo=TZ))
    return sorted((start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat()) for _, start, end in found)


def test_every_case_expands_as_the_site_lists_it(cases):
    root, out, site = cases
    window = (dt.datetime(2026, 1, 1, tzinfo=TZ), dt.datetime(2028, 1, 1, tzinfo=TZ))
    for lang in ("de", "en", "ar"):
        assert expand_ics((out / lang / "events.ics").read_bytes(), *window) == listed(site.events, *window)
        location = (out / lang / "locations" / "mitte" / "events.ics").read_bytes()
        assert expand_ics(location, *window) == listed(site.events, *window)


def test_spring_dst_keeps_the_wall_clock_time(cases):
    assert occurrences_of(cases[1], "spring") == [
        ("2027-03-14T09:00:00+00:00", "2027-03-14T11:00:00+00:00"),
        ("2027-03-21T09:00:00+00:00", "2027-03-21T11:00:00+00:00"),
        ("2027-03-28T08:00:00+00:00", "2027-03-28T10:00:00+00:00"),  # 10:00 CEST
        ("2027-04-04T08:00:00+00:00", "2027-04-04T10:00:00+00:00"),
    ]


def test_autumn_dst_night_event_crossing_midnight(cases):
    # 22:00 to 04:00 local; the night of 24/25 October has an hour more, the wall-clock times stay.
    assert occurrences_of(cases[1], "autumn") == [
        ("2026-10-17T20:00:00+00:00", "2026-10-18T02:00:00+00:00"),
        ("2026-10-24T20:00:00+00:00", "2026-10-25T03:00:00+00:00"),
        ("2026-10-31T21:00:00+00:00", "2026-11-01T03:00:00+00:00"),
    ]
    # RFC 5545 would give that night's instance the first one's six real hours: it has its own VEVENT.
    ics = (cases[1] / "de" / "events" / "autumn" / "event.ics").read_text()
    assert ics.count("BEGIN:VEVENT") == 2
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20261024T220000" in ics
    assert "DTEND;TZID=Europe/Berlin:20261025T040000" in ics


def test_event_crossing_midnight(cases):
    ics = (cases[1] / "de" / "events" / "night" / "event.ics").read_text()
    assert "DTSTART;TZID=Europe/Berlin:20261204T220000" in ics
    assert "DTEND;TZID=Europe/Berlin:20261205T010000" in ics
    assert occurrences_of(cases[1], "night")[1] == ("2026-12-11T21:00:00+00:00", "2026-12-12T00:00:00+00:00")


def test_weekly_with_exceptions_and_a_moved_date(cases):
    starts = [s for s, _ in occurrences_of(cases[1], "weekly")]
    assert "2026-12-24T11:00:00+00:00" not in starts and "2026-12-31T11:00:00+00:00" not in starts
    assert "2027-01-07T11:00:00+00:00" not in starts and "2027-01-08T14:00:00+00:00" in starts
    assert len(starts) == 10 - 2  # ten Thursdays from 26 Nov to 28 Jan, two excepted, one moved
    ics = (cases[1] / "de" / "events" / "weekly" / "event.ics").read_text()
    assert "EXDATE;TZID=Europe/Berlin:20261224T120000,20261231T120000,20270107T120000" in ics
    assert "RDATE;TZID=Europe/Berlin:20270108T150000" in ics


def test_monthly_second_tuesday(cases):
    starts = [s[:10] for s, _ in occurrences_of(cases[1], "second-tuesday")]
    assert starts == ["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11", "2027-06-08"]
    assert "RRULE:FREQ=MONTHLY;UNTIL=20270608T215959Z;BYDAY=2TU" in (
        cases[1] / "de" / "events" / "second-tuesday" / "event.ics").read_text()


def test_last_friday_and_fortnightly(cases):
    assert [s[:10] for s, _ in occurrences_of(cases[1], "last-friday")] == [
        "2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30"]
    assert [s[:10] for s, _ in occurrences_of(cases[1], "fortnight")] == [
        "2026-11-30", "2026-12-14", "2026-12-28", "2027-01-11", "2027-01-25", "2027-02-08"]


def test_all_day_events_are_dates(cases):
    ics = (cases[1] / "de" / "events" / "days" / "event.ics").read_text()
    assert "DTSTART;VALUE=DATE:20261205" in ics and "DTEND;VALUE=DATE:20261207" in ics
    weekly = (cases[1] / "de" / "events" / "allday-weekly" / "event.ics").read_text()
    assert "EXDATE;VALUE=DATE:20261215" in weekly
    assert [s[:10] for s, _ in occurrences_of(cases[1], "allday-weekly")] == [
        "2026-11-30", "2026-12-07", "2026-12-21", "2026-12-28"]  # local midnight is 23:00 UTC the day before


def test_cancelled_event_stays_in_the_calendar_as_cancelled(cases):
    ics = (cases[1] / "en" / "events" / "cancelled" / "event.ics").read_text()
    assert "STATUS:CANCELLED" in ics and "SUMMARY;LANGUAGE=en:Case cancelled" in ics


def test_a_sub_path_base_url_reaches_every_feed_url(tmp_path):
    files = sample_files({"site.yaml": sample_files()["site.yaml"].replace(
        "https://test.example/", "https://test.example/nachbarn/")})
    root = write_site(tmp_path / "site", files)
    build(root, tmp_path / "out", NOW)
    ics = icalendar.Calendar.from_ical((tmp_path / "out" / "en" / "events.ics").read_bytes())
    (event,) = ics.walk("VEVENT")
    assert str(event["URL"]) == "https://test.example/nachbarn/en/events/2026-11-26-cafe/"
    assert str(event["UID"]) == "2026-11-26-cafe@test.example"
    assert "Sitemap: https://test.example/nachbarn/sitemap.xml" in (tmp_path / "out" / "robots.txt").read_text()
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text()
    assert "<loc>https://test.example/nachbarn/de/events/</loc>" in sitemap
    atom = ET.fromstring((tmp_path / "out" / "de" / "events.atom").read_bytes())
    assert atom.find(ATOM + "link[@rel='self']").get("href") == "https://test.example/nachbarn/de/events.atom"


@pytest.mark.parametrize("now,upcoming", [
    ("2026-11-26T15:30:00+01:00", True),  # the café runs 14:00-16:00: still upcoming
    ("2026-11-26T16:00:00+01:00", False),  # it has ended
])
def test_a_build_on_the_day_of_an_event(tmp_path, now, upcoming):
    root = write_site(tmp_path / "site", sample_files())
    moment = dt.datetime.fromisoformat(now)
    build(root, tmp_path / "out", moment)
    out = tmp_path / "out"
    events = (out / "de" / "events" / "index.html").read_text()
    archive = (out / "de" / "events" / "archive" / "index.html").read_text()
    assert ('href="/de/events/2026-11-26-cafe/"' in events) is upcoming
    assert ('href="/de/events/2026-11-26-cafe/"' in archive) is not upcoming
    atom = ET.fromstring((out / "de" / "events.atom").read_bytes())
    assert len(atom.findall(ATOM + "entry")) == (1 if upcoming else 0)
    found = expand_ics((out / "de" / "events.ics").read_bytes(), moment, moment + dt.timedelta(weeks=8))
    assert bool(found) is upcoming
