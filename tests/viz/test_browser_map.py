"""The map outlines and the time slider's play button, in headless Chromium.

Why a browser: only a drawn canvas shows that the coastline lies under the regions (same
projection) and disappears in the other layouts, and only a running page shows that the
play button moves the slider and the view with it. Reuses the fixtures of
``test_browser.py`` (Debian's Chromium, file:// with every other request blocked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

pytest.importorskip(
    "playwright.sync_api", reason="playwright (python) is not installed; browser tests skipped"
)

from sinergi.viz import write_view_html
from sinergi.viz.layout import project
from tests.viz import test_browser as shared
from tests.viz.chromium import CHROMIUM

# the browser, the offline page opener and the four views of the test store, shared
browser = shared.browser
open_view = shared.open_view
pages = shared.pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found (apt-get install chromium); browser tests skipped",
    ),
]

#: A point inland in Kalimantan Tengah, far from every region of the test views.
INLAND = (113.6, -0.6)
LAND_RGB = (241, 243, 245)  # the fill of view.js drawBoundaries

# copied to a scratch canvas first: reading the network's own canvas again and again makes
# Chromium warn on the console, which the tests count as a page error
PIXEL_AT_CENTRE = """() => {
    const canvas = document.querySelector('#mynetwork canvas');
    const scratch = document.createElement('canvas');
    scratch.width = scratch.height = 1;
    const ctx = scratch.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(canvas, Math.round(canvas.width / 2), Math.round(canvas.height / 2), 1, 1, 0, 0, 1, 1);
    const px = ctx.getImageData(0, 0, 1, 1).data;
    return [px[0], px[1], px[2]];
}"""


def _look_at(view: Any, x: float, y: float) -> list[int]:
    """Centre the canvas on (x, y) at a readable zoom, wait for the redraw, read the centre."""
    view.evaluate(
        "([x, y]) => new Promise(resolve => {"
        " network.once('afterDrawing', () => resolve());"
        " network.moveTo({position: {x, y}, scale: 1, animation: false});"
        " network.redraw(); })",
        [x, y],
    )
    return view.evaluate(PIXEL_AT_CENTRE)


def test_map_layout_draws_the_coastline_under_the_regions(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["learning"])
    view.clean()
    data = view.evaluate("() => sinergi.data")
    assert data["initial"]["layout"] == "map"
    assert view.evaluate("() => sinergi.boundaries !== null")
    x, y = project(*INLAND, data["map"]["scale"])
    assert _look_at(view, x, y) == list(LAND_RGB)  # land, drawn with the nodes' projection
    sea = project(108.0, -5.0, data["map"]["scale"])  # the Java Sea
    assert _look_at(view, *sea) == [255, 255, 255]
    view.page.locator("#layout-force").check()  # the other layouts have no map under them
    assert _look_at(view, x, y) == [255, 255, 255]
    view.page.locator("#layout-map").check()
    assert _look_at(view, x, y) == list(LAND_RGB)
    view.evaluate("() => network.fit({animation: false})")
    view.screenshot("viz-learning-map-outlines.png")
    view.clean()


def test_clicks_go_through_the_outlines_to_the_regions(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["learning"])
    point = view.evaluate(
        """() => { const dom = network.canvasToDOM(network.getPositions(['73.71'])['73.71']);
                   const rect = document.querySelector('#mynetwork canvas').getBoundingClientRect();
                   return {x: rect.left + dom.x, y: rect.top + dom.y}; }"""
    )
    view.page.mouse.click(point["x"], point["y"])
    assert "Kota Makassar" in view.page.inner_text("#details")
    view.clean()


def test_play_steps_the_time_slider_to_the_end_and_pauses(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["learning"])
    days = sorted({e["day"] for e in view.evaluate("() => sinergi.data.evidence") if e["day"]})
    button = view.page.locator("#time-play")
    assert button.get_attribute("aria-label").startswith("Play")
    button.click()
    assert button.get_attribute("aria-label").startswith("Pause")
    # it starts again from the first date (the slider was at the end) ...
    view.page.wait_for_function(
        f"() => +document.getElementById('time-to').value === {days[0]}", timeout=5_000
    )
    assert view.evaluate("() => sinergi.state.to") == days[0]
    # ... and the view follows, as when dragging: only links with evidence by then
    view.page.wait_for_function(
        "() => network.body.edgeIndices.length < sinergi.data.edges.length", timeout=5_000
    )
    view.page.wait_for_function(
        f"() => +document.getElementById('time-to').value === {days[1]}", timeout=5_000
    )
    # pause: the slider stays; resume: it goes on from there to the last date and stops
    button.click()
    assert button.get_attribute("aria-label").startswith("Play")
    paused = int(view.page.locator("#time-to").input_value())
    view.page.wait_for_timeout(900)
    assert int(view.page.locator("#time-to").input_value()) == paused
    button.click()
    view.page.wait_for_function(
        "() => document.getElementById('time-play').getAttribute('aria-label').startsWith('Play')",
        timeout=10_000,
    )
    assert int(view.page.locator("#time-to").input_value()) == days[-1]
    assert view.page.inner_text("#time-to-label") == view.evaluate(
        f"() => new Date({days[-1]} * 86400000).toISOString().slice(0, 10)"
    )
    assert view.evaluate("() => network.body.edgeIndices.length") == len(
        view.evaluate("() => sinergi.data.edges")
    )
    view.clean()


def test_play_is_disabled_without_dates(open_view: Any, tmp_path: Path) -> None:
    path = write_view_html(nx.MultiDiGraph(view="learning"), tmp_path / "empty.html")
    view = open_view(path)
    assert view.page.locator("#time-play").is_disabled()
    assert view.evaluate("() => sinergi.boundaries") is None  # no coordinates, no map
    view.clean()
