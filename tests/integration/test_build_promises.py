"""What a build promises besides surviving a stop (test_interruptions.py): a failing write keeps the
previous output, one writer per output, links cannot lead out of the site, the preview leaves no
process behind, and a time that happens twice is named."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from benn_site.build import build
from benn_site.cli import main
from benn_site.errors import BuildFailed
from benn_site.output import render_all, writer
from tests.conftest import NOW, ROOT, SAMPLE_EVENT, sample_files, write_site
from tests.integration.test_build import digest
from tests.integration.test_interruptions import edit, live_members


def cli(*args):
    return CliRunner().invoke(main, ["build", "--now", NOW.isoformat(), *args], catch_exceptions=False)


# -- a failing write ----------------------------------------------------------------------------

def no_space(at: int, real):
    """`real`, failing with ENOSPC at its call number `at`, as a disk that is full just then."""
    calls = []

    def call(*args, **kwargs):
        calls.append(args)
        if len(calls) == at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[-1]))
        return real(*args, **kwargs)
    return call


@pytest.fixture
def built(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    edit(site)
    return site, out, digest(out)


def test_a_disk_that_fills_while_pages_are_staged_keeps_the_previous_output(built, monkeypatch):
    site, out, before = built
    monkeypatch.setattr(render_all, "stage_file", no_space(3, render_all.stage_file))
    with pytest.raises(BuildFailed) as failed:
        build(site, out, NOW, jobs=1)
    assert "cannot be written: No space left on device" in str(failed.value.errors[0])
    assert digest(out) == before
    assert not any(folder.exists() for folder in writer.side_folders(out))


def test_a_disk_that_fills_while_files_move_in_keeps_the_previous_output(built, monkeypatch):
    site, out, before = built
    fake_os = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    fake_os.replace = no_space(4, os.replace)  # three files move in, the fourth fails
    monkeypatch.setattr(writer, "os", fake_os)
    with pytest.raises(BuildFailed) as failed:
        build(site, out, NOW, jobs=1)
    assert re.fullmatch(r".*: cannot be written: No space left on device \(free some space or allow writing there; "
                        r"the previous output is unchanged\)", str(failed.value.errors[0]))
    monkeypatch.undo()
    assert digest(out) == before
    assert build(site, out, NOW).pages  # and the next build goes through


def test_the_command_line_reports_a_full_disk_in_one_line(built, monkeypatch):
    site, out, before = built
    monkeypatch.setattr(render_all, "stage_file", no_space(1, render_all.stage_file))
    result = cli("--site", str(site), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert "cannot be written: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(out) == before


# -- one writer per output ------------------------------------------------------------------------

def test_a_second_build_into_the_same_output_waits_for_the_first(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    env = {**os.environ, "BENN_SITE_STOP_AT": "rendered:STOP"}  # the first pauses while it holds the output
    command = [sys.executable, "-m", "benn_site", "build", "--site", str(site), "--out", str(out),
               "--now", NOW.isoformat()]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not Path(f"/proc/{first.pid}/stat").read_text().split(") ")[1].startswith("T"):
        assert time.monotonic() < deadline, "the first build did not reach the point"
        time.sleep(0.05)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waiting = second.stderr.readline()
    assert f"(process {first.pid}) is writing into {out}; waiting" in waiting
    assert second.poll() is None
    first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    assert second.wait(timeout=120) == 0, second.stderr.read()
    clean = tmp_path / "clean"
    build(site, clean, NOW, cache=False)
    assert digest(out) == digest(clean)


# -- links out of the site ------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["content/pages/secret.de.md", "templates/page.html", "templates/static/key.txt",
                                   "content/events"])
def test_a_link_that_leads_out_of_the_site_is_refused_and_nothing_is_written(tmp_path, where):
    site = write_site(tmp_path / "site", sample_files())
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("---\ntitle: Geheim\n---\nDas Passwort.\n", encoding="utf-8")
    link = site / where
    if link.is_dir():
        (outside / "events").mkdir()
        link = link / "2026-12-01-x.md"
    if link.exists():
        link.unlink()
    link.symlink_to(outside / "secret.txt")
    result = cli("--site", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{link.relative_to(site).as_posix()}: links to a file outside the site ({outside / 'secret.txt'}) "
        "(copy the file into the site instead of linking to it)")
    assert not (tmp_path / "out").exists()


def test_links_inside_the_site_work_and_the_site_may_be_a_link(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    (site / "content" / "shared").mkdir()
    (site / "content" / "shared" / "team.de.md").write_text("---\ntitle: Team\n---\nWir.\n", encoding="utf-8")
    (site / "content" / "pages" / "team.de.md").symlink_to(site / "content" / "shared" / "team.de.md")
    (site / "content" / "pages" / "loop").symlink_to(site / "content")  # a folder link that points above
    alias = tmp_path / "alias"
    alias.symlink_to(site)
    result = cli("--site", str(alias), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "Wir." in (tmp_path / "out" / "de" / "team" / "index.html").read_text(encoding="utf-8")


# -- the preview leaves nothing behind ------------------------------------------------------------

@pytest.mark.parametrize("signal_name", ["TERM", "INT", "KILL"])
def test_the_preview_stopped_by_a_signal_leaves_no_process(tmp_path, signal_name):
    site = write_site(tmp_path / "site", sample_files())
    preview = subprocess.Popen([sys.executable, "-m", "benn_site", "serve", "--site", str(site), "--port", "0",
                                "--now", NOW.isoformat()], cwd=ROOT, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in preview.stdout:
        if re.search(r"http://127\.0\.0\.1:\d+/", line):
            break
    (site / "content" / "pages" / "about.de.md").write_text("---\ntitle: Über uns\n---\nNeu.\n", encoding="utf-8")
    time.sleep(0.3)  # a rebuild with its workers is under way
    preview.send_signal(getattr(signal, "SIG" + signal_name))
    preview.wait(timeout=60)
    deadline = time.monotonic() + 10
    while live_members(preview.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live_members(preview.pid) == []


# -- a time that happens twice --------------------------------------------------------------------

def test_a_time_in_the_hour_that_happens_twice_is_named_with_the_other_choice(tmp_path):
    event = SAMPLE_EVENT.replace("start: 2026-11-26 14:00", "start: 2027-10-31 02:30").replace(
        "end: 2026-11-26 16:00", "end: 2027-10-31 04:00")
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-26-cafe.md": event}))
    result = cli("--site", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert ("warning: content/events/2026-11-26-cafe.md:3: start: '2027-10-31 02:30' happens twice in Europe/Berlin "
            "(the clocks go back): the first, 2027-10-31 02:30+02:00, is used "
            "(for the second, write 2027-10-31 02:30+01:00)") in result.stderr.splitlines()
    ics = (tmp_path / "out" / "de" / "events" / "2026-11-26-cafe" / "event.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Berlin:20271031T023000" in ics
    chosen = event.replace("start: 2027-10-31 02:30", "start: 2027-10-31 02:30+01:00")
    (site / "content" / "events" / "2026-11-26-cafe.md").write_text(chosen, encoding="utf-8")
    result = cli("--site", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "happens twice" not in result.stderr
