""""Share" in Chromium: the plain links where the browser has no Web Share API, one "Share" button
calling it with the page's title, text and URL where it has, "Copy link" writing the URL to the
clipboard and saying so to screen readers, without JavaScript the links alone, and in none of these
a request to another origin (the links send nothing until tapped). axe-core checks each state.
"""

from __future__ import annotations

import pytest

from tests.browser.pagetypes import EVENT, LANGS, LOCATION
from tests.conftest import AXE_JS, require_tool, run_axe

ORIGIN = "https://benn.berlin.example"
NO_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
# A Web Share API that records what it is handed, as a phone's share sheet would receive it.
RECORDING_SHARE = """
window.__shared = [];
Object.defineProperty(Navigator.prototype, 'share', {configurable: true,
  value: function (data) { window.__shared.push(data); return Promise.resolve(); }});
Object.defineProperty(Navigator.prototype, 'canShare', {configurable: true, value: () => true});
"""

EXPECTED = {
    ("de", "event"): ("Nachbarschaftsforum Blumberger Damm",
                      "Nachbarschaftsforum Blumberger Damm\nMittwoch, 2. Dezember 2026, 17:00–19:30 Uhr"),
    ("ar", "event"): ("منتدى الحي في Blumberger Damm",
                      "منتدى الحي في Blumberger Damm\nالأربعاء، 2 ديسمبر 2026، 5:00–7:30 م"),
    ("de", "location"): ("BENN Blumberger Damm",
                         "BENN Blumberger Damm\nSprechzeiten:\nDienstag: 10:00–13:00 Uhr\n"
                         "Mittwoch: 10:00–12:00 Uhr und 14:00–17:00 Uhr\nDonnerstag: 12:00–18:00 Uhr\n"
                         "Freitag: 09:00–12:00 Uhr"),
}
PATHS = {"event": f"events/{EVENT}", "location": f"locations/{LOCATION}"}
COPIED = {"de": "Link kopiert", "ar": "تم نسخ الرابط"}


def context_with(browser, script=None, **options):
    require_tool(AXE_JS, "axe-core")
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, **options)
    if script:
        context.add_init_script(script=script)
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    return context


def foreign(context, server):
    return [u for u in context.requests if not u.startswith(server + "/")]


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("kind", ["event", "location"])
def test_without_the_web_share_api_the_plain_links_are_shown(browser, portal_server, lang, kind):
    context = context_with(browser, NO_SHARE)
    page = context.new_page()
    page.goto(f"{portal_server}/{lang}/{PATHS[kind]}/")
    links = page.locator(".share-links a")
    assert links.count() == 4
    assert all(links.nth(i).is_visible() for i in range(4))
    hrefs = [links.nth(i).get_attribute("href").split("?")[0] for i in range(4)]
    assert hrefs == ["https://wa.me/", "https://t.me/share/url", "sms:", "mailto:"]
    assert page.locator(".share-native").is_hidden()
    assert page.locator(".share-copy").is_visible()  # 127.0.0.1 is a secure context: the clipboard works
    assert run_axe(page) == []
    assert foreign(context, portal_server) == []
    context.close()


@pytest.mark.parametrize(("lang", "kind"), list(EXPECTED))
def test_the_web_share_api_gets_title_text_and_url(browser, portal_server, lang, kind):
    context = context_with(browser, RECORDING_SHARE)
    page = context.new_page()
    page.goto(f"{portal_server}/{lang}/{PATHS[kind]}/")
    button = page.locator(".share-native")
    assert button.is_visible() and button.text_content() == {"de": "Teilen", "ar": "مشاركة"}[lang]
    assert page.locator(".share-links").is_hidden()  # one button instead of the list
    assert run_axe(page) == []
    button.click()
    page.wait_for_function("window.__shared.length === 1")
    title, text = EXPECTED[lang, kind]
    # The text ends with a line break: whatever app appends the URL puts it on a line of its own.
    assert page.evaluate("window.__shared") == [
        {"title": title, "text": text + "\n", "url": f"{ORIGIN}/{lang}/{PATHS[kind]}/"}]
    assert foreign(context, portal_server) == []
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_copy_link_writes_the_url_and_announces_it(browser, portal_server, lang):
    context = context_with(browser, NO_SHARE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{portal_server}/{lang}/{PATHS['event']}/")
    status = page.locator(".share-status")
    assert status.get_attribute("role") == "status" and status.text_content() == ""
    page.locator(".share-copy").click()
    page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{ORIGIN}/{lang}/{PATHS['event']}/"
    assert status.text_content() == COPIED[lang]
    assert status.is_visible()
    # Copied again: the message is said again (emptied first, so a screen reader hears a change).
    page.evaluate("navigator.clipboard.writeText('')")
    page.evaluate("""() => {
      const status = document.querySelector('.share-status');
      window.__said = [];
      new MutationObserver(() => window.__said.push(status.textContent))
        .observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    page.locator(".share-copy").click()
    page.wait_for_function("window.__said.length === 2")
    assert page.evaluate("window.__said") == ["", COPIED[lang]]
    assert page.evaluate("navigator.clipboard.readText()") == f"{ORIGIN}/{lang}/{PATHS['event']}/"
    assert run_axe(page) == []
    assert foreign(context, portal_server) == []
    context.close()


def test_without_javascript_the_links_are_there_and_the_buttons_are_not(browser, portal_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{portal_server}/ar/{PATHS['location']}/")
    assert page.locator(".share-links a").count() == 4
    assert page.locator(".share-links").is_visible()
    assert page.locator(".share button").evaluate_all("bs => bs.map(b => b.hidden)") == [True, True]
    context.close()


def test_the_share_line_stays_small_on_a_phone(browser, portal_server):
    """At 390 px the links and "Copy link" take at most three lines of text (about 90 px)."""
    context = context_with(browser, NO_SHARE)
    page = context.new_page()
    for lang in ("de", "ar"):
        for path in PATHS.values():
            page.goto(f"{portal_server}/{lang}/{path}/")
            assert page.locator(".share").bounding_box()["height"] <= 90, (lang, path)
    context.close()


@pytest.mark.parametrize("script", [NO_SHARE, RECORDING_SHARE], ids=["links", "web-share"])
def test_no_axe_violations_in_every_language_before_and_after_copying(browser, portal_server, script):
    """Both states of the block (links, or the Web Share button), and "Link copied" shown, in all
    seven languages: test_accessibility.py sees only the state its browser happens to have."""
    context = context_with(browser, script, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    failures = {}
    for lang in LANGS:
        for path in PATHS.values():
            page.goto(f"{portal_server}/{lang}/{path}/")
            page.locator(".share-copy").click()
            page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
            violations = run_axe(page)
            if violations:
                failures[f"/{lang}/{path}/"] = violations
    assert failures == {}
    assert foreign(context, portal_server) == []
    context.close()
