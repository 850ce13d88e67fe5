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

Each analytic module also holds the store-level recipe behind its ``sinergi analyze``
command (``cascades_table``, ``paths_table``, ``infer_ties``, ``leaders_table``,
``panel_table``, ``lags_table``) and declares it as an ``ANALYTIC``
(:mod:`.spec`, :mod:`.registry`): each recipe builds the projections it needs with the
same filters (``start``, ``end``, ``theme``, ``province``: see
:mod:`sinergi.graph.analysis.projections`) and returns rows ready for CSV. This module
gathers them in one namespace and writes projections for network tools
(:func:`export_network`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from sinergi.graph.analysis.cascades import (
    adoption_cascades,
    adoption_events,
    cascade_network,
    cascade_times,
    cascade_trees,
    cascades_from_rows,
    cascades_table,
    cascades_wide,
    day_number,
    from_day_number,
    lags_table,
    tie_lags,
    tree_rows,
)
from sinergi.graph.analysis.formats import portable_graph, rows_to_csv, write_network, write_rows
from sinergi.graph.analysis.inference import (
    InferenceReport,
    compare_ties,
    default_lambda,
    infer_ties,
    netinf,
    possible_edges,
    recovery,
    simulate_cascades,
)
from sinergi.graph.analysis.leaders import (
    first_adopters,
    leader_pagerank,
    leader_scores,
    leaders_table,
    receptivity,
    strength,
)
from sinergi.graph.analysis.panel import event_history_panel, panel_table
from sinergi.graph.analysis.paths import (
    earliest_arrival,
    earliest_arrival_tree,
    paths_table,
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

__all__ = [  # and COLUMNS (see __getattr__)
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


def __getattr__(name: str) -> object:
    """``COLUMNS``: every analytic's tables and their columns, read from the registry.

    Built when first asked for, because the registry imports every analysis module.
    """
    if name == "COLUMNS":
        from sinergi.graph.analysis.registry import analytics

        return {
            table: list(columns)
            for analytic in analytics().values()
            for table, columns in analytic.columns.items()
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_network(
    store: GraphStore,
    network: str,
    out: str | Path,
    *,
    format: str = "graphml",
    event_type: str | None = None,
    **filters: Any,
) -> tuple[Path, nx.Graph]:
    """Write the ``learning``, ``collaboration`` or ``adoption`` projection to ``out``.

    Returns the path written and the graph (before attribute conversion).
    """
    graph = project(store, network, event_type=event_type, **filters)
    return write_network(graph, out, format), graph
