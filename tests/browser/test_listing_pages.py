"""A long event listing's pages in Chromium: no axe-core violations on a later page in German and
in Arabic at phone and desktop size, and a reader walks from the first page to the last and back by
its links."""

from __future__ import annotations

import pytest

from benn_site.build import build
from benn_site.calendar import listings
from tests.browser.pagetypes import VIEWPORTS
from tests.conftest import AXE_JS, NOW, Server, require_tool, run_axe, sample_files, write_site
from tests.integration.test_listing_pages import PER_DAY, events


@pytest.fixture(scope="module")
def paged_server(tmp_path_factory):
    """The sample site with six days of events, listed two days a page, served."""
    root = tmp_path_factory.mktemp("paged")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listings, "PAGE_SIZE", 2 * PER_DAY)
        files = sample_files({**events(6 * PER_DAY), "content/events/2026-11-26-cafe.md": None})
        build(write_site(root / "site", files), root / "www", NOW)
    server = Server(root / "www", not_found=root / "www" / "404.html")
    yield server.url
    server.stop()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violations_on_a_listing_s_later_pages(browser, paged_server, viewport):
    require_tool(AXE_JS, "axe-core")
    context = browser.new_context(viewport=VIEWPORTS[viewport], device_scale_factor=1, bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    failures = {}
    for path in ("/de/events/page/2/", "/ar/events/page/3/", "/ar/events/category/cafe/page/2/"):
        page.goto(paged_server + path)
        assert page.locator("nav.pages").is_visible(), path
        failures[path] = run_axe(page)
    context.close()
    assert failures == {path: [] for path in failures}


def test_a_reader_walks_the_pages_by_their_links(browser, paged_server):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(paged_server + "/ar/events/")
    seen = [page.locator("nav.pages span").text_content()]
    while page.locator('nav.pages a[rel="next"]').count():
        page.locator('nav.pages a[rel="next"]').click()
        seen.append(page.locator("nav.pages span").text_content())
    assert page.url == paged_server + "/ar/events/page/3/"
    page.locator('nav.pages a[rel="prev"]').click()
    assert page.url == paged_server + "/ar/events/page/2/"
    assert seen == ["الصفحة 1 من 3", "الصفحة 2 من 3", "الصفحة 3 من 3"]
    page.close()
