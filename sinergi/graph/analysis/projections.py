"""Filterable NetworkX projections for diffusion analysis: learning, collaboration, adoption.

Each projection runs one aggregate ``projection-*.rq`` query (the store groups, Python only
builds the graph); the adoption network adds the program table
(``projection-programs.rq``) and the learning statements that name no program
(``projection-plain-learning.rq``). All three take the same keyword filters, bound as RDF terms by
:func:`sinergi.queries.bind_query`:

``start``, ``end``
    ISO dates (``YYYY-MM-DD``), inclusive: keep statements dated inside the period.
    Undated statements are dropped as soon as either bound is given.
``theme``
    a theme slug from ``themes.csv`` (``perdagangan``): keep statements about it.
``province``
    a province code (``36``): keep statements with at least one party in the province
    (the province itself or one of its regencies and cities).

Nodes are Kemendagri codes with the attributes of :func:`region_attributes`. Every edge
carries its evidence count, its dates and its themes; list-valued attributes are converted
by :func:`sinergi.graph.analysis.formats.write_network` when written to GraphML or GEXF.

This module is the ONE place that decides which statements make an edge of each network,
in which direction and with which dates. Everything else derives from these builders, so
that a figure, an exported file and an HTML view of the same network cannot disagree:
:func:`sinergi.graph.analysis.networks.learning_network` and ``collaboration_network`` are the
unfiltered projections with their summary attributes, the analytics
(:mod:`sinergi.graph.analysis.diffusion`, ``sinergi analyze``) take the projections as they are,
and the views (:mod:`sinergi.viz.views`) take their links and adoption cascades from
them and only add each link's evidence for display.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query
from sinergi.reference import load_regions

__all__ = [
    "EVENT_TYPES",
    "NETWORKS",
    "adoption_network",
    "collaboration_projection",
    "learning_projection",
    "project",
    "region_attributes",
]

#: The collaboration event types, in the order commands and views list them (the
#: ``--event-type`` choices, the link types of the views after ``learning``).
EVENT_TYPES: tuple[str, ...] = ("visit", "agreement", "forum")


def region_attributes(code: str) -> dict[str, object]:
    """Node attributes of a region in every network (and the base of a view's node).

    ``label``, ``kind``, ``province``, ``lat``, ``lon`` from the region table; only
    ``label`` (the code) for a code the table does not know.
    """
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


def _params(**values: str | None) -> dict[str, str]:
    return {name: str(value) for name, value in values.items() if value not in (None, "")}


def _curation(include_excluded: bool, min_confidence: float | None) -> dict[str, str]:
    """The query parameters that keep curated-out statements (``sinergi curate``) and
    drop statements below a rule confidence."""
    params = {"curation": "all"} if include_excluded else {}
    if min_confidence is not None:
        if not 0 <= min_confidence <= 1:
            raise SinergiError(f"`min_confidence` must lie in [0, 1], not {min_confidence}")
        params["min_confidence"] = str(min_confidence)
    return params


def _rows(store: GraphStore, name: str, params: Mapping[str, str]) -> list[dict[str, Any]]:
    return store.query(bind_query(get_query(name), dict(params))).values()


def _split(value: object) -> list[str]:
    """Sorted distinct words of a ``GROUP_CONCAT`` cell (empty strings dropped)."""
    return sorted({word for word in str(value or "").split() if word})


def _add_region(graph: nx.Graph, code: str) -> None:
    if code not in graph:
        graph.add_node(code, **region_attributes(code))


def learning_projection(
    store: GraphStore,
    *,
    start: str | None = None,
    end: str | None = None,
    theme: str | None = None,
    province: str | None = None,
    include_excluded: bool = False,
    min_confidence: float | None = None,
) -> nx.DiGraph:
    """Directed learning network, edge ``source -> learner``, optionally filtered.

    Parameters
    ----------
    store : GraphStore
        The graph store.
    start, end : str, optional
        Inclusive ISO dates bounding the statements' dates.
    theme : str, optional
        Theme slug; keep statements about a program of this theme or with this
        ``sg:theme``.
    province : str, optional
        Province code; keep statements with the learner or the source in it.
    include_excluded : bool
        Also count statements a curator rejected or replaced (``sinergi curate``); by
        default they are left out and corrected copies count instead.
    min_confidence : float, optional
        Count only statements whose rule confidence is at least this (a curator's fix
        has confidence 1).

    Returns
    -------
    networkx.DiGraph
        Edge attributes: ``weight`` (evidence count: learning statements, dated or not),
        ``accepted`` (how many of them a curator accepted or wrote as a fix), ``dates``
        (sorted distinct ISO dates, the contacts of time-respecting paths),
        ``first`` and ``last`` (earliest and latest of ``dates``, None if undated) and
        ``themes`` (sorted theme slugs). :func:`sinergi.graph.analysis.networks.learning_network`
        is this graph without filters, with ``weight``, ``first`` and ``last`` only.
    """
    params = _params(start=start, end=end, theme=theme, province=province)
    params |= _curation(include_excluded, min_confidence)
    graph: nx.DiGraph = nx.DiGraph(name="learning")
    for row in _rows(store, "projection-learning", params):
        source, learner = str(row["source_code"]), str(row["learner_code"])
        _add_region(graph, source)
        _add_region(graph, learner)
        dates = _split(row["dates"])
        graph.add_edge(
            source,
            learner,
            weight=int(row["weight"]),
            accepted=0,
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            dates=dates,
            themes=_split(row["themes"]),
        )
    for row in _rows(store, "projection-accepted", {}):
        pair = (str(row["source_code"]), str(row["learner_code"]))
        if graph.has_edge(*pair):
            graph.edges[pair]["accepted"] = int(row["accepted"])
    return graph


def collaboration_projection(
    store: GraphStore,
    *,
    event_type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    theme: str | None = None,
    province: str | None = None,
    include_excluded: bool = False,
    min_confidence: float | None = None,
) -> nx.Graph:
    """Undirected collaboration network of regions taking part in the same events.

    Parameters
    ----------
    store : GraphStore
        The graph store.
    event_type : {"visit", "agreement", "forum"}, optional
        Keep only events of this type.
    start, end, theme, province : str, optional
        The filters of the module docstring. An event's themes are the themes of the
        programs reported in the article that reports the event.
    include_excluded : bool
        Also count events a curator rejected or replaced.

    Returns
    -------
    networkx.Graph
        Edge attributes: ``weight`` (events), ``by_type`` (events per type), ``types``
        (sorted event types), ``first``, ``last``, ``dates`` and ``themes``.

    Raises
    ------
    SinergiError
        If ``event_type`` is not one of :data:`EVENT_TYPES`.
    """
    if event_type is not None and event_type not in EVENT_TYPES:
        raise SinergiError(f"unknown event type {event_type!r}; choose from {EVENT_TYPES}")
    params = _params(event_type=event_type, start=start, end=end, theme=theme, province=province)
    params |= _curation(include_excluded, min_confidence)
    graph: nx.Graph = nx.Graph(name="collaboration")
    for row in _rows(store, "projection-collaboration", params):
        a, b, kind = str(row["a_code"]), str(row["b_code"]), str(row["kind"])
        _add_region(graph, a)
        _add_region(graph, b)
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, by_type={}, types=[], dates=[], themes=[])
        data = graph.edges[a, b]
        data["by_type"][kind] = int(row["weight"])
        data["weight"] += int(row["weight"])
        data["types"] = sorted(data["by_type"])
        data["dates"] = sorted(set(data["dates"]) | set(_split(row["dates"])))
        data["themes"] = sorted(set(data["themes"]) | set(_split(row["themes"])))
        data["first"] = data["dates"][0] if data["dates"] else None
        data["last"] = data["dates"][-1] if data["dates"] else None
    return graph


def adoption_network(
    store: GraphStore,
    *,
    start: str | None = None,
    end: str | None = None,
    theme: str | None = None,
    province: str | None = None,
    include_excluded: bool = False,
    min_confidence: float | None = None,
) -> nx.MultiDiGraph:
    """Program-adoption network: edge ``owner -> adopter`` per program (or theme) taken up.

    A region adopts a program when a learning statement (``sg:Learning``) says so:

    * ``basis="program"``: the statement is ``sg:aboutProgram`` the program; the edge runs
      from the program's owner;
    * ``basis="theme"``: the statement has its own ``sg:theme`` (no program); the edge
      runs from the statement's source and ``program`` is None;
    * ``basis="owner"``: a dated statement naming neither a program nor a theme counts
      as learning from the source what it was last reported for: the source's
      program(s) most recently reported on or before the statement's date (all programs
      of that day). Taking every earlier program instead would make one visit to a big
      city the adoption of thousands of programs.

    Parameters
    ----------
    store : GraphStore
        The graph store.
    start, end, theme, province : str, optional
        The filters of the module docstring. They select the learning statements and
        the adoptions of the theme; the program table keeps the programs of the theme
        first reported in the period and owned in the province. The result is the
        matching part of the unfiltered network.
    include_excluded : bool
        Also use programs and learning statements a curator rejected or replaced.

    Returns
    -------
    networkx.MultiDiGraph
        One edge per (owner, adopter, program) with key the program IRI, or
        ``"theme:<slug>"`` for theme-only adoptions. Edge attributes: ``date`` (first
        dated statement, ISO, or None), ``last``, ``evidence`` (statements), ``theme``,
        ``program`` (IRI or None), ``program_label``, ``basis`` (sorted list of bases).
        Graph attribute ``programs``: the program table, IRI -> ``{"label", "owner",
        "theme", "date"}`` (the owners are the first adopters of the cascades). Owners
        of programs nobody learned are isolated nodes; node attribute ``programs``
        counts the programs a region owns in the table.
    """
    curation = _curation(include_excluded, min_confidence)
    every: dict[str, dict[str, Any]] = {}
    for row in _rows(store, "projection-programs", curation):
        every[str(row["program"])] = {
            "label": str(row["label"] or ""),
            "owner": str(row["owner_code"]),
            "theme": str(row["theme_slug"]),
            "date": row["date"],
        }
    programs = {
        iri: record
        for iri, record in every.items()
        if _in_period(record["date"], start, end)
        and _in_province(record["owner"], province)
        and (not theme or record["theme"] == theme)
    }
    graph: nx.MultiDiGraph = nx.MultiDiGraph(name="adoption", programs=programs)
    for record in programs.values():
        owner = str(record["owner"])
        _add_region(graph, owner)
        graph.nodes[owner]["programs"] = graph.nodes[owner].get("programs", 0) + 1
    params = _params(start=start, end=end, theme=theme, province=province) | curation
    for row in _rows(store, "projection-adoption", params):
        program = str(row["program"]) if row["program"] else None
        _add_adoption(
            graph,
            str(row["owner_code"]),
            str(row["adopter_code"]),
            program=program,
            label=str(row["program_label"] or ""),
            theme=str(row["theme_slug"]),
            basis=str(row["basis"]),
            evidence=int(row["evidence"]),
            dates=_split(row["dates"]),
        )
    latest = _dated_programs_by_owner(every)
    plain = _params(start=start, end=end, province=province) | curation
    for row in _rows(store, "projection-plain-learning", plain):
        source, learner, when = str(row["source_code"]), str(row["learner_code"]), str(row["date"])
        dated = latest.get(source, [])
        position = bisect_right(dated, when, key=lambda item: item[0])
        if source == learner or position == 0:
            continue
        reported = dated[position - 1][0]
        for day, iri in reversed(dated[:position]):
            if day != reported:
                break
            record = every[iri]
            if theme and record["theme"] != theme:
                continue
            _add_adoption(
                graph,
                source,
                learner,
                program=iri,
                label=str(record["label"]),
                theme=str(record["theme"]),
                basis="owner",
                evidence=1,
                dates=[when],
            )
    return graph


def _in_period(when: object, start: str | None, end: str | None) -> bool:
    if not start and not end:
        return True
    if not when:
        return False
    return (not start or str(when) >= start) and (not end or str(when) <= end)


def _in_province(code: str, province: str | None) -> bool:
    if not province:
        return True
    region = load_regions().get(code)
    return code == province or (region is not None and region.province_code == province)


def _dated_programs_by_owner(
    programs: Mapping[str, Mapping[str, object]],
) -> dict[str, list[tuple[str, str]]]:
    """Dated programs as owner -> sorted ``[(date, iri)]``."""
    index: dict[str, list[tuple[str, str]]] = {}
    for iri, record in programs.items():
        if record["date"]:
            index.setdefault(str(record["owner"]), []).append((str(record["date"]), iri))
    for dated in index.values():
        dated.sort()
    return index


def _add_adoption(
    graph: nx.MultiDiGraph,
    owner: str,
    adopter: str,
    *,
    program: str | None,
    label: str,
    theme: str,
    basis: str,
    evidence: int,
    dates: list[str],
) -> None:
    for code in (owner, adopter):
        _add_region(graph, code)
        graph.nodes[code].setdefault("programs", 0)
    key = program or f"theme:{theme}"
    if not graph.has_edge(owner, adopter, key):
        graph.add_edge(
            owner,
            adopter,
            key=key,
            date=None,
            last=None,
            evidence=0,
            theme=theme,
            program=program,
            program_label=label if program else "",
            basis=[],
        )
    data = graph.edges[owner, adopter, key]
    data["evidence"] += evidence
    data["basis"] = sorted({*data["basis"], basis})
    known = [d for d in (data["date"], data["last"]) if d] + dates
    data["date"] = min(known) if known else None
    data["last"] = max(known) if known else None


NETWORKS: dict[str, Callable[..., nx.Graph]] = {
    "learning": learning_projection,
    "collaboration": collaboration_projection,
    "adoption": adoption_network,
}


def project(store: GraphStore, network: str, **filters: Any) -> nx.Graph:
    """The projection named ``network`` (``learning``, ``collaboration`` or ``adoption``).

    ``event_type`` is accepted (and only meaningful) for the collaboration network.
    """
    if network not in NETWORKS:
        raise SinergiError(f"unknown network {network!r}; choose from {', '.join(NETWORKS)}")
    event_type = filters.pop("event_type", None)
    if network == "collaboration":
        return collaboration_projection(store, event_type=event_type, **filters)
    if event_type:
        raise SinergiError("`event_type` applies to the collaboration network only")
    return NETWORKS[network](store, **filters)
