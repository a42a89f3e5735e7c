"""schedule.py: recurrence across DST, office hours, closures and Berlin public holidays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benn_site.calendar.hours_formats import opening_hours_specification, osm_opening_hours
from benn_site.calendar.schedule import (
    ClosureNotice,
    DayRow,
    closed_reason,
    expand,
    holiday_dates,
    holiday_name,
    hours_on,
    last_day,
    month_position,
    monthly_byday,
    monthly_position,
    occurrences,
    opening_status_data,
    upcoming_closures,
    week_rows,
)
from benn_site.config import Config, Language
from benn_site.model import Closure, Event, Location, Recurrence, SeasonalHours, Source
from benn_site.reading.fields import parse_time_range
from benn_site.texts import Localized, Text

TZ = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc


def at(text: str) -> dt.datetime:
    """'2026-11-26 12:00' as an aware Berlin time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def event(start: str, end: str, recurrence: Recurrence | None = None, slug: str = "cafe", **kw) -> Event:
    return Event(slug=slug, title=Text.of("Sprachcafé", "de"), start=at(start), end=at(end),
                 all_day=kw.pop("all_day", False), location="blumberger-damm", source=Source("x.md"),
                 recurrence=recurrence, **kw)


def starts(occs) -> list[str]:
    return [o.start.isoformat() for o in occs]


def hours(*ranges: str) -> tuple:
    """'10:00-13:00' → ((time(10), time(13)),)"""
    return tuple(tuple(dt.time.fromisoformat(t) for t in r.split("-")) for r in ranges)


def week(**days) -> tuple:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return tuple(hours(*days.get(name, ())) for name in names)


def location(**kw) -> Location:
    kw.setdefault("office_hours", week(tue=["10:00-13:00"], thu=["14:00-16:00", "16:30-18:00"]))
    return Location(slug="blumberger-damm", name=Text.of("BENN Blumberger Damm", "de"),
                    district="Marzahn-Hellersdorf", source=Source("content/locations/x.yaml"), **kw)


@pytest.fixture(scope="module")
def config() -> Config:
    return Config(root=Path("."), title=Text.of("BENN", "de"), tagline=None, base_url="https://example.org/",
                  timezone="Europe/Berlin", default_language="de",
                  languages=(Language("de", "Deutsch"), Language("en", "English")), navigation=("home",),
                  holidays=("DE", "BE"), categories=(), events_horizon_weeks=8,
                  contact_email=None, contact_phone=None)


@pytest.fixture(scope="module")
def berlin(config) -> dict:
    return holiday_dates(config, dt.date(2026, 1, 1), dt.date(2027, 12, 31))


CHRISTMAS = Closure(dt.date(2026, 12, 23), dt.date(2027, 1, 2), Text.of({"de": "Weihnachtspause",
                                                                         "en": "Christmas break"}, "de"))

# ---------------------------------------------------------------- recurrence


def test_single_event_gives_its_one_occurrence():
    ev = event("2026-11-26 12:00", "2026-11-26 14:00", cancelled=True)
    [occ] = expand(ev, TZ, at("2026-11-01 00:00"), at("2026-12-01 00:00"))
    assert (occ.start, occ.end, occ.cancelled, occ.event) == (at("2026-11-26 12:00"), at("2026-11-26 14:00"), True, ev)
    assert expand(ev, TZ, at("2026-11-26 14:00"), at("2026-11-27 00:00")) == []


def test_weekly_stays_at_noon_across_spring_dst():
    # Last Sunday of March 2027 is the 28th: clocks go from +01:00 to +02:00.
    ev = event("2027-03-13 12:00", "2027-03-13 14:00", Recurrence("weekly"))
    occs = expand(ev, TZ, at("2027-03-13 00:00"), at("2027-04-04 00:00"))
    assert starts(occs) == ["2027-03-13T12:00:00+01:00", "2027-03-20T12:00:00+01:00",
                            "2027-03-27T12:00:00+01:00", "2027-04-03T12:00:00+02:00"]
    assert [o.start.astimezone(UTC).hour for o in occs] == [11, 11, 11, 10]
    assert all(o.end - o.start == dt.timedelta(hours=2) for o in occs)


