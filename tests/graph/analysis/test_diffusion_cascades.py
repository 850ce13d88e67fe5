"""Adoption cascades, diffusion trees and lags on the hand-built adoption network."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import (
    adoption_cascades,
    adoption_events,
    cascade_network,
    cascade_times,
    cascade_trees,
    cascades_from_rows,
    cascades_wide,
    day_number,
    from_day_number,
    tie_lags,
    tree_rows,
)
from tests.graph.analysis.diffusion_fixture import P1, P2, expected_adoption

# day numbers of the fixture dates (days since 1970-01-01)
D_2022_01_10, D_2022_02_01, D_2022_03_01 = 19002, 19024, 19052
D_2023_01_15, D_2023_05_20 = 19372, 19497


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return expected_adoption()


def test_day_numbers_are_days_since_1970() -> None:
    assert day_number("1970-01-01") == 0
    assert day_number("2022-01-01") == 18993
    assert day_number("2022-01-10") == D_2022_01_10
    assert day_number("2023-05-20") == D_2023_05_20
    assert from_day_number(D_2022_03_01) == "2022-03-01"


def test_cascades_by_theme_long_form(G: nx.MultiDiGraph) -> None:
    rows = adoption_cascades(G)

    assert [
        (r["cascade_id"], r["node_name"], r["event_time"], r["parent"], r["how"]) for r in rows
    ] == [
        ("kesehatan", "36", D_2023_01_15, "", "owns"),
        ("kesehatan", "36.04", D_2023_05_20, "36", "learned"),
        ("perdagangan", "17.71", D_2022_01_10, "19.71", "learned"),
        ("perdagangan", "19.71", D_2022_01_10, "", "owns;taught"),
        ("perdagangan", "15.71", D_2022_02_01, "19.71", "learned"),
        ("perdagangan", "36", D_2022_03_01, "17.71", "learned"),
    ]
    assert list(rows[0])[:3] == ["node_name", "event_time", "cascade_id"]
    assert rows[0]["date"] == "2023-01-15"
    assert rows[0]["name"] == "Banten"


def test_cascades_iso_times(G: nx.MultiDiGraph) -> None:
    rows = adoption_cascades(G, time="iso")

    assert [r["event_time"] for r in rows] == [
        "2023-01-15",
        "2023-05-20",
        "2022-01-10",
        "2022-01-10",
        "2022-02-01",
        "2022-03-01",
    ]
    with pytest.raises(SinergiError):
        adoption_cascades(G, time="weeks")


def test_cascades_by_program_label_skip_theme_only_adoptions(G: nx.MultiDiGraph) -> None:
    times = cascade_times(G, "program")

    # labels are lower-cased with spaces collapsed; the theme-only edge 36 -> 36.04 is no program
    assert times == {
        "pasar murah di masjid": {"17.71": "2022-03-01", "36": "2022-03-01"},
        "pasar murah keliling": {
            "15.71": "2022-02-01",
            "17.71": "2022-01-10",
            "19.71": "2022-01-10",
        },
        "posyandu keliling": {"36": "2023-01-15"},
    }


def test_cascades_merged_by_phrase(G: nx.MultiDiGraph) -> None:
    assert cascade_times(G, "program", programs=["Pasar  MURAH"]) == {
        "pasar murah": {
            "15.71": "2022-02-01",
            "17.71": "2022-01-10",
            "19.71": "2022-01-10",
            "36": "2022-03-01",
        }
    }
    assert cascade_times(G, "program", programs=["keliling"]) == {
        "keliling": {
            "15.71": "2022-02-01",
            "17.71": "2022-01-10",
            "19.71": "2022-01-10",
            "36": "2023-01-15",
        }
    }
    with pytest.raises(SinergiError, match="by='program'"):
        cascade_times(G, "theme", programs=["pasar"])
    with pytest.raises(SinergiError, match="cannot group"):
        cascade_times(G, "region")


def test_adoption_events_list_every_dated_event(G: nx.MultiDiGraph) -> None:
    events = [
        (e["region"], e["date"], e["how"], e["source"])
        for e in adoption_events(G)
        if e["cascade_id"] == "perdagangan"
    ]

    assert events == [
        ("17.71", "2022-01-10", "learned", "19.71"),
        ("19.71", "2022-01-10", "owns", None),
        ("19.71", "2022-01-10", "taught", None),
        ("15.71", "2022-02-01", "learned", "19.71"),
        ("19.71", "2022-02-01", "taught", None),
        ("17.71", "2022-03-01", "owns", None),
        ("17.71", "2022-03-01", "taught", None),
        ("36", "2022-03-01", "learned", "17.71"),
    ]


def test_diffusion_trees_and_lags(G: nx.MultiDiGraph) -> None:
    trees = cascade_trees(G)

    trade = trees["perdagangan"]
    assert sorted(trade.edges(data="lag_days")) == [
        ("17.71", "36", 50),
        ("19.71", "15.71", 22),
        ("19.71", "17.71", 0),
    ]
    assert dict(trade.nodes(data="depth")) == {"19.71": 0, "17.71": 1, "15.71": 1, "36": 2}
    assert nx.is_arborescence(trade)
    health = trees["kesehatan"]
    assert list(health.edges(data="lag_days")) == [("36", "36.04", 125)]

    assert tie_lags(G) == [
        {
            "origin": "36",
            "destination": "36.04",
            "cascade_id": "kesehatan",
            "origin_date": "2023-01-15",
            "destination_date": "2023-05-20",
            "lag_days": 125,
        },
        {
            "origin": "19.71",
            "destination": "17.71",
            "cascade_id": "perdagangan",
            "origin_date": "2022-01-10",
            "destination_date": "2022-01-10",
            "lag_days": 0,
        },
        {
            "origin": "19.71",
            "destination": "15.71",
            "cascade_id": "perdagangan",
            "origin_date": "2022-01-10",
            "destination_date": "2022-02-01",
            "lag_days": 22,
        },
        {
            "origin": "17.71",
            "destination": "36",
            "cascade_id": "perdagangan",
            "origin_date": "2022-01-10",
            "destination_date": "2022-03-01",
            "lag_days": 50,
        },
    ]


def test_tree_rows_list_roots_with_empty_parent(G: nx.MultiDiGraph) -> None:
    rows = tree_rows(cascade_trees(G))

    assert [
        (r["cascade_id"], r["child"], r["parent"], r["lag_days"], r["depth"]) for r in rows
    ] == [
        ("kesehatan", "36", "", "", 0),
        ("kesehatan", "36.04", "36", 125, 1),
        ("perdagangan", "17.71", "19.71", 0, 1),
        ("perdagangan", "19.71", "", "", 0),
        ("perdagangan", "15.71", "19.71", 22, 1),
        ("perdagangan", "36", "17.71", 50, 2),
    ]


def exchange() -> nx.MultiDiGraph:
    """An MoU on one day: A and B learn each other's programs, C learns from B that day."""
    programs = {
        "pa": {"label": "alpha", "owner": "A", "theme": "t", "date": "2022-05-01"},
        "pb": {"label": "beta", "owner": "B", "theme": "t", "date": "2022-05-01"},
    }
    graph = nx.MultiDiGraph(programs=programs)
    for u, v, key in (("A", "B", "pa"), ("B", "A", "pb"), ("B", "C", "pb")):
        graph.add_edge(
            u,
            v,
            key=key,
            date="2022-05-01",
            theme="t",
            program=key,
            program_label=programs[key]["label"],
        )
    return graph


