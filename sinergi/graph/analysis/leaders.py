"""Leaders and followers: who is learned from, who adopts early, who is receptive.

Scores per region, from the learning network (edge ``source -> learner``, ``weight`` =
evidence) and from adoption cascades (``cascade_id -> {region: ISO date}``, see
:func:`sinergi.graph.analysis.cascades.cascade_times`):

* ``out_strength`` / ``in_strength``: evidence of others learning from the region / of the
  region learning from others (weighted out- and in-degree);
* ``pagerank``: PageRank of the *reversed* learning network, where each learner points to
  the regions it learned from; a region ranks high when regions that are themselves
  learned from learn from it (a "policy leader");
* ``first_adoptions``: cascades in which the region is a first adopter (ties count for
  every tied region);
* Boushey's receptivity per cascade, ``((L + 1) - S) / ((L + 1) - F)`` with ``F``/``L``
  the cascade's first/last adoption period and ``S`` the region's: 1 for a first adopter,
  falling to ``1 / ((L + 1) - F)`` for the last, 0 for a region that never adopted.
  Periods are years by default (Boushey counts years), or months or days.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import cascade_times, day_number
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.projections import adoption_network, learning_projection
from sinergi.graph.analysis.spec import Analytic, Parameter
from sinergi.graph.store import GraphStore

__all__ = [
    "PERIODS",
    "first_adopters",
    "leader_pagerank",
    "leader_scores",
    "period_index",
    "receptivity",
    "strength",
]

PERIODS = ("year", "month", "day")


def period_index(value: str | date, period: str = "year") -> int:
    """The integer period of an ISO date: its year, its month count, or its day number.

    Examples
    --------
    >>> period_index("2022-03-11"), period_index("2022-03-11", "month")
    (2022, 24266)
    """
    if period not in PERIODS:
        raise SinergiError(f"unknown period {period!r}; choose from {PERIODS}")
    when = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if period == "year":
        return when.year
    if period == "month":
        return when.year * 12 + when.month - 1
    return day_number(when)


def strength(G: nx.DiGraph, weight: str = "weight") -> dict[Hashable, dict[str, float]]:
    """Weighted in- and out-degree of every node.

    Examples
    --------
    >>> G = nx.DiGraph([("A", "B", {"weight": 2}), ("A", "C", {"weight": 1})])
    >>> strength(G)["A"]
    {'out_strength': 3, 'in_strength': 0}
    """
    return {
        node: {
            "out_strength": G.out_degree(node, weight=weight),
            "in_strength": G.in_degree(node, weight=weight),
        }
        for node in G
    }


def leader_pagerank(
    G: nx.DiGraph, *, weight: str = "weight", alpha: float = 0.85
) -> dict[Hashable, float]:
    """PageRank of the reversed learning network (learners vote for their sources).

    Returns an empty dict for an empty graph.
    """
    if G.number_of_nodes() == 0:
        return {}
    return nx.pagerank(G.reverse(copy=True), alpha=alpha, weight=weight)


def first_adopters(cascades: Mapping[str, Mapping[Any, str]]) -> dict[Hashable, int]:
    """How many cascades each region adopted first (tied first adopters all count)."""
    counts: dict[Hashable, int] = {}
    for nodes in cascades.values():
        if not nodes:
            continue
        first = min(str(t) for t in nodes.values())
        for node, when in nodes.items():
            if str(when) == first:
                counts[node] = counts.get(node, 0) + 1
    return counts


def receptivity(
    cascades: Mapping[str, Mapping[Any, str]],
    nodes: Iterable[Hashable] | None = None,
    *,
    period: str = "year",
) -> list[dict[str, Any]]:
    """Boushey's receptivity of every region in every cascade.

    Parameters
    ----------
    cascades : mapping
        ``cascade_id -> {region: ISO date}``.
    nodes : iterable, optional
        Regions at risk (non-adopters score 0); default every region that adopted
        anything.
    period : {"year", "month", "day"}
        Time unit of ``F``, ``L`` and ``S``.

    Returns
    -------
    list of dict
        ``region``, ``cascade_id``, ``adopted`` (0/1), ``period`` (the adoption period,
        empty if none) and ``receptivity``.

    Examples
    --------
    >>> c = {"p": {"A": "2020-05-01", "B": "2021-01-01", "C": "2022-12-31"}}
    >>> [(r["region"], round(r["receptivity"], 3)) for r in receptivity(c, "ABCD")]
    [('A', 1.0), ('B', 0.667), ('C', 0.333), ('D', 0.0)]
    """
    regions = set(nodes) if nodes is not None else set()
    for adopters in cascades.values():
        regions |= set(adopters)
    rows = []
    for cid in sorted(cascades):
        adopters = cascades[cid]
        if not adopters:
            continue
        periods = {node: period_index(str(t), period) for node, t in adopters.items()}
        first, last = min(periods.values()), max(periods.values())
        for node in sorted(regions, key=str):
            own = periods.get(node)
            score = ((last + 1) - own) / ((last + 1) - first) if own is not None else 0.0
            rows.append(
                {
                    "region": node,
                    "cascade_id": cid,
                    "adopted": int(own is not None),
                    "period": own if own is not None else "",
                    "receptivity": score,
                }
            )
    return rows


def leader_scores(
    G: nx.DiGraph,
    cascades: Mapping[str, Mapping[Any, str]] | None = None,
    *,
    period: str = "year",
    weight: str = "weight",
) -> list[dict[str, object]]:
    """One row of leader/follower scores per region of the learning network and cascades.

    Parameters
    ----------
    G : networkx.DiGraph
        Learning network, edge ``source -> learner`` with evidence ``weight``.
    cascades : mapping, optional
        ``cascade_id -> {region: ISO date}``; without it the cascade scores are 0.
    period : {"year", "month", "day"}
        Unit of the receptivity score.

    Returns
    -------
    list of dict
        ``region``, ``name``, ``out_strength``, ``in_strength``, ``out_degree``,
        ``in_degree``, ``pagerank``, ``adoptions`` (cascades adopted),
        ``first_adoptions``, ``mean_receptivity`` (over every cascade given, 0 where not
        adopted), sorted by pagerank, out-strength and first adoptions, descending.
    """
    cascades = cascades or {}
    regions = set(G.nodes)
    for adopters in cascades.values():
        regions |= set(adopters)
    strengths = strength(G, weight)
    ranks = leader_pagerank(G, weight=weight)
    firsts = first_adopters(cascades)
    totals: dict[Hashable, float] = {}
    adoptions: dict[Hashable, int] = {}
    for row in receptivity(cascades, regions, period=period):
        totals[row["region"]] = totals.get(row["region"], 0.0) + float(row["receptivity"])
        adoptions[row["region"]] = adoptions.get(row["region"], 0) + int(row["adopted"])
    n = sum(1 for adopters in cascades.values() if adopters)
    rows = []
    for node in regions:
        inside = node in G
        rows.append(
            {
                "region": node,
                "name": (G.nodes[node].get("label") if inside else None)
                or region_attributes(str(node))["label"],
                "out_strength": strengths[node]["out_strength"] if inside else 0,
                "in_strength": strengths[node]["in_strength"] if inside else 0,
                "out_degree": G.out_degree(node) if inside else 0,
                "in_degree": G.in_degree(node) if inside else 0,
                "pagerank": ranks.get(node, 0.0),
                "adoptions": adoptions.get(node, 0),
                "first_adoptions": firsts.get(node, 0),
                "mean_receptivity": totals.get(node, 0.0) / n if n else 0.0,
            }
        )
    rows.sort(
        key=lambda r: (
            -float(r["pagerank"]),
            -float(r["out_strength"]),
            -int(r["first_adoptions"]),
            str(r["region"]),
        )
    )
    return rows


def leaders_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    period: str = "year",
    **filters: Any,
) -> list[dict[str, object]]:
    """:func:`leader_scores` of the store's learning network and cascades."""
    learning = learning_projection(store, **filters)
    times = cascade_times(adoption_network(store, **filters), by, programs=programs)
    return leader_scores(learning, times, period=period)


#: The ``period`` parameter of the analytics that count in periods.
PERIOD = Parameter(
    "period", "Time unit of the scores or panel periods.", choices=PERIODS, default="year"
)

ANALYTIC = Analytic(
    name="leaders",
    summary="Leader and follower scores per region: strength, PageRank, first adoptions, "
    "receptivity.",
    description="One row per region of the learning network and the cascades.",
    run=leaders_table,
    columns={
        "leaders": (
            "region",
            "name",
            "out_strength",
            "in_strength",
            "out_degree",
            "in_degree",
            "pagerank",
            "adoptions",
            "first_adoptions",
            "mean_receptivity",
        ),
    },
    parameters=(PERIOD,),
    cascades=True,
    what="regions",
    example="sinergi analyze leaders --theme perdagangan",
    order=4,
)
