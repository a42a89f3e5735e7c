"""Calendar feeds (iCalendar, RFC 5545, through the icalendar library); the Atom feed is atom.py.

A calendar holds each event once, as the editor wrote it: a recurring event is one VEVENT with
its RRULE, EXDATE and RDATE, so a calendar program shows every future date, not only those in the
site's listing horizon. Local times carry the site's TZID and the calendar holds a VTIMEZONE for it;
an all-day event is a DATE value. Text fields are in the feed's language, falling back to the
default language (the LANGUAGE parameter says which). UIDs are `<event slug>@<host>`, the same in
every build and every language, and DTSTAMP is the build instant, so the same input and the same
`--now` give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from benn_site.calendar import schedule
from benn_site.model import Event, Location, Site, reader_version
from benn_site.rendering import icsfold
from benn_site.rendering.i18n import N_, Translator
from benn_site.rendering.routes import Routes

if TYPE_CHECKING:
    import icalendar

    from benn_site.rendering.reads import Reads

PRODID = "-//benn-site//benn-site//EN"
UTC = dt.timezone.utc


# ---------------------------------------------------------------- time zone

def _transition(tz, lo: dt.datetime, hi: dt.datetime) -> dt.datetime:
    """The first UTC second in (lo, hi] whose offset differs from lo's (one change in between)."""
    before = lo.astimezone(tz).utcoffset()
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


def vtimezone(tz, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """A VTIMEZONE for `tz` valid from `first` to `last`, from the zoneinfo data.

    Each observance's DTSTART is the wall-clock time of the change in the offset before it, as
    RFC 5545 §3.6.5 asks (02:00 for Berlin's spring change, 03:00 for the autumn one); later
    changes of the same kind are RDATEs. Written here rather than with
    `icalendar.Timezone.from_tzinfo`, which (7.3) gives the spring change at 03:00, an hour late.
    """
    import icalendar  # imported when a calendar is made: a build that makes none saves 0.07 s
    moment = dt.datetime(first.year, first.month, first.day, tzinfo=tz).astimezone(UTC)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=tz).astimezone(UTC)
    local = moment.astimezone(tz)
    changes = [(moment, local.utcoffset(), local.utcoffset(), local.tzname(), bool(local.dst()))]
    step = dt.timedelta(days=1)
    while moment < end:
        following = moment + step
        offset = moment.astimezone(tz).utcoffset()
        if following.astimezone(tz).utcoffset() != offset:
            instant = _transition(tz, moment, following)
            after = instant.astimezone(tz)
            changes.append((instant, offset, after.utcoffset(), after.tzname(), bool(after.dst())))
        moment = following
    groups: dict[tuple, list[dt.datetime]] = {}
    for instant, before, after, name, dst in changes:
        groups.setdefault((before, after, name, dst), []).append((instant + before).replace(tzinfo=None))
    component = icalendar.Timezone()
    component.add("tzid", tz.key)
    for (before, after, name, dst), onsets in groups.items():
        part = icalendar.TimezoneDaylight() if dst else icalendar.TimezoneStandard()
        part.add("dtstart", onsets[0])
        if onsets[1:]:
            part.add("rdate", onsets[1:])
        part.add("tzname", name)
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        component.add_component(part)
    return component


def zone_span(site: Site) -> tuple[dt.date, dt.date]:
    """From 1 January of the first event's year to 1 January two years after the last date any
    event can have, so the VTIMEZONE covers every occurrence (and is the same in every feed)."""
    tz = site.config.tz
    years = [site.now.astimezone(tz).year]
    for event in site.events:
        years.append(event.start.astimezone(tz).year)
        years.append(schedule.rule_end(event, tz).year)
    return dt.date(min(years), 1, 1), dt.date(max(years) + 2, 1, 1)


# ---------------------------------------------------------------- iCalendar

