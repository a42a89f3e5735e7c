"""What an editor tripped over when following the guide (issue "Editors, second pass"), each
reproduced as the editor did it."""

from __future__ import annotations

import re

from click.testing import CliRunner

from benn_site.build import build, prepare
from benn_site.cli import main
from benn_site.rendering.translations import report
from tests.conftest import NOW, german_preview, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
GERMAN = {**ENGLISH, "LANG": "de_DE.UTF-8"}
EVENT = "content/events/2026-11-26-cafe.md"


def line_of(start: str, path) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def run(*args, env=ENGLISH):
    return CliRunner().invoke(main, list(args), env=env)


# -- 1. a translation with no text -------------------------------------------------------------

def test_a_translation_file_without_text_falls_back_to_the_original_and_is_named(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    assert run("new", "event", "2026-11-26-cafe", "--lang", "ar", "--site", str(site)).exit_code == 0
    file = site / "content/events/2026-11-26-cafe.ar.md"
    text = file.read_text(encoding="utf-8")
    # as the editor did: translate the title, delete the copied German text, publish
    text = text.replace("draft: true\n", "").replace('title: "Nachbarschaftscafé"', "title: مقهى الحي")
    file.write_text(text[:text.index("\n---\n") + 5], encoding="utf-8")

    out = tmp_path / "out"
    result = run("build", "--site", str(site), "--out", str(out), "--now", NOW.isoformat())
    assert result.exit_code == 0, result.output
    assert ("warning: content/events/2026-11-26-cafe.ar.md: the text below the front matter is empty (readers of "
            "'ar' see the original's text there, with a notice; translate it, or to translate only the title, "
            "write it in the original file: title: {de: …, ar: …})") in result.stderr
    page = (out / "ar/events/2026-11-26-cafe/index.html").read_text(encoding="utf-8")
    assert "مقهى الحي" in page
    assert 'class="notice fallback-notice"' in page and "Kaffee und Kuchen." in page

    _, loaded = prepare(site, NOW, drafts=True)
    entries = [(e.status, e.path, e.what) for e in report(loaded).for_language("ar") if "cafe" in e.path]
    assert entries == [("fields", "content/events/2026-11-26-cafe.ar.md",
                        "the text below the front matter is empty: readers see the original's text with a notice; "
                        "translate it")]


def test_an_empty_text_field_in_a_translation_file_falls_back_too(tmp_path):
    event = sample_files()[EVENT].replace("category: cafe\n", "category: cafe\nvenue: Garten\n")
    site = write_site(tmp_path / "site", sample_files({
        EVENT: event,
        "content/events/2026-11-26-cafe.ar.md": "---\ntitle: مقهى الحي\nvenue:\n---\nقهوة وكعك.\n"}))
    _, loaded = prepare(site, NOW)
    assert loaded.events[0].venue.get("ar").text == "Garten" and loaded.events[0].venue.get("ar").fallback
    out = tmp_path / "out"
    result = run("build", "--site", str(site), "--out", str(out), "--now", NOW.isoformat())
    assert "warning: content/events/2026-11-26-cafe.ar.md: venue is empty here" in result.stderr



# -- 2. `new event` leaves the location to the editor ---------------------------------------------

def test_a_new_event_names_no_location_until_the_editor_does(tmp_path):
    site = write_site(tmp_path / "site", sample_files({"content/locations/pankow.yaml": (
        sample_files()["content/locations/mitte.yaml"].replace("Büro Mitte", "Büro Pankow"))}))
    result = run("new", "event", "2026-12-20-kinderkino", "--site", str(site))
    assert result.exit_code == 0, result.output
    path = site / "content/events/2026-12-20-kinderkino.md"
    text = path.read_text(encoding="utf-8")
    assert "\nlocation:\n" in text and "One of: mitte, pankow" in text
    build(site, tmp_path / "out", NOW)  # a draft: the site still builds, without it
    # the preview, and publishing, ask for the location, naming the choices
    for args in (["--drafts"], []):
        if not args:
            path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
        result = run("build", "--site", str(site), "--out", str(tmp_path / "x"), "--now", NOW.isoformat(), *args)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            f"content/events/2026-12-20-kinderkino.md:{line_of('location:', path)}: location: required field is missing (write the file "
            "name of the location, without .yaml; one of: mitte, pankow)")
    german = run("check", "--site", str(site), "--now", NOW.isoformat(), env=GERMAN)
    assert ("location: Pflichtfeld fehlt (schreiben Sie den Namen der Standort-Datei, ohne .yaml; einer von: "
            "mitte, pankow)") in german.stderr


# -- 3. the date in the name, and a second `new` for the same event -------------------------------

