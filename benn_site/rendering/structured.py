"""schema.org JSON-LD for event and location pages, built as Python data and serialised once.

Search engines and assistants read these to answer "when is the office open" and "what happens
this week". The data says only what the page says: a location's regular hours, seasonal hours,
closures and the public holidays ahead on which it closes; an event's next date (or its first, once
it is over), its place and whether it is cancelled. Serialised with sorted keys, so the same input
gives the same bytes, and with `<`, `>` and `&` escaped, so no text can end the script element.
"""

from __future__ import annotations

import datetime as dt

from benn_site.calendar import hours_formats, schedule
from benn_site.model import Event, Location, Occurrence, Site
from benn_site.rendering.routes import Routes

CONTEXT = "https://schema.org"


def postal_address(location: Location) -> dict | None:
    address = location.address
    if address is None:
        return None
    data = {"@type": "PostalAddress", "streetAddress": address.street, "addressLocality": address.city}
    if address.postcode:
        data["postalCode"] = address.postcode
    return data


def geo(location: Location) -> dict | None:
    if location.coordinates is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": location.coordinates.lat,
            "longitude": location.coordinates.lon}


def organisation(site: Site, routes: Routes, lang: str) -> dict:
    """The site's own organisation (its title), organiser of every event."""
    data = {"@type": "Organization", "name": site.config.title(lang),
            "url": routes.absolute(routes.url("home", lang))}
    if site.config.contact_email:
        data["email"] = site.config.contact_email
    return data


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def location_data(site: Site, routes: Routes, location: Location, lang: str,
                  holidays: dict[dt.date, str]) -> dict:
    """A GovernmentOffice (a Place and an Organization in schema.org): the local office.

    openingHoursSpecification holds the regular and seasonal hours and every closure (see
    hours_formats.opening_hours_specification), plus each public holiday in the next 60 days on
    which the office would otherwise be open, as a closed day ("00:00"-"00:00").
    """
    specs = hours_formats.opening_hours_specification(location)
    if location.active and location.closed_on_holidays:
        for notice in schedule.upcoming_closures(location, site.today, holidays, lang, days=60):
            if notice.kind == "holiday":
                specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00",
                              "validFrom": notice.start.isoformat(), "validThrough": notice.until.isoformat()})
    return _compact({
        "@context": CONTEXT,
        "@type": "GovernmentOffice",
        "@id": routes.absolute(routes.url("location", lang, location.slug)) + "#office",
        "name": location.name(lang),
        "url": routes.absolute(routes.url("location", lang, location.slug)),
        "address": postal_address(location),
        "geo": geo(location),
        "telephone": location.phone,
        "email": location.email,
        "sameAs": location.website,
        "knowsLanguage": list(location.languages),
        "openingHoursSpecification": specs,
        "parentOrganization": organisation(site, routes, lang),
        "areaServed": location.area,
    })


def _date(moment: dt.datetime, tz, all_day: bool) -> str:
    local = moment.astimezone(tz)
    return local.date().isoformat() if all_day else local.isoformat()


def event_data(site: Site, routes: Routes, event: Event, lang: str, occurrence: Occurrence) -> dict:
    """A schema.org Event for the page of `event`, dated at `occurrence` (its next one)."""
    tz = site.config.tz
    location = site.location(event.location)
    place = {"@type": "Place"}
    if location is not None:
        place.update(_compact({
            "name": event.venue(lang) if event.venue else location.name(lang),
            "address": postal_address(location),
            "geo": geo(location),
            "url": routes.absolute(routes.url("location", lang, location.slug)),
        }))
    spoken = list(event.languages) or [lang]
    return _compact({
        "@context": CONTEXT,
        "@type": "Event",
        "@id": routes.absolute(routes.url("event", lang, event.slug)) + "#event",
        "name": event.title(lang),
        "url": routes.absolute(routes.url("event", lang, event.slug)),
        "startDate": _date(occurrence.start, tz, event.all_day),
        # schema.org dates are inclusive: an all-day event's last day, not the midnight after it
        "endDate": schedule.last_day(occurrence, tz).isoformat() if event.all_day else _date(occurrence.end, tz, False),
        "eventStatus": CONTEXT + ("/EventCancelled" if occurrence.cancelled else "/EventScheduled"),
        "eventAttendanceMode": CONTEXT + "/OfflineEventAttendanceMode",
        "location": place,
        "organizer": organisation(site, routes, lang),
        "inLanguage": spoken[0] if len(spoken) == 1 else spoken,
        "isAccessibleForFree": True if event.free else None,
        "eventSchedule": schedule_data(event, tz),
    })


def schedule_data(event: Event, tz) -> dict | None:
    """A recurring event's rule as a schema.org Schedule, in the site's zone."""
    rec = event.recurrence
    if rec is None:
        return None
    start = event.start.astimezone(tz)
    data = {
        "@type": "Schedule",
        "scheduleTimezone": getattr(tz, "key", str(tz)),
        "startDate": start.date().isoformat(),
        "repeatFrequency": f"P{rec.interval}W" if rec.freq == "weekly" else f"P{rec.interval}M",
    }
    if rec.freq == "monthly":  # iCal's syntax, which schema.org allows for byDay: "2TU", "-1FR"
        data["byDay"] = schedule.monthly_byday(rec, start)
    else:
        data["byDay"] = CONTEXT + "/" + hours_formats.SCHEMA_DAYS[start.weekday()].rsplit("/", 1)[1]
    if not event.all_day:
        data["startTime"] = start.strftime("%H:%M")
        data["endTime"] = event.end.astimezone(tz).strftime("%H:%M")
    if rec.until is not None:
        data["endDate"] = rec.until.isoformat()
    if rec.count is not None:
        data["repeatCount"] = rec.count
    skipped = sorted(set(rec.exceptions) | {day for day, _ in rec.moved})
    if skipped:
        data["exceptDate"] = [day.isoformat() for day in skipped]
    return data
