"""The command line on bad input: every problem on stderr in the editor's language, exit 1, no
traceback, and the previous output left as it was."""

from __future__ import annotations

import hashlib

from click.testing import CliRunner

from benn_site.cli import main
from tests.conftest import SAMPLE_EVENT, SAMPLE_LOCATION, sample_files, write_site

NOW = "2026-11-25T10:00:00+01:00"


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def broken_site(root):
    site = write_site(root, sample_files())
    out = root / "output"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW])
    assert result.exit_code == 0, result.output
    (site / "content/events/2026-11-26-cafe.md").write_text(
        SAMPLE_EVENT.replace("location: mitte", "location: mite"), encoding="utf-8")
    (site / "content/locations/mitte.yaml").write_text(SAMPLE_LOCATION + "district: Pankow\n", encoding="utf-8")
    return site, out


def test_build_reports_every_problem_in_english(tmp_path):
    site, out = broken_site(tmp_path)
    before = digest(out)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW],
                                env={"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/events/2026-11-26-cafe.md:5: location: unknown location 'mite' (did you mean 'mitte'?)",
        "content/locations/mitte.yaml:9: district: this field appears twice; the first is on line 2 "
        "(keep one of them: YAML would silently use only the last one)",
        "Found 2 problems; nothing was written.",
    ]
    assert "Traceback" not in result.output
    assert digest(out) == before


def test_build_reports_in_german_when_the_terminal_is_german(tmp_path):
    site, out = broken_site(tmp_path)
    before = digest(out)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW],
                                env={"LANG": "de_DE.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/events/2026-11-26-cafe.md:5: location: unbekannter Standort 'mite' (meinten Sie 'mitte'?)",
        "content/locations/mitte.yaml:9: district: dieses Feld steht zweimal da; das erste steht in Zeile 2 "
        "(behalten Sie nur eines: YAML würde stillschweigend nur das letzte verwenden)",
        "2 Probleme gefunden; es wurde nichts geschrieben.",
    ]
    assert digest(out) == before


def test_missing_site_folder_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path), "--now", NOW],
                                env={"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"site.yaml: file not found (is '{tmp_path}' a site folder? Go to the folder with site.yaml, "
        "or give it with --site FOLDER)",
        "Found 1 problem; nothing was written.",
    ]