class Calendars:
    """Builds the calendar files of one site: read-only inputs, the VTIMEZONE, and a memo of
    serialised VEVENTs (pure: the same event and language always give the same bytes)."""

    def __init__(self, site: Reads, routes: Routes, translator: Translator):
        self.site = site
        self.config = site.config
        self.routes = routes
        self.translator = translator
        self.host = urlsplit(site.config.base_url).hostname or "localhost"
        self.stamp = site.now.astimezone(UTC)
        self.zone = vtimezone(site.config.tz, *site.zone_span())
        self.zone_ical = icsfold.to_ical(self.zone)
        # Event slug → VEVENT, for one language at a time: the feeds come language by language
        # (routes.py), and all languages' VEVENTs together are megabytes a render worker keeps.
        self._serialised: dict[str, tuple[bytes, frozenset]] = {}  # with what each read
        self._serialised_lang: str | None = None

    def calendar(self, lang: str, name: str, events, url: str) -> bytes:
        """A VCALENDAR with the VTIMEZONE and one VEVENT per event, by start.

        Each VEVENT is serialised once per language and the pieces are joined, which is byte for
        byte what `Calendar.to_ical()` gives for the whole (subcomponents follow the properties)
        at a third of the cost: an event appears in three feeds per language.
        """
        cal = self.header(name, url)
        head = icsfold.to_ical(cal)
        end = b"END:VCALENDAR\r\n"
        assert head.endswith(end)
        parts = [head[: -len(end)], self.zone_ical]
        parts.extend(self.vevent_ical(event, lang) for event in sorted(events, key=lambda e: (e.start, e.slug)))
        parts.append(end)
        return b"".join(parts)

    def header(self, name: str, url: str) -> icalendar.Calendar:
        import icalendar
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", self.config.timezone)
        cal.add("url", url)
        cal.add("source", url)
        cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
        return cal

    def vevent_ical(self, event: Event, lang: str) -> bytes:
        if lang != self._serialised_lang:
            self._serialised, self._serialised_lang = {}, lang

        def make():
            main = self.vevent(event, lang)
            parts = [icsfold.to_ical(main)]
            parts.extend(icsfold.to_ical(override) for override in self.overrides(event, main))
            return b"".join(parts)
        # What a VEVENT read (its location) counts for every calendar that contains it.
        return self.site.memo(event.slug, make, self._serialised)

    def overrides(self, event: Event, main: icalendar.Event) -> list[icalendar.Event]:
        """An instance (RECURRENCE-ID) for each occurrence that spans a daylight-saving change.

        RFC 5545 gives every instance the first one's exact duration (DTEND - DTSTART in real
        time), while the site keeps the wall-clock times: "Saturday 22:00-04:00" ends at 04:00
        also on the night the clocks change. Such an occurrence gets its own VEVENT with both
        times, so calendar programs show what the site shows.
        """
        import icalendar
        if event.recurrence is None or event.all_day:
            return []
        tz = self.config.tz
        exact = event.end.astimezone(UTC) - event.start.astimezone(UTC)
        result = []
        for occ in schedule.expand(event, tz, event.start, schedule.rule_end(event, tz)):
            if occ.end.astimezone(UTC) - occ.start.astimezone(UTC) == exact:
                continue
            instance = icalendar.Event()
            for name, value in main.items():
                if name not in ("DTSTART", "DTEND", "RRULE", "EXDATE", "RDATE"):
                    instance[name] = value
            instance.add("recurrence-id", occ.start)
            instance.add("dtstart", occ.start)
            instance.add("dtend", occ.end)
            result.append(instance)
        return result

    def uid(self, event: Event) -> str:
        return f"{event.slug}@{self.host}"

    def _text(self, component, name: str, value, lang: str) -> None:
        if value is None:
            return
        found = value.get(lang)
        component.add(name, found.text, parameters={"LANGUAGE": found.lang})

    def place(self, event: Event, lang: str) -> tuple[str, str | None]:
        """The LOCATION text (venue, office name, address) and the language it is in."""
        location = self.site.location(event.location)
        parts, text_lang = [], None
        if event.venue is not None:
            parts.append(event.venue(lang))
            text_lang = event.venue.get(lang).lang
        if location is not None:
            parts.append(location.name(lang))
            text_lang = text_lang or location.name.get(lang).lang
            if location.address is not None:
                parts.append(location.address.line)
        return ", ".join(parts), text_lang

    def description(self, event: Event, lang: str, url: str) -> tuple[str, str]:
        version = reader_version(event.texts, lang, self.config.default_language)
        body = version.markdown.strip() if version else ""
        text_lang = version.lang if version and body else lang
        return (body + "\n\n" + url if body else url), text_lang

    def vevent(self, event: Event, lang: str) -> icalendar.Event:
        import icalendar
        tz = self.config.tz
        url = self.routes.absolute(self.routes.url("event", lang, event.slug))
        item = icalendar.Event()
        item.add("uid", self.uid(event))
        item.add("dtstamp", self.stamp)
        if event.all_day:
            item.add("dtstart", event.start.astimezone(tz).date())
            item.add("dtend", event.end.astimezone(tz).date())
        else:
            item.add("dtstart", event.start.astimezone(tz))
            item.add("dtend", event.end.astimezone(tz))
        if event.recurrence is not None:
            recurrence(item, event, self.config.tz)
        self._text(item, "summary", event.title, lang)
        description, description_lang = self.description(event, lang, url)
        item.add("description", description, parameters={"LANGUAGE": description_lang})
        place, place_lang = self.place(event, lang)
        if place:
            item.add("location", place, parameters={"LANGUAGE": place_lang} if place_lang else None)
        location = self.site.location(event.location)
        if location is not None and location.coordinates is not None:
            item.add("geo", (location.coordinates.lat, location.coordinates.lon))
        if event.category and self.config.category(event.category) is not None:
            label = self.config.category(event.category).get(lang)
            item.add("categories", [label.text], parameters={"LANGUAGE": label.lang})
        item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        item.add("url", url)
        return item


