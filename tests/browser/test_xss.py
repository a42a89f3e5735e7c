"""Editors' text is untrusted: classic XSS payloads in Markdown bodies and in YAML text fields of a
sample site are built and every page is loaded in Chromium. No payload may run.

The CSP is bypassed here on purpose: sanitising (nh3) and escaping (Jinja2 autoescape, JSON in
scripts) must hold by themselves; the CSP is the second wall, tested in test_privacy.py.
"""

from __future__ import annotations

import json

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from tests.conftest import NOW, SAMPLE_SITE_YAML, Server, sample_files, write_site

# Each payload, when it runs, sets window.__xss (or the top window's) and/or opens a dialog.
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<img src=x onerror=\"window.__xss=1;alert(1)\">",
    "<svg onload=\"window.__xss=1\"></svg>",
    "<svg><script>window.__xss=1</script></svg>",
    "<iframe src=\"javascript:top.__xss=1\"></iframe>",
    "<a href=\"javascript:window.__xss=1\" id=xss-link>click me</a>",
    "[click me](javascript:window.__xss=1)",
    "![x](javascript:window.__xss=1)",
    "<body onload=\"window.__xss=1\">",
    "<details open ontoggle=\"window.__xss=1\"><summary>x</summary></details>",
    "<input autofocus onfocus=\"window.__xss=1\">",
    "<video><source onerror=\"window.__xss=1\"></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\">",
    "\"><script>window.__xss=1</script>",
    "'><img src=x onerror=window.__xss=1>",
    "</title><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "<object data=\"javascript:top.__xss=1\"></object>",
    "<embed src=\"data:text/html,<script>top.__xss=1</script>\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:top.__xss=1\">",
    "<form><button formaction=\"javascript:window.__xss=1\">go</button></form>",
    "[data](data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9MTwvc2NyaXB0Pg==)",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
    "[entity](&#106;avascript:window.__xss=1)",
    "<a href=\" javascript:window.__xss=1\">space</a>",
    "<div style=\"background:url(javascript:window.__xss=1)\">styled</div>",
    "<base href=\"javascript:window.__xss=1//\">",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<!--<img src=\"--><img src=x onerror=window.__xss=1//\">",
    "{{ 7*7 }}{% raw %}<script>window.__xss=1</script>",
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


ITEMS = len(PAYLOADS) // 2


def pair(i: int) -> str:
    """Two payloads per field, so ITEMS locations, events and pages put every payload in every field."""
    return PAYLOADS[i] + " " + PAYLOADS[i + ITEMS]


def corpus_files() -> dict[str, str]:
    files = {"site.yaml": SAMPLE_SITE_YAML.replace(
        "cafe: {de: Café, en: Café, ar: مقهى}",
        f"cafe: {{de: {q(PAYLOADS[0])}, en: {q(PAYLOADS[1])}, ar: {q(PAYLOADS[2])}}}")
        + f"tagline: {q(PAYLOADS[3])}\n"}
    for i in range(ITEMS):
        text, day = pair(i), 26 + i % 5
        files[f"content/locations/xss-{i}.yaml"] = "\n".join([
            f"name: {{de: {q(text)}, ar: {q(text)}}}",
            f"district: {q(text)}",
            f"area: {q(text)}",
            f"operator: {q(text)}",
            f"address: {{street: {q(text)}, postcode: {q(text)}, city: {q(text)}}}",
            f"phone: {q(text)}",
            f"email: {q(text)}",
            "coordinates: {lat: 52.5, lon: 13.4}",
            f"accessibility: {{step_free: true, toilet: false, note: {q(text)}}}",
            "office_hours: {mon: [\"10:00-12:00\"], wed: [\"10:00-12:00\"], fri: [\"10:00-12:00\"]}",
            f"closures: [{{from: 2026-11-{day}, reason: {q(text)}}}]",
            f"seasonal_hours: [{{from: 2026-12-20, until: 2027-01-05, label: {q(text)}, hours: {{mon: [\"10:00-11:00\"]}}}}]",
            "",
        ])
        files[f"content/locations/xss-{i}.de.md"] = PAYLOADS[i] + "\n\n" + PAYLOADS[i + ITEMS] + "\n"
        files[f"content/events/2026-11-{day}-xss-{i}.md"] = "\n".join([
            "---",
            f"title: {{de: {q(text)}, en: {q(text)}}}",
            f"start: 2026-11-{day} 1{i % 10}:00",
            f"location: xss-{i}",
            f"venue: {q(text)}",
            "category: cafe",
            f"cost: {q(text)}",
            f"registration: {q(text)}",
            f"accessibility: {q(text)}",
            "---",
            PAYLOADS[i],
            "",
            PAYLOADS[i + ITEMS],
            "",
        ])
        files[f"content/pages/xss-{i}.de.md"] = "\n".join([
            "---", f"title: {q(text)}", f"description: {q(text)}", "---", PAYLOADS[i], "", PAYLOADS[i + ITEMS], "",
            f"* {text}", "", f"| a | b |\n|---|---|\n| {text} | x |", "", f"> {text}", ""])
    return sample_files(files)


