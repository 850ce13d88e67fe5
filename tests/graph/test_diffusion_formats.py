"""Projections written as GraphML, GEXF and CSV edge lists, and read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.formats import portable_graph, rows_to_csv, write_network
from tests.graph.diffusion_fixture import P1, expected_adoption, expected_learning


def collaboration() -> nx.Graph:
    graph = nx.Graph(name="collaboration")
    graph.add_node("17.71", label="Kota Bengkulu", lat=-3.8)
    graph.add_node("19.71", label="Kota Pangkal Pinang", lat=None)
    graph.add_edge(
        "17.71",
        "19.71",
        weight=2,
        by_type={"forum": 1, "visit": 1},
        types=["forum", "visit"],
        dates=["2021-12-01", "2022-01-10"],
        themes=[],
        first="2021-12-01",
        last=None,
    )
    return graph


def test_portable_graph_flattens_lists_dicts_and_drops_none() -> None:
    portable = portable_graph(collaboration())

    assert portable.edges["17.71", "19.71"] == {
        "weight": 2,
        "by_type_forum": 1,
        "by_type_visit": 1,
        "types": "forum;visit",
        "dates": "2021-12-01;2022-01-10",
        "themes": "",
        "first": "2021-12-01",
    }
    assert portable.nodes["19.71"] == {"label": "Kota Pangkal Pinang"}
    assert portable_graph(expected_adoption()).graph == {"name": "adoption"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip(tmp_path: Path, fmt: str) -> None:
    path = write_network(expected_learning(), tmp_path / f"learning.{fmt}", fmt)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)

    assert set(back.edges) == set(expected_learning().edges)
    edge = back.edges["19.71", "15.71"]
    assert edge["dates"] == "2021-12-01;2022-02-01"
    assert int(edge["weight"]) == 2
    assert back.nodes["17.71"]["label"] == "Kota Bengkulu"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_multigraph_and_undirected_graph_write(tmp_path: Path, fmt: str) -> None:
    adoption = write_network(expected_adoption(), tmp_path / f"adoption.{fmt}", fmt)
    collab = write_network(collaboration(), tmp_path / f"collab.{fmt}", fmt)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf

    back = read(adoption)
    assert back.number_of_edges() == 4
    assert read(collab).number_of_edges() == 1


def test_edge_list_csv(tmp_path: Path) -> None:
    path = write_network(expected_adoption(), tmp_path / "adoption.csv", "edgelist")

    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0])[:3] == ["source", "target", "key"]
    by_key = {(r["source"], r["target"], r["key"]): r for r in rows}
    assert by_key[("19.71", "15.71", P1)]["basis"] == "owner"
    assert by_key[("36", "36.04", "theme:kesehatan")]["program"] == ""
    with pytest.raises(SinergiError, match="unknown network format"):
        write_network(expected_learning(), tmp_path / "x.net", "pajek")


def test_rows_to_csv() -> None:
    text = rows_to_csv([{"a": 1, "b": None, "c": 0.1 + 0.2}, {"a": 2, "d": ["x", "y"]}])

    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b", "c", "d"],
        ["1", "", "0.3", ""],
        ["2", "", "", "x;y"],
    ]
