"""Unit tests for the offline HTML network views (no browser needed)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.store import OxigraphStore
from sinergi.viz import (
    ExternalResourceError,
    assert_self_contained,
    render_view_html,
    view_payload,
    write_view_html,
)
from sinergi.viz.layout import force_positions, map_positions, timeline_positions
from sinergi.viz.views import Evidence, diffusion_view, learning_view, region_node
from tests.viz.corpus import XSS_TITLE

XSS = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _ev(n: int, date: str | None, *themes: str, title: str = "Judul", url: str = "") -> Evidence:
    return Evidence(
        statement=f"urn:test:{n}",
        kind="learning",
        date=date,
        doc=f"d{n}",
        title=title,
        url=url or f"https://example.org/{n}",
        sentences=(f"Kalimat bukti nomor {n}.",),
        themes=themes,
    )


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Bengkulu <- Pangkalpinang (3 pieces), Jambi <- Pangkalpinang, Banten -- Bengkulu visit."""
    view = nx.MultiDiGraph(view="learning", focus=(), description="Uji.")
    for code in ("17.71", "19.71", "15.71", "36"):
        view.add_node(code, **region_node(code))
    view.add_edge(
        "19.71",
        "17.71",
        key="learning",
        kind="learning",
        directed=True,
        evidence=[
            _ev(1, "2021-03-01", "perdagangan"),
            _ev(2, "2022-01-01", "perdagangan"),
            _ev(3, None),
        ],
    )
    view.add_edge(
        "19.71",
        "15.71",
        key="learning",
        kind="learning",
        directed=True,
        evidence=[_ev(4, "2023-05-02", "kesehatan", title=XSS, url="javascript:alert(1)")],
    )
    view.add_edge(
        "17.71",
        "36",
        key="visit",
        kind="visit",
        directed=False,
        evidence=[Evidence(statement="urn:test:e", kind="visit", date="2020-07-15", doc="d5")],
    )
    return view


