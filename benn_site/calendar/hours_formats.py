"""A location's regular office hours as other programs read them: OpenStreetMap's
`opening_hours` (the map link, and editors who keep OSM current) and schema.org's
OpeningHoursSpecification (the page's JSON-LD). What holds on which day is schedule.py's."""

from __future__ import annotations

from itertools import groupby

from benn_site.model import Location
from benn_site.reading.fields import clock_text

OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = tuple(f"https://schema.org/{d}" for d in (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))


def _osm_ranges(ranges) -> str:
    return ",".join(f"{clock_text(a)}-{clock_text(b)}" for a, b in ranges)


def _osm_days(runs: list[tuple[int, int]]) -> str:
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(OSM_DAYS[first])
        elif last == first + 1:
            parts.append(f"{OSM_DAYS[first]},{OSM_DAYS[last]}")
        else:
            parts.append(f"{OSM_DAYS[first]}-{OSM_DAYS[last]}")
    return ",".join(parts)


def osm_opening_hours(location: Location) -> str:
    """The regular weekly hours as an OpenStreetMap `opening_hours` value, for the map link and
    for editors who keep OSM up to date: "Mo-We 10:00-13:00; Th 14:00-18:00; PH off".

    Consecutive days with the same ranges become one span; spans with the same ranges share one rule.
    """
    if location.status == "ended" or not any(location.office_hours):
        return ""
    runs: list[tuple[int, int, tuple]] = []  # (first day, last day, ranges)
    day = 0
    for ranges, same in groupby(enumerate(location.office_hours), key=lambda item: tuple(item[1])):
        length = len(list(same))
        if ranges:
            runs.append((day, day + length - 1, ranges))
        day += length
    rules: dict[tuple, list[tuple[int, int]]] = {}
    for first, last, ranges in runs:
        rules.setdefault(ranges, []).append((first, last))
    text = "; ".join(f"{_osm_days(spans)} {_osm_ranges(ranges)}" for ranges, spans in rules.items())
    return text + "; PH off" if location.closed_on_holidays else text


def _spec(weekday: int | None, opens: str, closes: str, valid=None) -> dict:
    spec: dict = {"@type": "OpeningHoursSpecification"}
    if weekday is not None:
        spec["dayOfWeek"] = SCHEMA_DAYS[weekday]
    spec["opens"], spec["closes"] = opens, closes
    if valid is not None:
        spec["validFrom"], spec["validThrough"] = valid[0].isoformat(), valid[1].isoformat()
    return spec


def opening_hours_specification(location: Location) -> list[dict]:
    """schema.org OpeningHoursSpecification for the location's Place JSON-LD.

    Regular hours come without dates; each seasonal period repeats its hours with validFrom and
    validThrough and marks the days it closes that are normally open with "00:00"-"00:00" (the
    schema.org way of saying "closed"); each closure is one such closed spec for its dates.
    """
    if location.status == "ended":
        return []
    specs = [_spec(wd, clock_text(a), clock_text(b))
             for wd, ranges in enumerate(location.office_hours) for a, b in ranges]
    for season in location.seasonal_hours:
        period = (season.start, season.until)
        for wd, ranges in enumerate(season.hours):
            if ranges:
                specs.extend(_spec(wd, clock_text(a), clock_text(b), period) for a, b in ranges)
            elif location.office_hours[wd]:
                specs.append(_spec(wd, "00:00", "00:00", period))
    specs.extend(_spec(None, "00:00", "00:00", (c.start, c.until)) for c in location.closures)
    return specs
