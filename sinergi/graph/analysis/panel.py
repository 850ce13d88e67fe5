"""An event-history panel (region x period x cascade) for discrete-time EHA in R or Stata.

Design (after ``desmarais-lab/spid``'s ``make_eha_data`` and ``polimetrics``): a cascade
enters the panel in the period of its first adoption and stays until ``end``; every region
in the risk set has one row per period. ``at_risk`` is 1 until and including the period in
which the region adopts (then 0: drop those rows for a standard hazard model), ``adopted``
is 1 exactly in that period. Exposure comes from *observed* learning ties: a region's
neighbours are the regions it is reported learning from (in-neighbours of the learning
network), and ``neighbour_exposure`` counts those that adopted in an earlier period.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import cascade_times
from sinergi.graph.analysis.leaders import PERIOD, period_index
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.projections import adoption_network, learning_projection
from sinergi.graph.analysis.spec import Analytic, Parameter
from sinergi.graph.store import GraphStore

__all__ = ["TIES", "event_history_panel", "period_label"]

TIES = ("all", "prior")


def period_label(index: int, period: str = "year") -> str | int:
    """Readable label of a period index: the year, ``YYYY-MM``, or the day number.

    Examples
    --------
    >>> period_label(24266, "month")
    '2022-03'
    """
    if period == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return index


def event_history_panel(
    G: nx.DiGraph,
    cascades: Mapping[str, Mapping[Any, str]],
    *,
    regions: Iterable[Hashable] | None = None,
    period: str = "year",
    end: str | None = None,
    ties: str = "all",
) -> list[dict[str, object]]:
    """Region x period x cascade rows with at-risk, adoption and neighbour exposure.

    Parameters
    ----------
    G : networkx.DiGraph
        Learning network (edge ``source -> learner``, with ``first``, the first date a
        tie is reported).
    cascades : mapping
        ``cascade_id -> {region: ISO date}`` (first adoptions).
    regions : iterable, optional
        The risk set; default every node of ``G`` and every adopter.
    period : {"year", "month", "day"}
        Length of a period.
    end : str, optional
        ISO date whose period closes the panel; default the latest adoption.
    ties : {"all", "prior"}
        ``"all"``: every observed tie counts in every period; ``"prior"``: a tie counts
        only from the period after it is first reported (no exposure through the very
        visit that reports the adoption).

    Returns
    -------
    list of dict
        ``cascade_id``, ``region``, ``period`` (year, ``YYYY-MM`` or day number),
        ``at_risk``, ``adopted``, ``events_so_far`` (regions that adopted the cascade in
        earlier periods), ``neighbours`` (tie count), ``neighbour_exposure`` (neighbours
        that adopted in earlier periods), ``province`` and ``kind``; sorted by cascade,
        region and period.

    Examples
    --------
    >>> G = nx.DiGraph([("A", "B", {"first": "2020-06-01"})])
    >>> rows = event_history_panel(G, {"p": {"A": "2020-01-01", "B": "2021-01-01"}})
    >>> [(r["region"], r["period"], r["at_risk"], r["adopted"], r["neighbour_exposure"])
    ...  for r in rows]
    [('A', 2020, 1, 1, 0), ('A', 2021, 0, 0, 0), ('B', 2020, 1, 0, 0), ('B', 2021, 1, 1, 1)]
    """
    if ties not in TIES:
        raise SinergiError(f"ties must be one of {TIES}, not {ties!r}")
    risk_set = set(G.nodes) if regions is None else set(regions)
    if regions is None:
        for adopters in cascades.values():
            risk_set |= set(adopters)
    adoption = {
        cid: {node: period_index(str(t), period) for node, t in adopters.items()}
        for cid, adopters in cascades.items()
        if adopters
    }
    if not adoption:
        return []
    last = (
        period_index(end, period)
        if end
        else max(p for periods in adoption.values() for p in periods.values())
    )
    sources: dict[Hashable, list[tuple[Hashable, int | None]]] = {node: [] for node in risk_set}
    for u, v, data in G.edges(data=True):
        if v in sources:
            seen = data.get("first")
            sources[v].append((u, period_index(str(seen), period) if seen else None))
    rows: list[dict[str, object]] = []
    for cid in sorted(adoption):
        periods = adoption[cid]
        first = min(periods.values())
        counts: dict[int, int] = {}
        for p in periods.values():
            counts[p] = counts.get(p, 0) + 1
        for node in sorted(risk_set, key=str):
            own = periods.get(node)
            attributes = region_attributes(str(node))
            for p in range(first, last + 1):
                tied = [
                    u
                    for u, seen in sources[node]
                    if ties == "all" or (seen is not None and seen < p)
                ]
                rows.append(
                    {
                        "cascade_id": cid,
                        "region": node,
                        "period": period_label(p, period),
                        "at_risk": int(own is None or own >= p),
                        "adopted": int(own == p),
                        "events_so_far": sum(n for q, n in counts.items() if q < p),
                        "neighbours": len(tied),
                        "neighbour_exposure": sum(
                            1 for u in tied if u in periods and periods[u] < p
                        ),
                        "province": attributes.get("province", ""),
                        "kind": attributes.get("kind", ""),
                    }
                )
    return rows


def panel_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    period: str = "year",
    ties: str = "all",
    **filters: Any,
) -> list[dict[str, object]]:
    """:func:`event_history_panel` of the store; the ``end`` filter also closes the panel."""
    learning = learning_projection(store, **filters)
    times = cascade_times(adoption_network(store, **filters), by, programs=programs)
    return event_history_panel(learning, times, period=period, end=filters.get("end"), ties=ties)


ANALYTIC = Analytic(
    name="panel",
    summary="Event-history panel: region x period x cascade with at_risk, adopted, exposure.",
    description="One row per region, period and cascade while the region is at risk of "
    "adopting, with the exposure to neighbours that adopted before.",
    run=panel_table,
    columns={
        "panel": (
            "cascade_id",
            "region",
            "period",
            "at_risk",
            "adopted",
            "events_so_far",
            "neighbours",
            "neighbour_exposure",
            "province",
            "kind",
        ),
    },
    parameters=(
        PERIOD,
        Parameter(
            "ties",
            "all: every observed learning tie counts in every period; prior: only from the "
            "period after it is first reported.",
            choices=TIES,
            default="all",
        ),
    ),
    cascades=True,
    example="sinergi analyze panel --period year --out panel.csv",
    order=5,
)