# Everything a payload could leave behind that runs code, looked up in the live DOM.
SCAN = """async () => {
  // Let pending events (toggle, focus, image errors) fire before looking.
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const bad = window.__xss !== undefined ? ['window.__xss was set'] : [];
  const url = /^[\\s\\u0000-\\u001f]*(javascript|vbscript|data):/i;
  // The search page's box is drawn by Pagefind's own script (a form with action="javascript:void(0)").
  const mine = el => !el.closest('#search');
  for (const el of [...document.querySelectorAll('*')].filter(mine)) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(a.name.toLowerCase())
          && url.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const s of document.scripts) {
    const data = ['application/json', 'application/ld+json'].includes(s.type);
    if (!data && !(s.src && new URL(s.src).origin === location.origin)) bad.push('script ' + s.outerHTML.slice(0, 80));
  }
  // The page's own two share buttons (templates/macros.html), where no payload can reach: a direct
  // child of the block that is a direct child of <main>; any other button is a payload's.
  const ours = el => el.matches('main > .share > button.share-native, main > .share > button.share-copy');
  for (const el of [...document.querySelectorAll('iframe, object, embed, base, form, input, button, meta[http-equiv]')]
                   .filter(el => mine(el) && !ours(el)))
    if (!(el.tagName === 'META' && el.httpEquiv.toLowerCase() === 'content-security-policy')) bad.push(el.tagName);
  return bad;
}"""


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("xss") / "site", corpus_files())
    out = root.parent / "output"
    build(root, out, NOW)
    server = Server(out)
    yield out, server.url
    server.stop()


def test_the_corpus_is_big_enough():
    assert len(PAYLOADS) >= 20
    files = corpus_files()
    assert sum(1 for name in files if name.startswith("content/events/")) > ITEMS
    assert len(PAYLOADS) % 2 == 0


def test_no_payload_runs_on_any_page(browser, corpus_site):
    out, base = corpus_site
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) > 100
    ran, left = {}, {}
    for name in pages:
        page.goto(f"{base}/{name}", wait_until="load")
        found = page.evaluate(SCAN)
        if dialogs or "window.__xss was set" in found:
            ran[name] = list(dialogs)
            dialogs.clear()
        if found:
            left[name] = found
    context.close()
    assert ran == {}
    assert left == {}
    # The payloads are shown as text, not dropped silently: the escaped title is on its event page.
    event_html = (out / "de" / "events" / "2026-11-26-xss-0" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in event_html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/", "www.example.org"])
def test_a_website_must_be_a_web_address(tmp_path, url):
    location = "name: Büro\ndistrict: Mitte\nwebsite: " + q(url) + "\n"
    root = write_site(tmp_path / "site", sample_files({"content/locations/mitte.yaml": location,
                                                      "content/events/2026-11-26-cafe.md": None}))
    with pytest.raises(BuildFailed) as info:
        build(root, tmp_path / "out", NOW)
    assert str(info.value) == (
        "content/locations/mitte.yaml:3: website: must be a web address starting with https:// or http:// "
        '(e.g. website: "https://www.example.org/")')
