"""The learning view: who learned from whom, one edge source -> learner per pair."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from sinergi.graph.store import GraphStore
from sinergi.viz.views.graph import Link, ViewFilter, assemble
from sinergi.viz.views.spec import ViewSpec
from sinergi.viz.views.statements import learning_links, learning_relations

__all__ = ["VIEW", "learning_view"]


def _links(store: GraphStore, filters: ViewFilter) -> Iterator[Link]:
    return learning_links(store, learning_relations(store, filters), filters)


def learning_view(store: GraphStore, filters: ViewFilter | None = None) -> nx.MultiDiGraph:
    """Who learned from whom: one edge source -> learner per pair, with every relation."""
    filters = filters or ViewFilter()
    graph = assemble("learning", _links(store, filters), filters)
    graph.graph["description"] = (
        "Learning between regions: an arrow points from the region learned from to the learner."
    )
    return graph


VIEW = ViewSpec(
    name="learning",
    title="Jejaring belajar antardaerah / Inter-regional learning network",
    summary="who learned from whom",
    build=lambda store, filters: learning_view(store, filters),
    order=1,
)
