"""`benn-site changes`: what a pull or merge request does to the site, as the Markdown CI shows
(the job summary on GitHub, the job log on GitLab); two sample sites, before and after."""

from __future__ import annotations

from click.testing import CliRunner

from benn_site.cli import main
from benn_site.editors.changes import changes
from tests.conftest import NOW, SAMPLE_EVENT, SAMPLE_SITE_YAML, sample_files, write_site

TEAM_DE = "---\ntitle: Unser *Team* [neu]\n---\nDas Team.\n"
ABOUT_EN = "---\ntitle: About us\n---\nWe are a test, changed.\n"
SAMPLE_EVENT_AT_NOWHERE = SAMPLE_EVENT.replace("location: mitte", "location: mite")
ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def sites(tmp_path, changed: dict, before: dict | None = None):
    base = write_site(tmp_path / "base", sample_files(before))
    site = write_site(tmp_path / "site", sample_files(changed))
    return site, base


def test_added_changed_and_removed_pages_per_language_with_their_addresses_and_new_warnings(tmp_path):
    site, base = sites(tmp_path, {"content/pages/team.de.md": TEAM_DE, "content/pages/about.en.md": ABOUT_EN,
                                  "content/pages/imprint.de.md": None})
    assert changes(site, base, NOW, "https://org.github.io/benn-portal/") == """\
## Was diese Änderung an der Website ändert

### Deutsch (de)

- neu: Unser \\*Team\\* \\[neu\\] – https://org.github.io/benn-portal/de/team/ (`content/pages/team.de.md`)
- entfernt: Impressum – https://org.github.io/benn-portal/de/imprint/ (`content/pages/imprint.de.md`)

### English (en)

- neu: Unser \\*Team\\* \\[neu\\] – https://org.github.io/benn-portal/en/team/ (`content/pages/team.de.md`)
- geändert: About us – https://org.github.io/benn-portal/en/about/ (`content/pages/about.en.md`)
- entfernt: Impressum – https://org.github.io/benn-portal/en/imprint/ (`content/pages/imprint.de.md`)

### العربية (ar)

- neu: Unser \\*Team\\* \\[neu\\] – https://org.github.io/benn-portal/ar/team/ (`content/pages/team.de.md`)
- entfernt: Impressum – https://org.github.io/benn-portal/ar/imprint/ (`content/pages/imprint.de.md`)

### Neue Warnungen

- content/pages/team.de.md: nicht übersetzt in: en, ar (legen Sie team.en.md, team.ar.md an; bis dahin sehen \
Leserinnen und Leser dieser Sprachen diesen Text mit einem Hinweis)
"""


EVENT = """\
---
title: {de: Pflanztag, en: Planting day}
start: 2026-12-05 10:00
end: 2026-12-05 13:00
location: mitte
---
Wir pflanzen.
"""
LOCATION_AR = "---\ntitle: مكتب ميته\n---\nنص عن المكتب.\n"


def test_an_event_added_a_location_translated_and_a_site_wide_file_in_english(tmp_path):
    """A site whose default language has no editors' catalog gets the summary in English; a
    translation file changes only its language's page; site.yaml is named as a file that can
    change every page."""
    english = SAMPLE_SITE_YAML.replace("default_language: de", "default_language: en")
    site, base = sites(tmp_path, {"site.yaml": english + "tagline: Test\n", "content/events/2026-12-05-pflanztag.md": EVENT,
                                  "content/locations/mitte.ar.md": LOCATION_AR}, {"site.yaml": english})
    assert changes(site, base, NOW) == """\
## What this change does to the site

### Deutsch (de)

- added: Pflanztag – https://test.example/de/events/2026-12-05-pflanztag/ (`content/events/2026-12-05-pflanztag.md`)

### English (en)

- added: Planting day – https://test.example/en/events/2026-12-05-pflanztag/ (`content/events/2026-12-05-pflanztag.md`)

### العربية (ar)

- added: Planting day – https://test.example/ar/events/2026-12-05-pflanztag/ (`content/events/2026-12-05-pflanztag.md`)
- changed: Büro Mitte – https://test.example/ar/locations/mitte/ (`content/locations/mitte.ar.md`)

### Files that can change every page

- changed: `site.yaml`
"""


def test_nothing_changed_and_a_target_branch_with_problems(tmp_path):
    site, base = sites(tmp_path, {})
    assert changes(site, base, NOW) == """\
## Was diese Änderung an der Website ändert

Keine Seite, kein Standort und keine Veranstaltung wird hinzugefügt, geändert oder entfernt.
"""
    broken = SAMPLE_SITE_YAML.replace("Europe/Berlin", "Mars/Olympus") + "timezone: Mars/Olympus\n"
    site, base = sites(tmp_path / "2", {}, {"site.yaml": broken})
    assert changes(site, base, NOW) == """\
## Was diese Änderung an der Website ändert

Der Ziel-Branch hat selbst Probleme, daher kann diese Änderung nicht mit ihm verglichen werden.
"""


def test_the_command_prints_the_summary_and_fails_on_the_changes_own_problems(tmp_path):
    site, base = sites(tmp_path, {"content/pages/imprint.de.md": None})
    run = CliRunner().invoke(main, ["changes", "--base", str(base), "--site", str(site), "--now", NOW.isoformat()],
                             env=ENGLISH)
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines()[0] == "## Was diese Änderung an der Website ändert"
    assert "- entfernt: Impressum – https://test.example/de/imprint/ (`content/pages/imprint.de.md`)" in run.stdout
    bad = write_site(tmp_path / "bad", sample_files({"content/events/2026-11-26-cafe.md": SAMPLE_EVENT_AT_NOWHERE}))
    run = CliRunner().invoke(main, ["changes", "--base", str(base), "--site", str(bad), "--now", NOW.isoformat()],
                             env=ENGLISH)
    assert run.exit_code == 1
    assert run.stderr == ("content/events/2026-11-26-cafe.md:5: location: unknown location 'mite' (did you mean 'mitte'?)\n"
                          "Found 1 problem; nothing was written.\n")


def test_help_and_the_missing_base_in_german():
    from tests.integration.test_editors_second_pass import german_program

    help_text = german_program("changes", "--help")
    assert help_text.returncode == 0
    assert help_text.stdout.splitlines()[:5] == [
        "Aufruf: python -m benn_site changes [OPTIONS]", "",
        "  Was eine Änderung an der Website ändert, als Markdown: die Seiten, Standorte",
        "  und Veranstaltungen, die sie je Sprache hinzufügt, ändert und entfernt, und", "  ihre neuen Warnungen."]
    assert "Ziel-Branchs).  [erforderlich]" in help_text.stdout
    missing = german_program("changes")
    assert missing.returncode == 2 and missing.stderr.splitlines()[-1] == "Fehler: Es fehlt die Option '--base'."
