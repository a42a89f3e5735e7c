"""Offline reading in Chromium (templates/sw.js, static/offline.js): a reader opens pages online,
loses the connection, and still reads them, marked as saved copies; their language's locations
page too; a page never opened shows the offline page in its language, not the browser's error.

Each test has its own context, so its own service worker and caches.
"""

from __future__ import annotations

import os
import re
import time

import pytest

from benn_site.build import build
from tests.browser.pagetypes import LOCATION
from tests.conftest import NOW, Server, sample_files, write_site

SAVED_LINE = {  # (start, end) of the line around the date and time
    "de": ("Gespeicherte Kopie vom ", " – Sie sind offline"),
    "ar": ("نسخة محفوظة من ", " — أنت غير متصل بالإنترنت"),
}
OFFLINE_TITLE = {"de": "Sie sind offline", "ar": "أنت غير متصل بالإنترنت"}
LOCATIONS_TITLE = {"de": "Standorte", "ar": "المواقع"}

IS_SAVED = """async url => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(url)) return true;
  }
  return false;
}"""


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    yield context
    context.close()


def wait_saved(page, urls, seconds=20.0):
    """Until the worker controls the page and has saved every one of `urls`."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    deadline = time.monotonic() + seconds
    missing = list(urls)
    while missing and time.monotonic() < deadline:
        missing = [url for url in missing if not page.evaluate(IS_SAVED, url)]
        time.sleep(0.1)
    assert missing == [], "not saved by the worker"


def open_online(context, base, lang, path):
    """Open `path` online and wait until it and the language's start and offline pages are saved."""
    page = context.new_page()
    page.goto(base + path)
    wait_saved(page, [base + path] + [base + p for p in
                                      (f"/{lang}/", f"/{lang}/locations/", f"/{lang}/events/", f"/offline/{lang}/")])
    return page


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_offline_a_visited_page_is_its_saved_copy_with_open_now(reader, portal_server, lang, tmp_path):
    path = f"/{lang}/locations/{LOCATION}/"
    page = open_online(reader, portal_server, lang, path)
    title = page.locator("h1").inner_text()
    assert page.locator("#offline-note").is_hidden()  # online: no saved-copy line
    reader.set_offline(True)
    page.reload()
    note = page.locator("#offline-note")
    note.wait_for(state="visible")
    start, end = SAVED_LINE[lang]
    text = note.inner_text()
    assert text.startswith(start) and text.endswith(end), text
    when = note.locator("bdi").inner_text()
    assert text == start + when + end
    saved_at = page.evaluate("""async url => (await caches.match(url)).headers.get('x-saved-at')""",
                             portal_server + path)
    # The date and time of the saving, in the page's language and the site's zone.
    assert when == page.evaluate("""s => new Intl.DateTimeFormat(document.documentElement.lang, {dateStyle: 'long',
        timeStyle: 'short', timeZone: 'Europe/Berlin', calendar: 'gregory'}).format(new Date(s))""", saved_at)
    assert page.evaluate("() => getComputedStyle(document.getElementById('offline-note')).direction") == \
        ("rtl" if lang == "ar" else "ltr")
    assert page.locator("h1").inner_text() == title
    # "Open now" is computed again from the saved hours and the current time.
    assert page.locator("#open-status").is_visible()
    assert page.locator("#open-status").inner_text() != ""
    page.screenshot(path=str(tmp_path / f"saved-{lang}.png"), full_page=False)

    # The locations page of the language was saved without being opened.
    page.goto(portal_server + f"/{lang}/locations/")
    assert page.locator("h1").inner_text() == LOCATIONS_TITLE[lang]
    assert page.locator("#offline-note").is_visible()

    # A page never opened: the offline page in the page's language, with its links.
    page.goto(portal_server + f"/{lang}/events/2026-12-02-nachbarschaftsforum/")
    assert page.locator("h1").inner_text() == OFFLINE_TITLE[lang]
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == \
        [lang, "rtl" if lang == "ar" else "ltr"]
    assert page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == \
        [f"/{lang}/", f"/{lang}/locations/", f"/{lang}/events/"]
    page.screenshot(path=str(tmp_path / f"offline-{lang}.png"), full_page=False)

    # Back online, pages come from the network again: no saved-copy line.
    reader.set_offline(False)
    page.goto(portal_server + path)
    assert page.locator("#offline-note").is_hidden()


