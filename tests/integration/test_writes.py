"""Output writes: only changed files are rewritten, stale ones go, a failed build changes nothing,
and pages rendered on several cores are the same bytes as pages rendered on one."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed, Stopped
from benn_site.output import parallel
from tests.conftest import NOW, ROOT
from tests.integration.test_build import digest

PAGE = "content/pages/about.de.md"


def stats(folder):
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_rewrites_only_the_files_that_changed(sample_site, tmp_path):
    out = tmp_path / "out"
    first = build(sample_site, out, NOW)
    assert first.changed == first.files
    before = stats(out)
    again = build(sample_site, out, NOW)
    assert (again.changed, again.removed) == (0, 0)
    assert stats(out) == before

    page = sample_site / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nNeuer Absatz.\n", encoding="utf-8")
    edited = build(sample_site, out, NOW)
    after = stats(out)
    # The search index changes with the text (its files are named by their content); no other file does.
    rewritten = {name for name in before if not name.startswith("pagefind/") and after[name] != before[name]}
    # ar falls back to the German text; the editors' translation page names the original's new hash;
    # the service worker's build id follows the pages
    assert rewritten == {"de/about/index.html", "ar/about/index.html", "editors/translations/index.html", "sw.js"}
    assert edited.rendered == 4  # the page in de, en, ar, and the translation page
    assert "Neuer Absatz." in (out / "de" / "about" / "index.html").read_text(encoding="utf-8")


def test_files_the_build_no_longer_makes_are_removed_with_their_folders(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    assert (out / "en" / "imprint" / "index.html").is_file()
    (sample_site / "content" / "pages" / "imprint.de.md").unlink()
    (sample_site / PAGE).write_text("---\ntitle: Über uns\n---\nOhne Impressum.\n", encoding="utf-8")
    report = build(sample_site, out, NOW)
    assert report.removed >= 3
    assert not (out / "en" / "imprint").exists()
    assert digest(out) == digest(_clean_build(sample_site, tmp_path / "clean"))


def test_a_template_error_leaves_the_output_and_no_staging_behind(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    before, inodes = digest(out), stats(out)
    page = sample_site / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nGeändert.\n", encoding="utf-8")
    template = sample_site / "templates" / "event.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}{{ no_such_value }}", 1),
                        encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(sample_site, out, NOW)
    assert "undefined template variable" in str(info.value)
    assert digest(out) == before and stats(out) == inodes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_pages_from_several_processes_equal_pages_from_one(portal, tmp_path):
    one = tmp_path / "one"
    build(ROOT, one, NOW, jobs=1)
    assert digest(one) == digest(portal)


def _clean_build(site, out):
    build(site, out, NOW)
    return out


def _square(n):
    return n * n


def test_parallel_run_keeps_the_order_and_reports_progress():
    seen = []
    items = list(range(500))
    assert parallel.run(items, _square, jobs=2, progress=seen.append) == [n * n for n in items]
    assert sum(seen) == 500


def test_parallel_run_keeps_what_keep_makes_of_each_value_as_it_arrives():
    """The parent deals with each value once (the build stores converted Markdown that way) and
    holds only what `keep` returns."""
    arrived = []

    def keep(value):
        arrived.append(value)
        return -value

    for jobs, count in ((2, 500), (1, 30)):
        arrived.clear()
        items = list(range(count))
        assert parallel.run(items, _square, jobs=jobs, keep=keep) == [-n * n for n in items]
        assert sorted(arrived) == [n * n for n in items]


def test_each_worker_starts_on_its_own_stretch_then_helps_with_the_rest():
    """Neighbouring items read neighbouring parts of the model: a worker keeps to its own half
    (fewer memory pages copied) until it is done, then takes from the far end of the other."""
    stretches = parallel.Stretches(10, 2, threading.Lock())
    assert [stretches.take(0) for _ in range(5)] == [0, 1, 2, 3, 4]
    assert stretches.take(1) == 5
    assert [stretches.take(0) for _ in range(5)] == [9, 8, 7, 6, None]
    assert stretches.take(1) is None

    def pid(n):
        time.sleep(0.002)
        return os.getpid()

    owners = parallel.run(list(range(40 * parallel.CHUNK)), pid, jobs=2)
    first, second = owners[:20 * parallel.CHUNK], owners[20 * parallel.CHUNK:]
    assert len(set(owners)) == 2
    assert owners[0] != owners[20 * parallel.CHUNK]
    assert first.count(owners[0]) > len(first) // 2
    assert second.count(owners[20 * parallel.CHUNK]) > len(second) // 2


def _fail_on_7(n):
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_unexpected_error_in_a_worker_stops_the_run_with_its_traceback():
    with pytest.raises(RuntimeError, match="ValueError: seven"):
        parallel.run(list(range(200)), _fail_on_7, jobs=2)


def test_a_worker_that_dies_stops_the_run():
    def die(n):
        if n == 100:
            os._exit(3)
        return n

    with pytest.raises(RuntimeError, match="died"):
        parallel.run(list(range(200)), die, jobs=2)


def test_a_run_is_stopped_when_asked_and_its_workers_are_gone():
    """The preview stops a build for a newer save: the workers are killed, not left running."""
    arrived = []

    def slow(n):
        time.sleep(0.01)
        return os.getpid()

    with pytest.raises(Stopped):
        parallel.run(list(range(2000)), slow, jobs=2, keep=lambda pid: arrived.append(pid) or pid,
                     stop=lambda: len(arrived) >= 48)
    assert 48 <= len(arrived) < 2000
    for pid in set(arrived):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_workers_forked_from_a_thread_finish_cleanly():
    """The preview builds in an executor's thread; its workers must not look crashed (exit 1)."""
    def slow_last(n):  # one worker is done and gone while the other still works
        if n == 499:
            time.sleep(0.5)
        return n * n

    with ThreadPoolExecutor(max_workers=1) as executor:  # as the preview runs its builds
        assert executor.submit(parallel.run, list(range(500)), slow_last, 2).result(60) == [n * n for n in range(500)]