def test_a_date_in_front_of_the_name_is_the_events_date(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    assert run("new", "event", "2026-12-20-kinderkino", "--site", str(site)).exit_code == 0
    text = (site / "content/events/2026-12-20-kinderkino.md").read_text(encoding="utf-8")
    assert "\nstart: 2026-12-20 14:00\n" in text and "\nend: 2026-12-20 16:00\n" in text
    wrong = run("new", "event", "2026-12-32-kinderkino", "--site", str(site), "--now", NOW.isoformat())
    assert wrong.exit_code == 1
    assert wrong.stderr.splitlines()[0] == ("2026-12-32-kinderkino: '2026-12-32' is not a date (write the date as "
                                            "year-month-day, e.g. 2026-11-25-kinderkino)")


def test_new_event_without_a_date_says_when_there_is_one_already(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    first = run("new", "event", "laternenumzug", "--site", str(site), "--now", NOW.isoformat())
    assert first.stdout == f"{site.as_posix()}/content/events/2026-12-02-laternenumzug.md\n"
    assert "\nstart: 2026-12-02 14:00\n" in (site / "content/events/2026-12-02-laternenumzug.md").read_text(
        encoding="utf-8")  # the file's name and its start agree
    again = run("new", "event", "laternenumzug", "--site", str(site), "--now", "2026-11-27T10:00:00+01:00")
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr == (
        "content/events/2026-12-02-laternenumzug.md: there is an event 'laternenumzug' already: open this file in "
        "your editor (for another one on another day, put its date in front: .venv/bin/benn-site new event "
        "2026-12-04-laternenumzug)\n")
    assert sorted(p.name for p in (site / "content/events").glob("*laternenumzug*")) == [
        "2026-12-02-laternenumzug.md"]
    assert run("new", "event", "2026-12-09-laternenumzug", "--site", str(site)).exit_code == 0  # on purpose


# -- 4. `example:` explained ----------------------------------------------------------------------

def test_the_shipped_location_files_explain_example_in_german():
    from tests.conftest import ROOT

    for path in sorted((ROOT / "content/locations").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        comments = [line for line in text.splitlines() if line.startswith("#")]
        assert not any(word in line for line in comments for word in (" the ", " is ", " are ")), path.name
        if "\nexample:" in text:
            assert "löschen Sie es aus dieser Liste" in text and "ein Feld, das stimmt, löschen Sie hier" in text


def test_a_corrected_field_removed_from_example_is_no_longer_called_an_example(tmp_path):
    location = sample_files()["content/locations/mitte.yaml"] + "example: [office_hours, phone]\n"
    site = write_site(tmp_path / "site", sample_files({"content/locations/mitte.yaml": location}))
    build(site, tmp_path / "out", NOW)
    page = (tmp_path / "out/de/locations/mitte/index.html").read_text(encoding="utf-8")
    notice = page[page.index('class="notice example-notice"'):].split("</p>")[0]
    assert "Sprechzeiten" in notice and "Telefon" in notice
    (site / "content/locations/mitte.yaml").write_text(location.replace("[office_hours, phone]", "[phone]"),
                                                      encoding="utf-8")
    build(site, tmp_path / "out", NOW)
    page = (tmp_path / "out/de/locations/mitte/index.html").read_text(encoding="utf-8")
    notice = page[page.index('class="notice example-notice"'):].split("</p>")[0]
    assert "Sprechzeiten" not in notice and "Telefon" in notice


# -- 5. a tab does not hide the file's other problems -----------------------------------------------

def test_a_tab_a_wrong_date_and_a_misspelt_location_in_one_run(tmp_path):
    event = "---\ntitle:\n\tde: Laternenumzug\nstart: 2026-11-31 17:00\nlocation: mite\n---\nMit Laternen.\n"
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-30-laterne.md": event}))
    result = run("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW.isoformat())
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/events/2026-11-30-laterne.md:3: indented with a tab (YAML needs spaces: replace the tab with spaces)",
        "content/events/2026-11-30-laterne.md:4: start: '2026-11-31 17:00': this date does not exist (check day and "
        "month: April, June, September and November have 30 days, February 28 (29 in leap years))",
        "content/events/2026-11-30-laterne.md:5: location: unknown location 'mite' (did you mean 'mitte'?)",
        "Found 3 problems; nothing was written.",
    ]


def test_when_the_rest_cannot_be_read_either_more_may_follow(tmp_path):
    event = "---\ntitle: Laternenumzug\nstart: 2026-11-30 17:00\n\tlocation: mitte\n  venue: [Hof\n---\nText.\n"
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-30-laterne.md": event}))
    result = run("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW.isoformat())
    assert result.stderr.splitlines() == [
        "content/events/2026-11-30-laterne.md:4: indented with a tab (YAML needs spaces: replace the tab with "
        "spaces; other problems in this file, if any, are named once it can be read)",
        "Found 1 problem; nothing was written.",
    ]


# -- 6. the `translations` report: one entry per item, nothing past or draft, plain hints -----------

def test_the_translations_report_lists_what_readers_will_see_once_in_plain_words(tmp_path):
    location = sample_files()["content/locations/mitte.yaml"].replace("name: Büro Mitte", "name: BENN Britz") + (
        "closures:\n  - {from: 2026-12-23, until: 2027-01-02, reason: {de: Weihnachtspause, en: Christmas break}}\n")
    past = "---\ntitle: Laternenumzug\nstart: 2026-11-11 17:00\nlocation: mitte\n---\nMit Laternen.\n"
    draft = "---\ndraft: true\ntitle: Kinderkino\nstart: 2026-12-20 15:00\nlocation: mitte\n---\nEin Film.\n"
    site = write_site(tmp_path / "site", sample_files({
        "content/locations/mitte.yaml": location, "content/events/2026-11-11-laterne.md": past,
        "content/events/2026-12-20-kino.md": draft}))
    _, loaded = prepare(site, NOW, drafts=True)
    entries = [(e.status, e.path, e.what) for e in report(loaded).for_language("ar") if "content/pages" not in e.path]
    assert entries == [
        ("missing", "content/events/2026-11-26-cafe.ar.md", "not translated yet: create it with "
         "'.venv/bin/benn-site new event 2026-11-26-cafe --lang ar'"),  # once, though its title has no Arabic either
        ("fields", "content/locations/mitte.yaml", "no text in 'ar' for 'reason' of the closure from 2026-12-23: "
         "write it beside the other language, like reason: {de: …, ar: …}"),  # not the name "BENN Britz"
    ]
    german = run("translations", "--site", str(site), "--lang", "ar",
                 env={**GERMAN, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))})
    assert ("content/locations/mitte.yaml: kein Text in 'ar' für 'reason' der Schließung ab 2026-12-23: schreiben "
            "Sie ihn neben die andere Sprache, so: reason: {de: …, ar: …}") in german.stdout
    assert "laterne" not in german.stdout and "kino" not in german.stdout


# -- 8. the preview says what it re-rendered, and its error page fits a preview ---------------------

def test_the_preview_counts_what_a_save_rendered_and_its_error_page_speaks_of_the_preview(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    preview, printed = german_preview(site, tmp_path / "preview")
    assert preview.rebuild()
    everything = re.fullmatch(r"(\d+) von (\d+) Dateien neu erstellt \((\d+) Seiten\), in [\d.]+ s\.", printed[-1])
    assert everything
    about = site / "content/pages/about.de.md"
    about.write_text(about.read_text(encoding="utf-8").replace("ein Test", "ein Versuch"), encoding="utf-8")
    assert preview.rebuild()
    one = re.fullmatch(r"(\d+) von (\d+) Dateien neu erstellt \((\d+) Seiten\), in [\d.]+ s\.", printed[-1])
    assert one and 0 < int(one.group(1)) < int(everything.group(1)) / 4, printed[-1]

    about.write_text("---\ntitle: Über uns\ncolour: rot\n---\nText.\n", encoding="utf-8")
    assert preview.rebuild() is False
    _, _, body = preview.response("/de/")
    page = body.decode("utf-8")
    assert "Es wurde nichts veröffentlicht" not in page
    assert "Diese Seite lädt sich von selbst neu und zeigt dann Ihre Änderung." in page


# -- 7. German under a German terminal ---------------------------------------------------------------

def german_program(*args):
    """The program as an editor runs it: click reads help texts when the commands are defined,
    so the terminal's language must be set before it starts."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "LANG": "de_DE.UTF-8", "PYTHONPATH": str(ROOT)}
    for key in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(key, None)
    return subprocess.run([sys.executable, "-m", "benn_site", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_help_usage_errors_and_the_summary_in_german(tmp_path):
    help_text = german_program("build", "--help")
    assert help_text.returncode == 0
    lines = help_text.stdout.splitlines()
    assert lines[0] == "Aufruf: python -m benn_site build [OPTIONS]"
    assert "  Erstellt die Website im Ausgabeordner." in lines and "Optionen:" in lines
    assert any(line.split() == ["--drafts", "Entwürfe", "mit", "erstellen."] for line in lines)
    assert "  --help                    Diese Hilfe zeigen und beenden." in lines

    site = write_site(tmp_path / "site", sample_files())
    wrong = german_program("translations", "--site", str(site), "--lang", "fr")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines() == [
        "Aufruf: python -m benn_site translations [OPTIONS]",
        "Hilfe mit 'python -m benn_site translations --help'.",
        "",
        "Fehler: Ungültiger Wert für --lang: 'fr' ist keine dieser Sprachen: de, en, ar"]
    choice = german_program("build", "--format", "xml")
    assert choice.stderr.splitlines()[-1] == (
        "Fehler: Ungültiger Wert für '--format': 'xml' ist keiner von 'plain', 'github'.")

    built = run("build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", NOW.isoformat(), env=GERMAN)
    assert re.fullmatch(r"\d+ Seiten erstellt \(\d+ Dateien: \d+ neu erzeugt, \d+ geschrieben, 0 entfernt\) in "
                        r"[\d.]+ s, in .*out", built.stdout.strip()), built.stdout
