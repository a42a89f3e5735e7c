"""The editors' page with `edit_url` (editors/): every file's link to the forge's web editor and a
new event filled in with the text `benn-site new event` writes; without edit_url, no such page,
and the residents' pages are the same bytes either way."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from benn_site.build import build
from benn_site.editors.new import new_file
from tests.conftest import NOW, SAMPLE_SITE_YAML, sample_files, write_site

EDIT = "https://github.com/org/benn-portal/edit/main/"


def built(tmp_path: Path, name: str, site_yaml: str) -> Path:
    site = write_site(tmp_path / name, sample_files({"site.yaml": site_yaml}))
    build(site, tmp_path / f"{name}-out", NOW)
    return tmp_path / f"{name}-out"


def links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page)]


def test_every_file_has_an_edit_link_and_a_new_event_opens_filled_in(tmp_path):
    out = built(tmp_path, "site", SAMPLE_SITE_YAML + f"edit_url: {EDIT}\n")
    page = (out / "editors" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de" dir="ltr">' in page and '<meta name="robots" content="noindex, nofollow">' in page
    assert '<body data-pagefind-ignore="all">' in page and "<h1>Die Website bearbeiten</h1>" in page
    edits = [link[len(EDIT):] for link in links(page) if link.startswith(EDIT)]
    assert edits == ["content/pages/about.de.md", "content/pages/about.en.md", "content/pages/imprint.de.md",
                     "content/pages/index.de.md", "content/locations/mitte.yaml", "content/events/2026-11-26-cafe.md"]
    assert '<a href="/de/">Willkommen</a>' in page  # the home page's text, linked to the home page
    assert '<a href="/de/about/">Über uns</a>' in page and '<a href="/editors/translations/">Stand der Übersetzungen</a>' in page
    new = next(link for link in links(page) if "/new/" in link)
    parts = urlsplit(new)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/org/benn-portal/new/main/content/events"
    query = parse_qs(parts.query)
    assert query["filename"] == ["2026-12-02-neue-veranstaltung.md"]  # a week after the build's day, as `new event`
    written = new_file(tmp_path / "site", "event", "neue-veranstaltung", notes="de", now=NOW)
    assert written.name == query["filename"][0]
    assert query["value"] == [written.read_text(encoding="utf-8")]
    assert "editors" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_without_edit_url_no_page_and_the_residents_pages_are_the_same(tmp_path):
    plain = built(tmp_path, "plain", SAMPLE_SITE_YAML)
    forge = built(tmp_path, "forge", SAMPLE_SITE_YAML + f"edit_url: {EDIT}\n")
    assert not (plain / "editors" / "index.html").exists()
    files = {p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file()}
    assert {p.relative_to(forge).as_posix() for p in forge.rglob("*") if p.is_file()} == files | {"editors/index.html"}
    different = [name for name in sorted(files) if (plain / name).read_bytes() != (forge / name).read_bytes()]
    assert different == []
