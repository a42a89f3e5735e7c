"""WCAG 2.1 AA in Chromium: axe-core on every page type in every language at two sizes, and keyboard use.

One context per viewport and one page in it, reused for every URL: loading a page costs far less
than opening a context.
"""

from __future__ import annotations

import pytest

from tests.browser.pagetypes import LANGS, LOCATION, RTL, VIEWPORTS, page_types
from tests.conftest import AXE_JS, require_tool, run_axe


@pytest.fixture(scope="module")
def tabs(browser):
    """One reusable page per viewport, with axe-core preloaded into every document it opens."""
    require_tool(AXE_JS, "axe-core")
    contexts = {name: browser.new_context(viewport=size, device_scale_factor=1, bypass_csp=True)
                for name, size in VIEWPORTS.items()}
    for context in contexts.values():
        context.add_init_script(path=str(AXE_JS))
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def axe_failures(page, base, paths) -> dict[str, list]:
    failures = {}
    for path in paths:
        page.goto(base + path)
        violations = run_axe(page)
        if violations:
            failures[path] = violations
    return failures


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_on_any_page_type(tabs, portal, portal_server, viewport, lang):
    paths = list(page_types(portal, lang).values())
    assert axe_failures(tabs[viewport], portal_server, paths) == {}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violations_on_root_and_404(tabs, portal_server, viewport):
    assert axe_failures(tabs[viewport], portal_server, ["/", "/404.html"]) == {}


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_on_the_offline_page_and_the_offline_lines(tabs, portal_server, lang):
    """The offline page, and the lines only a saved copy shows offline (tests/browser/test_offline.py
    shows them for real in de and ar): here made visible in place, in every language."""
    page = tabs["phone"]
    assert axe_failures(page, portal_server, [f"/offline/{lang}/"]) == {}
    for path in (f"/{lang}/locations/{LOCATION}/", f"/{lang}/search/"):
        page.goto(portal_server + path)
        shown = page.evaluate("""() => ['offline-note', 'search-offline'].filter(id => {
          const line = document.getElementById(id);
          if (!line) return false;
          if (line.dataset.label) line.textContent = line.dataset.label.replace('%(when)s', '4.12.2026 13:58');
          line.hidden = false;
          return true;
        })""")
        assert shown == (["offline-note"] if "locations" in path else ["offline-note", "search-offline"])
        assert run_axe(page) == [], path


# -- keyboard ----------------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, href: e.getAttribute('href'),
          hreflang: e.getAttribute('hreflang'), text: e.textContent.trim(),
          outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          x: r.left, y: r.top, w: r.width, h: r.height};
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


@pytest.fixture
def keyboard_page(tabs):
    return tabs["desktop"]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_skip_link_is_first_visible_and_moves_focus_to_main(keyboard_page, portal_server, lang):
    page = keyboard_page
    page.goto(portal_server + f"/{lang}/locations/{LOCATION}/")
    first = tab(page)
    assert first["cls"] == "skip-link" and first["href"] == "#main"
    assert first["y"] >= 0 and first["w"] > 0 and first["h"] > 0, "skip link not on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not at the top of the page.
    after = tab(page)
    assert page.evaluate("document.activeElement.closest('main') !== null"), after


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_tab_order_and_visible_focus(keyboard_page, portal_server, lang):
    """Skip link, site name, the languages in the site's order, then the menu; every stop shows a
    focus outline; in RTL the languages run from right to left on screen, as they are read."""
    page = keyboard_page
    page.goto(portal_server + f"/{lang}/")
    stops = [tab(page) for _ in range(2 + len(LANGS) + 3)]
    assert stops[0]["cls"] == "skip-link"
    assert stops[1]["href"] == f"/{lang}/"
    assert [s["hreflang"] for s in stops[2:2 + len(LANGS)]] == list(LANGS)
    assert all(s["href"].startswith(f"/{lang}/") for s in stops[2 + len(LANGS):])
    for stop in stops:
        assert stop["outline"] != "none" and stop["outlineWidth"] >= 2, stop
    xs = [s["x"] for s in stops[2:2 + len(LANGS)]]
    assert xs == (sorted(xs, reverse=True) if lang in RTL else sorted(xs)), xs


@pytest.mark.parametrize("lang,target", [("de", "fa"), ("ar", "de")])
def test_language_switcher_works_by_keyboard(keyboard_page, portal_server, lang, target):
    page = keyboard_page
    page.goto(portal_server + f"/{lang}/events/")
    for _ in range(20):
        if tab(page)["hreflang"] == target:
            break
    else:
        pytest.fail(f"no tab stop for the {target} link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{target}/events/")
    assert page.get_attribute("html", "lang") == target


def test_event_filters_work_by_keyboard(keyboard_page, portal_server):
    """The location filters are folded away on the events page: open them with the keyboard and
    follow one; on the filtered page they stay open and mark the current one."""
    page = keyboard_page
    page.goto(portal_server + "/de/events/")
    for _ in range(40):
        tab(page)
        if page.evaluate("document.activeElement.matches('details.filter:last-of-type > summary')"):
            break
    else:
        pytest.fail("no tab stop for the location filters")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Nach Standort"
    wanted = f"/de/events/at/{LOCATION}/"
    assert not page.locator(f'a[href="{wanted}"]').is_visible()
    page.keyboard.press("Enter")
    for _ in range(20):
        if tab(page)["href"] == wanted:
            break
    else:
        pytest.fail(f"no tab stop for the filter link {wanted}")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + wanted)
    current = page.locator('.filters a[aria-current="page"]')
    assert current.get_attribute("href") == wanted
    assert current.is_visible()


# -- no information by colour alone --------------------------------------------------------------

TODAY = {"de": "Heute", "ar": "اليوم", "fa": "امروز", "en": "Today"}
CANCELLED = {"de": "Abgesagt", "ar": "ملغاة", "fa": "لغو شد", "en": "Cancelled"}


@pytest.mark.parametrize("lang", TODAY)
def test_today_and_cancelled_are_said_in_words(keyboard_page, portal_server, lang):
    page = keyboard_page
    page.goto(portal_server + f"/{lang}/locations/{LOCATION}/")
    today = page.locator('table.hours tr[aria-current="date"]')
    assert today.count() == 1
    assert TODAY[lang] in today.locator(".badge").inner_text()
    page.goto(portal_server + f"/{lang}/events/")
    cancelled = page.locator("li.event.cancelled")
    assert cancelled.count() >= 1
    assert CANCELLED[lang] in cancelled.first.inner_text()
