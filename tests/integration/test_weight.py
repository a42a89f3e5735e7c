"""Light pages for prepaid phones: every location page, with everything it loads, stays under 50 KB.

The sum is of the files as written (uncompressed, so a server's gzip only helps): the HTML and each
stylesheet, script, icon and image it references, without the search index (loaded only when
someone searches). Images carry their size and load lazily.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

BUDGET = 50_000
LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img", "source", "video", "audio") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "script" and attrs.get("data-worker"):  # the service worker static/offline.js registers
            self.assets.append(attrs["data-worker"])
        if tag == "img":
            self.images.append(attrs)


def page_weight(portal: Path, page: Path) -> tuple[int, list[str]]:
    parser = _Assets()
    html = page.read_text(encoding="utf-8")
    parser.feed(html)
    files = [page]
    for url in dict.fromkeys(parser.assets):
        assert url.startswith("/") and not url.startswith("//"), f"{page}: {url} is not on this site"
        if url.startswith("/pagefind/"):
            continue
        files.append(portal / url.lstrip("/").split("?")[0])
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not ref.startswith("data:"):
                files.append(portal / ref.lstrip("/"))
    return sum(f.stat().st_size for f in files), [f.relative_to(portal).as_posix() for f in files]


def location_pages(portal):
    pages = sorted(p for lang in LANGS for p in (portal / lang / "locations").glob("*/index.html"))
    assert len(pages) >= 22 * len(LANGS)
    return pages


def test_every_location_page_with_its_assets_is_under_50_kb(portal):
    weights = {p.relative_to(portal).as_posix(): page_weight(portal, p) for p in location_pages(portal)}
    heavy = {name: (size, files) for name, (size, files) in weights.items() if size > BUDGET}
    assert heavy == {}
    # The sum really includes the stylesheet and the script, not just the HTML.
    size, files = weights["de/locations/blumberger-damm/index.html"]
    assert "static/site.css" in files and "static/open-now.js" in files and "sw.js" in files
    print(f"location pages: {min(s for s, _ in weights.values())}–{max(s for s, _ in weights.values())} bytes")


def test_images_have_a_size_and_load_lazily(portal):
    bad = []
    for page in sorted(portal.rglob("*.html")):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.images:
            if not (img.get("width") and img.get("height") and img.get("loading") == "lazy" and "alt" in img):
                bad.append((page.relative_to(portal).as_posix(), img))
    assert bad == []
