"""The data behind the interactive network views: typed, dated links with all their evidence.

The projections in :mod:`sinergi.graph.projections` aggregate in SPARQL (one row per pair
of regions). An interactive view needs more: every learning relation and event behind a
link, with its date, themes, article and sentence, so that the page can filter by time,
theme and type and show the evidence of the link a researcher clicks. The queries
``view-learning``, ``view-events`` and ``view-programs`` return one row per statement; this
module groups them into one :class:`networkx.MultiDiGraph` per view.

The views do not decide their links themselves: the links of the learning and
collaboration views are the edges of :func:`~sinergi.graph.projections.learning_projection`
and :func:`~sinergi.graph.projections.collaboration_projection`, and a diffusion view is
the adoption cascade that ``sinergi analyze cascades`` computes
(:func:`~sinergi.graph.projections.adoption_network` and :mod:`sinergi.graph.cascades`),
adopters, order and parents included. The statement rows only add the evidence of each
link, so the page and the CSV a researcher exports cannot disagree.

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

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.cascades import (
    adoption_order,
    cascade_key,
    cascade_network,
    cascade_origins,
    cascade_programs,
    cascade_trees,
)
from sinergi.graph.formats import plain_code
from sinergi.graph.projections import (
    EVENT_TYPES,
    adoption_network,
    collaboration_projection,
    learning_projection,
    region_attributes,
)
from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query
from sinergi.reference import load_regions, load_themes

__all__ = [
    "ISLAND_GROUPS",
    "KINDS",
    "VIEW_NAMES",
    "Evidence",
    "ViewFilter",
    "build_view",
    "collaboration_view",
    "diffusion_view",
    "ego_view",
    "island_of",
    "learning_view",
    "node_scores",
    "region_node",
]

#: Every edge kind of a view graph: learning, then the event types of the projections.
KINDS: tuple[str, ...] = ("learning", *EVENT_TYPES)
VIEW_NAMES: tuple[str, ...] = ("learning", "collaboration", "diffusion", "ego")

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


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """What a view keeps, applied to each piece of evidence and then to each link.

    ``since``/``until`` are inclusive ISO dates; evidence without a date is dropped when
    either is set (it cannot be shown to fall in the range). ``themes`` and ``kinds`` keep
    evidence with at least one of the themes / of one of the kinds (empty: no restriction).
    ``province`` keeps links with at least one end in that province. ``min_evidence`` drops
    links with fewer pieces of evidence left.
    """

    since: str | None = None
    until: str | None = None
    themes: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    province: str | None = None
    min_evidence: int = 1

    def __post_init__(self) -> None:
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
        for value in (self.since, self.until):
            if value is not None and not _is_date(value):
                raise SinergiError(f"{value!r} is not a YYYY-MM-DD date")

    def keeps(self, evidence: Evidence) -> bool:
        """True if one piece of evidence passes the time, theme and kind filters."""
        if self.kinds and evidence.kind not in self.kinds:
            return False
        if self.themes and not set(evidence.themes) & self.themes:
            return False
        if self.since or self.until:
            if evidence.date is None:
                return False
            if self.since and evidence.date < self.since:
                return False
            if self.until and evidence.date > self.until:
                return False
        return True


# ----------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------


def build_view(
    store: GraphStore,
    view: str,
    *,
    filters: ViewFilter | None = None,
    region: str | None = None,
    depth: int = 1,
    program: str | None = None,
    theme: str | None = None,
) -> nx.MultiDiGraph:
    """The graph of one named view (see :data:`VIEW_NAMES`).

    ``region``/``depth`` are for ``ego``; ``program``/``theme`` for ``diffusion``.

    Raises
    ------
    SinergiError
        For an unknown view, or a missing or unknown argument of the view.
    """
    filters = filters or ViewFilter()
    if view == "learning":
        return learning_view(store, filters)
    if view == "collaboration":
        return collaboration_view(store, filters)
    if view == "diffusion":
        return diffusion_view(store, program=program, theme=theme, filters=filters)
    if view == "ego":
        if not region:
            raise SinergiError("the ego view needs a region code (--region, e.g. 17.71)")
        return ego_view(store, region, depth=depth, filters=filters)
    raise SinergiError(f"unknown view {view!r}; choose from {', '.join(VIEW_NAMES)}")


def learning_view(store: GraphStore, filters: ViewFilter | None = None) -> nx.MultiDiGraph:
    """Who learned from whom: one edge source -> learner per pair, with every relation."""
    filters = filters or ViewFilter()
    graph = _assemble("learning", _learning_links(store, _learning_rows(store)), filters)
    graph.graph["description"] = (
        "Learning between regions: an arrow points from the region learned from to the learner."
    )
    return graph


def collaboration_view(store: GraphStore, filters: ViewFilter | None = None) -> nx.MultiDiGraph:
    """Visits, agreements and forums between regions: one edge per pair and event kind."""
    filters = filters or ViewFilter()
    graph = _assemble("collaboration", _event_links(store), filters)
    graph.graph["description"] = (
        "Collaboration between regions: every pair of regions that took part in the same "
        "visit, agreement or forum."
    )
    return graph


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
    links = [*_learning_links(store, _learning_rows(store)), *_event_links(store)]
    whole = _assemble("ego", links, filters)
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
        f"{name} and the regions within {depth} {_plural(depth, 'link')} of it "
        "(learning, visits, agreements and forums)."
    )
    return graph


def diffusion_view(
    store: GraphStore,
    *,
    program: str | None = None,
    theme: str | None = None,
    filters: ViewFilter | None = None,
) -> nx.MultiDiGraph:
    """The adoption cascade of one program (by words of its label) or one theme.

    This is the cascade ``sinergi analyze cascades`` computes, not a second reading of
    the store: the adoption network (:func:`~sinergi.graph.projections.adoption_network`,
    with ``since``/``until``/``province`` as its ``start``/``end``/``province`` and
    ``theme`` as its theme) and its cascade tree (:func:`~sinergi.graph.cascades.cascade_trees`,
    ``by="program"`` with the words as the phrase, else ``by="theme"``). The adopters are
    the tree's regions (dated adoptions only), ``order`` is the tree's adoption order
    (date, then code), ``parent`` the tree parent, and the first adopters are the roots on
    the earliest date (:func:`~sinergi.graph.cascades.cascade_origins`). The links are
    the cascade's adoption edges, owner -> adopter, each with the learning statements
    behind it as evidence; the remaining filters (themes, kinds, minimum evidence) only
    thin the links drawn, never the adopters or their order.
    """
    filters = filters or ViewFilter()
    words = (program or "").strip().lower()
    if not words and not theme:
        raise SinergiError("the diffusion view needs a program (--program TEXT) or a theme")
    if theme is not None and theme not in load_themes():
        raise SinergiError(f"unknown theme {theme!r}; see sinergi/data/themes.csv")

    adoption = adoption_network(
        store, start=filters.since, end=filters.until, theme=theme, province=filters.province
    )
    if words:
        by, phrases, cascade_id = "program", [words], cascade_key(words)
    else:
        by, phrases, cascade_id = "theme", None, str(theme)
    tree = cascade_trees(adoption, by, programs=phrases).get(cascade_id, nx.DiGraph())
    edges = cascade_network(adoption, cascade_id, by, programs=phrases)

    relations = _learning_rows(store)
    links = [
        _Link(owner, adopter, "learning", True, evidence)
        for (owner, adopter), pieces in _adoption_evidence(edges, relations).items()
        for evidence in pieces.values()
    ]
    graph = _assemble("diffusion", links, filters)
    for node in tree:
        if node not in graph:
            graph.add_node(node, **region_node(node))
    graph = _sorted_copy(graph)

    programs = _program_rows(store)
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


# ----------------------------------------------------------------------------------------
# Reading the store
# ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Link:
    """One statement joining two regions, before grouping into edges."""

    u: str
    v: str
    kind: str
    directed: bool
    evidence: Evidence


@dataclass(slots=True)
class _Relation:
    source: str
    learner: str
    programs: dict[str, str]  # program IRI -> label
    evidence: Evidence


@dataclass(slots=True)
class _Program:
    owner: str
    label: str | None
    theme: str | None
    evidence: Evidence


@dataclass(slots=True)
class _Statement:
    """Accumulates the rows of one statement (they repeat per theme, program, sentence)."""

    dates: set[str] = field(default_factory=set)
    doc: str | None = None
    title: str | None = None
    url: str | None = None
    sentences: dict[str, float] = field(default_factory=dict)  # text -> sentence index
    themes: set[str] = field(default_factory=set)
    confidence: float | None = None

    def add(self, row: Mapping[str, object]) -> None:
        if row.get("date"):
            self.dates.add(str(row["date"]))
        self.doc = self.doc or _str(row.get("doc"))
        self.title = self.title or _str(row.get("title"))
        self.url = self.url or _str(row.get("url"))
        sentence = _str(row.get("sentence"))
        if sentence:
            index = row.get("sentence_index")
            position = float(index) if isinstance(index, int | float) else math.inf
            self.sentences[sentence] = min(position, self.sentences.get(sentence, math.inf))
        if row.get("theme_slug"):
            self.themes.add(str(row["theme_slug"]))
        confidence = row.get("confidence")
        if confidence is not None:
            value = float(confidence)  # type: ignore[arg-type]
            self.confidence = value if self.confidence is None else max(self.confidence, value)

    def evidence(
        self, statement: str, kind: str, *, programs: Iterable[str] = (), detail: str = ""
    ) -> Evidence:
        ordered = sorted(self.sentences, key=lambda text: (self.sentences[text], text))
        return Evidence(
            statement=statement,
            kind=kind,
            date=min(self.dates) if self.dates else None,
            doc=self.doc,
            title=self.title,
            url=self.url,
            sentences=tuple(ordered),
            themes=tuple(sorted(self.themes)),
            programs=tuple(sorted(set(programs))),
            detail=detail,
            confidence=self.confidence,
        )


def _rows(store: GraphStore, name: str) -> list[dict[str, Any]]:
    return store.query(bind_query(get_query(name))).values()


def _learning_rows(store: GraphStore) -> list[_Relation]:
    """Every learning relation, grouped from the ``view-learning`` rows."""
    statements: dict[str, _Statement] = {}
    ends: dict[str, tuple[str, str]] = {}
    programs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(store, "view-learning"):
        relation = str(row["relation"])
        statements.setdefault(relation, _Statement()).add(row)
        ends[relation] = (str(row["source_code"]), str(row["learner_code"]))
        if row.get("program"):
            programs[relation][str(row["program"])] = _str(row.get("program_label")) or ""
    result = []
    for relation in sorted(statements):
        source, learner = ends[relation]
        labels = [label for label in programs[relation].values() if label]
        detail = f"about: {'; '.join(sorted(set(labels)))}" if labels else ""
        evidence = statements[relation].evidence(
            relation, "learning", programs=labels, detail=detail
        )
        result.append(_Relation(source, learner, dict(programs[relation]), evidence))
    return result


def _learning_links(store: GraphStore, relations: Iterable[_Relation]) -> Iterator[_Link]:
    """Each learning relation as a link of its edge in the learning projection.

    The projection decides the edges (which statements count, source -> learner); a
    relation whose pair is not an edge there is not drawn, so the view never shows a
    link the analytics do not have.
    """
    edges = set(learning_projection(store).edges())
    for relation in relations:
        if (relation.source, relation.learner) in edges:
            yield _Link(relation.source, relation.learner, "learning", True, relation.evidence)


def _event_links(store: GraphStore) -> Iterator[_Link]:
    """One link per pair of participants of every event, from the ``view-events`` rows.

    A pair is drawn for an event type only if the collaboration projection has that pair
    with that type (the projection decides the edges; the rows add the evidence).
    """
    edges = {
        (min(a, b), max(a, b), kind)
        for a, b, data in collaboration_projection(store).edges(data=True)
        for kind in data["by_type"]
    }
    statements: dict[str, _Statement] = {}
    kinds: dict[str, str] = {}
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    forums: dict[str, str] = {}
    for row in _rows(store, "view-events"):
        event = str(row["event"])
        statements.setdefault(event, _Statement()).add(row)
        kinds[event] = str(row["kind"])
        roles[event][str(row["region_code"])] = str(row["role"])
        if row.get("forum"):
            forums[event] = str(row["forum"])
    regions = load_regions()

    def name(code: str) -> str:
        return regions[code].name if code in regions else code

    for event in sorted(statements):
        members = roles[event]
        hosts = [name(c) for c in sorted(members) if members[c] == "host"]
        guests = [name(c) for c in sorted(members) if members[c] == "guest"]
        others = [name(c) for c in sorted(members) if members[c] == "participant"]
        parts = []
        if event in forums:
            parts.append(f"forum: {forums[event]}")
        if hosts:
            parts.append(f"{_plural(len(hosts), 'host')}: {', '.join(hosts)}")
        if guests:
            parts.append(f"{_plural(len(guests), 'guest')}: {', '.join(guests)}")
        if others:
            parts.append(f"{_plural(len(others), 'participant')}: {', '.join(others)}")
        evidence = statements[event].evidence(event, kinds[event], detail="; ".join(parts))
        for a, b in combinations(sorted(members), 2):
            if (a, b, kinds[event]) in edges:
                yield _Link(a, b, kinds[event], False, evidence)


def _program_rows(store: GraphStore) -> dict[str, _Program]:
    """Every program with its owner, theme and evidence, from the ``view-programs`` rows."""
    statements: dict[str, _Statement] = {}
    info: dict[str, tuple[str, str | None, str | None]] = {}
    for row in _rows(store, "view-programs"):
        program = str(row["program"])
        statements.setdefault(program, _Statement()).add(row)
        previous = info.get(program)
        label = _str(row.get("label")) or (previous[1] if previous else None)
        theme = _str(row.get("theme_slug")) or (previous[2] if previous else None)
        info[program] = (str(row["owner_code"]), label, theme)
    result = {}
    for program in sorted(statements):
        owner, label, theme = info[program]
        detail = f"owns the program: {label}" if label else "owns the program"
        evidence = statements[program].evidence(
            program, "program", programs=[label] if label else [], detail=detail
        )
        result[program] = _Program(owner, label, theme, evidence)
    return result


# ----------------------------------------------------------------------------------------
# Building the graph
# ----------------------------------------------------------------------------------------


def _assemble(view: str, links: Iterable[_Link], filters: ViewFilter) -> nx.MultiDiGraph:
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
    return _sorted_copy(graph)


def _sorted_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in code order (stable output)."""
    ordered: nx.MultiDiGraph = nx.MultiDiGraph()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    for u, v, key, data in sorted(
        graph.edges(keys=True, data=True), key=lambda item: (item[0], item[1], item[2])
    ):
        ordered.add_edge(u, v, key=key, **data)
    return ordered


