"""Text that mixes directions and scripts: digits as CLDR writes them, lists and date-and-time joined
the way each language joins them, every part isolated so it keeps its own direction."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from benn_site.rendering.i18n import date_text, native_digits, time_range, time_text
from benn_site.rendering.render import date_and_time, list_text


def test_farsi_dates_and_times_use_persian_digits_arabic_and_german_latin():
    day = dt.date(2026, 12, 2)
    assert date_text(day, "fa") == "چهارشنبه ۲ دسامبر ۲۰۲۶"
    assert time_text(dt.time(17, 0), "fa") == "۱۷:۰۰"
    assert time_range(dt.time(10, 0), dt.time(13, 0), "fa") == "۱۰:۰۰ تا ۱۳:۰۰"
    assert date_text(day, "ar") == "الأربعاء، 2 ديسمبر 2026"  # CLDR's ar uses Latin digits
    assert time_text(dt.time(17, 0), "de") == "17:00"


def test_native_digits_leaves_latin_languages_alone():
    assert native_digits("10:00–13:00", "de") == "10:00–13:00"
    assert native_digits("10:00–13:00", "ar") == "10:00–13:00"
    assert native_digits("10:00–13:00", "fa") == "۱۰:۰۰–۱۳:۰۰"


def test_lists_are_joined_the_languages_way_and_every_item_isolated():
    assert list_text(["Deutsch", "Arabisch", "Farsi"], "de") == \
        "<bdi>Deutsch</bdi>, <bdi>Arabisch</bdi> und <bdi>Farsi</bdi>"
    assert list_text(["الألمانية", "العربية"], "ar") == "<bdi>الألمانية</bdi> و<bdi>العربية</bdi>"
    assert list_text(["آلمانی", "عربی", "فارسی"], "fa") == \
        "<bdi>آلمانی</bdi>،\u200f <bdi>عربی</bdi>، و <bdi>فارسی</bdi>"
    assert list_text([], "de") == ""
    assert list_text(["one"], "en") == "<bdi>one</bdi>"


def test_list_items_are_escaped_and_can_be_made_from_tuples():
    assert list_text(["<b>", Markup("<i>x</i>")], "en") == "<bdi>&lt;b&gt;</bdi> and <bdi><i>x</i></bdi>"
    ranges = [(dt.time(10, 0), dt.time(12, 0)), (dt.time(14, 0), dt.time(17, 0))]
    assert list_text(ranges, "de", lambda a, b: time_range(a, b, "de")) == \
        "<bdi>10:00–12:00 Uhr</bdi> und <bdi>14:00–17:00 Uhr</bdi>"


def test_date_and_time_follow_cldr_and_escape():
    assert date_and_time("Mittwoch, 2. Dezember 2026", "17:00", "de") == "Mittwoch, 2. Dezember 2026, 17:00"
    assert date_and_time("الأربعاء، 2 ديسمبر 2026", "5:00 م", "ar") == "الأربعاء، 2 ديسمبر 2026، 5:00 م"
    assert date_and_time("چهارشنبه ۲ دسامبر ۲۰۲۶", "۱۷:۰۰", "fa") == "چهارشنبه ۲ دسامبر ۲۰۲۶، ساعت ۱۷:۰۰"
    assert date_and_time("<x>", Markup("<bdi>1</bdi>"), "en") == "&lt;x&gt;, <bdi>1</bdi>"
