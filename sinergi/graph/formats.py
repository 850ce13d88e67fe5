"""Write projections and analysis rows where R, Stata, Gephi and Cytoscape can read them.

GraphML and GEXF hold only scalar attributes (strings, numbers, booleans) and no missing
values, while the projections carry lists (``dates``, ``themes``), dicts (``by_type``) and
None. :func:`portable_graph` converts: None is dropped (the attribute is absent for that
node or edge), lists and sets become ``;``-joined strings, dicts become one
``<name>_<key>`` attribute per key (``by_type_visit``), dates become ISO strings, and a
graph-level attribute that is not a scalar is left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

import networkx as nx

from sinergi.errors import SinergiError

__all__ = ["NETWORK_FORMATS", "portable_graph", "rows_to_csv", "write_network", "write_rows"]

NETWORK_FORMATS = ("graphml", "gexf", "edgelist")


def _flatten(attributes: Mapping[str, object]) -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            for key, item in value.items():
                if item is not None:
                    flat[f"{name}_{key}"] = _scalar(item)
            continue
        flat[name] = _scalar(value)
    return flat


def _scalar(value: object) -> object:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ";".join(str(_scalar(item)) for item in items)
    return str(value)


def portable_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose graph, node and edge attributes GraphML and GEXF can hold.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", dates=["2022-01-01", "2022-02-01"], by_type={"visit": 2},
    ...            first=None)
    >>> portable_graph(G).edges["A", "B"]
    {'dates': '2022-01-01;2022-02-01', 'by_type_visit': 2}
    """
    H = G.__class__()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None and not _nested(v)})
    for node, data in G.nodes(data=True):
        H.add_node(node, **_flatten(data))
    if G.is_multigraph():
        for u, v, key, data in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=key, **_flatten(data))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(u, v, **_flatten(data))
    return H


def _nested(value: object) -> bool:
    return isinstance(value, Mapping) or (
        isinstance(value, list | tuple | set) and any(isinstance(v, Mapping) for v in value)
    )


def _edge_rows(G: nx.Graph) -> tuple[list[str], list[dict[str, object]]]:
    portable = portable_graph(G)
    rows: list[dict[str, object]] = []
    if portable.is_multigraph():
        for u, v, key, data in portable.edges(keys=True, data=True):
            rows.append({"source": u, "target": v, "key": key, **data})
    else:
        for u, v, data in portable.edges(data=True):
            rows.append({"source": u, "target": v, **data})
    fields = ["source", "target"] + (["key"] if portable.is_multigraph() else [])
    for row in rows:
        fields += [name for name in row if name not in fields]
    return fields, rows


def write_network(G: nx.Graph, path: str | Path, format: str = "graphml") -> Path:
    """Write a projection as GraphML, GEXF or a CSV edge list.

    Parameters
    ----------
    G : networkx.Graph
        Any projection (attributes are converted by :func:`portable_graph`).
    path : str or Path
        File to write.
    format : {"graphml", "gexf", "edgelist"}
        ``graphml`` and ``gexf`` through the NetworkX writers; ``edgelist`` is a CSV with
        a header: ``source``, ``target`` (and ``key`` for multigraphs), then one column
        per edge attribute (empty where an edge lacks it).

    Returns
    -------
    Path
        The file written.
    """
    if format not in NETWORK_FORMATS:
        raise SinergiError(f"unknown network format {format!r}; choose from {NETWORK_FORMATS}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if format == "graphml":
        nx.write_graphml(portable_graph(G), target)
    elif format == "gexf":
        nx.write_gexf(portable_graph(G), target)
    else:
        fields, rows = _edge_rows(G)
        with target.open("w", encoding="utf-8", newline="") as handle:
            write_rows(rows, handle, fields)
    return target


def write_rows(
    rows: Iterable[Mapping[str, object]], handle: IO[str], fields: Sequence[str] | None = None
) -> None:
    """Write rows as CSV with a header to an open text handle (None -> empty cell).

    Columns are ``fields`` if given, else the keys of the first row followed by any new
    keys of later rows.
    """
    rows = list(rows)
    if fields is None:
        fields = []
        for row in rows:
            fields += [name for name in row if name not in fields]
    writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else _cell(row.get(k)) for k in fields})


def _cell(value: object) -> object:
    if isinstance(value, float):
        return format(value, ".10g")
    return _scalar(value)


def rows_to_csv(rows: Iterable[Mapping[str, object]], fields: Sequence[str] | None = None) -> str:
    """Rows as CSV text with a header (see :func:`write_rows`)."""
    buffer = io.StringIO()
    write_rows(rows, buffer, fields)
    return buffer.getvalue()
