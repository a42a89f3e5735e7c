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


# Each marker link's box as Chromium lays it out, and what a tap at its centre would hit.
MARKER_BOXES = """() => [...document.querySelectorAll('.overview-map-svg a')].map(a => {
  const r = a.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return {href: a.getAttribute('href'), x: r.x, y: r.y, width: r.width, height: r.height,
          hitsItself: !!hit && hit.closest('a') === a};
})"""


@pytest.mark.parametrize("path", ["/de/", "/ar/", "/fa/locations/"])
def test_every_marker_is_a_target_of_at_least_24_px_that_no_other_covers(phone, portal_server, path):
    """WCAG 2.2 target size (2.5.8) on a 390 px phone: each marker link measures 24 × 24 CSS px or
    more, a tap at its centre lands on it, and no two markers' boxes overlap."""
    phone.goto(portal_server + path)
    phone.locator(".overview-map-svg").scroll_into_view_if_needed()
    boxes = phone.evaluate(MARKER_BOXES)
    assert len(boxes) >= 8
    small = [(b["href"], round(b["width"], 1), round(b["height"], 1)) for b in boxes
             if b["width"] < 24 or b["height"] < 24]
    assert small == []
    assert [b["href"] for b in boxes if not b["hitsItself"]] == []
    overlapping = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            # the hit areas are discs: two overlap when their centres are closer than a diameter
            gap = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
            if gap < a["width"] - 0.5:
                overlapping.append((a["href"], b["href"], round(gap, 1)))
    assert overlapping == []
