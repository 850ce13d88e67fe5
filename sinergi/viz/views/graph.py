"""The view graph every view returns, its filter, and the node attributes and scores.

The view graph
--------------
Nodes
    Kemendagri codes, with ``label``, ``kind``, ``province``, ``province_name``,
    ``island``, ``lat``, ``lon`` and ``aliases`` from the region table.
Edges
    Keyed by kind: ``"learning"``, ``"visit"``, ``"agreement"`` or ``"forum"``. A learning
    edge points from the source to the learner (knowledge flows to the learner); an event
    edge is stored once, from the smaller code to the larger, with ``directed=False``.
    Attributes: ``kind``, ``directed`` and ``evidence``, a list of :class:`Evidence` in date
    order (one per learning relation or event, so ``len(evidence)`` is the evidence count).
Graph attributes
    ``view`` (the view name), ``focus`` (codes to highlight: the ego region or the first
    adopters), ``description`` (one line saying what the view shows) and, for diffusion
    views, ``cascade`` (the program text and/or theme).

Diffusion views add node attributes ``adopted`` (the region's adoption date in the
cascade), ``order`` (1 = first, the row order of ``sinergi analyze cascades --form trees``),
``first_adopter`` (an origin of the cascade), ``parent`` (the region it learned it from, None
for a root), ``depth`` and ``adoption`` (the evidence of the region's own adoption: programs
it owns, learning about it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.projections import EVENT_TYPES, region_attributes
from sinergi.reference import load_regions, load_themes

__all__ = [
    "ISLAND_GROUPS",
    "KINDS",
    "Evidence",
    "Link",
    "ViewFilter",
    "assemble",
    "is_date",
    "island_of",
    "node_scores",
    "plural",
    "region_node",
    "sorted_copy",
]

#: Every edge kind of a view graph: learning, then the event types of the projections.
KINDS: tuple[str, ...] = ("learning", *EVENT_TYPES)


#: Island groups by the first digit of the province code (Kemendagri numbers provinces by
#: region: 1x Sumatra, 3x Java, 5x Bali and Nusa Tenggara, 6x Kalimantan, 7x Sulawesi,
#: 8x Maluku, 9x Papua).
ISLAND_GROUPS: dict[str, str] = {
    "1": "Sumatera",
    "2": "Sumatera",  # 21 Kepulauan Riau
    "3": "Jawa",
    "5": "Bali dan Nusa Tenggara",
    "6": "Kalimantan",
    "7": "Sulawesi",
    "8": "Maluku",
    "9": "Papua",
}


UNKNOWN_ISLAND = "tidak diketahui"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One statement behind a link: a learning relation, an event or a program mention.

    ``sentences`` are the quoted sentences in article order (a statement made twice in one
    article has two). ``detail`` says who did what in words (host and guests of a visit,
    the forum's name, the programs learned about).
    """

    statement: str
    kind: str
    date: str | None = None
    doc: str | None = None
    title: str | None = None
    url: str | None = None
    sentences: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    detail: str = ""
    confidence: float | None = None
    status: str | None = None  # curation status (sinergi curate), None when unreviewed


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """What a view keeps, applied to each piece of evidence and then to each link.

    ``start``/``end`` are inclusive ISO dates (``since``/``until``, their former names,
    still work); evidence without a date is dropped when
    either is set (it cannot be shown to fall in the range). ``themes`` and ``kinds`` keep
    evidence with at least one of the themes / of one of the kinds (empty: no restriction).
    ``province`` keeps links with at least one end in that province. ``min_evidence`` drops
    links with fewer pieces of evidence left.
    """

    start: str | None = None
    end: str | None = None
    themes: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    province: str | None = None
    min_evidence: int = 1
    #: Also show statements a curator rejected or replaced (``sinergi curate``).
    include_excluded: bool = False
    #: Show only statements whose rule confidence is at least this.
    min_confidence: float | None = None
    #: The former names of ``start`` and ``end``, still accepted from older scripts.
    since: InitVar[str | None] = None
    until: InitVar[str | None] = None

    def __post_init__(self, since: str | None, until: str | None) -> None:
        for name, old_name, old in (("start", "since", since), ("end", "until", until)):
            if old is None:
                continue
            if getattr(self, name) not in (None, old):
                raise SinergiError(f"give `{name}` or its old name `{old_name}`, not both")
            object.__setattr__(self, name, old)
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise SinergiError(
                f"unknown link type(s) {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}"
            )
        themes = load_themes()
        bad = sorted(set(self.themes) - set(themes))
        if bad:
            raise SinergiError(f"unknown theme(s) {', '.join(bad)}; see sinergi/data/themes.csv")
        if self.province is not None:
            region = load_regions().get(self.province)
            if region is None or region.kind != "provinsi":
                raise SinergiError(f"{self.province!r} is not a province code (e.g. 36 Banten)")
        if self.min_evidence < 1:
            raise SinergiError("the minimum evidence must be at least 1")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise SinergiError("the minimum confidence must lie in [0, 1]")
        for value in (self.start, self.end):
            if value is not None and not is_date(value):
                raise SinergiError(f"{value!r} is not a YYYY-MM-DD date")

    def statement_filters(self) -> dict[str, Any]:
        """The projections' keyword arguments for the statements this filter keeps."""
        return {"include_excluded": self.include_excluded, "min_confidence": self.min_confidence}

    def statement_params(self) -> dict[str, str]:
        """The view queries' parameters for the statements this filter keeps."""
        params = {"curation": "all"} if self.include_excluded else {}
        if self.min_confidence is not None:
            params["min_confidence"] = str(self.min_confidence)
        return params

    def keeps(self, evidence: Evidence) -> bool:
        """True if one piece of evidence passes the time, theme and kind filters."""
        if self.kinds and evidence.kind not in self.kinds:
            return False
        if self.themes and not set(evidence.themes) & self.themes:
            return False
        if self.start or self.end:
            if evidence.date is None:
                return False
            if self.start and evidence.date < self.start:
                return False
            if self.end and evidence.date > self.end:
                return False
        return True


