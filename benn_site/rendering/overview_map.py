"""The overview map: a small SVG of the locations, drawn at build time, with no tiles and no script.

Readers on prepaid data and a portal that must not send anyone to a third party rule out embedded
web maps. What a resident needs from "a map" here is where the offices are relative to each other and
to the districts, so the build projects the locations' coordinates onto a plane and draws one numbered
marker per location, each a link to its page. District outlines are optional data
(`content/data/districts.geojson`, with its licence's attribution as a top-level `attribution`
member); without them the markers still stand on a plain background, beside the same numbered list.

Positions are as exact as the content says (often the centre of a postcode area), and the markers
are nudged apart when they would cover each other, so the map only ever claims "about here".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from benn_site.model import Outlines

WIDTH = 400  # viewBox units; the SVG scales to its container
PAD = 12  # space around the drawing
CAPTION = 18  # height of the attribution line under the drawing
RADIUS = 10  # radius of the drawn marker
# Radius of each marker's hit area, an invisible disc under the drawn marker: 30 units are at least
# 24 CSS px (WCAG 2.2 target size) wherever the map is drawn 320 px wide or more, i.e. on phones from
# 352 px wide. Markers are kept this far apart, so no hit area covers another's.
TARGET = 15
TOLERANCE = 0.8  # outline simplification in viewBox units (about 80 m across Berlin)


@dataclass(frozen=True)
class Marker:
    """One location on the map: its number in the list beside the map, position, link and name."""

    number: int
    lat: float
    lon: float
    href: str
    label: str


# -- drawing ------------------------------------------------------------------------------------

class _Projection:
    """Equirectangular around the middle latitude: right for a city, simple, and reproducible."""

    def __init__(self, points: list[tuple[float, float]]):
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        west, east = min(lons), max(lons)
        south, north = min(lats), max(lats)
        self.kx = math.cos(math.radians((south + north) / 2))
        # a lone marker still gets about 4 km (0.04° of latitude) around it, as wide as high
        min_span = 0.04
        if (east - west) * self.kx < min_span:
            half = min_span / self.kx / 2
            west, east = (west + east) / 2 - half, (west + east) / 2 + half
        if north - south < min_span:
            south, north = (south + north) / 2 - min_span / 2, (south + north) / 2 + min_span / 2
        self.west, self.north = west, north
        self.scale = (WIDTH - 2 * PAD) / ((east - west) * self.kx)
        self.height = round((north - south) * self.scale + 2 * PAD)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (PAD + (lon - self.west) * self.kx * self.scale, PAD + (self.north - lat) * self.scale)


@dataclass(frozen=True)
class Layout:
    """Where everything on a map of these markers stands: the same in every language, and worth
    making once a build (`Views`) since nudging hundreds of markers apart takes seconds."""

    height: int  # of the drawing, without the caption
    districts: str  # the outlines' markup, or the plain ground
    positions: tuple[tuple[float, float], ...]  # one per marker, in the markers' order
    attribution: str | None


def layout(markers: list[Marker], outlines: Outlines | None) -> Layout:
    """Project the markers (and the outlines) and nudge the markers apart."""
    points = [(m.lon, m.lat) for m in markers]
    if outlines is not None:
        points += [p for shape in outlines.shapes for ring in shape.rings for p in ring]
    project = _Projection(points)
    if outlines is not None and outlines.shapes:
        parts = ['<g class="districts" fill="#eef3f8" stroke="#7d8b99" stroke-width="1" stroke-linejoin="round">']
        for shape in outlines.shapes:
            d = "".join(_path([project(*p) for p in ring]) for ring in shape.rings)
            parts.append(f'<path d="{d}"><title>{escape(shape.name)}</title></path>' if shape.name else f'<path d="{d}"/>')
        parts.append("</g>")
        districts = "".join(parts)
    else:
        districts = f'<rect class="map-ground" width="{WIDTH}" height="{project.height}" fill="#eef3f8"/>'
    positions = _spread([project(m.lon, m.lat) for m in markers], 2 * TARGET)
    return Layout(project.height, districts, tuple(positions), outlines.attribution if outlines is not None else None)


def draw(markers: list[Marker], made: Layout, label: str) -> str:
    """The SVG markup (escaped, ready to inline) of the markers placed by `made` (`layout()`):
    outlines, numbered marker links, attribution.

    A marker's accessible name starts with the number it shows ("3. BENN Blumberger Damm"), as the
    list beside the map does, so what is seen and what is heard agree (WCAG 2.5.3)."""
    caption = CAPTION if made.attribution else 0
    height = made.height + caption
    parts = [f'<svg class="overview-map-svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
             f'role="group" aria-label="{escape(label)}">', made.districts]
    parts.append('<g class="markers" font-size="12" font-weight="700" text-anchor="middle">')
    for marker, (x, y) in zip(markers, made.positions, strict=True):
        parts.append(
            f'<a href="{escape(marker.href)}" aria-label="{marker.number}. {escape(marker.label)}">'
            f'<circle class="marker-target" cx="{round(x, 1):g}" cy="{round(y, 1):g}" r="{TARGET}" fill="transparent"/>'
            f'<circle class="marker-dot" cx="{round(x, 1):g}" cy="{round(y, 1):g}" r="{RADIUS}" '
            f'fill="#0b5394" stroke="#fff" stroke-width="2"/>'
            f'<text x="{round(x, 1):g}" y="{round(y + 4, 1):g}" fill="#fff">{marker.number}</text></a>')
    parts.append("</g>")
    if caption:
        parts.append(f'<text class="attribution" x="{WIDTH - 4}" y="{height - 5}" font-size="11" fill="#3d4752" '
                     f'text-anchor="end" direction="ltr">{escape(made.attribution)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _spread(points: list[tuple[float, float]], distance: float) -> list[tuple[float, float]]:
    """Nudge markers apart until none covers another (a few deterministic rounds)."""
    moved = [list(p) for p in points]
    for _ in range(30):
        changed = False
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                dx = moved[j][0] - moved[i][0]
                if dx >= distance or dx <= -distance:  # far apart along one axis: far apart
                    continue
                dy = moved[j][1] - moved[i][1]
                if dy >= distance or dy <= -distance:
                    continue
                gap = math.hypot(dx, dy)
                if gap >= distance - 0.01:
                    continue
                if gap < 1e-6:
                    dx, dy, gap = 1.0, 0.0, 1.0
                push = (distance - gap) / 2 / gap
                moved[i][0] -= dx * push
                moved[i][1] -= dy * push
                moved[j][0] += dx * push
                moved[j][1] += dy * push
                changed = True
        if not changed:
            break
    return [(x, y) for x, y in moved]


def _path(points: list[tuple[float, float]]) -> str:
    """A closed ring as a compact path: integer units, relative steps, simplified, no repeats."""
    kept = _simplify([(round(x), round(y)) for x, y in points], TOLERANCE)
    if len(kept) > 1 and kept[-1] == kept[0]:
        kept.pop()  # 'z' closes the ring
    out = [f"M{kept[0][0]} {kept[0][1]}"]
    steps = []
    for (x0, y0), (x1, y1) in zip(kept, kept[1:], strict=False):
        if (x1, y1) != (x0, y0):
            steps.append((x1 - x0, y1 - y0))
    if steps:
        out.append("l" + _numbers([v for step in steps for v in step]))
    out.append("z")
    return "".join(out)


def _numbers(values: list[int]) -> str:
    """Numbers joined as SVG allows: a minus sign separates as well as a space does."""
    text = ""
    for value in values:
        token = str(value)
        text += token if (not text or token.startswith("-")) else " " + token
    return text


def _simplify(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas–Peucker, iterative: drop points closer than `tolerance` to the line they sit on."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = -1.0, None
        for k in range(first + 1, last):
            px, py = points[k]
            if length == 0:
                dist = math.hypot(px - ax, py - ay)
            else:
                dist = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if dist > worst:
                worst, index = dist, k
        if index is not None and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]
