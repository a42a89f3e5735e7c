"""Incremental builds: random edits, each followed by an incremental build that must be byte for
byte the clean build of the same files, while rendering only part of the site."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from benn_site.build import Builder, build
from benn_site.errors import BuildFailed
from benn_site.rendering.views import Views
from tests.conftest import NOW, sample_files, write_site
from tests.integration.test_build import digest

SECOND_LOCATION = """\
name: {de: Büro Nord, en: North office}
district: Pankow
address: {street: Nordweg 2, postcode: "13187"}
coordinates: {lat: 52.57, lon: 13.41}
office_hours:
  tue: ["09:00-12:00"]
closures:
  - {from: 2026-12-01, until: 2026-12-02, reason: {de: Fortbildung, en: Training}}
"""


def event(title, start, location="mitte", category="cafe", extra=""):
    return (f"---\ntitle: {title}\nstart: {start}\nlocation: {location}\ncategory: {category}\n{extra}---\n"
            f"Beschreibung von {title}.\n")


def richer_site(root):
    files = sample_files({
        "content/locations/nord.yaml": SECOND_LOCATION,
        "content/locations/nord.de.md": "Das Büro im Norden.\n",
        "content/events/2026-11-27-sprachcafe.md": event("Sprachcafé", "2026-11-27 10:00", "nord",
                                                         extra="recurrence: {freq: weekly, until: 2027-01-29}\n"),
        "content/events/2026-11-27-sprachcafe.en.md": "---\ntitle: Language café\n---\nPractise German.\n",
        "content/events/2026-10-01-herbstfest.md": event("Herbstfest", "2026-10-01 15:00"),
        "content/pages/privacy.de.md": "---\ntitle: Datenschutz\norder: 50\n---\nKeine Cookies. [Über uns](about.de.md)\n",
        "content/pages/privacy.en.md": "---\ntitle: Privacy\norder: 50\n---\nNo cookies.\n",
    })
    return write_site(root, files)


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_line(path, start, line):
    """Replace the first line that starts with `start` by `line`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith(start))
    lines[index] = line + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def edits(site):
    """Named edits; each takes a random generator and changes the site's files."""
    pages, events, locations = site / "content" / "pages", site / "content" / "events", site / "content" / "locations"
    templates = site / "templates"

    def page_body(rng):
        append(pages / rng.choice(["about.de.md", "about.en.md", "privacy.de.md", "imprint.de.md"]),
               f"\nAbsatz {rng.randint(0, 10**6)}.\n")

    def page_title(rng):
        replace(pages / "privacy.en.md", "title: ", f"title: {rng.randint(0, 99)} ")

    def new_page(rng):  # in the footer or not (by its order), in every language or not, with a link
        slug = f"extra{rng.randint(0, 3)}"
        only_in = rng.choice(["", "only_in: [de]\n"])
        (pages / f"{slug}.de.md").write_text(f"---\ntitle: Extra {slug}\norder: {rng.randint(1, 99)}\n{only_in}---\n"
                                             f"Neu, siehe [Datenschutz](privacy.ar.md).\n", encoding="utf-8")

    def menu_title(rng):  # a page the menu names
        replace(pages / "about.en.md", "title: ", f"title: {rng.randint(0, 99)} ")

    def page_order(rng):
        set_line(pages / "privacy.de.md", "order:", f"order: {rng.choice([5, 50, 500])}")

    def page_only_in(rng):  # where the menu, the footer and Markdown links lead to it
        path = pages / "privacy.de.md"
        if "only_in:" in path.read_text(encoding="utf-8"):
            replace(path, "only_in: [de, en]\n", "")
        else:
            replace(path, "order:", "only_in: [de, en]\norder:")

    def drop_page(rng):
        for path in pages.glob("extra*.md"):
            path.unlink()

    def event_time(rng):
        path = events / "2026-10-01-herbstfest.md"
        day = rng.choice(["2026-10-01", "2026-11-30", "2026-12-08", "2027-03-01"])
        set_line(path, "start:", f"start: {day} {rng.randint(9, 18)}:00")

    def event_text(rng):
        append(events / "2026-11-27-sprachcafe.en.md", f"\nBring a friend ({rng.randint(0, 99)}).\n")

    def event_title(rng):
        set_line(events / "2026-11-26-cafe.md", "title:", f"title: {{de: Café {rng.randint(0, 99)}, en: Café}}")

    def event_moves(rng):
        path = events / "2026-11-27-sprachcafe.md"
        replace(path, "location: nord", "location: mitte") if "location: nord" in path.read_text(encoding="utf-8") \
            else replace(path, "location: mitte", "location: nord")

    def new_event(rng):
        day = rng.choice(["2026-11-28", "2026-12-03", "2026-09-10"])
        (events / f"{day}-neu.md").write_text(event("Neu", f"{day} 11:00", rng.choice(["mitte", "nord"])),
                                              encoding="utf-8")

    def drop_event(rng):
        for path in events.glob("*-neu.md"):
            path.unlink()

    def cancel(rng):
        path = events / "2026-11-26-cafe.md"
        if "cancelled: true" in path.read_text(encoding="utf-8"):
            replace(path, "cancelled: true\n", "")
        else:
            replace(path, "category: cafe\n", "category: cafe\ncancelled: true\n")

    def location_hours(rng):
        set_line(locations / "nord.yaml", "  tue:", f'  tue: ["0{rng.randint(7, 9)}:00-1{rng.randint(1, 6)}:00"]')

    def location_name(rng):
        set_line(locations / "mitte.yaml", "name:", f"name: Büro Mitte {rng.randint(0, 99)}")

    def location_text(rng):
        append(locations / "nord.de.md", f"\nMehr {rng.randint(0, 99)}.\n")

    def template_page(rng):
        replace(templates / "page.html", "{% block main %}", f"{{% block main %}}<!-- {rng.randint(0, 99)} -->")

    def template_macros(rng):
        replace(templates / "macros.html", "{% macro", f"{{# {rng.randint(0, 99)} #}}{{% macro")

    def catalog(rng):
        path = site / "content" / "ui" / "de.po"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = lines.index('msgid "Events"\n') + 1
        lines[index] = f'msgstr "Termine {rng.randint(0, 9)}"\n'
        path.write_text("".join(lines), encoding="utf-8")

    def site_title(rng):
        set_line(site / "site.yaml", "title:", f"title: {{de: Nachbarschaft {rng.randint(0, 99)}, en: Test}}")

    def translation(rng, path, title, body):
        """A translation file written anew, or deleted."""
        if path.exists() and rng.random() < 0.5:
            path.unlink()
        else:
            path.write_text(f"---\ntitle: {title} {rng.randint(0, 99)}\n---\n{body}\n", encoding="utf-8")

    def page_translation(rng):
        translation(rng, pages / "imprint.en.md", "Imprint", "Who we are.")

    def event_translation(rng):
        translation(rng, events / "2026-11-26-cafe.en.md", "Café", "Coffee and talk.")

    def districts(rng):
        path = site / "content" / "data" / "districts.geojson"
        if path.exists() and rng.random() < 0.3:
            path.unlink()
            return
        west = 13.3 + rng.randint(0, 5) / 100
        ring = [[west, 52.5], [13.45, 52.5], [13.45, 52.58], [west, 52.58], [west, 52.5]]
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"type": "FeatureCollection", "attribution": f"Outlines {rng.randint(0, 9)}",
                                    "features": [{"type": "Feature", "properties": {"name": "Mitte"},
                                                  "geometry": {"type": "Polygon", "coordinates": [ring]}}]}),
                        encoding="utf-8")

    def static_file(rng):
        append(templates / "static" / "site.css", f"\n/* {rng.randint(0, 10**6)} */\n")

    def nothing(rng):
        append(pages / "about.de.md", "")

    return [page_body, page_body, page_title, new_page, drop_page, menu_title, page_order, page_only_in,
            event_time, event_text, event_title, event_moves, new_event, drop_event, cancel, location_hours,
            location_name, location_text, template_page, template_macros, catalog, site_title, page_translation,
            event_translation, districts, static_file, nothing]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_build_incrementally_to_the_bytes_of_a_clean_build(tmp_path, seed):
    rng = random.Random(seed)
    site = richer_site(tmp_path / "site")
    out = tmp_path / "out"
    builder = Builder(site, out)
    first = builder.build(NOW)
    total = first.rendered
    partial = 0
    available = edits(site)
    for step in range(10):
        done = [edit.__name__ for edit in rng.sample(available, rng.randint(1, 2))]
        for edit in available:
            if edit.__name__ in done:
                edit(rng)
        now = NOW + dt.timedelta(hours=rng.choice([0, 0, 0, 5, 30]))
        if rng.random() < 0.25:
            builder = Builder(site, out)  # a new process: fingerprints come from site/.cache
        report = builder.build(now)
        clean = tmp_path / f"clean{step}"
        build(site, clean, now, cache=False)
        assert digest(out) == digest(clean), (seed, step, done)
        partial += report.rendered < total
    assert partial >= 3, "the incremental builds rendered everything every time"


