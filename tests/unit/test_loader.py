"""loader.py: pages grouped by language, event translation files merged, every problem collected."""

from __future__ import annotations

import datetime as dt

import pytest

from benn_site.config import load_config
from benn_site.content.loader import load_site
from benn_site.errors import BuildFailed
from tests.conftest import NOW, sample_files, write_site

EVENT_AR = """\
---
title: مقهى الحي
venue: الحديقة
---
قهوة وكعك.
"""


def load(tmp_path, changes=None, drafts=False):
    root = write_site(tmp_path / "site", sample_files(changes))
    return load_site(load_config(root), NOW, drafts)


def problems(tmp_path, changes) -> list[str]:
    with pytest.raises(BuildFailed) as info:
        load(tmp_path, changes)
    return str(info.value).splitlines()


def test_pages_are_grouped_by_slug_with_versions_in_language_order(tmp_path):
    site = load(tmp_path, {"content/pages/about.ar.md": "---\ntitle: من نحن\n---\nنص.\n"})
    assert [p.slug for p in site.pages] == ["about", "imprint", "index"]
    about = site.page("about")
    assert [v.lang for v in about.versions] == ["de", "en", "ar"]  # site.yaml's order, not the file names'
    assert about.version("ar", "de").title == "من نحن"
    assert about.version("fa", "de").title == "Über uns"
    assert about.versions[0].source.path == "content/pages/about.de.md"
    assert about.versions[0].source.line == 4  # the body's first line
    assert site.page("imprint").order == 90
    assert about.order == 100


def test_drafts_stay_out_unless_asked_for(tmp_path):
    changes = {"content/pages/draft.de.md": "---\ntitle: Entwurf\ndraft: true\n---\nx\n"}
    assert load(tmp_path, changes).page("draft") is None
    assert load(tmp_path / "again", changes, drafts=True).page("draft").draft is True


def test_event_translation_files_are_merged(tmp_path):
    site = load(tmp_path, {"content/events/2026-11-26-cafe.ar.md": EVENT_AR})
    (event,) = site.events
    assert event.slug == "2026-11-26-cafe"
    assert event.title.as_dict() == {"ar": "مقهى الحي", "de": "Nachbarschaftscafé", "en": "Neighbourhood café"}
    assert event.venue.as_dict() == {"ar": "الحديقة"}
    assert [(v.lang, v.body) for v in event.texts] == [("de", "Kaffee und Kuchen.\n"), ("ar", "قهوة وكعك.\n")]
    assert event.start == dt.datetime(2026, 11, 26, 14, 0, tzinfo=site.config.tz)
    assert event.location == "mitte"


def test_a_translation_may_only_hold_text_fields(tmp_path):
    text = "---\ntitle: Café\nstart: 2026-11-27 14:00\n---\n"
    assert problems(tmp_path, {"content/events/2026-11-26-cafe.en.md": text}) == [
        "content/events/2026-11-26-cafe.en.md:3: start: unknown field "
        "(allowed fields: accessibility, cost, description, draft, publish_after, registration, title, translation_of, venue)"]


def test_orphan_translation_is_reported(tmp_path):
    assert problems(tmp_path, {"content/events/2026-12-03-forum.en.md": "---\ntitle: Forum\n---\n",
                               "content/locations/nord.de.md": "Text.\n"}) == [
        "content/events/2026-12-03-forum.en.md: this translation belongs to no file: '2026-12-03-forum.md' "
        "is missing (create content/events/2026-12-03-forum.md or rename this file)",
        "content/locations/nord.de.md: this translation belongs to no file: 'nord.yaml' is missing "
        "(create content/locations/nord.yaml or rename this file)",
    ]


def test_location_texts_are_attached(tmp_path):
    site = load(tmp_path, {"content/locations/mitte.ar.md": "نص أطول.\n"})
    (location,) = site.locations
    assert [(v.lang, v.body, v.source.path) for v in location.texts] == [
        ("ar", "نص أطول.\n", "content/locations/mitte.ar.md")]


