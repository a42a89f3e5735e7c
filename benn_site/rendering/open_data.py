"""Open data: the locations and the upcoming events as JSON and CSV under /data/, for other
services (the city's open-data portal, neighbourhood maps, partners' sites).

The JSON files follow the schemas in `schemas/` (the tests validate against them); the CSV files
hold the same records flattened, one row per location and per occurrence, UTF-8, comma-separated,
RFC 4180 line ends. Records are sorted (locations by slug, occurrences by start and event), so the
same input and `--now` give the same bytes. Read through `Reads`, like every other output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from benn_site.calendar import hours_formats, schedule
from benn_site.model import WEEKDAYS, Location, Occurrence
from benn_site.reading.fields import clock_text
from benn_site.rendering import feeds
from benn_site.rendering.reads import Reads
from benn_site.rendering.routes import Routes

LOCATION_COLUMNS = ("slug", "name", "status", "district", "area", "operator", "street", "postcode", "city",
                    "lat", "lon", "approximate", "phone", "email", "website", "languages", "opening_hours",
                    "url", "office_hours_calendar")
EVENT_COLUMNS = ("event", "title", "start", "end", "all_day", "cancelled", "location", "category", "rule",
                 "series_start", "url", "calendar")


def _ranges(ranges) -> list[list[str]]:
    return [[clock_text(a), clock_text(b)] for a, b in ranges]


def _week(hours) -> dict[str, list[list[str]]]:
    return {day: _ranges(ranges) for day, ranges in zip(WEEKDAYS, hours, strict=True) if ranges}


def _head(site: Reads, routes: Routes) -> dict:
    config = site.config
    return {
        "source": routes.absolute(routes.url("home", config.default_language)),
        "publisher": config.title(config.default_language),
        "licence": config.data_licence,
        "generated": site.now.astimezone(config.tz).isoformat(),
        "timezone": config.timezone,
    }


def _feed(routes: Routes, kind: str, lang: str, key: str) -> str | None:
    return routes.absolute(routes.url(kind, lang, key)) if routes.has(kind, lang, key) else None


def location_record(site: Reads, routes: Routes, location: Location) -> dict:
    lang = site.config.default_language
    address, place = location.address, location.coordinates
    access = location.accessibility
    return {
        "slug": location.slug,
        "name": location.name.as_dict(),
        "status": location.status,
        "ended": location.ended.isoformat() if location.ended else None,
        "district": location.district,
        "area": location.area,
        "operator": location.operator,
        "address": {"street": address.street, "postcode": address.postcode, "city": address.city} if address else None,
        "coordinates": {"lat": place.lat, "lon": place.lon, "approximate": place.approximate} if place else None,
        "phone": location.phone,
        "email": location.email,
        "website": location.website,
        "languages": list(location.languages),
        "accessibility": {"step_free": access.step_free, "toilet": access.toilet} if access else None,
        "office_hours": _week(location.office_hours),
        "seasonal_hours": [{"from": s.start.isoformat(), "until": s.until.isoformat(), "hours": _week(s.hours)}
                           for s in location.seasonal_hours],
        "closures": [{"from": c.start.isoformat(), "until": c.until.isoformat()} for c in location.closures],
        "closed_on_holidays": location.closed_on_holidays,
        "opening_hours": hours_formats.osm_opening_hours(location) or None,
        "url": routes.absolute(routes.url("location", lang, location.slug)),
        "office_hours_calendar": _feed(routes, "location_hours_ics", lang, location.slug),
    }


def rule_text(event, tz) -> str | None:
    """The series' rule as its calendar writes it: the RRULE line, then EXDATE and RDATE lines
    (unfolded, one a line), for any RFC 5545 library together with the first start. None for a
    single date."""
    if event.recurrence is None:
        return None
    import icalendar
    item = icalendar.Event()
    feeds.recurrence(item, event, tz)
    lines = item.to_ical().decode("utf-8").replace("\r\n ", "").split("\r\n")
    return "\n".join(line for line in lines if line and not line.startswith(("BEGIN:", "END:")))


def _series_start(event, tz) -> str:
    """The first date of a series, which its rule counts from (DTSTART)."""
    start = event.start.astimezone(tz)
    return start.date().isoformat() if event.all_day else start.isoformat()


def occurrence_record(site: Reads, routes: Routes, occ: Occurrence) -> dict:
    config = site.config
    tz, lang = config.tz, config.default_language
    event = occ.event
    if event.all_day:
        start, end = occ.start.astimezone(tz).date().isoformat(), schedule.last_day(occ, tz).isoformat()
    else:
        start, end = occ.start.astimezone(tz).isoformat(), occ.end.astimezone(tz).isoformat()
    return {
        "event": event.slug,
        "title": event.title.as_dict(),
        "start": start,
        "end": end,
        "all_day": event.all_day,
        "cancelled": occ.cancelled,
        "location": event.location,
        "category": event.category,
        "rule": rule_text(event, tz),
        "series_start": _series_start(event, tz) if event.recurrence is not None else None,
        "url": routes.absolute(routes.url("event", lang, event.slug)),
        "calendar": _feed(routes, "event_ics", lang, event.slug),
    }


def locations(site: Reads, routes: Routes) -> list[dict]:
    return [location_record(site, routes, loc) for loc in sorted(site.locations, key=lambda loc: loc.slug)]


def events(site: Reads, routes: Routes) -> list[dict]:
    ordered = sorted(site.upcoming, key=lambda o: (o.start, o.event.slug, o.end))
    return [occurrence_record(site, routes, occ) for occ in ordered]


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def locations_json(site: Reads, routes: Routes) -> bytes:
    return _json({**_head(site, routes), "locations": locations(site, routes)})


def events_json(site: Reads, routes: Routes) -> bytes:
    today = site.today
    horizon = {"from": today.isoformat(),
               "until": (today + dt.timedelta(weeks=site.config.events_horizon_weeks)).isoformat()}
    return _json({**_head(site, routes), "horizon": horizon, "events": events(site, routes)})


def _csv(columns, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else ("true" if row[c] is True else "false" if row[c] is False
                                                      else row[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def locations_csv(site: Reads, routes: Routes) -> bytes:
    lang = site.config.default_language
    rows = []
    for record in locations(site, routes):
        address, place = record["address"] or {}, record["coordinates"] or {}
        rows.append({**record, "name": record["name"].get(lang) or next(iter(record["name"].values())),
                     "street": address.get("street"), "postcode": address.get("postcode"),
                     "city": address.get("city"), "lat": place.get("lat"), "lon": place.get("lon"),
                     "approximate": place.get("approximate"), "languages": " ".join(record["languages"])})
    return _csv(LOCATION_COLUMNS, rows)


def events_csv(site: Reads, routes: Routes) -> bytes:
    lang = site.config.default_language
    rows = [{**record, "title": record["title"].get(lang) or next(iter(record["title"].values()))}
            for record in events(site, routes)]
    return _csv(EVENT_COLUMNS, rows)


FILES = {
    "data_locations_json": locations_json,
    "data_locations_csv": locations_csv,
    "data_events_json": events_json,
    "data_events_csv": events_csv,
}
