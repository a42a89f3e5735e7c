"""Reading without JavaScript, and reading Arabic script: what the browser really shows.

Scripts only add to a page (the "open now" badge, the suggested language, the search box): with
JavaScript off, every line of text a page shows with JavaScript on is still there. Arabic and Farsi
text is drawn with a font that has Arabic-script glyphs, from the reader's own system.
"""

from __future__ import annotations

import pytest

from tests.browser.pagetypes import LOCATION, page_types

# Text only a script writes or shows: the open-now badge, and the buttons that need a script to work
# ("Share" through the Web Share API, "Copy link" and its "Link copied").
SCRIPTED = ["#open-status", ".share-native", ".share-copy", ".share-status"]
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
    for path in page_types(portal, lang).values():
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


LAYOUT = """() => {
  const q = s => document.querySelector(s);
  // Mixed-direction text is drawn in several boxes on one line: count the lines, not the boxes.
  const lines = e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size;
  const notice = getComputedStyle(q('.notice'));
  const range = document.createRange();
  range.selectNodeContents(q('.facts dt'));
  const label = range.getBoundingClientRect();
  const text = s => [...document.querySelectorAll(s)].map(e => e.textContent).join(' ');
  return {
    noticeStart: notice.borderInlineStartWidth, noticeRight: notice.borderRightWidth,
    noticeLeft: notice.borderLeftWidth,
    labelRight: innerWidth - label.right, labelLeft: label.left, hours: text('table.hours td'),
    languagesDd: [...document.querySelectorAll('.facts dd')].filter(d => d.querySelector('bdi')).map(d => d.textContent),
    phone: q('a[href^="tel:"]').textContent, phoneDir: q('a[href^="tel:"]').getAttribute('dir'),
    phoneLines: lines(q('a[href^="tel:"]')),
    brokenRanges: [...document.querySelectorAll('table.hours bdi')].filter(b => lines(b) > 1).length,
  };
}"""


@pytest.mark.parametrize("lang", ["de", "ar", "fa"])
def test_right_to_left_pages_mirror_and_keep_numbers_readable(with_and_without_js, portal_server, lang):
    page, _ = with_and_without_js
    page.goto(portal_server + f"/{lang}/locations/{LOCATION}/")
    got = page.evaluate(LAYOUT)
    rtl = lang in ("ar", "fa")
    # The notice's bar and the first label sit at the start of the line: the right in Arabic script.
    assert got["noticeStart"] == "4px"
    assert (got["noticeRight"], got["noticeLeft"]) == (("4px", "0px") if rtl else ("0px", "4px"))
    assert (got["labelRight"] < got["labelLeft"]) if rtl else (got["labelLeft"] < got["labelRight"])
    # Digits as CLDR writes them: Persian in Farsi, Latin in Arabic and German; the phone number
    # is always dialled in Latin digits, left to right, on one line.
    persian, arabic_indic = set("۰۱۲۳۴۵۶۷۸۹"), set("٠١٢٣٤٥٦٧٨٩")
    assert bool(persian & set(got["hours"])) == (lang == "fa")
    assert not arabic_indic & set(got["hours"])
    assert got["phone"] == "+49 30 0000 0102" and got["phoneDir"] == "ltr" and got["phoneLines"] == 1
    assert got["brokenRanges"] == 0
    # Lists joined the language's way: no Latin comma between Arabic-script words.
    assert got["languagesDd"]
    if rtl:
        assert [text for text in got["languagesDd"] if "," in text] == []
