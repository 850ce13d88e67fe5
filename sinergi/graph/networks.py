"""NetworkX projections of the stored graph: the region learning and collaboration networks.

Each projection is built from ONE aggregate SPARQL query (``learning-network.rq``,
``collaboration-network.rq``): the store does the grouping, Python only builds the graph.
At a million triples that query takes about 0.2 s and the network has a few hundred nodes,
so every NetworkX algorithm runs on it comfortably.

Node ids are Kemendagri codes with attributes ``label``, ``kind``, ``province``, ``lat``,
``lon`` from the region table, which is what :mod:`sinergi.viz` draws.
"""

from __future__ import annotations

import networkx as nx

from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query
from sinergi.reference import load_regions

__all__ = ["collaboration_network", "learning_network", "region_attributes"]


def region_attributes(code: str) -> dict[str, object]:
    """Node attributes of a region for the projections and views."""
    region = load_regions().get(code)
    if region is None:
        return {"label": code}
    return {
        "label": region.name,
        "kind": region.kind,
        "province": region.province_code,
        "lat": region.lat,
        "lon": region.lon,
    }


def learning_network(store: GraphStore) -> nx.DiGraph:
    """Directed learning network: edge ``source -> learner`` (knowledge flows to the learner).

    Edge attributes: ``weight`` (number of learning statements, i.e. evidence count),
    ``first`` and ``last`` (ISO dates of the earliest and latest dated statement, or None).
    """
    result = store.query(bind_query(get_query("learning-network"))).values()
    graph = nx.DiGraph(name="learning")
    for row in result:
        source, learner = str(row["source_code"]), str(row["learner_code"])
        for code in (source, learner):
            if code not in graph:
                graph.add_node(code, **region_attributes(code))
        graph.add_edge(
            source, learner, weight=int(row["weight"]), first=row["first"], last=row["last"]
        )
    return graph


def collaboration_network(store: GraphStore) -> nx.Graph:
    """Undirected collaboration network between regions that took part in the same event.

    Edge attributes: ``weight`` (events), ``types`` (sorted event types), ``by_type``
    (events per type), ``first`` and ``last`` (ISO dates or None).
    """
    result = store.query(bind_query(get_query("collaboration-network"))).values()
    graph = nx.Graph(name="collaboration")
    for row in result:
        a, b, kind = str(row["a_code"]), str(row["b_code"]), str(row["kind"])
        for code in (a, b):
            if code not in graph:
                graph.add_node(code, **region_attributes(code))
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, by_type={}, first=None, last=None)
        data = graph.edges[a, b]
        data["by_type"][kind] = int(row["weight"])
        data["weight"] += int(row["weight"])
        data["types"] = sorted(data["by_type"])
        data["first"] = _min_date(data["first"], row["first"])
        data["last"] = _max_date(data["last"], row["last"])
    return graph


def _min_date(a: object, b: object) -> str | None:
    dates = [str(d) for d in (a, b) if d]
    return min(dates) if dates else None


def _max_date(a: object, b: object) -> str | None:
    dates = [str(d) for d in (a, b) if d]
    return max(dates) if dates else None
