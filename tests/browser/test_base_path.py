"""The portal published under a sub-path, opened in Chromium: every request a page makes (styles,
scripts, icons, the search index, anything a script loads) stays below the sub-path and succeeds.

The build is served as GitHub and GitLab Pages serve a project site: at /benn-portal/, with the
site's 404.html answering any missing file. Page types are discovered from the build
(tests/browser/pagetypes.py), so new kinds of page are opened here as soon as they exist.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.pagetypes import page_types
from tests.conftest import SUBPATH

LANGS = ("ar",)  # the URLs do not depend on the language; German and English pages are opened below


class Requests:
    """What a page asked for while it loaded, and what went wrong."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        page.on("response", self._response)
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.expect_404: str | None = None

    def _response(self, response):
        url = response.url
        if url.startswith("data:"):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"left the origin: {url}")
        elif not parts.path.startswith(SUBPATH):
            self.problems.append(f"outside {SUBPATH}: {url}")
        if response.status >= 400 and url != self.expect_404:
            self.problems.append(f"{response.status}: {url}")


def visit(page, requests: Requests, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.fixture
def watched(phone, subpath_server):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_server))
    return phone, Requests(phone, origin)


def test_every_page_type_loads_everything_from_below_the_subpath(watched, subpath_server, subpath_portal):
    page, requests = watched
    visit(page, requests, subpath_server)  # the language chooser
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href") == f"{SUBPATH}static/site.css"
    seen = 1
    for lang in LANGS:
        for path in page_types(subpath_portal, lang).values():
            visit(page, requests, subpath_server + path.lstrip("/"))
            seen += 1
    assert requests.problems == []
    assert seen > 9


def test_the_stylesheet_applies_under_the_subpath(watched, subpath_server):
    page, requests = watched
    visit(page, requests, subpath_server + "de/")
    # site.css is loaded and parsed: a rule of it is in force on the skip link (off-screen until focused)
    assert page.evaluate("() => document.styleSheets.length") >= 1
    assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length > 0)")
    assert requests.problems == []


def test_links_between_languages_stay_below_the_subpath(watched, subpath_server):
    page, requests = watched
    visit(page, requests, subpath_server)
    page.locator('a[hreflang="ar"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == subpath_server + "ar/"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".main-nav a").nth(1).click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith(SUBPATH + "ar/")
    assert requests.problems == []


def test_a_missing_page_shows_the_sites_404_page_with_working_links(watched, subpath_server):
    page, requests = watched
    missing = subpath_server + "de/no-such-page/"
    requests.expect_404 = missing
    response = page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length > 0)")
    # the 404 page is served at any depth: its links must not be relative to where it is shown
    page.locator('main a[hreflang="en"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == subpath_server + "en/"
    assert requests.problems == []


def test_search_finds_pages_below_the_subpath(watched, subpath_server, subpath_portal):
    search_page = subpath_portal / "de" / "search" / "index.html"
    if not search_page.is_file():
        pytest.skip("this build has no search page")
    page, requests = watched
    visit(page, requests, subpath_server + "de/search/")
    page.locator("input[type=search], input[type=text]").first.fill("Sprachcafé")
    result = page.locator("#search a[href]").first
    result.wait_for()
    href = result.get_attribute("href")
    assert urlsplit(href).path.startswith(SUBPATH + "de/"), href
    result.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith(SUBPATH + "de/")
    assert requests.problems == []
