"""Interactive network views written as ONE self-contained HTML file that works offline.

Why our own template rather than pyvis: pyvis 0.3.2 is frozen upstream and its template
links Bootstrap (and in two of its three modes vis-network itself) from CDNs, switches to
``innerHTML`` tooltips when a title contains ``href``, and cannot filter after rendering
(time sliders are out of scope there). So this module writes its own page:

- vis-network 10 (the standalone UMD build, vendored in ``assets/`` with its licence and
  injected CSS) is inlined, with our CSS and script; the view data is a JSON island
  (``<script type="application/json">``, ``<``/``>``/``&`` escaped). A Content-Security-
  Policy ``default-src 'none'`` forbids every fetch, and :func:`assert_self_contained`
  refuses to write a page that references anything outside itself.
- Positions are computed in Python (:mod:`sinergi.viz.layout`) and physics is off, so 550
  regions and 3,000 links draw in well under two seconds.
- Filtering happens in the page with vis-network ``DataView`` filters: time range, link
  types, themes, province, minimum evidence. Colour, size and layout switch in place; a
  play button steps the time range through the dates.
- Under the map layout the page draws Indonesia's coastline and province borders (Natural
  Earth, simplified to ``assets/boundaries.json``, ~40 KB in the data island) with the
  nodes' own lon/lat -> canvas mapping (:func:`sinergi.viz.layout.map_projection`).
- Every piece of text that comes from an article (titles, sentences, program labels) is
  put into the page with ``textContent`` or as a plain-text tooltip, never as HTML; links
  to articles get an ``href`` only for ``http(s)`` URLs.

The page exposes ``window.network`` (the vis Network) and ``window.sinergi`` (data, views
and filter state) for tests and for researchers who want to script it in the console.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.reference import load_regions, load_themes
from sinergi.viz.layout import (
    LAYOUTS,
    day_number,
    force_positions,
    map_positions,
    map_projection,
    timeline_axis,
    timeline_positions,
)
from sinergi.viz.views import ISLAND_GROUPS, KINDS, VIEWS, Evidence, ViewSpec, node_scores

__all__ = [
    "COLOUR_BY",
    "SIZE_BY",
    "ExternalResourceError",
    "assert_self_contained",
    "render_view_html",
    "view_payload",
    "write_view_html",
]

SIZE_BY: tuple[str, ...] = ("degree", "pagerank", "first")
COLOUR_BY: tuple[str, ...] = ("province", "island")

#: Tableau 20 without its greys, for provinces (assigned in code order, so neighbouring
#: codes, usually neighbouring provinces, differ) and for themes (by frequency in a view).
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
ISLAND_COLOURS: dict[str, str] = {
    "Sumatera": "#1f77b4",
    "Jawa": "#d62728",
    "Bali dan Nusa Tenggara": "#ff7f0e",
    "Kalimantan": "#2ca02c",
    "Sulawesi": "#9467bd",
    "Maluku": "#17becf",
    "Papua": "#8c564b",
}
UNKNOWN_COLOUR = "#7f7f7f"
NO_THEME_COLOUR = "#8a8a8a"
#: Event links: a colour and a line style each (learning links are solid, coloured by theme).
KIND_STYLE: dict[str, dict[str, Any]] = {
    "learning": {"label": "learning (arrow: source → learner)", "colour": None, "dashes": False},
    "visit": {"label": "visit", "colour": "#37474f", "dashes": False},
    "agreement": {"label": "agreement (MoU)", "colour": "#b3541e", "dashes": [10, 6]},
    "forum": {"label": "forum", "colour": "#6b3fa0", "dashes": [2, 6]},
}
MAX_EDGE_WIDTH = 12.0



def _built_elsewhere(*_: object, **__: object) -> nx.MultiDiGraph:
    raise SinergiError("this view graph was built outside sinergi's views; pass the graph")


#: How the page shows a graph that is no registered view (one built by hand).
_PLAIN_VIEW = ViewSpec(
    name="view",
    title="sinergi network view",
    summary="a network built outside the view registry",
    build=_built_elsewhere,
    kinds=KINDS,
)

_FETCHING_ATTRS = ("src", "href", "srcset", "data", "poster", "background", "action")
_CSS_URL = re.compile(r"""(?:url\(|@import)\s*["']?\s*([^"')\s;]+)""", re.IGNORECASE)
_SLOT = re.compile(r"@@([A-Z_]+)@@")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


class ExternalResourceError(SinergiError, RuntimeError):
    """The generated page would load something from outside the file.

    Raised instead of writing a page that shows nothing when opened without a network (or
    that tells a CDN which views a researcher opens).
    """


# ----------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------


def write_view_html(
    view: nx.MultiDiGraph,
    out: str | Path,
    *,
    title: str | None = None,
    size: str | None = None,
    colour: str = "province",
    layout: str | None = None,
) -> Path:
    """Write a view graph (see :mod:`sinergi.viz.views`) as one offline HTML file.

    Parameters
    ----------
    view
        A view graph: nodes are region codes, edges keyed by kind with ``evidence`` lists.
    out
        Path of the HTML file; parent folders are created; nothing else is written.
    title
        Page heading (any text; escaped). Default: the view's standard title.
    size
        Initial node size score: ``degree``, ``pagerank`` or ``first`` (earliest largest).
        Default: ``first`` for diffusion, else ``degree``.
    colour
        Initial node colour: ``province`` or ``island`` (group).
    layout
        Initial layout: ``map``, ``force`` or (diffusion only) ``timeline``. Default:
        ``timeline`` for diffusion, else ``map``.

    Returns
    -------
    Path
        ``out`` as a :class:`~pathlib.Path`.

    Raises
    ------
    SinergiError
        For an unknown ``size``, ``colour`` or ``layout``.
    ExternalResourceError
        If the page would reference anything outside itself.
    """
    page = render_view_html(view, title=title, size=size, colour=colour, layout=layout)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode("utf-8"))
    return path


def render_view_html(
    view: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size: str | None = None,
    colour: str = "province",
    layout: str | None = None,
) -> str:
    """The page of :func:`write_view_html` as a string (same graph, same bytes)."""
    name = str(view.graph.get("view", "view"))
    heading = title if title is not None else _spec(name).title
    data = view_payload(view, title=heading, size=size, colour=colour, layout=layout)
    page = _SLOT.sub(
        lambda match: _slot(match.group(1), heading=heading, data=data), _asset("view.html")
    )
    assert_self_contained(page)
    return page


def view_payload(
    view: nx.MultiDiGraph,
    *,
    title: str = "",
    size: str | None = None,
    colour: str = "province",
    layout: str | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data (compact: evidence and texts shared)."""
    name = str(view.graph.get("view", "view"))
    spec = _spec(name)
    layouts = [lay for lay in LAYOUTS if lay in spec.layouts]
    layout = layout or spec.layouts[0]
    size = size or spec.size
    _check_choice("size", size, SIZE_BY)
    _check_choice("colour", colour, COLOUR_BY)
    _check_choice("layout", layout, tuple(layouts))

    table = _Tables()
    focus = set(view.graph.get("focus") or ())
    scores = node_scores(view)
    sizes = _size_shares(scores)
    positions, notes = map_positions(view)
    placements: dict[str, dict[Hashable, tuple[float, float]]] = {
        "map": positions,
        "force": force_positions(view, positions),
    }
    if "timeline" in layouts:
        placements["timeline"] = timeline_positions(view)
    province_colour = _province_colours()
    # the coastline and province borders are drawn under the map layout, projected like
    # the regions; a view without coordinates has no map to draw them under
    projection = map_projection(view) if "map" in layouts else None

    nodes = []
    for node, attrs in view.nodes(data=True):
        code = str(node)
        province = _text(attrs.get("province")) or None
        island = _text(attrs.get("island")) or "tidak diketahui"
        record: dict[str, Any] = {
            "id": code,
            "name": _text(attrs.get("label")) or code,
            "kind": _text(attrs.get("kind")),
            "province": province,
            "provinceName": _text(attrs.get("province_name")),
            "island": island,
            "aliases": [str(a) for a in attrs.get("aliases") or ()],
            "pos": {lay: list(placements[lay][node]) for lay in placements},
            "colour": {
                "province": province_colour.get(province or "", UNKNOWN_COLOUR),
                "island": ISLAND_COLOURS.get(island, UNKNOWN_COLOUR),
            },
            "score": {
                "degree": scores[node]["degree"],
                "pagerank": round(scores[node]["pagerank"], 5),
                "first": scores[node]["first"],
                "evidence": scores[node]["evidence"],
            },
            "size": sizes[node],
            "focus": node in focus,
        }
        if node in notes:
            record["placement"] = notes[node]
        if "order" in attrs:
            record["order"] = attrs["order"]
            record["adopted"] = attrs.get("adopted")
            record["firstAdopter"] = bool(attrs.get("first_adopter"))
            record["adoption"] = [table.evidence(e) for e in attrs.get("adoption") or ()]
        if "distance" in attrs:
            record["distance"] = attrs["distance"]
        nodes.append(record)

    theme_counts: Counter[str] = Counter()
    for _u, _v, data in view.edges(data=True):
        for evidence in data["evidence"]:
            theme_counts.update(evidence.themes)
    themes = load_themes()
    theme_order = sorted(theme_counts, key=lambda slug: (-theme_counts[slug], slug))
    theme_colour = {slug: PALETTE[i % len(PALETTE)] for i, slug in enumerate(theme_order)}

    edges = []
    max_evidence = 1
    kinds_present = set()
    for index, (u, v, key, data) in enumerate(view.edges(keys=True, data=True)):
        items: list[Evidence] = data["evidence"]
        kind = str(data.get("kind", key))
        kinds_present.add(kind)
        max_evidence = max(max_evidence, len(items))
        counts = Counter(t for e in items for t in e.themes)
        theme = min(counts, key=lambda s: (-counts[s], s)) if counts else None
        edges.append(
            {
                "id": f"e{index}",
                "from": str(u),
                "to": str(v),
                "kind": kind,
                "directed": bool(data.get("directed")),
                "ev": [table.evidence(e) for e in items],
                "theme": theme,
                "width": _edge_width(len(items)),
            }
        )

    days = [e["day"] for e in table.evidence_rows if e["day"] is not None]
    undated = any(e["day"] is None for e in table.evidence_rows)
    provinces_present = sorted({n["province"] for n in nodes if n["province"]})
    regions = load_regions()
    islands_present = sorted({n["island"] for n in nodes}, key=_island_rank)
    return {
        "title": title,
        "view": name,
        "description": _text(view.graph.get("description")),
        "directed": any(e["directed"] for e in edges),
        "nodes": nodes,
        "edges": edges,
        "evidence": table.evidence_rows,
        "docs": table.docs,
        "sentences": table.sentences,
        "themes": [
            {
                "slug": slug,
                "label": themes[slug].name_en if slug in themes else slug,
                "colour": theme_colour[slug],
            }
            for slug in theme_order
        ],
        "noThemeColour": NO_THEME_COLOUR,
        "kinds": [
            {"kind": kind, **KIND_STYLE[kind]}
            for kind in KINDS
            if kind in kinds_present or (not edges and kind in spec.kinds)
        ],
        "provinces": [
            {
                "code": code,
                "name": regions[code].name if code in regions else code,
                "colour": province_colour.get(code, UNKNOWN_COLOUR),
            }
            for code in provinces_present
        ],
        "islands": [
            {"name": island, "colour": ISLAND_COLOURS.get(island, UNKNOWN_COLOUR)}
            for island in islands_present
        ],
        "layouts": layouts,
        "initial": {"layout": layout, "size": size, "colour": colour},
        "time": {
            "min": min(days) if days else None,
            "max": max(days) if days else None,
            "undated": undated,
        },
        "maxEvidence": max_evidence,
        "focus": sorted(str(f) for f in focus),
        "timeline": timeline_axis(view) if "timeline" in layouts else None,
        "map": projection,
        "boundaries": _boundaries() if projection is not None else None,
        "cascade": _text(view.graph.get("cascade")),
    }


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
            f"the network page references {len(finder.violations)} resource(s) "
            f"outside the file, so it would not work offline: {listed}"
        )


# ----------------------------------------------------------------------------------------
# Page assembly
# ----------------------------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    return (resources.files("sinergi.viz") / "assets" / name).read_text(encoding="utf-8")


@cache
def _boundaries() -> dict[str, Any]:
    """Indonesia's outline and province borders (``assets/boundaries.json``, about 40 KB).

    Natural Earth admin-1, simplified by ``scripts/build_boundaries.py``; see the assets
    README for the source and licence. Inlined in the data island, so nothing is fetched.
    """
    data = json.loads(_asset("boundaries.json"))
    return {key: data[key] for key in ("unit", "outline", "borders")}


@cache
def _vis_network_js() -> str:
    """The vendored vis-network build, without its source-map comment."""
    code = _SOURCE_MAP.sub("", _asset("vis-network.min.js"))
    if re.search(r"</script", code, re.IGNORECASE) or "<!--" in code:
        raise RuntimeError("the vendored vis-network build cannot be inlined as is")
    return code


def _slot(name: str, *, heading: str, data: Mapping[str, Any]) -> str:
    if name == "TITLE":
        return html.escape(heading)
    if name == "DATA":
        return _json_for_script(data)
    if name == "VIS":
        return _vis_network_js()
    if name == "CSS":
        return _asset("view.css")
    if name == "JS":
        return _asset("view.js")
    raise RuntimeError(f"unknown slot @@{name}@@ in the view template")


def _json_for_script(data: Mapping[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Tables:
    """Shared tables of the payload: evidence rows, article docs and sentence texts."""

    def __init__(self) -> None:
        self.evidence_rows: list[dict[str, Any]] = []
        self.docs: list[dict[str, Any]] = []
        self.sentences: list[str] = []
        self._evidence: dict[tuple[str, str], int] = {}
        self._docs: dict[tuple[Any, ...], int] = {}
        self._sentences: dict[str, int] = {}

    def evidence(self, item: Evidence) -> int:
        key = (item.statement, item.kind)
        if key in self._evidence:
            return self._evidence[key]
        doc_key = (item.doc, item.title, item.url)
        if doc_key not in self._docs:
            self._docs[doc_key] = len(self.docs)
            self.docs.append({"id": item.doc, "title": item.title, "url": item.url})
        sentence_ids = []
        for sentence in item.sentences:
            if sentence not in self._sentences:
                self._sentences[sentence] = len(self.sentences)
                self.sentences.append(sentence)
            sentence_ids.append(self._sentences[sentence])
        row = {
            "kind": item.kind,
            "date": item.date,
            "day": day_number(item.date),
            "doc": self._docs[doc_key],
            "s": sentence_ids,
            "themes": list(item.themes),
            "programs": list(item.programs),
            "detail": item.detail,
            "conf": None if item.confidence is None else round(item.confidence, 3),
            "status": item.status,
        }
        self._evidence[key] = len(self.evidence_rows)
        self.evidence_rows.append(row)
        return self._evidence[key]


class _ReferenceFinder(HTMLParser):
    """Collect tags that fetch a resource from outside the document.

    ``HTMLParser`` treats ``<script>`` and ``<style>`` bodies as raw text, so strings inside
    the inlined vis-network code are never mistaken for tags.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag == "a":
            return
        for name, value in attrs:
            if name in _FETCHING_ATTRS and value and _is_outside(value):
                self.violations.append(f"<{tag} {name}={value!r}>")
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


# ----------------------------------------------------------------------------------------
# Sizes and colours
# ----------------------------------------------------------------------------------------


def _size_shares(scores: Mapping[Any, Mapping[str, Any]]) -> dict[Hashable, dict[str, float]]:
    """Each score as a share in [0, 1] for node size (square root: area tracks the score).

    ``first``: the earliest date gets 1, the latest 0.15, nodes without a date 0.
    """
    result: dict[Hashable, dict[str, float]] = {node: {} for node in scores}
    for score in ("degree", "pagerank"):
        top = max((float(s[score]) for s in scores.values()), default=0.0)
        for node, values in scores.items():
            share = math.sqrt(float(values[score]) / top) if top > 0 else 0.0
            result[node][score] = round(share, 4)
    days = {node: day_number(values["first"]) for node, values in scores.items()}
    known = [d for d in days.values() if d is not None]
    lo, hi = (min(known), max(known)) if known else (0, 0)
    for node, day in days.items():
        if day is None:
            result[node]["first"] = 0.0
        elif hi == lo:
            result[node]["first"] = 1.0
        else:
            result[node]["first"] = round(0.15 + 0.85 * (hi - day) / (hi - lo), 4)
    return result


def _edge_width(count: int) -> float:
    """Width on a log scale, so one heavily reported pair does not swamp the others."""
    return round(min(MAX_EDGE_WIDTH, 1.5 + 2.5 * math.log2(max(count, 1))), 2)


@cache
def _province_colours() -> dict[str, str]:
    """Province code -> colour, cycling the palette in code order (stable across views)."""
    provinces = [code for code, region in load_regions().items() if region.kind == "provinsi"]
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(provinces))}


def _island_rank(island: str) -> tuple[int, str]:
    order = list(dict.fromkeys(ISLAND_GROUPS.values()))
    return (order.index(island) if island in order else len(order), island)


def _spec(name: str) -> ViewSpec:
    """The registered view called ``name``, or the plain view for any other graph."""
    return VIEWS.get(name, _PLAIN_VIEW)


def _check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise SinergiError(f"unknown {option} {value!r}; choose from {', '.join(choices)}")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
