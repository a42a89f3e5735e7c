"""The search page in Chromium: Pagefind finds a location by its name in German and in Arabic,
under the page's own CSP, with no request leaving the site; a language's index in several shards
is searched as one; without JavaScript the page says so."""

from __future__ import annotations

import re

import pytest

from benn_site.build import build
from benn_site.output.search_index import shards
from tests.conftest import (
    NOTE_WORDS,
    NOW,
    SHARED_WORD,
    SUBPATH,
    SUBPATH_URL,
    Server,
    run_axe,
    shard_pages,
    sharded_files,
    write_site,
)

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


@pytest.fixture(scope="module", params=["/", SUBPATH], ids=["root", "subpath"])
def sharded_server(request, tmp_path_factory):
    """(URL of the site, the German shards' pages) of the sample site with its notes, built with
    small shards (German in three) and served, at the root or below a sub-path as a forge does."""
    root = tmp_path_factory.mktemp("sharded")
    site = write_site(root / "site", sharded_files())
    out = root / "www" / request.param.strip("/") if request.param != "/" else root / "www"
    with shard_pages():
        build(site, out, NOW, None if request.param == "/" else SUBPATH_URL)
        split = shards((p.relative_to(out).as_posix() for p in (out / "de").rglob("*.html")), "de")
    server = Server(root / "www", not_found=out / "404.html")
    yield server.url + request.param.rstrip("/"), split
    server.stop()


def result_count(page) -> int:
    page.wait_for_selector(".pagefind-ui__message")
    return int(re.search(r"\d+", page.text_content(".pagefind-ui__message")).group())


def test_every_shard_of_the_language_is_searched(strict_page, sharded_server):
    base, split = sharded_server
    assert len(split) == 3
    for pages in split:  # a word only one note has, in each shard: that note, once
        note = next(name for name in pages if "/notiz-" in name)
        word = NOTE_WORDS[int(re.search(r"notiz-(\d+)", note).group(1))]
        assert search(strict_page, base, "de", word) == [f"{base}/{note[: -len('index.html')]}"], word
        assert result_count(strict_page) == 1
    links = search(strict_page, base, "de", SHARED_WORD)  # a word every note has: each note once
    assert result_count(strict_page) == len(NOTE_WORDS)
    assert all(re.fullmatch(rf"{base}/de/notiz-\d\d/", link) for link in links)
    for number in range(3):
        assert any(url.startswith(f"{base}/pagefind/de/{number}/") for url in strict_page.requests), number
    assert not [url for url in strict_page.requests if "/pagefind/" in url and "/pagefind/de/" not in url]
    assert all(url.startswith(base + "/") for url in strict_page.requests)  # below the sub-path too
    assert strict_page.problems == []
