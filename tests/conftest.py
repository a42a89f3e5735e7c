"""Shared fixtures: the shipped portal built once with a fixed instant, small sample sites in
temp dirs, a local HTTP server, and Playwright pointed at Debian's Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import json
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from benn_site.build import Builder, build
from benn_site.rendering import search_shards

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime.fromisoformat("2026-11-25T10:00:00+01:00")
CHROMIUM = "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.nodeid.split("/"):
            item.add_marker(pytest.mark.browser)


def require_tool(path: Path | str, what: str) -> None:
    """Skip locally when a tool is missing; under CI a missing tool is a failure, never a skip."""
    if Path(path).exists():
        return
    message = f"{what} not found at {path}: run 'make test', which installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def portal(tmp_path_factory) -> Path:
    """The shipped BENN portal, built once per session with the fixed instant NOW."""
    out = tmp_path_factory.mktemp("portal") / "output"
    build(ROOT, out, NOW)
    return out


# A project site on a forge: https://<org>.github.io/<repository>/ (GitLab: <group>.gitlab.io/<project>/).
SUBPATH_URL = "https://org.github.io/benn-portal/"
SUBPATH = "/benn-portal/"


@pytest.fixture(scope="session")
def subpath_portal(tmp_path_factory) -> Path:
    """The shipped portal built for SUBPATH_URL, in `<server root>/benn-portal/`: serve the parent."""
    out = tmp_path_factory.mktemp("subpath") / SUBPATH.strip("/")
    build(ROOT, out, NOW, SUBPATH_URL)
    return out


class Server:
    def __init__(self, directory: Path, not_found: Path | None = None):
        """Serve `directory`; with `not_found`, a missing file answers 404 with that page's
        content, as GitHub and GitLab Pages answer with the site's 404.html."""
        handler_class = _QuietHandler if not_found is None else type(
            "_PagesHandler", (_PagesHandler,), {"not_found": not_found})
        handler = functools.partial(handler_class, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        """Every file whole, never 304: http.server compares If-Modified-Since in whole seconds, so
        a file rebuilt within the second after the first build would look unchanged to the browser
        (a new sw.js never installed). Pages hosts validate by content (ETag)."""
        del self.headers["If-Modified-Since"]
        return super().send_head()


class _PagesHandler(_QuietHandler):
    not_found: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def portal_server(portal):
    server = Server(portal)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def subpath_server(subpath_portal):
    """The sub-path build served as a forge serves a project site: its URL ends in SUBPATH."""
    server = Server(subpath_portal.parent, not_found=subpath_portal / "404.html")
    yield server.url + SUBPATH
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_tool(CHROMIUM, "Chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def phone(browser):
    """A fresh page with a phone-sized viewport (390×844)."""
    # bypass_csp lets the test inject axe-core; the pages themselves keep their strict CSP.
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                  bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    """axe-core violations (WCAG 2.0/2.1 A and AA) on the loaded page."""
    require_tool(AXE_JS, "axe-core")
    if not page.evaluate("typeof window.axe === 'object'"):  # a context may preload it (add_init_script)
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


# -- sample sites ------------------------------------------------------------------------------

SAMPLE_SITE_YAML = """\
title: {de: Nachbarschaft Test, en: Neighbourhood Test, ar: اختبار الحي}
base_url: https://test.example/
default_language: de
languages:
  - {code: de, name: Deutsch}
  - {code: en, name: English}
  - {code: ar, name: العربية, dir: rtl}
navigation: [home, locations, events, about]
holidays: {country: DE, subdivision: BE}
categories:
  cafe: {de: Café, en: Café, ar: مقهى}
"""

SAMPLE_LOCATION = """\
name: Büro Mitte
district: Mitte
address: {street: Teststraße 1, postcode: "10115"}
coordinates: {lat: 52.53, lon: 13.38}
phone: "+49 30 0000 0001"
office_hours:
  mon: ["10:00-13:00"]
  thu: ["14:00-18:00"]
"""

SAMPLE_EVENT = """\
---
title: {de: Nachbarschaftscafé, en: Neighbourhood café}
start: 2026-11-26 14:00
end: 2026-11-26 16:00
location: mitte
category: cafe
---
Kaffee und Kuchen.
"""

SAMPLE_PAGES = {
    "about.de.md": "---\ntitle: Über uns\n---\nWir sind ein Test. Siehe [Impressum](imprint.de.md).\n",
    "about.en.md": "---\ntitle: About us\n---\nWe are a test.\n",
    "imprint.de.md": "---\ntitle: Impressum\norder: 90\n---\nTestimpressum.\n",
    "index.de.md": "---\ntitle: Willkommen\n---\nHallo.\n",
}


def write_site(root: Path, files: dict[str, str], templates: bool = True) -> Path:
    """Write a site directory: the given files, plus the repository's templates and catalogs."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if templates and not (root / "templates").exists():
        shutil.copytree(ROOT / "templates", root / "templates")
    ui = root / "content" / "ui"
    if not ui.exists():
        ui.mkdir(parents=True)
        codes = ("de", "en", "ar") if "code: ar" in files.get("site.yaml", "") else ("de", "en")
        for code in codes:
            shutil.copyfile(ROOT / "content" / "ui" / f"{code}.po", ui / f"{code}.po")
    return root


def sample_files(changes: dict[str, str | None] | None = None) -> dict[str, str]:
    """The files of a small de/en/ar sample site; `changes` maps a path to new text, or None to drop it."""
    files = {"site.yaml": SAMPLE_SITE_YAML, "content/locations/mitte.yaml": SAMPLE_LOCATION,
             "content/events/2026-11-26-cafe.md": SAMPLE_EVENT}
    files.update({f"content/pages/{name}": text for name, text in SAMPLE_PAGES.items()})
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    return files


def german_preview(site: Path, out: Path):
    """The preview of `site` as a German editor runs it, without a server: (Preview, the lines it printed)."""
    from benn_site.editors.serve import Preview
    from benn_site.messages import catalog

    printed: list[str] = []
    preview = Preview(site, out, NOW, "http://127.0.0.1:1/", catalog("de"), lambda text, err=False: printed.append(text))
    return preview, printed


@pytest.fixture
def sample_site(tmp_path) -> Path:
    """A small de/en/ar site (another programme, other languages) in a temp dir."""
    return write_site(tmp_path / "site", sample_files())


# -- a site whose German search index has several shards ---------------------------------------

# Notes in German only, each with a word no other page has, and one word all of them share.
NOTE_WORDS = ("Ahornsirup", "Bernsteinkette", "Cellokasten", "Dudelsack", "Eisvogel", "Fliederbusch",
              "Gipsfigur", "Holunderbeere", "Igelhaus", "Jonglierball", "Kompassnadel", "Leuchtturm",
              "Mohnschnecke", "Nashornvogel", "Ochsenauge", "Pusteblume", "Quittengelee")
SHARED_WORD = "Zeitkapsel"
SHARD_PAGES = 10  # pages per shard in these tests: the sample site with all notes has 30 German pages


def sharded_files(notes: int = len(NOTE_WORDS)) -> dict[str, str]:
    """The sample site with the first `notes` notes, at /de/notiz-<nn>/."""
    files = sample_files()
    for number, word in enumerate(NOTE_WORDS[:notes]):
        files[f"content/pages/notiz-{number:02d}.de.md"] = (
            f"---\ntitle: Notiz {number}\nonly_in: [de]\n---\nHeute geht es um {word}. Dazu eine {SHARED_WORD}.\n")
    return files


def indexed(bundle: Path) -> list[str]:
    """The site paths of the pages in one bundle (pagefind/<lang>/<k>), from its fragments (gzip:
    'pagefind_dcd' + JSON), whose URLs are relative to the language's folder."""
    urls = []
    for fragment in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        url = json.loads(data[len(b"pagefind_dcd"):])["url"]
        assert url.startswith("/") and not url.startswith(f"/{bundle.parent.name}/")
        urls.append(f"/{bundle.parent.name}{url}")
    return sorted(urls)


@contextmanager
def shard_pages(value: int = SHARD_PAGES):
    """Builds in this block split each language's index into shards of `value` pages at most."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_PAGES", value)
        yield


@pytest.fixture
def sharded(tmp_path):
    """(site, output, builder): the sample site with its notes, built with small shards, which
    stay small for the rest of the test."""
    site = write_site(tmp_path / "site", sharded_files())
    builder = Builder(site, tmp_path / "out", jobs=2)
    with shard_pages():
        builder.build(NOW)
        yield site, tmp_path / "out", builder
