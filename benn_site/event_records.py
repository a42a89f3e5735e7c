"""Turning the front matter of an event file into an `Event`, reporting every bad field."""

from __future__ import annotations

import datetime as dt

from .config import Config
from .errors import SiteError
from .fields import (
    FieldChecker, bool_field, codes_field, date_field, line_of, parse_moment, text_field,
)
from . import schedule
from .model import WEEKDAYS, Event, Recurrence, Source

EVENT_FIELDS = {
    "title", "start", "end", "location", "venue", "category", "languages", "cost", "free",
    "registration", "accessibility", "recurrence", "cancelled", "draft", "example",
}
TRANSLATION_FIELDS = {"title", "venue", "cost", "registration", "accessibility", "description",
                      "translation_of"}
RECURRENCE_FIELDS = {"freq", "interval", "weekday", "nth", "until", "count", "except", "moved"}
DEFAULT_DURATION = dt.timedelta(hours=2)


def build_event(slug: str, meta: dict, path: str, config: Config, errors: list[SiteError]) -> Event | None:
    check = FieldChecker(path, errors)
    before = len(errors)
    tz = config.tz
    check.known(meta, EVENT_FIELDS)
    check.required(meta, ["title", "start", "location"])
    start = parse_moment(meta["start"], tz, check, meta, "start") if meta.get("start") is not None else None
    end = parse_moment(meta["end"], tz, check, meta, "end") if meta.get("end") is not None else None
    all_day = bool(start and start[1])
    if start and end and end[1] != all_day:
        check.error(meta, "end", "start and end must both have a time, or both be dates",
                    "e.g. start: 2026-11-26 12:00 and end: 2026-11-26 14:00")
        end = None
    start_at = start[0] if start else None
    if start_at is None:
        end_at = None
    elif all_day:
        last = end[0] if end else start_at
        end_at = (last.replace(tzinfo=None) + dt.timedelta(days=1)).replace(tzinfo=tz)
    else:
        # Two hours of elapsed time, also on the nights the clocks change.
        end_at = end[0] if end else (start_at.astimezone(dt.timezone.utc) + DEFAULT_DURATION).astimezone(tz)
    if start_at and end_at and end_at <= start_at and end:
        check.error(meta, "end", f"ends before it starts ({meta['end']} is not after {meta['start']})",
                    "put the end after the start; an event crossing midnight ends on the next day")
    category = meta.get("category")
    if category is not None and config.category(str(category)) is None:
        from .errors import did_you_mean

        known = [key for key, _ in config.categories]
        check.error(meta, "category", f"unknown category '{category}'",
                    did_you_mean(category, known) or "categories in site.yaml: " + ", ".join(known))
    recurrence = _recurrence(check, meta, tz, start_at)
    title = text_field(check, meta, "title", config)
    if len(errors) > before or title is None or start_at is None:
        return None
    return Event(
        slug=slug, title=title, start=start_at, end=end_at, all_day=all_day,
        location=str(meta["location"]), source=Source(path, line_of(meta, "start", 1)),
        venue=text_field(check, meta, "venue", config),
        category=str(category) if category else None,
        languages=codes_field(check, meta, "languages"),
        cost=text_field(check, meta, "cost", config), free=bool_field(check, meta, "free"),
        registration=text_field(check, meta, "registration", config),
        accessibility=text_field(check, meta, "accessibility", config),
        recurrence=recurrence, cancelled=bool_field(check, meta, "cancelled"),
        draft=bool_field(check, meta, "draft"), example=bool_field(check, meta, "example"),
    )