def test_weekly_stays_at_noon_across_autumn_dst():
    # Last Sunday of October 2026 is the 25th: clocks go from +02:00 to +01:00.
    ev = event("2026-10-17 12:00", "2026-10-17 13:30", Recurrence("weekly"))
    occs = expand(ev, TZ, at("2026-10-17 00:00"), at("2026-11-01 00:00"))
    assert starts(occs) == ["2026-10-17T12:00:00+02:00", "2026-10-24T12:00:00+02:00",
                            "2026-10-31T12:00:00+01:00"]
    assert occs[-1].end.isoformat() == "2026-10-31T13:30:00+01:00"


def test_event_crossing_midnight_overlaps_a_window_starting_the_next_morning():
    ev = event("2026-11-27 22:00", "2026-11-28 01:00", Recurrence("weekly"))
    [occ] = expand(ev, TZ, at("2026-11-28 00:30"), at("2026-11-29 00:00"))
    assert (occ.start, occ.end) == (at("2026-11-27 22:00"), at("2026-11-28 01:00"))
    assert expand(ev, TZ, at("2026-11-28 01:00"), at("2026-12-04 22:00")) == []
    single = event("2026-11-27 22:00", "2026-11-28 01:00")
    assert len(expand(single, TZ, at("2026-11-28 00:30"), at("2026-11-29 00:00"))) == 1


def test_weekly_with_exception_dates():
    rec = Recurrence("weekly", exceptions=(dt.date(2026, 12, 24), dt.date(2026, 12, 31)))
    ev = event("2026-12-10 12:00", "2026-12-10 14:00", rec)
    occs = expand(ev, TZ, at("2026-12-01 00:00"), at("2027-01-15 00:00"))
    assert [o.start.date().isoformat() for o in occs] == ["2026-12-10", "2026-12-17", "2027-01-07", "2027-01-14"]


def test_monthly_second_tuesday():
    rec = Recurrence("monthly", weekday=1, nth=2)
    ev = event("2026-12-08 18:00", "2026-12-08 20:00", rec)
    occs = expand(ev, TZ, at("2026-12-01 00:00"), at("2027-04-01 00:00"))
    assert [o.start.date() for o in occs] == [dt.date(2026, 12, 8), dt.date(2027, 1, 12),
                                               dt.date(2027, 2, 9), dt.date(2027, 3, 9)]
    assert all(o.start.time() == dt.time(18) for o in occs)


def test_a_monthly_rule_without_weekday_or_nth_repeats_its_starts_place_in_the_month():
    assert month_position(dt.date(2026, 12, 8)) == (1, 2)  # second Tuesday
    assert month_position(dt.date(2026, 12, 7)) == (0, 1)  # days 1-7: the first
    assert month_position(dt.date(2026, 12, 29)) == (1, 5)  # days 29-31: the fifth
    start = at("2026-12-08 18:00")
    assert monthly_position(Recurrence("monthly"), start) == (1, 2)
    assert monthly_position(Recurrence("monthly", weekday=4), start) == (4, 2)
    assert monthly_position(Recurrence("monthly", nth=-1), start) == (1, -1)
    assert monthly_byday(Recurrence("monthly"), start) == "2TU"
    assert monthly_byday(Recurrence("monthly", weekday=4, nth=-1), start) == "-1FR"
    # the listing repeats the same position
    occs = expand(event("2026-12-08 18:00", "2026-12-08 20:00", Recurrence("monthly")), TZ,
                  at("2026-12-01 00:00"), at("2027-03-01 00:00"))
    assert [o.start.date() for o in occs] == [dt.date(2026, 12, 8), dt.date(2027, 1, 12), dt.date(2027, 2, 9)]


def test_the_last_day_of_an_all_day_event_is_the_day_before_its_end():
    one = event("2026-12-24 00:00", "2026-12-25 00:00", all_day=True)
    assert last_day(expand(one, TZ, at("2026-12-01 00:00"), at("2027-01-01 00:00"))[0], TZ) == dt.date(2026, 12, 24)
    # over the night the clocks go back: still the day before the end's midnight
    three = event("2026-10-24 00:00", "2026-10-27 00:00", all_day=True)
    assert last_day(expand(three, TZ, at("2026-10-01 00:00"), at("2026-11-01 00:00"))[0], TZ) == dt.date(2026, 10, 26)
    # seen from UTC the end is still on the 26th; the rule takes the site's zone
    assert last_day(expand(three, UTC, at("2026-10-01 00:00"), at("2026-11-01 00:00"))[0], TZ) == dt.date(2026, 10, 26)
    timed = event("2026-12-24 22:00", "2026-12-25 01:00")
    assert last_day(expand(timed, TZ, at("2026-12-01 00:00"), at("2027-01-01 00:00"))[0], TZ) == dt.date(2026, 12, 25)


