"""pyvis networks of any NetworkX projection, for notebooks and quick HTML files, offline.

Why this module: ``pyvis.network.Network.from_nx(api.learning_network(store))`` works,
but pyvis 0.3.2's template links Bootstrap from a CDN in every mode (and vis-network too
unless ``cdn_resources="in_line"``), shows the heading twice, switches tooltips to
``innerHTML`` as soon as a title contains ``href`` (article text would then run as HTML),
writes with the platform's default encoding, and ``from_nx`` rewrites the graph's own
``weight`` and ``size`` attributes in place. Here:

* :class:`OfflineNetwork` is a pyvis ``Network`` rendered with our own Jinja template
  (``assets/pyvis.html``): the vis-network build that the views vendor
  (``assets/vis-network.min.js``) and pyvis's small ``utils.js`` (neighbourhood
  highlight) are inlined, a Content-Security-Policy forbids every fetch, and
  :func:`~sinergi.viz.html.assert_self_contained` checks each page before it is written
  or shown. Titles stay plain text (vis-network sets them with ``innerText``).
* :func:`pyvis_network` translates a graph without touching it: labels from the
  ``label`` attribute, tooltips listing the node's or edge's attributes, node size from
  weighted degree, edge width from ``weight`` (or ``evidence``, or the number of parallel
  edges of a multigraph such as :func:`~sinergi.graph.analysis.projections.adoption_network`), on a
  log scale so one heavily reported pair does not swamp the rest. ``layout="map"`` pins
  regions at their coordinates (as the HTML views do) with physics off.
* In a notebook the network displays itself (``_repr_html_``) as an ``<iframe srcdoc>``
  holding the whole page, which needs no file server, no Internet and no trust of the
  notebook's own origin; :meth:`OfflineNetwork.show` does the same and also writes a file.

The full, filterable views with evidence panels remain :func:`sinergi.viz.write_view_html`;
this is the quick look at any graph you build yourself.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.edge import Edge
from pyvis.network import Network

from sinergi.viz.html import assert_self_contained
from sinergi.viz.layout import map_positions

__all__ = [
    "LAYOUTS",
    "OfflineNetwork",
    "pyvis_network",
    "write_pyvis_html",
]

#: ``force``: pyvis's physics (Barnes-Hut) lays the graph out in the page; ``map``: regions
#: at their coordinates, physics off.
LAYOUTS: tuple[str, ...] = ("force", "map")
#: Widest edge drawn, in pixels.
MAX_EDGE_WIDTH = 12.0
#: Node attributes not repeated in tooltips (drawn otherwise or not meaningful to read).
_HIDDEN_NODE_ATTRS = frozenset({"label", "lat", "lon", "x", "y", "size", "color", "title"})
_TEMPLATE = "pyvis.html"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
#: What can end or confuse a ``<script>`` element, for text inlined into one.
_SCRIPT_BREAKERS = re.compile(r"</script|<!--", re.IGNORECASE)


class OfflineNetwork(Network):
    """A pyvis ``Network`` whose HTML needs nothing outside itself.

    Accepts pyvis's constructor arguments; ``cdn_resources`` is always ``"in_line"`` and
    the template is ours, so :meth:`write_html`, :meth:`save_graph`, :meth:`show` and
    :meth:`generate_html` all give one self-contained page. ``filter_menu`` is refused:
    it needs tom-select and Bootstrap, which this page does not carry
    (the sinergi views filter by time, theme, type and province instead).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["cdn_resources"] = "in_line"
        if kwargs.get("filter_menu"):
            raise ValueError(
                "filter_menu needs Bootstrap and tom-select from a CDN; use "
                "sinergi.api.write_view for an offline page with filters"
            )
        notebook = bool(kwargs.pop("notebook", False))
        super().__init__(*args, **kwargs)
        self._use_offline_template()
        if notebook:
            self.prep_notebook()

    def _use_offline_template(self) -> None:
        """Point pyvis at our template and the inlined scripts (the Jinja globals)."""
        self.path = _TEMPLATE
        self.template_dir = str(_assets_dir())
        self.templateEnv = _environment()

    def set_template_dir(
        self, template_directory: str, template_file: str = "template.html"
    ) -> None:
        """Refuse another template: it would bring pyvis's CDN links back."""
        raise ValueError("OfflineNetwork renders only its own offline template")

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """The page as a string, checked to reference nothing outside itself."""
        if self.filter_menu:
            raise ValueError("filter_menu is not available offline (see OfflineNetwork)")
        page = super().generate_html(name=name, local=local, notebook=notebook)
        assert_self_contained(page)
        return page

    def write_html(
        self,
        name: str | Path,
        local: bool = True,
        notebook: bool = False,
        open_browser: bool = False,
    ) -> Path:
        """Write the page as UTF-8 to ``name`` (any path, not only ``*.html`` in the cwd)."""
        path = Path(name)
        self.html = self.generate_html(notebook=notebook)  # pyvis checks the name it is given
        if path.parent != Path():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        if open_browser:
            import webbrowser

            webbrowser.open(path.resolve().as_uri())
        return path

    def save_graph(self, name: str | Path) -> Path:
        """Same as :meth:`write_html` (pyvis's name for it)."""
        return self.write_html(name)

    def show(self, name: str | Path, local: bool = True, notebook: bool = True) -> Any:
        """Write the page to ``name``; in a notebook also return it for display.

        pyvis returns an ``IFrame`` pointing at the file, which shows nothing when the
        notebook server does not serve that folder (JupyterLab elsewhere, VS Code,
        Colab). This returns the page inline instead (see :meth:`_repr_html_`).
        """
        path = self.write_html(name, open_browser=not notebook)
        if not notebook:
            return path
        from IPython.display import HTML

        return HTML(self._repr_html_())

    def _repr_html_(self) -> str:
        """The whole page inside ``<iframe srcdoc>``: how Jupyter displays the network."""
        page = self.generate_html()
        height = _css_pixels(self.height, default=600) + 40
        # Wrapped in a div: IPython's HTML() warns about any output that starts "<iframe".
        return (
            f'<div class="sinergi-pyvis"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width: 100%; height: {height}px; border: 0" '
            'sandbox="allow-scripts" loading="lazy"></iframe></div>'
        )


