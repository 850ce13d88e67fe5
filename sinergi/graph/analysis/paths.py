"""Time-respecting paths: how far, how fast and along which ties something can spread.

A path ``a -> b -> c`` is *time-respecting* when each tie is used on a dated contact no
earlier than the one before it: knowledge never travels backward in time. The contacts of
an edge are its ``dates`` (learning and collaboration projections), else its ``date``
(adoption network; one contact per program edge), else ``first`` and ``last``. Undirected
graphs give contacts both ways.

:func:`earliest_arrival` is the one-pass algorithm over time-sorted contacts
(``../shared/notes/stack-measurements.md`` §5: 1-2 ms per source at 551 regions and
9,224 contacts). By default a region reached on day *d* may pass it on the same day
(``strict=False``: news dates are days, and one study visit often reports a chain);
``strict=True`` demands strictly later contacts, as NetInf does.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from itertools import groupby
from typing import Any, cast

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.cascades import (
    cascade_network,
    cascade_trees,
    day_number,
    from_day_number,
)
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.projections import EVENT_TYPES, NETWORKS, adoption_network, project
from sinergi.graph.analysis.spec import Analytic, Parameter
from sinergi.graph.store import GraphStore

__all__ = [
    "earliest_arrival",
    "earliest_arrival_tree",
    "temporal_contacts",
    "time_respecting_paths",
]

_NEVER = float("inf")


def temporal_contacts(G: nx.Graph) -> list[tuple[int, Hashable, Hashable]]:
    """Every dated contact ``(day, u, v)`` of ``G``, sorted; knowledge flows ``u -> v``.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", dates=["2022-01-02", "2022-01-01"])
    >>> temporal_contacts(G)
    [(18993, 'A', 'B'), (18994, 'A', 'B')]
    """
    contacts: set[tuple[int, Hashable, Hashable]] = set()
    for u, v, data in G.edges(data=True):
        dates = data.get("dates") or [data.get("date")]
        if not any(dates):
            dates = [data.get("first"), data.get("last")]
        for when in dates:
            if not when:
                continue
            day = day_number(str(when))
            contacts.add((day, u, v))
            if not G.is_directed():
                contacts.add((day, v, u))
    return sorted(contacts, key=lambda c: (c[0], str(c[1]), str(c[2])))


def _as_sources(sources: Hashable | Iterable[Hashable], G: nx.Graph) -> list[Hashable]:
    if isinstance(sources, str) or sources in G:
        return [cast(Hashable, sources)]  # a single node
    return list(cast(Iterable[Hashable], sources))


def earliest_arrival(
    G: nx.Graph,
    sources: Hashable | Iterable[Hashable],
    *,
    start: str | None = None,
    strict: bool = False,
) -> dict[Hashable, dict[str, object]]:
    """Earliest time each region can be reached from ``sources`` along dated contacts.

    Parameters
    ----------
    G : networkx.Graph or DiGraph or MultiDiGraph
        A dated network (see the module docstring for the contact attributes).
    sources : node or iterable of nodes
        Where the spread starts (all at once).
    start : str, optional
        ISO date the sources hold it from; contacts before it are ignored. Default: the
        sources hold it from the beginning of time.
    strict : bool
        If true a region reached on a day passes it on only on later days.

    Returns
    -------
    dict
        ``node -> {"arrival": ISO date or None (a source without start), "day": day
        number or None, "parent": the node it came from (None for sources), "hops"}``
        for every reached node. Ties on arrival prefer fewer hops, then the first
        contact in (day, sender, receiver) order.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("A", "B", dates=["2022-01-05"])
    >>> G.add_edge("B", "C", dates=["2022-01-01", "2022-01-09"])
    >>> {n: r["arrival"] for n, r in earliest_arrival(G, "A").items()}
    {'A': None, 'B': '2022-01-05', 'C': '2022-01-09'}
    """
    origin = float(day_number(start)) if start else -_NEVER
    arrival: dict[Hashable, float] = {}
    hops: dict[Hashable, int] = {}
    parent: dict[Hashable, Hashable | None] = {}
    for source in _as_sources(sources, G):
        arrival[source], hops[source], parent[source] = origin, 0, None
    for day, group in groupby(temporal_contacts(G), key=lambda c: c[0]):
        if day < origin:
            continue
        contacts = list(group)
        changed = True
        while changed:
            changed = False
            for _, u, v in contacts:
                reached = arrival.get(u, _NEVER)
                if reached > day or (strict and reached == day):
                    continue
                best = arrival.get(v, _NEVER)
                if day < best or (day == best and hops[u] + 1 < hops[v]):
                    arrival[v], hops[v], parent[v] = day, hops[u] + 1, u
                    changed = not strict
    result: dict[Hashable, dict[str, object]] = {}
    for node in sorted(arrival, key=lambda n: (arrival[n], str(n))):
        finite = arrival[node] != -_NEVER
        result[node] = {
            "arrival": from_day_number(int(arrival[node])) if finite else None,
            "day": int(arrival[node]) if finite else None,
            "parent": parent[node],
            "hops": hops[node],
        }
    return result


def earliest_arrival_tree(
    G: nx.Graph,
    sources: Hashable | Iterable[Hashable],
    *,
    start: str | None = None,
    strict: bool = False,
) -> nx.DiGraph:
    """The tree of earliest-arrival paths from ``sources`` (a forest for several sources).

    Nodes carry ``arrival``, ``day`` and ``hops``; edges ``parent -> child`` carry the
    contact's ``date``.
    """
    reached = earliest_arrival(G, sources, start=start, strict=strict)
    tree: nx.DiGraph = nx.DiGraph(name="earliest-arrival")
    for node, info in reached.items():
        tree.add_node(node, arrival=info["arrival"], day=info["day"], hops=info["hops"])
    for node, info in reached.items():
        if info["parent"] is not None:
            tree.add_edge(info["parent"], node, date=info["arrival"])
    return tree


def time_respecting_paths(
    G: nx.Graph,
    sources: Hashable | Iterable[Hashable],
    *,
    start: str | None = None,
    strict: bool = False,
) -> list[dict[str, object]]:
    """One row per region reachable from ``sources``: its earliest-arrival path.

    Parameters
    ----------
    G, sources, start, strict
        As in :func:`earliest_arrival`.

    Returns
    -------
    list of dict
        Columns ``origin`` (the source the path starts at), ``target``, ``name``,
        ``arrival`` (ISO date), ``hops``, ``path`` (codes joined by ``" > "``) and
        ``dates`` (the contact date of each hop, joined by ``" > "``); sources are not
        listed. Sorted by arrival, then target.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("19.71", "17.71", dates=["2022-02-24"])
    >>> G.add_edge("17.71", "36", dates=["2022-03-11"])
    >>> [(r["target"], r["path"]) for r in time_respecting_paths(G, "19.71")]
    [('17.71', '19.71 > 17.71'), ('36', '19.71 > 17.71 > 36')]
    """
    reached = earliest_arrival(G, sources, start=start, strict=strict)
    rows = []
    for node, info in reached.items():
        if info["parent"] is None:
            continue
        path, dates, current = [node], [], node
        while reached[current]["parent"] is not None:
            dates.append(str(reached[current]["arrival"]))
            current = reached[current]["parent"]
            path.append(current)
        path.reverse()
        dates.reverse()
        rows.append(
            {
                "origin": path[0],
                "target": node,
                "name": G.nodes[node].get("label") or region_attributes(str(node))["label"],
                "arrival": info["arrival"],
                "hops": info["hops"],
                "path": " > ".join(str(p) for p in path),
                "dates": " > ".join(dates),
            }
        )
    return rows


def paths_table(
    store: GraphStore,
    *,
    sources: Sequence[str] = (),
    program: str | None = None,
    network: str = "learning",
    strict: bool = False,
    event_type: str | None = None,
    **filters: Any,
) -> list[dict[str, object]]:
    """Earliest-arrival paths from regions, or from a program's origin.

    Parameters
    ----------
    store : GraphStore
        The graph store.
    sources : sequence of str
        Region codes the spread starts from (at the ``start`` filter date, if given).
    program : str, optional
        Instead of ``sources``: words of a program label. The paths then start at the
        first adopter(s) of that program's cascade on its first date and follow only its
        adoption edges.
    network : {"learning", "collaboration", "adoption"}
        The dated network walked for ``sources``.
    strict : bool
        Contacts must be strictly later than the arrival (default: same day allowed).
    event_type : str, optional
        Event type for the collaboration network.
    """
    if bool(sources) == bool(program):
        raise SinergiError("give region codes to start from or a program, not both or neither")
    if program:
        adoption = adoption_network(store, **filters)
        phrase = " ".join(program.lower().split())
        tree = cascade_trees(adoption, "program", programs=[phrase]).get(phrase)
        if tree is None:
            raise SinergiError(f"no dated adoption of a program whose label contains {program!r}")
        dates = {code: tree.nodes[code]["date"] for code in tree}
        first = min(dates.values())
        origins = sorted(
            code for code, date in dates.items() if date == first and tree.in_degree(code) == 0
        )
        sub = cascade_network(adoption, phrase, "program", programs=[phrase])
        return time_respecting_paths(sub, origins, start=first, strict=strict)
    graph = project(store, network, event_type=event_type, **filters)
    missing = [code for code in sources if code not in graph]
    if len(missing) == len(sources):
        return []
    starts = [code for code in sources if code in graph]
    return time_respecting_paths(graph, starts, start=filters.get("start"), strict=strict)


ANALYTIC = Analytic(
    name="paths",
    summary="Time-respecting (earliest-arrival) diffusion paths, never backward in time.",
    description="From regions (--from) or from the first adopters of a program (--program), "
    "the earliest date each region can be reached along dated ties.",
    run=paths_table,
    columns={
        "paths": ("origin", "target", "name", "arrival", "hops", "path", "dates"),
    },
    parameters=(
        Parameter(
            "sources",
            "Region code to start from, e.g. 17.71 or ID-17.71 (repeatable).",
            multiple=True,
            codes=True,
            metavar="CODE",
            option="--from",
        ),
        Parameter(
            "program",
            "Start at the first adopter of the program whose label contains WORDS.",
            metavar="WORDS",
        ),
        Parameter(
            "network",
            "Dated network walked from --from regions.",
            choices=tuple(sorted(NETWORKS)),
            default="learning",
        ),
        Parameter("event_type", "Event type (collaboration network).", choices=EVENT_TYPES),
        Parameter("strict", "Pass things on only on later days, not the same day.", type=bool),
    ),
    what="paths",
    example="sinergi analyze paths --from 17.71 --from 17",
    order=2,
)
