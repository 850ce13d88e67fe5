"""The region learning and collaboration networks as the API has always returned them.

They used to be built from their own aggregate queries (``learning-network.rq``,
``collaboration-network.rq``), next to the filterable projections of
:mod:`sinergi.graph.analysis.projections` and the view graphs of :mod:`sinergi.viz.views`: three
builders of one network, which could drift apart. Now both functions here are the
unfiltered projections reduced to their summary edge attributes, so
``api.learning_network(store)`` has exactly the edges and weights that
``api.learning_projection(store)``, ``sinergi analyze`` and the HTML views have.

Node ids are Kemendagri codes with attributes ``label``, ``kind``, ``province``, ``lat``,
``lon`` from the region table (:func:`region_attributes`), which is what
:mod:`sinergi.viz` draws.
"""

from __future__ import annotations

from typing import TypeVar

import networkx as nx

from sinergi.graph.analysis.projections import (
    EVENT_TYPES,
    collaboration_projection,
    learning_projection,
    region_attributes,
)
from sinergi.graph.store import GraphStore

__all__ = ["EVENT_TYPES", "collaboration_network", "learning_network", "region_attributes"]

#: Edge attributes each summary network keeps from its projection.
_LEARNING_ATTRIBUTES: tuple[str, ...] = ("weight", "first", "last")
_COLLABORATION_ATTRIBUTES: tuple[str, ...] = ("weight", "types", "by_type", "first", "last")


def learning_network(store: GraphStore) -> nx.DiGraph:
    """Directed learning network: edge ``source -> learner`` (knowledge flows to the learner).

    Edge attributes: ``weight`` (number of learning statements, i.e. evidence count),
    ``first`` and ``last`` (ISO dates of the earliest and latest dated statement, or None).
    It is :func:`sinergi.graph.analysis.projections.learning_projection` without filters, minus the
    per-edge ``dates`` and ``themes`` lists, which only the diffusion analytics need.
    """
    return _summary(learning_projection(store), _LEARNING_ATTRIBUTES)


def collaboration_network(store: GraphStore) -> nx.Graph:
    """Undirected collaboration network between regions that took part in the same event.

    Edge attributes: ``weight`` (events), ``types`` (sorted event types), ``by_type``
    (events per type), ``first`` and ``last`` (ISO dates or None). It is
    :func:`sinergi.graph.analysis.projections.collaboration_projection` without filters, minus the
    ``dates`` and ``themes`` lists.
    """
    return _summary(collaboration_projection(store), _COLLABORATION_ATTRIBUTES)


_G = TypeVar("_G", bound=nx.Graph)


def _summary(graph: _G, keep: tuple[str, ...]) -> _G:
    """``graph`` with only the ``keep`` edge attributes (nodes and edges unchanged)."""
    for _u, _v, data in graph.edges(data=True):
        for name in [name for name in data if name not in keep]:
            del data[name]
    return graph