def test_a_body_edit_renders_that_page_in_its_three_languages_and_writes_the_one_that_changed(tmp_path):
    site = richer_site(tmp_path / "site")
    builder = Builder(site, tmp_path / "out")
    builder.build(NOW)
    before = digest(tmp_path / "out")
    append(site / "content" / "pages" / "privacy.en.md", "\nMore.\n")
    report = builder.build(NOW)
    after = digest(tmp_path / "out")
    assert report.rendered == 3
    # and the service worker, whose build id follows every page (readers' saved copies are renewed)
    assert {name for name in after if after[name] != before.get(name) and not name.startswith("pagefind/")} == \
        {"en/privacy/index.html", "sw.js"}


def test_an_edit_that_breaks_the_build_keeps_the_fingerprints_of_the_last_good_one(tmp_path):
    site = richer_site(tmp_path / "site")
    out = tmp_path / "out"
    builder = Builder(site, out)
    builder.build(NOW)
    path = site / "content" / "events" / "2026-10-01-herbstfest.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("location: mitte", "location: nowhere"), encoding="utf-8")
    with pytest.raises(BuildFailed):
        builder.build(NOW)
    path.write_text(good.replace("Herbstfest.", "Herbstfest!"), encoding="utf-8")
    builder.build(NOW)
    build(site, tmp_path / "clean", NOW, cache=False)
    assert digest(out) == digest(tmp_path / "clean")


