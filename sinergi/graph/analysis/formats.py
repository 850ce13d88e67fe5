"""Write projections and analysis rows where R, Stata, Gephi and Cytoscape can read them.

GraphML and GEXF hold only scalar attributes (strings, numbers, booleans) and no missing
values, while the projections carry lists (``dates``, ``themes``), dicts (``by_type``) and
None. :func:`portable_graph` converts: None is dropped (the attribute is absent for that
node or edge), lists and sets become ``;``-joined strings, dicts become one
``<name>_<key>`` attribute per key (``by_type_visit``), dates become ISO strings, and a
graph-level attribute that is not a scalar is left out.

Region codes in files
---------------------
Kemendagri codes look like numbers ("35.20", "17"), and R ``read.csv``, ``pd.read_csv``
and ``pd.read_json`` with their default settings turn every value that parses as a number
into one ("35.20" -> 35.2, "17" -> 17), whatever the quoting. So every file written here
holds codes in one form that cannot be read as a number: the prefix ``ID-`` (``ID-35.20``,
``ID-17``, ``ID-17.71 > ID-36``). ISO 3166-2:ID subdivision codes are letters (``ID-BE``),
so the two never collide. The Python API keeps plain codes; only files carry the prefix,
and commands that take a code accept both forms (:func:`plain_code`). The rule covers
CSV rows (:func:`write_rows`, code columns found by :func:`code_fields`), JSON rows
(:func:`tag_codes`), node names in GraphML and GEXF (plus a ``name`` attribute, which R
igraph takes as vertex names) and the ``source target`` edge list.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

import networkx as nx

from sinergi.errors import SinergiError

__all__ = [
    "CODE_FIELDS",
    "CODE_PREFIX",
    "NETWORK_FORMATS",
    "code_fields",
    "file_code",
    "is_code_field",
    "plain_code",
    "portable_graph",
    "rows_to_csv",
    "tag_codes",
    "tagged_graph",
    "write_network",
    "write_rows",
]

NETWORK_FORMATS = ("graphml", "gexf", "edgelist")

#: What every region code written to a file starts with (see the module docstring).
CODE_PREFIX = "ID-"

#: Columns (and graph attributes) that hold region codes, besides ``code`` and ``*_code``:
#: the node columns of R ``NetworkInference`` (``node_name``, ``origin_node``, ...) and the
#: region columns of the ``sinergi analyze`` tables and edge lists.
CODE_FIELDS = frozenset(
    {
        "node_name",
        "origin_node",
        "destination_node",
        "parent",
        "child",
        "origin",
        "target",
        "destination",
        "source",
        "learner",
        "region",
        "province",
        "path",
    }
)

_CODE = r"\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?"
_PLAIN = re.compile(rf"(?:{re.escape(CODE_PREFIX)})?({_CODE})", re.IGNORECASE)
# A code as a whole token of a cell: "17.71", or one item of "17.71 > 36" or "17;36",
# never a piece of an IRI ("…/region/17.71") or of a date or a number.
_TOKEN = re.compile(rf"(?<![^\s;,>]){_CODE}(?![^\s;,<>])")


def file_code(code: str) -> str:
    """A region code in the form files hold: ``"17.71"`` -> ``"ID-17.71"`` (idempotent).

    Examples
    --------
    >>> file_code("35.20"), file_code("ID-17")
    ('ID-35.20', 'ID-17')
    """
    return CODE_PREFIX + plain_code(code)


def plain_code(value: str) -> str:
    """A code as the graph and the Python API know it: ``"ID-17.71"`` -> ``"17.71"``.

    Commands that take a region code pass it through here, so a code copied from any
    sinergi file works as well as the plain one. Anything else is returned unchanged.

    Examples
    --------
    >>> plain_code("ID-17.71"), plain_code("id-17"), plain_code(" 36.04 "), plain_code("x")
    ('17.71', '17', '36.04', 'x')
    """
    match = _PLAIN.fullmatch(value.strip())
    return match.group(1) if match else value


def is_code_field(name: str) -> bool:
    """Whether a column or attribute named ``name`` holds region codes by its name alone."""
    return name == "code" or name.endswith("_code") or name in CODE_FIELDS


def _tag_text(value: str) -> str:
    return _TOKEN.sub(lambda m: CODE_PREFIX + m.group(0), value)


def _known_code(value: object) -> bool:
    from sinergi.reference import load_regions  # the gazetteer, read once, only if needed

    return (
        isinstance(value, str)
        and _PLAIN.fullmatch(value) is not None
        and (plain_code(value) in load_regions())
    )


def code_fields(fields: Iterable[str], rows: Sequence[Mapping[str, object]]) -> set[str]:
    """The columns of ``rows`` that hold region codes.

    A column does by its name (:func:`is_code_field`) or by its values: every non-empty
    value is a string that is a Kemendagri code of the gazetteer (so a custom ``.rq``
    projecting ``skos:notation`` as ``?r`` is covered too). Typed numbers never count:
    SPARQL counts and day numbers arrive as ``int``.
    """
    found = set()
    for name in fields:
        if is_code_field(name):
            found.add(name)
            continue
        values = [row.get(name) for row in rows if row.get(name) not in (None, "")]
        if values and all(_known_code(value) for value in values):
            found.add(name)
    return found


def tag_codes(
    rows: Iterable[Mapping[str, object]], fields: Sequence[str] | None = None
) -> list[dict[str, object]]:
    """Copies of ``rows`` with every code in a code column written as ``ID-<code>``.

    ``fields`` are the columns to consider (default: every key of every row). Inside a
    code column each code token is tagged, so ``"17.71 > 36"`` becomes
    ``"ID-17.71 > ID-36"``; values already tagged stay as they are.

    Examples
    --------
    >>> tag_codes([{"node_name": "35.20", "event_time": 19058, "path": "17.71 > 36"}])
    [{'node_name': 'ID-35.20', 'event_time': 19058, 'path': 'ID-17.71 > ID-36'}]
    """
    copies = [dict(row) for row in rows]
    names = list(fields) if fields is not None else _keys(copies)
    for name in code_fields(names, copies):
        for row in copies:
            value = row.get(name)
            if isinstance(value, str):
                row[name] = _tag_text(value)
    return copies


def _keys(rows: Iterable[Mapping[str, object]]) -> list[str]:
    names: list[str] = []
    for row in rows:
        names += [name for name in row if name not in names]
    return names


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
    if isinstance(G, nx.MultiGraph):
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


def _tag_attributes(attributes: Mapping[str, object]) -> dict[str, object]:
    return {
        name: _tag_text(value) if isinstance(value, str) and is_code_field(name) else value
        for name, value in attributes.items()
    }


def _file_node(node: object) -> object:
    return file_code(node) if isinstance(node, str) and _PLAIN.fullmatch(node) else node


def tagged_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with region codes in their file form, for GraphML and GEXF.

    Nodes that are codes are renamed ``ID-<code>``; every node gets a ``name`` attribute
    equal to its new name (unless it has one), because R igraph keeps GraphML node ids in
    ``V(g)$id`` and takes vertex names only from ``name``; code attributes
    (:func:`is_code_field`, e.g. a node's ``province``) are tagged too.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("17.71", "36", weight=1)
    >>> H = tagged_graph(G)
    >>> list(H.edges), H.nodes["ID-36"]
    ([('ID-17.71', 'ID-36')], {'name': 'ID-36'})
    """
    H = G.__class__()
    H.graph.update(G.graph)
    for node, data in G.nodes(data=True):
        name = _file_node(node)
        H.add_node(name, **{"name": str(name), **_tag_attributes(data)})
    if isinstance(G, nx.MultiGraph):
        for u, v, key, data in G.edges(keys=True, data=True):
            H.add_edge(_file_node(u), _file_node(v), key=key, **_tag_attributes(data))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(_file_node(u), _file_node(v), **_tag_attributes(data))
    return H


