"""The data behind the interactive network views: typed, dated links with all their evidence.

Every view is one module here that ends with ``VIEW = ViewSpec(...)``
(:class:`~.spec.ViewSpec`): its name, title, arguments, default link types and layouts,
and the function that builds its graph. :data:`VIEWS` collects them by looking through
this package, so a new view is one module plus its test; the API, ``sinergi viz`` and
the page pick it up from the spec.

==========================  ==============================================================
:mod:`.graph`               the view graph, :class:`ViewFilter`, node attributes and scores
:mod:`.statements`          the statements behind the links, read from the store
:mod:`.learning`            who learned from whom
:mod:`.collaboration`       visits, agreements and forums
:mod:`.diffusion`           the adoption cascade of one program or theme
:mod:`.ego`                 one region and its neighbourhood
==========================  ==============================================================

The views do not decide their links themselves: the links of the learning and
collaboration views are the edges of
:func:`~sinergi.graph.analysis.projections.learning_projection` and
:func:`~sinergi.graph.analysis.projections.collaboration_projection`, and a diffusion view
is the adoption cascade that ``sinergi analyze cascades`` computes, adopters, order and
parents included. The statement rows only add the evidence of each link, so the page and
the CSV a researcher exports cannot disagree.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import TYPE_CHECKING

from sinergi.errors import SinergiError
from sinergi.viz.views.collaboration import collaboration_view
from sinergi.viz.views.diffusion import diffusion_view
from sinergi.viz.views.ego import ego_view
from sinergi.viz.views.graph import (
    ISLAND_GROUPS,
    KINDS,
    Evidence,
    ViewFilter,
    island_of,
    node_scores,
    region_node,
)
from sinergi.viz.views.learning import learning_view
from sinergi.viz.views.spec import ViewSpec

if TYPE_CHECKING:
    import networkx as nx

    from sinergi.graph.store import GraphStore

__all__ = [
    "ISLAND_GROUPS",
    "KINDS",
    "VIEWS",
    "VIEW_NAMES",
    "Evidence",
    "ViewFilter",
    "ViewSpec",
    "build_view",
    "collaboration_view",
    "diffusion_view",
    "ego_view",
    "get_view",
    "island_of",
    "learning_view",
    "node_scores",
    "region_node",
]


def _discover() -> dict[str, ViewSpec]:
    """Every ``VIEW`` declared by a module of this package, in their ``order``."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        spec = getattr(import_module(f"{__name__}.{module.name}"), "VIEW", None)
        if isinstance(spec, ViewSpec):
            found.append(spec)
    return {spec.name: spec for spec in sorted(found, key=lambda s: (s.order, s.name))}


#: The registered views by name.
VIEWS: dict[str, ViewSpec] = _discover()
#: Their names, the choices of ``sinergi viz --view``.
VIEW_NAMES: tuple[str, ...] = tuple(VIEWS)


def get_view(name: str) -> ViewSpec:
    """The spec of the view called ``name``."""
    try:
        return VIEWS[name]
    except KeyError:
        raise SinergiError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}") from None


def build_view(
    store: GraphStore,
    view: str,
    *,
    filters: ViewFilter | None = None,
    region: str | None = None,
    depth: int | None = None,
    program: str | None = None,
    theme: str | None = None,
) -> nx.MultiDiGraph:
    """The graph of one named view (see :data:`VIEWS`).

    ``region``/``depth`` are for ``ego``; ``program``/``theme`` for ``diffusion``: each
    view takes the arguments its spec lists.

    Raises
    ------
    SinergiError
        For an unknown view, or a missing or unknown argument of the view.
    """
    arguments = {"region": region, "depth": depth, "program": program, "theme": theme}
    return get_view(view).graph(store, filters or ViewFilter(), arguments)
