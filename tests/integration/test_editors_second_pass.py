"""What an editor tripped over when following the guide (issue "Editors, second pass"), each
reproduced as the editor did it."""

from __future__ import annotations

from click.testing import CliRunner

from benn_site.build import prepare
from benn_site.cli import main
from benn_site.rendering.translations import report
from tests.conftest import NOW, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
GERMAN = {**ENGLISH, "LANG": "de_DE.UTF-8"}
EVENT = "content/events/2026-11-26-cafe.md"


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

