"""Open data (/data/): the JSON files valid against the schemas in schemas/, the CSV files the same
records, the events those the site lists in its horizon, the licence from site.yaml, the same bytes
for the same --now, and the page that explains them in every language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import jsonschema
import pytest

from benn_site.build import build, prepare
from tests.conftest import NOW, ROOT, sample_files, write_site

LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def load(portal, name: str) -> dict:
    return json.loads((portal / "data" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def portal_site():
    return prepare(ROOT, NOW)[1]


@pytest.mark.parametrize("name", ["locations", "events"])
def test_the_json_files_follow_their_schema(portal, name):
    jsonschema.validate(load(portal, name), schema(name), format_checker=jsonschema.FormatChecker())
    jsonschema.Draft202012Validator.check_schema(schema(name))


def test_every_location_is_there_with_the_licence(portal, portal_site):
    data = load(portal, "locations")
    assert data["licence"] == "CC BY 4.0"
    assert [loc["slug"] for loc in data["locations"]] == sorted(loc.slug for loc in portal_site.locations)
    active = {loc["slug"]: loc for loc in data["locations"] if loc["status"] == "active"}
    some = next(iter(active.values()))
    assert some["office_hours_calendar"].endswith(f"/de/locations/{some['slug']}/office-hours.ics")


def test_the_events_are_the_listed_occurrences(portal, portal_site):
    from benn_site.calendar.listings import Listings
    upcoming = Listings.of(portal_site).upcoming
    data = load(portal, "events")
    assert [(e["event"], e["start"][:10]) for e in data["events"]] == [
        (o.event.slug, o.start.astimezone(portal_site.config.tz).date().isoformat()) for o in upcoming]
    series = [e for e in data["events"] if e["rule"]]
    assert series and all(e["rule"].startswith("RRULE:FREQ=") and e["series_start"] for e in series)
    assert all(e["rule"] is None and e["series_start"] is None for e in data["events"] if e not in series)


@pytest.mark.parametrize("name,key", [("locations", "slug"), ("events", "event")])
def test_the_csv_files_hold_the_same_records(portal, name, key):
    text = (portal / "data" / f"{name}.csv").read_bytes().decode("utf-8")
    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    records = load(portal, name)[name]
    assert [row[key] for row in rows] == [record[key] for record in records]
    if name == "events":
        assert [(r["start"], r["rule"]) for r in rows] == [(e["start"], e["rule"] or "") for e in records]


def test_the_page_says_what_is_there_in_every_language(portal):
    for lang in LANGS:
        html = (portal / lang / "open-data" / "index.html").read_text(encoding="utf-8")
        for name in ("locations.json", "locations.csv", "events.json", "events.csv"):
            assert f'href="/data/{name}"' in html
        assert "CC BY 4.0" in html and "https://benn.berlin.example/" in html
        for page in ("locations", "events"):
            listing = (portal / lang / page / "index.html").read_text(encoding="utf-8")
            assert f'href="/{lang}/open-data/"' in listing
    assert "Offene Daten" in (portal / "de" / "open-data" / "index.html").read_text(encoding="utf-8")


def test_the_same_now_gives_the_same_bytes_and_no_licence_is_null(tmp_path):
    root = write_site(tmp_path / "site", sample_files())
    outs = []
    for n in range(2):
        build(root, tmp_path / f"out{n}", NOW)
        outs.append({p.name: p.read_bytes() for p in (tmp_path / f"out{n}" / "data").iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 4
    data = json.loads(outs[0]["locations.json"])
    assert data["licence"] is None
    jsonschema.validate(data, schema("locations"))
    jsonschema.validate(json.loads(outs[0]["events.json"]), schema("events"))
    html = (tmp_path / "out0" / "en" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "Licence" not in html and "Open data" in html
    assert json.loads(outs[0]["events.json"])["horizon"]["from"] == NOW.date().isoformat()
    assert dt.date.fromisoformat(json.loads(outs[0]["events.json"])["horizon"]["until"]) > NOW.date()
