"""The editors' translation page of the shipped portal in Chromium: its language, and axe-core."""

from __future__ import annotations

from tests.conftest import run_axe


def test_the_translation_page_reads_in_german_and_passes_axe(phone, portal_server):
    phone.goto(portal_server + "/editors/translations/")
    assert phone.get_attribute("html", "lang") == "de"
    assert phone.locator("h1").inner_text() == "Stand der Übersetzungen"
    assert phone.locator("table").first.locator("tbody tr").count() == 6  # every language but German
    assert run_axe(phone) == []


def test_the_translation_page_fits_a_phone_without_scrolling_sideways(phone, portal_server):
    phone.goto(portal_server + "/editors/translations/")
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    todo = phone.locator("table.items td:nth-child(3)").first  # what to do: on screen, not beside it
    box = todo.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= widths[1]
    assert run_axe(phone) == []