def test_monthly_last_friday():
    ev = event("2026-11-27 15:00", "2026-11-27 17:00", Recurrence("monthly", weekday=4, nth=-1))
    occs = expand(ev, TZ, at("2026-11-01 00:00"), at("2027-04-01 00:00"))
    assert [o.start.date().isoformat() for o in occs] == [
        "2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26", "2027-03-26"]


def test_until_includes_its_whole_day_and_count_limits():
    until = event("2026-12-03 18:00", "2026-12-03 19:00", Recurrence("weekly", until=dt.date(2026, 12, 17)))
    assert [o.start.day for o in expand(until, TZ, at("2026-11-01 00:00"), at("2027-02-01 00:00"))] == [3, 10, 17]
    count = event("2026-12-03 18:00", "2026-12-03 19:00", Recurrence("weekly", count=2))
    assert [o.start.day for o in expand(count, TZ, at("2026-11-01 00:00"), at("2027-02-01 00:00"))] == [3, 10]
    # count is counted from the first occurrence, not from the window
    assert expand(count, TZ, at("2026-12-11 00:00"), at("2027-02-01 00:00")) == []


def test_moved_occurrence_keeps_duration_and_can_move_into_the_window():
    rec = Recurrence("weekly", moved=((dt.date(2027, 1, 7), at("2027-01-08 12:00")),))
    ev = event("2026-12-31 10:00", "2026-12-31 11:30", rec)
    occs = expand(ev, TZ, at("2027-01-01 00:00"), at("2027-01-22 00:00"))
    assert [(o.start, o.end) for o in occs] == [
        (at("2027-01-08 12:00"), at("2027-01-08 13:30")),
        (at("2027-01-14 10:00"), at("2027-01-14 11:30")),
        (at("2027-01-21 10:00"), at("2027-01-21 11:30")),
    ]
    # the original date lies in the window, the new one not: nothing on the 7th
    assert expand(ev, TZ, at("2027-01-07 00:00"), at("2027-01-08 00:00")) == []
    # the original date lies outside the window, the new one inside
    assert starts(expand(ev, TZ, at("2027-01-08 00:00"), at("2027-01-09 00:00"))) == ["2027-01-08T12:00:00+01:00"]


def test_every_second_week():
    ev = event("2026-11-26 12:00", "2026-11-26 14:00", Recurrence("weekly", interval=2))
    occs = expand(ev, TZ, at("2026-11-20 00:00"), at("2027-01-01 00:00"))
    assert [o.start.date().isoformat() for o in occs] == ["2026-11-26", "2026-12-10", "2026-12-24"]


def test_cancelled_recurring_event_gives_cancelled_occurrences():
    ev = event("2026-11-26 12:00", "2026-11-26 14:00", Recurrence("weekly", count=3), cancelled=True)
    occs = expand(ev, TZ, at("2026-11-01 00:00"), at("2027-01-01 00:00"))
    assert [o.cancelled for o in occs] == [True, True, True]


def test_all_day_and_multi_day_events():
    day = event("2026-12-05 00:00", "2026-12-06 00:00", all_day=True)
    assert expand(day, TZ, at("2026-12-06 00:00"), at("2026-12-07 00:00")) == []
    assert len(expand(day, TZ, at("2026-12-05 23:59"), at("2026-12-07 00:00"))) == 1
    # a two-day event every week across the spring DST night still ends at local midnight
    weekend = event("2027-03-20 00:00", "2027-03-22 00:00", Recurrence("weekly", count=2), all_day=True)
    occs = expand(weekend, TZ, at("2027-03-01 00:00"), at("2027-04-01 00:00"))
    assert [(o.start.isoformat(), o.end.isoformat()) for o in occs] == [
        ("2027-03-20T00:00:00+01:00", "2027-03-22T00:00:00+01:00"),
        ("2027-03-27T00:00:00+01:00", "2027-03-29T00:00:00+02:00"),
    ]
    # the second one overlaps a window on its second day only
    assert starts(expand(weekend, TZ, at("2027-03-28 12:00"), at("2027-03-28 13:00"))) == ["2027-03-27T00:00:00+01:00"]


