"""The Pagefind index as part of the build: each language's bundles (one shard on the portal), only
item pages, reproducible, and made again only where pages changed. Several shards per language:
test_search_shards.py."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from benn_site.build import Builder, build, prepare
from benn_site.errors import RenderError
from benn_site.output import search_index
from benn_site.output.search_index import Shard, normalise_entry
from benn_site.rendering import search_shards
from tests.conftest import NOW, ROOT, indexed, sample_files, write_site

LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


def test_one_shard_per_language_over_its_item_pages(portal):
    assert sorted(p.name for p in (portal / "pagefind").iterdir()) == sorted(LANGS)
    _, site = prepare(ROOT, NOW)
    counts = {}
    for lang in LANGS:  # pages with `only_in` are in their own languages only
        items = len(site.locations) + len(site.events) + len([p for p in site.pages
                                                              if p.slug != "index" and p.offered_in(lang)])
        assert len(list((portal / lang).rglob("*.html"))) <= search_shards.SHARD_PAGES  # so one shard
        assert [p.name for p in (portal / "pagefind" / lang).iterdir()] == ["0"]
        bundle = portal / "pagefind" / lang / "0"
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] == items, lang
        counts[lang] = items
        assert (bundle / "pagefind-ui.js").is_file()
        assert not (bundle / "pagefind-modular-ui.js").exists()
    assert counts["ar"] < counts["de"]


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
    assert '<link rel="stylesheet" href="/pagefind/fa/0/pagefind-ui.css">' in search
    assert 'data-bundles=\'["/pagefind/fa/0/"]\' data-base="/fa/"' in search
    assert '<script src="/pagefind/fa/0/pagefind-ui.js" defer></script>' in search
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
    assert one.read_text() == ('{"benn_site_urls":"below the language folder","languages":{"de":{"hash":"de_1",'
                               '"page_count":3},"fa":{"hash":"fa_1","page_count":2}},"version":"1.5.2"}')


def test_the_index_urls_are_relative_to_the_language_folder(portal):
    paths = indexed(portal / "pagefind" / "de" / "0")  # which checks that each URL lacks the /de/
    assert "/de/locations/marienfelde/" in paths
    assert all((portal / path.strip("/") / "index.html").is_file() for path in paths)


def test_the_glob_names_exactly_the_shards_pages():
    shard = Shard("de", 0, ("de/index.html", "de/a-b/index.html", "de/odd{1,2}*/index.html"))
    assert search_index.pattern(shard) == r"{index.html,a-b/index.html,odd\{1\,2\}\*/index.html}"


def test_pagefind_failure_is_reported_not_raised(tmp_path):
    with pytest.raises(RenderError) as caught:  # no HTML at all
        search_index.run(tmp_path, [Shard("de", 2, ())], tmp_path / "work", "/", jobs=1)
    assert str(caught.value).startswith("pagefind/de/2/: Pagefind failed: Error: Pagefind was not able to build an index")


def test_a_missing_pagefind_is_reported_not_raised(tmp_path):
    with pytest.raises(RenderError) as caught:
        search_index.run(tmp_path, [Shard("de", 0, ())], tmp_path / "work", "/", jobs=1,
                         program=str(tmp_path / "no-pagefind"))
    assert str(caught.value).startswith("pagefind/de/0/: could not run Pagefind: [Errno 2] No such file or directory")
    assert str(caught.value).endswith("(install the site's dependencies: pip install -e .)")


def test_search_under_a_subpath_knows_where_it_lives(subpath_portal):
    page = (subpath_portal / "uk" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles=\'["/benn-portal/pagefind/uk/0/"]\' data-base="/benn-portal/uk/"' in page
    assert '<script src="/benn-portal/pagefind/uk/0/pagefind-ui.js" defer></script>' in page
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-worker.js"):
        script = (subpath_portal / "pagefind" / "uk" / "0" / name).read_text(encoding="utf-8")
        assert '"/pagefind/"' not in script and '"/benn-portal/pagefind/uk/0/"' in script, name


def bundle_files(out, lang):
    """name → (bytes, mtime, inode) of every file in one language's bundles."""
    bundle = out / "pagefind" / lang
    return {p.relative_to(bundle).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_editing_a_german_page_remakes_the_german_bundle_only(tmp_path, monkeypatch):
    # translated into every language: an untranslated page would show the German text there too
    site = write_site(tmp_path / "site", sample_files({"content/pages/about.ar.md": "---\ntitle: من نحن\n---\nنحن اختبار.\n"}))
    out = tmp_path / "out"
    builder = Builder(site, out)
    builder.build(NOW)
    before = {lang: bundle_files(out, lang) for lang in ("de", "en", "ar")}
    indexed = []
    real = search_index.start
    monkeypatch.setattr("benn_site.output.search_index.start",  # records, then runs the real Pagefind
                        lambda target, shard, *args: indexed.append(shard.name) or real(target, shard, *args))
    page = site / "content" / "pages" / "about.de.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSchnittblumenmarkt.\n", encoding="utf-8")
    builder.build(NOW)
    assert indexed == ["pagefind/de/0"]
    assert bundle_files(out, "en") == before["en"]
    assert bundle_files(out, "ar") == before["ar"]
    after = bundle_files(out, "de")
    assert {name for name in after if after[name][0] != before["de"].get(name, (None,))[0]}  # new German index
    assert "0/pagefind-ui.js" in after and after["0/pagefind-ui.js"] == before["de"]["0/pagefind-ui.js"]  # kept

    clean = tmp_path / "clean"
    build(site, clean, NOW, cache=False)
    for lang in ("de", "en", "ar"):
        assert {n: f[0] for n, f in bundle_files(out, lang).items()} == \
            {n: f[0] for n, f in bundle_files(clean, lang).items()}, lang
    indexed.clear()
    builder.build(NOW)
    assert indexed == []  # nothing changed: no Pagefind at all


def test_a_missing_bundle_is_made_again_and_the_bundles_of_old_layouts_go(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    english = bundle_files(out, "en")
    shutil.rmtree(out / "pagefind" / "ar" / "0")
    (out / "pagefind" / "pagefind-entry.json").write_text("{}")  # as a build with one bundle left it
    (out / "pagefind" / "fragment").mkdir()
    (out / "pagefind" / "fragment" / "de_0.pf_fragment").write_bytes(b"old")
    (out / "pagefind" / "de" / "pagefind-entry.json").write_text("{}")  # one bundle per language
    (out / "pagefind" / "de" / "index").mkdir()
    (out / "pagefind" / "de" / "index" / "de_1.pf_index").write_bytes(b"old")
    build(site, out, NOW)
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["ar", "de", "en"]
    assert [p.name for p in (out / "pagefind" / "de").iterdir()] == ["0"]
    assert (out / "pagefind" / "ar" / "0" / "pagefind-entry.json").is_file()
    assert bundle_files(out, "en") == english


def test_a_bundle_of_the_earlier_url_layout_is_made_again(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    entry = out / "pagefind" / "de" / "0" / "pagefind-entry.json"
    made = entry.read_text(encoding="utf-8")
    earlier = json.loads(made)
    del earlier[search_index.LAYOUT[0]]  # as builds wrote it while the index's URLs began at the output folder
    entry.write_text(json.dumps(earlier), encoding="utf-8")
    english = bundle_files(out, "en")
    build(site, out, NOW)
    assert entry.read_text(encoding="utf-8") == made
    assert bundle_files(out, "en") == english
