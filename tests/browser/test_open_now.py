"""The "open now" badge in Chromium with a frozen clock, in German and Arabic.

The portal is built for 2026-11-25 10:00 Berlin time; the page carries the opening days of the
next 60 days, and the browser computes the badge from its own clock in Europe/Berlin, whatever
the visitor's zone. BENN Hohenschönhausen-Nord is open Mon 14-17, Tue 10-12, Thu 10-12 and 14-16,
Sat 10-12, and closes on public holidays (Saturday 26 December 2026 is one).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")
PAGE = "/{lang}/locations/hohenschoenhausen-nord/"

CASES = [
    # (Berlin wall-clock time, German badge, Arabic badge: times as the office-hours table writes them)
    ("2026-11-26 10:30", "Jetzt geöffnet, bis 12:00", "مفتوح الآن حتى الساعة 12:00 م"),
    ("2026-11-26 12:30", "Jetzt geschlossen, öffnet heute um 14:00", "مغلق الآن، يفتح اليوم الساعة 2:00 م"),
    ("2026-12-01 09:59", "Jetzt geschlossen, öffnet heute um 10:00", "مغلق الآن، يفتح اليوم الساعة 10:00 ص"),
    ("2026-12-01 10:00", "Jetzt geöffnet, bis 12:00", "مفتوح الآن حتى الساعة 12:00 م"),
    ("2026-11-25 10:00", "Jetzt geschlossen, öffnet am Donnerstag, 26. November um 10:00",
     "مغلق الآن، يفتح في الخميس، 26 نوفمبر الساعة 10:00 ص"),
    # Second Christmas Day, a Saturday: the office would be open 10-12 but closes for the holiday.
    ("2026-12-26 11:00", "Jetzt geschlossen, öffnet am Montag, 28. Dezember um 14:00",
     "مغلق الآن، يفتح في الاثنين، 28 ديسمبر الساعة 2:00 م"),
    # After the last day the page knows: closed, no promise.
    ("2027-03-01 10:00", "Jetzt geschlossen", "مغلق الآن"),
]


@pytest.fixture
def visitor(browser):
    """A phone in New York: the badge must still speak Berlin time."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="America/New_York")
    page = context.new_page()
    yield page
    context.close()


def badge_at(page, server: str, lang: str, moment: str) -> str:
    when = dt.datetime.fromisoformat(moment).replace(tzinfo=BERLIN)
    page.clock.set_fixed_time(when)
    page.goto(server + PAGE.format(lang=lang))
    badge = page.locator("#open-status")
    badge.wait_for(state="visible")
    return badge.inner_text()


@pytest.mark.parametrize("moment,german,arabic", CASES)
def test_badge_text_at_a_frozen_instant(visitor, portal_server, moment, german, arabic):
    assert badge_at(visitor, portal_server, "de", moment) == german
    assert badge_at(visitor, portal_server, "ar", moment) == arabic


def test_the_farsi_badge_writes_persian_digits_in_the_gregorian_calendar(visitor, portal_server):
    """As the office-hours table does: not the browser's default Persian calendar for fa."""
    text = badge_at(visitor, portal_server, "fa", "2026-11-25 10:00")
    assert "پنجشنبه ۲۶ نوامبر" in text and "۱۰:۰۰" in text
    assert not set("0123456789") & set(text)


def test_badge_in_arabic_reads_right_to_left(visitor, portal_server):
    badge_at(visitor, portal_server, "ar", "2026-11-26 10:30")
    badge = visitor.locator("#open-status")
    assert badge.evaluate("e => getComputedStyle(e).direction") == "rtl"
    heading = visitor.locator("#hours").bounding_box()
    box = badge.bounding_box()
    # In RTL the badge starts at the right, under the heading's start.
    assert abs((box["x"] + box["width"]) - (heading["x"] + heading["width"])) <= 2
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_without_javascript_the_badge_stays_hidden(browser, portal_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_server + PAGE.format(lang="de"))
    assert page.locator("#open-status").is_hidden()
    assert page.locator("table.hours tr").count() == 7
    context.close()
