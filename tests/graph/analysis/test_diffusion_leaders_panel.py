"""Leader scores and the event-history panel on the five-region fixture, by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import cascade_times
from sinergi.graph.analysis.leaders import (
    first_adopters,
    leader_pagerank,
    leader_scores,
    period_index,
    receptivity,
    strength,
)
from sinergi.graph.analysis.panel import event_history_panel, period_label
from tests.graph.analysis.diffusion_fixture import expected_adoption, expected_learning

# theme cascades of the fixture (first adoption dates)
CASCADES = {
    "kesehatan": {"36": "2023-01-15", "36.04": "2023-05-20"},
    "perdagangan": {
        "15.71": "2022-02-01",
        "17.71": "2022-01-10",
        "19.71": "2022-01-10",
        "36": "2022-03-01",
    },
}


def test_fixture_cascades() -> None:
    assert cascade_times(expected_adoption()) == CASCADES


def test_strength_of_the_learning_network() -> None:
    assert strength(expected_learning()) == {
        "19.71": {"out_strength": 3, "in_strength": 0},
        "17.71": {"out_strength": 2, "in_strength": 1},
        "36": {"out_strength": 1, "in_strength": 2},
        "36.04": {"out_strength": 0, "in_strength": 1},
        "15.71": {"out_strength": 0, "in_strength": 2},
    }


def test_pagerank_of_a_star_of_learners() -> None:
    # L1 and L2 learned from S; reversed, both point to S, which is dangling. With
    # alpha 0.85: p_L = 0.05 + 0.85 p_S / 3 and p_S + 2 p_L = 1, so p_S = 27/47, p_L = 10/47.
    G = nx.DiGraph([("S", "L1", {"weight": 1}), ("S", "L2", {"weight": 1})])

    ranks = leader_pagerank(G)

    assert ranks["S"] == pytest.approx(27 / 47, abs=1e-6)
    assert ranks["L1"] == pytest.approx(10 / 47, abs=1e-6)
    assert leader_pagerank(nx.DiGraph()) == {}


def test_receptivity_by_month() -> None:
    rows = receptivity(CASCADES, ["36.04"], period="month")

    scores = {(r["cascade_id"], r["region"]): r["receptivity"] for r in rows}
    # perdagangan: first Jan, last Mar 2022 -> (Mar + 1) - Jan = 3 months
    assert scores[("perdagangan", "19.71")] == 1
    assert scores[("perdagangan", "17.71")] == 1
    assert scores[("perdagangan", "15.71")] == pytest.approx(2 / 3)
    assert scores[("perdagangan", "36")] == pytest.approx(1 / 3)
    assert scores[("perdagangan", "36.04")] == 0
    # kesehatan: first Jan, last May 2023 -> 5 months
    assert scores[("kesehatan", "36")] == 1
    assert scores[("kesehatan", "36.04")] == pytest.approx(1 / 5)
    assert scores[("kesehatan", "19.71")] == 0
    assert len(rows) == 10


def test_receptivity_by_year_is_boushey_s_score() -> None:
    cascades = {"p": {"A": "2020-05-01", "B": "2021-01-01", "C": "2022-12-31"}}

    rows = receptivity(cascades, ["A", "B", "C", "D"])

    assert [(r["region"], r["adopted"], r["period"]) for r in rows] == [
        ("A", 1, 2020),
        ("B", 1, 2021),
        ("C", 1, 2022),
        ("D", 0, ""),
    ]
    assert [r["receptivity"] for r in rows] == pytest.approx([1, 2 / 3, 1 / 3, 0])
    with pytest.raises(SinergiError, match="unknown period"):
        period_index("2022-01-01", "week")


def test_first_adopters_count_ties() -> None:
    assert first_adopters(CASCADES) == {"36": 1, "17.71": 1, "19.71": 1}


def test_leader_scores_rows() -> None:
    rows = {r["region"]: r for r in leader_scores(expected_learning(), CASCADES, period="month")}

    assert {code: (r["out_strength"], r["in_strength"]) for code, r in rows.items()} == {
        "19.71": (3, 0),
        "17.71": (2, 1),
        "36": (1, 2),
        "36.04": (0, 1),
        "15.71": (0, 2),
    }
    assert {code: r["adoptions"] for code, r in rows.items()} == {
        "19.71": 1,
        "17.71": 1,
        "36": 2,
        "36.04": 1,
        "15.71": 1,
    }
    assert {code: r["first_adoptions"] for code, r in rows.items()} == {
        "19.71": 1,
        "17.71": 1,
        "36": 1,
        "36.04": 0,
        "15.71": 0,
    }
    # mean over the two cascades, 0 where not adopted
    assert {code: round(r["mean_receptivity"], 4) for code, r in rows.items()} == {
        "19.71": 0.5,
        "17.71": 0.5,
        "36": round((1 / 3 + 1) / 2, 4),
        "36.04": 0.1,
        "15.71": round(1 / 3, 4),
    }
    assert sum(r["pagerank"] for r in rows.values()) == pytest.approx(1)
    assert rows["19.71"]["name"] == "Kota Pangkal Pinang"


def test_leaders_are_sorted_by_pagerank() -> None:
    rows = leader_scores(expected_learning(), CASCADES)

    ranks = [r["pagerank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert rows[0]["region"] == "19.71"


def panel_rows(**options) -> dict:
    rows = event_history_panel(expected_learning(), CASCADES, **options)
    return {
        (r["cascade_id"], r["region"], r["period"]): (
            r["at_risk"],
            r["adopted"],
            r["events_so_far"],
            r["neighbours"],
            r["neighbour_exposure"],
        )
        for r in rows
    }


def test_panel_by_year() -> None:
    rows = panel_rows()

    # perdagangan enters in 2022, kesehatan in 2023; the panel closes in 2023
    assert rows == {
        ("kesehatan", "15.71", 2023): (1, 0, 0, 1, 0),
        ("kesehatan", "17.71", 2023): (1, 0, 0, 1, 0),
        ("kesehatan", "19.71", 2023): (1, 0, 0, 0, 0),
        ("kesehatan", "36", 2023): (1, 1, 0, 1, 0),
        ("kesehatan", "36.04", 2023): (1, 1, 0, 1, 0),
        ("perdagangan", "15.71", 2022): (1, 1, 0, 1, 0),
        ("perdagangan", "15.71", 2023): (0, 0, 4, 1, 1),
        ("perdagangan", "17.71", 2022): (1, 1, 0, 1, 0),
        ("perdagangan", "17.71", 2023): (0, 0, 4, 1, 1),
        ("perdagangan", "19.71", 2022): (1, 1, 0, 0, 0),
        ("perdagangan", "19.71", 2023): (0, 0, 4, 0, 0),
        ("perdagangan", "36", 2022): (1, 1, 0, 1, 0),
        ("perdagangan", "36", 2023): (0, 0, 4, 1, 1),
        ("perdagangan", "36.04", 2022): (1, 0, 0, 1, 0),
        ("perdagangan", "36.04", 2023): (1, 0, 4, 1, 1),
    }


def test_panel_prior_ties_and_months() -> None:
    prior = panel_rows(ties="prior")
    # 36 -> 36.04 is first reported in 2023: no tie yet in 2023
    assert prior[("perdagangan", "36.04", 2023)] == (1, 0, 4, 0, 0)
    # 19.71 -> 15.71 was reported in 2021: a tie in 2022
    assert prior[("perdagangan", "15.71", 2022)] == (1, 1, 0, 1, 0)

    months = panel_rows(period="month", end="2022-04-30", regions=["36", "36.04"])
    assert {k: v for k, v in months.items() if k[0] == "perdagangan" and k[1] == "36"} == {
        ("perdagangan", "36", "2022-01"): (1, 0, 0, 1, 0),
        ("perdagangan", "36", "2022-02"): (1, 0, 2, 1, 1),
        ("perdagangan", "36", "2022-03"): (1, 1, 3, 1, 1),
        ("perdagangan", "36", "2022-04"): (0, 0, 4, 1, 1),
    }
    assert not [k for k in months if k[0] == "kesehatan"]  # starts after the panel ends


def test_panel_details() -> None:
    assert period_label(24266, "month") == "2022-03"
    assert period_label(2022) == 2022
    assert event_history_panel(expected_learning(), {}) == []
    row = event_history_panel(expected_learning(), CASCADES)[0]
    assert (row["region"], row["province"], row["kind"]) == ("15.71", "15", "kota")
    with pytest.raises(SinergiError, match="ties"):
        event_history_panel(expected_learning(), CASCADES, ties="some")
