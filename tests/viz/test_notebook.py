"""pyvis networks of the projections (sinergi.viz.notebook): offline pages, faithful data.

Why: pyvis's own template pulls Bootstrap (and vis-network) from CDNs, so its pages are
blank on a machine without Internet, the very case the views are built for. These tests
read the written page: no ``http(s)`` script or stylesheet, every node and edge of the
graph with its label, tooltip and width, article text kept as text. The last test opens
the page in Chromium with every non-file request blocked (marker ``browser``).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sinergi import api
from sinergi.graph.store import OxigraphStore
from sinergi.viz import assert_self_contained
from sinergi.viz.notebook import OfflineNetwork, edge_width, pyvis_network
from tests.viz.chromium import CHROMIUM, CHROMIUM_ARGS

XSS = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _page_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge lists the page hands to vis-network."""
    found = {
        name: json.loads(match)
        for name, match in re.findall(r"(nodes|edges) = new vis\.DataSet\((.*?)\);\n", page)
    }
    return found["nodes"], found["edges"]


def _remote_references(page: str) -> list[str]:
    """``src``/``href`` of scripts, stylesheets, images and frames that leave the file."""
    tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page, re.IGNORECASE)
    return [tag for tag in tags if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", tag)]


@pytest.fixture(scope="module")
def learning(viz_store: OxigraphStore) -> nx.DiGraph:
    return api.learning_network(viz_store)


def test_learning_network_page_is_offline_and_holds_every_node(
    learning: nx.DiGraph, tmp_path: Path
) -> None:
    out = api.write_pyvis(learning, tmp_path / "sub" / "learning.html", title="Learning")
    page = out.read_text(encoding="utf-8")

    assert _remote_references(page) == []
    assert_self_contained(page)
    for word in ("bootstrap", "cdnjs", "jsdelivr", "unpkg"):
        assert word not in page.lower()
    assert "default-src 'none'" in page  # the CSP forbids fetching anything at all

    nodes, edges = _page_data(page)
    assert {n["id"] for n in nodes} == set(learning.nodes)
    by_id = {n["id"]: n for n in nodes}
    for code, attrs in learning.nodes(data=True):
        assert by_id[code]["label"] == attrs["label"]
        assert by_id[code]["title"].startswith(f"{attrs['label']} ({code})")
    assert {(e["from"], e["to"]) for e in edges} == set(learning.edges)
    assert all(e["arrows"] == "to" for e in edges)
    for edge in edges:
        weight = learning.edges[edge["from"], edge["to"]]["weight"]
        assert edge["width"] == edge_width(weight)
        assert f"weight: {weight}" in edge["title"]
    # Surakarta -> Banyumas is reported twice (v1, v5): drawn wider than a single report.
    widths = {(e["from"], e["to"]): e["width"] for e in edges}
    assert widths["33.72", "33.02"] > widths["33.02", "33.01"]


def test_projections_are_not_changed_and_multigraph_edges_merge(
    viz_store: OxigraphStore,
) -> None:
    adoption = api.adoption_network(viz_store)
    assert isinstance(adoption, nx.MultiDiGraph)
    before = [(u, v, dict(a)) for u, v, a in adoption.edges(data=True)]
    net = api.to_pyvis(adoption)
    assert [(u, v, dict(a)) for u, v, a in adoption.edges(data=True)] == before
    pairs = {(u, v) for u, v in adoption.edges()}
    assert net.num_edges() == len(pairs)
    assert {n["id"] for n in net.nodes} == set(adoption.nodes)

    collaboration = api.collaboration_projection(viz_store)
    net = api.to_pyvis(collaboration, layout="map")
    assert net.num_edges() == collaboration.number_of_edges()
    assert all("x" in n and "y" in n and n["physics"] is False for n in net.nodes)
    assert "arrows" not in net.edges[0]


def test_handmade_multigraph_weights_sum_and_text_stays_text(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(name="hand")
    graph.add_node("17.71", label=XSS, province="17")
    graph.add_node("36", label="Banten", province="36")
    graph.add_edge("17.71", "36", evidence=2, program_label=XSS)
    graph.add_edge("17.71", "36", evidence=3)
    net = pyvis_network(graph)
    (edge,) = net.edges
    assert edge["width"] == edge_width(5) and edge["title"].count("evidence:") == 2
    page = net.generate_html()
    assert "window.__pwned" in page  # present, but only inside escaped JSON and text
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    nodes, _ = _page_data(page)
    assert nodes[0]["label"] == XSS  # the JSON still carries the exact text
    out = net.write_html(tmp_path / "hand.html")
    assert out.read_text(encoding="utf-8") == page


def test_notebook_display_is_an_inline_iframe(learning: nx.DiGraph, tmp_path: Path) -> None:
    net = api.to_pyvis(learning, notebook=True, height="400px")
    shown = net._repr_html_()
    assert (
        shown.startswith('<div class="sinergi-pyvis"><iframe srcdoc="') and "height: 440px" in shown
    )
    assert _remote_references(shown) == []
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))
    assert inner.startswith("<!DOCTYPE html>")
    assert {n["id"] for n in _page_data(inner)[0]} == set(learning.nodes)
    # pyvis's show() returns an IFrame of a file the notebook server may not serve.
    shown_by_show = net.show(tmp_path / "learning.htm")
    assert shown_by_show.data == shown
    assert (tmp_path / "learning.htm").read_text(encoding="utf-8") == inner


def test_unsafe_pyvis_options_are_refused() -> None:
    with pytest.raises(ValueError, match="filter_menu"):
        OfflineNetwork(filter_menu=True)
    net = OfflineNetwork()
    with pytest.raises(ValueError, match="offline template"):
        net.set_template_dir("/tmp/", "template.html")
    assert net.cdn_resources == "in_line"
    with pytest.raises(ValueError, match="layout"):
        pyvis_network(nx.Graph(), layout="circle")


@pytest.mark.browser
@pytest.mark.skipif(
    importlib.util.find_spec("playwright") is None or not CHROMIUM.exists(),
    reason=f"playwright or {CHROMIUM} missing; browser test skipped",
)
def test_page_draws_in_chromium_with_the_network_blocked(
    learning: nx.DiGraph, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    graph = learning.copy()
    first = next(iter(graph))
    graph.nodes[first]["label"] = XSS
    out = api.write_pyvis(graph, tmp_path / "learning.html", select_menu=True)
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith("file:")
                    else (blocked.append(route.request.url), route.abort())
                ),
            )
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on(
                "console",
                lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None,
            )
            page.goto(out.resolve().as_uri())
            page.wait_for_function("() => window.sinergiReady === true", timeout=15_000)
            drawn = set(page.evaluate("() => network.body.nodeIndices"))
            labels = page.evaluate("() => nodes.get().map(n => n.label)")
            page.select_option("#select-node", "33.02")
            selected = page.evaluate("() => network.getSelectedNodes()")
            pwned = page.evaluate("() => window.__pwned")
            page.wait_for_timeout(300)  # let stabilisation finish and report errors
        finally:
            browser.close()
    assert blocked == [] and errors == []
    assert drawn == set(graph.nodes)
    assert XSS in labels and pwned is None
    assert selected == ["33.02"]
