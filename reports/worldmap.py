"""The map of repatriation destinations, drawn by the server as SVG from Natural Earth's country
shapes (npm world-atlas 2.0.2, countries-110m.json, shipped under static/reports/world-atlas/
with its licence). Nothing is fetched: the TopoJSON is read from disk once per process.

The view is the smallest box holding Belize and every destination (with a margin, at least a
region's size), in an equirectangular projection corrected by the cosine of the middle latitude,
so that Central America keeps its shape.
"""

import json
import math
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_countries import countries

from atip.codes import HOME_COUNTRY
from reports.charts import text_width

ATLAS = "reports/world-atlas/countries-110m.json"
WIDTH, HEIGHT = 520, 270
# The region the map shows: the Americas. Destinations outside it are named beside the map.
REGION = (-125.0, -57.0, -30.0, 50.0)
MIN_SPAN = (26.0, 14.0)  # degrees of longitude and latitude shown at least
MARGIN = 0.18  # of the span, on each side of the box of the places shown (room for their names)
LAND, HOME, DESTINATION, ROUTE = "#e4e7ec", "#1f5fa8", "#e08a1e", "#1f5fa8"


@lru_cache(maxsize=1)
def _shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO numeric code -> rings of (longitude, latitude), decoded from the TopoJSON."""
    with open(finders.find(ATLAS), encoding="utf-8") as f:
        topology = json.load(f)
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantised positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part if not points else part[1:])
        return points

    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), []
        )
        shapes[geometry.get("id", "")] = [ring(r) for polygon in polygons for r in polygon]
    return shapes


def _numeric(code: str) -> str:
    return countries.numeric(code, padded=True) or ""


def _centre(rings) -> tuple[float, float]:
    """The middle of the country's largest ring (by its box), where its count is written."""
    largest = max(rings, key=lambda r: _extent(r)[2] - _extent(r)[0] + _extent(r)[3] - _extent(r)[1])
    xs, ys = [p[0] for p in largest], [p[1] for p in largest]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _extent(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _view(centres: list[tuple[float, float]]):
    """The box shown (west, south, east, north) and the projection into the SVG's pixels."""
    west, south, east, north = _extent(centres)
    pad_x = max(east - west, MIN_SPAN[0]) * MARGIN
    pad_y = max(north - south, MIN_SPAN[1]) * MARGIN
    west, south, east, north = west - pad_x, south - pad_y, east + pad_x, north + pad_y
    cos = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max(east - west, MIN_SPAN[0]), max(north - south, MIN_SPAN[1])
    # Widen one side so that the box has the SVG's proportions.
    if span_x * cos / span_y < WIDTH / HEIGHT:
        span_x = span_y * WIDTH / HEIGHT / cos
    else:
        span_y = span_x * cos * HEIGHT / WIDTH
    cx, cy = (west + east) / 2, (south + north) / 2
    west, east, south, north = cx - span_x / 2, cx + span_x / 2, cy - span_y / 2, cy + span_y / 2
    scale = WIDTH / span_x

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale / cos

    return (west, south, east, north), project


def _path(rings, project) -> str:
    parts = []
    for r in rings:
        points = [project(*p) for p in r]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _spread(points: list[list[float]], radius: float) -> None:
    """Move bubbles apart (in place) until none covers another: neighbours such as Guatemala,
    El Salvador and Honduras are a few pixels apart at this scale."""
    for _ in range(60):
        moved = False
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                dx, dy = b[0] - a[0], b[1] - a[1]
                gap = math.hypot(dx, dy)
                if gap < 2 * radius + 2:
                    push = (2 * radius + 2 - gap) / 2 + 0.5
                    ux, uy = (dx / gap, dy / gap) if gap else (0.0, 1.0)
                    a[0], a[1], b[0], b[1] = (
                        a[0] - ux * push,
                        a[1] - uy * push,
                        b[0] + ux * push,
                        b[1] + uy * push,
                    )
                    moved = True
        if not moved:
            return


def _label_at(x: float, y: float, text: str, taken: list[tuple[float, float, float, float]], r: float):
    """Where a name goes beside its bubble (right, left, below, above) without covering another
    name or bubble; the box it takes is added to `taken`."""
    width, height = text_width(text, 10) + 4, 12.0
    for lx, ly, anchor in (
        (x + r + 3, y + 3.5, "start"),
        (x - r - 3, y + 3.5, "end"),
        (x, y + r + 11, "middle"),
        (x, y - r - 4, "middle"),
    ):
        left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
        box = (left, ly - 9, left + width, ly - 9 + height)
        inside = box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT
        if inside and not any(
            box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken
        ):
            taken.append(box)
            return lx, ly, anchor
    return None  # no room: the name is in the text beside the map


def in_region(code: str) -> bool:
    """Whether the destination is drawn on the map (the Americas)."""
    rings = _shapes().get(_numeric(code))
    if not rings:
        return False
    lon, lat = _centre(rings)
    west, south, east, north = REGION
    return west <= lon <= east and south <= lat <= north


def repatriation_map(rows: list[tuple[str, int | str]], *, title: str) -> SafeString:
    """Belize and each destination in the Americas (ISO alpha-2 code, count shown): the country
    shaded, a route from Belize, a bubble with the count and, where there is room, its name."""
    shapes = _shapes()
    home = shapes[_numeric(HOME_COUNTRY)]
    places = [(code, shown, shapes[_numeric(code)]) for code, shown in rows if in_region(code)]
    home_centre = _centre(home)
    (west, south, east, north), project = _view([home_centre, *(_centre(r) for _, _, r in places)])
    destinations = {_numeric(code) for code, _, _ in places}
    body = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f7f9fc"/>']
    for code, rings in shapes.items():
        if not rings:
            continue
        w, s, e, n = _extent([p for r in rings for p in r])
        if e < west or w > east or n < south or s > north:
            continue
        fill = HOME if code == _numeric(HOME_COUNTRY) else DESTINATION if code in destinations else LAND
        body.append(f'<path d="{_path(rings, project)}" fill="{fill}" stroke="#ffffff" stroke-width="0.6"/>')
    hx, hy = project(*home_centre)
    radius = 9.0
    centres = [project(*_centre(rings)) for _, _, rings in places]
    bubbles = [[x, y] for x, y in centres]
    _spread(bubbles, radius)
    taken = [
        (hx - 2, hy - 2, hx + 2, hy + 2),
        *((x - radius, y - radius, x + radius, y + radius) for x, y in bubbles),
    ]
    labels = []
    for (code, shown, _), (cx, cy), (x, y) in zip(places, centres, bubbles, strict=True):
        bend = (hx + cx) / 2, min(hy, cy) - abs(cx - hx) * 0.25 - 12
        body.append(
            f'<path d="M{hx:.1f},{hy:.1f} Q{bend[0]:.1f},{bend[1]:.1f} {cx:.1f},{cy:.1f}" fill="none" '
            f'stroke="{ROUTE}" stroke-width="1.1" stroke-dasharray="3 2"/>'
        )
        if math.hypot(x - cx, y - cy) > 1:
            body.append(
                f'<path d="M{cx:.1f},{cy:.1f} L{x:.1f},{y:.1f}" stroke="#555555" stroke-width="0.7"/>'
            )
        name = countries.name(code)
        labels.append((x, y, shown, name, _label_at(x, y, name, taken, radius)))
    for x, y, shown, name, place in labels:
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#ffffff" stroke="{ROUTE}"/>')
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-weight="bold" font-size="9">{}</text>',
                f"{x:.1f}",
                f"{y + 3.2:.1f}",
                shown,
            )
        )
        if place is not None:
            lx, ly, anchor = place
            body.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="{}" font-size="10" fill="#222222">{}</text>',
                    f"{lx:.1f}",
                    f"{ly:.1f}",
                    anchor,
                    name,
                )
            )
    home = countries.name(HOME_COUNTRY)  # in the language of the factsheet
    bx, by, banchor = _label_at(hx, hy, home, taken, 3) or (hx - 6, hy + 4, "end")
    body.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="{}" font-size="10" font-weight="bold" fill="{}">{}</text>',
            f"{bx:.1f}",
            f"{by:.1f}",
            banchor,
            HOME,
            home,
        )
    )
    body.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="8" fill="#666666">{}</text>',
            WIDTH - 4,
            HEIGHT - 4,
            gettext("Boundaries: Natural Earth (public domain)"),
        )
    )
    return mark_safe(  # noqa: S308 -- every text above is escaped (format_html) or a number
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="DejaVu Sans, sans-serif">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )
