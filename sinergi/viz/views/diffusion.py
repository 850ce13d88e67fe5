"""The diffusion view: the adoption cascade of one program or theme, in time order."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import (
    adoption_order,
    cascade_key,
    cascade_network,
    cascade_origins,
    cascade_programs,
    cascade_trees,
)
from sinergi.graph.analysis.projections import adoption_network
from sinergi.graph.store import GraphStore
from sinergi.reference import load_themes
from sinergi.viz.views.graph import Evidence, Link, ViewFilter, assemble, region_node, sorted_copy
from sinergi.viz.views.spec import ViewSpec
from sinergi.viz.views.statements import adoption_evidence, learning_relations, program_rows

__all__ = ["VIEW", "diffusion_view"]


def diffusion_view(
    store: GraphStore,
    *,
    program: str | None = None,
    theme: str | None = None,
    filters: ViewFilter | None = None,
) -> nx.MultiDiGraph:
    """The adoption cascade of one program (by words of its label) or one theme.

    This is the cascade ``sinergi analyze cascades`` computes, not a second reading of
    the store: the adoption network (:func:`~sinergi.graph.analysis.projections.adoption_network`,
    with the filter's ``start``/``end``/``province`` as its ``start``/``end``/``province`` and
    ``theme`` as its theme) and its cascade tree
    (:func:`~sinergi.graph.analysis.cascades.cascade_trees`,
    ``by="program"`` with the words as the phrase, else ``by="theme"``). The adopters are
    the tree's regions (dated adoptions only), ``order`` is the tree's adoption order
    (date, then code), ``parent`` the tree parent, and the first adopters are the roots on
    the earliest date (:func:`~sinergi.graph.analysis.cascades.cascade_origins`). The links are
    the cascade's adoption edges, owner -> adopter, each with the learning statements
    behind it as evidence; the remaining filters (themes, kinds, minimum evidence) only
    thin the links drawn, never the adopters or their order.
    """
    filters = filters or ViewFilter()
    words = (program or "").strip().lower()
    if not words and not theme:
        raise SinergiError("the diffusion view needs a program: `program`, or a theme: `theme`")
    if theme is not None and theme not in load_themes():
        raise SinergiError(f"unknown theme {theme!r}; see sinergi/data/themes.csv")

    adoption = adoption_network(
        store,
        start=filters.start,
        end=filters.end,
        theme=theme,
        province=filters.province,
        **filters.statement_filters(),
    )
    if words:
        by, phrases, cascade_id = "program", [words], cascade_key(words)
    else:
        by, phrases, cascade_id = "theme", None, str(theme)
    tree = cascade_trees(adoption, by, programs=phrases).get(cascade_id, nx.DiGraph())
    edges = cascade_network(adoption, cascade_id, by, programs=phrases)

    relations = learning_relations(store, filters)
    links = [
        Link(owner, adopter, "learning", True, evidence)
        for (owner, adopter), pieces in adoption_evidence(edges, relations).items()
        for evidence in pieces.values()
    ]
    graph = assemble("diffusion", links, filters)
    for node in tree:
        if node not in graph:
            graph.add_node(node, **region_node(node))
    graph = sorted_copy(graph)

    programs = program_rows(store, filters)
    owned: dict[str, list[Evidence]] = defaultdict(list)
    for iri in cascade_programs(adoption, cascade_id, by, programs=phrases):
        info = programs.get(iri)
        if info is not None and filters.keeps(info.evidence):
            owned[info.owner].append(info.evidence)
    origins = cascade_origins(tree)
    for order, node in enumerate(adoption_order(tree), start=1):
        attrs = graph.nodes[node]
        parents = list(tree.predecessors(node))
        learned = [e for _u, _v, data in graph.in_edges(node, data=True) for e in data["evidence"]]
        attrs["adopted"] = tree.nodes[node]["date"]
        attrs["order"] = order
        attrs["first_adopter"] = node in origins
        attrs["parent"] = parents[0] if parents else None
        attrs["depth"] = tree.nodes[node]["depth"]
        attrs["adoption"] = sorted(
            {e.statement: e for e in [*owned.get(node, []), *learned]}.values(),
            key=lambda e: (e.date or "9999-99-99", e.statement),
        )
    graph.graph["focus"] = tuple(origins)
    labels = [f'program "{(program or "").strip()}"'] if words else []
    if theme:
        labels.append(f"theme {load_themes()[theme].name_en} ({theme})")
    cascade = " and ".join(labels)
    graph.graph["cascade"] = cascade
    graph.graph["description"] = (
        f"Adoption cascade of {cascade} in time order: regions that own it or learned it, "
        "arrows from the region learned from to the learner."
    )
    return graph


VIEW_NAMES: tuple[str, ...] = ("learning", "collaboration", "diffusion", "ego")


VIEW = ViewSpec(
    name="diffusion",
    title="Difusi program / Program diffusion",
    summary="the adoption cascade of one program or theme",
    build=lambda store, filters, program=None, theme=None: diffusion_view(
        store, program=program, theme=theme, filters=filters
    ),
    arguments=("program", "theme"),
    needs_one_of=("program", "theme"),
    layouts=("timeline", "map", "force"),
    size="first",
    order=3,
)