def _recurrence(check, meta, tz, start):
    raw = meta.get("recurrence")
    if raw is None:
        return None
    p = "recurrence."
    if not isinstance(raw, dict):
        check.error(meta, "recurrence", "must be a mapping", "e.g. {freq: weekly, until: 2027-06-30}")
        return None
    before = len(check.errors)
    check.known(raw, RECURRENCE_FIELDS, p)
    if not check.required(raw, ["freq"], p):
        return None
    freq = str(raw["freq"])
    if freq not in ("weekly", "monthly"):
        check.error(raw, "freq", f"must be weekly or monthly, not '{freq}'", field=p + "freq")
        return None
    interval = check.typed(raw, "interval", int, "a whole number", p) or 1
    if interval < 1:
        check.error(raw, "interval", "must be 1 or more", field=p + "interval")
    weekday = nth = None
    if freq == "monthly":
        wd = str(raw.get("weekday") or (WEEKDAYS[start.weekday()] if start else "mon"))
        if wd not in WEEKDAYS:
            check.error(raw, "weekday", f"'{wd}' is not a weekday", "use mon, tue, wed, thu, fri, sat or sun",
                        p + "weekday")
        else:
            weekday = WEEKDAYS.index(wd)
        nth = raw.get("nth")
        if nth is None and start:
            nth = (start.day - 1) // 7 + 1
        if nth not in (1, 2, 3, 4, 5, -1):
            check.error(raw, "nth", f"must be 1, 2, 3, 4 or -1 (the last), not {nth!r}", field=p + "nth")
    elif raw.get("weekday") is not None or raw.get("nth") is not None:
        check.error(raw, "weekday" if "weekday" in raw else "nth", "only monthly rules take weekday and nth",
                    "a weekly event repeats on the weekday of its start", p + ("weekday" if "weekday" in raw else "nth"))
    until = date_field(check, raw, "until", p)
    count = check.typed(raw, "count", int, "a whole number", p)
    if until is None and count is None:
        check.error(raw, "freq", "a repeating event needs an end", "add 'until: YYYY-MM-DD' or 'count: N'", p + "until")
    if until and start and until < start.date():
        check.error(raw, "until", f"{until} is before the first date {start.date()}: the rule gives no date",
                    "set 'until' after 'start'", p + "until")
    exceptions = []
    for i, item in enumerate(raw.get("except") or []):
        day = date_field(check, {"except": item}, "except", p)
        if day:
            exceptions.append(day)
    moved = []
    for i, item in enumerate(raw.get("moved") or []):
        if not isinstance(item, dict) or not check.required(item, ["from", "to"], f"{p}moved[{i}]."):
            continue
        day = date_field(check, item, "from", f"{p}moved[{i}].")
        new = parse_moment(item["to"], tz, check, item, "to", f"{p}moved[{i}].")
        if day and new:
            moved.append((day, new[0]))
    rec = Recurrence(freq, int(interval), weekday, nth, until, count, tuple(sorted(exceptions)), tuple(moved))
    if start is not None and len(check.errors) == before:
        _check_dates(check, raw, rec, start.astimezone(tz).replace(tzinfo=None), p)
    return rec


NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _check_dates(check, raw, rec: Recurrence, local_start: dt.datetime, p: str) -> None:
    """The dates an editor names must be dates of the rule, or the page and the calendar disagree.

    A monthly start off its own rule ("2nd Tuesday", starting on a Wednesday) is a date for a
    calendar program (RFC 5545 counts the start) but not for the site's listing; an `except` or
    `moved` date that the rule never gives would be silently ignored.
    """
    rule = schedule.recurrence_rule(rec, local_start)
    if rec.freq == "monthly":
        first = rule.after(local_start, inc=True)
        if first != local_start:
            key = "nth" if "nth" in raw else "weekday" if "weekday" in raw else "freq"
            wanted = f"the {NTH.get(rec.nth, rec.nth)} {DAY_NAMES[rec.weekday]}"
            hint = (f"start on {first.date()}, the first date of the rule, or change weekday and nth"
                    if first else "change weekday and nth")
            check.error(raw, key, f"the start {local_start.date()} is not {wanted} of its month", hint, p + key)
            return
    dates = {moment.date() for moment in rule}

    def nearest(day):
        moment = dt.datetime.combine(day, local_start.time())
        around = [m.date().isoformat() for m in (rule.before(moment), rule.after(moment)) if m is not None]
        return "the nearest dates of this event are " + " and ".join(around) if around else None

    excepted = raw.get("except") or []
    for i, item in enumerate(excepted):
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime) and item not in dates:
            line = excepted.lines[i] if hasattr(excepted, "lines") else line_of(raw, "except", 1)
            check.errors.append(check.error_type(check.path, line, f"{item} is not a date of this event",
                                                 p + "except", nearest(item)))
    for i, (day, _) in enumerate(rec.moved):
        field = f"{p}moved[{i}].from"
        item = raw["moved"][i] if i < len(raw.get("moved") or []) else raw
        if day not in dates:
            check.error(item, "from", f"{day} is not a date of this event, so there is nothing to move",
                        nearest(day), field)
        elif day in rec.exceptions:
            check.error(item, "from", f"{day} is both in except and moved", "keep it in one of the two", field)
