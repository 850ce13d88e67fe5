"""Adoption cascades, per-cascade diffusion trees and time lags from the adoption network.

A *cascade* is one program (or one theme) and the dates at which regions first adopted
it. It is read off the adoption network of
:func:`sinergi.graph.analysis.projections.adoption_network`:

* the owner of a program adopts it at the program's (first reported) date;
* the adopter of an edge ``owner -> adopter`` adopts it at the edge's first date, and the
  owner, who demonstrably had it then, adopts it no later than that date.

A region's adoption time in a cascade is the earliest of these dates. Undated programs and
edges are left out: a cascade needs times.

Cascades are grouped ``by="theme"`` (cascade id: the theme slug) or ``by="program"``.
Program nodes are minted per article, so the same program reported twice is two nodes; by
program, nodes with the same label (lower case, spaces collapsed) form one cascade whose
id is that label. Give ``programs`` (phrases such as ``"pasar murah"``) to merge instead
every program whose label contains a phrase into the cascade named by the phrase; other
programs are then left out.

Times. The long form follows R ``NetworkInference::as_cascade_long`` (columns
``node_name``, ``event_time``, ``cascade_id``). ``event_time`` is by default an integer day
number, days since 1970-01-01: exactly what R's ``as.numeric(as.Date(x))`` gives, so
``as.Date(event_time, origin = "1970-01-01")`` turns it back into a date (Stata's ``%td``
counts from 1960-01-01: add 3653). With ``time="iso"`` it is the ISO date itself.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx

from sinergi.errors import SinergiError
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.analysis.projections import adoption_network, learning_projection
from sinergi.graph.analysis.spec import Analytic, Parameter
from sinergi.graph.store import GraphStore

__all__ = [
    "EPOCH",
    "adoption_cascades",
    "adoption_events",
    "adoption_order",
    "cascade_key",
    "cascade_network",
    "cascade_origins",
    "cascade_programs",
    "cascade_times",
    "cascade_trees",
    "cascades_from_rows",
    "cascades_wide",
    "day_number",
    "from_day_number",
    "tie_lags",
    "tree_rows",
]

EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()
GROUPINGS = ("theme", "program")


def day_number(value: date | str) -> int:
    """Days since 1970-01-01 of a date or ISO date string (R's ``as.numeric(as.Date())``).

    Examples
    --------
    >>> day_number("1970-01-02")
    1
    >>> day_number("2022-03-11")
    19062
    """
    if not isinstance(value, date):
        value = date.fromisoformat(str(value)[:10])
    return value.toordinal() - _EPOCH_ORDINAL


def from_day_number(day: int) -> str:
    """The ISO date of a day number (inverse of :func:`day_number`)."""
    return date.fromordinal(int(day) + _EPOCH_ORDINAL).isoformat()


def _normalize(text: str) -> str:
    return " ".join(str(text).lower().split())


def cascade_key(phrase: str) -> str:
    """The cascade id of a program phrase (``"Pasar  Murah"`` -> ``"pasar murah"``).

    The id ``cascade_trees(G, "program", programs=[phrase])`` files the phrase's cascade
    under, so callers (the diffusion view) look it up by the same rule.
    """
    return _normalize(phrase)


def _program_cascades(label: str, phrases: Sequence[str]) -> list[str]:
    name = _normalize(label)
    if phrases:
        return [phrase for phrase in phrases if phrase in name]
    return [name] if name else []


def _check(by: str, programs: Iterable[str] | None) -> list[str]:
    if by not in GROUPINGS:
        raise SinergiError(f"cannot group cascades by {by!r}; choose from {GROUPINGS}")
    phrases = [_normalize(p) for p in programs or () if _normalize(p)]
    if phrases and by != "program":
        raise SinergiError("program phrases need by='program'")
    return phrases


def adoption_events(
    G: nx.MultiDiGraph, by: str = "theme", *, programs: Iterable[str] | None = None
) -> list[dict[str, object]]:
    """Every dated adoption event behind the cascades, one row each.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An adoption network (:func:`sinergi.graph.analysis.projections.adoption_network`).
    by : {"theme", "program"}
        How programs are grouped into cascades (module docstring).
    programs : iterable of str, optional
        Phrases merging programs by label (``by="program"`` only).

    Returns
    -------
    list of dict
        Keys ``cascade_id``, ``region``, ``date`` (ISO), ``how`` (``"owns"``: owner of a
        program at its date; ``"learned"``: adopter of an edge; ``"taught"``: owner of an
        edge at its date) and ``source`` (the edge's owner for ``"learned"``, else
        None), sorted by cascade, date, region and how.
    """
    phrases = _check(by, programs)
    events: list[dict[str, object]] = []

    def ids(theme: str, label: str | None) -> list[str]:
        if by == "theme":
            return [theme]
        return _program_cascades(label, phrases) if label is not None else []

    for record in G.graph.get("programs", {}).values():
        if not record.get("date"):
            continue
        for cid in ids(str(record["theme"]), str(record.get("label") or "")):
            events.append(_event(cid, str(record["owner"]), record["date"], "owns", None))
    for owner, adopter, data in G.edges(data=True):
        if not data.get("date"):
            continue
        label = data.get("program_label", "") if data.get("program") else None
        for cid in ids(str(data["theme"]), label):
            events.append(_event(cid, adopter, data["date"], "learned", owner))
            events.append(_event(cid, owner, data["date"], "taught", None))
    order: dict[object, int] = {"owns": 0, "taught": 1, "learned": 2}
    events.sort(
        key=lambda e: (e["cascade_id"], e["date"], e["region"], order[e["how"]], e["source"] or "")
    )
    unique: list[dict[str, object]] = []
    for event in events:
        if not unique or event != unique[-1]:
            unique.append(event)
    return unique


def _event(cid: str, region: str, when: object, how: str, source: str | None) -> dict[str, object]:
    return {
        "cascade_id": cid,
        "region": str(region),
        "date": str(when)[:10],
        "how": how,
        "source": source,
    }


def cascade_times(
    G: nx.MultiDiGraph, by: str = "theme", *, programs: Iterable[str] | None = None
) -> dict[str, dict[str, str]]:
    """First adoption date of every region in every cascade.

    Returns
    -------
    dict
        ``cascade_id -> {region: ISO date}``, cascades and regions in sorted order.
    """
    times: dict[str, dict[str, str]] = {}
    for event in adoption_events(G, by, programs=programs):
        cascade = times.setdefault(str(event["cascade_id"]), {})
        region, when = str(event["region"]), str(event["date"])
        if region not in cascade or when < cascade[region]:
            cascade[region] = when
    return {cid: dict(sorted(times[cid].items())) for cid in sorted(times)}


def cascade_network(
    G: nx.MultiDiGraph,
    cascade_id: str,
    by: str = "theme",
    *,
    programs: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The dated adoption edges of one cascade, as a sub-network of ``G``.

    Node attribute ``date`` is the region's first adoption date in the cascade.
    """
    phrases = _check(by, programs)
    sub: nx.MultiDiGraph = nx.MultiDiGraph(name=f"adoption:{cascade_id}")
    for owner, adopter, key, data in G.edges(keys=True, data=True):
        if not data.get("date"):
            continue
        if by == "theme":
            member = data["theme"] == cascade_id
        else:
            label = data.get("program_label", "") if data.get("program") else None
            member = label is not None and cascade_id in _program_cascades(label, phrases)
        if member:
            for code in (owner, adopter):
                if code not in sub:
                    sub.add_node(code, **G.nodes[code])
            sub.add_edge(owner, adopter, key=key, **data)
    times = cascade_times(G, by, programs=programs).get(cascade_id, {})
    for code, when in times.items():
        if code not in sub:
            sub.add_node(code, **(G.nodes[code] if code in G else {}))
        sub.nodes[code]["date"] = when
    return sub


def cascade_programs(
    G: nx.MultiDiGraph,
    cascade_id: str,
    by: str = "theme",
    *,
    programs: Iterable[str] | None = None,
) -> list[str]:
    """IRIs of the programs of ``G``'s program table that belong to one cascade.

    The same membership rule as :func:`adoption_events` (a program's theme, or its label
    for ``by="program"``), so the diffusion view shows as owned evidence exactly the
    programs whose owners the cascade counts.
    """
    phrases = _check(by, programs)
    members = []
    for iri, record in G.graph.get("programs", {}).items():
        if by == "theme":
            member = str(record["theme"]) == cascade_id
        else:
            member = cascade_id in _program_cascades(str(record.get("label") or ""), phrases)
        if member:
            members.append(str(iri))
    return sorted(members)


def adoption_order(tree: nx.DiGraph) -> list[str]:
    """The regions of a cascade tree in adoption order: by date, then code.

    The row order of :func:`tree_rows` and :func:`adoption_cascades`, and the numbering
    of the diffusion view: one rule, so the page and the CSV list adopters alike. On a
    tie (same day) a region may precede the region it learned from; its ``parent`` and
    ``depth`` say who taught whom.
    """
    return [node for node, _ in sorted(tree.nodes(data="date"), key=lambda n: (n[1], n[0]))]


def cascade_origins(tree: nx.DiGraph) -> list[str]:
    """The first adopters of a cascade tree: its roots on the earliest adoption date.

    Regions that adopted that day by learning it from another region are not origins
    (their parent is); a root on a later date adopted independently but not first.
    """
    if tree.number_of_nodes() == 0:
        return []
    first = min(str(when) for _node, when in tree.nodes(data="date"))
    return sorted(
        node
        for node, when in tree.nodes(data="date")
        if when == first and tree.in_degree(node) == 0
    )


def _trees(events: list[dict[str, object]]) -> dict[str, nx.DiGraph]:
    by_cascade: dict[str, list[dict[str, object]]] = {}
    for event in events:
        by_cascade.setdefault(str(event["cascade_id"]), []).append(event)
    return {cid: _tree(cid, rows) for cid, rows in sorted(by_cascade.items())}


def _tree(cid: str, events: list[dict[str, object]]) -> nx.DiGraph:
    """The diffusion tree of one cascade from its events (see :func:`cascade_trees`)."""
    times: dict[str, str] = {}
    for event in events:
        region, when = str(event["region"]), str(event["date"])
        if region not in times or when < times[region]:
            times[region] = when
    hows: dict[str, set[str]] = {region: set() for region in times}
    candidates: dict[str, set[str]] = {region: set() for region in times}
    for event in events:
        region = str(event["region"])
        if event["date"] != times[region]:
            continue
        hows[region].add(str(event["how"]))
        if event["how"] == "learned":
            candidates[region].add(str(event["source"]))
    parent: dict[str, str | None] = {}
    for when in sorted(set(times.values())):
        group = sorted(r for r in times if times[r] == when)
        settled: set[str] = set()
        pending: list[str] = []
        for region in group:
            earlier = [u for u in candidates[region] if times[u] < when]
            if earlier:
                parent[region] = min(earlier, key=lambda u: (times[u], u))
                settled.add(region)
            elif not candidates[region]:
                parent[region] = None
                settled.add(region)
            else:
                pending.append(region)
        while pending:
            progress = True
            while progress:
                progress = False
                for region in list(pending):
                    same = sorted(candidates[region] & settled)
                    if same:
                        parent[region] = same[0]
                        settled.add(region)
                        pending.remove(region)
                        progress = True
            if pending:
                owners = [r for r in pending if "owns" in hows[r]]
                for region in owners or [pending[0]]:
                    parent[region] = None
                    settled.add(region)
                    pending.remove(region)
    tree: nx.DiGraph = nx.DiGraph(name=cid, cascade_id=cid)
    for region in sorted(times, key=lambda r: (times[r], r)):
        tree.add_node(
            region,
            label=region_attributes(region).get("label", region),
            date=times[region],
            event_time=day_number(times[region]),
            how=sorted(hows[region]),
        )
    for region, source in parent.items():
        if source is not None:
            lag = day_number(times[region]) - day_number(times[source])
            tree.add_edge(source, region, date=times[region], lag_days=lag)
    for region in tree:
        tree.nodes[region]["depth"] = 0
    for region in nx.topological_sort(tree):
        for child in tree.successors(region):
            tree.nodes[child]["depth"] = tree.nodes[region]["depth"] + 1
    return tree


def cascade_trees(
    G: nx.MultiDiGraph, by: str = "theme", *, programs: Iterable[str] | None = None
) -> dict[str, nx.DiGraph]:
    """The observed diffusion tree (a forest) of every cascade.

    Each adopter's parent is the region it learned the program from on its first adoption
    date; when several taught it that day, the one that adopted earliest (then the lowest
    code). A parent never adopted later than its child. Regions that adopted by owning the
    program, or whose learning is not dated on their first adoption, are roots; regions
    that learned from each other on the same day (an exchange) hang below whichever of
    them owns the program, else below the lowest code.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An adoption network.
    by, programs
        Cascade grouping, as in :func:`adoption_events`.

    Returns
    -------
    dict
        ``cascade_id -> networkx.DiGraph``; nodes carry ``label``, ``date``,
        ``event_time`` (day number), ``how`` (sorted list of ways it adopted on that day)
        and ``depth`` (0 for roots); edges ``parent -> child`` carry ``date`` and
        ``lag_days``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(programs={"p": {"label": "pasar murah", "owner": "A",
    ...                                     "theme": "perdagangan", "date": "2022-01-01"}})
    >>> G.add_edge("A", "B", key="p", date="2022-01-11", theme="perdagangan",
    ...            program="p", program_label="pasar murah")
    'p'
    >>> tree = cascade_trees(G)["perdagangan"]
    >>> list(tree.edges(data="lag_days"))
    [('A', 'B', 10)]
    """
    return _trees(adoption_events(G, by, programs=programs))


def tree_rows(trees: Mapping[str, nx.DiGraph]) -> list[dict[str, object]]:
    """Parent-child rows of cascade trees (roots have an empty parent).

    Columns: ``cascade_id``, ``child``, ``parent``, ``child_date``, ``parent_date``,
    ``lag_days``, ``depth``, ``how``; in cascade and adoption order.
    """
    rows = []
    for cid, tree in trees.items():
        for child in adoption_order(tree):
            data = tree.nodes[child]
            parents = list(tree.predecessors(child))
            parent = parents[0] if parents else ""
            rows.append(
                {
                    "cascade_id": cid,
                    "child": child,
                    "parent": parent,
                    "child_date": data["date"],
                    "parent_date": tree.nodes[parent]["date"] if parent else "",
                    "lag_days": tree.edges[parent, child]["lag_days"] if parent else "",
                    "depth": data["depth"],
                    "how": ";".join(data["how"]),
                }
            )
    return rows


def adoption_cascades(
    G: nx.MultiDiGraph,
    by: str = "theme",
    *,
    programs: Iterable[str] | None = None,
    time: str = "days",
) -> list[dict[str, object]]:
    """Adoption cascades in long form: one row per (cascade, region, first adoption).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An adoption network (:func:`sinergi.graph.analysis.projections.adoption_network`).
    by : {"theme", "program"}
        Cascade grouping (module docstring).
    programs : iterable of str, optional
        Phrases merging programs by label into one cascade each (``by="program"``).
    time : {"days", "iso"}
        ``event_time`` as days since 1970-01-01 (default) or as the ISO date.

    Returns
    -------
    list of dict
        Columns ``node_name``, ``event_time``, ``cascade_id`` (what R
        ``NetworkInference::as_cascade_long`` reads), then ``date`` (ISO), ``name``
        (region name), ``parent`` (the region it learned from, from :func:`cascade_trees`;
        empty for roots) and ``how``. Sorted by cascade, time and region.

    Examples
    --------
    >>> G = nx.MultiDiGraph(programs={"p": {"label": "pasar murah", "owner": "17.71",
    ...                                     "theme": "perdagangan", "date": "2022-03-11"}})
    >>> G.add_edge("17.71", "36", key="p", date="2022-03-12", theme="perdagangan",
    ...            program="p", program_label="pasar murah")
    'p'
    >>> [(r["node_name"], r["event_time"], r["parent"]) for r in adoption_cascades(G)]
    [('17.71', 19062, ''), ('36', 19063, '17.71')]
    """
    if time not in ("days", "iso"):
        raise SinergiError(f"time must be 'days' or 'iso', not {time!r}")
    rows = []
    for cid, tree in cascade_trees(G, by, programs=programs).items():
        for region in adoption_order(tree):
            data = tree.nodes[region]
            parents = list(tree.predecessors(region))
            rows.append(
                {
                    "node_name": region,
                    "event_time": data["event_time"] if time == "days" else data["date"],
                    "cascade_id": cid,
                    "date": data["date"],
                    "name": data["label"],
                    "parent": parents[0] if parents else "",
                    "how": ";".join(data["how"]),
                }
            )
    return rows


def cascades_from_rows(
    rows: Iterable[Mapping[str, object]],
    *,
    node: str = "node_name",
    time: str = "event_time",
    cascade: str = "cascade_id",
) -> dict[str, dict[Hashable, float]]:
    """Cascades ``cascade_id -> {node: time}`` from long rows (ours or anyone's).

    Times that are ISO dates become day numbers; numbers stay numbers.
    """
    cascades: dict[str, dict[Hashable, float]] = {}
    for row in rows:
        value = row[time]
        if value in (None, ""):
            continue
        if isinstance(value, str) and "-" in value[1:]:
            number: float = day_number(value)
        else:
            number = float(value)  # type: ignore[arg-type]
        nodes = cascades.setdefault(str(row[cascade]), {})
        key = row[node]
        if key not in nodes or number < nodes[key]:
            nodes[key] = number
    return cascades


def cascades_wide(
    rows: Iterable[Mapping[str, object]],
    *,
    nodes: Iterable[str] | None = None,
) -> list[dict[str, object]]:
    """Wide form of long cascade rows: one row per region, one column per cascade.

    This is the matrix R ``NetworkInference::as_cascade_wide`` reads (rows nodes, columns
    cascades): a cell holds the region's ``event_time`` in that cascade and is empty (NA
    when read by R's ``read.csv``) when the region did not adopt (censored).

    Parameters
    ----------
    rows : iterable of dict
        Long rows from :func:`adoption_cascades`.
    nodes : iterable of str, optional
        Regions to list (e.g. every node of a network, so non-adopters show); default
        the adopters.

    Returns
    -------
    list of dict
        Column ``node_name`` then one column per cascade id in sorted order.
    """
    table: dict[str, dict[str, object]] = {}
    cascades: set[str] = set()
    for row in rows:
        cid = str(row["cascade_id"])
        cascades.add(cid)
        table.setdefault(str(row["node_name"]), {})[cid] = row["event_time"]
    names = sorted(set(table) | set(nodes or ()))
    columns = sorted(cascades)
    return [
        {"node_name": name, **{cid: table.get(name, {}).get(cid, "") for cid in columns}}
        for name in names
    ]


def tie_lags(
    G: nx.MultiDiGraph, by: str = "theme", *, programs: Iterable[str] | None = None
) -> list[dict[str, object]]:
    """Time lag of every tie that carried a cascade (the edges of the cascade trees).

    Returns
    -------
    list of dict
        Columns ``origin``, ``destination``, ``cascade_id``, ``origin_date``,
        ``destination_date`` and ``lag_days`` (destination's first adoption minus the
        origin's), in cascade and time order. Aggregate per tie or per theme as needed.
    """
    rows = []
    for cid, tree in cascade_trees(G, by, programs=programs).items():
        for row in tree_rows({cid: tree}):
            if row["parent"]:
                rows.append(
                    {
                        "origin": row["parent"],
                        "destination": row["child"],
                        "cascade_id": cid,
                        "origin_date": row["parent_date"],
                        "destination_date": row["child_date"],
                        "lag_days": row["lag_days"],
                    }
                )
    return rows


# --------------------------------------------------------------------------------------
# The analytics: cascades and lags of the store
# --------------------------------------------------------------------------------------


def cascades_table(
    store: GraphStore,
    *,
    by: str = "theme",
    programs: Iterable[str] = (),
    time: str = "days",
    form: str = "long",
    **filters: Any,
) -> list[dict[str, object]]:
    """Adoption cascades of the store, in ``form`` ``long``, ``wide`` or ``trees``.

    ``long``: :func:`adoption_cascades` rows; ``wide``: :func:`cascades_wide` over every
    region of the adoption and learning networks (non-adopters get empty cells);
    ``trees``: :func:`tree_rows` of :func:`cascade_trees`.
    """
    graph = adoption_network(store, **filters)
    if form == "trees":
        return tree_rows(cascade_trees(graph, by, programs=programs))
    rows = adoption_cascades(graph, by, programs=programs, time=time)
    if form == "long":
        return rows
    if form == "wide":
        nodes = set(graph) | set(learning_projection(store, **filters))
        return cascades_wide(rows, nodes=nodes)
    raise SinergiError(f"unknown cascade form {form!r}; choose long, wide or trees")


def lags_table(
    store: GraphStore, *, by: str = "theme", programs: Iterable[str] = (), **filters: Any
) -> list[dict[str, object]]:
    """:func:`tie_lags` of the store's cascades."""
    return tie_lags(adoption_network(store, **filters), by, programs=programs)


#: The cascade forms of ``sinergi analyze cascades`` and the table each writes.
_FORM_TABLES = {"long": "cascades", "wide": "wide", "trees": "trees"}

ANALYTICS = (
    Analytic(
        name="cascades",
        summary="Adoption cascades: when each region first took up each theme or program.",
        description="The date each region first adopted each cascade, from programs it owns "
        "and learning about them; the form picks the table (R NetworkInference input, one "
        "column per cascade, or the tree of who learned it from whom).",
        run=cascades_table,
        columns={
            "cascades": ("node_name", "event_time", "cascade_id", "date", "name", "parent", "how"),
            "wide": ("node_name",),
            "trees": (
                "cascade_id",
                "child",
                "parent",
                "child_date",
                "parent_date",
                "lag_days",
                "depth",
                "how",
            ),
        },
        parameters=(
            Parameter(
                "form",
                "long: node_name,event_time,cascade_id rows (R NetworkInference); wide: one row "
                "per region, one column per cascade; trees: parent of each adopter.",
                choices=("long", "wide", "trees"),
                default="long",
            ),
            Parameter(
                "time",
                "event_time as days since 1970-01-01 or as the ISO date.",
                choices=("days", "iso"),
                default="days",
            ),
        ),
        cascades=True,
        example='sinergi analyze cascades --by program --program "pasar murah" --out c.csv',
        pick_table=lambda options: _FORM_TABLES.get(str(options.get("form") or "long"), "cascades"),
        order=1,
    ),
    Analytic(
        name="lags",
        summary="Time lag (days) of every tie that carried a cascade.",
        description="One row per adoption edge: origin, destination, cascade and the days "
        "between their adoptions.",
        run=lags_table,
        columns={
            "lags": (
                "origin",
                "destination",
                "cascade_id",
                "origin_date",
                "destination_date",
                "lag_days",
            ),
        },
        cascades=True,
        what="ties",
        example="sinergi analyze lags --by theme",
        order=6,
    ),
)
