"""Open the generated views in headless Chromium with every non-file request blocked.

Why: the unit tests prove the HTML has no remote references; only a browser shows that the
network actually draws offline, that article text in labels does not run as script, and
that tooltips stay plain text. Uses Debian's Chromium (never ``playwright install``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright (python) is not installed; browser tests skipped"
)

#: Debian's Chromium; override with SINERGI_CHROMIUM on other systems.
CHROMIUM = Path(os.environ.get("SINERGI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found (apt-get install chromium); browser tests skipped",
    ),
]

from sinergi.viz import write_network_html  # noqa: E402

XSS_CODE = "36.99"
XSS_LABEL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

REGIONS: dict[str, dict[str, Any]] = {
    "17.71": {
        "label": "Kota Bengkulu",
        "kind": "kota",
        "province": "17",
        "lat": -3.8,
        "lon": 102.27,
    },
    "19.71": {
        "label": "Kota Pangkal Pinang",
        "kind": "kota",
        "province": "19",
        "lat": -2.11,
        "lon": 106.11,
    },
    "15.71": {"label": "Kota Jambi", "kind": "kota", "province": "15", "lat": -1.61, "lon": 103.6},
    "36": {"label": "Banten", "kind": "provinsi", "province": "36", "lat": -6.4, "lon": 106.1},
    # article-derived text, no coordinates: placed near Banten
    XSS_CODE: {"label": XSS_LABEL, "kind": "kabupaten", "province": "36"},
}


def _learning_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for code, attrs in REGIONS.items():
        graph.add_node(code, **attrs)
    graph.add_edge("15.71", "17.71", weight=3, first="2021-03-01", last="2023-05-02")
    graph.add_edge("36", "19.71", weight=1)
    graph.add_edge("19.71", "36", weight=8, first="2022-01-01", last="2022-01-01")
    graph.add_edge("17.71", "19.71", weight=2, first="2020-07-15")
    graph.add_edge(XSS_CODE, "36", weight=1, types=[XSS_LABEL])
    return graph


@dataclass
class OpenedView:
    """A page showing one view, with what it tried to fetch and what went wrong."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_view(browser: Any) -> Iterator[Any]:
    """Open an HTML file via file:// with all other requests blocked and logged."""
    contexts: list[Any] = []

    def _open(path: Path) -> OpenedView:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        view = OpenedView(page)

        def _route(route: Any) -> None:
            url = route.request.url
            if url.startswith("file:"):
                route.continue_()
            else:
                view.blocked.append(url)
                route.abort()

        page.route("**/*", _route)
        page.on("pageerror", lambda exc: view.errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: view.errors.append(msg.text) if msg.type == "error" else None,
        )
        page.goto(path.resolve().as_uri())
        page.wait_for_function(
            "() => typeof network !== 'undefined' && network !== null"
            " && document.querySelector('#mynetwork canvas') !== null",
            timeout=15_000,
        )
        # One more frame after everything is in place, so the canvas is drawn when we look.
        page.evaluate(
            "() => new Promise(resolve => {"
            " network.once('afterDrawing', () => resolve(true)); network.redraw(); })"
        )
        return view

    yield _open
    for context in contexts:
        context.close()


def _node_screen_positions(page: Any) -> dict[str, dict[str, float]]:
    """Each node's centre in page (viewport) pixels."""
    return page.evaluate(
        """() => {
            const rect = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            const out = {};
            const positions = network.getPositions();
            for (const id of Object.keys(positions)) {
                const dom = network.canvasToDOM(positions[id]);
                out[id] = {x: rect.left + dom.x, y: rect.top + dom.y,
                           left: rect.left, top: rect.top,
                           right: rect.right, bottom: rect.bottom};
            }
            return out;
        }"""
    )


def _pixel_at_node(page: Any, node_id: str) -> list[int]:
    """RGBA of the canvas pixel at a node's centre (to prove the node is actually painted)."""
    return page.evaluate(
        """(id) => {
            const canvas = document.querySelector('#mynetwork canvas');
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const ratio = canvas.width / canvas.clientWidth;
            const ctx = canvas.getContext('2d');
            const px = ctx.getImageData(Math.round(dom.x * ratio), Math.round(dom.y * ratio), 1, 1);
            return Array.from(px.data);
        }""",
        node_id,
    )


