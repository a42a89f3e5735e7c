"""The preview's fast path (quick.py): a save of one page's text is on disk before the full build,
in the bytes a clean build gives it; every other save waits for the full build; and whatever the
fast path wrote, the following build (in this process or a new one) ends as a clean build."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from watchfiles import Change

from benn_site.build import Builder
from benn_site.editors.serve import Preview
from benn_site.errors import Stopped
from benn_site.messages import ENGLISH
from benn_site.output import quick as quick_path
from benn_site.output import render_all
from benn_site.output.search_index import ENTRY, shards
from tests.conftest import NOW, sample_files, write_site
from tests.integration.test_build import digest
from tests.integration.test_deferred_index import NOTE, holding
from tests.integration.test_search_shards import html_names

ABOUT = "content/pages/about.de.md"


def save(site, name, old, new):
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def clean_build(site, folder):
    Builder(site, folder, cache=False, drafts=True).build(NOW)
    return digest(folder)


@pytest.fixture
def previewed(tmp_path):
    """(site, output, builder) after a first build, as the preview keeps them."""
    site = write_site(tmp_path / "site", sample_files())
    builder = Builder(site, tmp_path / "out", drafts=True, quick=True)
    builder.build(NOW)
    return site, tmp_path / "out", builder


def test_a_new_page_text_is_written_at_once_as_a_clean_build_writes_it(previewed, tmp_path):
    site, out, builder = previewed
    path = save(site, ABOUT, "Wir sind ein Test.", "Wir sind *zwei* Tests, mehr [hier](about.en.md).")
    # about has its own German and English texts; Arabic shows the German one as the fallback
    assert builder.quick(path, NOW) == ["ar/about/index.html", "de/about/index.html"]
    clean = clean_build(site, tmp_path / "clean")
    assert {name: digest(out)[name] for name in ("ar/about/index.html", "de/about/index.html")} == \
        {name: clean[name] for name in ("ar/about/index.html", "de/about/index.html")}
    assert "<em>zwei</em>" in (out / "de/about/index.html").read_text(encoding="utf-8")

    builder.build(NOW)
    assert digest(out) == clean

    assert builder.quick(path, NOW) == []  # saved again unchanged: the pages are as they are


def test_after_the_fast_path_a_new_process_builds_a_reverted_text_correctly(previewed, tmp_path):
    site, out, builder = previewed
    original = (site / ABOUT).read_text(encoding="utf-8")
    path = save(site, ABOUT, "Wir sind ein Test.", "Ganz anders.")
    assert builder.quick(path, NOW)
    path.write_text(original, encoding="utf-8")  # the preview stops before its build, the text goes back
    Builder(site, out, drafts=True).build(NOW)  # a new process: the fingerprints on disk must not trust the page
    assert digest(out) == clean_build(site, tmp_path / "clean")


def test_saving_the_old_text_again_before_the_build_brings_the_old_page_back(previewed, tmp_path):
    site, out, builder = previewed
    before = (out / "de/about/index.html").read_bytes()
    original = (site / ABOUT).read_text(encoding="utf-8")
    path = save(site, ABOUT, "Wir sind ein Test.", "Ganz anders.")
    assert builder.quick(path, NOW) == ["ar/about/index.html", "de/about/index.html"]
    with pytest.raises(Stopped):
        builder.build(NOW, stop=lambda: True)  # the next save stopped that build
    path.write_text(original, encoding="utf-8")
    assert builder.quick(path, NOW) == ["ar/about/index.html", "de/about/index.html"]
    assert (out / "de/about/index.html").read_bytes() == before
    builder.build(NOW)
    assert digest(out) == clean_build(site, tmp_path / "clean")


@pytest.mark.parametrize("name, old, new", [
    (ABOUT, "title: Über uns", "title: Über uns alle"),  # a field: the menu and other pages change
    (ABOUT, "title: Über uns\n", "title: Über uns\n# neu\n"),  # the text moves down: its line numbers change
    (ABOUT, "Wir sind ein Test.", "Siehe [dort](nirgends.de.md)."),  # a link that does not resolve
    (ABOUT, "title: Über uns", "title: [Über"),  # the fields do not parse
    ("content/events/2026-11-26-cafe.md", "Kaffee und Kuchen.", "Tee."),  # not a page
    ("templates/page.html", "{% block main %}", "{% block main %}<!-- x -->"),  # not content
])
def test_any_other_save_waits_for_the_full_build(previewed, name, old, new):
    site, out, builder = previewed
    before = digest(out)
    assert builder.quick(save(site, name, old, new), NOW) is None
    assert digest(out) == before


def test_a_new_page_file_and_another_hour_wait_for_the_full_build(previewed):
    site, out, builder = previewed
    new = site / "content/pages/neu.de.md"
    new.write_text("---\ntitle: Neu\n---\nNeu.\n", encoding="utf-8")
    assert builder.quick(new, NOW) is None
    path = save(site, ABOUT, "Wir sind ein Test.", "Später.")
    assert builder.quick(path, NOW + dt.timedelta(hours=1)) is None
    assert builder.quick(path, NOW) is not None


def test_the_search_shard_of_a_page_written_early_is_made_by_the_next_build(sharded, tmp_path):
    site, out, _ = sharded
    builder = Builder(site, out, jobs=2, quick=True)
    builder.build(NOW)
    number = next(k for k, pages in enumerate(shards(html_names(out), "de")) if NOTE in pages)
    path = save(site, "content/pages/notiz-04.de.md", "Heute geht es um", "Heute geht es um Wiesenknopf und")
    assert builder.quick(path, NOW) == [NOTE]
    assert not (out / "pagefind" / "de" / str(number) / ENTRY).exists()  # a later build makes it again
    report = builder.build(NOW)
    assert report.changed >= 1 and holding(out, "Wiesenknopf") == 1
    clean = tmp_path / "clean"
    Builder(site, clean, cache=False).build(NOW)
    assert digest(out) == digest(clean)


@pytest.mark.parametrize("phase", ["loading", "rendering"])
def test_a_stopped_build_leaves_the_output_and_the_next_build_completes_it(previewed, tmp_path, monkeypatch,
                                                                           phase):
    site, out, builder = previewed
    before = digest(out)
    save(site, "content/events/2026-11-26-cafe.md", "Kaffee und Kuchen.", "Tee.")
    builder.jobs = 1  # rendering in this process, where the calls are counted
    rendered = []
    real = render_all.render_template
    monkeypatch.setattr(render_all, "render_template", lambda *args: rendered.append(1) or real(*args))
    with pytest.raises(Stopped):
        builder.build(NOW, stop=lambda: phase == "loading" or len(rendered) > 0)
    assert bool(rendered) == (phase == "rendering")
    assert digest(out) == before and not list(tmp_path.glob(".out.*"))
    builder.build(NOW)
    assert digest(out) == clean_build(site, tmp_path / "clean")


def test_an_edited_template_is_used_by_the_next_build_of_the_same_builder(previewed, tmp_path):
    site, out, builder = previewed
    save(site, "templates/page.html", "{% block main %}", "{% block main %}<!-- neu -->")
    builder.build(NOW)
    assert "<!-- neu -->" in (out / "de/about/index.html").read_text(encoding="utf-8")
    assert digest(out) == clean_build(site, tmp_path / "clean")


def test_the_preview_takes_the_fast_path_for_one_page_text_only(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    preview = Preview(site, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert preview.rebuild()
    path = save(site, ABOUT, "Wir sind ein Test.", "Schnell gezeigt.")
    other = save(site, "content/pages/imprint.de.md", "Testimpressum.", "Anders.")
    assert not preview.quick({(Change.modified, str(path)), (Change.modified, str(other))})  # two files
    assert preview.quick({(Change.modified, str(path))})
    assert "Schnell gezeigt." in (tmp_path / "preview/de/about/index.html").read_text(encoding="utf-8")
    save(site, "content/events/2026-11-26-cafe.md", "location: mitte", "location: mite")
    assert not preview.rebuild()  # the site has a problem: the preview shows it, no page goes early
    path = save(site, ABOUT, "Schnell gezeigt.", "Noch einmal.")
    assert not preview.quick({(Change.modified, str(path))})


def test_the_fast_path_leaves_collecting_the_last_build_to_later(previewed, monkeypatch):
    """A build's garbage (its views, a hundred thousand objects at 10,000 pages) is collected when
    the collector's next full turn comes: not while a saved page waits for the fast path."""
    site, out, builder = previewed
    seen = []
    real = quick_path.page_text
    monkeypatch.setattr(quick_path, "page_text", lambda *args: seen.append(gc.isenabled()) or real(*args))
    path = save(site, ABOUT, "Wir sind ein Test.", "Wir sind zwei Tests.")
    assert builder.quick(path, NOW) == ["ar/about/index.html", "de/about/index.html"]
    assert seen == [False] and gc.isenabled()
