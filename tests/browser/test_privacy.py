"""Privacy in the browser: no request leaves the site's origin, no cookies, a Content-Security-Policy
that really forbids inline scripts and other origins, and `rel="noopener"` on every external link.

The pages run with their own CSP here (no bypass), exactly as a reader's browser gets them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.pagetypes import page_types

# Collected in each document before any of its own scripts run (init scripts are not subject to CSP).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def reader(browser):
    """A page as a reader gets it: JavaScript on, the site's CSP in force, every request recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(script=WATCH)
    page = context.new_page()
    page.requests, page.finished, page.problems = [], [], []
    context.on("request", lambda request: page.requests.append(request.url))
    context.on("requestfinished", lambda request: page.finished.append(request.url))
    page.on("console", lambda msg: page.problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    yield page
    context.close()


def visit(page, url):
    page.requests.clear()
    page.finished.clear()
    page.problems.clear()
    page.goto(url, wait_until="load")
    return page.evaluate("window.__csp")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_request_leaves_the_origin_no_cookies_no_csp_violation(reader, portal, portal_server, lang):
    paths = ["/", "/404.html", *page_types(portal, lang).values()]
    foreign, violations, problems = {}, {}, {}
    for path in paths:
        csp = visit(reader, portal_server + path)
        outside = [u for u in reader.requests if not u.startswith(portal_server + "/")]
        if outside:
            foreign[path] = outside
        if csp:
            violations[path] = csp
        if reader.problems:
            problems[path] = list(reader.problems)
        assert portal_server + path in reader.requests  # the recorder did see this page
    assert foreign == {}
    assert violations == {}
    assert problems == {}
    assert reader.context.cookies() == []
    assert reader.evaluate("document.cookie") == ""
    assert reader.evaluate("localStorage.length + sessionStorage.length") == 0


def test_the_policy_blocks_inline_scripts_and_other_origins(reader, portal_server):
    """The CSP is not decoration: an injected inline script, handler and foreign image are refused."""
    visit(reader, portal_server + "/de/")
    reader.evaluate("""() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      const img = document.createElement('img');
      img.src = 'http://203.0.113.9/pixel.gif';
      document.body.append(img);
      const div = document.createElement('div');
      div.innerHTML = '<img src="/static/site.css" onerror="window.__handler = 1">';
      document.body.append(div);
    }""")
    reader.wait_for_function("window.__csp.length >= 3")
    assert reader.evaluate("window.__inline") is None
    assert reader.evaluate("window.__handler") is None
    directives = sorted(v.split(" ")[0] for v in reader.evaluate("window.__csp"))
    assert directives == ["img-src", "script-src-attr", "script-src-elem"]
    # Chromium announces the request, then refuses it before it reaches the network.
    assert "http://203.0.113.9/pixel.gif" in reader.requests
    assert not [u for u in reader.finished if "203.0.113.9" in u]


# -- static checks over every built page ----------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.csp, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs)
        elif tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attrs.get("content") or "")
        elif tag == "script":
            self.scripts.append(attrs)


def parsed_pages(portal):
    for path in sorted(portal.rglob("*.html")):
        parser = _Collect()
        parser.feed(path.read_text(encoding="utf-8"))
        yield "/" + path.relative_to(portal).as_posix(), parser


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


def test_every_page_has_a_strict_csp_and_only_external_scripts(portal):
    bad = []
    for name, page in parsed_pages(portal):
        if len(page.csp) != 1:
            bad.append((name, "CSP meta tags", len(page.csp)))
            continue
        policy = directives(page.csp[0])
        if policy.get("default-src") != ["'self'"]:
            bad.append((name, "default-src", policy.get("default-src")))
        # Pagefind's search compiles WebAssembly: its page alone may allow that, never inline code.
        allowed = {"'self'", "'wasm-unsafe-eval'"} if "/search/" in name else {"'self'"}
        scripts = policy.get("script-src", policy.get("default-src"))
        if "'self'" not in scripts or not set(scripts) <= allowed:
            bad.append((name, "script-src", scripts))
        if policy.get("object-src") != ["'none'"] or policy.get("base-uri") != ["'self'"]:
            bad.append((name, "object-src/base-uri", policy))
        for attrs in page.scripts:
            data = attrs.get("type") in ("application/json", "application/ld+json")
            if not data and not (attrs.get("src") or "").startswith("/"):
                bad.append((name, "script", attrs))
    assert bad == []


def test_every_link_to_another_origin_has_noopener(portal):
    own = "https://benn.berlin.example"
    missing, external = [], 0
    for name, page in parsed_pages(portal):
        for attrs in page.links:
            href = urljoin(own + name, attrs["href"])
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" == own:
                continue
            external += 1
            if "noopener" not in (attrs.get("rel") or "").split():
                missing.append((name, attrs["href"]))
    assert external > 100  # OpenStreetMap on every location page, the offices' websites
    assert missing == []


def test_no_page_embeds_anything_from_another_origin(portal):
    """Stylesheets, scripts, images, fonts and frames come from the site itself."""
    pattern = re.compile(r'<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?'
                         r'\b(?:src|srcset|data)="(?:https?:)?//', re.I)
    stylesheet = re.compile(r'<link\b(?=[^>]*rel="(?:stylesheet|preload|icon|modulepreload)")[^>]*href="(?:https?:)?//', re.I)
    found = [path.relative_to(portal).as_posix() for path in sorted(portal.rglob("*.html"))
             if pattern.search(text := path.read_text(encoding="utf-8")) or stylesheet.search(text)]
    assert found == []
    css = (portal / "static" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", css)
