"""The overview map: reading district outlines, and the SVG drawn from the locations."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from benn_site.content.districts import parse_outlines
from benn_site.model import Outline, Outlines
from benn_site.rendering.overview_map import TARGET, Marker, _numbers, draw, layout
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
MARKERS = [Marker(1, 52.5491, 13.5651, "/de/locations/a/", "BENN A & B"),
           Marker(2, 52.5495, 13.5655, "/de/locations/b/", "BENN <B>")]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def test_the_shipped_outlines_are_berlins_twelve_districts():
    path = ROOT / "content" / "data" / "districts.geojson"
    outlines, errors = parse_outlines(path.read_text(encoding="utf-8"), "content/data/districts.geojson")
    assert errors == []
    assert len(outlines.shapes) == 12
    assert {"Mitte", "Spandau", "Marzahn-Hellersdorf"} <= {s.name for s in outlines.shapes}
    assert outlines.attribution == "Bezirksgrenzen: Amt für Statistik Berlin-Brandenburg, CC BY 3.0 DE"


def test_bad_outlines_name_the_file_line_and_field():
    _, errors = parse_outlines('{"type": "FeatureCollection",\n "features": [,]}', "content/data/districts.geojson")
    assert [str(e) for e in errors] == [
        "content/data/districts.geojson:2: not valid JSON: Expecting value (check the brackets and commas near this line)"]
    _, errors = parse_outlines('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                               '"geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}]}', "d.geojson")
    assert [str(e) for e in errors] == [
        "d.geojson: features[0].geometry: geometry must be a Polygon or MultiPolygon, not Point (district outlines are areas)"]
    _, errors = parse_outlines('{"type": "Feature"}', "d.geojson")
    assert [str(e) for e in errors] == [
        'd.geojson:1: type: must be a GeoJSON FeatureCollection (start the file with {"type": "FeatureCollection", "features": [...]})']


def test_markers_are_named_links_and_kept_apart():
    svg = parse(draw(MARKERS, layout(MARKERS, None), "Karte"))
    links = svg.findall(f"{SVG}g/{SVG}a")
    assert [a.get("href") for a in links] == ["/de/locations/a/", "/de/locations/b/"]
    assert [a.get("aria-label") for a in links] == ["1. BENN A & B", "2. BENN <B>"]
    assert [a.find(f"{SVG}text").text for a in links] == ["1", "2"]
    (x1, y1), (x2, y2) = [(float(a.find(f"{SVG}circle").get("cx")), float(a.find(f"{SVG}circle").get("cy"))) for a in links]
    # 40 m apart in reality, drawn far enough apart that neither hit area covers the other
    assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * TARGET - 0.1
    assert [[c.get("r") for c in a.findall(f"{SVG}circle")] for a in links] == [[str(TARGET), "10"]] * 2
    assert svg.get("aria-label") == "Karte"
    assert svg.find(f"{SVG}rect") is not None  # a plain ground without outlines
    assert "Bezirksgrenzen" not in ET.tostring(svg, encoding="unicode")


def test_outlines_are_drawn_under_the_markers_with_their_attribution():
    square = ((13.3, 52.4), (13.6, 52.4), (13.6, 52.6), (13.3, 52.6), (13.3, 52.4))
    outlines = Outlines((Outline("Mitte", (square,)),), "Outlines: Somebody, CC BY")
    svg = parse(draw(MARKERS, layout(MARKERS, outlines), "Karte"))
    paths = svg.findall(f"{SVG}g/{SVG}path")
    assert len(paths) == 1 and paths[0].find(f"{SVG}title").text == "Mitte"
    assert paths[0].get("d").startswith("M") and paths[0].get("d").endswith("z")
    assert [t.text for t in svg.findall(f"{SVG}text")] == ["Outlines: Somebody, CC BY"]
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert width == 400 and 400 < height < 600  # 0.3° of longitude are narrower than 0.2° of latitude × 1.5


def test_path_numbers_use_the_minus_sign_as_separator():
    assert _numbers([3, -2, -1, 4, 0]) == "3-2-1 4 0"


def test_problems_with_outlines_read_in_german():
    from benn_site.messages import catalog

    _, errors = parse_outlines('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                               '"geometry": {"type": "LineString", "coordinates": []}}]}', "d.geojson")
    german = catalog("de")
    assert german.translate(errors[0].message) == "die Geometrie muss ein Polygon oder MultiPolygon sein, nicht LineString"
    assert german.translate(errors[0].hint) == "Bezirksgrenzen sind Flächen"
