"""What a newcomer following the editors' guide still tripped over after the second pass, each
reproduced as they did it."""

from __future__ import annotations

from click.testing import CliRunner

from benn_site.build import build, prepare
from benn_site.cli import main
from benn_site.rendering.translations import report
from tests.conftest import NOW, german_preview, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
GERMAN = {**ENGLISH, "LANG": "de_DE.UTF-8"}
LOCATION = "content/locations/mitte.yaml"
CLOSURE = "closures:\n  - {from: 2026-11-23, until: 2026-11-30, reason: {de: Weihnachtspause, en: Christmas break}}\n"


def test_a_closure_reason_in_german_only_is_marked_german_on_the_arabic_page(tmp_path):
    site = write_site(tmp_path / "site", sample_files({LOCATION: sample_files()[LOCATION] + CLOSURE}))
    build(site, tmp_path / "out", NOW)
    arabic = (tmp_path / "out/ar/locations/mitte/index.html").read_text(encoding="utf-8")
    english = (tmp_path / "out/en/locations/mitte/index.html").read_text(encoding="utf-8")
    # in the week's table (closed on Monday and Thursday) and in the list of closures
    assert arabic.count('<span lang="de" dir="ltr">Weihnachtspause</span>') == 3
    assert english.count("Christmas break") == 3 and "Weihnachtspause" not in english


def test_a_field_indented_where_a_tab_was_is_named_as_such(tmp_path):
    event = sample_files()["content/events/2026-11-26-cafe.md"].replace("category: cafe\n", "venue:\n  category: cafe\n")
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-26-cafe.md": event}))
    result = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat()], env=GERMAN)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/events/2026-11-26-cafe.md:7: venue.category: 'category' ist unter 'venue' eingerückt und wird "
        "deshalb als Sprache von venue gelesen (ist 'category' ein eigenes Feld, beginnen Sie seine Zeile ohne "
        "Leerzeichen davor, wie 'venue:')",
        "1 Problem gefunden.",
    ]
    # a language code that is not the site's is still a language
    event = event.replace("venue:\n  category: cafe\n", "category: cafe\nvenue: {de: Hof, fr: Cour}\n")
    site = write_site(tmp_path / "other", sample_files({"content/events/2026-11-26-cafe.md": event}))
    result = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat()], env=ENGLISH)
    assert result.stderr.splitlines()[0] == (
        "content/events/2026-11-26-cafe.md:7: venue.fr: language 'fr' is not declared in site.yaml "
        "(the site's languages are: de, en, ar)")


def test_two_fields_without_a_translation_get_one_plain_hint_for_both(tmp_path):
    location = sample_files()[LOCATION] + CLOSURE + "accessibility: {step_free: true, note: {de: Rampe, en: Ramp}}\n"
    site = write_site(tmp_path / "site", sample_files({LOCATION: location}))
    _, loaded = prepare(site, NOW)
    whats = [e.what for e in report(loaded).for_language("ar") if e.path == LOCATION]
    assert whats == ["no text in 'ar' for 'note' under 'accessibility', 'reason' of the closure from 2026-11-23: "
                     "in each, write it beside the other language, like note: {de: …, ar: …}"]


def test_the_preview_names_the_saved_file_and_says_when_every_problem_is_fixed(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    preview, printed = german_preview(site, tmp_path / "preview")
    assert preview.rebuild()
    about = site / "content/pages/about.de.md"
    about.write_text("---\ntitle: Über uns\ncolour: rot\n---\nText.\n", encoding="utf-8")
    preview.noticed({(2, str(about.resolve()))})
    assert printed[-1] == "Geändert: content/pages/about.de.md"
    assert preview.rebuild() is False
    about.write_text("---\ntitle: Über uns\n---\nText.\n", encoding="utf-8")
    many = {(2, str((site / f"content/pages/p{n}.de.md").resolve())) for n in range(5)}
    preview.noticed(many)
    assert printed[-1] == ("Geändert: content/pages/p0.de.md, content/pages/p1.de.md, content/pages/p2.de.md "
                           "und 2 weitere")
    assert preview.rebuild()
    assert printed[-2] == "Alle Probleme sind behoben."
    assert printed[-1].startswith(("1 von ", "2 von ", "3 von ", "4 von "))  # the page in its languages
    assert preview.rebuild() and "Alle Probleme sind behoben." not in printed[-2:]


def test_an_event_whose_start_left_its_file_name_behind_is_warned_about(tmp_path):
    moved = sample_files()["content/events/2026-11-26-cafe.md"].replace("2026-11-26 14:00", "2026-11-27 14:00").replace(
        "2026-11-26 16:00", "2026-11-27 16:00")
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-26-cafe.md": moved}))
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "out"),
                                       "--now", NOW.isoformat()], env=GERMAN)
    assert result.exit_code == 0
    assert ("Warnung: content/events/2026-11-26-cafe.md:3: start: der Dateiname nennt den 2026-11-26, die "
            "Veranstaltung beginnt aber am 2026-11-27 (berichtigen Sie start oder benennen Sie die Datei um in "
            "2026-11-27-cafe.md)") in result.stderr.splitlines()
    same = CliRunner().invoke(main, ["build", "--site", str(write_site(tmp_path / "same", sample_files())),
                                     "--out", str(tmp_path / "out2"), "--now", NOW.isoformat()], env=ENGLISH)
    assert "file's name" not in same.stderr
