"""Office hours, closures, public holidays and recurring events: pure functions of dates.

Everything here answers "what happens on which local day, at which local time" in the site's zone.
Recurrence is computed on naive wall-clock times and only then given the zone, because people agree
on "every Saturday at 12:00", not on a fixed UTC instant: across a DST change the event stays at 12:00
and its UTC offset moves. Nothing here does I/O or keeps state between calls (apart from a memo of
the holidays package's per-year tables, which are pure functions of their arguments).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from dateutil.rrule import weekday as rr_weekday

from benn_site.config import Config
from benn_site.model import Event, Location, Occurrence, Recurrence, TimeRange
from benn_site.reading.fields import clock_text
from benn_site.texts import Localized

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 BYDAY, also schema.org's byDay


@dataclass(frozen=True)
class DayRow:
    """One row of a location's office-hours table for one date of the week shown."""

    date: dt.date
    weekday: int  # 0 = Monday
    ranges: tuple[TimeRange, ...]  # what the weekly schedule says (seasonal hours applied)
    open_ranges: tuple[TimeRange, ...]  # what actually holds after closures and holidays
    closed_reason: Localized | None  # why ranges are not open: None when nothing closes the office
    is_today: bool


@dataclass(frozen=True)
class ClosureNotice:
    """A closure or public holiday to announce; `until` is inclusive."""

    start: dt.date
    until: dt.date
    reason: Localized  # a closure's reason may be the default language's: marked where shown
    kind: str  # "closure" | "holiday"


# ---------------------------------------------------------------- events and recurrence

def _naive_local(moment: dt.datetime, tz) -> dt.datetime:
    return moment.astimezone(tz).replace(tzinfo=None)


def _aware(local: dt.datetime, tz) -> dt.datetime:
    """Attach the zone to a wall-clock time; a time in the spring gap moves to the real time after it."""
    return local.replace(tzinfo=tz).astimezone(tz)


# The same rule for feeds, which must name exactly the instants the listing computes.
aware_local = _aware


def _overlaps(start: dt.datetime, end: dt.datetime, lo: dt.datetime, hi: dt.datetime) -> bool:
    """Half-open overlap; an instant-long event counts when its start lies in the window."""
    return start < hi and (end > lo or (start == end and start >= lo))


def month_position(day: dt.date) -> tuple[int, int]:
    """The weekday (0 = Monday) and week (1..5) of `day` in its month: 2026-12-08 → (1, 2), the
    second Tuesday. What a monthly rule repeats when the editor names no weekday or nth."""
    return day.weekday(), (day.day - 1) // 7 + 1


def monthly_position(rec: Recurrence, start: dt.date) -> tuple[int, int]:
    """The weekday and nth a monthly rule repeats: its own where it names them, else those of its
    first date `start` (a date or a local time), "the same weekday, the same n-th one"."""
    weekday, nth = month_position(start)
    return (weekday if rec.weekday is None else rec.weekday), (nth if rec.nth is None else rec.nth)


def monthly_byday(rec: Recurrence, start: dt.date) -> str:
    """The monthly rule as iCalendar's BYDAY ("2TU", "-1FR"), for the feeds and the JSON-LD."""
    weekday, nth = monthly_position(rec, start)
    return f"{nth}{ICAL_DAYS[weekday]}"


def _rule(event: Event, local_start: dt.datetime) -> rrule:
    return recurrence_rule(event.recurrence, local_start)


def recurrence_rule(rec: Recurrence, local_start: dt.datetime) -> rrule:
    """The dateutil rule of a recurrence starting at the naive local `local_start`.

    Like RFC 5545 and unlike dateutil, a calendar counts the start itself as the first date; the
    two agree because the loader refuses a monthly start that is not on its own rule.
    """
    kwargs: dict = {"dtstart": local_start, "interval": max(1, rec.interval)}
    if rec.until is not None:
        kwargs["until"] = dt.datetime.combine(rec.until, dt.time.max)
    elif rec.count is not None:
        kwargs["count"] = rec.count
    if rec.freq == "monthly":
        weekday, nth = monthly_position(rec, local_start)
        return rrule(MONTHLY, byweekday=rr_weekday(weekday, nth), **kwargs)
    if rec.freq == "weekly":
        return rrule(WEEKLY, **kwargs)
    raise ValueError(f"unknown recurrence frequency {rec.freq!r}")


