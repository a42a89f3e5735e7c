"""The printable notice ("Aushang") of a location: one A4 page for the office door and the shelter's
notice board, with the regular office hours, closures coming up, the next events and a QR code to the
location's page.

A notice hangs where people who read different languages pass by, so a notice in another language
than the default one shows that language beside the default one: each column is built here with its
own strings, weekday names, dates and times, and the template only lays them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from benn_site.calendar import schedule
from benn_site.model import Location, Occurrence
from benn_site.rendering import i18n
from benn_site.rendering.i18n import N_, Translator
from benn_site.rendering.render import localized_html
from benn_site.texts import Localized

EVENTS = 5  # as many as fit beside the hours on one A4 page in two languages
CLOSURES = 3
HEADINGS = {
    "hours": N_("Office hours"),
    "closures": N_("Closures and public holidays"),
    "events": N_("Next events"),
    "no_events": N_("No upcoming events."),
    "no_hours": N_("No regular office hours."),
    "scan": N_("Scan for this page, in your language, with the latest office hours and events."),
    "as_of": N_("As of"),
    "cancelled": N_("Cancelled"),
}


@dataclass(frozen=True)
class NoticeEvent:
    day: str
    time: str  # '' for all-day events
    title: Markup  # in the column's language, or the fallback marked with its own lang/dir
    cancelled: bool


@dataclass(frozen=True)
class NoticeColumn:
    """Everything one language's column says, already in that language."""

    lang: str
    dir: str
    name: Localized
    text: dict[str, str]
    hours: list[tuple[str, list[str]]]  # (weekday, ["10:00–13:00", "14:00–16:00"])
    closures: list[str]
    events: list[NoticeEvent]
    as_of: str


def regular_hours(rows: list[schedule.DayRow], lang: str) -> list[tuple[str, list[str]]]:
    """(weekday, ["10:00–13:00", …]) of the days with regular hours in this week's rows: what the
    weekly schedule says, seasonal hours applied, closures left out. For texts that are read for
    weeks after they are made: the notice on the door, a message shared in a chat."""
    weekdays = i18n.weekday_names(lang)
    return [(weekdays[row.weekday], [i18n.time_range(a, b, lang) for a, b in row.ranges])
            for row in rows if row.ranges]


def column(location: Location, lang: str, directions: dict[str, str], translator: Translator, today: dt.date,
           holidays: dict[dt.date, str], occurrences: list[Occurrence], tz) -> NoticeColumn:
    """One language's column: regular hours of this week's schedule (seasonal hours applied, closures
    listed apart, since a notice hangs for weeks), the next closures and the next events."""
    text = {key: translator.gettext(lang, msgid) for key, msgid in HEADINGS.items()}
    hours = regular_hours(schedule.week_rows(location, today, holidays, lang), lang)
    closures = []
    for notice in schedule.upcoming_closures(location, today, holidays, lang)[:CLOSURES]:
        when = i18n.date_text(notice.start, lang, "medium")
        if notice.until != notice.start:
            when += " – " + i18n.date_text(notice.until, lang, "medium")
        closures.append(f"{when}: {notice.reason}" if notice.reason else when)
    events = []
    for occ in occurrences[:EVENTS]:
        start = occ.start.astimezone(tz)
        end = occ.end.astimezone(tz)
        time = "" if occ.event.all_day or start.date() != end.date() else i18n.time_range(start.time(), end.time(), lang)
        title = localized_html(occ.event.title.get(lang), lang, directions)
        events.append(NoticeEvent(i18n.date_text(start.date(), lang, "full"), time, title, occ.cancelled))
    return NoticeColumn(lang, directions.get(lang, "ltr"), location.name.get(lang), text, hours, closures,
                        events, i18n.date_text(today, lang, "long"))


def qr_svg(url: str, label: str) -> Markup:
    """The QR code of `url` as inline SVG (segno), scaled by CSS, named for screen readers.
    segno is imported here, not with the module: with the urllib and ssl it pulls in, it costs
    every build 17 ms at its start, also the many that make no notice."""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=2, omitsize=True, title=label, svgclass="qr-code", lineclass=None)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))

