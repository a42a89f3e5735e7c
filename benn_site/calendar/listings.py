"""Which occurrences a site lists as upcoming and which as past: the one rule every listing, feed
and fingerprint uses, computed once per build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from benn_site.calendar import schedule
from benn_site.model import Occurrence, Site

ARCHIVE_DAYS = 366  # how far back the archive of past events reaches


@dataclass
class Listings:
    """Upcoming: from the build instant to the site's horizon, not yet ended, by start. Past:
    ended within the last ARCHIVE_DAYS, newest first. Shared by every page that lists events."""

    upcoming: list[Occurrence]
    past: list[Occurrence]
    by_location: dict[str, list[Occurrence]] = field(default_factory=dict)
    by_event: dict[str, list[Occurrence]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> Listings:
        tz = site.config.tz
        now = site.now
        horizon = now + dt.timedelta(weeks=site.config.events_horizon_weeks)
        upcoming = [o for o in schedule.occurrences(site.events, tz, now, horizon) if o.end > now]
        past = [o for o in schedule.occurrences(site.events, tz, now - dt.timedelta(days=ARCHIVE_DAYS), now)
                if o.end <= now]
        past.reverse()
        by_location: dict[str, list[Occurrence]] = {}
        by_event: dict[str, list[Occurrence]] = {}
        for occ in upcoming:
            by_location.setdefault(occ.event.location, []).append(occ)
            by_event.setdefault(occ.event.slug, []).append(occ)
        return cls(upcoming, past, by_location, by_event)