def _adoption_evidence(
    edges: nx.MultiDiGraph, relations: Iterable[_Relation]
) -> dict[tuple[str, str], dict[str, Evidence]]:
    """The learning statements behind each adoption edge of a cascade, by pair.

    How :func:`~sinergi.graph.projections.adoption_network` counted them: a statement
    about the edge's program by the adopter (basis ``program``); a statement from the
    owner to the adopter with the edge's theme (``theme``); a statement from the owner to
    the adopter naming nothing, dated within the edge's dates (``owner``).
    """
    by_learner: dict[str, list[_Relation]] = defaultdict(list)
    for relation in relations:
        by_learner[relation.learner].append(relation)
    found: dict[tuple[str, str], dict[str, Evidence]] = {}
    for owner, adopter, key, data in edges.edges(keys=True, data=True):
        basis = set(data.get("basis") or ())
        first, last = data.get("date"), data.get("last")
        theme = str(key).removeprefix("theme:") if str(key).startswith("theme:") else None
        pair = found.setdefault((owner, adopter), {})
        for relation in by_learner.get(adopter, ()):
            evidence = relation.evidence
            plain = not relation.programs and not evidence.themes
            if (
                ("program" in basis and key in relation.programs)
                or (
                    "theme" in basis
                    and theme is not None
                    and relation.source == owner
                    and theme in evidence.themes
                )
                or (
                    "owner" in basis
                    and plain
                    and relation.source == owner
                    and evidence.date is not None
                    and first is not None
                    and str(first) <= evidence.date <= str(last or first)
                )
            ):
                pair[evidence.statement] = evidence
    return found


def _pagerank(graph: nx.DiGraph) -> dict[str, float]:
    if graph.number_of_nodes() == 0:
        return {}
    try:
        return nx.pagerank(graph, weight="weight")
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny pathological graphs
        share = 1.0 / graph.number_of_nodes()
        return dict.fromkeys(graph.nodes, share)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
