"""Checks across files, after each file has loaded on its own: references and rules that need the whole site."""

from __future__ import annotations

import datetime as dt

from . import schedule
from .errors import ContentError, SiteError, did_you_mean
from .messages import msg
from .model import Site


def validate_site(site: Site, unloaded_locations=frozenset()) -> list[SiteError]:
    """Problems across files; events at `unloaded_locations` (files with their own problems) pass."""
    errors: list[SiteError] = []
    slugs = [loc.slug for loc in site.locations]
    known = set(slugs) | set(unloaded_locations)
    tz = site.config.tz
    for event in site.events:
        if event.location not in known:
            errors.append(ContentError(
                event.source.path, _line(event, "location"),
                msg("unknown location '{location}'", location=event.location), "location",
                did_you_mean(event.location, sorted(known)) or msg("use the file name of a location in content/locations/, "
                                                           "without .yaml")))
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