def test_occurrences_sorted_by_start_then_slug():
    a = event("2026-12-01 12:00", "2026-12-01 13:00", Recurrence("weekly"), slug="b-cafe")
    b = event("2026-12-01 12:00", "2026-12-01 13:00", slug="a-forum")
    c = event("2026-12-01 09:00", "2026-12-01 10:00", slug="z-early")
    occs = occurrences([a, b, c], TZ, at("2026-12-01 00:00"), at("2026-12-09 00:00"))
    assert [(o.event.slug, o.start.day) for o in occs] == [("z-early", 1), ("a-forum", 1), ("b-cafe", 1), ("b-cafe", 8)]


@settings(max_examples=60, deadline=None)
@given(first=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), hour=st.integers(0, 23),
       window_days=st.integers(1, 120), offset=st.integers(-30, 400))
def test_weekly_occurrences_keep_wall_clock_and_fill_the_window(first, hour, window_days, offset):
    start = dt.datetime.combine(first, dt.time(hour, 15), TZ)
    ev = Event(slug="e", title=Text.of("E", "de"), start=start, end=start + dt.timedelta(hours=1),
               all_day=False, location="x", source=Source("e.md"), recurrence=Recurrence("weekly"))
    lo = dt.datetime.combine(first + dt.timedelta(days=offset), dt.time(), TZ)
    hi = lo + dt.timedelta(days=window_days)
    occs = expand(ev, TZ, lo, hi)
    for occ in occs:
        local = occ.start.astimezone(TZ)
        assert local.weekday() == first.weekday() and occ.start < hi and occ.end > lo
        assert local.time() == dt.time(hour, 15) or (local.month in (3, 4) and hour == 2)  # spring gap
    expected_max = window_days // 7 + 1
    if lo >= start:
        assert window_days // 7 <= len(occs) <= expected_max


# ---------------------------------------------------------------- holidays


def test_berlin_holidays_include_womens_day(config, berlin):
    assert berlin[dt.date(2027, 3, 8)] == "Frauentag"  # a public holiday in Berlin only
    assert berlin[dt.date(2026, 12, 25)] == "Erster Weihnachtstag"
    assert dt.date(2026, 11, 1) not in berlin  # Allerheiligen: not in Berlin
    assert dt.date(2026, 11, 18) not in berlin  # Buß- und Bettag: Saxony only
    assert holiday_dates(config, dt.date(2027, 1, 1), dt.date(2027, 1, 1)) == {dt.date(2027, 1, 1): "Neujahr"}


def test_holiday_names_in_other_languages(config):
    day = dt.date(2027, 3, 8)
    assert holiday_name(config, day, "de") == "Frauentag"
    assert holiday_name(config, day, "en") == "Women's Day"
    assert holiday_name(config, day, "uk") == "День жінок"
    assert holiday_name(config, day, "ar") == "Frauentag"  # no Arabic names for DE: the German one
    assert holiday_name(config, dt.date(2027, 3, 9), "en") is None


