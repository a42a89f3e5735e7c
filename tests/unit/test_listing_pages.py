"""calendar/listings.paged: a listing in pages of whole days, each at most PAGE_SIZE dates unless one
day alone has more."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from benn_site.calendar.listings import PAGE_SIZE, day_of, paged
from benn_site.model import Occurrence
from tests.unit.test_schedule import TZ, at, event


def dates(per_day: list[int]) -> list[Occurrence]:
    """per_day[k] occurrences on the k-th day from 1 December 2026, from 10:00 half an hour apart."""
    cafe = event("2026-12-01 10:00", "2026-12-01 11:00")
    found = []
    for day, count in enumerate(per_day):
        for n in range(count):
            start = at("2026-12-01 10:00") + dt.timedelta(days=day, minutes=30 * n)
            found.append(Occurrence(cafe, start, start + dt.timedelta(minutes=20)))
    return found


def test_pages_hold_whole_days_up_to_the_size():
    pages = paged(dates([3, 4, 2, 5, 1]), TZ, size=7)
    assert [len(page) for page in pages] == [7, 7, 1]  # 3+4 | 2+5 | 1: a day never split
    days = [{day_of(o, TZ) for o in page} for page in pages]
    assert all(not (a & b) for a, b in pairwise(days))


def test_a_day_with_more_than_the_size_is_one_longer_page():
    assert [len(page) for page in paged(dates([2, 9, 1]), TZ, size=5)] == [2, 9, 1]


def test_every_date_once_in_order():
    occurrences = dates([7] * 40)
    pages = paged(occurrences, TZ)
    assert [o for page in pages for o in page] == occurrences
    assert max(len(page) for page in pages) <= PAGE_SIZE and len(pages) == -(-280 // (PAGE_SIZE // 7 * 7))


def test_an_empty_listing_is_one_empty_page_and_a_short_one_one_page():
    assert paged([], TZ) == [[]]
    assert paged(dates([3, 3]), TZ) == [dates([3, 3])]


def test_days_are_days_where_the_site_is():
    """00:30 in Berlin on 2 December is 23:30 UTC on the 1st: a page of its own day, the 2nd."""
    late = Occurrence(event("2026-12-01 10:00", "2026-12-01 11:00"), at("2026-12-01 23:30"), at("2026-12-01 23:50"))
    early = Occurrence(late.event, at("2026-12-02 00:30"), at("2026-12-02 01:00"))
    assert early.start.astimezone(dt.timezone.utc).date() == dt.date(2026, 12, 1)
    assert (day_of(late, TZ), day_of(early, TZ)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert [len(page) for page in paged([late, early], TZ, size=1)] == [1, 1]
    assert [len(page) for page in paged([late, early], dt.timezone.utc, size=1)] == [2]  # one day in UTC
