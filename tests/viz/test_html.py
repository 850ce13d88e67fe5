"""Unit tests for the offline HTML network views (no browser needed)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sinergi.viz import ExternalResourceError, assert_self_contained, write_network_html

XSS_LABEL = "<script>window.__pwned = 1</script>"
HREF_LABEL = '<a href="#" onmouseover="window.__pwned = 3">klik</a>'

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
}


def _add_regions(graph: nx.Graph) -> None:
    for code, attrs in REGIONS.items():
        graph.add_node(code, **attrs)


@pytest.fixture
def learning() -> nx.DiGraph:
    """Knowledge flows between four real regions; one reciprocal pair (36 <-> 19.71)."""
    graph = nx.DiGraph()
    _add_regions(graph)
    graph.add_edge("15.71", "17.71", weight=3, first="2021-03-01", last="2023-05-02")
    graph.add_edge("36", "19.71", weight=1, first=None, last=None)
    graph.add_edge("19.71", "36", weight=8, first="2022-01-01", last="2022-01-01")
    graph.add_edge("17.71", "19.71", weight=2, first="2020-07-15", last=None)
    return graph


@pytest.fixture
def collaboration() -> nx.Graph:
    graph = nx.Graph()
    _add_regions(graph)
    graph.add_edge(
        "17.71",
        "15.71",
        weight=5,
        first="2019-01-10",
        last="2024-02-01",
        types=["visit", "agreement", "visit"],
    )
    graph.add_edge("36", "19.71", weight=1, first="2023-06-06", last="2023-06-06", types=[])
    return graph


def _vis_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge lists handed to vis.DataSet in the page."""
    nodes = re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", page)
    edges = re.search(r"edges = new vis\.DataSet\((.*?)\);\n", page)
    assert nodes and edges, "vis.DataSet calls not found in the page"
    return json.loads(nodes.group(1)), json.loads(edges.group(1))


