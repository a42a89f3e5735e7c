"""The catalogue of editors' mistakes: each one is reported with file, line, field and what to do,
every message has a German translation, and the previous output stays exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from benn_site.messages import Message, catalog
from tests.conftest import NOW, SAMPLE_EVENT, SAMPLE_LOCATION, SAMPLE_SITE_YAML, sample_files, write_site

EVENT = "content/events/2026-11-26-cafe.md"
LOCATION = "content/locations/mitte.yaml"
PAGE_TEMPLATE = "templates/page.html"


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def event(old: str, new: str) -> dict:
    assert old in SAMPLE_EVENT
    return {EVENT: SAMPLE_EVENT.replace(old, new)}


def page_template(body: str) -> dict:
    return {PAGE_TEMPLATE: "{% extends 'base.html' %}\n{% block main %}\n" + body + "\n{% endblock %}\n"}


# (changes to the sample site, the exact report lines)
CASES = {
    "yaml-syntax-error": (
        {EVENT: "---\ntitle: Treffen: Kochen\nstart: 2026-11-26 14:00\nlocation: mitte\n---\n"},
        ["content/events/2026-11-26-cafe.md:2: a colon ':' where YAML does not expect one (put a text that "
         "contains ': ' in quotes, e.g. title: \"Treffen: Kochen\"; or check that this line is indented like "
         "the one above)"]),
    "yaml-unclosed-quote": (
        event("title: {de: Nachbarschaftscafé, en: Neighbourhood café}", 'title: "Nachbarschaftscafé'),
        ["content/events/2026-11-26-cafe.md:2: a quote opened on this line is never closed "
         "(add the closing quote at the end of the text)"]),
    "tab-indentation": (
        {LOCATION: SAMPLE_LOCATION.replace("  thu:", "\tthu:")},
        ["content/locations/mitte.yaml:8: indented with a tab (YAML needs spaces: replace the tab with spaces)"]),
    "duplicate-key": (
        {LOCATION: SAMPLE_LOCATION + "district: Pankow\n"},
        ["content/locations/mitte.yaml:9: district: this field appears twice; the first is on line 2 "
         "(keep one of them: YAML would silently use only the last one)"]),
    "unknown-field": (
        event("category:", "categroy:"),
        ["content/events/2026-11-26-cafe.md:6: categroy: unknown field (did you mean 'category'?)"]),
    "missing-required-field": (
        event("location: mitte\n", ""),
        ["content/events/2026-11-26-cafe.md:2: location: required field is missing "
         "(write the file name of the location, without .yaml; one of: mitte)"]),
    "wrong-type": (
        {"content/pages/imprint.de.md": "---\ntitle: Impressum\norder: zehn\n---\nx\n"},
        ["content/pages/imprint.de.md:3: order: must be a whole number, not 'zehn' "
         "(write digits only, without quotes, e.g. 10)"]),
    "date-31-april": (
        event("start: 2026-11-26 14:00\nend: 2026-11-26 16:00", "start: 2027-04-31 14:00"),
        ["content/events/2026-11-26-cafe.md:3: start: '2027-04-31 14:00': this date does not exist (check day "
         "and month: April, June, September and November have 30 days, February 28 (29 in leap years))"]),
    "closure-date-31-april": (
        {LOCATION: SAMPLE_LOCATION + "closures:\n  - {from: 2027-04-31, reason: Fortbildung}\n"},
        ["content/locations/mitte.yaml:10: closures[0].from: '2027-04-31' is not a date that exists "
         "(write it as YYYY-MM-DD, e.g. 2026-12-24)"]),
    "time-25-00": (
        event("end: 2026-11-26 16:00", "end: 2026-11-26 25:00"),
        ["content/events/2026-11-26-cafe.md:4: end: '2026-11-26 25:00': this time of day does not exist "
         "(use 00:00 to 23:59; midnight at the end of a day is 00:00 of the next day)"]),
    "office-hours-25-00": (
        {LOCATION: SAMPLE_LOCATION.replace('thu: ["14:00-18:00"]', 'thu: ["14:00-25:00"]')},
        ["content/locations/mitte.yaml:8: office_hours.thu: '14:00-25:00' is not a time of day "
         "(write it like \"10:00-13:00\", in quotes)"]),
    "skipped-dst-hour": (
        event("start: 2026-11-26 14:00\nend: 2026-11-26 16:00", "start: 2027-03-28 02:30"),
        ["content/events/2026-11-26-cafe.md:3: start: '2027-03-28 02:30' does not exist in Europe/Berlin: "
         "the clocks skip that hour when summer time begins (choose a time outside the change, e.g. 03:00)"]),
    "end-before-start": (
        event("end: 2026-11-26 16:00", "end: 2026-11-26 13:00"),
        ["content/events/2026-11-26-cafe.md:4: end: the event ends before it starts (2026-11-26 13:00 is not "
         "after 2026-11-26 14:00) (put the end after the start; an event crossing midnight ends on the next day)"]),
    "unknown-location": (
        event("location: mitte", "location: mite"),
        ["content/events/2026-11-26-cafe.md:5: location: unknown location 'mite' (did you mean 'mitte'?)"]),
    "recurrence-without-occurrence": (
        event("category: cafe", "category: cafe\nrecurrence: {freq: weekly, count: 2, except: [2026-11-26, 2026-12-03]}"),
        ["content/events/2026-11-26-cafe.md:7: recurrence: the rule gives not a single date "
         "(check freq, weekday, nth, until and except)"]),
    "recurrence-until-before-start": (
        event("category: cafe", "category: cafe\nrecurrence: {freq: weekly, until: 2026-11-01}"),
        ["content/events/2026-11-26-cafe.md:7: recurrence.until: 2026-11-01 is before the first date 2026-11-26: "
         "the rule gives no date (set 'until' after 'start')"]),
    "undeclared-page-language": (
        {"content/pages/about.fr.md": "---\ntitle: À propos\n---\n"},
        ["content/pages/about.fr.md: language 'fr' is not declared in site.yaml "
         "(the site's languages are: de, en, ar; or add the language to site.yaml)"]),
    "undeclared-language-close-to-a-declared-one": (
        {"content/pages/about.ara.md": "---\ntitle: x\n---\n"},
        ["content/pages/about.ara.md: language 'ara' is not declared in site.yaml "
         "(did you mean 'ar'? Or add the language to site.yaml)"]),
    "two-files-one-url": (
        {"content/locations/mitte.yml": SAMPLE_LOCATION},
        ["content/locations/mitte.yml: the address /de/locations/mitte/ is claimed by this file and by "
         "content/locations/mitte.yaml (rename one of the two files)"]),
    "page-claims-a-built-in-url": (
        {"content/pages/events.de.md": "---\ntitle: Termine\n---\n"},
        ["content/pages/events.de.md: the address /de/events/ is already the site's own events page "
         "(rename this file)"]),
    "slug-not-url-safe": (
        {"content/pages/Über uns.de.md": "---\ntitle: Über uns\n---\n"},
        ["content/pages/Über uns.de.md: 'Über uns' cannot be part of a web address "
         "(rename the file using only a-z, 0-9 and '-', e.g. ueber-uns.de.md)"]),
    "category-key-leaving-the-output-folder": (
        {"site.yaml": SAMPLE_SITE_YAML + "  ../../etc: {de: Böse}\n"},
        ["site.yaml:12: categories.../../etc: '../../etc' is not a valid key "
         "(use lowercase letters, digits and -)"]),
    "link-to-missing-page": (
        {"content/pages/about.de.md": "---\ntitle: Über uns\n---\nSiehe\n[Kontakt](kontakt.de.md).\n"},
        ["content/pages/about.de.md:5: link: link to 'kontakt.de.md', which does not exist (link to a page's "
         "file, like about.de.md, or to an address of this site, like /de/locations/)"]),
    "template-syntax-error": (
        page_template("<h1>{{ title }</h1>"),
        ["templates/page.html:3: template syntax error: unexpected '}' "
         "(check the {% %} and {{ }} tags on this line)"]),
    "missing-template": (
        {PAGE_TEMPLATE: None},
        ["templates/page.html: template 'page.html' not found "
         "(create templates/page.html: pages of this kind are made with it)"]),
    "missing-included-template": (
        page_template("{% include 'sidebar.html' %}"),
        ["templates/page.html:3: template 'sidebar.html' not found "
         "(create templates/sidebar.html or fix the name in this line)"]),
    "undefined-template-variable": (
        page_template("<h1>{{ titel }}</h1>"),
        ["templates/page.html:3: undefined template variable 'titel' "
         "(check the spelling, or what this page passes to the template)"]),
    "not-utf8": (
        {"content/pages/imprint.de.md": "---\ntitle: Impressum\n---\nStraße\n".encode("latin-1")},
        ["content/pages/imprint.de.md:4: is not saved as UTF-8: a character on this line is in another encoding "
         "(save it again with the encoding UTF-8; in most editors: 'Save as', then 'Encoding: UTF-8')"]),
    "dangling-link": (
        {"content/pages/imprint.de.md": Path("/nonexistent/imprint.de.md")},
        ["content/pages/imprint.de.md: is a link to a file that does not exist "
         "(replace the link with the file itself, or delete it)"]),
    "empty-file": (
        {"content/pages/imprint.de.md": ""},
        ["content/pages/imprint.de.md: the file is empty "
         "(fill it in, or delete it; copying a similar file is a good start)"]),
    "an-event-with-a-bad-date-still-has-its-location-checked": (
        event("start: 2026-11-26 14:00\nend: 2026-11-26 16:00\nlocation: mitte",
              "start: 2027-04-31 14:00\nlocation: mite"),
        ["content/events/2026-11-26-cafe.md:3: start: '2027-04-31 14:00': this date does not exist (check day "
         "and month: April, June, September and November have 30 days, February 28 (29 in leap years))",
         "content/events/2026-11-26-cafe.md:4: location: unknown location 'mite' (did you mean 'mitte'?)"]),
    "several-problems-at-once": (
        {**event("location: mitte", "location: mite"), LOCATION: SAMPLE_LOCATION + "district: Pankow\n",
         "content/pages/imprint.de.md": ""},
        ["content/events/2026-11-26-cafe.md:5: location: unknown location 'mite' (did you mean 'mitte'?)",
         "content/locations/mitte.yaml:9: district: this field appears twice; the first is on line 2 "
         "(keep one of them: YAML would silently use only the last one)",
         "content/pages/imprint.de.md: the file is empty "
         "(fill it in, or delete it; copying a similar file is a good start)"]),
}


def make_site(root: Path, changes: dict) -> Path:
    """The sample site with `changes`: text, bytes, a Path (a symbolic link to it) or None (deleted)."""
    texts = {k: v for k, v in changes.items() if isinstance(v, str) and not k.startswith("templates/")}
    site = write_site(root, sample_files(texts))
    for name, value in changes.items():
        path = site / name
        if value is None:
            path.unlink()
        elif isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, Path):
            path.unlink(missing_ok=True)
            path.symlink_to(value)
        elif name.startswith("templates/"):
            path.write_text(value, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """A good build of the sample site: what output/ holds before the bad edit."""
    root = tmp_path_factory.mktemp("good")
    out = root / "output"
    build(make_site(root / "site", {}), out, NOW)
    return out


def untranslated(value, german) -> list[str]:
    """Message templates (and nested ones) that the German catalog lacks."""
    if not isinstance(value, Message):
        return []
    missing = [] if value.template in german.messages else [value.template]
    for param in value.params.values():
        missing += untranslated(param, german)
    return missing


@pytest.mark.parametrize("changes,expected", CASES.values(), ids=CASES.keys())
def test_mistake_is_reported_and_output_untouched(tmp_path, previous_output, changes, expected):
    site = make_site(tmp_path / "site", changes)
    out = tmp_path / "output"
    shutil.copytree(previous_output, out)
    before = digest(out)
    with pytest.raises(BuildFailed) as info:
        build(site, out, NOW)
    assert [str(error) for error in info.value.errors] == expected
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "site"]  # no staging folder left
    german = catalog("de")
    for error in info.value.errors:
        assert untranslated(error.message, german) + untranslated(error.hint, german) == []
        assert error.text(german) != str(error)


def test_unreadable_file_is_reported(tmp_path, monkeypatch, previous_output):
    site = make_site(tmp_path / "site", {})
    out = tmp_path / "output"
    shutil.copytree(previous_output, out)
    before = digest(out)
    target = site / "content" / "pages" / "imprint.de.md"
    if hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() != 0:
        target.chmod(0)
    else:  # root reads every file: make this one refuse as it would for anyone else
        original = Path.read_bytes

        def read_bytes(self):
            if self == target:
                raise PermissionError(13, "Permission denied")
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(BuildFailed) as info:
        build(site, out, NOW)
    assert [str(e) for e in info.value.errors] == [
        "content/pages/imprint.de.md: cannot be read: Permission denied "
        "(check that the file may be read (its permissions))"]
    assert digest(out) == before


def test_the_writer_refuses_paths_outside_the_output_folder(tmp_path):
    from benn_site.errors import RenderError
    from benn_site.output.writer import Output

    output = Output(tmp_path / "output")
    for name in ("../escape.html", "/etc/passwd", "de/../../escape.html"):
        with pytest.raises(RenderError) as info:
            output.write(name, "x")
        assert str(info.value) == (f"{name}: refusing to write outside the output folder "
                                   "(names must not start with / or contain ..)")
    output.discard()
    assert not (tmp_path / "escape.html").exists()


def test_messages_read_in_german(tmp_path, previous_output):
    site = make_site(tmp_path / "site", CASES["several-problems-at-once"][0])
    with pytest.raises(BuildFailed) as info:
        build(site, tmp_path / "output", NOW)
    assert [e.text(catalog("de")) for e in info.value.errors] == [
        "content/events/2026-11-26-cafe.md:5: location: unbekannter Standort 'mite' (meinten Sie 'mitte'?)",
        "content/locations/mitte.yaml:9: district: dieses Feld steht zweimal da; das erste steht in Zeile 2 "
        "(behalten Sie nur eines: YAML würde stillschweigend nur das letzte verwenden)",
        "content/pages/imprint.de.md: die Datei ist leer "
        "(füllen Sie sie aus oder löschen Sie sie; eine ähnliche Datei zu kopieren ist ein guter Anfang)"]
