"""The district outlines the overview map draws: `content/data/districts.geojson`, read and checked
like every other content file, so a broken file is reported at load time with its path.
"""

from __future__ import annotations

import json

from benn_site.errors import ContentError, SiteError
from benn_site.messages import msg
from benn_site.model import Outline, Outlines


def parse_outlines(text: str, path: str) -> tuple[Outlines | None, list[SiteError]]:
    """A GeoJSON FeatureCollection of Polygons / MultiPolygons (WGS 84, [lon, lat]) as Outlines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [ContentError(path, exc.lineno, msg("not valid JSON: {problem}", problem=exc.msg),
                                   hint=msg("check the brackets and commas near this line"))]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return None, [ContentError(path, 1, msg("must be a GeoJSON FeatureCollection"), "type",
                                   msg('start the file with {"type": "FeatureCollection", "features": [...]}'))]
    errors: list[SiteError] = []
    shapes = []
    for index, feature in enumerate(data["features"]):
        where = f"features[{index}]"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in ("Polygon", "MultiPolygon"):
            errors.append(ContentError(path, None, msg("geometry must be a Polygon or MultiPolygon, not {kind}", kind=kind),
                                       f"{where}.geometry", msg("district outlines are areas")))
            continue
        polygons = geometry.get("coordinates")
        polygons = [polygons] if kind == "Polygon" else polygons
        rings = _rings(polygons)
        if rings is None:
            errors.append(ContentError(path, None, msg("coordinates must be rings of [longitude, latitude] numbers"),
                                       f"{where}.geometry.coordinates", msg("as GeoJSON writes them (RFC 7946)")))
            continue
        properties = feature.get("properties") or {}
        name = properties.get("name") if isinstance(properties, dict) else None
        shapes.append(Outline(str(name) if name is not None else "", rings))
    attribution = data.get("attribution")
    if attribution is not None and not isinstance(attribution, str):
        errors.append(ContentError(path, None, msg("must be a line of text"), "attribution",
                                   msg('e.g. "attribution": "Bezirksgrenzen: …, CC BY 3.0 DE"')))
        attribution = None
    if errors:
        return None, errors
    return Outlines(tuple(shapes), attribution or None), []


def _rings(polygons) -> tuple | None:
    rings = []
    if not isinstance(polygons, list):
        return None
    for polygon in polygons:
        if not isinstance(polygon, list):
            return None
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return None
            points = []
            for point in ring:
                if (not isinstance(point, list) or len(point) < 2
                        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point[:2])
                        or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)):
                    return None
                points.append((float(point[0]), float(point[1])))
            rings.append(tuple(points))
    return tuple(rings)