class _TagCollector(HTMLParser):
    """script/link tags with their src/href, parsed independently of the module under test."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.script_tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.script_tags += 1
        if tag in ("script", "link"):
            for name, value in attrs:
                if name in ("src", "href") and value is not None:
                    self.refs.append((tag, name, value))


def _tags(page: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(page)
    return collector


def test_writes_exactly_one_file(
    learning: nx.DiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # pyvis's "local" mode would drop a lib/ folder here
    out = write_network_html(learning, tmp_path / "views" / "learning.html", title="Learning")
    assert out == tmp_path / "views" / "learning.html"
    assert out.is_file() and out.stat().st_size > 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == ["views", "views/learning.html"]


def test_accepts_str_path(learning: nx.DiGraph, tmp_path: Path) -> None:
    out = write_network_html(learning, str(tmp_path / "x.html"), title="t")
    assert isinstance(out, Path) and out.is_file()


def test_contains_labels_codes_and_heading(learning: nx.DiGraph, tmp_path: Path) -> None:
    page = write_network_html(learning, tmp_path / "l.html", title="Alur belajar").read_text()
    for code, attrs in REGIONS.items():
        assert attrs["label"] in page
        assert f'"id": "{code}"' in page
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Alur belajar</title>" in page
    assert "<h1>Alur belajar</h1>" in page
    assert "4 regions · 4 learning links · evidence 14" in page
    assert page.count("<h1>") == 1  # pyvis would print its heading twice


def test_no_remote_script_or_stylesheet(learning: nx.DiGraph, tmp_path: Path) -> None:
    page = write_network_html(learning, tmp_path / "l.html", title="t").read_text()
    refs = _tags(page).refs
    assert not [ref for ref in refs if re.match(r"\s*(https?:)?//", ref[2], re.IGNORECASE)]
    assert refs == []  # nothing at all outside the file, not even relative paths
    assert "cdn.jsdelivr.net" not in page
    assert "cdnjs.cloudflare.com" not in page
    assert "vis.Network(" in page  # vis-network itself is inlined


def test_script_label_is_escaped(learning: nx.DiGraph, tmp_path: Path) -> None:
    plain = write_network_html(learning, tmp_path / "plain.html", title="t").read_text()
    learning.add_node("36.99", label=XSS_LABEL, kind="kabupaten", province="36")
    learning.add_edge("36.99", "36", weight=1, types=[XSS_LABEL])
    page = write_network_html(learning, tmp_path / "x.html", title=XSS_LABEL).read_text()
    assert "<script>window.__pwned" not in page
    assert "\\u003cscript\\u003ewindow.__pwned" in page  # label kept, JSON-escaped
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # heading and <title>
    assert _tags(page).script_tags == _tags(plain).script_tags
    nodes, _edges = _vis_data(page)
    assert {n["label"] for n in nodes if n["id"] == "36.99"} == {XSS_LABEL}


def test_href_in_title_keeps_text_tooltips(learning: nx.DiGraph, tmp_path: Path) -> None:
    # pyvis's generate_html would switch to innerHTML tooltips when a title contains "href".
    learning.add_node("36.98", label=HREF_LABEL, province="36")
    page = write_network_html(learning, tmp_path / "h.html", title="t").read_text()
    assert "popup.innerHTML" not in page
    assert "showPopup(params)" not in page


def test_text_that_looks_like_the_template_does_not_break_the_page(tmp_path: Path) -> None:
    graph = nx.Graph()
    tricky = 'drawGraph();\n        </script><body><meta charset="utf-8"><center><h1></h1></center>'
    graph.add_node("1", label=tricky)
    page = write_network_html(graph, tmp_path / "t.html", title=tricky).read_text()
    nodes, _ = _vis_data(page)
    assert nodes[0]["label"] == tricky
    assert page.count("network.fit()") == 1


def test_directed_graph_has_arrows_and_flow_tooltips(learning: nx.DiGraph, tmp_path: Path) -> None:
    page = write_network_html(learning, tmp_path / "l.html", title="t").read_text()
    nodes, edges = _vis_data(page)
    assert len(nodes) == learning.number_of_nodes()
    assert len(edges) == learning.number_of_edges()
    assert {(e["from"], e["to"]) for e in edges} == set(learning.edges)
    assert all(e["arrows"] == "to" for e in edges)
    jambi_to_bengkulu = next(e for e in edges if (e["from"], e["to"]) == ("15.71", "17.71"))
    assert jambi_to_bengkulu["title"].splitlines() == [
        "Kota Jambi → Kota Bengkulu",
        "Kota Bengkulu learned from Kota Jambi",
        "evidence: 3",
        "period: 2021-03-01 – 2023-05-02",
    ]
    titles = {(e["from"], e["to"]): e["title"] for e in edges}
    assert "dates: unknown" in titles[("36", "19.71")]
    assert "date: 2022-01-01" in titles[("19.71", "36")]
    assert "first seen: 2020-07-15" in titles[("17.71", "19.71")]
    bengkulu = next(n for n in nodes if n["id"] == "17.71")
    assert bengkulu["title"].splitlines()[:4] == [
        "Kota Bengkulu",
        "code: 17.71",
        "kind: kota",
        "province: 17",
    ]
    assert "learned from 1 region (evidence 3)" in bengkulu["title"]
    assert "source for 1 region (evidence 2)" in bengkulu["title"]
    assert '"physics": {"enabled": false}' in page


def test_undirected_graph_has_no_arrows_and_lists_types(
    collaboration: nx.Graph, tmp_path: Path
) -> None:
    page = write_network_html(collaboration, tmp_path / "c.html", title="Kolaborasi").read_text()
    nodes, edges = _vis_data(page)
    assert len(nodes) == 4 and len(edges) == 2
    assert all("arrows" not in e for e in edges)
    first = next(e for e in edges if {e["from"], e["to"]} == {"15.71", "17.71"})
    assert first["title"].splitlines() == [
        "Kota Jambi — Kota Bengkulu",
        "collaboration",
        "evidence: 5",
        "period: 2019-01-10 – 2024-02-01",
        "types: agreement, visit",
    ]
    assert "2 collaboration links" in page
    banten = next(n for n in nodes if n["id"] == "36")
    assert "province: Banten (36)" in banten["title"]


def test_positions_follow_the_map(learning: nx.DiGraph, tmp_path: Path) -> None:
    nodes, _ = _vis_data(write_network_html(learning, tmp_path / "l.html", title="t").read_text())
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert pos["17.71"][0] < pos["15.71"][0] < pos["19.71"][0]  # west to east
    assert pos["15.71"][1] < pos["17.71"][1] < pos["36"][1]  # north above south
    # a few thousand pixels for the country: 3.84 degrees of longitude here
    assert 300 < pos["19.71"][0] - pos["17.71"][0] < 500


def test_regions_without_coordinates_are_still_placed(learning: nx.DiGraph, tmp_path: Path) -> None:
    learning.add_node("36.01", label="Kabupaten Pandeglang", province="36")  # province known
    learning.add_node("99.99", label="Somewhere")  # nothing known
    learning.add_node("x", label="Bad coords", lat="not a number", lon=float("nan"))
    learning.add_edge("36.01", "99.99", weight=1)
    page = write_network_html(learning, tmp_path / "l.html", title="t").read_text()
    nodes, _ = _vis_data(page)
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert len(pos) == learning.number_of_nodes()
    assert all(isinstance(v, float | int) for xy in pos.values() for v in xy)
    banten = pos["36"]
    assert abs(pos["36.01"][0] - banten[0]) < 100 and abs(pos["36.01"][1] - banten[1]) < 100
    lowest_placed = max(pos[code][1] for code in REGIONS)
    assert pos["99.99"][1] > lowest_placed and pos["x"][1] > lowest_placed
    assert pos["99.99"] != pos["x"]
    titles = {n["id"]: n["title"] for n in nodes}
    assert "position: approximate" in titles["36.01"]
    assert "grid below the map" in titles["99.99"]
    assert "3 regions without coordinates are placed" in page


def test_sizes_widths_and_colours(learning: nx.DiGraph, tmp_path: Path) -> None:
    learning.add_node("36.01", label="Kabupaten Pandeglang", province="36", lat=-6.6, lon=105.8)
    nodes, edges = _vis_data(
        write_network_html(learning, tmp_path / "l.html", title="t").read_text()
    )
    size = {n["id"]: n["size"] for n in nodes}
    colour = {n["id"]: n["color"] for n in nodes}
    assert size["36"] > size["15.71"] > size["36.01"]  # strength 9 > 3 > 0
    width = {(e["from"], e["to"]): e["width"] for e in edges}
    assert width[("19.71", "36")] > width[("15.71", "17.71")] > width[("36", "19.71")]
    assert colour["36"] == colour["36.01"]  # same province, same colour
    assert len({colour["36"], colour["17.71"], colour["19.71"], colour["15.71"]}) >= 3


def test_output_is_deterministic(learning: nx.DiGraph, tmp_path: Path) -> None:
    first = write_network_html(learning, tmp_path / "a.html", title="t").read_bytes()
    second = write_network_html(learning, tmp_path / "b.html", title="t").read_bytes()
    shuffled = nx.DiGraph()
    shuffled.add_nodes_from(reversed(list(learning.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(learning.edges(data=True))))
    third = write_network_html(shuffled, tmp_path / "c.html", title="t").read_bytes()
    assert first == second == third


@pytest.mark.parametrize("kind", [nx.Graph, nx.DiGraph])
def test_empty_graph(kind: type[nx.Graph], tmp_path: Path) -> None:
    page = write_network_html(kind(), tmp_path / "e.html", title="Kosong").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Nothing to show" in page
    assert "0 regions" in page
    assert _vis_data(page) == ([], [])
    assert _tags(page).refs == []


def test_graph_with_nodes_only(tmp_path: Path) -> None:
    graph = nx.Graph()
    _add_regions(graph)
    nodes, edges = _vis_data(write_network_html(graph, tmp_path / "n.html", title="t").read_text())
    assert len(nodes) == 4 and edges == []


def test_non_ascii_labels_are_written_as_utf8(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("1", label="Kabupaten Bénér Meriah — uji ✓")
    page = write_network_html(graph, tmp_path / "u.html", title="Uji ✓ — ü").read_bytes()
    assert "Uji ✓ — ü".encode() in page


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.example.org/x.js"></script>',
        '<script src="//cdn.example.org/x.js"></script>',
        '<link rel="stylesheet" href="http://cdn.example.org/x.css">',
        '<link rel="stylesheet" href="lib/x.css">',
        '<img src="https://example.org/pixel.png">',
        "<style>body { background: url(https://example.org/bg.png); }</style>",
        '<style>@import "https://example.org/x.css";</style>',
    ],
)
def test_assert_self_contained_rejects_outside_references(snippet: str) -> None:
    with pytest.raises(ExternalResourceError, match="would not work offline"):
        assert_self_contained(f"<html><head>{snippet}</head><body></body></html>")


def test_assert_self_contained_allows_inline_content() -> None:
    assert_self_contained(
        "<html><head><style>.a { background: url('data:image/png;base64,AAAA'); }</style>"
        '<script>var s = "<script src=\\"https://x\\">"; var u = "http://www.w3.org/2000/svg";'
        "</script></head>"
        '<body><a href="https://example.org/article">source</a><img src="data:,"></body></html>'
    )
