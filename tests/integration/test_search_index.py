"""The Pagefind index as part of the build: per language, only item pages, reproducible."""

from __future__ import annotations

import json
import re

import pytest

from benn_site.build import build, prepare
from benn_site.errors import BuildFailed, RenderError
from benn_site.search_index import build_index, normalise_entry
from tests.conftest import NOW, ROOT, sample_files, write_site

LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


def test_one_index_per_language_over_the_item_pages(portal):
    entry = json.loads((portal / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == sorted(LANGS)
    _, site = prepare(ROOT, NOW)
    items = len(site.locations) + len(site.events) + len([p for p in site.pages if p.slug != "index"])
    for lang in LANGS:
        assert entry["languages"][lang]["page_count"] == items, lang
    assert not (portal / "pagefind" / "pagefind-modular-ui.js").exists()


def test_only_item_pages_are_indexed(portal):
    for path in ("de/index.html", "de/locations/index.html", "de/events/index.html", "de/search/index.html",
                 "index.html", "404.html"):
        assert "data-pagefind-body" not in (portal / path).read_text(encoding="utf-8"), path
    location = (portal / "ar" / "locations" / "blumberger-damm" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<main id="main" class="wrap" tabindex="-1" data-pagefind-body>', location)
    assert '<section aria-labelledby="events-here" data-pagefind-ignore>' in location


def test_only_the_search_page_allows_webassembly(portal):
    for path in portal.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        allowed = "'wasm-unsafe-eval'" in html
        assert allowed == (path.parent.name == "search"), path
    search = (portal / "fa" / "search" / "index.html").read_text(encoding="utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval';" in search
    assert '<script src="/pagefind/pagefind-ui.js" defer></script>' in search
    assert "<script>" not in search


def test_search_is_in_the_navigation(portal):
    html = (portal / "de" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/de/search/">Suche</a>' in html


def test_normalised_entry_does_not_depend_on_pagefinds_order(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text('{"version":"1.5.2","languages":{"fa":{"hash":"fa_1","page_count":2},"de":{"hash":"de_1","page_count":3}}}')
    two.write_text('{"languages":{"de":{"page_count":3,"hash":"de_1"},"fa":{"hash":"fa_1","page_count":2}},"version":"1.5.2"}')
    normalise_entry(one)
    normalise_entry(two)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_text() == '{"languages":{"de":{"hash":"de_1","page_count":3},"fa":{"hash":"fa_1","page_count":2}},"version":"1.5.2"}'


def test_pagefind_failure_is_reported_not_raised(tmp_path):
    with pytest.raises(RenderError) as caught:
        build_index(tmp_path)  # no HTML at all
    assert str(caught.value).startswith("pagefind/: Pagefind failed: Error: Pagefind was not able to build an index")


def test_a_failing_index_fails_the_build_and_keeps_the_previous_output(tmp_path, monkeypatch):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert "pagefind/pagefind-entry.json" in before

    def broken(folder, base_path, bundle=None):
        assert "Neu." in (folder / "de" / "about" / "index.html").read_text(encoding="utf-8")  # the new pages
        raise RenderError("pagefind/", None, "Pagefind failed: Error: disk full", hint="free some space")

    monkeypatch.setattr("benn_site.search_index.build_index", broken)
    page = site / "content" / "pages" / "about.de.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")  # the index runs when HTML changes
    with pytest.raises(BuildFailed) as caught:
        build(site, out, NOW)
    assert [str(e) for e in caught.value.errors] == ["pagefind/: Pagefind failed: Error: disk full (free some space)"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert "Neu." not in (out / "de" / "about" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no staging or backup left


def test_search_under_a_subpath_knows_where_it_lives(subpath_portal):
    page = (subpath_portal / "uk" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/benn-portal/pagefind/" data-base="/benn-portal/"' in page
    assert '<script src="/benn-portal/pagefind/pagefind-ui.js" defer></script>' in page
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-worker.js"):
        script = (subpath_portal / "pagefind" / name).read_text(encoding="utf-8")
        assert '"/pagefind/"' not in script and '"/benn-portal/pagefind/"' in script, name
