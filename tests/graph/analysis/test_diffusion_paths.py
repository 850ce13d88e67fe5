"""Time-respecting paths on small dated networks, answers worked out by hand."""

from __future__ import annotations

import networkx as nx

from sinergi.graph.analysis.paths import (
    earliest_arrival,
    earliest_arrival_tree,
    temporal_contacts,
    time_respecting_paths,
)
from tests.graph.analysis.diffusion_fixture import expected_adoption, expected_learning


def arrivals(result: dict) -> dict:
    return {node: (info["arrival"], info["parent"], info["hops"]) for node, info in result.items()}


def test_contacts_of_the_learning_projection() -> None:
    assert temporal_contacts(expected_learning()) == [
        (18962, "19.71", "15.71"),
        (19002, "19.71", "17.71"),
        (19024, "19.71", "15.71"),
        (19052, "17.71", "36"),
        (19497, "36", "36.04"),
    ]


def test_contacts_of_undirected_and_multigraphs() -> None:
    undirected = nx.Graph()
    undirected.add_edge("A", "B", dates=["2022-01-01"])
    assert temporal_contacts(undirected) == [(18993, "A", "B"), (18993, "B", "A")]
    assert temporal_contacts(expected_adoption())[:2] == [
        (19002, "19.71", "17.71"),
        (19024, "19.71", "15.71"),
    ]
    first_last = nx.DiGraph([("A", "B", {"first": "2022-01-01", "last": "2022-01-03"})])
    assert temporal_contacts(first_last) == [(18993, "A", "B"), (18995, "A", "B")]


def test_earliest_arrival_from_pangkalpinang() -> None:
    result = earliest_arrival(expected_learning(), "19.71")

    assert arrivals(result) == {
        "19.71": (None, None, 0),
        "15.71": ("2021-12-01", "19.71", 1),
        "17.71": ("2022-01-10", "19.71", 1),
        "36": ("2022-03-01", "17.71", 2),
        "36.04": ("2023-05-20", "36", 3),
    }


def test_start_date_skips_earlier_contacts() -> None:
    result = earliest_arrival(expected_learning(), "19.71", start="2022-01-01")

    assert result["19.71"]["arrival"] == "2022-01-01"
    assert result["15.71"]["arrival"] == "2022-02-01"
    late = earliest_arrival(expected_learning(), "19.71", start="2022-03-02")
    assert set(late) == {"19.71"}


def test_never_backward_in_time() -> None:
    # a static path A -> B -> C exists, but B passes things on before it hears of them
    G = nx.DiGraph()
    G.add_edge("A", "B", dates=["2022-01-05"])
    G.add_edge("B", "C", dates=["2022-01-03"])

    assert set(earliest_arrival(G, "A")) == {"A", "B"}
    assert nx.has_path(G, "A", "C")


def test_same_day_chains_unless_strict() -> None:
    G = nx.DiGraph()
    G.add_edge("B", "C", dates=["2022-01-03"])  # listed first: order must not matter
    G.add_edge("A", "B", dates=["2022-01-03"])
    G.add_edge("C", "D", dates=["2022-01-04"])

    loose = earliest_arrival(G, "A")
    strict = earliest_arrival(G, "A", strict=True)

    assert arrivals(loose) == {
        "A": (None, None, 0),
        "B": ("2022-01-03", "A", 1),
        "C": ("2022-01-03", "B", 2),
        "D": ("2022-01-04", "C", 3),
    }
    assert arrivals(strict) == {"A": (None, None, 0), "B": ("2022-01-03", "A", 1)}


def test_ties_prefer_fewer_hops() -> None:
    G = nx.DiGraph()
    G.add_edge("A", "B", dates=["2022-01-01"])
    G.add_edge("B", "C", dates=["2022-01-02"])
    G.add_edge("A", "C", dates=["2022-01-02"])

    assert arrivals(earliest_arrival(G, "A"))["C"] == ("2022-01-02", "A", 1)


def test_multi_source_paths_rows() -> None:
    rows = time_respecting_paths(expected_learning(), ["17.71", "19.71"])

    assert rows == [
        {
            "origin": "19.71",
            "target": "15.71",
            "name": "Kota Jambi",
            "arrival": "2021-12-01",
            "hops": 1,
            "path": "19.71 > 15.71",
            "dates": "2021-12-01",
        },
        {
            "origin": "17.71",
            "target": "36",
            "name": "Banten",
            "arrival": "2022-03-01",
            "hops": 1,
            "path": "17.71 > 36",
            "dates": "2022-03-01",
        },
        {
            "origin": "17.71",
            "target": "36.04",
            "name": "Kabupaten Serang",
            "arrival": "2023-05-20",
            "hops": 2,
            "path": "17.71 > 36 > 36.04",
            "dates": "2022-03-01 > 2023-05-20",
        },
    ]


def test_earliest_arrival_tree() -> None:
    tree = earliest_arrival_tree(expected_learning(), "19.71")

    assert sorted(tree.edges(data="date")) == [
        ("17.71", "36", "2022-03-01"),
        ("19.71", "15.71", "2021-12-01"),
        ("19.71", "17.71", "2022-01-10"),
        ("36", "36.04", "2023-05-20"),
    ]
    assert nx.is_arborescence(tree)
    assert tree.nodes["36.04"]["hops"] == 3


def test_unknown_source_reaches_nothing_else() -> None:
    assert time_respecting_paths(expected_learning(), "99.99") == []
