"""The cache of parsed content files: unchanged files are not read again, by the same Builder
(`serve`) or by the next `build`, and a change of any kind is seen."""

from __future__ import annotations

import os
import time

import pytest

from benn_site import config as config_module
from benn_site import store
from benn_site.build import CACHE_DIR, Builder
from benn_site.content import catalogs, loader
from benn_site.errors import BuildFailed
from benn_site.rendering.dependencies import code_version
from tests.conftest import NOW, sharded_files, write_site
from tests.integration.test_build import digest

OLD = time.time() - 3600  # files older than the file system's timestamp resolution can be trusted


def age(root):
    for path in (root / "content").rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


@pytest.fixture
def reads(monkeypatch):
    """The pages, locations, events and interface catalogs the loader reads from disk, in order
    (the map's outlines are read every time)."""
    seen = []
    real = loader.read_text

    def counting(path, root):
        if path.suffix in (".md", ".yaml", ".yml", ".po"):
            seen.append(path.relative_to(root).as_posix())
        return real(path, root)

    monkeypatch.setattr(loader, "read_text", counting)
    monkeypatch.setattr(catalogs, "read_text", counting)
    return seen


def test_unchanged_files_are_not_read_again(sample_site, tmp_path, reads):
    age(sample_site)
    out = tmp_path / "out"
    builder = Builder(sample_site, out)
    builder.build(NOW)
    first = len(reads)
    assert first >= 5 and all(name.startswith("content/") for name in reads)
    reads.clear()
    builder.build(NOW)
    assert reads == []
    Builder(sample_site, out).build(NOW)  # a new process: the cache comes from .cache/
    assert reads == []


def test_one_edit_among_many_files_does_not_rewrite_the_cache_and_the_next_build_reads_that_file(tmp_path, reads):
    site = write_site(tmp_path / "site", sharded_files())  # 23 content files
    age(site)
    out = tmp_path / "out"
    Builder(site, out).build(NOW)
    stored = site / CACHE_DIR / "sources.pickle"
    written = stored.stat().st_mtime_ns
    note = site / "content/pages/notiz-03.de.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMehr.\n", encoding="utf-8")
    os.utime(note, (OLD + 60, OLD + 60))
    reads.clear()
    Builder(site, out).build(NOW)
    assert reads == ["content/pages/notiz-03.de.md"]
    assert stored.stat().st_mtime_ns == written  # 1 of 24 files: not worth writing 24 again
    reads.clear()
    Builder(site, out).build(NOW)
    assert reads == ["content/pages/notiz-03.de.md"]  # still read, as it is not in the stored cache
    assert "Mehr." in (out / "de/notiz-03/index.html").read_text(encoding="utf-8")


def test_an_edit_of_the_same_size_is_read_again_and_built(sample_site, tmp_path, reads):
    age(sample_site)
    out = tmp_path / "out"
    builder = Builder(sample_site, out)
    builder.build(NOW)
    page = sample_site / "content/pages/about.de.md"
    text = page.read_text(encoding="utf-8")
    assert "Test" in text
    page.write_text(text.replace("Test", "Tesx"), encoding="utf-8")
    os.utime(page, (OLD + 1, OLD + 1))  # same size, a different mtime
    reads.clear()
    builder.build(NOW)
    assert reads == ["content/pages/about.de.md"]
    assert "Tesx" in (out / "de/about/index.html").read_text(encoding="utf-8")


def test_a_file_saved_just_now_is_never_trusted(sample_site, tmp_path, reads):
    """Two saves within the timestamp resolution can leave size and mtime equal."""
    age(sample_site)
    page = sample_site / "content/pages/about.de.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    builder = Builder(sample_site, tmp_path / "out")
    builder.build(NOW)
    reads.clear()
    builder.build(NOW)
    assert reads == ["content/pages/about.de.md"]


def test_a_file_with_problems_is_read_again_and_reported_each_time(sample_site, tmp_path, reads):
    age(sample_site)
    page = sample_site / "content/pages/about.de.md"
    page.write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    os.utime(page, (OLD, OLD))
    builder = Builder(sample_site, tmp_path / "out")
    for _ in range(2):
        reads.clear()
        with pytest.raises(BuildFailed) as failed:
            builder.build(NOW)
        assert reads.count("content/pages/about.de.md") == 1
        assert any(e.path == "content/pages/about.de.md" for e in failed.value.errors)


def test_deleted_files_are_forgotten_and_a_cache_of_another_version_is_ignored(sample_site, tmp_path, reads):
    age(sample_site)
    out = tmp_path / "out"
    Builder(sample_site, out).build(NOW)
    stored = sample_site / CACHE_DIR / "sources.pickle"
    code = code_version()
    entries = store.load(stored, code)
    assert any(path.endswith("about.en.md") for path, _ in entries)
    (sample_site / "content/pages/about.en.md").unlink()
    Builder(sample_site, out).build(NOW)
    entries = store.load(stored, code)
    assert not any(path.endswith("about.en.md") for path, _ in entries)
    store.save(stored, entries, "another generator")
    reads.clear()
    Builder(sample_site, out).build(NOW)
    assert "content/pages/about.de.md" in reads
    stored.write_bytes(b"not a pickle")
    reads.clear()
    Builder(sample_site, out).build(NOW)
    assert "content/pages/about.de.md" in reads


def test_built_from_the_cache_equals_a_clean_build(sample_site, tmp_path):
    age(sample_site)
    cached = tmp_path / "cached"
    Builder(sample_site, cached).build(NOW)
    Builder(sample_site, cached).build(NOW)
    clean = tmp_path / "clean"
    Builder(sample_site, clean, cache=False).build(NOW)
    assert digest(cached) == digest(clean)


def test_the_holidays_package_is_asked_about_the_region_again_only_when_site_yaml_changes(sample_site, tmp_path,
                                                                                       monkeypatch):
    """Asking imports every country the package knows: a build with the region already found
    good (kept with site.yaml's parse) does not ask, and a region changed to a wrong one is
    still reported."""
    age(sample_site)
    config_file = sample_site / "site.yaml"
    os.utime(config_file, (OLD, OLD))
    out = tmp_path / "out"
    Builder(sample_site, out).build(NOW)
    asked = []
    real = config_module._check_holidays
    monkeypatch.setattr(config_module, "_check_holidays", lambda holidays, *rest: asked.append(holidays) or real(holidays, *rest))
    Builder(sample_site, out).build(NOW)  # a new process: what was found comes from .cache/
    assert asked == []
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("country: DE", "country: XX"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        Builder(sample_site, out).build(NOW)
    assert asked == [("XX", "BE")]
    assert [str(e) for e in failed.value.errors] == ["site.yaml:9: holidays: unknown country 'XX' (use an ISO code such as DE)"]


def test_an_edited_interface_catalog_is_read_again(sample_site, tmp_path, reads):
    age(sample_site)
    out = tmp_path / "out"
    Builder(sample_site, out).build(NOW)
    catalog = sample_site / "content/ui/de.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Zum Inhalt springen"' in text
    catalog.write_text(text.replace('msgstr "Zum Inhalt springen"', 'msgstr "Direkt zum Inhalt"'), encoding="utf-8")
    os.utime(catalog, (OLD + 60, OLD + 60))
    reads.clear()
    Builder(sample_site, out).build(NOW)
    assert reads == ["content/ui/de.po"]
    assert "Direkt zum Inhalt" in (out / "de/index.html").read_text(encoding="utf-8")
