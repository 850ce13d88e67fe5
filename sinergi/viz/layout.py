"""Node positions for the network views, computed in Python so the browser never runs physics.

With physics on, vis-network needs a minute or more to settle a few hundred regions (see
``../shared/notes/stack-measurements.md`` §4); with positions given and physics off the view
appears at once. Three layouts:

``map``
    Regions at their coordinates (x from longitude, y from minus latitude), so a view reads
    like a map of Indonesia; the scale grows with the number of regions (see
    :func:`map_scale`). Regions without coordinates go on a small ring around their
    province, or into a grid below the map when the province is unknown too. The page
    draws the coastline and province borders beneath with the same mapping
    (:func:`map_projection`).
``force``
    A Fruchterman-Reingold layout of the links (weighted by evidence), started from the map
    positions and run for a fixed number of steps, so it is deterministic and keeps some
    geography. Dense numpy: a 552-region graph takes well under a second.
``timeline``
    For diffusion views: x is the adoption date, y the adoption order, so the cascade reads
    left to right as a staircase; undated adopters stand in a column at the right.

All positions are in canvas pixels, rounded to 0.1 px.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

__all__ = [
    "LAYOUTS",
    "force_positions",
    "map_positions",
    "map_projection",
    "map_scale",
    "project",
    "timeline_axis",
    "timeline_positions",
]

LAYOUTS: tuple[str, ...] = ("map", "force", "timeline")

#: The map's size in canvas pixels: about ``MAP_BASE_PX * sqrt(nodes / 25)`` across its
#: longer side (at least ``MAP_BASE_PX``). A handful of regions then fill the screen with
#: readable nodes, while the 552 regions of the whole country spread over ~7,000 px so that
#: neighbouring kabupaten in Java do not overlap once zoomed in (node sizes are in canvas
#: pixels, so only the spread keeps them apart).
MAP_BASE_PX = 1500.0
MAP_MIN_PX_PER_DEGREE = 20.0
MAP_MAX_PX_PER_DEGREE = 600.0
#: The map's origin (near the middle of Indonesia).
ORIGIN_LON = 118.0
ORIGIN_LAT = -2.5
#: Distance (px) of regions without coordinates from their province centre.
FALLBACK_RING_PX = 60.0
#: Spacing (px) of the grid below the map for regions that cannot be placed at all.
FALLBACK_GRID_PX = 160.0
#: Width (px) of the dated part of the timeline, and the vertical step between adopters.
TIMELINE_MIN_WIDTH_PX = 700.0
TIMELINE_MAX_WIDTH_PX = 3000.0
TIMELINE_PX_PER_ADOPTER = 160.0
TIMELINE_ROW_PX = 120.0
TIMELINE_MAX_ROWS = 40
#: Force layout: steps, and the side (px) of the square the result is scaled into, per
#: square root of the node count.
FORCE_ITERATIONS = 200
FORCE_PX_PER_SQRT_NODE = 160.0

Position = tuple[float, float]


def map_positions(graph: nx.Graph) -> tuple[dict[Hashable, Position], dict[Hashable, str]]:
    """Map positions of every node, and a note for each node not placed by its coordinates.

    Uses the node attributes ``lat``, ``lon``, ``province`` (else the prefix of a
    ``"17.71"``-style code) and ``kind``.
    """
    coordinates = _coordinates(graph)
    scale = map_scale(coordinates.values(), graph.number_of_nodes())
    placed = {node: project(lon, lat, scale) for node, (lon, lat) in coordinates.items()}

    centres = _province_centres(graph, placed)
    around: dict[str, list[Hashable]] = {}
    stranded: list[Hashable] = []
    for node in sorted(graph.nodes, key=str):
        if node in placed:
            continue
        province = _province_of(node, graph.nodes[node])
        if province is not None and province in centres:
            around.setdefault(province, []).append(node)
        else:
            stranded.append(node)

    result = dict(placed)
    notes: dict[Hashable, str] = {}
    for province, members in around.items():
        cx, cy = centres[province]
        for index, node in enumerate(members):
            angle = 2 * math.pi * index / len(members) + math.pi / 4
            result[node] = (
                cx + FALLBACK_RING_PX * math.cos(angle),
                cy + FALLBACK_RING_PX * math.sin(angle),
            )
            notes[node] = "approximate (no coordinates; placed near the province centre)"

    if stranded:
        xs = [x for x, _y in result.values()]
        ys = [y for _x, y in result.values()]
        left = min(xs, default=0.0)
        top = max(ys, default=-FALLBACK_GRID_PX) + 2 * FALLBACK_GRID_PX
        span = max(xs, default=0.0) - left
        columns = max(1, math.ceil(math.sqrt(len(stranded))), int(span // FALLBACK_GRID_PX))
        for index, node in enumerate(stranded):
            row, column = divmod(index, columns)
            result[node] = (left + column * FALLBACK_GRID_PX, top + row * FALLBACK_GRID_PX)
            notes[node] = "unknown (no coordinates; placed in the grid below the map)"
    return _rounded(result), notes


def map_projection(graph: nx.Graph) -> dict[str, float] | None:
    """How :func:`map_positions` turns (lon, lat) into canvas pixels, for the page.

    The page draws the coastline and province borders under the map layout with the same
    mapping, so regions sit on their islands whatever the view's scale. ``None`` when no
    region has coordinates: there is no map to draw under.
    """
    coordinates = _coordinates(graph)
    if not coordinates:
        return None
    return {
        "lon0": ORIGIN_LON,
        "lat0": ORIGIN_LAT,
        "scale": map_scale(coordinates.values(), graph.number_of_nodes()),
    }


def project(lon: float, lat: float, scale: float) -> Position:
    """Canvas pixels of a point: x east, y south (the canvas y axis points down)."""
    return ((lon - ORIGIN_LON) * scale, -(lat - ORIGIN_LAT) * scale)


def map_scale(coordinates: Iterable[tuple[float, float]], nodes: int) -> float:
    """Canvas pixels per degree for a map of ``nodes`` regions at these (lon, lat) points."""
    points = list(coordinates)
    if not points:
        return MAP_MIN_PX_PER_DEGREE
    lons = [lon for lon, _lat in points]
    lats = [lat for _lon, lat in points]
    extent = max(max(lons) - min(lons), max(lats) - min(lats), 1.0)
    target = MAP_BASE_PX * max(1.0, math.sqrt(nodes / 25.0))
    return min(MAP_MAX_PX_PER_DEGREE, max(MAP_MIN_PX_PER_DEGREE, target / extent))


def force_positions(
    graph: nx.Graph,
    start: Mapping[Any, Position] | None = None,
    *,
    iterations: int = FORCE_ITERATIONS,
) -> dict[Hashable, Position]:
    """A deterministic force-directed layout (Fruchterman-Reingold with a weak gravity).

    Edge weights are ``log2(1 + evidence)`` (``len(data["evidence"])`` or ``data["weight"]``)
    so one heavily reported pair does not pull everything together. ``start`` positions
    (default: the map) seed the layout; the result is centred on 0 and scaled to a square
    of ``FORCE_PX_PER_SQRT_NODE * sqrt(n)`` px.
    """
    nodes = sorted(graph.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    weights = np.zeros((n, n))
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        evidence = data.get("evidence")
        count = len(evidence) if evidence is not None else float(data.get("weight", 1) or 1)
        w = math.log2(1.0 + max(count, 1.0))
        weights[index[u], index[v]] += w
        weights[index[v], index[u]] += w

    start = start if start is not None else map_positions(graph)[0]
    pos = np.array([start.get(node, (0.0, 0.0)) for node in nodes], dtype=float)
    pos -= pos.mean(axis=0)
    spread = np.abs(pos).max()
    pos = pos / spread if spread > 0 else pos
    # a tiny deterministic jitter separates regions that share coordinates
    rng = np.random.default_rng(0)
    pos += rng.uniform(-0.01, 0.01, size=pos.shape)

    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(iterations):
        dx = x[:, np.newaxis] - x[np.newaxis, :]
        dy = y[:, np.newaxis] - y[np.newaxis, :]
        distance = np.sqrt(dx * dx + dy * dy)
        np.maximum(distance, 0.01, out=distance)
        force = k * k / (distance * distance) - weights * distance / k
        move_x = (dx * force).sum(axis=1) - 0.05 * n * k * x  # gravity keeps components in view
        move_y = (dy * force).sum(axis=1) - 0.05 * n * k * y
        length = np.sqrt(move_x * move_x + move_y * move_y)
        length = np.where(length < 0.01, 0.1, length)
        x += move_x * temperature / length
        y += move_y * temperature / length
        temperature -= cooling
    pos = np.column_stack((x, y))

    pos -= pos.mean(axis=0)
    spread = np.abs(pos).max()
    side = FORCE_PX_PER_SQRT_NODE * math.sqrt(n)
    pos = pos / spread * side / 2 if spread > 0 else pos
    return _rounded({node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)})


def timeline_positions(graph: nx.Graph) -> dict[Hashable, Position]:
    """x by adoption date (node attribute ``adopted``), y by adoption ``order``."""
    days = {node: day_number(attrs.get("adopted")) for node, attrs in graph.nodes(data=True)}
    axis = timeline_axis(graph)
    order = sorted(graph.nodes, key=lambda node: (graph.nodes[node].get("order") or 0, str(node)))
    rows = min(len(order), TIMELINE_MAX_ROWS) or 1
    result: dict[Hashable, Position] = {}
    for rank, node in enumerate(order):
        day = days[node]
        if day is None or axis is None:
            x = axis["undated_x"] if axis else 0.0
        else:
            x = (day - axis["min_day"]) * axis["px_per_day"]
        result[node] = (x, (rank % rows) * TIMELINE_ROW_PX)
    return _rounded(result)


def timeline_axis(graph: nx.Graph) -> dict[str, Any] | None:
    """The date axis of the timeline layout, for the page to draw (None without dates).

    The dated part is ``TIMELINE_PX_PER_ADOPTER`` px per adopter wide, between
    ``TIMELINE_MIN_WIDTH_PX`` and ``TIMELINE_MAX_WIDTH_PX``, so a short cascade is not
    lost in a wide canvas.
    """
    days = [d for d in (day_number(a.get("adopted")) for _n, a in graph.nodes(data=True)) if d]
    if not days:
        return None
    first, last = min(days), max(days)
    width = min(
        TIMELINE_MAX_WIDTH_PX,
        max(TIMELINE_MIN_WIDTH_PX, TIMELINE_PX_PER_ADOPTER * graph.number_of_nodes()),
    )
    return {
        "min_day": first,
        "max_day": last,
        "px_per_day": width / max(last - first, 1),
        "undated_x": width + 250.0,
    }


def day_number(value: Any) -> int | None:
    """Days since 1970-01-01 of an ISO date, else None: the x axis of the timeline and the
    time slider both count in these."""
    if not value:
        return None
    try:
        return (date.fromisoformat(str(value)) - date(1970, 1, 1)).days
    except ValueError:
        return None


def _coordinates(graph: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """(lon, lat) of every node with valid coordinates."""
    coordinates: dict[Hashable, tuple[float, float]] = {}
    for node, attrs in graph.nodes(data=True):
        lat, lon = _coordinate(attrs.get("lat"), 90.0), _coordinate(attrs.get("lon"), 180.0)
        if lat is not None and lon is not None:
            coordinates[node] = (lon, lat)
    return coordinates


def _province_centres(graph: nx.Graph, placed: Mapping[Any, Position]) -> dict[str, Position]:
    """Province code -> canvas centre, from the province's own node or its placed regions."""
    members: dict[str, list[Position]] = {}
    for node, xy in placed.items():
        province = _province_of(node, graph.nodes[node])
        if province is not None:
            members.setdefault(province, []).append(xy)
    centres = {
        province: (
            sum(x for x, _y in points) / len(points),
            sum(y for _x, y in points) / len(points),
        )
        for province, points in members.items()
    }
    for node, xy in placed.items():
        if str(node) in centres and graph.nodes[node].get("kind") == "provinsi":
            centres[str(node)] = xy
    return centres


def _province_of(node: Hashable, attrs: Mapping[str, Any]) -> str | None:
    """Province code from the attribute, else from the region code (``"17.71"`` -> ``"17"``)."""
    province = attrs.get("province")
    if province:
        return str(province)
    prefix = str(node).split(".", 1)[0]
    return prefix if prefix.isdigit() else None


def _coordinate(value: Any, limit: float) -> float | None:
    """A finite coordinate within ``±limit``, else ``None`` (treated as missing)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return number


def _rounded(positions: Mapping[Any, Position]) -> dict[Hashable, Position]:
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}