def expand(event: Event, tz, window_start: dt.datetime, window_end: dt.datetime) -> list[Occurrence]:
    """The occurrences of one event that overlap [window_start, window_end), sorted by start.

    Each occurrence keeps the event's wall-clock duration, so a 22:00-01:00 event stays 22:00-01:00
    and an all-day event still ends at local midnight on the night of a DST change. Moved
    occurrences are placed at their new time, even when their original date is outside the window.
    """
    cancelled = event.cancelled
    if event.recurrence is None:
        start, end = event.start.astimezone(tz), event.end.astimezone(tz)
        return [Occurrence(event, start, end, cancelled)] if _overlaps(start, end, window_start, window_end) else []

    rec = event.recurrence
    local_start = _naive_local(event.start, tz)
    duration = _naive_local(event.end, tz) - local_start
    rule = _rule(event, local_start)
    skipped = set(rec.exceptions)
    moved = dict(rec.moved)

    # A day of slack on each side covers DST offsets; the exact test is done on aware times.
    lo = _naive_local(window_start, tz) - duration - dt.timedelta(days=1)
    hi = _naive_local(window_end, tz) + dt.timedelta(days=1)
    result = []
    for local in rule.between(lo, hi, inc=True):
        if local.date() in skipped or local.date() in moved:
            continue
        start, end = _aware(local, tz), _aware(local + duration, tz)
        if _overlaps(start, end, window_start, window_end):
            result.append(Occurrence(event, start, end, cancelled))

    for original, new_start in rec.moved:
        day = (dt.datetime.combine(original, dt.time.min), dt.datetime.combine(original, dt.time.max))
        if original in skipped or not rule.between(*day, inc=True):
            continue  # only a real occurrence can be moved
        new_local = _naive_local(new_start, tz)
        start, end = _aware(new_local, tz), _aware(new_local + duration, tz)
        if _overlaps(start, end, window_start, window_end):
            result.append(Occurrence(event, start, end, cancelled))
    result.sort(key=lambda o: (o.start, o.end))
    return result


def last_day(occurrence: Occurrence, tz) -> dt.date:
    """The last local day an occurrence covers. An all-day event ends at the midnight after its
    last day (the end is exclusive), so that day is the one before its end's date."""
    end = occurrence.end.astimezone(tz).date()
    return end - dt.timedelta(days=1) if occurrence.event.all_day else end


def rule_end(event: Event, tz) -> dt.datetime:
    """An instant after every occurrence of the event (a rule always ends: until or count), for
    expanding the whole of it: feeds, structured data, checks."""
    last = event.end.astimezone(tz)
    rec = event.recurrence
    if rec is not None:
        if rec.until is not None:
            last = max(last, dt.datetime.combine(rec.until, dt.time(), tz))
        elif rec.count is not None:
            last += dt.timedelta(weeks=5 * rec.count * rec.interval)
        for _, new in rec.moved:
            last = max(last, new.astimezone(tz))
    return last + (event.end - event.start) + dt.timedelta(days=2)


def occurrences(events, tz, window_start: dt.datetime, window_end: dt.datetime) -> list[Occurrence]:
    """All occurrences of all events in the window, sorted by (start, event slug): one pass, one sort."""
    found = [occ for event in events for occ in expand(event, tz, window_start, window_end)]
    found.sort(key=lambda o: (o.start, o.event.slug, o.end))
    return found


# ---------------------------------------------------------------- public holidays

def _holidays_lib():
    """The holidays package, imported when a table is first made: with its countries it takes a
    tenth of a second, which a build that renders no office hours (one page edited) need not pay."""
    import holidays

    return holidays


@lru_cache(maxsize=32)
def _entity_languages(country: str, subdiv: str | None) -> tuple[str | None, tuple[str, ...]]:
    entity = _holidays_lib().country_holidays(country, subdiv=subdiv)
    return entity.default_language, tuple(entity.supported_languages)