def _data(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="sinergi-data">(.*?)</script>', page, re.DOTALL
    )
    assert match, "no data island in the page"
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fetching: list[tuple[str, str, str]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.fetching.append((tag, name, value))


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_writes_exactly_one_file(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = write_view_html(graph, tmp_path / "views" / "learning.html")
    assert out == tmp_path / "views" / "learning.html"
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == ["views", "views/learning.html"]
    assert isinstance(write_view_html(graph, str(tmp_path / "s.html")), Path)


def test_page_is_self_contained(graph: nx.MultiDiGraph) -> None:
    page = render_view_html(graph)
    tags = _tags(page)
    assert tags.fetching == []  # nothing outside the file, not even relative paths
    assert tags.scripts == 3  # data island, vis-network, our script
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis.Network" in page and "DataView" in page  # vis-network is inlined
    assert "sourceMappingURL" not in page
    assert not re.search(r"cdn\.|jsdelivr|cdnjs|unpkg|googleapis", page)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_vendored_vis_network_has_its_licence() -> None:
    assets = Path(__file__).resolve().parents[2] / "sinergi" / "viz" / "assets"
    assert (assets / "vis-network.min.js").read_text(encoding="utf-8").startswith("/**")
    assert "MIT" in (assets / "vis-network.LICENSE-MIT.txt").read_text(encoding="utf-8")
    assert (assets / "vis-network.LICENSE-APACHE-2.0.txt").is_file()


def test_article_text_cannot_break_out(graph: nx.MultiDiGraph) -> None:
    page = render_view_html(graph, title=XSS)
    plain = render_view_html(graph, title="t")
    assert "window.__pwned" in page  # kept ...
    assert "<script>window.__pwned" not in page  # ... but never as markup
    assert "<img src=x" not in page
    assert _tags(page).scripts == _tags(plain).scripts
    assert f"<title>{XSS.replace('<', '&lt;').replace('>', '&gt;')}" in page.replace("&quot;", '"')
    data = _data(page)
    assert data["title"] == XSS
    assert XSS in [doc["title"] for doc in data["docs"]]
    # the script builds the panels with textContent only, and links only http(s) URLs
    script = page[page.rindex("<script>") :]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "document.write" not in script and "eval(" not in script
    assert "/^https?:\\/\\//i.test(url)" in script


def test_payload_holds_nodes_edges_and_every_piece_of_evidence(graph: nx.MultiDiGraph) -> None:
    data = view_payload(graph)
    assert [n["id"] for n in data["nodes"]] == ["17.71", "19.71", "15.71", "36"]
    pangkal = next(n for n in data["nodes"] if n["id"] == "19.71")
    assert pangkal["name"] == "Kota Pangkal Pinang"
    assert pangkal["provinceName"] == "Kepulauan Bangka Belitung"
    assert pangkal["island"] == "Sumatera"
    assert set(pangkal["pos"]) == {"map", "force"}
    assert pangkal["score"]["degree"] == 2 and pangkal["score"]["evidence"] == 4

    edges = {(e["from"], e["to"], e["kind"]): e for e in data["edges"]}
    assert set(edges) == {
        ("19.71", "17.71", "learning"),
        ("19.71", "15.71", "learning"),
        ("17.71", "36", "visit"),
    }
    main = edges["19.71", "17.71", "learning"]
    assert main["directed"] and main["theme"] == "perdagangan"
    rows = [data["evidence"][i] for i in main["ev"]]
    assert [r["date"] for r in rows] == ["2021-03-01", "2022-01-01", None]
    assert [data["sentences"][r["s"][0]] for r in rows] == [
        "Kalimat bukti nomor 1.",
        "Kalimat bukti nomor 2.",
        "Kalimat bukti nomor 3.",
    ]
    assert data["docs"][rows[0]["doc"]]["url"] == "https://example.org/1"
    assert rows[0]["day"] == 18687  # days since 1970-01-01
    assert not edges["17.71", "36", "visit"]["directed"]
    assert data["time"] == {"min": 18458, "max": 19479, "undated": True}
    assert data["maxEvidence"] == 3
    assert [k["kind"] for k in data["kinds"]] == ["learning", "visit"]
    assert [t["slug"] for t in data["themes"]] == ["perdagangan", "kesehatan"]
    assert data["initial"] == {"layout": "map", "size": "degree", "colour": "province"}


def test_sizes_widths_and_colours(graph: nx.MultiDiGraph) -> None:
    data = view_payload(graph, size="pagerank", colour="island")
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["19.71"]["degree"] == 1.0  # the largest score gets the full size
    assert size["17.71"]["degree"] == 1.0 and size["36"]["degree"] < 1.0
    assert size["36"]["first"] == 1.0  # earliest (2020-07-15) is largest
    assert size["15.71"]["first"] == pytest.approx(0.15)  # latest
    width = {(e["from"], e["to"]): e["width"] for e in data["edges"]}
    assert width["19.71", "17.71"] > width["19.71", "15.71"]
    colour = {n["id"]: n["colour"] for n in data["nodes"]}
    assert colour["17.71"]["island"] == colour["19.71"]["island"] == colour["15.71"]["island"]
    assert colour["36"]["island"] != colour["17.71"]["island"]  # Jawa vs Sumatera
    assert colour["17.71"]["province"] != colour["19.71"]["province"]
    assert data["initial"] == {"layout": "map", "size": "pagerank", "colour": "island"}


@pytest.mark.parametrize(
    ("option", "value"), [("size", "area"), ("colour", "kind"), ("layout", "timeline")]
)
def test_unknown_display_options_are_clean_errors(
    graph: nx.MultiDiGraph, option: str, value: str
) -> None:
    with pytest.raises(SinergiError, match=f"unknown {option}"):
        render_view_html(graph, **{option: value})


def test_output_is_deterministic(graph: nx.MultiDiGraph) -> None:
    assert render_view_html(graph) == render_view_html(graph)


def test_map_positions_follow_coordinates(graph: nx.MultiDiGraph) -> None:
    pos, notes = map_positions(graph)
    assert pos["17.71"][0] < pos["15.71"][0] < pos["19.71"][0]  # west to east
    assert pos["15.71"][1] < pos["17.71"][1] < pos["36"][1]  # north above south
    assert notes == {}
    graph.add_node("36.99", label="Tanpa koordinat", province="36")
    graph.add_node("x", label="Entah di mana")
    pos, notes = map_positions(graph)
    assert abs(pos["36.99"][0] - pos["36"][0]) < 100 and abs(pos["36.99"][1] - pos["36"][1]) < 100
    assert pos["x"][1] > max(pos[c][1] for c in ("17.71", "19.71", "15.71", "36"))
    assert set(notes) == {"36.99", "x"}


def test_force_positions_are_deterministic_and_spread(graph: nx.MultiDiGraph) -> None:
    first = force_positions(graph)
    assert first == force_positions(graph)
    assert set(first) == set(graph.nodes)
    points = list(first.values())
    assert len(set(points)) == len(points)
    assert force_positions(nx.MultiDiGraph()) == {}


def test_empty_view_renders(tmp_path: Path) -> None:
    page = write_view_html(nx.MultiDiGraph(view="learning"), tmp_path / "e.html").read_text()
    data = _data(page)
    assert data["nodes"] == [] and data["edges"] == []
    assert "Nothing to show" in page
    assert _tags(page).fetching == []


def test_views_from_an_ingested_store(viz_store: OxigraphStore) -> None:
    data = view_payload(learning_view(viz_store))
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 5
    assert XSS_TITLE in [d["title"] for d in data["docs"]]

    cascade = diffusion_view(viz_store, program="pasar murah")
    data = view_payload(cascade)
    assert data["layouts"] == ["map", "force", "timeline"]
    assert data["initial"]["layout"] == "timeline" and data["initial"]["size"] == "first"
    order = {n["id"]: (n["order"], n["firstAdopter"]) for n in data["nodes"]}
    # The order of `sinergi analyze cascades --form trees`: date, then code, so on their
    # shared day Banyumas (33.02) is numbered before Solo (33.72), the origin it learned from.
    assert order == {"33.02": (1, False), "33.72": (2, True), "33.01": (3, False)}
    assert data["focus"] == ["33.72"]
    x = {n["id"]: n["pos"]["timeline"][0] for n in data["nodes"]}
    assert x["33.72"] == x["33.02"] < x["33.01"]  # time runs left to right
    assert timeline_positions(cascade)["33.02"][1] < timeline_positions(cascade)["33.72"][1]


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
        '<form action="https://example.org/collect"></form>',
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
