"""NetworkX projections of a store built from a small hand-written corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from sinergi import api
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.store import OxigraphStore
from tests.graph.store.fixture_corpus import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = build_store(tmp_path_factory.mktemp("networks"))
    yield opened
    opened.close()


def test_learning_network_edges_are_exact(store: OxigraphStore) -> None:
    graph = api.learning_network(store)

    assert isinstance(graph, nx.DiGraph)
    edges = {(a, b): data for a, b, data in graph.edges(data=True)}
    assert edges == {
        ("19.71", "17.71"): {"weight": 2, "first": "2022-02-24", "last": "2023-01-12"},
        ("17.71", "36.04"): {"weight": 1, "first": "2022-06-10", "last": "2022-06-10"},
        ("36", "17"): {"weight": 1, "first": "2022-03-15", "last": "2022-03-15"},
        ("17", "36"): {"weight": 1, "first": "2022-03-15", "last": "2022-03-15"},
    }


def test_learning_network_direction_is_source_to_learner(store: OxigraphStore) -> None:
    graph = api.learning_network(store)

    assert graph.has_edge("19.71", "17.71")
    assert not graph.has_edge("17.71", "19.71")
    assert nx.has_path(graph, "19.71", "36.04")
    assert not nx.has_path(graph, "36.04", "19.71")


def test_learning_network_node_attributes(store: OxigraphStore) -> None:
    graph = api.learning_network(store)

    assert set(graph.nodes) == {"19.71", "17.71", "36.04", "36", "17"}
    node = graph.nodes["19.71"]
    assert node["label"] == "Kota Pangkal Pinang"
    assert node["kind"] == "kota"
    assert node["province"] == "19"
    assert node == region_attributes("19.71")
    assert graph.nodes["36.04"]["kind"] == "kabupaten"
    assert graph.nodes["36"]["kind"] == "provinsi"


def test_collaboration_network_edges_and_types(store: OxigraphStore) -> None:
    graph = api.collaboration_network(store)

    assert isinstance(graph, nx.Graph) and not graph.is_directed()
    edges = {tuple(sorted((a, b))): data for a, b, data in graph.edges(data=True)}
    assert edges == {
        ("17.71", "19.71"): {
            "weight": 2,
            "types": ["visit"],
            "by_type": {"visit": 2},
            "first": "2022-02-24",
            "last": "2023-01-12",
        },
        ("17.71", "36.04"): {
            "weight": 1,
            "types": ["visit"],
            "by_type": {"visit": 1},
            "first": "2022-06-10",
            "last": "2022-06-10",
        },
        ("17", "36"): {
            "weight": 1,
            "types": ["agreement"],
            "by_type": {"agreement": 1},
            "first": "2022-03-15",
            "last": "2022-03-15",
        },
    }
    # The MoU's venue (Kota Serang) is not a party.
    assert "36.73" not in graph


def test_empty_store_gives_empty_networks(tmp_path: Path) -> None:
    with api.open_store(tmp_path / "kosong") as empty:
        assert api.learning_network(empty).number_of_edges() == 0
        assert api.collaboration_network(empty).number_of_nodes() == 0


def test_region_attributes_of_unknown_code() -> None:
    assert region_attributes("99.99") == {"label": "99.99"}