@lru_cache(maxsize=256)
def _year_names(country: str, subdiv: str | None, year: int, language: str | None) -> tuple:
    """One year's holidays, memoised as an immutable tuple; the library's tables are dicts."""
    table = _holidays_lib().country_holidays(country, subdiv=subdiv, years=year, language=language)
    return tuple(sorted(table.items()))


def _holiday_language(country: str, subdiv: str | None, lang: str | None) -> str | None:
    """The library's language code for `lang` ('en' → 'en_US' for DE), else the entity's default.

    The default is always passed explicitly: left to itself the library guesses from the process
    locale, and the same site would then build differently on another machine.
    """
    default, supported = _entity_languages(country, subdiv)
    if lang:
        code = lang.replace("-", "_")
        base = code.split("_")[0]
        for candidate in (code, base):
            if candidate in supported:
                return candidate
        regional = sorted(s for s in supported if s.startswith(base + "_"))
        if regional:
            return regional[0]
    return default


def holiday_dates(config: Config, start: dt.date, end: dt.date, lang: str | None = None) -> dict[dt.date, str]:
    """Public holidays of the site's region from `start` to `end` inclusive, date → name.

    Names are in the holidays package's own language for the country (German for DE), or in
    `lang` when given and the package has that translation.
    """
    if config.holidays is None or end < start:
        return {}
    country, subdiv = config.holidays
    language = _holiday_language(country, subdiv, lang)
    result = {}
    for year in range(start.year, end.year + 1):
        for day, name in _year_names(country, subdiv, year, language):
            if start <= day <= end:
                result[day] = name
    return result


def holiday_name(config: Config, day: dt.date, lang: str) -> str | None:
    """The name of the holiday on `day` in `lang` when the package translates it, else in its own
    language; None when `day` is not a public holiday."""
    return holiday_dates(config, day, day, lang).get(day)


# ---------------------------------------------------------------- office hours

def _closure_on(location: Location, day: dt.date):
    return next((c for c in location.closures if c.start <= day <= c.until), None)


def season_on(location: Location, day: dt.date):
    """The seasonal period whose hours hold on `day` (the first that covers it), or None."""
    return next((s for s in location.seasonal_hours if s.start <= day <= s.until), None)


def scheduled_hours(location: Location, day: dt.date) -> tuple[TimeRange, ...]:
    """What the weekly schedule says for `day`: seasonal hours replace office hours in their period."""
    season = season_on(location, day)
    if season is not None:
        return tuple(season.hours[day.weekday()])
    return tuple(location.office_hours[day.weekday()])


def hours_on(location: Location, day: dt.date, holidays: dict[dt.date, str]) -> tuple[TimeRange, ...]:
    """The ranges the office is actually open on `day`: () when ended, closed, or on a holiday."""
    if location.status == "ended" or _closure_on(location, day) is not None:
        return ()
    if location.closed_on_holidays and day in holidays:
        return ()
    return scheduled_hours(location, day)


def _reason(closure, lang: str) -> Localized:
    """A closure's reason in `lang`, or the default language's marked as such; empty when none."""
    return closure.reason.get(lang) if closure.reason is not None else Localized("", lang, False)


def closed_reason(location: Location, day: dt.date, holidays: dict[dt.date, str], lang: str) -> Localized | None:
    """Why the office is closed on a day its schedule has hours: the closure's reason in `lang`, or
    the holiday's name (as given in `holidays`). None when the office is not closed that day.

    A closure without a stated reason gives an empty (false) text: test with `is not None`.
    """
    if location.status == "ended" or not scheduled_hours(location, day):
        return None
    closure = _closure_on(location, day)
    if closure is not None:
        return _reason(closure, lang)
    if location.closed_on_holidays and day in holidays:
        return Localized(holidays[day], lang, False)
    return None


def week_rows(location: Location, today: dt.date, holidays: dict[dt.date, str], lang: str) -> list[DayRow]:
    """The office-hours table: Monday to Sunday of the week containing `today`."""
    monday = today - dt.timedelta(days=today.weekday())
    rows = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        rows.append(DayRow(
            date=day,
            weekday=offset,
            ranges=scheduled_hours(location, day),
            open_ranges=hours_on(location, day, holidays),
            closed_reason=closed_reason(location, day, holidays, lang),
            is_today=day == today,
        ))
    return rows


