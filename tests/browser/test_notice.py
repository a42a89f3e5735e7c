"""The printable notice in Chromium: exactly one A4 page for every active location, in German and
Arabic (two columns), and no axe-core violations."""

from __future__ import annotations

import re

import pytest

from benn_site.build import prepare
from tests.conftest import NOW, ROOT, run_axe

ACTIVE = sorted(loc.slug for loc in prepare(ROOT, NOW)[1].locations if loc.active)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_every_active_locations_notice_prints_on_one_a4_page(browser, portal_server, lang):
    assert len(ACTIVE) >= 8
    page = browser.new_page()
    counts = {}
    for slug in ACTIVE:
        page.goto(f"{portal_server}/{lang}/locations/{slug}/notice/")
        pdf = page.pdf(format="A4")
        counts[slug] = pdf_pages(pdf)
        assert pdf.startswith(b"%PDF")
    page.close()
    assert counts == {slug: 1 for slug in ACTIVE}


def test_the_page_count_sees_a_second_page(browser, portal_server):
    # the same printing, of a page known to be longer than A4, counts more than one page
    page = browser.new_page()
    page.goto(f"{portal_server}/de/events/")
    assert pdf_pages(page.pdf(format="A4")) > 1
    page.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_notice_has_no_axe_violations(phone, portal_server, lang):
    phone.goto(f"{portal_server}/{lang}/locations/blumberger-damm/notice/")
    assert phone.locator(".aushang-column").count() == (1 if lang == "de" else 2)
    assert run_axe(phone) == []
