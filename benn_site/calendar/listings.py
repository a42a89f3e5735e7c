"""Which occurrences a site lists as upcoming and which as past: the one rule every listing, feed
and fingerprint uses, computed once per build. And how a listing is split into pages: a city's
events page would otherwise list thousands of dates on one page, a megabyte on a phone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from benn_site.calendar import schedule
from benn_site.model import Occurrence, Site

ARCHIVE_DAYS = 366  # how far back the archive of past events reaches
# Dates a listing page shows, in whole days: a day that has more makes a longer page. About 40 KB of
# HTML: BENN's eight weeks of events fit on one page; a city's thousands take as many pages as needed.
PAGE_SIZE = 100
# The kinds of listing page; listed() says which occurrences each shows.
LISTINGS = ("events", "events_archive", "events_location", "events_category")


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

    def upcoming_at(self, location: str) -> list[Occurrence]:
        return self.by_location.get(location, [])


def listed(listings, kind: str, key: str | None) -> list[Occurrence]:
    """The occurrences the listing `kind` (one of LISTINGS) with `key` shows. `listings` is the
    build's Listings, or what reads them for a page and records that it did
    (`rendering.reads.Reads`): the routes count pages with the one, the pages show them with the
    other."""
    if kind == "events_archive":
        return listings.past
    if kind == "events_location":
        return listings.upcoming_at(key)
    if kind == "events_category":
        return [o for o in listings.upcoming if o.event.category == key]
    return listings.upcoming


def day_of(occurrence: Occurrence, tz) -> dt.date:
    """The day a listing shows an occurrence under: the date of its start where the site is."""
    return occurrence.start.astimezone(tz).date()


def paged(occurrences: list[Occurrence], tz, size: int | None = None) -> list[list[Occurrence]]:
    """A listing's pages: its days in order, a page ending where the next day would take it past
    `size` (default PAGE_SIZE) dates. Always at least one page, which may be empty."""
    size = size or PAGE_SIZE
    pages: list[list[Occurrence]] = [[]]
    for _, day in groupby(occurrences, key=lambda o: day_of(o, tz)):
        dates = list(day)
        if pages[-1] and len(pages[-1]) + len(dates) > size:
            pages.append([])
        pages[-1].extend(dates)
    return pages