def upcoming_closures(location: Location, today: dt.date, holidays: dict[dt.date, str], lang: str,
                      days: int = 30) -> list[ClosureNotice]:
    """Closures overlapping the next `days` days, and holidays in them on which the office would
    otherwise be open. A holiday inside a closure is not announced twice: the closure says it all."""
    if location.status == "ended":
        return []
    last = today + dt.timedelta(days=days - 1)
    notices = [
        ClosureNotice(c.start, c.until, _reason(c, lang), "closure")
        for c in location.closures if c.until >= today and c.start <= last
    ]
    if location.closed_on_holidays:
        for day, name in holidays.items():
            if (today <= day <= last and scheduled_hours(location, day)
                    and _closure_on(location, day) is None):
                notices.append(ClosureNotice(day, day, Localized(name, lang, False), "holiday"))
    notices.sort(key=lambda n: (n.start, n.until, n.kind, n.reason.text))
    return notices


def opening_status_data(location: Location, today: dt.date, holidays: dict[dt.date, str], days: int = 60,
                        tz: str | ZoneInfo = "Europe/Berlin") -> dict:
    """The few facts the in-browser "open now / opens on … at …" badge needs, as JSON-ready data.

    Only days with open ranges are listed, so a closed day costs nothing; the script treats a
    missing day as closed. `tz` names the zone the times are in (the site's `config.tz`).
    """
    open_days = {}
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        ranges = hours_on(location, day, holidays)
        if ranges:
            open_days[day.isoformat()] = [[clock_text(a), clock_text(b)] for a, b in ranges]
    return {"tz": getattr(tz, "key", None) or str(tz), "days": dict(sorted(open_days.items()))}


@dataclass(frozen=True)
class WeeklyRange:
    """One time range on one weekday as a calendar repeats it: from `first` (a date on that
    weekday) every week to `last` (None: with no end), and the dates it does not hold."""

    weekday: int
    time: TimeRange
    first: dt.date
    last: dt.date | None
    season: int | None  # the index of its seasonal period, None for the regular hours
    skipped: tuple[dt.date, ...]  # closures, holidays, and (regular hours) seasonal periods


def weekly_ranges(location: Location, start: dt.date, until: dt.date,
                  holidays: dict[dt.date, str]) -> list[WeeklyRange]:
    """The office hours as weekly repeating ranges from the week of `start`: the regular ones with
    no end, each seasonal period's within its dates. A range's `skipped` dates up to `until` (and
    within a seasonal period that reaches further) are those where `hours_on` does not have it
    or another period's hours hold: what the location page's table says, day by day."""
    if location.status == "ended":
        return []
    monday = start - dt.timedelta(days=start.weekday())
    plans: list[tuple[int, tuple, dt.date, dt.date | None, int | None]] = []
    for weekday, ranges in enumerate(location.office_hours):
        for time in ranges:
            plans.append((weekday, tuple(time), monday + dt.timedelta(days=weekday), None, None))
    for index, season in enumerate(location.seasonal_hours):
        if season.until < monday:
            continue
        begin = max(season.start, monday)
        for weekday, ranges in enumerate(season.hours):
            first = begin + dt.timedelta(days=(weekday - begin.weekday()) % 7)
            if first > season.until:
                continue
            for time in ranges:
                plans.append((weekday, tuple(time), first, season.until, index))
    result = []
    for weekday, time, first, last, index in plans:
        end = until if last is None else last
        skipped = []
        day = first
        while day <= end:
            season = season_on(location, day)
            holds = (season is None if index is None else season is location.seasonal_hours[index])
            if not holds or time not in hours_on(location, day, holidays):
                skipped.append(day)
            day += dt.timedelta(days=7)
        result.append(WeeklyRange(weekday, time, first, last, index, tuple(skipped)))
    result.sort(key=lambda r: (r.first, r.time, r.season is not None, r.season or 0))
    return result
