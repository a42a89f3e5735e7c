"""The overview map in Chromium: markers are links a keyboard reaches, and axe finds nothing."""

from __future__ import annotations

import pytest

from tests.conftest import run_axe


def test_a_marker_is_a_link_to_its_location(phone, portal_server):
    phone.goto(portal_server + "/ar/")
    marker = phone.locator('.overview-map-svg a[href="/ar/locations/hakenfelde/"]')
    assert marker.get_attribute("aria-label") == "5. BENN Hakenfelde"
    marker.focus()
    assert phone.evaluate("document.activeElement.getAttribute('href')") == "/ar/locations/hakenfelde/"
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/ar/locations/hakenfelde/")


@pytest.mark.parametrize("path", ["/de/", "/ar/locations/"])
def test_pages_with_the_map_have_no_axe_violations(phone, portal_server, path):
    phone.goto(portal_server + path)
    assert phone.locator(".overview-map-svg a").count() >= 8
    assert run_axe(phone) == []