def _edge_lines(G: nx.Graph) -> list[str]:
    lines = []
    for u, v in G.edges():
        source, target = str(_file_node(u)), str(_file_node(v))
        for name in (source, target):
            if not name or any(char.isspace() for char in name) or name.startswith("#"):
                raise SinergiError(
                    f"node {name!r} cannot be written to an edge list; use graphml or gexf"
                )
        lines.append(f"{source} {target}\n")
    return lines


def write_network(G: nx.Graph, path: str | Path, format: str = "graphml") -> Path:
    """Write a projection as GraphML, GEXF or a plain edge list.

    Parameters
    ----------
    G : networkx.Graph
        Any projection (attributes are converted by :func:`portable_graph`, region codes
        by :func:`tagged_graph`).
    path : str or Path
        File to write.
    format : {"graphml", "gexf", "edgelist"}
        ``graphml`` and ``gexf`` through the NetworkX writers, every attribute kept and
        each node with a ``name`` (R igraph's vertex names); ``edgelist`` is one
        ``source target`` line per edge (one per parallel edge of a multigraph),
        separated by a space, with no header and no attributes, the format that
        ``nx.read_edgelist``, igraph ``Read_Ncol`` and R ``read.table`` read with their
        defaults. Nodes without edges appear only in GraphML and GEXF.

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
        nx.write_graphml(tagged_graph(portable_graph(G)), target)
    elif format == "gexf":
        nx.write_gexf(tagged_graph(portable_graph(G)), target)
    else:
        lines = _edge_lines(G)
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(lines)
    return target


def write_rows(
    rows: Iterable[Mapping[str, object]],
    handle: IO[str],
    fields: Sequence[str] | None = None,
    *,
    tag: bool = True,
) -> None:
    """Write rows as CSV with a header to an open text handle (None -> empty cell).

    Columns are ``fields`` if given, else the keys of the first row followed by any new
    keys of later rows. Region codes are written ``ID-<code>`` (:func:`tag_codes`) so
    that R and pandas read them back as the same strings; ``tag=False`` writes them as
    they are.
    """
    rows = list(rows)
    if fields is None:
        fields = _keys(rows)
    if tag:
        rows = tag_codes(rows, fields)
    writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else _cell(row.get(k)) for k in fields})


def _cell(value: object) -> object:
    if isinstance(value, float):
        return format(value, ".10g")
    return _scalar(value)


def rows_to_csv(
    rows: Iterable[Mapping[str, object]],
    fields: Sequence[str] | None = None,
    *,
    tag: bool = True,
) -> str:
    """Rows as CSV text with a header (see :func:`write_rows`)."""
    buffer = io.StringIO()
    write_rows(rows, buffer, fields, tag=tag)
    return buffer.getvalue()