def test_a_deleted_output_file_is_written_again(tmp_path):
    site = richer_site(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out, NOW)
    (out / "en" / "privacy" / "index.html").unlink()
    report = build(site, out, NOW)
    assert report.rendered == 1
    assert (out / "en" / "privacy" / "index.html").is_file()


def test_a_view_that_reads_something_new_is_rebuilt_when_that_changes(tmp_path, monkeypatch):
    """Nobody declares what a view reads: a location page that starts showing how long the
    privacy page's text is (a field added to its context) is rendered again when that text
    changes, although no menu or listing shows that text."""
    site = richer_site(tmp_path / "site")
    replace(site / "templates" / "location.html", "{% block main %}", "{% block main %}<p id=extra>{{ extra }}</p>")
    shown = Views.view_location

    def view_location(self, route, lang):
        return {**shown(self, route, lang), "extra": f"privacy: {len(self.site.page('privacy').versions[0].body)}"}

    monkeypatch.setattr(Views, "view_location", view_location)
    out = tmp_path / "out"
    builder = Builder(site, out)
    first = builder.build(NOW)
    page = out / "de" / "locations" / "nord" / "index.html"
    before = page.read_text(encoding="utf-8")
    append(site / "content" / "pages" / "privacy.de.md", "Und keine Tracker.\n")
    report = builder.build(NOW)
    clean = tmp_path / "clean"
    build(site, clean, NOW, cache=False)
    assert digest(out) == digest(clean)
    assert page.read_text(encoding="utf-8") != before  # the new length is shown
    assert report.rendered < first.rendered / 2  # the privacy and location pages, not the site


def watched_builder(site, out, monkeypatch):
    """(A builder after its first build, that build's report, the list to which every later
    rendering of a template adds its output's name.)"""
    builder = Builder(site, out, jobs=1)
    first = builder.build(NOW)
    rendered = []
    context = Views.context
    monkeypatch.setattr(Views, "context", lambda self, route: rendered.append(route.output) or context(self, route))
    return builder, first, rendered


def build_as_clean(builder, site, clean):
    """The builder's next build, checked byte for byte against a clean build into `clean`."""
    report = builder.build(NOW)
    build(site, clean, NOW, cache=False)
    assert digest(builder.out) == digest(clean)
    return report


def test_a_new_event_renders_what_shows_events_not_every_page(tmp_path, monkeypatch):
    """Addresses are recorded as they are read (`reads.RecordedRoutes`): a new event is rendered
    with the listings it is in, its location's pages, the home page (its coming dates) and the
    feeds; the other events' pages and the site's other pages are not rendered again."""
    site = richer_site(tmp_path / "site")
    builder, first, rendered = watched_builder(site, tmp_path / "out", monkeypatch)
    (site / "content/events/2026-12-03-neu.md").write_text(event("Neu", "2026-12-03 11:00", "nord"), encoding="utf-8")
    report = build_as_clean(builder, site, tmp_path / "clean")
    assert sorted(name for name in rendered if name.startswith("de/")) == [
        "de/events/2026-12-03-neu/index.html", "de/events/at/nord/index.html", "de/events/category/cafe/index.html",
        "de/events/index.html", "de/index.html", "de/locations/nord/index.html", "de/locations/nord/notice/index.html"]
    assert report.rendered < first.rendered / 2


def test_a_new_page_renders_itself_not_every_page_that_shows_the_menu(tmp_path, monkeypatch):
    """The menu and the footer depend on the pages they show (`Reads.nav_pages`, `footer_pages`),
    a link on whether its page exists and in which languages (`Reads.page_route`): a new page
    outside both is rendered alone (with the sitemap and the editors' pages); a footer page's
    `only_in` renders every page again, whose footer now links elsewhere."""
    site = richer_site(tmp_path / "site")
    append(site / "site.yaml", "footer: [privacy, imprint]\n")
    out = tmp_path / "out"
    builder, first, rendered = watched_builder(site, out, monkeypatch)
    (site / "content/pages/neu.de.md").write_text("---\ntitle: Neu\norder: 1\n---\nNeu.\n", encoding="utf-8")
    build_as_clean(builder, site, tmp_path / "clean")
    assert sorted(name for name in rendered if not name.startswith("editors/")) == [
        "ar/neu/index.html", "de/neu/index.html", "en/neu/index.html"]

    rendered.clear()
    replace(site / "content/pages/privacy.de.md", "order:", "only_in: [de, en]\norder:")
    report = build_as_clean(builder, site, tmp_path / "again")
    assert {"ar/about/index.html", "ar/neu/index.html", "de/index.html"} <= set(rendered)
    assert 'href="/de/privacy/" hreflang="de"' in (out / "ar/about/index.html").read_text(encoding="utf-8")
    assert report.rendered > first.rendered / 2
