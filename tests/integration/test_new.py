"""`benn-site new`: a ready file with every field explained, a draft the site builds with at once;
translations of existing files; drafts and publish_after in builds and previews."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from benn_site.build import build, prepare
from benn_site.cli import main
from benn_site.content.event_records import EVENT_FIELDS
from benn_site.content.loader import PAGE_FIELDS
from benn_site.content.location_records import LOCATION_FIELDS
from tests.conftest import NOW, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None,
           "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}  # "today" for a new event's date
GERMAN = {**ENGLISH, "LANG": "de_DE.UTF-8"}
DRAFT_NOTE = "Entwurf: Nur die Vorschau zeigt das."


def new(site, *args, env=ENGLISH):
    return CliRunner().invoke(main, ["new", *args, "--site", str(site)], env=env)


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path / "site", sample_files())


def fields_in(text: str) -> set[str]:
    """Top-level field names written in a file, also the ones in comments ('# recurrence: {…}')."""
    return set(re.findall(r"^(?:# )?([a-z_]+):", text, re.MULTILINE))


@pytest.mark.parametrize("env,notes", [(ENGLISH, "delete the line \"draft: true\""),
                                       (GERMAN, "löschen Sie die Zeile \"draft: true\"")])
@pytest.mark.parametrize("kind,name,expected,fields", [
    ("event", "sprachcafe", "content/events/2026-12-02-sprachcafe.md", EVENT_FIELDS),
    ("location", "pankow", "content/locations/pankow.yaml", LOCATION_FIELDS | {"draft"}),
    ("page", "team", "content/pages/team.de.md", PAGE_FIELDS - {"translation_of"}),
])
def test_a_new_file_has_every_field_and_the_site_still_builds(site, tmp_path, env, notes, kind, name, expected,
                                                               fields):
    result = CliRunner().invoke(main, ["new", kind, name, "--site", str(site)], env=env)
    assert result.exit_code == 0, result.output
    path = site / expected
    assert result.stdout == path.as_posix() + "\n"
    text = path.read_text(encoding="utf-8")
    assert fields <= fields_in(text), sorted(fields - fields_in(text))
    assert "draft: true" in text and notes in text
    if kind == "event":  # the one field left for the editor: the preview asks for it
        assert "\nlocation:\n" in text
        text = text.replace("\nlocation:\n", "\nlocation: mitte\n")
        path.write_text(text, encoding="utf-8")
    # Right after `new` the site builds, with the new item only in the preview, marked as a draft.
    report = build(site, tmp_path / "published", NOW)
    assert report.pages > 10
    preview = build(site, tmp_path / "preview", NOW, drafts=True)
    assert preview.pages > report.pages
    url = {"event": "de/events/2026-12-02-sprachcafe/", "location": "de/locations/pankow/",
           "page": "de/team/"}[kind]
    assert not (tmp_path / "published" / url).exists()
    assert DRAFT_NOTE in (tmp_path / "preview" / url / "index.html").read_text(encoding="utf-8")
    # Deleting the draft line publishes it, as the notes say.
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    build(site, tmp_path / "published", NOW)
    page = (tmp_path / "published" / url / "index.html").read_text(encoding="utf-8")
    assert DRAFT_NOTE not in page


def test_names_that_cannot_be_addresses_are_refused(site):
    for name, suggestion in (("../evil", "evil"), ("Über uns", "ueber-uns"), ("a/b", "a-b")):
        result = new(site, "page", name)
        assert result.exit_code == 1
        assert result.stderr == (f"{name}: '{name}' cannot be part of a web address "
                                 f"(use only a-z, 0-9 and '-', e.g. {suggestion})\n")
    assert sorted(p.name for p in (site / "content" / "pages").iterdir()) == [
        "about.de.md", "about.en.md", "imprint.de.md", "index.de.md"]
    assert not (site.parent / "evil.de.md").exists()


def test_an_existing_file_is_never_overwritten(site):
    before = (site / "content/pages/about.en.md").read_text(encoding="utf-8")
    result = new(site, "page", "about", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr == ("content/pages/about.en.md: this file exists already "
                             "(open it in your editor, or choose another name)\n")
    assert (site / "content/pages/about.en.md").read_text(encoding="utf-8") == before


def test_a_language_the_site_does_not_have_is_refused(site):
    result = new(site, "page", "team", "--lang", "fr")
    assert result.exit_code == 1
    assert result.stderr == ("--lang: language 'fr' is not declared in site.yaml "
                             "(the site's languages are: de, en, ar)\n")


def test_a_translation_starts_from_the_original_and_records_its_hash(site, tmp_path):
    result = new(site, "page", "about", "--lang", "ar")
    assert result.exit_code == 0, result.output
    text = (site / "content/pages/about.ar.md").read_text(encoding="utf-8")
    assert "# The translation into العربية (ar) of content/pages/about.de.md." in text
    assert re.search(r"^translation_of: [0-9a-f]{12}$", text, re.MULTILINE)
    assert 'title: "Über uns"' in text
    assert text.endswith("---\nWir sind ein Test. Siehe [Impressum](imprint.de.md).\n")
    build(site, tmp_path / "out", NOW)  # a draft translation: readers still get the German text
    assert "fallback-notice" in (tmp_path / "out/ar/about/index.html").read_text(encoding="utf-8")


def test_an_event_translation_holds_only_text_fields(site):
    result = new(site, "event", "2026-11-26-cafe", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (site / "content/events/2026-11-26-cafe.en.md").read_text(encoding="utf-8")
    assert fields_in(text) == {"draft", "translation_of", "title", "venue", "cost", "registration",
                               "accessibility"}
    assert 'title: "Neighbourhood café"' in text  # the English title the event already has
    missing = new(site, "event", "2026-11-27-nothing", "--lang", "en")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("content/events/2026-11-27-nothing.md: there is no such event to translate")


def test_publish_after_hides_an_item_until_the_build_instant(site, tmp_path):
    event = site / "content/events/2026-11-26-cafe.md"
    event.write_text(event.read_text(encoding="utf-8").replace("category: cafe", "category: cafe\n"
                                                                "publish_after: 2026-11-26"), encoding="utf-8")
    build(site, tmp_path / "before", NOW)
    assert not (tmp_path / "before/de/events/2026-11-26-cafe").exists()
    build(site, tmp_path / "preview", NOW, drafts=True)
    page = (tmp_path / "preview/de/events/2026-11-26-cafe/index.html").read_text(encoding="utf-8")
    assert "Geplant: wird ab Donnerstag, 26. November 2026 veröffentlicht." in page
    later = NOW.replace(day=26, hour=9)
    build(site, tmp_path / "after", later)
    page = (tmp_path / "after/de/events/2026-11-26-cafe/index.html").read_text(encoding="utf-8")
    assert "Geplant" not in page


def test_an_event_at_a_draft_location_says_so(site, tmp_path):
    location = site / "content/locations/mitte.yaml"
    location.write_text("draft: true\n" + location.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "out"),
                                       "--now", NOW.isoformat()], env=ENGLISH)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "content/events/2026-11-26-cafe.md:5: location: the location 'mitte' is still a draft (publish the "
        "location first (delete 'draft: true' in its file), or make this event a draft too)")
    build(site, tmp_path / "preview", NOW, drafts=True)  # the preview shows both


@pytest.mark.parametrize("env", [ENGLISH, GERMAN])
def test_every_repeat_example_of_a_new_event_works_where_the_notes_say_to_write_it(site, env):
    result = new(site, "event", "kochtreff", env=env)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    text = path.read_text(encoding="utf-8").replace("\nlocation:\n", "\nlocation: mitte\n")
    examples = re.findall(r"^#   [^:{]+:\s+(\{.*\})$", text, re.MULTILINE)
    assert len(examples) == 4
    start = re.search(r"^start: (.*)$", text, re.MULTILINE).group(1)
    for example in examples:
        # The dates of the rule are examples too: a Thursday for the weekly ones (24 December 2026
        # is one), the second Tuesday for the monthly one.
        day = "2026-12-08" if "nth: 2" in example else "2026-12-03"
        path.write_text(text.replace("recurrence:\n", f"recurrence: {example}\n")
                        .replace(f"start: {start}", f"start: {day} 14:00").replace("\nend:", "\n# end:"),
                        encoding="utf-8")
        _, loaded = prepare(site, NOW, drafts=True)
        assert loaded.event(path.stem).recurrence is not None, example


def test_a_new_page_explains_only_in_in_german(site):
    result = new(site, "page", "leicht", env=GERMAN)
    text = (site / "content/pages/leicht.de.md").read_text(encoding="utf-8")
    assert "# only_in: [de]\n" in text and "mit Absicht nicht in allen Sprachen" in text
    assert "freiwillig" not in text and "Pflicht" not in text and result.exit_code == 0


def test_build_leaves_drafts_out_unless_asked_with_drafts(site, tmp_path):
    assert new(site, "page", "team").exit_code == 0
    for flag, present in (([], False), (["--drafts"], True)):
        out = tmp_path / ("drafts" if flag else "published")
        result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW.isoformat(),
                                           *flag], env=ENGLISH)
        assert result.exit_code == 0, result.output
        assert (out / "de/team/index.html").is_file() == present
    assert DRAFT_NOTE in (tmp_path / "drafts/de/team/index.html").read_text(encoding="utf-8")