def test_same_day_exchange_gives_a_tree_not_a_cycle() -> None:
    tree = cascade_trees(exchange())["t"]

    # both own a program that day: both roots; C hangs below B
    assert sorted(tree.edges) == [("B", "C")]
    assert nx.is_forest(tree)


def test_same_day_mutual_learning_without_owners_roots_at_lowest_code() -> None:
    graph = nx.MultiDiGraph(programs={})
    for u, v in (("B", "A"), ("A", "B")):
        graph.add_edge(u, v, key=f"theme:t{u}", date="2022-05-01", theme="t", program=None)

    tree = cascade_trees(graph)["t"]

    assert sorted(tree.edges) == [("A", "B")]


def test_wide_form_has_regions_as_rows_and_empty_cells_for_non_adopters(
    G: nx.MultiDiGraph,
) -> None:
    rows = cascades_wide(adoption_cascades(G), nodes=["36.04", "99.99"])

    assert rows == [
        {"node_name": "15.71", "kesehatan": "", "perdagangan": D_2022_02_01},
        {"node_name": "17.71", "kesehatan": "", "perdagangan": D_2022_01_10},
        {"node_name": "19.71", "kesehatan": "", "perdagangan": D_2022_01_10},
        {"node_name": "36", "kesehatan": D_2023_01_15, "perdagangan": D_2022_03_01},
        {"node_name": "36.04", "kesehatan": D_2023_05_20, "perdagangan": ""},
        {"node_name": "99.99", "kesehatan": "", "perdagangan": ""},
    ]


def test_cascades_from_rows_reads_days_and_iso_dates(G: nx.MultiDiGraph) -> None:
    from_days = cascades_from_rows(adoption_cascades(G))
    from_iso = cascades_from_rows(adoption_cascades(G, time="iso"))

    assert from_days == from_iso
    assert from_days["kesehatan"] == {"36": D_2023_01_15, "36.04": D_2023_05_20}


def test_cascade_network_holds_only_the_cascade_edges(G: nx.MultiDiGraph) -> None:
    sub = cascade_network(G, "pasar murah", "program", programs=["pasar murah"])

    assert sorted(sub.edges(keys=True)) == [
        ("17.71", "36", P2),
        ("19.71", "15.71", P1),
        ("19.71", "17.71", P1),
    ]
    assert dict(sub.nodes(data="date")) == {
        "19.71": "2022-01-10",
        "17.71": "2022-01-10",
        "36": "2022-03-01",
        "15.71": "2022-02-01",
    }
