"""The overview map in built sites: the shipped portal with district outlines, a site without them."""

from __future__ import annotations

import re

import pytest

from benn_site.build import build, prepare
from benn_site.errors import BuildFailed
from tests.conftest import NOW, ROOT, sample_files, write_site

ATTRIBUTION = "Bezirksgrenzen: Amt für Statistik Berlin-Brandenburg, CC BY 3.0 DE"


def map_svg(html: str) -> str:
    found = re.findall(r'<svg class="overview-map-svg".*?</svg>', html, re.S)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("lang,page", [("de", "index.html"), ("ar", "index.html"), ("de", "locations/index.html"),
                                       ("fa", "locations/index.html")])
def test_one_link_per_active_location_with_coordinates(portal, lang, page):
    _, site = prepare(ROOT, NOW)
    expected = {f"/{lang}/locations/{loc.slug}/" for loc in site.locations if loc.active and loc.coordinates}
    assert len(expected) >= 8
    html = (portal / lang / page).read_text(encoding="utf-8")
    svg = map_svg(html)
    links = re.findall(r'<a href="([^"]+)" aria-label="[^"]+">', svg)
    assert sorted(links) == sorted(expected)
    assert ATTRIBUTION in svg
    assert svg.count("<path ") == 12
    assert "<script" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # the list beside the map names the same locations, in the same (numbered) order
    listed = re.findall(r'<li><a href="([^"]+)">', html.split('<ol class="map-list">', 1)[1].split("</ol>", 1)[0])
    assert listed == links
    assert len(svg.encode()) < 8000


def test_the_note_says_positions_are_approximate_in_each_language(portal):
    assert "Die Positionen auf der Karte sind nur ungefähr" in (portal / "de" / "index.html").read_text(encoding="utf-8")
    assert "المواقع على الخريطة تقريبية" in (portal / "ar" / "index.html").read_text(encoding="utf-8")


def test_a_site_without_outlines_still_gets_markers_and_the_list(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    html = (out / "en" / "index.html").read_text(encoding="utf-8")
    svg = map_svg(html)
    assert re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg) == [("/en/locations/mitte/", "1. Büro Mitte")]
    assert "<path" not in svg and "<rect" in svg and "Bezirksgrenzen" not in svg
    assert '<ol class="map-list">' in html


def test_a_site_without_coordinates_has_no_map(tmp_path):
    location = sample_files()["content/locations/mitte.yaml"].replace("coordinates: {lat: 52.53, lon: 13.38}\n", "")
    site = write_site(tmp_path / "site", sample_files({"content/locations/mitte.yaml": location}))
    build(site, tmp_path / "out", NOW)
    html = (tmp_path / "out" / "de" / "index.html").read_text(encoding="utf-8")
    assert "overview-map" not in html and 'href="/de/locations/mitte/"' in html


def test_broken_outlines_fail_the_build_with_the_file_named(tmp_path):
    site = write_site(tmp_path / "site", sample_files({"content/data/districts.geojson": '{"type": "Topology"}'}))
    with pytest.raises(BuildFailed) as caught:
        build(site, tmp_path / "out", NOW)
    assert [str(e) for e in caught.value.errors] == [
        'content/data/districts.geojson:1: type: must be a GeoJSON FeatureCollection '
        '(start the file with {"type": "FeatureCollection", "features": [...]})']
