"""The preview in Chromium, as an editor uses it: the open page reloads by itself on save, under
the site's own Content-Security-Policy, and a bad edit turns it into the error page."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SAMPLE_EVENT, run_axe, sample_files, write_site
from tests.integration.test_serve import Running

TIMEOUT_MS = 90_000


@pytest.fixture
def editor_page(browser):
    """A page that enforces the site's CSP (no bypass): the preview must work under it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_the_open_page_follows_every_save(editor_page, tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    event = site / "content/events/2026-11-26-cafe.md"
    server = Running(site)
    problems = []
    editor_page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        editor_page.goto(server.url + "de/events/2026-11-26-cafe/")
        editor_page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7",
                                      timeout=TIMEOUT_MS)

        event.write_text(SAMPLE_EVENT.replace("Nachbarschaftscafé", "Nachbarschaftsfrühstück"), encoding="utf-8")
        editor_page.wait_for_function("() => document.querySelector('h1').textContent.includes('frühstück')",
                                      timeout=TIMEOUT_MS)

        event.write_text(SAMPLE_EVENT.replace("location: mitte", "location: mite"), encoding="utf-8")
        editor_page.wait_for_function("() => document.querySelector('h1').textContent.includes('1 problem')",
                                      timeout=TIMEOUT_MS)
        problem = editor_page.locator(".problem")
        assert problem.locator("h2").inner_text() == "content/events/2026-11-26-cafe.md, line 5"
        assert "Unknown location 'mite'" in problem.inner_text()
        assert problem.locator(".todo").inner_text() == "Did you mean 'mitte'?"
        assert problem.locator(".here").inner_text().strip() == "5  location: mite"
        assert run_axe(editor_page) == []

        event.write_text(SAMPLE_EVENT, encoding="utf-8")
        editor_page.wait_for_function("() => document.querySelector('h1').textContent.includes('café')",
                                      timeout=TIMEOUT_MS)
        assert editor_page.get_attribute("html", "lang") == "de"
    finally:
        server.stop()
    assert [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p] == []


@pytest.mark.parametrize("script_delay_ms", [0, 1500], ids=["script-on-time", "script-late"])
def test_each_saved_page_text_reaches_the_open_page(editor_page, tmp_path, script_delay_ms):
    """Saves of one page's text (the preview's fast path, tests/integration/test_quick.py): the
    open page reloads with each of them, saved one after the other as soon as the last one shows.
    livereload tells only the pages whose script has connected; with the reload script arriving
    1.5 s late (a slow phone), each save after the first is shown while the page that the last save
    reloaded is not yet connected, and that page must still reload."""
    site = write_site(tmp_path / "site", sample_files())
    about = site / "content/pages/about.de.md"
    original = about.read_text(encoding="utf-8")
    server = Running(site)

    def late(route):
        response = route.fetch()
        route.fulfill(response=response,
                      body=f"setTimeout(function () {{{response.text()}}}, {script_delay_ms});")

    if script_delay_ms:  # the link carries the reload the page waits for (?snipver=…)
        editor_page.route(re.compile(r"/livereload\.js\?"), late)
    try:
        editor_page.goto(server.url + "de/about/")
        editor_page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7",
                                      timeout=TIMEOUT_MS)
        for word in ("Sommerfest", "Herbstmarkt", "Winterzauber"):
            about.write_text(original.replace("Wir sind ein Test.", f"Wir laden ein zum **{word}**."),
                             encoding="utf-8")
            editor_page.wait_for_function(  # no waiting for the connection: the next save comes at once
                f"() => document.querySelector('main strong')?.textContent === '{word}'", timeout=TIMEOUT_MS)
        assert editor_page.get_attribute("html", "lang") == "de"
        assert editor_page.locator("main").inner_text().count("Winterzauber") == 1
    finally:
        server.stop()
