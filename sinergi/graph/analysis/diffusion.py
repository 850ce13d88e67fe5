"""Policy-diffusion analytics over the knowledge graph: where to start.

The analytics are plain functions over NetworkX graphs and plain rows (lists of dicts),
in the modules this one re-exports:

==========================  ==============================================================
:mod:`.projections`         learning, collaboration and program-adoption networks from the
                            store, filtered by period, theme and province
:mod:`.cascades`            adoption cascades (long and wide, R ``NetworkInference``
                            columns), per-cascade diffusion trees, time lags per tie
:mod:`.paths`               time-respecting (earliest-arrival) paths and trees
:mod:`.inference`           NetInf tie inference from cascades, simulation, recovery
:mod:`.leaders`             strength, PageRank, first adoptions, Boushey receptivity
:mod:`.panel`               event-history panel with neighbour exposure
:mod:`.formats`             GraphML / GEXF / edge list, CSV rows, ``ID-`` codes in files
==========================  ==============================================================

The ``*_table`` functions below are the store-level recipes behind ``sinergi analyze``:
each builds the projections it needs with the same filters (``start``, ``end``, ``theme``,
``province``: see :mod:`sinergi.graph.analysis.projections`) and returns rows ready for CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

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
from sinergi.graph.analysis.formats import portable_graph, rows_to_csv, write_network, write_rows
from sinergi.graph.analysis.inference import (
    compare_ties,
    default_lambda,
    netinf,
    possible_edges,
    recovery,
    simulate_cascades,
)
from sinergi.graph.analysis.leaders import (
    first_adopters,
    leader_pagerank,
    leader_scores,
    receptivity,
    strength,
)
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.panel import event_history_panel
from sinergi.graph.analysis.paths import (
    earliest_arrival,
    earliest_arrival_tree,
    temporal_contacts,
    time_respecting_paths,
)
from sinergi.graph.analysis.projections import (
    adoption_network,
    collaboration_projection,
    learning_projection,
    project,
)
from sinergi.graph.store import GraphStore

__all__ = [
    "COLUMNS",
    "InferenceReport",
    "adoption_cascades",
    "adoption_events",
    "adoption_network",
    "cascade_network",
    "cascade_times",
    "cascade_trees",
    "cascades_from_rows",
    "cascades_table",
    "cascades_wide",
    "collaboration_projection",
    "compare_ties",
    "day_number",
    "default_lambda",
    "earliest_arrival",
    "earliest_arrival_tree",
    "event_history_panel",
    "export_network",
    "first_adopters",
    "from_day_number",
    "infer_ties",
    "lags_table",
    "leader_pagerank",
    "leader_scores",
    "leaders_table",
    "learning_projection",
    "netinf",
    "panel_table",
    "paths_table",
    "portable_graph",
    "possible_edges",
    "project",
    "receptivity",
    "recovery",
    "rows_to_csv",
    "simulate_cascades",
    "strength",
    "temporal_contacts",
    "tie_lags",
    "time_respecting_paths",
    "tree_rows",
    "write_network",
    "write_rows",
]


#: Columns of each table, for writing a header even when there are no rows.
COLUMNS: dict[str, list[str]] = {
    "cascades": ["node_name", "event_time", "cascade_id", "date", "name", "parent", "how"],
    "wide": ["node_name"],
    "trees": [
        "cascade_id",
        "child",
        "parent",
        "child_date",
        "parent_date",
        "lag_days",
        "depth",
        "how",
    ],
    "paths": ["origin", "target", "name", "arrival", "hops", "path", "dates"],
    "infer": [
        "origin_node",
        "destination_node",
        "improvement",
        "p_value",
        "cascades",
        "observed",
        "observed_evidence",
        "observed_reverse",
        "origin_name",
        "destination_name",
    ],
    "infer-trees": ["cascade_id", "child", "parent", "log_score"],
    "leaders": [
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
    ],
    "panel": [
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
    ],
    "lags": [
        "origin",
        "destination",
        "cascade_id",
        "origin_date",
        "destination_date",
        "lag_days",
    ],
}


def _name(code: object) -> str:
    return str(region_attributes(str(code))["label"])


def cascades_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    time: str = "days",
    form: str = "long",
    **filters: str | None,
) -> list[dict[str, object]]:
    """Adoption cascades of the store, in ``form`` ``long``, ``wide`` or ``trees``.

    ``long``: :func:`adoption_cascades` rows; ``wide``: :func:`cascades_wide` over every
    region of the adoption and learning networks (non-adopters get empty cells);
    ``trees``: :func:`tree_rows` of :func:`cascade_trees`.
    """
    graph = adoption_network(store, **filters)
    if form == "trees":
        return tree_rows(cascade_trees(graph, by, programs=programs))
    rows = adoption_cascades(graph, by, programs=programs, time=time)
    if form == "long":
        return rows
    if form == "wide":
        nodes = set(graph) | set(learning_projection(store, **filters))
        return cascades_wide(rows, nodes=nodes)
    raise SinergiError(f"unknown cascade form {form!r}; choose long, wide or trees")


def paths_table(
    store: GraphStore,
    *,
    sources: Sequence[str] = (),
    program: str | None = None,
    network: str = "learning",
    strict: bool = False,
    event_type: str | None = None,
    **filters: str | None,
) -> list[dict[str, object]]:
    """Earliest-arrival paths from regions, or from a program's origin.

    Parameters
    ----------
    store : GraphStore
        The graph store.
    sources : sequence of str
        Region codes the spread starts from (at the ``start`` filter date, if given).
    program : str, optional
        Instead of ``sources``: words of a program label. The paths then start at the
        first adopter(s) of that program's cascade on its first date and follow only its
        adoption edges.
    network : {"learning", "collaboration", "adoption"}
        The dated network walked for ``sources``.
    strict : bool
        Contacts must be strictly later than the arrival (default: same day allowed).
    event_type : str, optional
        Event type for the collaboration network.
    """
    if bool(sources) == bool(program):
        raise SinergiError("give region codes to start from or a program, not both or neither")
    if program:
        adoption = adoption_network(store, **filters)
        phrase = " ".join(program.lower().split())
        tree = cascade_trees(adoption, "program", programs=[phrase]).get(phrase)
        if tree is None:
            raise SinergiError(f"no dated adoption of a program whose label contains {program!r}")
        dates = {code: tree.nodes[code]["date"] for code in tree}
        first = min(dates.values())
        origins = sorted(
            code for code, date in dates.items() if date == first and tree.in_degree(code) == 0
        )
        sub = cascade_network(adoption, phrase, "program", programs=[phrase])
        return time_respecting_paths(sub, origins, start=first, strict=strict)
    graph = project(store, network, event_type=event_type, **filters)
    missing = [code for code in sources if code not in graph]
    if len(missing) == len(sources):
        return []
    starts = [code for code in sources if code in graph]
    return time_respecting_paths(graph, starts, start=filters.get("start"), strict=strict)


@dataclass(slots=True)
class InferenceReport:
    """What :func:`infer_ties` did: the tie rows and the numbers behind them."""

    rows: list[dict[str, object]]
    cascades: int
    adoptions: int
    possible_edges: int
    rate: float
    observed_edges: int
    observed_inferred: int
    trees: list[dict[str, object]] = field(default_factory=list)


def infer_ties(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    n_edges: int | None = None,
    p_value_cutoff: float | None = None,
    rate: float | None = None,
    **filters: str | None,
) -> InferenceReport:
    """NetInf ties inferred from the store's cascades, compared with observed learning ties.

    Times are day numbers, so ``rate`` is per day. Rows are :func:`netinf` rows plus
    ``origin_name``, ``destination_name`` and the :func:`compare_ties` columns.
    """
    graph = adoption_network(store, **filters)
    times = cascade_times(graph, by, programs=programs)
    cascades = {
        cid: {n: float(day_number(t)) for n, t in nodes.items()} for cid, nodes in times.items()
    }
    learning = learning_projection(store, **filters)
    possible = possible_edges(cascades)
    if not possible:
        return InferenceReport([], len(cascades), 0, 0, 0.0, learning.number_of_edges(), 0)
    used_rate = default_lambda(cascades) if rate is None else rate
    edges, trees = netinf(
        cascades, n_edges=n_edges, p_value_cutoff=p_value_cutoff, rate=used_rate, trees=True
    )
    rows = [
        {
            **row,
            "origin_name": _name(row["origin_node"]),
            "destination_name": _name(row["destination_node"]),
        }
        for row in compare_ties(edges, learning)
    ]
    return InferenceReport(
        rows=rows,
        cascades=len(cascades),
        adoptions=sum(len(nodes) for nodes in cascades.values()),
        possible_edges=len(possible),
        rate=used_rate,
        observed_edges=learning.number_of_edges(),
        observed_inferred=sum(int(row["observed"]) for row in rows),
        trees=trees,
    )


def leaders_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    period: str = "year",
    **filters: str | None,
) -> list[dict[str, object]]:
    """:func:`leader_scores` of the store's learning network and cascades."""
    learning = learning_projection(store, **filters)
    times = cascade_times(adoption_network(store, **filters), by, programs=programs)
    return leader_scores(learning, times, period=period)


def panel_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    period: str = "year",
    ties: str = "all",
    **filters: str | None,
) -> list[dict[str, object]]:
    """:func:`event_history_panel` of the store; the ``end`` filter also closes the panel."""
    learning = learning_projection(store, **filters)
    times = cascade_times(adoption_network(store, **filters), by, programs=programs)
    return event_history_panel(learning, times, period=period, end=filters.get("end"), ties=ties)


def lags_table(
    store: GraphStore, *, by: str = "theme", programs: Iterable[str] = (), **filters: str | None
) -> list[dict[str, object]]:
    """:func:`tie_lags` of the store's cascades."""
    return tie_lags(adoption_network(store, **filters), by, programs=programs)


def export_network(
    store: GraphStore,
    network: str,
    out: str | Path,
    *,
    format: str = "graphml",
    event_type: str | None = None,
    **filters: str | None,
) -> tuple[Path, nx.Graph]:
    """Write the ``learning``, ``collaboration`` or ``adoption`` projection to ``out``.

    Returns the path written and the graph (before attribute conversion).
    """
    graph = project(store, network, event_type=event_type, **filters)
    return write_network(graph, out, format), graph