def test_offline_the_search_page_says_it_needs_a_connection(reader, portal_server):
    page = open_online(reader, portal_server, "de", "/de/search/")
    reader.set_offline(True)
    page.reload()
    offline = page.locator("#search-offline")
    offline.wait_for(state="visible")
    assert offline.inner_text() == ("Die Suche braucht eine Internetverbindung. Seiten, die Sie schon einmal "
                                    "geöffnet haben, können Sie offline lesen. Alle Standorte, nach Bezirk · "
                                    "Alle kommenden Veranstaltungen")
    assert page.locator("#search-needs-js").is_hidden()
    assert page.locator("#offline-note").is_visible()


def test_offline_under_a_sub_path(reader, subpath_server):
    base = subpath_server.rstrip("/")
    page = open_online(reader, base, "en", "/en/")
    assert page.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)") == subpath_server
    reader.set_offline(True)
    page.reload()
    assert page.locator("#offline-note").is_visible()
    page.goto(base + "/en/events/archive/")
    assert page.locator("h1").inner_text() == "You are offline"


def test_the_root_page_is_kept_once_opened(reader, portal_server):
    page = reader.new_page()
    page.goto(portal_server + "/")
    wait_saved(page, [portal_server + "/"])
    reader.set_offline(True)
    page.reload()
    assert page.locator(".language-choice a").count() == 7
    assert page.locator("#offline-note").is_visible()


def test_a_new_build_replaces_the_saved_copies_when_online(reader, tmp_path):
    """The reader opened a page; a build changes it; their next visit online installs the new worker,
    which fetches the saved page anew: offline afterwards, they read the new text, not the old."""
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    server = Server(out)
    try:
        page = open_online(reader, server.url, "de", "/de/locations/mitte/")
        location = site / "content" / "locations" / "mitte.yaml"
        location.write_text(location.read_text(encoding="utf-8").replace("Büro Mitte", "Büro Mitte-Nord"),
                            encoding="utf-8")
        build(site, out, NOW)
        new_cache = "offline / " + re.search(r'^var BUILD = "(\w+)";$', (out / "sw.js").read_text(encoding="utf-8"),
                                             re.M).group(1)
        page.goto(server.url + "/de/")  # online: the browser finds the new worker
        deadline = time.monotonic() + 20
        while page.evaluate("() => caches.keys()") != [new_cache] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert page.evaluate("() => caches.keys()") == [new_cache]  # the old copies are gone
        reader.set_offline(True)
        page.goto(server.url + "/de/locations/mitte/")  # saved by the old worker, fetched anew by the new one
        assert page.locator("#offline-note").is_visible()
        assert page.locator("h1").inner_text() == "Büro Mitte-Nord"
    finally:
        server.stop()


def test_offline_the_browser_cache_does_not_pass_for_the_network(reader, tmp_path):
    """Files a month old, served without Cache-Control: the browser would take them for fresh and answer
    from its HTTP cache even offline, a copy without the saved-copy line. The worker asks the server."""
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    month_ago = time.time() - 30 * 86400
    for path in out.rglob("*"):
        os.utime(path, (month_ago, month_ago))
    server = Server(out)
    try:
        page = open_online(reader, server.url, "de", "/de/locations/mitte/")
        reader.set_offline(True)
        page.goto(server.url + "/de/locations/")
        assert page.locator("#offline-note").is_visible()
        page.goto(server.url + "/de/locations/mitte/")
        assert page.locator("#offline-note").is_visible()
    finally:
        server.stop()
