"""The Atom feed of a language's events, and an occurrence's date and time as plain text.

The feed lists the events that have an occurrence in the listing horizon, soonest first, each with
its next three dates, its place and its calendar file.
"""

from __future__ import annotations

import datetime as dt

from benn_site.calendar import schedule
from benn_site.model import Event, Location, Occurrence, Site
from benn_site.rendering import i18n
from benn_site.rendering.i18n import N_, Translator
from benn_site.rendering.render import date_and_time
from benn_site.rendering.routes import Routes

UTC = dt.timezone.utc


def _rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def when_text(occurrence: Occurrence, lang: str, tz) -> str:
    """'Donnerstag, 26. November 2026, 12:00–14:00 Uhr' in the reader's language, as plain text (Atom,
    shared messages). An event within one day is written as its page writes it: CLDR's date-time
    pattern and time interval, so 'الجمعة، 18 ديسمبر 2026، 3:00–6:00 م' has Arabic commas and order."""
    start, end = occurrence.start.astimezone(tz), occurrence.end.astimezone(tz)
    if occurrence.event.all_day:
        last = schedule.last_day(occurrence, tz)
        text = i18n.date_text(start.date(), lang)
        return text if last == start.date() else f"{text} – {i18n.date_text(last, lang)}"
    if start.date() == end.date():
        day, hours = i18n.date_text(start.date(), lang), i18n.time_range(start.time(), end.time(), lang)
        return date_and_time(day, hours, lang).unescape()
    return (f"{i18n.date_text(start.date(), lang)}, {i18n.time_text(start, lang)} – "
            f"{i18n.date_text(end.date(), lang)}, {i18n.time_text(end, lang)}")


def cancelled_title(title: str, lang: str, translator: Translator) -> str:
    """A title as plain text says it is cancelled ("Abgesagt: Nachbarschaftscafé"): the feed's
    entry and a shared message."""
    return f"{translator.gettext(lang, N_('Cancelled'))}: {title}"


def atom_feed(site: Site, routes: Routes, translator: Translator, lang: str,
              occurrences: list[Occurrence]) -> bytes:
    """One entry per event with an upcoming occurrence, ordered by its next one."""
    # Imported here: xml.sax.saxutils brings urllib.request, http and ssl, 14 ms at the start of
    # every build, also of the many that make no feed.
    from xml.sax.saxutils import escape, quoteattr

    config = site.config
    gettext = translator.gettext
    self_url = routes.absolute(routes.url("events_atom", lang))
    title = f"{gettext(lang, N_('Upcoming events'))} – {config.title(lang)}"
    updated = _rfc3339(site.now)
    nexts: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        nexts.setdefault(occ.event.slug, []).append(occ)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(self_url)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(routes.absolute(routes.url('events', lang)))}/>",
        f"  <author><name>{escape(config.title(lang))}</name>"
        f"<uri>{escape(routes.absolute(routes.url('home', lang)))}</uri></author>",
        "  <generator>benn-site</generator>",
    ]
    for occs in nexts.values():
        event = occs[0].event
        lines.extend(_entry(site, routes, translator, lang, event, occs, updated))
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry(site, routes, translator, lang, event: Event, occs: list[Occurrence], updated: str) -> list[str]:
    from xml.sax.saxutils import escape, quoteattr  # see atom_feed()

    config = site.config
    url = routes.absolute(routes.url("event", lang, event.slug))
    title = event.title.get(lang)
    heading = cancelled_title(title.text, lang, translator) if event.cancelled else title.text
    location: Location | None = site.location(event.location)
    summary = [when_text(o, lang, config.tz) for o in occs[:3]]
    if len(occs) > 3:
        summary.append("…")
    if location is not None:
        summary.append(location.name(lang))
    lines = [
        "  <entry>",
        f"    <id>{escape(url)}</id>",
        f"    <title{'' if title.lang == lang else ' xml:lang=' + quoteattr(title.lang)}>{escape(heading)}</title>",
        f"    <updated>{updated}</updated>",
        f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>",
        f"    <link rel=\"related\" type=\"text/calendar\" "
        f"href={quoteattr(routes.absolute(routes.url('event_ics', lang, event.slug)))}/>",
    ]
    if event.category and config.category(event.category) is not None:
        lines.append(f"    <category term={quoteattr(event.category)} label={quoteattr(config.category(event.category)(lang))}/>")
    lines.append(f"    <summary>{escape(chr(10).join(summary))}</summary>")
    lines.append("  </entry>")
    return lines
