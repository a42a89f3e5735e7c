"""Turning the front matter of an event file into an `Event`, reporting every bad field."""

from __future__ import annotations

import datetime as dt

from benn_site.calendar import schedule
from benn_site.config import Config
from benn_site.errors import SiteError, did_you_mean
from benn_site.messages import msg
from benn_site.model import EVENT_TEXT_FIELDS, WEEKDAYS, Event, Recurrence, Source
from benn_site.reading.fields import (
    WHOLE_NUMBER,
    FieldChecker,
    bool_field,
    codes_field,
    date_field,
    line_of,
    parse_moment,
    publication,
    show,
    text_field,
)

EVENT_FIELDS = {
    *EVENT_TEXT_FIELDS, "start", "end", "location", "category", "languages", "free", "recurrence", "cancelled",
    "draft", "example", "publish_after",
}
TRANSLATION_FIELDS = {*EVENT_TEXT_FIELDS, "description", "translation_of", "draft", "publish_after"}
RECURRENCE_FIELDS = {"freq", "interval", "weekday", "nth", "until", "count", "except", "moved"}
DEFAULT_DURATION = dt.timedelta(hours=2)


def build_event(slug: str, meta: dict, path: str, config: Config, errors: list[SiteError],
                drafts: bool = True, locations: tuple[str, ...] = ()) -> Event | None:
    """The event, or None after adding its problems to `errors`. A new event's `location:` is
    left empty for the editor to fill: a draft may leave it so while drafts are not built (the
    build that publishes skips it; the preview asks for it, naming `locations`)."""
    check = FieldChecker(path, errors)
    before = len(errors)
    tz = config.tz
    check.known(meta, EVENT_FIELDS)
    check.required(meta, ["title", "start"])
    if meta.get("location") in (None, "") and not (meta.get("draft") is True and not drafts):
        check.error(meta, "location", msg("required field is missing"), msg(
            "write the file name of the location, without .yaml; one of: {locations}",
            locations=", ".join(locations) or "–"))
    start = parse_moment(meta["start"], tz, check, meta, "start") if meta.get("start") is not None else None
    end = parse_moment(meta["end"], tz, check, meta, "end") if meta.get("end") is not None else None
    all_day = bool(start and start[1])
    if start and end and end[1] != all_day:
        check.error(meta, "end", msg("start and end must both have a time, or both be dates"),
                    msg("e.g. start: 2026-11-26 12:00 and end: 2026-11-26 14:00"))
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
        check.error(meta, "end", msg("the event ends before it starts ({end} is not after {start})",
                                     end=show(meta["end"]).strip("'"), start=show(meta["start"]).strip("'")),
                    msg("put the end after the start; an event crossing midnight ends on the next day"))
    location = check.word(meta, "location")
    category = check.word(meta, "category")
    if category is not None and config.category(str(category)) is None:
        known = [key for key, _ in config.categories]
        check.error(meta, "category", msg("unknown category '{category}'", category=category),
                    did_you_mean(category, known) or msg("the categories in site.yaml are: {keys}",
                                                         keys=", ".join(known) or "–"))
    recurrence = _recurrence(check, meta, tz, start_at)
    draft, publish_after = publication(check, meta, tz)
    title = text_field(check, meta, "title", config)
    if len(errors) > before or title is None or start_at is None or location is None:
        return None
    return Event(
        slug=slug, title=title, start=start_at, end=end_at, all_day=all_day,
        location=location, source=Source(path, line_of(meta, "start", 1), _field_lines(meta)),
        venue=text_field(check, meta, "venue", config),
        category=str(category) if category else None,
        languages=codes_field(check, meta, "languages"),
        cost=text_field(check, meta, "cost", config), free=bool_field(check, meta, "free"),
        registration=text_field(check, meta, "registration", config),
        accessibility=text_field(check, meta, "accessibility", config),
        recurrence=recurrence, cancelled=bool_field(check, meta, "cancelled"),
        draft=draft, publish_after=publish_after, example=bool_field(check, meta, "example"),
    )


def _field_lines(meta) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((str(k), v) for k, v in (getattr(meta, "lines", None) or {}).items()))


