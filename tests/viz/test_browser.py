"""Open the generated views in headless Chromium from file:// with every other request blocked.

Why: the unit tests prove the HTML references nothing outside itself; only a browser shows
that the network draws offline, that the filters hide what they should, that a click shows
the evidence, and that article text does not run as script. The views are built from a
store made by ingesting the tests' own articles (tests/viz/corpus.py). Uses Debian's
Chromium (never ``playwright install``); screenshots go to test-artifacts/.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright (python) is not installed; browser tests skipped"
)

from tests.viz.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found (apt-get install chromium); browser tests skipped",
    ),
]

from sinergi import api  # noqa: E402
from sinergi.graph.store import OxigraphStore  # noqa: E402
from sinergi.viz import write_view_html  # noqa: E402
from tests.viz.corpus import LEARNING, MEDAN_SENTENCE, XSS_TITLE  # noqa: E402


@dataclass
class OpenedView:
    """A page showing one view, with what it tried to fetch and what went wrong."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def clean(self) -> None:
        assert self.blocked == [], f"the page tried to fetch: {self.blocked}"
        assert self.errors == [], f"page errors: {self.errors}"

    def shown_edges(self) -> set[tuple[str, str]]:
        return {
            (e["from"], e["to"])
            for e in self.evaluate("() => network.body.data.edges.get()")
            if e["id"] in self.evaluate("() => network.body.edgeIndices")
        }

    def shown_nodes(self) -> set[str]:
        return set(self.evaluate("() => network.body.nodeIndices"))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


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
        context = browser.new_context(
            viewport={"width": 1400, "height": 900}, accept_downloads=True
        )
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

        context.route("**/*", _route)
        page.on("pageerror", lambda exc: view.errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: view.errors.append(msg.text) if msg.type in ("error", "warning") else None,
        )
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.sinergi && window.sinergi.ready", timeout=20_000)
        return view

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def pages(viz_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four views of the test store, written through the public API."""
    folder = tmp_path_factory.mktemp("pages")
    return {
        "learning": api.write_view(viz_store, "learning", folder / "learning.html"),
        "collaboration": api.write_view(viz_store, "collaboration", folder / "collab.html"),
        "diffusion": api.write_view(
            viz_store, "diffusion", folder / "diffusion.html", program="pasar murah"
        ),
        "ego": api.write_view(viz_store, "ego", folder / "ego.html", region="33.02", depth=2),
    }


def _edge_point(view: OpenedView, source: str, target: str) -> dict[str, float]:
    """Page coordinates of the middle of the drawn edge source -> target."""
    return view.evaluate(
        """([source, target]) => {
            const item = sinergi.data.edges.find(e => e.from === source && e.to === target);
            const point = network.body.edges[item.id].edgeType.getPoint(0.5);
            const dom = network.canvasToDOM(point);
            const rect = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            return {x: rect.left + dom.x, y: rect.top + dom.y};
        }""",
        [source, target],
    )


def _set_range(view: OpenedView, selector: str, value: int) -> None:
    view.page.locator(selector).fill(str(value))
    view.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _day(iso: str) -> int:
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def test_views_load_offline_and_draw_every_region(open_view: Any, pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        view = open_view(path)
        view.clean()
        data = view.evaluate("() => sinergi.data")
        drawn = view.evaluate("() => network.body.nodeIndices.length")
        assert drawn == len(data["nodes"]) > 0, name
        assert view.evaluate("() => network.body.edgeIndices.length") == len(data["edges"])
        assert view.evaluate("() => document.querySelector('#mynetwork canvas') !== null")
        # the legend and controls are there
        legend = view.page.inner_text("#legend")
        assert "Region colour" in legend and "Region size" in legend
        view.screenshot(f"viz-{name}.png")
    learning = open_view(pages["learning"])
    assert learning.shown_edges() == set(LEARNING)
    assert len(learning.shown_nodes()) == 9


def test_every_node_is_painted_inside_the_canvas(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["learning"])
    inside = view.evaluate(
        """() => {
            const canvas = document.querySelector('#mynetwork canvas');
            const ratio = canvas.width / canvas.clientWidth;
            const ctx = canvas.getContext('2d');
            const out = {};
            const positions = network.getPositions();
            for (const id of Object.keys(positions)) {
                const dom = network.canvasToDOM(positions[id]);
                const px = ctx.getImageData(Math.round(dom.x * ratio), Math.round(dom.y * ratio), 1, 1).data;
                out[id] = dom.x >= 0 && dom.y >= 0 && dom.x <= canvas.clientWidth
                    && dom.y <= canvas.clientHeight && Math.min(px[0], px[1], px[2]) < 245;
            }
            return out;
        }"""
    )
    assert inside and all(inside.values()), inside


def test_time_slider_hides_links_outside_the_range(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["learning"])
    _set_range(view, "#time-to", _day("2021-12-31"))
    assert view.page.inner_text("#time-to-label") == "2021-12-31"
    # dated 2019 and 2020 stay; the undated Sleman link stays while undated evidence is shown
    assert view.shown_edges() == {("33.72", "33.02"), ("73.71", "72.71"), ("34.71", "34.04")}
    assert "33.01" not in view.shown_nodes() and "12.71" not in view.shown_nodes()
    view.page.locator("#undated").uncheck()
    assert view.shown_edges() == {("33.72", "33.02"), ("73.71", "72.71")}

    _set_range(view, "#time-from", _day("2020-01-01"))
    assert view.shown_edges() == {("33.72", "33.02")}
    _set_range(view, "#time-to", _day("2024-12-31"))
    view.page.locator("#undated").check()
    assert view.shown_edges() == {
        ("33.72", "33.02"),
        ("33.02", "33.01"),
        ("35.78", "12.71"),
        ("34.71", "34.04"),
    }
    assert "shown with the current filters: 7 of 9 regions, 4 of 5 links" in view.page.inner_text(
        "#shown"
    )
    view.screenshot("viz-learning-time-filtered.png")
    view.clean()


def test_theme_type_province_and_evidence_controls(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["learning"])
    view.page.locator("#theme-lingkungan-hidup").uncheck()
    assert ("35.78", "12.71") not in view.shown_edges()
    view.page.locator("#theme-none").uncheck()
    assert ("34.71", "34.04") not in view.shown_edges()
    view.page.locator("#themes-all").click()
    assert view.shown_edges() == set(LEARNING)

    _set_range(view, "#min-evidence", 2)
    assert view.shown_edges() == {("33.72", "33.02")}
    _set_range(view, "#min-evidence", 1)

    view.page.select_option("#province", "33")
    assert view.shown_edges() == {("33.72", "33.02"), ("33.02", "33.01")}
    assert view.shown_nodes() == {"33.72", "33.02", "33.01"}
    view.page.locator("#reset").click()
    assert view.shown_edges() == set(LEARNING)

    collab = open_view(pages["collaboration"])
    collab.page.locator("#kind-agreement").uncheck()
    assert ("13.71", "13.75") not in collab.shown_edges()
    collab.page.locator("#kind-forum").uncheck()
    kinds = {
        e["kind"]
        for e in collab.evaluate("() => sinergi.data.edges")
        if e["id"] in collab.evaluate("() => network.body.edgeIndices")
    }
    assert kinds == {"visit"}
    view.clean()
    collab.clean()


def test_clicking_an_edge_shows_its_evidence_as_text(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["learning"])
    point = _edge_point(view, "35.78", "12.71")
    view.page.mouse.click(point["x"], point["y"])
    details = view.page.locator("#details")
    details.get_by_text(MEDAN_SENTENCE).wait_for(timeout=5_000)
    text = details.inner_text()
    assert "Kota Surabaya → Kota Medan" in text
    assert "Kota Medan learned from Kota Surabaya" in text
    assert MEDAN_SENTENCE in text
    assert "2024-03-05" in text
    # the injected title is shown as text, runs nothing, and its javascript: URL is no link
    assert XSS_TITLE in text
    assert view.evaluate("() => typeof window.__pwned") == "undefined"
    assert (
        view.evaluate("() => document.querySelectorAll('#details script, #details img').length")
        == 0
    )
    assert view.evaluate("() => document.querySelectorAll('#details a').length") == 0
    view.screenshot("viz-learning-edge-evidence.png")

    # every piece of evidence of a two-article link, each title linked to its article
    point = _edge_point(view, "33.72", "33.02")
    view.page.mouse.click(point["x"], point["y"])
    details.get_by_text("Banyumas Kembali ke Surakarta").wait_for(timeout=5_000)
    links = view.evaluate(
        "() => Array.from(document.querySelectorAll('#details ol.evidence a'))"
        ".map(a => [a.textContent, a.getAttribute('href'), a.rel])"
    )
    assert links == [
        [
            "Banyumas Belajar Pasar Murah Keliling ke Surakarta",
            "https://example.org/berita/v1",
            "noopener noreferrer",
        ],
        [
            "Banyumas Kembali ke Surakarta, Kini Soal Parkir Elektronik",
            "https://example.org/berita/v5",
            "noopener noreferrer",
        ],
    ]
    assert view.evaluate("() => document.querySelectorAll('#details blockquote').length") == 2
    view.clean()


def test_script_titles_do_not_run_in_tooltips_or_panels(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["learning"])
    # hover the injected article's link: the tooltip is text
    point = _edge_point(view, "35.78", "12.71")
    view.page.mouse.move(point["x"] - 30, point["y"] - 30)
    view.page.mouse.move(point["x"], point["y"], steps=5)
    view.page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip');"
        " return t !== null && t.style.visibility === 'visible'; }",
        timeout=5_000,
    )
    children = view.evaluate(
        "() => Array.from(document.querySelector('div.vis-tooltip').children).map(e => e.tagName)"
    )
    assert set(children) <= {"BR"}
    # the node panel of Medan lists the link; open it from there too
    view.evaluate("() => sinergi.findRegion('Medan')")
    view.page.locator("#details button.link").first.click()
    assert XSS_TITLE in view.page.inner_text("#details")
    assert view.evaluate("() => typeof window.__pwned") == "undefined"
    assert view.evaluate("() => document.querySelectorAll('img').length") == 0
    view.clean()


def test_search_focuses_a_region_by_name_or_alias(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["learning"])
    view.page.fill("#search", "solo")
    view.page.press("#search", "Enter")
    assert view.page.inner_text("#search-status") == "Found Kota Surakarta (33.72)."
    assert view.evaluate("() => network.getSelectedNodes()") == ["33.72"]
    details = view.page.inner_text("#details")
    assert "Kota Surakarta" in details and "33.72" in details and "Jawa Tengah (33)" in details
    assert "kota" in details
    centre = view.evaluate(
        """() => { const p = network.canvasToDOM(network.getPositions(['33.72'])['33.72']);
                   const c = document.querySelector('#mynetwork canvas');
                   return [p.x / c.clientWidth, p.y / c.clientHeight]; }"""
    )
    assert 0.4 < centre[0] < 0.6 and 0.4 < centre[1] < 0.6  # focused: in the middle
    view.page.fill("#search", "Kabupaten Cilacap")
    view.page.press("#search", "Enter")
    assert view.evaluate("() => network.getSelectedNodes()") == ["33.01"]
    view.page.fill("#search", "Atlantis")
    view.page.press("#search", "Enter")
    assert "No region in this view matches" in view.page.inner_text("#search-status")
    view.clean()


def test_layout_toggle_colour_and_size(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["learning"])
    data = view.evaluate("() => sinergi.data.nodes")
    view.page.locator("#layout-force").check()
    positions = view.evaluate("() => network.getPositions()")
    for node in data:
        xy = positions[node["id"]]
        assert [xy["x"], xy["y"]] == pytest.approx(node["pos"]["force"], abs=1)
    view.screenshot("viz-learning-force.png")
    view.page.select_option("#colour-by", "island")
    colours = view.evaluate("() => network.body.data.nodes.get().map(n => n.color.background)")
    assert set(colours) == {n["colour"]["island"] for n in data}
    assert "Region colour: island group" in view.page.inner_text("#legend")
    view.page.select_option("#size-by", "pagerank")
    assert "PageRank" in view.page.inner_text("#legend")
    view.clean()


def test_diffusion_view_highlights_the_first_adopter(
    open_view: Any, pages: dict[str, Path]
) -> None:
    view = open_view(pages["diffusion"])
    nodes = {n["id"]: n for n in view.evaluate("() => network.body.data.nodes.get()")}
    assert nodes["33.72"]["shape"] == "star"
    # Numbered in the order of `sinergi analyze cascades --form trees` (date, then code):
    # Banyumas learned it from Surakarta, the origin (the star), on the same day.
    assert nodes["33.72"]["label"] == "2. Kota Surakarta"
    assert nodes["33.02"]["label"] == "1. Kabupaten Banyumas"
    assert nodes["33.01"]["shape"] == "dot"
    assert view.evaluate("() => document.getElementById('layout-timeline').checked")
    assert "first adopter" in view.page.inner_text("#legend")
    view.screenshot("viz-diffusion-timeline.png")
    ego = open_view(pages["ego"])
    assert {n["id"]: n["shape"] for n in ego.evaluate("() => network.body.data.nodes.get()")}[
        "33.02"
    ] == "diamond"
    view.clean()
    ego.clean()


def test_export_png_downloads_the_canvas(open_view: Any, pages: dict[str, Path]) -> None:
    view = open_view(pages["ego"])
    with view.page.expect_download() as download:
        view.page.locator("#export-png").click()
    saved = ARTIFACTS / "viz-ego-export.png"
    ARTIFACTS.mkdir(exist_ok=True)
    download.value.save_as(saved)
    assert download.value.suggested_filename == "sinergi-ego.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert saved.stat().st_size > 2_000
    view.clean()


def _benchmark_module() -> Any:
    spec = importlib.util.spec_from_file_location("viz_benchmark", REPO_ROOT / "benchmarks/viz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_550_regions_and_3000_links_are_interactive(open_view: Any, tmp_path: Path) -> None:
    """The full-scale page draws everything and filters; how fast is measured by
    benchmarks/viz.py (target: interactive in at most 2 s), not asserted here, where a busy
    CI machine would make a timing flaky."""
    graph = _benchmark_module().synthetic_view(550, 3000)
    path = write_view_html(graph, tmp_path / "big.html", title="550 regions, 3000 links")
    view = open_view(path)
    view.clean()
    assert view.evaluate("() => network.body.nodeIndices.length") == 550
    assert view.evaluate("() => network.body.edgeIndices.length") == 3000
    assert view.evaluate("() => sinergiTiming.ready") > 0  # the page marks when it is ready
    _set_range(view, "#time-to", _day("2019-12-31"))
    assert 0 < view.evaluate("() => network.body.edgeIndices.length") < 3000
    view.screenshot("viz-550-regions.png")


def test_request_logging_and_the_policy_catch_a_stray_fetch(
    open_view: Any, pages: dict[str, Path], tmp_path: Path
) -> None:
    """Negative control: a page that does fetch something is caught both ways."""
    page = pages["ego"].read_text(encoding="utf-8")
    stray = '<img src="http://127.0.0.1:9/pixel.png" alt="">'
    with_policy = tmp_path / "with-policy.html"
    with_policy.write_text(page.replace("<body>", "<body>" + stray, 1), encoding="utf-8")
    caught = open_view(with_policy)
    assert caught.blocked == []  # the Content-Security-Policy stops it before the network
    assert any("Content Security Policy" in error for error in caught.errors), caught.errors

    policy = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', page)
    assert policy
    without_policy = tmp_path / "without-policy.html"
    without_policy.write_text(
        page.replace(policy.group(0), "", 1).replace("<body>", "<body>" + stray, 1),
        encoding="utf-8",
    )
    logged = open_view(without_policy)
    assert logged.blocked == ["http://127.0.0.1:9/pixel.png"]


def test_an_empty_view_opens_and_says_so(open_view: Any, tmp_path: Path) -> None:
    path = write_view_html(nx.MultiDiGraph(view="diffusion"), tmp_path / "empty.html")
    view = open_view(path)
    view.clean()
    assert view.evaluate("() => network.body.nodeIndices.length") == 0
    assert view.page.locator("#empty").is_visible()
    assert "Nothing to show" in view.page.inner_text("#stage")
