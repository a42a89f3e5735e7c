"""A language's search index in several shards: every page in exactly one, read back from the
bundles Pagefind wrote; an edit re-makes the shard of its page only; fewer pages, fewer shards;
a failing shard leaves the output as it was; under a sub-path too. The sample site's German notes with SHARD_PAGES
lowered give German three shards (tests/conftest.py)."""

from __future__ import annotations

import gzip
import json
import re
import zlib

import pytest

from benn_site.build import Builder, build
from benn_site.errors import BuildFailed
from benn_site.output import search_index
from benn_site.output.search_index import Plan
from benn_site.rendering import search_shards
from benn_site.rendering.search_shards import shards
from tests import sitecheck
from tests.conftest import NOTE_WORDS, NOW, SHARD_PAGES, SUBPATH_URL, indexed, shard_pages, sharded_files, write_site

ITEMS = ("de/about/index.html", "de/imprint/index.html", "de/locations/mitte/index.html",
         "de/events/2026-11-26-cafe/index.html")  # with the notes: the pages with data-pagefind-body


WHOLE = json.dumps(dict([search_index.LAYOUT]))  # the entry file of a bundle of the current layout


def html_names(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.parts[len(out.parts)] != "pagefind")


def snapshot(out) -> dict[str, tuple[bytes, int, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_shards_split_a_languages_html_by_a_hash_of_the_name(monkeypatch):
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    pages = [f"de/p{n}/index.html" for n in range(7)]
    names = pages + ["de/events.ics", "en/index.html", "404.html", "editors/translations/index.html", "static/a.js"]
    split = shards(reversed(names), "de")
    assert len(split) == 3  # ceil(7 / 3)
    assert sorted(name for shard in split for name in shard) == pages
    for number, shard in enumerate(split):
        assert shard == sorted(shard)
        assert all(zlib.crc32(name.encode("utf-8")) % 3 == number for name in shard)
    assert shards(names, "fa") == [[]]  # one shard, also without pages
    assert len(shards(pages[:6], "de")) == 2 and len(shards(pages[:3], "de")) == 1
    grown = shards(names + ["de/p7/index.html", "de/p8/index.html"], "de")  # still 3 shards
    assert [[name for name in shard if name in pages] for shard in grown] == split  # nothing moved


def test_a_language_has_at_most_max_shards_larger_ones_beyond(monkeypatch):
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    monkeypatch.setattr(search_shards, "MAX_SHARDS", 2)
    pages = [f"de/p{n}/index.html" for n in range(10)]
    split = shards(pages, "de")
    assert len(split) == 2  # not ceil(10 / 3) = 4
    assert sorted(name for shard in split for name in shard) == pages
    assert all(zlib.crc32(name.encode("utf-8")) % 2 == number for number, shard in enumerate(split) for name in shard)
    assert len(shards(pages[:4], "de")) == 2 and len(shards(pages[:3], "de")) == 1


def test_the_plan_remakes_touched_and_missing_shards_and_all_when_the_count_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    names = [f"de/p{n}/index.html" for n in range(7)] + [f"en/p{n}/index.html" for n in range(2)]
    split = shards(names, "de")
    for folder in ("de/0", "de/1", "de/2", "en/0"):
        (tmp_path / "pagefind" / folder).mkdir(parents=True)
        (tmp_path / "pagefind" / folder / "pagefind-entry.json").write_text(WHOLE)
    (tmp_path / "pagefind" / "de" / "0" / "fragment").mkdir()
    (tmp_path / "pagefind" / "de" / "0" / "fragment" / "a.pf_fragment").write_bytes(b"")
    plan = Plan(tmp_path, names, ("de", "en"))

    def todo(touched):
        return [shard.name for shard in plan.todo(touched)]

    assert todo([]) == []
    assert todo(["de/events.ics", "404.html", "pagefind/de/1/pagefind.js"]) == []  # no page of a language
    assert todo([split[1][0]]) == ["pagefind/de/1"]
    gone = next(f"de/gone{n}/index.html" for n in range(99)
                if zlib.crc32(f"de/gone{n}/index.html".encode()) % 3 == 2)
    assert todo([gone, "en/p1/index.html"]) == ["pagefind/de/2", "pagefind/en/0"]  # removed pages count too
    assert plan.files() == {"pagefind/de/0/pagefind-entry.json", "pagefind/de/0/fragment/a.pf_fragment",
                            "pagefind/de/1/pagefind-entry.json", "pagefind/de/2/pagefind-entry.json",
                            "pagefind/en/0/pagefind-entry.json"}

    (tmp_path / "pagefind" / "de" / "1" / "pagefind-entry.json").unlink()  # a bundle went missing
    assert [shard.name for shard in Plan(tmp_path, names, ("de",)).todo([])] == ["pagefind/de/1"]
    grown = names + [f"de/q{n}/index.html" for n in range(3)]  # ten pages: four shards
    assert [shard.name for shard in Plan(tmp_path, grown, ("de",)).todo([])] == \
        ["pagefind/de/0", "pagefind/de/1", "pagefind/de/2", "pagefind/de/3"]
    (tmp_path / "pagefind" / "de" / "3").mkdir()  # one shard more than now: the count shrank
    (tmp_path / "pagefind" / "de" / "3" / "pagefind-entry.json").write_text(WHOLE)
    assert len(Plan(tmp_path, names, ("de",)).todo([])) == 3
    assert len(Plan(tmp_path, names, ("fa",)).todo([])) == 1  # no bundle yet


def test_a_written_page_that_pagefind_does_not_search_remakes_no_shard(tmp_path, monkeypatch):
    """A listing is not searched where its shard has a marked page (data-pagefind-body): writing
    it needs no new bundle. A page that is marked, or was, does; so does any page of a shard
    without a marked page, which Pagefind indexes whole."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 3)
    names = [f"de/p{n}/index.html" for n in range(9)]
    split = shards(names, "de")
    one, two, bare = sorted(range(3), key=lambda k: len(split[k]), reverse=True)
    assert len(split[two]) >= 2
    for number in range(3):
        (tmp_path / "pagefind" / "de" / str(number)).mkdir(parents=True)
        (tmp_path / "pagefind" / "de" / str(number) / "pagefind-entry.json").write_text(WHOLE)
    plan = Plan(tmp_path, names, ("de",))
    marked = {split[one][0], split[two][0]}  # the third shard has no marked page

    def todo(touched, before=marked):
        return [shard.name for shard in plan.todo(touched, (), (marked, before))]

    assert todo([split[one][1], split[two][1]]) == []
    assert todo([split[one][0]]) == [f"pagefind/de/{one}"]
    assert todo([split[two][1]], marked | {split[two][1]}) == [f"pagefind/de/{two}"]  # it lost its mark
    assert todo([split[bare][0]]) == [f"pagefind/de/{bare}"]
    gone = next(f"de/gone{n}/index.html" for n in range(99) if zlib.crc32(f"de/gone{n}/index.html".encode()) % 3 == one)
    assert todo([gone]) == [] and todo([gone], marked | {gone}) == [f"pagefind/de/{one}"]  # a removed page
    assert [shard.name for shard in plan.todo([split[one][1]])] == [f"pagefind/de/{one}"]  # no records: every page counts


def test_a_cancelled_event_remakes_the_shards_of_the_searched_pages_it_changed(sharded, monkeypatch):
    site, out, builder = sharded
    before = {name: (out / name).read_bytes() for name in html_names(out)}
    started = []
    real = search_index.start
    monkeypatch.setattr(search_index, "start", lambda target, shard, *rest: started.append(shard.name) or
                        real(target, shard, *rest))
    event = site / "content/events/2026-11-26-cafe.md"
    event.write_text(event.read_text(encoding="utf-8").replace("category: cafe\n", "category: cafe\ncancelled: true\n"),
                     encoding="utf-8")
    builder.build(NOW)
    names = html_names(out)
    assert sorted(before) == names  # as many shards as before
    changed = [name for name in names if before[name] != (out / name).read_bytes()]
    counts = {lang: len(shards(names, lang)) for lang in ("de", "en", "ar")}
    searched = {search_shards.shard_folder(name, counts) for name in changed
                if search_shards.MARK in (out / name).read_bytes() or search_shards.MARK in before[name]}
    listings = {search_shards.shard_folder(name, counts) for name in changed} - searched
    assert {"de/events/index.html", "de/events/2026-11-26-cafe/index.html"} <= set(changed)
    assert sorted(started) == sorted(searched) and listings  # shards where only listings changed are left
    fragments = [gzip.decompress(p.read_bytes()) for p in (out / "pagefind" / "de").rglob("*.pf_fragment")]
    assert sum(b"2026-11-26-cafe" in fragment for fragment in fragments) == 1


def test_every_page_is_in_exactly_one_shard(sharded):
    site, out, builder = sharded
    names = html_names(out)
    split = shards(names, "de")
    assert len([n for n in names if n.startswith("de/")]) == 3 * SHARD_PAGES and len(split) == 3
    assert sorted(p.name for p in (out / "pagefind" / "de").iterdir()) == ["0", "1", "2"]
    items = {f"de/notiz-{n:02d}/index.html" for n in range(len(NOTE_WORDS))} | set(ITEMS)
    seen = []
    for number, pages in enumerate(split):
        bundle = out / "pagefind" / "de" / str(number)
        expected = sorted("/" + name[: -len("index.html")] for name in pages if name in items)
        assert expected and indexed(bundle) == expected, number  # every shard has item pages
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["de"]["page_count"] == len(expected)
        seen += expected
    assert len(seen) == len(set(seen)) == len(items)
    search = (out / "de" / "search" / "index.html").read_text(encoding="utf-8")
    bundles = json.loads(re.search(r"data-bundles='([^']*)'", search).group(1))
    assert bundles == ["/pagefind/de/0/", "/pagefind/de/1/", "/pagefind/de/2/"]
    for number in range(3):  # each bundle's scripts know where they live
        script = (out / "pagefind" / "de" / str(number) / "pagefind.js").read_text(encoding="utf-8")
        assert f'"/pagefind/de/{number}/"' in script and '"/pagefind/"' not in script
    on_disk = sum(1 for p in out.rglob("*") if p.is_file())
    assert builder.build(NOW).files == on_disk  # the report counts every bundle's files


def test_an_edit_remakes_exactly_the_shard_of_its_page(sharded, monkeypatch, tmp_path):
    site, out, builder = sharded
    note = "de/notiz-04/index.html"
    number = next(k for k, pages in enumerate(shards(html_names(out), "de")) if note in pages)
    before = snapshot(out / "pagefind")
    started = []
    real = search_index.start
    monkeypatch.setattr(search_index, "start",  # records the shard and its threads, then runs the real Pagefind
                        lambda target, shard, temporary, program, threads=None:
                        started.append((shard.name, threads)) or real(target, shard, temporary, program, threads))
    path = site / "content" / "pages" / "notiz-04.de.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNeu: Wiesenknopf.\n", encoding="utf-8")
    builder.build(NOW)
    assert started == [(f"pagefind/de/{number}", None)]  # a lone shard: Pagefind on every core
    after = snapshot(out / "pagefind")
    assert after.keys() - before.keys()  # the new page's fragment
    for name, (data, mtime, inode) in after.items():
        if not name.startswith(f"de/{number}/"):
            assert before[name] == (data, mtime, inode), name  # same bytes, never rewritten
    fragments = [gzip.decompress(p.read_bytes()) for p in (out / "pagefind" / "de" / str(number) / "fragment").iterdir()]
    assert sum(b"Wiesenknopf" in fragment for fragment in fragments) == 1

    # A clean build has shards enough for every core: one thread a run, and the same bytes.
    started.clear()
    clean = tmp_path / "clean"
    Builder(site, clean, cache=False, jobs=2).build(NOW)
    assert len(started) > 2 and {threads for _, threads in started} == {1}
    assert {n: f[0] for n, f in snapshot(clean / "pagefind").items()} == {n: f[0] for n, f in after.items()}


def test_fewer_pages_fewer_shards(sharded):
    site, out, builder = sharded
    for number in range(6, len(NOTE_WORDS)):
        (site / "content" / "pages" / f"notiz-{number:02d}.de.md").unlink()
    report = builder.build(NOW)
    assert sorted(p.name for p in (out / "pagefind" / "de").iterdir()) == ["0", "1"]
    urls = indexed(out / "pagefind" / "de" / "0") + indexed(out / "pagefind" / "de" / "1")
    assert sorted(urls) == sorted([f"/de/notiz-{n:02d}/" for n in range(6)] + ["/" + n[:-10] for n in ITEMS])
    search = (out / "de" / "search" / "index.html").read_text(encoding="utf-8")
    assert """data-bundles='["/pagefind/de/0/", "/pagefind/de/1/"]'""" in search
    assert report.files == sum(1 for p in out.rglob("*") if p.is_file())


def test_a_failing_shard_leaves_the_output_as_it_was(sharded, tmp_path):
    site, out, builder = sharded
    before = snapshot(out)
    path = site / "content" / "pages" / "notiz-04.de.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    # One page per shard gives as many shards as pages, and some of them no page at all: Pagefind
    # refuses to index nothing, after others have run.
    with shard_pages(1):
        assert any(not pages for pages in shards(html_names(out), "de"))
        with pytest.raises(BuildFailed) as caught:
            builder.build(NOW)
    [error] = caught.value.errors
    assert re.fullmatch(r"pagefind/(de|en|ar)/\d+/: Pagefind failed: Error: Pagefind was not able to build an "
                        r"index\. \(run 'python -m pagefind --site OUTPUT' to see its full report\)", str(error))
    assert snapshot(out) == before  # pages, bundles, stale shards: bytes, mtimes and inodes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no mirror, staging or backup left


def test_under_a_subpath_every_shard_knows_where_it_lives(tmp_path):
    site = write_site(tmp_path / "site", sharded_files())
    out = tmp_path / "out"
    with shard_pages():
        build(site, out, NOW, SUBPATH_URL)
    search = (out / "de" / "search" / "index.html").read_text(encoding="utf-8")
    assert json.loads(re.search(r"data-bundles='([^']*)'", search).group(1)) == \
        [f"/benn-portal/pagefind/de/{number}/" for number in range(3)]
    for number in range(3):
        script = (out / "pagefind" / "de" / str(number) / "pagefind.js").read_text(encoding="utf-8")
        assert f'"/benn-portal/pagefind/de/{number}/"' in script and '"/pagefind/"' not in script
    assert sitecheck.url_problems(out, SUBPATH_URL) == []
