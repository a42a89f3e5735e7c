"""A build stopped at any moment, by SIGKILL or SIGTERM, in any stage: the next build makes byte for
byte what a clean build makes, no process of the stopped build is left, and no side folder stays.

The build runs as `benn-site build` in its own process session; BENN_SITE_STOP_AT makes it send
itself the signal when it passes a named point of its own code (benn_site/faults.py), so the
moment is exact and the code that runs is the code that ships."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benn_site.output.writer import side_folders
from tests.conftest import NOW, ROOT, sample_files, sharded_files, write_site
from tests.integration.test_build import digest

# Spread over the stages: loading files, rendering (results arriving), staging, noting what the
# index must make, moving files into place, Pagefind runs and bundle files, keeping caches.
POINTS = ["loading#1", "loading#5", "loaded", "rendering#1", "rendering#10", "rendering#40", "rendered", "staged",
          "noted", "applying#1", "applying#4", "applying#12", "applied", "indexing#1", "indexing#2", "swapping#1",
          "swapping#4", "indexed", "finished", "remembered", "saved"]
BEFORE_APPLY = POINTS[:POINTS.index("noted") + 1]


def edit(site: Path) -> None:
    """Changes that touch pages in two languages, an event, listings and their search shards."""
    for name, line in (("about.de.md", "Neuer Absatz über die Nachbarschaft.\n"),
                       ("about.en.md", "A new paragraph about the neighbourhood.\n")):
        path = site / "content" / "pages" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n" + line, encoding="utf-8")
    event = site / "content" / "events" / "2026-11-26-cafe.md"
    event.write_text(event.read_text(encoding="utf-8").replace("\n---\n", "\n---\nKuchen und Gespräche.\n", 1),
                     encoding="utf-8")


def run(site: Path, out: Path, stop_at: str | None = None) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != "BENN_SITE_STOP_AT"}
    if stop_at:
        env["BENN_SITE_STOP_AT"] = stop_at
    process = subprocess.Popen([sys.executable, "-m", "benn_site", "build", "--site", str(site), "--out", str(out),
                                "--now", NOW.isoformat(), "--jobs", "2"], cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.communicate(timeout=180)
    return process


def live_members(session: int) -> list[str]:
    """The processes of a session that are alive (not zombies): `pid command`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        command, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        if int(rest[3]) == session and rest[0] != "Z":
            found.append(f"{stat.parent.name} {command}")
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(a site with its first build, the edited site's clean build): built once, copied per case."""
    base = tmp_path_factory.mktemp("interrupted")
    site = write_site(base / "site", {**sample_files(), **sharded_files()})
    first = run(site, base / "out")
    assert first.returncode == 0, first.stderr
    clean = tmp_path_factory.mktemp("clean")
    shutil.copytree(site, clean / "site", ignore=shutil.ignore_patterns(".cache"))
    edit(clean / "site")
    done = run(clean / "site", clean / "out")
    assert done.returncode == 0, done.stderr
    return base, digest(base / "out"), digest(clean / "out")


@pytest.mark.parametrize("signal_name", ["KILL", "TERM"])
@pytest.mark.parametrize("point", POINTS)
def test_a_build_stopped_anywhere_is_made_whole_by_the_next(sites, tmp_path, point, signal_name):
    base, previous, clean = sites
    shutil.copytree(base, tmp_path / "case", symlinks=True)
    site, out = tmp_path / "case" / "site", tmp_path / "case" / "out"
    edit(site)
    stopped = run(site, out, f"{point}:{signal_name}")
    assert stopped.returncode == -getattr(signal, "SIG" + signal_name), (point, stopped.returncode, stopped.stderr)
    deadline = time.monotonic() + 10
    while live_members(stopped.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live_members(stopped.pid) == [], "processes of the stopped build are still running"
    if point in BEFORE_APPLY:
        assert digest(out) == previous, "the output changed before the build put anything in place"
    again = run(site, out)
    assert again.returncode == 0, again.stderr
    assert digest(out) == clean
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".out.")] == []
    assert all(not folder.exists() for folder in side_folders(out))


WORKERS_THEN_WAIT = """
import sys, time
from benn_site.output import parallel
def work(item):
    time.sleep(60)
print("started", flush=True)
parallel.run(list(range(100)), work, jobs=2)
"""

PAGEFIND_THEN_WAIT = """
import sys, time
from pathlib import Path
from benn_site.output import search_index
from benn_site.output.search_index import Shard
temporary = Path(sys.argv[1])
search_index.start(temporary, Shard("de", 0, ("de/index.html",)), temporary, sys.argv[2])
print("started", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("script", [WORKERS_THEN_WAIT, PAGEFIND_THEN_WAIT], ids=["render workers", "pagefind"])
def test_nothing_a_build_started_outlives_it(tmp_path, script):
    """Render workers and Pagefind runs busy for a minute end with the build that started them,
    when it is killed with SIGKILL (no handler of its own runs)."""
    program = tmp_path / "slow-pagefind"
    program.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")  # one process, as Pagefind is
    program.chmod(0o755)
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path), str(program)], cwd=ROOT,
                               start_new_session=True, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 10
    while len(live_members(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(live_members(process.pid)) >= 2, "the children did not start"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while live_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live_members(process.pid) == []
