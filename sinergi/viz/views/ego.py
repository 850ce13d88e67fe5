"""The ego view: one region and every region within a few links of it."""

from __future__ import annotations

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.formats import plain_code
from sinergi.graph.store import GraphStore
from sinergi.reference import load_regions
from sinergi.viz.views.graph import KINDS, ViewFilter, assemble, plural, region_node
from sinergi.viz.views.spec import ViewSpec
from sinergi.viz.views.statements import event_links, learning_links, learning_relations

__all__ = ["VIEW", "ego_view"]


def ego_view(
    store: GraphStore, region: str, *, depth: int = 1, filters: ViewFilter | None = None
) -> nx.MultiDiGraph:
    """A region and every region within ``depth`` links of it (learning and events alike).

    Links between the regions reached are all kept (the induced subgraph). The region is
    kept even when it has no link, so the page can say so.
    """
    filters = filters or ViewFilter()
    regions = load_regions()
    region = plain_code(region)  # "ID-17.71", as sinergi's files write codes, works too
    if region not in regions:
        raise SinergiError(f"{region!r} is not a Kemendagri region code (e.g. 17.71)")
    if depth < 1:
        raise SinergiError("the ego depth must be at least 1")
    relations = learning_relations(store, filters)
    links = [*learning_links(store, relations, filters), *event_links(store, filters)]
    whole = assemble("ego", links, filters)
    if region in whole:
        reach = nx.single_source_shortest_path_length(
            whole.to_undirected(as_view=True), region, cutoff=depth
        )
    else:
        reach = {region: 0}
    graph: nx.MultiDiGraph = nx.MultiDiGraph(whole.subgraph(reach))
    graph.graph.update(whole.graph)
    if region not in graph:
        graph.add_node(region, **region_node(region))
    for node, distance in reach.items():
        graph.nodes[node]["distance"] = distance
    graph.graph["focus"] = (region,)
    graph.graph["region"] = region
    graph.graph["depth"] = depth
    name = regions[region].name
    graph.graph["description"] = (
        f"{name} and the regions within {depth} {plural(depth, 'link')} of it "
        "(learning, visits, agreements and forums)."
    )
    return graph


VIEW = ViewSpec(
    name="ego",
    title="Jejaring satu daerah / Ego network",
    summary="one region and its neighbourhood",
    build=lambda store, filters, region, depth=1: ego_view(
        store, region, depth=depth, filters=filters
    ),
    arguments=("region", "depth"),
    needs_one_of=("region",),
    kinds=KINDS,
    order=4,
)
