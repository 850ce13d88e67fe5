"""Projections written as GraphML, GEXF and CSV edge lists, and read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.analysis.formats import portable_graph, rows_to_csv, write_network
from tests.graph.analysis.diffusion_fixture import expected_adoption, expected_learning


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

    # nodes are named as in every sinergi file (ID-<code>), with that name also in the
    # "name" attribute R igraph takes vertex names from; the attributes are all kept
    assert set(back.edges) == {(f"ID-{u}", f"ID-{v}") for u, v in expected_learning().edges}
    edge = back.edges["ID-19.71", "ID-15.71"]
    assert edge["dates"] == "2021-12-01;2022-02-01"
    assert int(edge["weight"]) == 2
    assert back.nodes["ID-17.71"]["label"] == "Kota Bengkulu"
    assert back.nodes["ID-17.71"]["name"] == "ID-17.71"
    assert back.nodes["ID-36.04"]["province"] == "ID-36"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_multigraph_and_undirected_graph_write(tmp_path: Path, fmt: str) -> None:
    adoption = write_network(expected_adoption(), tmp_path / f"adoption.{fmt}", fmt)
    collab = write_network(collaboration(), tmp_path / f"collab.{fmt}", fmt)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf

    back = read(adoption)
    assert back.number_of_edges() == 4
    assert read(collab).number_of_edges() == 1


def test_edge_list_is_source_target_lines(tmp_path: Path) -> None:
    path = write_network(expected_adoption(), tmp_path / "adoption.txt", "edgelist")

    lines = path.read_text(encoding="utf-8").splitlines()
    # one line per adoption edge, parallel edges included, no header, no attributes
    assert len(lines) == expected_adoption().number_of_edges()
    assert "ID-19.71 ID-15.71" in lines and "ID-36 ID-36.04" in lines
    assert all(len(line.split()) == 2 for line in lines)
    back = nx.read_edgelist(path, create_using=nx.MultiDiGraph)
    assert sorted(back.edges()) == sorted(
        (f"ID-{u}", f"ID-{v}") for u, v in expected_adoption().edges()
    )
    with pytest.raises(SinergiError, match="unknown network format"):
        write_network(expected_learning(), tmp_path / "x.net", "pajek")
    spaced = nx.Graph([("Kota Bengkulu", "36")])
    with pytest.raises(SinergiError, match="cannot be written to an edge list"):
        write_network(spaced, tmp_path / "x.txt", "edgelist")


def test_rows_to_csv() -> None:
    text = rows_to_csv([{"a": 1, "b": None, "c": 0.1 + 0.2}, {"a": 2, "d": ["x", "y"]}])

    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b", "c", "d"],
        ["1", "", "0.3", ""],
        ["2", "", "", "x;y"],
    ]


def test_rows_to_csv_writes_codes_in_their_file_form() -> None:
    rows = [{"node_name": "35.20", "event_time": 19058, "path": "17 > 35.20"}]

    assert rows_to_csv(rows).splitlines() == [
        "node_name,event_time,path",
        "ID-35.20,19058,ID-17 > ID-35.20",
    ]
    assert rows_to_csv(rows, tag=False).splitlines()[1] == "35.20,19058,17 > 35.20"