def _recurrence(check, meta, tz, start):
    raw = meta.get("recurrence")
    if raw is None:
        return None
    p = "recurrence."
    if not isinstance(raw, dict):
        check.error(meta, "recurrence", msg("must be fields like freq and until"),
                    msg("e.g. recurrence: {freq: weekly, until: 2027-06-30}"))
        return None
    before = len(check.errors)
    check.known(raw, RECURRENCE_FIELDS, p)
    if not check.required(raw, ["freq"], p):
        return None
    freq = str(raw["freq"])
    if freq not in ("weekly", "monthly"):
        check.error(raw, "freq", msg("must be weekly or monthly, not '{freq}'", freq=freq),
                    did_you_mean(freq, ["weekly", "monthly"]), field=p + "freq")
        return None
    interval = check.typed(raw, "interval", int, WHOLE_NUMBER, p) or 1
    if interval < 1:
        check.error(raw, "interval", msg("must be 1 or more"), msg("2 means every second week or month"),
                    field=p + "interval")
    weekday = nth = None
    if freq == "monthly":
        default_weekday, default_nth = schedule.month_position(start) if start else (0, None)
        wd = str(raw.get("weekday") or WEEKDAYS[default_weekday])
        if wd not in WEEKDAYS:
            check.error(raw, "weekday", msg("'{day}' is not a weekday", day=wd),
                        msg("use mon, tue, wed, thu, fri, sat or sun"), p + "weekday")
        else:
            weekday = WEEKDAYS.index(wd)
        nth = raw.get("nth")
        if nth is None:
            nth = default_nth
        if nth not in (1, 2, 3, 4, 5, -1):
            check.error(raw, "nth", msg("must be 1, 2, 3, 4 or -1 (the last), not {value}", value=show(nth)),
                        msg("nth: 2 with weekday: thu means the second Thursday of each month"), field=p + "nth")
    elif raw.get("weekday") is not None or raw.get("nth") is not None:
        check.error(raw, "weekday" if "weekday" in raw else "nth", msg("only monthly rules take weekday and nth"),
                    msg("a weekly event repeats on the weekday of its start: delete this line"),
                    p + ("weekday" if "weekday" in raw else "nth"))
    until = date_field(check, raw, "until", p)
    count = check.typed(raw, "count", int, WHOLE_NUMBER, p)
    if until is None and count is None:
        check.error(raw, "freq", msg("a repeating event needs an end"),
                    msg("add 'until: YYYY-MM-DD' (the last day) or 'count: N' (how many times)"), p + "until")
    if until and start and until < start.date():
        check.error(raw, "until", msg("{until} is before the first date {start}: the rule gives no date",
                                      until=until, start=start.date()),
                    msg("set 'until' after 'start'"), p + "until")
    exceptions = []
    for item in (check.items(raw, "except", msg("e.g. except: [2026-12-24, 2026-12-31]"), p)):
        day = date_field(check, {"except": item}, "except", p)
        if day:
            exceptions.append(day)
    moved = []
    for i, item in enumerate(check.items(raw, "moved", msg("e.g. moved: [{from: 2027-01-07, to: \"2027-01-08 12:00\"}]"), p)):
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


NTH = {1: msg("first"), 2: msg("second"), 3: msg("third"), 4: msg("fourth"), 5: msg("fifth"), -1: msg("last")}
DAY_NAMES = (msg("Monday"), msg("Tuesday"), msg("Wednesday"), msg("Thursday"), msg("Friday"), msg("Saturday"),
             msg("Sunday"))


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
            hint = (msg("start on {date}, the first date of the rule, or change weekday and nth", date=first.date())
                    if first else msg("change weekday and nth"))
            check.error(raw, key, msg("the start {date} is not the {nth} {weekday} of its month",
                                      date=local_start.date(), nth=NTH.get(rec.nth, str(rec.nth)),
                                      weekday=DAY_NAMES[rec.weekday]), hint, p + key)
            return
    dates = {moment.date() for moment in rule}

    def nearest(day):
        moment = dt.datetime.combine(day, local_start.time())
        around = [m.date().isoformat() for m in (rule.before(moment), rule.after(moment)) if m is not None]
        if len(around) == 2:
            return msg("the nearest dates of this event are {before} and {after}", before=around[0], after=around[1])
        return msg("the nearest date of this event is {date}", date=around[0]) if around else None

    excepted = raw.get("except") or []
    for i, item in enumerate(excepted):
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime) and item not in dates:
            line = excepted.lines[i] if hasattr(excepted, "lines") else line_of(raw, "except", 1)
            check.errors.append(check.error_type(check.path, line, msg("{date} is not a date of this event", date=item),
                                                 p + "except", nearest(item)))
    for i, (day, _) in enumerate(rec.moved):
        field = f"{p}moved[{i}].from"
        item = raw["moved"][i] if i < len(raw.get("moved") or []) else raw
        if day not in dates:
            check.error(item, "from", msg("{date} is not a date of this event, so there is nothing to move", date=day),
                        nearest(day), field)
        elif day in rec.exceptions:
            check.error(item, "from", msg("{date} is both in except and moved", date=day),
                        msg("keep it in one of the two"), field)
