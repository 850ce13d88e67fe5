"""What the rest of sinergi needs to know about a view: :class:`ViewSpec`.

Each view module of :mod:`sinergi.viz.views` ends with ``VIEW = ViewSpec(...)``. The
registry in the package collects them, and the API (:func:`sinergi.api.write_view`), the
command line (``sinergi viz --view``), the page (title, layouts, default link types) and
the docs' check all read the spec, so adding a view is one module plus its test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from sinergi.graph.store import GraphStore
    from sinergi.viz.views.graph import ViewFilter

__all__ = ["VIEW_ARGUMENTS", "ViewSpec"]

#: The arguments a view may take besides the filter, with the kind of value each is.
#: ``theme`` is also an evidence filter for views that do not take it as an argument.
VIEW_ARGUMENTS: dict[str, str] = {
    "program": "a program (words of its label)",
    "theme": "a theme (its themes.csv slug)",
    "region": "a region code (Kemendagri, e.g. 17.71)",
    "depth": "a depth (links from the region)",
}


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """One interactive network view.

    ``build(store, filters, **arguments)`` returns the view graph (see
    :mod:`sinergi.viz.views.graph`); it receives only the ``arguments`` the view takes.
    ``needs_one_of`` lists arguments of which at least one must be given. ``kinds`` are
    the link types the page shows before the reader picks others; ``layouts`` the layouts
    it offers, the first being the default; ``size`` the default node size.
    """

    name: str
    title: str
    summary: str
    build: Callable[..., nx.MultiDiGraph]
    arguments: tuple[str, ...] = ()
    needs_one_of: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("learning",)
    layouts: tuple[str, ...] = ("map", "force")
    size: str = "degree"
    order: int = 100

    def __post_init__(self) -> None:
        unknown = set(self.arguments) - set(VIEW_ARGUMENTS)
        if unknown or not set(self.needs_one_of) <= set(self.arguments):
            raise ValueError(f"view {self.name!r}: arguments must come from VIEW_ARGUMENTS")

    def graph(
        self, store: GraphStore, filters: ViewFilter, arguments: dict[str, Any]
    ) -> nx.MultiDiGraph:
        """Build the view from the arguments given (``None`` means not given)."""
        from sinergi.errors import SinergiError

        given = {name: value for name, value in arguments.items() if value is not None}
        extra = sorted(set(given) - set(self.arguments))
        if extra:
            names = ", ".join(f"`{name}`" for name in extra)
            raise SinergiError(f"the {self.name} view takes no {names}")
        if self.needs_one_of and not set(given) & set(self.needs_one_of):
            wanted = " or ".join(
                f"{VIEW_ARGUMENTS[name]}: `{name}`" for name in self.needs_one_of
            )
            raise SinergiError(f"the {self.name} view needs {wanted}")
        return self.build(store, filters, **given)
