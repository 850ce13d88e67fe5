"""NetInf: hand-checked values on small cascades (R NetworkInference's rules), reading
long-format CSV, the command line, recovery of a known network, observed ties."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from sinergi.cli import main
from sinergi.errors import InputError, SinergiError
from sinergi.graph.analysis.inference import (
    compare_ties,
    default_lambda,
    netinf,
    possible_edges,
    read_cascades,
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
# gain of replacing an epsilon link (R's 1e-10) by a tie link (beta 0.5) at the same delay
LINK = math.log(0.5 / 1e-10)


def phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def vuong_p(diffs: list[float]) -> float:
    """The textbook statistic; R's approximation of Phi is good to 1.5e-7."""
    n = len(diffs)
    mean = sum(diffs) / n
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
    return 1 - phi(sum(diffs) / (sd * math.sqrt(n)))


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
    assert rows[0]["improvement"] == pytest.approx(3 * LINK, rel=1e-12)
    assert rows[1]["improvement"] == pytest.approx(2 * LINK, rel=1e-12)
    # Vuong test over the 4 cascades, new scores penalised by 1/4:
    # step 1 gains LINK in c1..c3 and 0 in c4
    assert rows[0]["p_value"] == pytest.approx(vuong_p([LINK - 0.25] * 3 + [-0.25]), abs=2e-7)
    # step 2, as R computes it: its C++ took the 1/4 off the stored tree scores at step 1
    # and re-scoring c1 and c3 gives it back, so they count LINK, not LINK - 1/4
    assert rows[1]["p_value"] == pytest.approx(vuong_p([LINK, -0.25, LINK, -0.25]), abs=2e-7)
    # sum 44.1654, sd 13.0381, statistic 1.6937 (the textbook test: 0.04563)
    assert rows[1]["p_value"] == pytest.approx(0.04516, abs=1e-5)


def test_p_value_cutoff_returns_the_edge_that_reaches_it() -> None:
    # p-values 0.0016 and 0.04516; as R, the edge whose p-value reaches the cutoff is the
    # last one returned
    assert len(netinf(CASCADES, p_value_cutoff=0.05, rate=1.0)) == 2
    assert len(netinf(CASCADES, p_value_cutoff=0.03, rate=1.0)) == 2
    assert len(netinf(CASCADES, p_value_cutoff=0.001, rate=1.0)) == 1
    assert len(netinf(CASCADES, rate=1.0)) == 2  # default cutoff 0.05


def test_equal_improvements_go_to_the_later_node_as_in_r() -> None:
    # X and Y adopt together before Z: X -> Z and Y -> Z gain exactly the same; R keeps
    # the last maximum of its map keyed (destination id, origin id), ids in the order the
    # nodes first appear
    tied = {"c": {"X": 0, "Y": 0, "Z": 1}}
    assert [r["origin_node"] for r in netinf(tied, n_edges=2)] == ["Y"]
    assert [r["origin_node"] for r in netinf(tied, n_edges=2, node_order="YXZ")] == ["X"]
    # A -> B and A -> C gain the same: the later destination first
    fork = {"c": {"A": 0, "B": 1, "C": 1}}
    assert [r["destination_node"] for r in netinf(fork, n_edges=2)] == ["C", "B"]
    assert [r["destination_node"] for r in netinf(fork, n_edges=2, node_order="ACB")] == [
        "B",
        "C",
    ]
    with pytest.raises(SinergiError, match="not in node_order"):
        netinf(fork, n_edges=1, node_order="AB")


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
    assert trees[1]["log_score"] == pytest.approx(math.log(1e-10) - 1)
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
    with pytest.raises(SinergiError, match="zero likelihood"):
        netinf({"c": {"A": 0, "B": 1e6}}, rate=1.0)
    assert netinf({"c": {"A": 1, "B": 1}}) == []


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_long_format_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.csv",
        "cascade_id,node_name,event_time,note\n"
        "p2,Zeta,2001,x\np1,Alpha,1999.5,\np2,Alpha,2000,\np1,Beta,2003,\n",
    )
    cascades, nodes = read_cascades(path)

    assert cascades == {
        "p2": {"Zeta": 2001.0, "Alpha": 2000.0},
        "p1": {"Alpha": 1999.5, "Beta": 2003.0},
    }
    assert nodes == ["Zeta", "Alpha", "Beta"]  # first appearance: R's node_names
    dates = write(tmp_path / "d.csv", "node_name,event_time,cascade_id\nA,1970-01-11,c\n")
    assert read_cascades(dates)[0] == {"c": {"A": 10.0}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("node_name,cascade_id\nA,c\n", "missing column event_time"),
        ("node_name,event_time,cascade_id\nA,soon,c\n", "line 2: event_time 'soon' is neither"),
        ("node_name,event_time,cascade_id\nA,nan,c\n", "line 2: event_time 'nan' is not a finite"),
        ("node_name,event_time,cascade_id\nA,1,c\n,2,c\n", "line 3: empty node_name"),
        ("node_name,event_time,cascade_id\nA,1,c\nA,2,c\n", "line 3: A is twice in cascade c"),
        ("node_name,event_time,cascade_id\nA,1,c\nB,2020-01-01,c\n", "mixes numbers and dates"),
        ("node_name,event_time,cascade_id\n", "no adoptions"),
    ],
)
def test_bad_cascade_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_cascades(write(tmp_path / "bad.csv", text))


def test_infer_command_on_a_cascade_file(tmp_path: Path) -> None:
    rows = "".join(
        f"{node},{time},{cid}\n" for cid, nodes in CASCADES.items() for node, time in nodes.items()
    )
    path = write(tmp_path / "c.csv", "node_name,event_time,cascade_id\n" + rows)
    trees = tmp_path / "trees.csv"
    result = CliRunner().invoke(
        main,
        ["analyze", "infer", "--cascades", str(path), "--rate", "1", "--trees-out", str(trees)],
    )

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "origin_node,destination_node,improvement,p_value,cascades"
    assert [line.split(",")[:2] for line in lines[1:]] == [["A", "B"], ["B", "C"]]
    assert float(lines[1].split(",")[2]) == pytest.approx(3 * LINK, rel=1e-9)
    assert "2 ties inferred from 4 cascades (10 adoptions, 3 possible edges, rate 1" in (
        result.stderr
    )
    assert trees.read_text(encoding="utf-8").startswith("cascade_id,child,parent,log_score")


def test_infer_command_errors(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "node_name,time,cascade_id\nA,1,c\n")
    result = CliRunner().invoke(main, ["analyze", "infer", "--cascades", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bad}: missing column event_time (need node_name, event_time, cascade_id)"
    ]
    result = CliRunner().invoke(
        main, ["analyze", "infer", "--cascades", str(bad), "--theme", "kesehatan"]
    )
    assert result.exit_code == 2
    assert "--cascades reads no store: drop --theme" in result.stderr


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
