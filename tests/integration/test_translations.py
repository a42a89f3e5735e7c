"""Translation status: missing, in progress, outdated (by the recorded hash of the original),
missing text fields; in the terminal and as an unlisted editors' page in the built site."""

from __future__ import annotations

import re

from click.testing import CliRunner

from benn_site.build import build, prepare
from benn_site.cli import main
from benn_site.rendering.translations import REPORT_PATH, report, source_hash
from tests.conftest import NOW, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None,
           "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}  # the sample event is still ahead


def status(site, lang, path):
    _, loaded = prepare(site, NOW, drafts=True)
    return [(e.status, e.what) for e in report(loaded).for_language(lang) if e.path == path]


def translations(site, *args, env=ENGLISH):
    return CliRunner().invoke(main, ["translations", "--site", str(site), *args], env=env)


def test_a_translation_goes_from_missing_to_in_progress_to_current_to_outdated(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    path = "content/pages/about.ar.md"
    assert status(site, "ar", path) == [
        ("missing", "not translated yet: create it with '.venv/bin/benn-site new page about --lang ar'")]

    assert CliRunner().invoke(main, ["new", "page", "about", "--lang", "ar", "--site", str(site)],
                              env=ENGLISH).exit_code == 0
    assert status(site, "ar", path) == [
        ("draft", "a draft: when the translation is done, delete 'draft: true'")]

    file = site / path
    file.write_text(file.read_text(encoding="utf-8").replace("draft: true\n", "")
                    .replace('title: "Über uns"', "title: من نحن"), encoding="utf-8")
    assert status(site, "ar", path) == []  # present and current

    german = site / "content/pages/about.de.md"
    german.write_text(german.read_text(encoding="utf-8").replace("Wir sind ein Test.", "Wir sind zwei Tests."),
                      encoding="utf-8")
    _, loaded = prepare(site, NOW)
    new_hash = source_hash(loaded.page("about").version("de", "de"))
    assert status(site, "ar", path) == [
        ("outdated", "the source has changed since: update the translation, then set "
                     f"'translation_of: {new_hash}'")]
    file.write_text(re.sub(r"translation_of: \w+", f"translation_of: {new_hash}",
                           file.read_text(encoding="utf-8")), encoding="utf-8")
    assert status(site, "ar", path) == []


def test_a_translation_without_a_recorded_hash_cannot_be_judged(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    _, loaded = prepare(site, NOW)
    current = source_hash(loaded.page("about").version("de", "de"))
    assert status(site, "en", "content/pages/about.en.md") == [
        ("unrecorded", "cannot tell whether it is current: when it matches the source, add "
                       f"'translation_of: {current}'")]


def test_missing_text_fields_and_interface_strings_are_listed(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    ui = site / "content/ui/ar.po"
    ui.write_text(ui.read_text(encoding="utf-8") + '\nmsgid "Only in German"\nmsgstr ""\n', encoding="utf-8")
    assert status(site, "ar", "content/locations/mitte.yaml") == []  # a proper name, in no language of its own
    location = site / "content/locations/mitte.yaml"
    location.write_text(location.read_text(encoding="utf-8").replace("name: Büro Mitte",
                                                                     "name: {de: Büro Mitte, en: Mitte office}"),
                        encoding="utf-8")
    assert status(site, "ar", "content/locations/mitte.yaml") == [
        ("fields", "no text in 'ar' for 'name': write it beside the other language, like name: {de: …, ar: …}")]
    assert status(site, "ar", "content/ui/ar.po") == [
        ("fields", "1 interface strings have no translation: fill in their msgstr lines")]
    assert status(site, "en", "content/events/2026-11-26-cafe.md") == []  # the title has English


def test_the_terminal_table_in_both_languages(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    result = translations(site)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Language", "missing", "in", "progress", "outdated", "not", "recorded", "fields",
                                "missing", "up", "to", "date"]
    assert lines[1].split() == ["en", "English", "3", "0", "0", "1", "0", "0"]
    assert lines[2].split() == ["ar", "العربية", "4", "0", "0", "0", "0", "0"]
    assert "  missing       content/pages/imprint.en.md: not translated yet: create it with " \
           "'.venv/bin/benn-site new page imprint --lang en'" in lines
    german = translations(site, "--lang", "ar", env={**ENGLISH, "LANG": "de_DE.UTF-8"})
    assert german.stdout.splitlines()[0].split()[:3] == ["Sprache", "fehlt", "in"]
    assert len(german.stdout.splitlines()[1:2]) == 1 and german.stdout.splitlines()[1].startswith("ar العربية")
    line = next(x for x in german.stdout.splitlines() if "content/pages/about.ar.md" in x)
    assert line.split(None, 1) == ["fehlt", "content/pages/about.ar.md: noch nicht übersetzt: legen Sie die "
                                            "Übersetzung an mit '.venv/bin/benn-site new page about --lang ar'"]
    assert translations(site, "--lang", "fr").exit_code == 2


def test_the_editors_page_is_built_but_not_listed(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW)
    page = (out / REPORT_PATH).read_text(encoding="utf-8")
    assert page.startswith('<!doctype html>\n<html lang="de" dir="ltr">')
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "<h1>Stand der Übersetzungen</h1>" in page
    assert "<code>content/pages/imprint.en.md</code>" in page
    assert "editors/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    # not in the search index: Pagefind skips the whole page
    assert '<body data-pagefind-ignore="all">' in page and "data-pagefind-body" not in page
    for other in out.rglob("*.html"):
        if other != out / REPORT_PATH:
            assert "editors/translations" not in other.read_text(encoding="utf-8"), other
