"""View data from a store built by ingesting the view tests' own articles (tests/viz/corpus.py)."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.store import OxigraphStore
from sinergi.viz.views import (
    Evidence,
    ViewFilter,
    build_view,
    collaboration_view,
    diffusion_view,
    ego_view,
    island_of,
    learning_view,
    node_scores,
    region_node,
)
from tests.viz.corpus import LEARNING, MEDAN_SENTENCE, XSS_TITLE


def _edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[str | None]]:
    return {
        (u, v, key): [e.date for e in data["evidence"]]
        for u, v, key, data in graph.edges(keys=True, data=True)
    }


def test_learning_view_has_every_relation_with_its_evidence(viz_store: OxigraphStore) -> None:
    graph = learning_view(viz_store)

    assert graph.graph["view"] == "learning"
    assert _edges(graph) == {(u, v, "learning"): dates for (u, v), dates in LEARNING.items()}
    assert all(data["directed"] for _u, _v, data in graph.edges(data=True))
    [medan] = graph.edges["35.78", "12.71", "learning"]["evidence"]
    assert medan.title == XSS_TITLE
    assert medan.url == "javascript:window.__pwned = 3"
    assert medan.sentences == (MEDAN_SENTENCE,)
    assert medan.themes == ("lingkungan-hidup",)
    assert medan.doc == "v4" and medan.kind == "learning"
    first, second = graph.edges["33.72", "33.02", "learning"]["evidence"]
    assert (first.doc, first.themes) == ("v1", ("perdagangan",))
    assert (second.doc, second.themes) == ("v5", ("perhubungan",))
    assert first.url == "https://example.org/berita/v1"
    assert "pasar murah keliling" in first.detail


def test_view_nodes_carry_region_attributes(viz_store: OxigraphStore) -> None:
    graph = learning_view(viz_store)
    solo = graph.nodes["33.72"]
    assert solo["label"] == "Kota Surakarta"
    assert solo["kind"] == "kota"
    assert solo["province"] == "33"
    assert solo["province_name"] == "Jawa Tengah"
    assert solo["island"] == "Jawa"
    assert "Solo" in solo["aliases"]
    assert region_node("99.99") == {"label": "99.99", "aliases": ()}
    assert [island_of(p) for p in ("11", "21", "36", "52", "64", "73", "81", "96", None)] == [
        "Sumatera",
        "Sumatera",
        "Jawa",
        "Bali dan Nusa Tenggara",
        "Kalimantan",
        "Sulawesi",
        "Maluku",
        "Papua",
        "tidak diketahui",
    ]


def test_collaboration_view_has_one_edge_per_pair_and_kind(viz_store: OxigraphStore) -> None:
    graph = collaboration_view(viz_store)

    assert _edges(graph) == {
        ("12.71", "35.78", "visit"): ["2024-03-05"],
        ("13.71", "13.75", "agreement"): ["2023-11-02"],
        ("33.01", "33.02", "visit"): ["2022-05-10"],
        ("33.02", "33.72", "visit"): ["2020-09-15", "2023-08-14"],
        ("34.04", "34.71", "visit"): [None],
        ("72.71", "73.71", "forum"): ["2019-03-06"],
        ("72.71", "74.71", "forum"): ["2019-03-06"],
        ("73.71", "74.71", "forum"): ["2019-03-06"],
    }
    assert not any(data["directed"] for _u, _v, data in graph.edges(data=True))
    [visit] = graph.edges["12.71", "35.78", "visit"]["evidence"]
    assert visit.detail == "host: Kota Surabaya; guest: Kota Medan"
    [forum] = graph.edges["72.71", "74.71", "forum"]["evidence"]
    assert forum.detail.startswith("forum: APEKSI")


def test_ego_view_follows_links_of_every_kind(viz_store: OxigraphStore) -> None:
    near = ego_view(viz_store, "33.01", depth=1)
    far = ego_view(viz_store, "33.01", depth=2)

    assert set(near) == {"33.01", "33.02"}
    assert set(far) == {"33.01", "33.02", "33.72"}
    assert {key for _u, _v, key in far.edges(keys=True)} == {"learning", "visit"}
    assert far.graph["focus"] == ("33.01",)
    assert far.nodes["33.72"]["distance"] == 2
    alone = ego_view(viz_store, "11.01")
    assert list(alone.nodes) == ["11.01"] and alone.number_of_edges() == 0


def test_diffusion_of_a_program_orders_adopters_in_time(viz_store: OxigraphStore) -> None:
    graph = diffusion_view(viz_store, program="Pasar Murah")

    assert _edges(graph) == {
        ("33.72", "33.02", "learning"): ["2020-09-15"],
        ("33.02", "33.01", "learning"): ["2022-05-10"],
    }
    adopters = {
        node: (attrs["order"], attrs["adopted"], attrs["first_adopter"])
        for node, attrs in graph.nodes(data=True)
    }
    # Solo owns it and is the origin; Banyumas learned it from Solo that day. The order is
    # that of `sinergi analyze cascades --form trees` (date, then code), so on the shared
    # day Banyumas comes first; `parent` says who taught whom.
    assert adopters == {
        "33.02": (1, "2020-09-15", False),
        "33.72": (2, "2020-09-15", True),
        "33.01": (3, "2022-05-10", False),
    }
    assert {node: graph.nodes[node]["parent"] for node in graph} == {
        "33.72": None,
        "33.02": "33.72",
        "33.01": "33.02",
    }
    assert graph.graph["focus"] == ("33.72",)
    assert [e.kind for e in graph.nodes["33.72"]["adoption"]] == ["program"]
    assert 'program "Pasar Murah"' in graph.graph["description"]


def test_diffusion_of_a_theme(viz_store: OxigraphStore) -> None:
    by_theme = diffusion_view(viz_store, theme="perdagangan")
    assert set(by_theme) == {"33.72", "33.02", "33.01"}
    assert by_theme.graph["focus"] == ("33.72",)
    waste = diffusion_view(viz_store, theme="lingkungan-hidup")
    assert set(waste) == {"35.78", "12.71"}
    assert waste.graph["focus"] == ("35.78",)
    assert diffusion_view(viz_store, program="no such program").number_of_nodes() == 0


def test_time_filters(viz_store: OxigraphStore) -> None:
    graph = learning_view(viz_store, ViewFilter(since="2021-01-01", until="2023-12-31"))
    assert _edges(graph) == {
        ("33.02", "33.01", "learning"): ["2022-05-10"],
        ("33.72", "33.02", "learning"): ["2023-08-14"],
    }
    assert "34.04" not in graph  # undated evidence cannot be shown to be in range


def test_theme_kind_province_and_evidence_filters(viz_store: OxigraphStore) -> None:
    themed = learning_view(viz_store, ViewFilter(themes=frozenset({"perhubungan"})))
    assert _edges(themed) == {("33.72", "33.02", "learning"): ["2023-08-14"]}

    agreements = collaboration_view(viz_store, ViewFilter(kinds=frozenset({"agreement"})))
    assert list(agreements.edges(keys=True)) == [("13.71", "13.75", "agreement")]

    java = learning_view(viz_store, ViewFilter(province="33"))
    assert {(u, v) for u, v in java.edges()} == {("33.72", "33.02"), ("33.02", "33.01")}

    strong = learning_view(viz_store, ViewFilter(min_evidence=2))
    assert list(strong.edges()) == [("33.72", "33.02")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": frozenset({"meeting"})}, "unknown link type"),
        ({"themes": frozenset({"nope"})}, "unknown theme"),
        ({"province": "33.02"}, "not a province code"),
        ({"since": "2020-13-01"}, "not a YYYY-MM-DD date"),
        ({"min_evidence": 0}, "at least 1"),
    ],
)
def test_bad_filters_are_clean_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(SinergiError, match=message):
        ViewFilter(**kwargs)


def test_bad_view_arguments_are_clean_errors(viz_store: OxigraphStore) -> None:
    with pytest.raises(SinergiError, match="unknown view"):
        build_view(viz_store, "map")
    with pytest.raises(SinergiError, match="needs a region"):
        build_view(viz_store, "ego")
    with pytest.raises(SinergiError, match="not a Kemendagri region code"):
        build_view(viz_store, "ego", region="99.99")
    with pytest.raises(SinergiError, match="needs a program"):
        build_view(viz_store, "diffusion")
    with pytest.raises(SinergiError, match="unknown theme"):
        build_view(viz_store, "diffusion", theme="nope")


def _evidence(date: str | None, n: int = 0) -> Evidence:
    return Evidence(statement=f"s{date}{n}", kind="learning", date=date)


def test_node_scores_on_a_hand_computed_graph() -> None:
    graph = nx.MultiDiGraph(view="learning")
    graph.add_nodes_from(["a", "b", "c", "d"])
    graph.add_edge(
        "a",
        "b",
        key="learning",
        kind="learning",
        directed=True,
        evidence=[_evidence("2021-01-01"), _evidence("2020-05-01", 1)],
    )
    graph.add_edge(
        "a", "c", key="learning", kind="learning", directed=True, evidence=[_evidence(None)]
    )
    graph.add_edge(
        "b", "c", key="visit", kind="visit", directed=False, evidence=[_evidence("2019-02-02")]
    )

    scores = node_scores(graph)

    assert {n: s["degree"] for n, s in scores.items()} == {"a": 2, "b": 2, "c": 2, "d": 0}
    assert {n: s["evidence"] for n, s in scores.items()} == {"a": 3, "b": 3, "c": 2, "d": 0}
    assert {n: s["first"] for n, s in scores.items()} == {
        "a": "2020-05-01",
        "b": "2019-02-02",
        "c": "2019-02-02",
        "d": None,
    }
    # learning credit flows from learners to the source: "a" taught both others
    rank = {n: s["pagerank"] for n, s in scores.items()}
    assert rank["a"] == max(rank.values())
    assert rank["d"] == min(rank.values())
    assert sum(rank.values()) == pytest.approx(1.0)
