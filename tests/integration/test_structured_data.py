"""JSON-LD on event and location pages, the OSM opening_hours attribute, and the feed links."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from benn_site.build import build, prepare
from benn_site.calendar import hours_formats
from tests.conftest import NOW, ROOT, sample_files, write_site

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(path) -> dict:
    (text,) = LD.findall(path.read_text(encoding="utf-8"))
    return json.loads(text)


@pytest.fixture(scope="module")
def site():
    return prepare(ROOT, NOW)[1]


def test_event_page_describes_the_next_occurrence(portal):
    data = jsonld(portal / "de" / "events" / "2026-11-10-kochtreff" / "index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Kochtreff: Gerichte aus aller Welt"
    # The second Tuesday after the build date, with its offset.
    assert data["startDate"] == "2026-12-08T17:00:00+01:00"
    assert data["endDate"] == "2026-12-08T20:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == {"@type": "PostalAddress", "streetAddress": "Pohlestraße 4",
                                           "postalCode": "12557", "addressLocality": "Berlin"}
    assert data["organizer"] == {"@type": "Organization", "name": "BENN – Berlin Entwickelt Neue Nachbarschaften",
                                 "url": "https://benn.berlin.example/de/", "email": "benn@benn.berlin.example"}
    assert data["inLanguage"] == ["de", "ar", "tr", "en"]
    assert data["url"] == "https://benn.berlin.example/de/events/2026-11-10-kochtreff/"
    assert data["eventSchedule"]["byDay"] == "2TU" and data["eventSchedule"]["repeatFrequency"] == "P1M"


def test_cancelled_and_free_events(portal, site):
    data = jsonld(portal / "en" / "events" / "2026-12-09-adventsbasteln" / "index.html")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    event = next(e for e in site.events if e.slug == "2026-12-09-adventsbasteln")
    assert data.get("isAccessibleForFree") is (True if event.free else None)
    free = next(e for e in site.events if e.free)
    assert jsonld(portal / "en" / "events" / free.slug / "index.html")["isAccessibleForFree"] is True


def test_every_event_and_location_page_has_valid_jsonld(portal, site):
    for event in site.events:
        data = jsonld(portal / "fa" / "events" / event.slug / "index.html")
        start = dt.datetime.fromisoformat(data["startDate"])
        assert event.all_day or start.utcoffset() is not None, event.slug
    for location in site.locations:
        data = jsonld(portal / "fa" / "locations" / location.slug / "index.html")
        assert data["@type"] == "GovernmentOffice" and data["name"], location.slug


def test_location_page_has_hours_address_geo_and_phone(portal, site):
    location = site.location("blumberger-damm")
    data = jsonld(portal / "de" / "locations" / "blumberger-damm" / "index.html")
    assert data["address"]["streetAddress"] == location.address.street
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": location.coordinates.lat,
                           "longitude": location.coordinates.lon}
    assert data["telephone"] == location.phone
    regular = hours_formats.opening_hours_specification(location)
    assert data["openingHoursSpecification"][:len(regular)] == regular
    html = (portal / "de" / "locations" / "blumberger-damm" / "index.html").read_text(encoding="utf-8")
    assert f'data-opening-hours="{hours_formats.osm_opening_hours(location)}"' in html
    assert hours_formats.osm_opening_hours(location).endswith("; PH off")


def test_closure_overlapping_public_holidays_is_announced_once(portal, site):
    """Blumberger Damm closes 23 Dec - 2 Jan, over Christmas and New Year's Day: the closure is
    the one notice, the JSON-LD has no extra holiday for those days, the badge data no open day."""
    location = site.location("blumberger-damm")
    closure = next(c for c in location.closures if c.start == dt.date(2026, 12, 23))
    assert closure.until == dt.date(2027, 1, 2)
    html = (portal / "de" / "locations" / "blumberger-damm" / "index.html").read_text(encoding="utf-8")
    notices = re.findall(r'<li><time datetime="(\d{4}-\d\d-\d\d)"', html)
    assert "2026-12-23" in notices
    assert not {"2026-12-25", "2026-12-26", "2027-01-01"} & set(notices)
    specs = jsonld(portal / "de" / "locations" / "blumberger-damm" / "index.html")["openingHoursSpecification"]
    closed = [(s["validFrom"], s["validThrough"]) for s in specs if s["opens"] == s["closes"] == "00:00"]
    assert ("2026-12-23", "2027-01-02") in closed
    assert not [c for c in closed if "2026-12-24" <= c[0] <= "2027-01-02" and c != ("2026-12-23", "2027-01-02")]
    data = json.loads(re.search(r'<script type="application/json" id="opening-data">(.*?)</script>', html, re.S).group(1))
    assert not [day for day in data["days"] if "2026-12-23" <= day <= "2027-01-02"]


def test_feed_links_on_pages(portal):
    events = (portal / "ar" / "events" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="موجز الأخبار (Atom)" href="/ar/events.atom">' in events
    assert '<a href="/ar/events.ics" type="text/calendar">التقويم (iCal)</a>' in events
    location = (portal / "de" / "locations" / "blumberger-damm" / "index.html").read_text(encoding="utf-8")
    assert 'href="/de/locations/blumberger-damm/events.ics"' in location
    at_location = (portal / "de" / "events" / "at" / "blumberger-damm" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/de/locations/blumberger-damm/events.ics" type="text/calendar">' in at_location
    event = (portal / "uk" / "events" / "2026-11-10-kochtreff" / "index.html").read_text(encoding="utf-8")
    assert ('<a class="add-to-calendar" href="/uk/events/2026-11-10-kochtreff/event.ics" type="text/calendar" '
            'download>Додати до календаря</a>') in event
    assert ('<link rel="alternate" type="text/calendar" title="Додати до календаря" '
            'href="/uk/events/2026-11-10-kochtreff/event.ics">') in event
    for path in (portal / "de").rglob("*.html"):
        for href in re.findall(r'href="(/[^"]+\.(?:ics|atom))"', path.read_text(encoding="utf-8")):
            assert (portal / href.lstrip("/")).is_file(), (path, href)


def test_text_cannot_end_the_script_element(tmp_path):
    title = "Café </script><script>alert(1)</script> <!-- & more"
    event = sample_files()["content/events/2026-11-26-cafe.md"].replace(
        "title: {de: Nachbarschaftscafé, en: Neighbourhood café}", f"title: {json.dumps(title)}")
    root = write_site(tmp_path / "site", sample_files({"content/events/2026-11-26-cafe.md": event}))
    build(root, tmp_path / "out", NOW)
    html = (tmp_path / "out" / "de" / "events" / "2026-11-26-cafe" / "index.html").read_text(encoding="utf-8")
    (script,) = LD.findall(html)
    assert "<" not in script and json.loads(script)["name"] == title
