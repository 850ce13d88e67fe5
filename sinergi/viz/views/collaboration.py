"""The collaboration view: visits, agreements and forums between regions."""

from __future__ import annotations

import networkx as nx

from sinergi.graph.analysis.projections import EVENT_TYPES
from sinergi.graph.store import GraphStore
from sinergi.viz.views.graph import ViewFilter, assemble
from sinergi.viz.views.spec import ViewSpec
from sinergi.viz.views.statements import event_links

__all__ = ["VIEW", "collaboration_view"]


def collaboration_view(store: GraphStore, filters: ViewFilter | None = None) -> nx.MultiDiGraph:
    """Visits, agreements and forums between regions: one edge per pair and event kind."""
    filters = filters or ViewFilter()
    graph = assemble(
        "collaboration", event_links(store, filters), filters
    )
    graph.graph["description"] = (
        "Collaboration between regions: every pair of regions that took part in the same "
        "visit, agreement or forum."
    )
    return graph


VIEW = ViewSpec(
    name="collaboration",
    title="Jejaring kerja sama antardaerah / Inter-regional collaboration network",
    summary="visits, agreements, forums",
    build=lambda store, filters: collaboration_view(store, filters),
    kinds=EVENT_TYPES,
    order=2,
)
