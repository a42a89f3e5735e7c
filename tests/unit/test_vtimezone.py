"""feeds.vtimezone: each observance starts at the real change, read as RFC 5545 says (the onset's
wall-clock time in the offset before it), for zones north and south of the equator and without DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from benn_site.rendering.feeds import vtimezone

UTC = dt.timezone.utc


def onsets(component):
    """(UTC instant, offset after) of every onset the VTIMEZONE states."""
    found = []
    for part in component.subcomponents:
        before = part["TZOFFSETFROM"].td
        after = part["TZOFFSETTO"].td
        starts = [part["DTSTART"].dt]
        rdates = part.get("RDATE")
        for rdate in (rdates if isinstance(rdates, list) else [rdates] if rdates else []):
            starts.extend(p.dt for p in rdate.dts)
        found.extend(((start - before).replace(tzinfo=UTC), after) for start in starts)
    return sorted(found)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo"])
def test_every_onset_is_the_real_change(zone):
    tz = ZoneInfo(zone)
    component = vtimezone(tz, dt.date(2026, 1, 1), dt.date(2029, 1, 1))
    assert str(component["TZID"]) == zone
    stated = onsets(component)
    first, *changes = stated
    assert first[1] == dt.datetime(2026, 1, 1, tzinfo=tz).utcoffset()
    for instant, after in changes:
        assert (instant - dt.timedelta(seconds=1)).astimezone(tz).utcoffset() != after, (zone, instant)
        assert instant.astimezone(tz).utcoffset() == after, (zone, instant)
    expected = 0 if zone == "Asia/Tokyo" else 6
    assert len(changes) == expected


def test_berlin_onsets_are_two_and_three_oclock():
    component = vtimezone(ZoneInfo("Europe/Berlin"), dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    parts = {part.name: part for part in component.subcomponents if part["TZOFFSETFROM"].td != part["TZOFFSETTO"].td}
    assert parts["DAYLIGHT"]["DTSTART"].dt == dt.datetime(2026, 3, 29, 2, 0)
    assert parts["STANDARD"]["DTSTART"].dt == dt.datetime(2026, 10, 25, 3, 0)
    assert str(parts["DAYLIGHT"]["TZNAME"]) == "CEST"