def pyvis_network(
    graph: nx.Graph,
    *,
    title: str | None = None,
    height: str = "700px",
    width: str = "100%",
    layout: str = "force",
    weight: str | None = None,
    notebook: bool = False,
    neighborhood_highlight: bool = True,
    select_menu: bool = False,
    node_title: Callable[[Hashable, Mapping[str, Any]], str] | None = None,
    edge_title: Callable[[Hashable, Hashable, list[Mapping[str, Any]]], str] | None = None,
) -> OfflineNetwork:
    """An :class:`OfflineNetwork` of ``graph`` (any NetworkX graph; the graph is not changed).

    Node labels come from the ``label`` attribute (else the node id, e.g. the region
    code); node ``group`` is the ``province`` attribute, so vis-network colours regions
    by province. Edge width follows the ``weight`` attribute (name another with
    ``weight``; default ``weight``, else ``evidence``, else 1), summed over the parallel
    edges of a multigraph. Tooltips list the attributes; ``node_title(node, attrs)`` and
    ``edge_title(u, v, [attrs, ...])`` replace them. ``layout="map"`` places regions by
    their ``lat``/``lon`` (missing ones around their province) and turns physics off.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    directed = graph.is_directed()
    net = OfflineNetwork(
        height=height,
        width=width,
        directed=directed,
        notebook=notebook,
        heading=title if title is not None else str(graph.graph.get("name", "")),
        neighborhood_highlight=neighborhood_highlight,
        select_menu=select_menu,
    )
    pairs = _edge_groups(graph)
    weights = {
        pair: sum(_weight(attrs, weight) for attrs in group) for pair, group in pairs.items()
    }
    strength: dict[Hashable, float] = dict.fromkeys(graph.nodes, 0.0)
    for (u, v), total in weights.items():
        strength[u] += total
        strength[v] += total

    positions = map_positions(graph)[0] if layout == "map" else {}
    ids = {node: _node_id(node) for node in graph.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two nodes have the same string form; pyvis needs distinct ids")
    for node, attrs in graph.nodes(data=True):
        options: dict[str, Any] = {
            "title": (node_title or _node_title)(node, attrs),
            "size": round(10 + 4 * math.sqrt(strength[node]), 2),
        }
        if attrs.get("province") not in (None, ""):
            options["group"] = str(attrs["province"])
        if node in positions:
            x, y = positions[node]
            options.update(x=round(x, 1), y=round(y, 1), physics=False)
        net.add_node(ids[node], label=str(attrs.get("label") or node), **options)

    for (u, v), group in pairs.items():
        options = {
            "title": edge_title(u, v, group)
            if edge_title
            else _edge_title(graph, u, v, group, weights[(u, v)]),
            "width": edge_width(weights[(u, v)]),
            "weight": weights[(u, v)],
        }
        # Appended directly: Network.add_edge scans every edge for a duplicate (quadratic
        # at thousands of links), and the pairs here are unique already.
        net.edges.append(Edge(ids[u], ids[v], directed, **options).options)

    if layout == "map":
        net.toggle_physics(False)
    else:
        net.barnes_hut(spring_length=150)
    return net


def write_pyvis_html(graph: nx.Graph | OfflineNetwork, out: str | Path, **options: Any) -> Path:
    """Write ``graph`` (or an already built :class:`OfflineNetwork`) as one offline page.

    ``options`` go to :func:`pyvis_network`.
    """
    net = graph if isinstance(graph, OfflineNetwork) else pyvis_network(graph, **options)
    return net.write_html(out)


def edge_width(weight: float) -> float:
    """Width on a log scale (1 px for one piece of evidence), at most :data:`MAX_EDGE_WIDTH`."""
    return round(min(MAX_EDGE_WIDTH, 1.0 + 2.0 * math.log2(max(weight, 1.0))), 2)


# ----------------------------------------------------------------------------------------
# Translation
# ----------------------------------------------------------------------------------------


def _node_id(node: Hashable) -> str | int:
    """pyvis accepts only str and int ids; codes are strings already."""
    return node if isinstance(node, str | int) and not isinstance(node, bool) else str(node)


def _edge_groups(graph: nx.Graph) -> dict[tuple[Hashable, Hashable], list[Mapping[str, Any]]]:
    """Edges by node pair (one pair per undirected edge), parallel edges together."""
    groups: dict[tuple[Hashable, Hashable], list[Mapping[str, Any]]] = {}
    for u, v, attrs in graph.edges(data=True):
        key = (u, v)
        if not graph.is_directed() and (v, u) in groups:
            key = (v, u)
        groups.setdefault(key, []).append(attrs)
    return groups


def _weight(attrs: Mapping[str, Any], name: str | None) -> float:
    for key in (name,) if name else ("weight", "evidence"):
        value = attrs.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, list | tuple | set):  # e.g. a list of evidence ids
            return float(len(value))
    return 1.0


def _node_title(node: Hashable, attrs: Mapping[str, Any]) -> str:
    label = attrs.get("label")
    lines = [f"{label} ({node})" if label and str(label) != str(node) else str(node)]
    lines += [
        f"{key}: {_show(value)}"
        for key, value in attrs.items()
        if key not in _HIDDEN_NODE_ATTRS and value not in (None, "", [], {})
    ]
    return "\n".join(lines)


def _edge_title(
    graph: nx.Graph,
    u: Hashable,
    v: Hashable,
    group: list[Mapping[str, Any]],
    total: float,
) -> str:
    arrow = "→" if graph.is_directed() else "–"
    name = graph.nodes[u].get("label") or u
    other = graph.nodes[v].get("label") or v
    lines = [f"{name} {arrow} {other}", f"weight: {_show(total)}"]
    for attrs in group:
        if len(group) > 1:
            lines.append("")
        lines += [
            f"{key}: {_show(value)}"
            for key, value in attrs.items()
            if key not in ("title", "width", "color")
            and value not in (None, "", [], {})
            and not (key == "weight" and len(group) == 1)
        ]
    return "\n".join(lines)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_show(v)}" for k, v in value.items())
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return ", ".join(_show(item) for item in value)
    return str(value)


def _css_pixels(value: str | int | float, *, default: int) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", str(value))
    return int(float(match.group(1))) if match else default


# ----------------------------------------------------------------------------------------
# Template
# ----------------------------------------------------------------------------------------


def _assets_dir() -> Path:
    return Path(str(resources.files("sinergi.viz") / "assets"))


@cache
def _environment() -> Environment:
    """Jinja environment of our template, with the inlined scripts as globals.

    Autoescape stays off for the template as pyvis's does (its ``options`` is JSON text);
    the template escapes the heading and labels itself and puts nodes and edges through
    ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``.
    """
    environment = Environment(
        loader=FileSystemLoader(str(_assets_dir())),
        autoescape=select_autoescape(enabled_extensions=(), default=False),
    )
    environment.globals["vis_network_js"] = _inline_script(
        _SOURCE_MAP.sub("", (_assets_dir() / "vis-network.min.js").read_text(encoding="utf-8"))
    )
    environment.globals["pyvis_utils_js"] = _inline_script(_pyvis_utils())
    environment.filters["script_json"] = _script_json
    return environment


def _pyvis_utils() -> str:
    """pyvis's neighbourhood-highlight script, read from the installed pyvis package."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "bindings" / "utils.js"
    return path.read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    if _SCRIPT_BREAKERS.search(code):
        raise RuntimeError("a script to inline contains '</script' or '<!--'")
    return code


def _script_json(text: str) -> str:
    """JSON text made safe inside ``<script>`` (``<`` only occurs inside JSON strings)."""
    return str(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
