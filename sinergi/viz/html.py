"""Interactive region-network views written as one self-contained, offline HTML file.

Why this module exists rather than calling ``pyvis.Network.write_html`` directly: pyvis 0.3.2
is frozen upstream and its output is not usable offline or safe with article-derived text
as is.

- ``cdn_resources="in_line"`` inlines vis-network but still links Bootstrap from jsdelivr, and
  ``"local"``/``"remote"`` load vis-network itself from a CDN (a stuck loading bar offline,
  and ``"local"`` writes a ``lib/`` folder into the current directory). We use ``in_line``,
  strip every remote ``<script src>``/``<link href>`` and refuse to write a page that still
  references anything outside itself.
- With physics on, a few hundred regions take a minute to settle in a browser. Regions have
  coordinates, so we place them like a map and turn physics off: the view appears at once.
- pyvis switches to ``innerHTML`` tooltips as soon as any node title contains ``href``, and
  it does not escape the page heading. We render its template ourselves with that switch
  off, keep all tooltips plain text (vis-network shows string titles as text) and write our
  own escaped heading.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Hashable, Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network

from sinergi.errors import SinergiError

__all__ = ["ExternalResourceError", "assert_self_contained", "write_network_html"]

#: Pixels per degree of latitude/longitude. Indonesia spans about 46 degrees of longitude
#: and 17 of latitude, so the whole country becomes a canvas of roughly 4,600 x 1,700 px.
SCALE_PX_PER_DEGREE = 100.0
#: A fixed map origin (near the middle of Indonesia) so that a region keeps the same canvas
#: position in every view, whatever other regions a graph happens to contain.
ORIGIN_LON = 118.0
ORIGIN_LAT = -2.5

#: Tableau 20 without its two greys, which stay reserved for "province unknown". There are
#: 38 provinces, so colours repeat; the tooltip always names the province.
PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
    "#9edae5",
)
NO_PROVINCE_COLOUR = "#4d4d4d"

MIN_NODE_SIZE = 8.0
MAX_NODE_SIZE = 30.0
MAX_EDGE_WIDTH = 12.0
#: Distance (px) of regions without coordinates from their province centre.
FALLBACK_RING_PX = 45.0
#: Spacing (px) of the grid below the map for regions that cannot be placed at all.
FALLBACK_GRID_PX = 120.0

_EXTERNAL_TAGS_REMOVED = ("script", "link")
_FETCHING_ATTRS = ("src", "href", "srcset", "data", "poster", "background")
_CSS_URL = re.compile(r"""(?:url\(|@import)\s*["']?\s*([^"')\s;]+)""", re.IGNORECASE)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
#: A commented-out vis 4 include in pyvis's template; harmless, but it reads like a
#: reference to files that do not exist.
_DEAD_INCLUDE = re.compile(r"<!--\s*<link[^>]*node_modules/vis/.*?-->\s*", re.DOTALL)


class ExternalResourceError(SinergiError, RuntimeError):
    """The generated page would load something from outside the file.

    Raised instead of writing a page that shows only a loading bar, or nothing, when opened
    without a network (or that leaks to a CDN which regions were looked at).
    """


# ----------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------


def write_network_html(graph: nx.Graph, out: str | Path, *, title: str) -> Path:
    """Write ``graph`` as an interactive network view in one self-contained HTML file.

    Parameters
    ----------
    graph
        A learning view (``nx.DiGraph``, edge ``u -> v``: knowledge flowed from source ``u``
        to learner ``v``) or a collaboration view (``nx.Graph``). Node ids are Kemendagri
        region codes; node attributes ``label``, ``kind``, ``province``, ``lat``, ``lon`` and
        edge attributes ``weight``, ``first``, ``last``, ``types`` are used when present.
    out
        Path of the HTML file. Parent folders are created. Nothing else is written.
    title
        Page heading (escaped, may contain any text).

    Returns
    -------
    Path
        ``out`` as a :class:`~pathlib.Path`.

    Raises
    ------
    ExternalResourceError
        If the page would still reference a script, stylesheet or other resource outside
        the file (which would mean pyvis changed under us).
    RuntimeError
        If pyvis's template no longer has the places this module edits.
    ValueError
        If two node ids have the same text form.

    Notes
    -----
    Regions are placed by coordinates (x from longitude, y from minus latitude) and physics
    is off, so the view appears at once. Node colour encodes the province, node size the
    total evidence on the region's links, edge width the evidence of the link. The same
    graph gives the same bytes.
    """
    path = Path(out)
    positions = _positions(graph)
    net = _build_network(graph, positions)
    page = _render(net)
    page = _strip_remote_tags(page)
    unplaced = sum(1 for _x, _y, how in positions.values() if how)
    page = _decorate(page, graph, title, unplaced)
    assert_self_contained(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode("utf-8", errors="replace"))
    return path


def assert_self_contained(page: str) -> None:
    """Raise :class:`ExternalResourceError` if ``page`` fetches anything outside itself.

    Checks every tag (except ``<a>``, which fetches nothing until clicked) for ``src``,
    ``href`` and similar attributes that are not ``data:`` URIs or in-page ``#`` anchors,
    and every inline stylesheet for ``url(...)``/``@import`` of such a target. Relative
    paths count too: the file must work when copied alone.
    """
    finder = _ReferenceFinder()
    finder.feed(page)
    finder.close()
    if finder.violations:
        listed = "; ".join(finder.violations[:5])
        raise ExternalResourceError(
            f"the network page still references {len(finder.violations)} resource(s) "
            f"outside the file, so it would not work offline: {listed}"
        )


# ----------------------------------------------------------------------------------------
# Building the pyvis network
# ----------------------------------------------------------------------------------------


def _build_network(
    graph: nx.Graph, positions: Mapping[Hashable, tuple[float, float, str]]
) -> Network:
    """Translate the networkx graph into a pyvis network with fixed positions and no physics."""
    directed = graph.is_directed()
    net = Network(
        height="78vh",
        width="100%",
        directed=directed,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    net.set_options(_options_json(directed))

    strength = _strength(graph)
    max_strength = max(strength.values(), default=0)
    ids = _node_ids(graph)

    for node in _sorted_nodes(graph):
        attrs = graph.nodes[node]
        x, y, placement = positions[node]
        net.add_node(
            ids[node],
            label=_text(attrs.get("label")) or ids[node],
            title=_node_title(graph, node, strength[node], placement),
            color=_province_colour(_province_of(node, attrs)),
            size=_node_size(strength[node], max_strength),
            x=round(x, 1),
            y=round(y, 1),
        )

    # Edges are appended directly: Network.add_edge scans all earlier edges for duplicates
    # of undirected edges (quadratic), and networkx edges are already unique.
    for index, (u, v, data) in enumerate(_sorted_edges(graph)):
        weight = _weight(data)
        edge = Edge(
            ids[u],
            ids[v],
            directed,
            id=f"e{index}",
            title=_edge_title(graph, u, v, data),
            width=_edge_width(weight),
        )
        net.edges.append(edge.options)
    return net


def _options_json(directed: bool) -> str:
    """vis-network options: physics off, fixed curved edges, hover tooltips.

    ``curvedCW`` keeps the two directions of a reciprocal learning pair apart without the
    physics support nodes that ``dynamic`` smoothing adds. Strings must not contain spaces
    because pyvis's ``Options.set`` strips them.
    """
    edge_colour: dict[str, Any] = (
        {"inherit": "from", "opacity": 0.75}
        if directed
        else {"color": "#7f8c8d", "inherit": False, "opacity": 0.6}
    )
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": True,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
            "color": edge_colour,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
    }
    return _json_dumps(options)


def _render(net: Network) -> str:
    """Render pyvis's own template, with the features we must not have switched off.

    ``Network.generate_html`` turns on an ``innerHTML`` tooltip mode whenever a node title
    contains ``href`` (article text could), so we pass its template variables ourselves.
    """
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = net.templateEnv.get_template(net.path)
    return template.render(
        height=height,
        width=width,
        nodes=nodes,
        edges=edges,
        heading="",
        options=options,
        physics_enabled=False,
        use_DOT=False,
        dot_lang="",
        widget=False,
        bgcolor=net.bgcolor,
        conf=False,
        tooltip_link=False,
        neighborhood_highlight=False,
        select_menu=False,
        filter_menu=False,
        notebook=False,
        cdn_resources=net.cdn_resources,
    )


# ----------------------------------------------------------------------------------------
# Post-processing the page
# ----------------------------------------------------------------------------------------


class _ReferenceFinder(HTMLParser):
    """Collect tags that fetch a resource from outside the document.

    ``HTMLParser`` treats ``<script>`` and ``<style>`` bodies as raw text, so strings inside
    the inlined vis-network code are never mistaken for tags.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[str] = []
        self.remote_tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag == "a":
            return
        for name, value in attrs:
            if name in _FETCHING_ATTRS and value and _is_outside(value):
                self.violations.append(f"<{tag} {name}={value!r}>")
                if tag in _EXTERNAL_TAGS_REMOVED and _is_remote(value):
                    text = self.get_starttag_text()
                    if text is not None:
                        self.remote_tags.append(text)
            if name == "style" and value:
                self._check_css(value, tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._check_css(data, "style")

    def _check_css(self, css: str, tag: str) -> None:
        for match in _CSS_URL.finditer(css):
            if _is_outside(match.group(1)):
                self.violations.append(f"<{tag}> css url {match.group(1)!r}")


def _is_outside(reference: str) -> bool:
    """True for any reference that is not an inline ``data:`` URI or an in-page anchor."""
    ref = reference.strip().lower()
    return not (ref.startswith(("data:", "#", "about:blank")) or ref == "")


def _is_remote(reference: str) -> bool:
    """True for a network URL (``http:``, ``https:`` or protocol-relative ``//``)."""
    return reference.strip().lower().startswith(("http:", "https:", "//"))


def _strip_remote_tags(page: str) -> str:
    """Remove remote ``<script src>`` elements and ``<link href>`` tags (pyvis's Bootstrap).

    Bootstrap only styles pyvis's optional menus, which we do not use; the network draws
    without it.
    """
    finder = _ReferenceFinder()
    finder.feed(page)
    finder.close()
    for tag_text in finder.remote_tags:
        if tag_text.lower().startswith("<script"):
            pattern = re.escape(tag_text) + r"\s*</script\s*>\s*"
        else:
            pattern = re.escape(tag_text) + r"\s*"
        page = re.sub(pattern, "", page)
    return page


_PAGE_STYLE = """<style>
  body { font-family: system-ui, sans-serif; margin: 0.5rem 1rem; color: #222; }
  #sinergi-header h1 { font-size: 1.4rem; margin: 0.3rem 0; }
  #sinergi-header p { margin: 0.2rem 0; font-size: 0.9rem; }
  #sinergi-header .sinergi-legend { color: #555; }
  #sinergi-header .sinergi-empty { font-size: 1.1rem; font-weight: bold; }
  div.vis-tooltip { font-family: system-ui, sans-serif; font-size: 13px; }
</style>"""


#: vis-network fits the view while node sizes are still unknown (every bounding box sits at
#: the canvas origin), which leaves a map-placed graph off-centre; fit again after the first
#: frame, when they are known.
_DRAW_CALL = "drawGraph();\n        </script>"
_FIT_AFTER_FIRST_DRAW = (
    "              // sinergi: centre the view once node sizes are known (after the first frame)\n"
    '              network.once("afterDrawing", function () { network.fit(); });'
)


def _decorate(page: str, graph: nx.Graph, title: str, unplaced: int) -> str:
    """Add a doctype, ``<title>``, our escaped heading with counts, and drop pyvis's headings.

    pyvis prints its heading twice (once inside ``<head>``) and unescaped, so we keep its
    heading empty, remove both empty copies and write our own. We also re-fit the view after
    the first frame (see ``_FIT_AFTER_FIRST_DRAW``).
    """
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD_INCLUDE.sub("", page, count=1)
    head_extra = f"<title>{html.escape(title)}</title>\n{_PAGE_STYLE}\n"
    page = _replace_once(page, '<meta charset="utf-8">', f'<meta charset="utf-8">\n{head_extra}')
    page = _replace_once(page, "<body>", f"<body>\n{_header_html(graph, title, unplaced)}")
    # The anchors all contain "<", which never occurs unescaped in the data or the heading,
    # so article text cannot produce a second match.
    page = _replace_once(
        page, _DRAW_CALL, _DRAW_CALL.replace("\n", f"\n{_FIT_AFTER_FIRST_DRAW}\n", 1)
    )
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page.lstrip()
    return page


def _replace_once(page: str, anchor: str, replacement: str) -> str:
    """Replace ``anchor``, failing loudly unless pyvis's template has it exactly once."""
    if page.count(anchor) != 1:
        raise RuntimeError(
            f"pyvis template changed: expected {anchor!r} once in the page, "
            f"found it {page.count(anchor)} times"
        )
    return page.replace(anchor, replacement, 1)


def _header_html(graph: nx.Graph, title: str, unplaced: int) -> str:
    """The visible heading: title, counts, a one-line legend, or a note that it is empty."""
    n_nodes = graph.number_of_nodes()
    n_edges = graph.number_of_edges()
    link_word = "learning link" if graph.is_directed() else "collaboration link"
    evidence = sum(_weight(data) for _u, _v, data in graph.edges(data=True))
    counts = (
        f"{n_nodes} {_plural(n_nodes, 'region')} · {n_edges} {_plural(n_edges, link_word)}"
        f" · evidence {evidence}"
    )
    if graph.is_directed():
        legend = (
            "Arrows point from the region that was learned from to the learner. "
            "Colour: province. Node size: evidence on the region's links. "
            "Line width: evidence on the link. Hover for details; scroll to zoom."
        )
    else:
        legend = (
            "Lines join regions that collaborated. Colour: province. Node size: evidence on "
            "the region's links. Line width: evidence on the link. Hover for details; "
            "scroll to zoom."
        )
    lines = [
        '<header id="sinergi-header">',
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="sinergi-summary">{html.escape(counts)}</p>',
    ]
    if n_nodes == 0:
        lines.append('<p class="sinergi-empty">Nothing to show: this graph has no regions.</p>')
    else:
        lines.append(f'<p class="sinergi-legend">{html.escape(legend)}</p>')
        if unplaced:
            note = (
                f"{unplaced} {_plural(unplaced, 'region')} without coordinates "
                f"{'is' if unplaced == 1 else 'are'} placed near the province centre "
                "or in a grid below the map."
            )
            lines.append(f'<p class="sinergi-legend">{html.escape(note)}</p>')
    lines.append("</header>")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------
# Placement, size, colour
# ----------------------------------------------------------------------------------------


def _positions(graph: nx.Graph) -> dict[Hashable, tuple[float, float, str]]:
    """Canvas position of every node, and how it was placed when not from its coordinates.

    A region without coordinates goes on a small ring around its province (the province's
    own node if it has coordinates, else the mean of the province's placed regions); if the
    province is unknown too, it goes into a grid below the map. The third element is ``""``
    for regions placed by their own coordinates, else a short phrase for the tooltip.
    """
    placed: dict[Hashable, tuple[float, float, str]] = {}
    for node in graph.nodes:
        attrs = graph.nodes[node]
        lat, lon = _coordinate(attrs.get("lat"), 90.0), _coordinate(attrs.get("lon"), 180.0)
        if lat is not None and lon is not None:
            x = (lon - ORIGIN_LON) * SCALE_PX_PER_DEGREE
            y = -(lat - ORIGIN_LAT) * SCALE_PX_PER_DEGREE
            placed[node] = (x, y, "")

    centres = _province_centres(graph, placed)
    around: dict[str, list[Hashable]] = {}
    stranded: list[Hashable] = []
    for node in _sorted_nodes(graph):
        if node in placed:
            continue
        province = _province_of(node, graph.nodes[node])
        if province is not None and province in centres:
            around.setdefault(province, []).append(node)
        else:
            stranded.append(node)

    result = dict(placed)
    for province, members in around.items():
        cx, cy = centres[province]
        for index, node in enumerate(members):
            angle = 2 * math.pi * index / len(members) + math.pi / 4
            result[node] = (
                cx + FALLBACK_RING_PX * math.cos(angle),
                cy + FALLBACK_RING_PX * math.sin(angle),
                "approximate (no coordinates; placed near the province centre)",
            )

    if stranded:
        xs = [x for x, _y, _h in result.values()]
        ys = [y for _x, y, _h in result.values()]
        left = min(xs, default=0.0)
        top = max(ys, default=-FALLBACK_GRID_PX) + 2 * FALLBACK_GRID_PX
        span = max(xs, default=0.0) - left
        columns = max(1, math.ceil(math.sqrt(len(stranded))), int(span // FALLBACK_GRID_PX))
        for index, node in enumerate(stranded):
            row, column = divmod(index, columns)
            result[node] = (
                left + column * FALLBACK_GRID_PX,
                top + row * FALLBACK_GRID_PX,
                "unknown (no coordinates; placed in the grid below the map)",
            )
    return result


def _province_centres(
    graph: nx.Graph, placed: Mapping[Hashable, tuple[float, float, str]]
) -> dict[str, tuple[float, float]]:
    """Province code -> canvas centre, from the province's own node or its placed regions."""
    members: dict[str, list[tuple[float, float]]] = {}
    for node, (x, y, _how) in placed.items():
        province = _province_of(node, graph.nodes[node])
        if province is not None:
            members.setdefault(province, []).append((x, y))
    centres = {
        province: (
            sum(x for x, _y in points) / len(points),
            sum(y for _x, y in points) / len(points),
        )
        for province, points in members.items()
    }
    for node, (x, y, _how) in placed.items():
        if str(node) in centres and graph.nodes[node].get("kind") == "provinsi":
            centres[str(node)] = (x, y)
    return centres


def _strength(graph: nx.Graph) -> dict[Hashable, int]:
    """Total evidence on each node's links (in + out for directed graphs)."""
    strength: dict[Hashable, int] = dict.fromkeys(graph.nodes, 0)
    for u, v, data in graph.edges(data=True):
        weight = _weight(data)
        strength[u] += weight
        if v != u:
            strength[v] += weight
    return strength


def _node_size(strength: int, max_strength: int) -> float:
    """Radius growing with the square root of strength, so that area tracks evidence."""
    if max_strength <= 0:
        return MIN_NODE_SIZE
    share = math.sqrt(strength / max_strength)
    return round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * share, 2)


def _edge_width(weight: int) -> float:
    """Width on a log scale, so one heavily reported pair does not swamp the others."""
    return round(min(MAX_EDGE_WIDTH, 1.0 + 2.0 * math.log2(max(weight, 1))), 2)


def _province_colour(province: str | None) -> str:
    """A palette colour chosen by a stable hash (not Python's salted ``hash``) of the code."""
    if province is None:
        return NO_PROVINCE_COLOUR
    digest = hashlib.sha256(province.encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def _province_of(node: Hashable, attrs: Mapping[str, Any]) -> str | None:
    """Province code from the attribute, else from the region code (``"17.71"`` -> ``"17"``)."""
    province = _text(attrs.get("province"))
    if province:
        return province
    prefix = str(node).split(".", 1)[0]
    return prefix if prefix.isdigit() else None


# ----------------------------------------------------------------------------------------
# Tooltips (plain text: vis-network puts string titles into innerText)
# ----------------------------------------------------------------------------------------


def _node_title(graph: nx.Graph, node: Hashable, strength: int, placement: str) -> str:
    """Tooltip of a region: name, code, kind, province, links, and placement caveats."""
    attrs = graph.nodes[node]
    lines = [_text(attrs.get("label")) or str(node), f"code: {node}"]
    kind = _text(attrs.get("kind"))
    if kind:
        lines.append(f"kind: {kind}")
    province = _province_of(node, attrs)
    if province is not None:
        name = _province_name(graph, province)
        lines.append(f"province: {name} ({province})" if name else f"province: {province}")
    if graph.is_directed():
        sources = [u for u in graph.predecessors(node) if u != node]
        learners = [v for v in graph.successors(node) if v != node]
        learned = sum(_weight(graph.edges[u, node]) for u in sources)
        taught = sum(_weight(graph.edges[node, v]) for v in learners)
        n_sources, n_learners = len(sources), len(learners)
        lines.append(
            f"learned from {n_sources} {_plural(n_sources, 'region')} (evidence {learned})"
        )
        lines.append(f"source for {n_learners} {_plural(n_learners, 'region')} (evidence {taught})")
    else:
        partners = [v for v in graph.neighbors(node) if v != node]
        lines.append(f"partners: {len(partners)} (evidence {strength})")
    if placement:
        lines.append(f"position: {placement}")
    return "\n".join(lines)


def _edge_title(graph: nx.Graph, u: Hashable, v: Hashable, data: Mapping[str, Any]) -> str:
    """Tooltip of a link: who, direction in words, evidence, period and types."""
    source, target = _label(graph, u), _label(graph, v)
    if graph.is_directed():
        lines = [f"{source} → {target}", f"{target} learned from {source}"]
    else:
        lines = [f"{source} — {target}", "collaboration"]
    lines.append(f"evidence: {_weight(data)}")
    lines.append(_period(data.get("first"), data.get("last")))
    types = _types(data.get("types"))
    if types:
        lines.append(f"types: {', '.join(types)}")
    return "\n".join(lines)


def _period(first: Any, last: Any) -> str:
    """Human-readable first–last dates, tolerating either or both missing."""
    start, end = _text(first), _text(last)
    if start and end:
        return f"date: {start}" if start == end else f"period: {start} – {end}"
    if start:
        return f"first seen: {start}"
    if end:
        return f"last seen: {end}"
    return "dates: unknown"


def _types(value: Any) -> list[str]:
    """Edge types as a sorted, de-duplicated list (a set would otherwise print in any order)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        value = [value]
    return sorted({_text(item) for item in value} - {""})


def _province_name(graph: nx.Graph, province: str) -> str:
    """The province's label when its own node is in the graph, else ``""``."""
    if province in graph and graph.nodes[province].get("kind") in (None, "provinsi"):
        return _text(graph.nodes[province].get("label"))
    return ""


def _label(graph: nx.Graph, node: Hashable) -> str:
    return _text(graph.nodes[node].get("label")) or str(node)


# ----------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------


def _node_ids(graph: nx.Graph) -> dict[Hashable, str]:
    """Node -> vis id (a string); two nodes that print the same would merge, so refuse."""
    ids = {node: str(node) for node in graph.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two node ids have the same text form; node ids must be region codes")
    return ids


def _sorted_nodes(graph: nx.Graph) -> list[Hashable]:
    """Nodes in code order, so that insertion order does not change the output bytes."""
    return sorted(graph.nodes, key=str)


def _sorted_edges(graph: nx.Graph) -> list[tuple[Hashable, Hashable, dict[str, Any]]]:
    """Edges in a canonical order (undirected endpoints ordered by code)."""
    edges = []
    for u, v, data in graph.edges(data=True):
        if not graph.is_directed() and str(v) < str(u):
            u, v = v, u
        edges.append((u, v, data))
    edges.sort(key=lambda edge: (str(edge[0]), str(edge[1])))
    return edges


def _weight(data: Mapping[str, Any]) -> int:
    """Evidence count of an edge; missing or unusable weights count as 1."""
    value = data.get("weight", 1)
    try:
        weight = int(value)
    except (TypeError, ValueError, OverflowError):
        return 1
    return max(weight, 0)


def _coordinate(value: Any, limit: float) -> float | None:
    """A finite coordinate within ``±limit``, else ``None`` (treated as missing)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return number


def _text(value: Any) -> str:
    """Attribute as stripped text; ``None`` becomes ``""``."""
    return "" if value is None else str(value).strip()


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _json_dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
