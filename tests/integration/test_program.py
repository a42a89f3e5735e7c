"""The program as CI and editors run it: `python -m benn_site` in its own process, which leaves
without the interpreter's teardown (`cli.run`). Everything it prints must still arrive, and its
exit code must still say what happened."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SAMPLE_EVENT, sample_files, write_site

NOW = "2026-11-25T10:00:00+01:00"


def program(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "benn_site", *args], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "en_GB.UTF-8"})


def test_a_good_build_says_so_and_exits_0(tmp_path):
    site = write_site(tmp_path, sample_files())
    result = program("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built ") and result.stdout.endswith(f"into {tmp_path / 'out'}\n")
    assert (tmp_path / "out" / "de" / "index.html").is_file()


def test_timings_list_each_stage_with_the_search_index_counted_in_its_own(tmp_path):
    site = write_site(tmp_path, sample_files())
    first, again = (program("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW, "--timings")
                    for _ in range(2))
    tables = []
    for result in (first, again):
        assert result.returncode == 0, result.stderr
        built, header, *rows = result.stdout.splitlines()
        assert built.startswith("Built ") and header.split() == ["stage", "wall", "s", "CPU", "s"]
        table = {name.strip(): (float(wall), float(cpu)) for name, wall, cpu in
                 (row.rsplit(None, 2) for row in rows)}
        assert list(table) == ["load and check", "render", "put in place", "search index", "keep caches", "total"]
        total = table.pop("total")  # the sum of the stages, each rounded to 0.01 s
        assert abs(sum(wall for wall, _ in table.values()) - total[0]) < 0.04
        assert abs(sum(cpu for _, cpu in table.values()) - total[1]) < 0.04
        tables.append(table)
    # Pagefind runs as child processes: their CPU time is the index stage's. The second build
    # changed no page, so it made no shard.
    assert tables[0]["search index"][1] > 0.05
    assert tables[1]["search index"][1] < tables[0]["search index"][1] / 5


def test_a_failed_build_prints_every_problem_and_exits_1(tmp_path):
    site = write_site(tmp_path, sample_files({"content/events/2026-11-26-cafe.md":
                                              SAMPLE_EVENT.replace("location: mitte", "location: mite")}))
    result = program("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/events/2026-11-26-cafe.md:5: location: unknown location 'mite' (did you mean 'mitte'?)",
        "Found 1 problem; nothing was written.",
    ]
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2_and_help_exits_0():
    wrong = program("nosuch")
    assert wrong.returncode == 2
    assert "No such command 'nosuch'" in wrong.stderr
    helped = program("--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("Usage: python -m benn_site [OPTIONS] COMMAND [ARGS]...")
