"""`build --format plain|github` and `--strict`: how problems and warnings reach editors.

GitHub turns `::error file=…,line=…::` lines into annotations on the changed file; the plain format
is what editors read in a terminal. Warnings (untranslated strings and pages) never stop a build
unless `--strict` is given.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from benn_site.build import build
from benn_site.cli import main
from benn_site.diagnostics import SiteWarning, format_problem
from benn_site.errors import ConfigError, ContentError
from benn_site.messages import catalog
from tests.conftest import NOW, SAMPLE_SITE_YAML, sample_files, write_site
from tests.integration.test_build import digest

BAD_ZONE = SAMPLE_SITE_YAML.replace("default_language: de", "timezone: Mars/Olympus\ndefault_language: de")
ZONE_LINE = BAD_ZONE.splitlines().index("timezone: Mars/Olympus") + 1
COMPLETE_PAGES = {f"content/pages/{slug}.{lang}.md": f"---\ntitle: {slug} {lang}\n---\nText.\n"
                  for slug in ("about", "imprint", "index") for lang in ("de", "en", "ar")}


def run(*args):
    return CliRunner().invoke(main, ["build", "--now", NOW.isoformat(), *args], catch_exceptions=False)


def test_plain_is_the_default_format(tmp_path):
    site = write_site(tmp_path / "site", sample_files({"site.yaml": BAD_ZONE}))
    result = run("--site", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"site.yaml:{ZONE_LINE}: timezone: unknown time zone 'Mars/Olympus' (e.g. Europe/Berlin)",
        "Found 1 problem; nothing was written.",
    ]


def test_github_format_annotates_the_file_and_line(tmp_path, monkeypatch):
    write_site(tmp_path / "repo" / "site", sample_files({"site.yaml": BAD_ZONE}))
    monkeypatch.chdir(tmp_path / "repo")  # CI runs in the repository root; the site may be a folder in it
    result = run("--site", "site", "--out", str(tmp_path / "out"), "--format", "github")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"::error file=site/site.yaml,line={ZONE_LINE},title=timezone::"
        "unknown time zone 'Mars/Olympus' (e.g. Europe/Berlin)",
        "Found 1 problem; nothing was written.",
    ]
    assert not (tmp_path / "out").exists()


def test_github_format_escapes_what_would_end_the_command(tmp_path, monkeypatch):
    (tmp_path / "a,b:c.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problem = ContentError("a,b:c.md", 7, "100% wrong\nsecond line", "title: x, y")
    assert format_problem(problem, "github", "error", tmp_path) == (
        "::error file=a%2Cb%3Ac.md,line=7,title=title%3A x%2C y::100%25 wrong%0Asecond line")


def test_a_problem_without_a_file_is_annotated_without_one(tmp_path):
    problem = ConfigError("site.yaml", None, "file not found", hint="pass --site DIR")
    assert format_problem(problem, "github", "error", tmp_path) == (
        "::error title=site.yaml::site.yaml: file not found (pass --site DIR)")


def set_translations(po: Path, translate) -> list[str]:
    """Rewrite a catalog with msgstr = translate(msgid) (None empties it); the msgids emptied."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    emptied = []
    for message in catalog:
        if message.id:
            message.string = translate(message.id)
            if not message.string:
                emptied.append(message.id)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return emptied


def test_warnings_name_the_untranslated_strings_and_pages(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    used = ["Skip to content", "Main menu", "Languages", "Office hours"]  # on every page or a location's
    set_translations(site / "content/ui/ar.po", lambda msgid: None if msgid in used else msgid)
    report = build(site, tmp_path / "out", NOW)
    by_path = {w.path: w for w in report.warnings}
    assert all(isinstance(w, SiteWarning) for w in report.warnings)
    assert "content/ui/de.po" not in by_path
    ar = by_path["content/ui/ar.po"]
    assert ar.message == ("4 interface strings are not translated into 'ar': 'Languages', 'Main menu', "
                          "'Office hours' and 1 more")
    lines = (site / "content/ui/ar.po").read_text(encoding="utf-8").splitlines()
    assert lines[ar.line - 1] == 'msgid "Languages"'
    assert str(by_path["content/pages/imprint.de.md"]) == (
        "content/pages/imprint.de.md: not translated into en, ar (add imprint.en.md, imprint.ar.md; "
        "until then readers of those languages see this text with a notice)")
    assert str(by_path["content/pages/about.de.md"]).startswith(
        "content/pages/about.de.md: not translated into ar (add about.ar.md;")
    german = catalog("de")
    assert by_path["content/ui/ar.po"].text(german) == (
        "content/ui/ar.po:%d: 4 Oberflächentexte sind nicht in 'ar' übersetzt: 'Languages', 'Main menu', "
        "'Office hours' und 1 weitere (füllen Sie ihre msgstr-Zeilen aus; bis dahin sehen Leserinnen und "
        "Leser den Text der Hauptsprache)" % ar.line)
    assert by_path["content/pages/imprint.de.md"].text(german) == (
        "content/pages/imprint.de.md: nicht übersetzt in: en, ar (legen Sie imprint.en.md, imprint.ar.md an; "
        "bis dahin sehen Leserinnen und Leser dieser Sprachen diesen Text mit einem Hinweis)")


def test_english_needs_no_catalog_entries(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    set_translations(site / "content/ui/en.po", lambda msgid: None)
    report = build(site, tmp_path / "out", NOW)
    assert not [w for w in report.warnings if w.path.startswith("content/ui/")]


def test_warnings_are_printed_and_the_build_succeeds(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    result = run("--site", str(site), "--out", str(tmp_path / "out"), "--format", "github")
    assert result.exit_code == 0
    annotations = [line for line in result.stderr.splitlines() if line.startswith("::warning ")]
    assert any(line.startswith("::warning file=") and ",title=translation missing::" in line
               and "imprint.de.md" in line and "not translated into en, ar" in line for line in annotations)
    assert (tmp_path / "out" / "de" / "index.html").is_file()


def test_strict_turns_warnings_into_errors_and_writes_nothing(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    before = digest(out)
    result = run("--site", str(site), "--out", str(out), "--strict")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert "content/pages/about.de.md: not translated into ar" in errors[0]
    assert not any(line.startswith("warning:") for line in errors)
    assert errors[-1] == f"Found {len(errors) - 1} problems; nothing was written."
    assert digest(out) == before


def test_strict_passes_when_every_language_is_complete(tmp_path):
    site = write_site(tmp_path / "site", sample_files(COMPLETE_PAGES), templates=True)
    for lang in ("de", "ar"):  # complete, whatever the shipped catalogs hold today
        set_translations(site / "content" / "ui" / f"{lang}.po", lambda msgid: msgid)
    result = run("--site", str(site), "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
