"""The loader refuses recurrence dates on which the page and the calendar would disagree."""

from __future__ import annotations

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from tests.conftest import NOW, sample_files, write_site

PATH = "content/events/2026-11-26-cafe.md"


def errors_for(tmp_path, front_matter: str) -> list[str]:
    text = f"---\ntitle: Café\n{front_matter}location: mitte\n---\nText.\n"
    root = write_site(tmp_path / "site", sample_files({PATH: text}))
    with pytest.raises(BuildFailed) as info:
        build(root, tmp_path / "out", NOW)
    return [str(e) for e in info.value.errors]


def test_monthly_start_must_be_on_its_own_rule(tmp_path):
    assert errors_for(tmp_path, (
        "start: 2026-11-11 18:00\n"  # a Wednesday
        "recurrence:\n"
        "  freq: monthly\n"
        "  weekday: tue\n"
        "  nth: 2\n"
        "  until: 2027-06-30\n")) == [
        f"{PATH}:7: recurrence.nth: the start 2026-11-11 is not the second Tuesday of its month "
        "(start on 2026-12-08, the first date of the rule, or change weekday and nth)"]


def test_last_weekday_of_the_month(tmp_path):
    assert errors_for(tmp_path, (
        "start: 2026-11-20 09:00\n"
        "recurrence: {freq: monthly, weekday: fri, nth: -1, count: 3}\n")) == [
        f"{PATH}:4: recurrence.nth: the start 2026-11-20 is not the last Friday of its month "
        "(start on 2026-11-27, the first date of the rule, or change weekday and nth)"]


def test_an_exception_must_be_a_date_of_the_event(tmp_path):
    assert errors_for(tmp_path, (
        "start: 2026-11-26 12:00\n"  # Thursdays
        "recurrence:\n"
        "  freq: weekly\n"
        "  until: 2027-01-28\n"
        "  except:\n"
        "    - 2026-12-24\n"
        "    - 2026-12-25\n")) == [
        f"{PATH}:9: recurrence.except: 2026-12-25 is not a date of this event "
        "(the nearest dates of this event are 2026-12-24 and 2026-12-31)"]


def test_a_moved_date_must_be_a_date_of_the_event(tmp_path):
    assert errors_for(tmp_path, (
        "start: 2026-11-26 12:00\n"
        "recurrence:\n"
        "  freq: weekly\n"
        "  interval: 2\n"
        "  until: 2027-01-28\n"
        "  moved:\n"
        "    - {from: 2026-12-03, to: '2026-12-04 12:00'}\n"
        "    - from: 2026-12-10\n"
        "      to: 2026-12-11 12:00\n")) == [
        f"{PATH}:9: recurrence.moved[0].from: 2026-12-03 is not a date of this event, so there is nothing "
        "to move (the nearest dates of this event are 2026-11-26 and 2026-12-10)"]


def test_a_date_both_excepted_and_moved(tmp_path):
    assert errors_for(tmp_path, (
        "start: 2026-11-26 12:00\n"
        "recurrence:\n"
        "  freq: weekly\n"
        "  count: 5\n"
        "  except: [2026-12-10]\n"
        "  moved:\n"
        "    - from: 2026-12-10\n"
        "      to: 2026-12-11 12:00\n")) == [
        f"{PATH}:9: recurrence.moved[0].from: 2026-12-10 is both in except and moved (keep it in one of the two)"]