@dataclass(slots=True)
class Link:
    """One statement joining two regions, before grouping into edges."""

    u: str
    v: str
    kind: str
    directed: bool
    evidence: Evidence


def assemble(view: str, links: Iterable[Link], filters: ViewFilter) -> nx.MultiDiGraph:
    """Group links into edges keyed by kind, apply the filters, and add the regions."""
    edges: dict[tuple[str, str, str], tuple[bool, list[Evidence]]] = {}
    for link in links:
        if link.u == link.v or not filters.keeps(link.evidence):
            continue
        u, v = link.u, link.v
        if not link.directed and v < u:
            u, v = v, u
        key = (u, v, link.kind)
        if key not in edges:
            edges[key] = (link.directed, [])
        edges[key][1].append(link.evidence)

    graph: nx.MultiDiGraph = nx.MultiDiGraph(view=view, focus=())
    province = filters.province
    for (u, v, kind), (directed, evidence) in sorted(edges.items()):
        if len(evidence) < filters.min_evidence:
            continue
        attrs_u, attrs_v = region_node(u), region_node(v)
        if province and province not in (attrs_u.get("province"), attrs_v.get("province")):
            continue
        for node, attrs in ((u, attrs_u), (v, attrs_v)):
            if node not in graph:
                graph.add_node(node, **attrs)
        evidence.sort(key=lambda e: (e.date or "9999-99-99", e.doc or "", e.statement))
        graph.add_edge(u, v, key=kind, kind=kind, directed=directed, evidence=evidence)
    return sorted_copy(graph)


def sorted_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in code order (stable output)."""
    ordered: nx.MultiDiGraph = nx.MultiDiGraph()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    for u, v, key, data in sorted(
        graph.edges(keys=True, data=True), key=lambda item: (item[0], item[1], item[2])
    ):
        ordered.add_edge(u, v, key=key, **data)
    return ordered


def node_scores(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per-node scores the views can size nodes by.

    ``degree``
        Number of distinct regions linked to the node (any kind, either direction).
    ``pagerank``
        PageRank with evidence counts as weights, on a graph where each learning link points
        from the learner to the source (a region scores high when regions that are learned
        from learn from it) and each event link points both ways.
    ``first``
        The earliest date the region appears in the view: its adoption date in a diffusion
        view, else the earliest evidence date on its links (None if no date is known).
    ``evidence``
        Pieces of evidence on the node's links.
    """
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    flow: nx.DiGraph = nx.DiGraph()
    flow.add_nodes_from(graph.nodes)
    first: dict[str, str | None] = dict.fromkeys(graph.nodes)
    evidence: dict[str, int] = dict.fromkeys(graph.nodes, 0)

    def add_flow(a: str, b: str, weight: int) -> None:
        if flow.has_edge(a, b):
            flow.edges[a, b]["weight"] += weight
        else:
            flow.add_edge(a, b, weight=weight)

    for u, v, data in graph.edges(data=True):
        items = data["evidence"]
        weight = len(items)
        if u != v:
            simple.add_edge(u, v)
        evidence[u] += weight
        if v != u:
            evidence[v] += weight
        if data["directed"]:
            add_flow(v, u, weight)
        else:
            add_flow(u, v, weight)
            add_flow(v, u, weight)
        dates = [e.date for e in items if e.date]
        if dates:
            earliest = min(dates)
            for node in (u, v):
                if first[node] is None or earliest < first[node]:
                    first[node] = earliest
    for node, attrs in graph.nodes(data=True):
        if "adopted" in attrs:
            first[node] = attrs["adopted"]
    rank = _pagerank(flow)
    return {
        node: {
            "degree": simple.degree(node),
            "pagerank": rank.get(node, 0.0),
            "first": first[node],
            "evidence": evidence[node],
        }
        for node in graph.nodes
    }


def region_node(code: str) -> dict[str, Any]:
    """Node attributes of a region in a view graph (only ``label`` for an unknown code)."""
    regions = load_regions()
    region = regions.get(code)
    if region is None:
        return {**region_attributes(code), "aliases": ()}
    province = regions.get(region.province_code)
    aliases = tuple(dict.fromkeys(a for a in (region.short, *region.aliases) if a))
    return {
        **region_attributes(code),
        "province_name": province.name if province else "",
        "island": island_of(region.province_code),
        "aliases": aliases,
    }


def island_of(province: str | None) -> str:
    """Island group of a province code (``"36"`` -> ``"Jawa"``)."""
    if not province:
        return UNKNOWN_ISLAND
    return ISLAND_GROUPS.get(province[:1], UNKNOWN_ISLAND)


def _pagerank(graph: nx.DiGraph) -> dict[str, float]:
    if graph.number_of_nodes() == 0:
        return {}
    try:
        return nx.pagerank(graph, weight="weight")
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny pathological graphs
        share = 1.0 / graph.number_of_nodes()
        return dict.fromkeys(graph.nodes, share)


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
