"""NetInf: exact values on a three-node example, recovery of a known network, observed ties."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.inference import (
    compare_ties,
    default_lambda,
    netinf,
    possible_edges,
    recovery,
    simulate_cascades,
)

# A adopts at 0, B at 1, C at 2 in c1 and c3; c2 stops at B; in c4 A and B tie.
CASCADES = {
    "c1": {"A": 0, "B": 1, "C": 2},
    "c2": {"A": 0, "B": 1},
    "c3": {"A": 0, "B": 1, "C": 2},
    "c4": {"A": 5, "B": 5},
}
# gain of replacing an epsilon link (1e-9) by a tie link (beta 0.5) at the same delay
LINK = math.log(0.5 / 1e-9)


def phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def test_possible_edges_need_a_strictly_earlier_adopter() -> None:
    assert possible_edges(CASCADES) == {
        ("A", "B"): ["c1", "c2", "c3"],
        ("A", "C"): ["c1", "c3"],
        ("B", "C"): ["c1", "c3"],
    }


def test_default_rate_is_r_netinf_s() -> None:
    # since first adoption: 1, 2, 1, 1, 2 and 0 in c4 (mean 7/6);
    # since previous adoption: 1, 1, 1, 1, 1 and 0 (mean 5/6)
    assert default_lambda(CASCADES) == pytest.approx((6 / 7 + 6 / 5) / 2)
    assert default_lambda({"c": {"A": 3}}) == 1.0


def test_greedy_edges_improvements_and_p_values() -> None:
    rows = netinf(CASCADES, n_edges=5, rate=1.0)

    # A -> B explains B in c1, c2, c3; B -> C explains C in c1, c3 (delay 1 beats A's 2);
    # afterwards A -> C improves nothing and the search stops
    assert [(r["origin_node"], r["destination_node"], r["cascades"]) for r in rows] == [
        ("A", "B", 3),
        ("B", "C", 2),
    ]
    assert rows[0]["improvement"] == pytest.approx(3 * LINK)
    assert rows[1]["improvement"] == pytest.approx(2 * LINK)
    # Vuong test over the 4 cascades, new scores penalised by 1/4:
    # step 1 gains LINK in c1..c3 and 0 in c4
    diffs = [LINK - 0.25] * 3 + [-0.25]
    mean = sum(diffs) / 4
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / 3)
    assert rows[0]["p_value"] == pytest.approx(1 - phi(sum(diffs) / (sd * 2)))
    diffs = [LINK - 0.25, -0.25, LINK - 0.25, -0.25]
    mean = sum(diffs) / 4
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / 3)
    assert rows[1]["p_value"] == pytest.approx(1 - phi(sum(diffs) / (sd * 2)))
    # sum 39.0602, sd 11.5644, statistic 1.6888
    assert rows[1]["p_value"] == pytest.approx(0.04563, abs=1e-5)


def test_p_value_cutoff_stops_before_the_first_failing_edge() -> None:
    assert len(netinf(CASCADES, p_value_cutoff=0.05, rate=1.0)) == 2
    assert len(netinf(CASCADES, p_value_cutoff=0.03, rate=1.0)) == 1
    assert len(netinf(CASCADES, rate=1.0)) == 2  # default cutoff 0.05


def test_inferred_trees() -> None:
    edges, trees = netinf(CASCADES, n_edges=1, rate=1.0, trees=True)

    assert [(r["cascade_id"], r["child"], r["parent"]) for r in trees] == [
        ("c1", "B", "A"),
        ("c1", "C", None),
        ("c2", "B", "A"),
        ("c3", "B", "A"),
        ("c3", "C", None),
    ]
    assert trees[0]["log_score"] == pytest.approx(math.log(0.5) - 1)
    assert trees[1]["log_score"] == pytest.approx(math.log(1e-9) - 1)
    assert len(edges) == 1


def test_bad_arguments() -> None:
    with pytest.raises(SinergiError, match="not both"):
        netinf(CASCADES, n_edges=1, p_value_cutoff=0.1)
    with pytest.raises(SinergiError, match="at least 1"):
        netinf(CASCADES, n_edges=0)
    with pytest.raises(SinergiError, match=r"\(0, 1\]"):
        netinf(CASCADES, p_value_cutoff=1.5)
    with pytest.raises(SinergiError, match="positive"):
        netinf(CASCADES, rate=0)
    assert netinf({"c": {"A": 1, "B": 1}}) == []


def test_simulation_follows_the_network() -> None:
    G = nx.DiGraph([("A", "B"), ("B", "C")])
    cascades = simulate_cascades(G, 50, beta=1.0, seed=3)

    for nodes in cascades.values():
        if "C" in nodes and "B" in nodes:
            assert nodes["B"] < nodes["C"]
        if "A" in nodes:
            assert set(nodes) == {"A", "B", "C"}
    assert simulate_cascades(G, 5, seed=1) == simulate_cascades(G, 5, seed=1)


def test_recovers_a_known_network_from_synthetic_cascades() -> None:
    truth = nx.gnm_random_graph(15, 30, seed=7, directed=True)
    cascades = simulate_cascades(truth, 300, beta=0.5, rate=1.0, seed=8)

    score = recovery(netinf(cascades, n_edges=30), truth.edges())

    assert score["inferred"] == 30
    assert score["precision"] >= 0.85
    assert score["recall"] >= 0.85


def test_recovery_counts() -> None:
    rows = [{"origin_node": "A", "destination_node": "B"}]
    assert recovery(rows, []) == {
        "inferred": 1,
        "true": 0,
        "correct": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


def test_compare_with_observed_learning_ties() -> None:
    observed = nx.DiGraph()
    observed.add_edge("A", "B", weight=3)
    observed.add_edge("C", "B", weight=1)
    rows = [
        {"origin_node": "A", "destination_node": "B"},
        {"origin_node": "B", "destination_node": "C"},
        {"origin_node": "A", "destination_node": "C"},
    ]

    assert [
        (r["observed"], r["observed_evidence"], r["observed_reverse"])
        for r in compare_ties(rows, observed)
    ] == [(1, 3, 0), (0, 0, 1), (0, 0, 0)]
