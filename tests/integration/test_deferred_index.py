"""The preview shows a saved page before Pagefind has run: `build(index=False)` commits the pages
and leaves the search index of the touched shards for `index_pending()`, and nothing is lost if
the preview stops in between."""

from __future__ import annotations

import gzip

from benn_site.build import Builder
from benn_site.editors.serve import Preview
from benn_site.messages import ENGLISH
from benn_site.output import search_index
from benn_site.output.search_index import ENTRY, shards
from tests.conftest import NOW, shard_pages, sharded_files, write_site
from tests.integration.test_search_shards import html_names, snapshot

NOTE = "de/notiz-04/index.html"


def edit(site, word):
    path = site / "content" / "pages" / "notiz-04.de.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nNeu: {word}.\n", encoding="utf-8")


def holding(out, word) -> int:
    """In how many fragments of the German bundles `word` is."""
    return sum(word.encode() in gzip.decompress(p.read_bytes())
               for p in (out / "pagefind" / "de").glob("*/fragment/*"))


def test_the_page_comes_first_and_the_index_follows(sharded, tmp_path):
    site, out, builder = sharded
    number = next(k for k, pages in enumerate(shards(html_names(out), "de")) if NOTE in pages)
    entry = out / "pagefind" / "de" / str(number) / ENTRY
    others = {n: f for n, f in snapshot(out / "pagefind").items() if not n.startswith(f"de/{number}/")}
    assert builder.index_pending() == 0  # nothing left out yet

    edit(site, "Wiesenknopf")
    builder.build(NOW, index=False)
    assert "Wiesenknopf" in (out / NOTE).read_text(encoding="utf-8")
    assert not entry.exists()  # left out: any later build sees this bundle as missing
    assert [s.name for s in search_index.Plan(out, html_names(out), ("de",)).todo([])] == \
        [f"pagefind/de/{number}"]  # that one alone, whichever number it has
    assert holding(out, "Wiesenknopf") == 0

    assert builder.index_pending() == 1
    assert entry.is_file() and holding(out, "Wiesenknopf") == 1
    after = snapshot(out / "pagefind")
    assert {n: f for n, f in after.items() if not n.startswith(f"de/{number}/")} == others
    assert builder.index_pending() == 0

    clean = tmp_path / "clean"
    Builder(site, clean, cache=False).build(NOW)
    assert {n: f[0] for n, f in snapshot(clean).items()} == {n: f[0] for n, f in snapshot(out).items()}


def test_a_preview_stopped_before_indexing_leaves_the_next_build_to_do_it(sharded, tmp_path):
    site, out, _ = sharded
    edit(site, "Wiesenknopf")
    Builder(site, out, jobs=2).build(NOW, index=False)  # and then the preview was stopped
    edit(site, "Mauerpfeffer")
    Builder(site, out, jobs=2).build(NOW, index=False)
    report = Builder(site, out, jobs=2).build(NOW)  # a new process: only the files tell
    assert report.rendered == 0 and report.changed >= 1  # no page to render, the index to make
    assert holding(out, "Wiesenknopf") == 1 and holding(out, "Mauerpfeffer") == 1
    clean = tmp_path / "clean"
    Builder(site, clean, cache=False).build(NOW)
    assert {n: f[0] for n, f in snapshot(clean).items()} == {n: f[0] for n, f in snapshot(out).items()}


def test_the_preview_reports_a_failing_index_and_keeps_the_pages(tmp_path, monkeypatch):
    site = write_site(tmp_path / "site", sharded_files())
    printed = []
    preview = Preview(site, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH,
                      lambda text, err=False: printed.append(text))
    with shard_pages():
        assert preview.rebuild()
        edit(site, "Wiesenknopf")
        assert preview.rebuild(index=False)
        monkeypatch.setattr(search_index, "executable", lambda: str(tmp_path / "no-pagefind"))
        printed.clear()
        preview.index()
        assert any("Pagefind" in line for line in printed), printed
        assert "Wiesenknopf" in (tmp_path / "preview" / NOTE).read_text(encoding="utf-8")
        assert not preview.errors  # the pages are fine: no error page for a search index
        monkeypatch.undo()
        preview.index()
        assert holding(tmp_path / "preview", "Wiesenknopf") == 1


def test_a_new_save_stops_the_index_and_the_next_build_makes_it(sharded, tmp_path):
    site, out, builder = sharded
    edit(site, "Wiesenknopf")
    builder.build(NOW, index=False)
    before = snapshot(out / "pagefind")
    asked = []

    def stop():  # a save arrives while Pagefind runs
        asked.append(1)
        return len(asked) > 1

    assert builder.index_pending(stop) == 0
    assert len(asked) == 2
    assert snapshot(out / "pagefind") == before  # nothing moved, nothing left running
    assert not (tmp_path / ".out.pagefind").exists()
    assert builder.index_pending() == 0  # the build that follows the save makes it instead
    edit(site, "Mauerpfeffer")
    builder.build(NOW)
    assert holding(out, "Wiesenknopf") == 1 and holding(out, "Mauerpfeffer") == 1
    clean = tmp_path / "clean"
    Builder(site, clean, cache=False).build(NOW)
    assert {n: f[0] for n, f in snapshot(clean).items()} == {n: f[0] for n, f in snapshot(out).items()}


def test_a_missing_entry_file_is_one_missing_shard_even_the_last(sharded):
    """What the preview leaves for later must not look like a change of the shard count."""
    _, out, _ = sharded
    names = html_names(out)
    last = len(shards(names, "de")) - 1
    assert last >= 2
    (out / "pagefind" / "de" / str(last) / ENTRY).unlink()
    assert [s.name for s in search_index.Plan(out, names, ("de",)).todo([])] == [f"pagefind/de/{last}"]