def test_default_end_is_two_hours_of_elapsed_time_across_the_clock_change(tmp_path):
    event = "---\ntitle: Nachtcafé\nstart: 2027-03-28 01:30\nlocation: mitte\n---\n"
    (loaded,) = load(tmp_path, {"content/events/2026-11-26-cafe.md": event}).events
    assert loaded.end.isoformat() == "2027-03-28T04:30:00+02:00"
    assert loaded.end.astimezone(dt.timezone.utc) - loaded.start.astimezone(dt.timezone.utc) == dt.timedelta(hours=2)


def test_every_problem_in_every_file_at_once(tmp_path):
    assert problems(tmp_path, {
        "content/pages/contact.md": "---\ntitle: Kontakt\n---\n",
        "content/pages/team.xx.md": "---\ntitle: Team\n---\n",
        "content/pages/faq.de.md": "---\ndescription: Fragen\n---\n",
        "content/pages/help.de.md": "---\ntitle: Hilfe\norder: first\ndraft: ja\n---\n",
        "content/pages/empty.de.md": "",
        "content/locations/sued.yaml": "name: Süd\ndistrict: Neukölln\nphone: 0301234567\nstatus: active\nstaus: x\n",
        "content/events/2026-11-30-x.md": "---\ntitle: X\nstart: 2026-11-31 10:00\nlocation: mitte\n---\n",
        "content/ui/fr.po": 'msgid "Home"\nmsgstr "Accueil"\n',
    }) == [
        "content/events/2026-11-30-x.md:3: start: '2026-11-31 10:00': this date does not exist (check day and month: April, June, September and November have 30 days, February 28 (29 in leap years))",
        "content/locations/sued.yaml:3: phone: must be text in quotes (e.g. phone: \"+49 30 1234567\")",
        "content/locations/sued.yaml:5: staus: unknown field (did you mean 'status'?)",
        "content/pages/contact.md: the file name has no language (name it contact.de.md)",
        "content/pages/empty.de.md: the file is empty (fill it in, or delete it; copying a similar file is a good start)",
        "content/pages/faq.de.md:2: title: required field is missing (add a line 'title: …')",
        "content/pages/help.de.md:3: order: must be a whole number, not 'first' "
        "(write digits only, without quotes, e.g. 10)",
        "content/pages/help.de.md:4: draft: must be true or false, not 'ja' (write true or false, without quotes)",
        "content/pages/team.xx.md: language 'xx' is not declared in site.yaml "
        "(the site's languages are: de, en, ar; or add the language to site.yaml)",
        "content/ui/fr.po: language 'fr' is not declared in site.yaml (rename the file or add the language to site.yaml)",
    ]


def test_catalogs_are_read_per_language(tmp_path):
    site = load(tmp_path)
    catalogs = {c.lang: dict(c.messages) for c in site.catalogs}
    assert sorted(catalogs) == ["ar", "de", "en"]
    assert catalogs["de"]["Office hours"] == "Sprechzeiten"
    assert catalogs["en"]["Office hours"] == "Office hours"  # English msgids stand for themselves


def test_a_site_without_content_folder(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.yaml").write_text(sample_files()["site.yaml"], encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        load_site(load_config(root), NOW)
    assert str(info.value) == ("content: folder not found "
                               "(a site needs content/pages, content/locations, content/events)")


def test_fuzzy_catalog_entries_are_not_used(tmp_path):
    root = write_site(tmp_path / "site", sample_files())
    po = root / "content" / "ui" / "de.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Office hours"', '#, fuzzy\nmsgid "Office hours"'), encoding="utf-8")
    site = load_site(load_config(root), NOW)
    catalogs = {c.lang: dict(c.messages) for c in site.catalogs}
    assert "Office hours" not in catalogs["de"]
    assert catalogs["de"]["Phone"] == "Telefon"