def test_no_holidays_configured(config):
    from dataclasses import replace
    assert holiday_dates(replace(config, holidays=None), dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == {}


# ---------------------------------------------------------------- office hours


def test_hours_on_regular_seasonal_closed_and_ended(berlin):
    summer = SeasonalHours(dt.date(2027, 7, 1), dt.date(2027, 8, 31), None, week(wed=["09:00-12:00"]))
    loc = location(seasonal_hours=(summer,), closures=(CHRISTMAS,))
    assert hours_on(loc, dt.date(2027, 6, 29), berlin) == hours("10:00-13:00")  # a Tuesday
    assert hours_on(loc, dt.date(2027, 7, 1), berlin) == ()  # Thursday, summer: only Wednesdays
    assert hours_on(loc, dt.date(2027, 7, 7), berlin) == hours("09:00-12:00")
    assert hours_on(loc, dt.date(2027, 8, 31), berlin) == ()  # last day of summer is a Tuesday
    assert hours_on(loc, dt.date(2027, 9, 2), berlin) == hours("14:00-16:00", "16:30-18:00")
    assert hours_on(loc, dt.date(2026, 12, 29), berlin) == ()  # Christmas break
    assert hours_on(loc, dt.date(2027, 3, 9), berlin) == hours("10:00-13:00")
    assert hours_on(location(office_hours=week(mon=["10:00-12:00"])), dt.date(2027, 3, 8), berlin) == ()
    open_on_holidays = location(office_hours=week(mon=["10:00-12:00"]), closed_on_holidays=False)
    assert hours_on(open_on_holidays, dt.date(2027, 3, 8), berlin) == hours("10:00-12:00")
    assert hours_on(location(status="ended", ended=dt.date(2021, 12, 31)), dt.date(2027, 3, 9), berlin) == ()


def test_closed_reason(berlin):
    loc = location(closures=(CHRISTMAS,), office_hours=week(mon=["10:00-12:00"], fri=["10:00-12:00"]))
    assert closed_reason(loc, dt.date(2026, 12, 28), berlin, "en").text == "Christmas break"
    assert closed_reason(loc, dt.date(2026, 12, 28), berlin, "ar") == Localized("Weihnachtspause", "de", True)
    assert closed_reason(loc, dt.date(2026, 12, 27), berlin, "en") is None  # Sunday: no hours anyway
    assert closed_reason(loc, dt.date(2027, 3, 8), berlin, "de").text == "Frauentag"
    assert closed_reason(loc, dt.date(2027, 3, 15), berlin, "de") is None
    silent = location(closures=(Closure(dt.date(2027, 3, 16), dt.date(2027, 3, 16), None),))
    assert closed_reason(silent, dt.date(2027, 3, 16), berlin, "de").text == ""


def test_week_rows_marks_today_and_explains_closed_days(berlin):
    loc = location(office_hours=week(mon=["10:00-12:00"], tue=["10:00-13:00"]))
    rows = week_rows(loc, dt.date(2027, 3, 10), berlin, "de")  # a Wednesday
    assert [r.date.isoformat() for r in rows][0::6] == ["2027-03-08", "2027-03-14"]
    assert [r.weekday for r in rows] == list(range(7))
    assert [r.is_today for r in rows] == [False, False, True, False, False, False, False]
    assert rows[0] == DayRow(dt.date(2027, 3, 8), 0, hours("10:00-12:00"), (), Localized("Frauentag", "de", False), False)
    assert rows[1] == DayRow(dt.date(2027, 3, 9), 1, hours("10:00-13:00"), hours("10:00-13:00"), None, False)
    assert rows[2].ranges == () and rows[2].closed_reason is None


def test_closure_over_holidays_is_listed_once(berlin):
    loc = location(closures=(CHRISTMAS,), office_hours=week(mon=["10:00-12:00"], fri=["10:00-12:00"]))
    notices = upcoming_closures(loc, dt.date(2026, 12, 10), berlin, "en", days=30)
    assert notices == [ClosureNotice(dt.date(2026, 12, 23), dt.date(2027, 1, 2), Localized("Christmas break", "en", False), "closure")]
    # 8 March 2027 is a Monday the office would be open; Good Friday and Easter Monday too
    spring = upcoming_closures(loc, dt.date(2027, 3, 1), berlin, "de", days=30)
    assert spring == [ClosureNotice(dt.date(2027, 3, 8), dt.date(2027, 3, 8), Localized("Frauentag", "de", False), "holiday"),
                      ClosureNotice(dt.date(2027, 3, 26), dt.date(2027, 3, 26), Localized("Karfreitag", "de", False), "holiday"),
                      ClosureNotice(dt.date(2027, 3, 29), dt.date(2027, 3, 29), Localized("Ostermontag", "de", False), "holiday")]
    assert upcoming_closures(loc, dt.date(2027, 3, 1), berlin, "de", days=28)[-1].reason.text == "Karfreitag"
    # a holiday on a day without hours is not news; nor is one for an office that opens on holidays
    assert upcoming_closures(location(), dt.date(2027, 3, 1), berlin, "de", days=7) == []
    assert upcoming_closures(location(closed_on_holidays=False, office_hours=week(mon=["10:00-12:00"])),
                             dt.date(2027, 3, 1), berlin, "de", days=30) == []


def test_upcoming_closures_window_is_from_today_for_days(berlin):
    loc = location(closures=(CHRISTMAS,))
    assert upcoming_closures(loc, dt.date(2026, 12, 22), berlin, "de", days=1) == []
    assert len(upcoming_closures(loc, dt.date(2026, 12, 22), berlin, "de", days=2)) == 1
    assert len(upcoming_closures(loc, dt.date(2027, 1, 2), berlin, "de", days=1)) == 1
    assert upcoming_closures(loc, dt.date(2027, 1, 3), berlin, "de", days=30) == []


def test_opening_status_data_skips_holidays_and_closures(berlin):
    loc = location(closures=(Closure(dt.date(2027, 3, 11), dt.date(2027, 3, 11), None),),
                   office_hours=week(mon=["10:00-12:00"], tue=["10:00-13:00"], thu=["14:00-16:00", "16:30-18:00"]))
    data = opening_status_data(loc, dt.date(2027, 3, 8), berlin, days=10, tz=TZ)
    assert data == {"tz": "Europe/Berlin", "days": {
        "2027-03-09": [["10:00", "13:00"]],
        "2027-03-15": [["10:00", "12:00"]],
        "2027-03-16": [["10:00", "13:00"]],
    }}
    assert json.loads(json.dumps(data)) == data
    assert opening_status_data(loc, dt.date(2027, 3, 8), berlin, days=0)["tz"] == "Europe/Berlin"


# ---------------------------------------------------------------- machine-readable hours


def test_osm_opening_hours_groups_days():
    assert osm_opening_hours(location()) == "Tu 10:00-13:00; Th 14:00-16:00,16:30-18:00; PH off"
    grouped = location(office_hours=week(mon=["10:00-13:00"], tue=["10:00-13:00"], wed=["10:00-13:00"],
                                         thu=["14:00-18:00"], fri=["10:00-13:00"]), closed_on_holidays=False)
    assert osm_opening_hours(grouped) == "Mo-We,Fr 10:00-13:00; Th 14:00-18:00"
    weekend = location(office_hours=week(sat=["10:00-14:00"], sun=["10:00-14:00"]))
    assert osm_opening_hours(weekend) == "Sa,Su 10:00-14:00; PH off"
    assert osm_opening_hours(location(office_hours=week())) == ""


def test_a_closing_time_of_24_00_says_24_00_to_machines(berlin):
    friday = (parse_time_range("18:00-24:00")[0],)  # as the loader stores it
    late = location(office_hours=((),) * 4 + (friday,) + ((),) * 2, closed_on_holidays=False)
    assert osm_opening_hours(late) == "Fr 18:00-24:00"
    assert opening_hours_specification(late) == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Friday",
         "opens": "18:00", "closes": "24:00"}]
    # the open-now script compares "HH:MM" strings: 23:59 < 24:00, open until the day ends
    assert opening_status_data(late, dt.date(2027, 3, 8), berlin, days=7)["days"] == {"2027-03-12": [["18:00", "24:00"]]}


def test_opening_hours_specification():
    summer = SeasonalHours(dt.date(2027, 7, 1), dt.date(2027, 8, 31), None, week(tue=["09:00-12:00"]))
    specs = opening_hours_specification(location(seasonal_hours=(summer,), closures=(CHRISTMAS,)))
    ohs = "OpeningHoursSpecification"
    tue, thu = "https://schema.org/Tuesday", "https://schema.org/Thursday"
    season = {"validFrom": "2027-07-01", "validThrough": "2027-08-31"}
    assert specs == [
        {"@type": ohs, "dayOfWeek": tue, "opens": "10:00", "closes": "13:00"},
        {"@type": ohs, "dayOfWeek": thu, "opens": "14:00", "closes": "16:00"},
        {"@type": ohs, "dayOfWeek": thu, "opens": "16:30", "closes": "18:00"},
        {"@type": ohs, "dayOfWeek": tue, "opens": "09:00", "closes": "12:00", **season},
        {"@type": ohs, "dayOfWeek": thu, "opens": "00:00", "closes": "00:00", **season},
        {"@type": ohs, "opens": "00:00", "closes": "00:00", "validFrom": "2026-12-23", "validThrough": "2027-01-02"},
    ]
    assert opening_hours_specification(location(status="ended")) == []