def test_learning_view_draws_offline(open_view: Any, tmp_path: Path) -> None:
    graph = _learning_graph()
    path = write_network_html(graph, tmp_path / "learning.html", title=f"Learning {XSS_LABEL}")
    view = open_view(path)
    page = view.page

    assert view.blocked == [], f"the page tried to fetch: {view.blocked}"
    assert view.errors == []
    assert page.evaluate("() => network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("() => network.body.data.edges.length") == graph.number_of_edges()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.locator("h1").inner_text() == f"Learning {XSS_LABEL}"

    # every node is inside the visible canvas and painted (not background white)
    positions = _node_screen_positions(page)
    assert set(positions) == set(graph.nodes)
    for node_id, pos in positions.items():
        assert pos["left"] <= pos["x"] <= pos["right"], node_id
        assert pos["top"] <= pos["y"] <= pos["bottom"], node_id
        red, green, blue, alpha = _pixel_at_node(page, node_id)
        assert alpha > 0 and min(red, green, blue) < 240, (node_id, red, green, blue, alpha)

    # the view is centred on the regions, not on the map origin
    xs = [pos["x"] for pos in positions.values()]
    ys = [pos["y"] for pos in positions.values()]
    any_pos = next(iter(positions.values()))
    canvas_mid_x = (any_pos["left"] + any_pos["right"]) / 2
    canvas_mid_y = (any_pos["top"] + any_pos["bottom"]) / 2
    assert abs((min(xs) + max(xs)) / 2 - canvas_mid_x) < 0.1 * (any_pos["right"] - any_pos["left"])
    assert abs((min(ys) + max(ys)) / 2 - canvas_mid_y) < 0.1 * (any_pos["bottom"] - any_pos["top"])

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viz-learning.png"), full_page=True)


def test_tooltip_shows_article_text_as_text(open_view: Any, tmp_path: Path) -> None:
    path = write_network_html(_learning_graph(), tmp_path / "learning.html", title="Learning")
    view = open_view(path)
    page = view.page
    pos = _node_screen_positions(page)[XSS_CODE]
    page.mouse.move(pos["x"] - 40, pos["y"] - 40)
    page.mouse.move(pos["x"], pos["y"], steps=5)
    tooltip = page.locator("div.vis-tooltip")
    page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip');"
        " return t !== null && t.style.visibility === 'visible'; }",
        timeout=5_000,
    )
    text = tooltip.inner_text()
    assert text.splitlines()[0] == XSS_LABEL
    assert f"code: {XSS_CODE}" in text
    children = page.evaluate(
        "() => Array.from(document.querySelector('div.vis-tooltip').children).map(e => e.tagName)"
    )
    assert set(children) <= {"BR"}  # newlines only, no elements from the label
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert view.blocked == [] and view.errors == []


def test_collaboration_and_empty_views_open(open_view: Any, tmp_path: Path) -> None:
    graph = nx.Graph()
    for code, attrs in REGIONS.items():
        graph.add_node(code, **attrs)
    graph.add_edge("17.71", "15.71", weight=5, types=["visit", "agreement"])
    graph.add_edge("36", "19.71", weight=1)
    view = open_view(write_network_html(graph, tmp_path / "collab.html", title="Kolaborasi"))
    assert view.page.evaluate("() => network.body.data.nodes.length") == graph.number_of_nodes()
    assert view.page.evaluate("() => network.body.data.edges.length") == 2
    assert view.blocked == [] and view.errors == []

    empty = open_view(write_network_html(nx.DiGraph(), tmp_path / "empty.html", title="Kosong"))
    assert empty.page.evaluate("() => network.body.data.nodes.length") == 0
    assert "Nothing to show" in empty.page.inner_text("body")
    assert empty.blocked == [] and empty.errors == []