def recurrence(item: icalendar.Event, event: Event, tz) -> None:
    """RRULE as the site expands it (schedule._rule); EXDATE for exceptions and for the
    original dates of moved occurrences; RDATE for their new starts."""
    rec = event.recurrence
    local_start = event.start.astimezone(tz)
    rule: dict = {"freq": rec.freq.upper()}
    if rec.interval > 1:
        rule["interval"] = rec.interval
    if rec.freq == "monthly":
        rule["byday"] = schedule.monthly_byday(rec, local_start)
    if rec.until is not None:
        if event.all_day:
            rule["until"] = rec.until
        else:  # with a TZID'd DTSTART, UNTIL must be UTC (RFC 5545 §3.3.10): the end of that day
            rule["until"] = schedule.aware_local(dt.datetime.combine(rec.until, dt.time(23, 59, 59)), tz).astimezone(UTC)
    elif rec.count is not None:
        rule["count"] = rec.count
    item.add("rrule", rule)

    def at(day: dt.date):
        if event.all_day:
            return day
        return schedule.aware_local(dt.datetime.combine(day, local_start.time().replace(tzinfo=None)), tz)

    removed = sorted(set(rec.exceptions) | {day for day, _ in rec.moved})
    if removed:
        item.add("exdate", [at(day) for day in removed])
    added = sorted(new for day, new in rec.moved if day not in rec.exceptions)
    if added:
        item.add("rdate", [new.date() if event.all_day else new.astimezone(tz) for new in added])


# How far ahead an office-hours calendar names the dates its ranges do not hold (closures, public
# holidays): the file says to refresh daily, and holidays are known a year ahead.
HOURS_AHEAD = dt.timedelta(days=366)


def hours_calendar(calendars: Calendars, lang: str, location: Location, name: str, url: str) -> bytes:
    """A location's office hours: one weekly VEVENT per time range (schedule.weekly_ranges), the
    closures and public holidays it closes on as EXDATEs, in the site's zone."""
    import icalendar
    site, routes, config = calendars.site, calendars.routes, calendars.config
    tz = config.tz
    today = site.today
    until = today + HOURS_AHEAD
    last = max([until] + [s.until for s in location.seasonal_hours])
    holidays = schedule.holiday_dates(config, today - dt.timedelta(days=7), last)
    page = routes.absolute(routes.url("location", lang, location.slug))
    summary = f"{calendars.translator.gettext(lang, N_('Office hours'))}: {location.name(lang)}"
    summary_lang = location.name.get(lang).lang
    place = ", ".join([location.name(lang)] + ([location.address.line] if location.address else []))
    cal = calendars.header(name, url)
    head = icsfold.to_ical(cal)
    end = b"END:VCALENDAR\r\n"
    parts = [head[: -len(end)], calendars.zone_ical]
    for weekly in schedule.weekly_ranges(location, today, until, holidays):
        opens, closes = weekly.time

        def at(day: dt.date, clock: dt.time) -> dt.datetime:
            return schedule.aware_local(dt.datetime.combine(day, clock), tz)
        item = icalendar.Event()
        period = "regular" if weekly.season is None else f"season{weekly.season + 1}"
        item.add("uid", f"office-hours-{location.slug}-{period}-{schedule.ICAL_DAYS[weekly.weekday].lower()}"
                        f"-{opens.strftime('%H%M')}@{calendars.host}")
        item.add("dtstamp", calendars.stamp)
        item.add("dtstart", at(weekly.first, opens))
        item.add("dtend", at(weekly.first, closes))
        rule: dict = {"freq": "WEEKLY"}
        if weekly.last is not None:  # UNTIL in UTC with a TZID'd DTSTART (RFC 5545 §3.3.10)
            rule["until"] = at(weekly.last, dt.time(23, 59, 59)).astimezone(UTC)
        item.add("rrule", rule)
        if weekly.skipped:
            item.add("exdate", [at(day, opens) for day in weekly.skipped])
        item.add("summary", summary, parameters={"LANGUAGE": summary_lang} if summary_lang != lang else None)
        item.add("location", place)
        if location.coordinates is not None:
            item.add("geo", (location.coordinates.lat, location.coordinates.lon))
        item.add("description", page)
        item.add("transp", "TRANSPARENT")  # office hours do not make the reader busy
        item.add("url", page)
        parts.append(icsfold.to_ical(item))
    parts.append(end)
    return b"".join(parts)


def calendar_file(calendars: Calendars, route) -> bytes:
    """The .ics file of one feed route: all events, a location's, or one event's."""
    site, routes, translator = calendars.site, calendars.routes, calendars.translator
    title = site.config.title
    lang = route.lang
    url = routes.absolute(routes.url(route.kind, lang, route.key))
    if route.kind == "events_ics":
        name = f"{translator.gettext(lang, N_('Events'))} – {title(lang)}"
        return calendars.calendar(lang, name, site.events, url)
    if route.kind == "location_ics":
        location = site.location(route.key)
        return calendars.calendar(lang, f"{location.name(lang)} – {title(lang)}", site.events_at(route.key), url)
    if route.kind == "location_hours_ics":
        location = site.location(route.key)
        name = f"{translator.gettext(lang, N_('Office hours'))}: {location.name(lang)} – {title(lang)}"
        return hours_calendar(calendars, lang, location, name, url)
    if route.kind == "event_ics":
        event = site.event(route.key)
        return calendars.calendar(lang, event.title(lang), [event], url)
    raise KeyError(route.kind)
