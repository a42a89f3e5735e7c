"""Checks across files, after each file has loaded on its own: references and rules that need the whole site."""

from __future__ import annotations

import datetime as dt

from . import schedule
from .errors import ContentError, SiteError, did_you_mean
from .messages import msg
from .model import Site


def validate_site(site: Site, unloaded_locations=None) -> list[SiteError]:
    """Problems across files. `unloaded_locations` maps the slugs of locations that did not load to
    why: "failed" (their own problems are reported; events there pass) or "draft"."""
    errors: list[SiteError] = []
    unloaded = dict(unloaded_locations or {})
    slugs = [loc.slug for loc in site.locations]
    known = set(slugs)
    tz = site.config.tz
    for event in site.events:
        reason = unloaded.get(event.location)
        if reason == "draft":
            errors.append(ContentError(
                event.source.path, _line(event, "location"),
                msg("the location '{location}' is still a draft", location=event.location), "location",
                msg("publish the location first (delete 'draft: true' in its file), or make this event a draft too")))
        elif event.location not in known and reason is None:
            errors.append(ContentError(
                event.source.path, _line(event, "location"),
                msg("unknown location '{location}'", location=event.location), "location",
                did_you_mean(event.location, sorted(known | set(unloaded))) or msg(
                    "use the file name of a location in content/locations/, without .yaml")))
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
