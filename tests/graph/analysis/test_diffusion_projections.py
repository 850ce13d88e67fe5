"""Filterable projections of a hand-written five-region graph (tests/graph/analysis/diffusion_fixture.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from sinergi import api
from sinergi import namespace as ns
from sinergi.errors import QueryError, SinergiError
from sinergi.graph.analysis import diffusion
from sinergi.graph.store import OxigraphStore
from tests.graph.analysis.diffusion_fixture import (
    P1,
    P2,
    P3,
    build_fixture_store,
    edge_table,
    expected_adoption,
    expected_learning,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = build_fixture_store(tmp_path_factory.mktemp("diffusion-projections"))
    yield opened
    opened.close()


def summary(graph: nx.Graph, *names: str) -> dict:
    return {key: tuple(data[n] for n in names) for key, data in edge_table(graph).items()}


def test_learning_projection_equals_the_hand_built_graph(store: OxigraphStore) -> None:
    graph = diffusion.learning_projection(store)
    expected = expected_learning()

    assert edge_table(graph) == edge_table(expected)
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))


def test_learning_projection_counts_undated_statements_but_dates_only_dated(
    store: OxigraphStore,
) -> None:
    edge = diffusion.learning_projection(store).edges["17.71", "36"]

    assert (edge["weight"], edge["dates"], edge["first"], edge["last"]) == (
        2,
        ["2022-03-01"],
        "2022-03-01",
        "2022-03-01",
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"theme": "perdagangan"}, {("19.71", "17.71"): (1,), ("17.71", "36"): (1,)}),
        (
            {"start": "2022-01-01"},
            {
                ("19.71", "17.71"): (1,),
                ("17.71", "36"): (1,),
                ("36", "36.04"): (1,),
                ("19.71", "15.71"): (1,),
            },
        ),
        ({"end": "2021-12-31"}, {("19.71", "15.71"): (1,)}),
        (
            {"start": "2022-01-15", "end": "2022-12-31"},
            {("17.71", "36"): (1,), ("19.71", "15.71"): (1,)},
        ),
        ({"province": "36"}, {("17.71", "36"): (2,), ("36", "36.04"): (1,)}),
        ({"theme": "kesehatan", "province": "36"}, {("36", "36.04"): (1,)}),
    ],
)
def test_learning_projection_filters(store: OxigraphStore, filters: dict, expected: dict) -> None:
    assert summary(diffusion.learning_projection(store, **filters), "weight") == expected


def test_collaboration_projection_by_type_dates_and_themes(store: OxigraphStore) -> None:
    graph = diffusion.collaboration_projection(store)

    assert summary(graph, "weight", "by_type", "dates", "themes", "first", "last") == {
        ("17.71", "19.71"): (
            2,
            {"forum": 1, "visit": 1},
            ["2021-12-01", "2022-01-10"],
            ["perdagangan"],
            "2021-12-01",
            "2022-01-10",
        ),
        ("15.71", "17.71"): (1, {"forum": 1}, ["2021-12-01"], [], "2021-12-01", "2021-12-01"),
        ("15.71", "19.71"): (1, {"forum": 1}, ["2021-12-01"], [], "2021-12-01", "2021-12-01"),
        ("17.71", "36"): (
            1,
            {"agreement": 1},
            ["2022-03-01"],
            ["perdagangan"],
            "2022-03-01",
            "2022-03-01",
        ),
        ("36", "36.04"): (1, {"visit": 1}, ["2023-05-20"], [], "2023-05-20", "2023-05-20"),
    }
    assert not graph.is_directed()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"event_type": "visit"}, {("17.71", "19.71"): (1,), ("36", "36.04"): (1,)}),
        (
            {"event_type": "forum", "province": "15"},
            {("15.71", "17.71"): (1,), ("15.71", "19.71"): (1,)},
        ),
        ({"theme": "perdagangan"}, {("17.71", "19.71"): (1,), ("17.71", "36"): (1,)}),
        ({"start": "2022-02-01"}, {("17.71", "36"): (1,), ("36", "36.04"): (1,)}),
        # the province itself and its regencies, at either end of a pair
        ({"province": "36"}, {("17.71", "36"): (1,), ("36", "36.04"): (1,)}),
        ({"province": "36", "theme": "perdagangan"}, {("17.71", "36"): (1,)}),
    ],
)
def test_collaboration_projection_filters(
    store: OxigraphStore, filters: dict, expected: dict
) -> None:
    assert summary(diffusion.collaboration_projection(store, **filters), "weight") == expected


def test_collaboration_projection_rejects_unknown_event_type(store: OxigraphStore) -> None:
    with pytest.raises(SinergiError, match="unknown event type"):
        diffusion.collaboration_projection(store, event_type="party")


def test_adoption_network_equals_the_hand_built_graph(store: OxigraphStore) -> None:
    graph = diffusion.adoption_network(store)
    expected = expected_adoption()

    assert edge_table(graph) == edge_table(expected)
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert graph.graph == expected.graph


def test_adoption_network_owner_rule_respects_the_program_date(store: OxigraphStore) -> None:
    graph = diffusion.adoption_network(store)

    # L4 (2022-02-01) counts for P1 (reported 2022-01-10), L5 (2021-12-01) does not
    assert graph.edges["19.71", "15.71", P1]["evidence"] == 1
    assert graph.edges["19.71", "15.71", P1]["basis"] == ["owner"]
    # L6 is undated: learning, but no adoption
    assert graph.number_of_edges("17.71", "36") == 1


@pytest.mark.parametrize(
    ("filters", "edges", "programs"),
    [
        (
            {"theme": "perdagangan"},
            {("19.71", "17.71", P1), ("17.71", "36", P2), ("19.71", "15.71", P1)},
            {P1, P2},
        ),
        (
            {"province": "36"},
            {("17.71", "36", P2), ("36", "36.04", "theme:kesehatan")},
            {P3},
        ),
        (
            {"start": "2022-01-15", "end": "2022-12-31"},
            {("17.71", "36", P2), ("19.71", "15.71", P1)},
            {P2},
        ),
        ({"end": "2021-12-31"}, set(), set()),
    ],
)
def test_adoption_network_filters(
    store: OxigraphStore, filters: dict, edges: set, programs: set
) -> None:
    graph = diffusion.adoption_network(store, **filters)

    assert set(edge_table(graph)) == edges
    assert set(graph.graph["programs"]) == programs


def test_project_by_name_and_bad_values(store: OxigraphStore) -> None:
    assert diffusion.project(store, "learning").number_of_edges() == 4
    assert diffusion.project(store, "collaboration", event_type="agreement").number_of_edges() == 1
    with pytest.raises(SinergiError, match="unknown network"):
        diffusion.project(store, "friendship")
    with pytest.raises(SinergiError, match="collaboration network only"):
        diffusion.project(store, "learning", event_type="visit")
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        diffusion.learning_projection(store, start="March 2022")
    with pytest.raises(QueryError, match="unknown theme"):
        diffusion.learning_projection(store, theme="space-travel")


def test_owner_rule_takes_the_programs_last_reported(tmp_path: Path) -> None:
    triples = []
    for name, theme, when in (
        ("q1", "perdagangan", "2021-01-01"),
        ("q2", "perdagangan", "2021-06-01"),
        ("q3", "kesehatan", "2021-03-01"),
        ("q4", "perdagangan", "2022-01-01"),
    ):
        node = URIRef(ns.ID[f"program/owner-rule/{name}"])
        triples += [
            (node, ns.RDF.type, ns.SG.Program),
            (node, ns.RDFS.label, Literal(name, lang="id")),
            (node, ns.SG.owner, ns.region_iri("19.71")),
            (node, ns.SG.theme, ns.theme_iri(theme)),
            (node, ns.SG.date, Literal(when, datatype=ns.XSD.date)),
        ]
    statement = URIRef(ns.ID["learning/owner-rule/s"])
    triples += [
        (statement, ns.RDF.type, ns.SG.Learning),
        (statement, ns.SG.learner, ns.region_iri("15.71")),
        (statement, ns.SG.source, ns.region_iri("19.71")),
        (statement, ns.SG.date, Literal("2021-07-01", datatype=ns.XSD.date)),
    ]
    with api.open_store(tmp_path / "store") as store:
        store.replace_graph(URIRef(ns.GRAPH["test/owner-rule"]), triples)
        graph = diffusion.adoption_network(store)
        trade_only = diffusion.adoption_network(store, theme="perdagangan")
        health_only = diffusion.adoption_network(store, theme="kesehatan")

    # q2 is the last program reported before 2021-07-01 (q4 comes later)
    assert [key.rsplit("/", 1)[1] for _, _, key in graph.edges(keys=True)] == ["q2"]
    assert graph.edges["19.71", "15.71", str(ns.ID["program/owner-rule/q2"])]["basis"] == ["owner"]
    assert [key.rsplit("/", 1)[1] for _, _, key in trade_only.edges(keys=True)] == ["q2"]
    assert list(health_only.edges(keys=True)) == []  # q3 was not the last one reported
