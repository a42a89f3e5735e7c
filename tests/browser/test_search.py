"""The search page in Chromium: Pagefind finds a location by its name in German and in Arabic,
under the page's own CSP, with no request leaving the site; without JavaScript the page says so."""

from __future__ import annotations

import pytest

from tests.conftest import run_axe

PLACEHOLDER = {"de": "Suche", "ar": "بحث"}  # Pagefind UI's own translations, chosen from <html lang>


def search(page, base: str, lang: str, query: str) -> list[str]:
    page.goto(f"{base}/{lang}/search/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link")
    return page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")


@pytest.fixture
def strict_page(browser):
    """A page that keeps the site's CSP (no bypass) and records requests and console errors."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.requests = []
    page.problems = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and "favicon" not in (msg.location or {}).get("url", "")
            and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_typing_a_location_name_finds_its_page(strict_page, portal_server, lang):
    links = search(strict_page, portal_server, lang, "Marienfelde")
    assert links[0] == f"{portal_server}/{lang}/locations/marienfelde/"
    assert all(f"/{lang}/" in link for link in links)  # one index per language
    assert strict_page.get_attribute(".pagefind-ui__search-input", "placeholder") == PLACEHOLDER[lang]
    assert strict_page.is_hidden("#search-needs-js")
    assert strict_page.problems == []
    assert all(url.startswith(portal_server + "/") for url in strict_page.requests)


def test_search_runs_in_the_page_when_no_worker_can_start(strict_page, portal_server):
    # Pagefind then compiles its WebAssembly in the page: the reason the search page (and only it)
    # allows 'wasm-unsafe-eval'.
    strict_page.add_init_script("delete window.Worker")
    links = search(strict_page, portal_server, "de", "Hakenfelde")
    assert links[0] == f"{portal_server}/de/locations/hakenfelde/"
    assert strict_page.problems == []


def test_search_page_without_javascript_links_the_locations(browser, portal_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_server + "/ar/search/")
    note = page.locator("#search-needs-js")
    assert note.is_visible()
    assert note.get_attribute("lang") is None  # in the page's language
    assert note.locator("a").first.get_attribute("href") == "/ar/locations/"
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_search_page_with_results_has_no_axe_violations(phone, portal_server, lang):
    search(phone, portal_server, lang, "BENN")
    assert run_axe(phone) == []


def test_search_under_a_subpath_links_into_the_subpath(strict_page, subpath_server):
    links = search(strict_page, subpath_server.rstrip("/"), "de", "Marienfelde")
    assert links[0] == f"{subpath_server}de/locations/marienfelde/"
    assert strict_page.problems == []
