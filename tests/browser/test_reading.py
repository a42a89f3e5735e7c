"""Reading without JavaScript, and reading Arabic script: what the browser really shows.

Scripts only add to a page (the "open now" badge, the suggested language, the search box): with
JavaScript off, every line of text a page shows with JavaScript on is still there. Arabic and Farsi
text is drawn with a font that has Arabic-script glyphs, from the reader's own system.
"""

from __future__ import annotations

import pytest

from tests.browser.pagetypes import LOCATION, page_types

# Text only a script writes: the open-now badge, and the search page's interactive box.
SCRIPTED = ["#open-status"]
TEXT = """sel => {
  const main = document.querySelector('main');
  for (const s of sel) for (const el of main.querySelectorAll(s)) el.remove();
  return main.innerText.split('\\n').map(l => l.trim()).filter(Boolean);
}"""


@pytest.fixture(scope="module")
def with_and_without_js(browser):
    on = browser.new_context(viewport={"width": 390, "height": 844})
    off = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    yield on.new_page(), off.new_page()
    on.close()
    off.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_every_page_reads_the_same_without_javascript(with_and_without_js, portal, portal_server, lang):
    on, off = with_and_without_js
    missing = {}
    for kind, path in page_types(portal, lang).items():
        if "/search/" in path:  # the search box needs a script; the page says so without one
            continue
        on.goto(portal_server + path)
        off.goto(portal_server + path)
        lines_on, lines_off = on.evaluate(TEXT, SCRIPTED), off.evaluate(TEXT, SCRIPTED)
        assert len(lines_off) > 3, path
        gone = [line for line in lines_on if line not in lines_off]
        if gone:
            missing[path] = gone
    assert missing == {}


def test_office_hours_are_all_there_without_javascript(with_and_without_js, portal_server):
    _, off = with_and_without_js
    off.goto(portal_server + f"/de/locations/{LOCATION}/")
    assert off.locator("table.hours tr").count() == 7
    assert off.locator("#open-status").is_hidden()


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_arabic_script_is_drawn_with_an_arabic_font(browser, portal_server, lang):
    """Chromium's own report of the fonts it used for the heading and a paragraph."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(portal_server + f"/{lang}/")
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = {}
    for selector in ("h1", ".site-name a", "main .prose p", ".main-nav a"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {f["familyName"]: f["glyphCount"] for f in fonts}
    context.close()
    for selector, fonts in used.items():
        assert any("Arabic" in name for name in fonts), (selector, fonts)
