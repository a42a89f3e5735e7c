"""Checks across files, after each file has loaded on its own: references and rules that need the whole site."""

from __future__ import annotations

import datetime as dt

from benn_site.calendar import schedule
from benn_site.errors import ContentError, SiteError, did_you_mean
from benn_site.messages import msg
from benn_site.model import Site


def validate_site(site: Site, unloaded=None) -> list[SiteError]:
    """Problems across files. `unloaded` (loader.Unloaded) says which locations did not load and
    why, and which events did not load but name a location that can still be checked."""
    errors: list[SiteError] = []
    missing = dict(getattr(unloaded, "locations", None) or {})
    known = {loc.slug for loc in site.locations}
    refs = [(e.source.path, _line(e, "location"), e.location) for e in site.events]
    refs += list(getattr(unloaded, "event_locations", None) or [])
    for path, line, location in refs:
        reason = missing.get(location)
        if reason == "draft":
            errors.append(ContentError(
                path, line, msg("the location '{location}' is still a draft", location=location), "location",
                msg("publish the location first (delete 'draft: true' in its file), or make this event a draft too")))
        elif location not in known and reason is None:
            errors.append(ContentError(
                path, line, msg("unknown location '{location}'", location=location), "location",
                did_you_mean(location, sorted(known | set(missing))) or msg(
                    "use the file name of a location in content/locations/, without .yaml")))
    tz = site.config.tz
    for event in site.events:
        if event.recurrence is not None:
            rec = event.recurrence
            last = dt.datetime.combine(rec.until, dt.time.max, tz) if rec.until else event.start + dt.timedelta(days=3660)
            moved = {d for d, _ in rec.moved}
            dates = [o for o in schedule.expand(event, tz, event.start, last + dt.timedelta(days=1))]
            if not dates or all(o.start.astimezone(tz).date() in rec.exceptions and o.start.date() not in moved for o in dates):
                errors.append(ContentError(event.source.path, _line(event, "recurrence"),
                                           msg("the rule gives not a single date"), "recurrence",
                                           msg("check freq, weekday, nth, until and except")))
    return errors


def _line(event, field):
    return event.source.line_of(field)
