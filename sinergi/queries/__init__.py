"""The SPARQL query library: documented ``.rq`` files loaded by name.

Each ``.rq`` file starts with a header of ``# key: value`` comment lines::

    # title: Who learned from whom
    # question: Which regions learned from which, how often, and when?
    # param: region (region, optional): Kemendagri code of the learner, e.g. 17.71
    # example: sinergi query learning --param region=17.71

and is otherwise plain SPARQL 1.1 that runs unchanged in any SPARQL editor. Parameters
are bound as RDF terms, never spliced as text: each value is turned into one term of the
declared type (a region code becomes the region's IRI, a string an escaped literal) and
the query gets a ``VALUES`` block inside each ``WHERE`` that uses the parameter, so quotes,
braces or ``} UNION {`` in a value cannot change the query.

The ``.rq`` files in this folder are the researchers' library (:func:`library_queries`,
listed by ``sinergi queries`` and in ``docs/queries.md``). Those in ``internal/`` feed
sinergi's own networks, projections and views: they run by name like any other
(:func:`get_query`, ``sinergi query view-events``) but are not listed with the library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef

from sinergi.errors import QueryError
from sinergi.namespace import XSD, region_iri, theme_iri
from sinergi.queries.groups import where_groups
from sinergi.reference import load_regions, load_themes

__all__ = [
    "Param",
    "Query",
    "bind_query",
    "get_query",
    "library_queries",
    "load_queries",
    "queries_markdown",
]

PARAM_TYPES = {"region", "theme", "string", "date", "integer", "decimal", "iri"}
#: Old parameter names that still bind: the period filter is ``start``/``end`` across the
#: command line, the API and the queries; ``since``/``until`` are its former names.
PARAM_ALIASES = {"since": "start", "until": "end"}


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    required: bool
    description: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """One library query with its documentation header."""

    name: str
    title: str
    question: str
    text: str
    params: tuple[Param, ...] = field(default=())
    example: str = ""
    path: str = ""
    internal: bool = False  # sinergi's own plumbing (``internal/``), not in the library


_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>\w+)\s*\((?P<type>\w+)(?:,\s*(?P<req>required|optional))?"
    r"(?:,\s*default\s*=\s*(?P<default>[^)]+))?\)\s*:\s*(?P<doc>.*)$"
)


def parse_query(name: str, text: str, path: str = "", internal: bool = False) -> Query:
    """Parse a ``.rq`` text with its header into a :class:`Query`."""
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            header.setdefault(match.group(1).lower(), []).append(match.group(2).strip())
    params = []
    for spec in header.get("param", []):
        match = _PARAM.match(spec)
        if not match or match.group("type") not in PARAM_TYPES:
            raise QueryError(f"query {name}: bad param declaration {spec!r}")
        params.append(
            Param(
                name=match.group("name"),
                type=match.group("type"),
                required=match.group("req") == "required",
                description=match.group("doc"),
                default=(match.group("default") or "").strip() or None,
            )
        )
    if "title" not in header:
        raise QueryError(f"query {name}: header has no '# title:' line")
    return Query(
        name=name,
        title=header["title"][0],
        question=" ".join(header.get("question", [])),
        text=text,
        params=tuple(params),
        example=" ".join(header.get("example", [])),
        path=path,
        internal=internal,
    )


@cache
def load_queries() -> dict[str, Query]:
    """Every query that runs by name, keyed by file stem, in name order: the library and
    the internal queries (``Query.internal``)."""
    folder = resources.files("sinergi.queries")
    entries = [(entry, False) for entry in folder.iterdir()]
    entries += [(entry, True) for entry in folder.joinpath("internal").iterdir()]
    queries = {}
    for entry, internal in sorted(entries, key=lambda item: item[0].name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            path = f"internal/{entry.name}" if internal else entry.name
            text = entry.read_text(encoding="utf-8")
            queries[name] = parse_query(name, text, path, internal=internal)
    return queries


def library_queries() -> dict[str, Query]:
    """The researchers' query library, keyed by name, in name order: every query but the
    internal ones (what ``sinergi queries`` lists)."""
    return {name: query for name, query in load_queries().items() if not query.internal}


def get_query(name_or_path: str) -> Query:
    """A library query by name, or any ``.rq`` file by path."""
    library = load_queries()
    if name_or_path in library:
        return library[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        text = path.read_text(encoding="utf-8")
        if not text.lstrip().startswith("#"):
            text = f"# title: {path.stem}\n{text}"
        return parse_query(path.stem, text, str(path))
    known = ", ".join(library_queries())
    raise QueryError(f"unknown query {name_or_path!r}; library queries: {known}")


def _term(param: Param, value: str) -> str:
    """The N-Triples/SPARQL form of one parameter value, validated for its type."""
    if param.type == "region":
        from sinergi.graph.analysis.formats import (
            plain_code,  # networkx: only when a region is bound
        )

        value = plain_code(value)  # "ID-17.71", as sinergi's files write codes, works too
        if value not in load_regions():
            raise QueryError(
                f"query parameter {param.name}: {value!r} is not a Kemendagri region code"
            )
        return region_iri(value).n3()
    if param.type == "theme":
        if value not in load_themes():
            raise QueryError(f"query parameter {param.name}: unknown theme {value!r}")
        return theme_iri(value).n3()
    if param.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise QueryError(
                f"query parameter {param.name}: {value!r} is not a YYYY-MM-DD date"
            ) from exc
        return Literal(value, datatype=XSD.date).n3()
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"query parameter {param.name}: {value!r} is not an integer")
        return Literal(int(value)).n3()
    if param.type == "decimal":
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            raise QueryError(f"query parameter {param.name}: {value!r} is not a decimal number")
        return Literal(value, datatype=XSD.decimal).n3()
    if param.type == "iri":
        if re.search(r'[\s<>"{}|^`\\]', value) or ":" not in value:
            raise QueryError(f"query parameter {param.name}: {value!r} is not an absolute IRI")
        return URIRef(value).n3()
    return Literal(value).n3()


def bind_query(query: Query, values: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """The query text with parameters bound as terms in a ``VALUES`` block at the start of
    every ``WHERE`` clause that uses them (``sinergi.queries.groups``).

    A parameter given a list or tuple of values is bound to each of them (one ``VALUES``
    row each): the library reads a known set of statements in one query that way.
    """
    values = dict(values or {})
    declared = {p.name: p for p in query.params}
    for alias, name in PARAM_ALIASES.items():
        if alias in values and alias not in declared and name in declared:
            given = values.pop(alias)
            if values.setdefault(name, given) != given:
                raise QueryError(
                    f"query {query.name}: give query parameter {name} or its old name "
                    f"{alias}, not both"
                )
    unknown = set(values) - set(declared)
    if unknown:
        names = ", ".join(declared) or "none"
        raise QueryError(
            f"query {query.name} has no parameter {sorted(unknown)}; it takes: {names}"
        )
    bindings: dict[str, str] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            if param.required:
                raise QueryError(
                    f"query {query.name} needs a value for query parameter {param.name}"
                )
            continue
        items = value if isinstance(value, list | tuple) else [value]
        terms = " ".join(_term(param, str(item)) for item in items)
        bindings[param.name] = f"VALUES ?{param.name} {{ {terms} }}"
    if not bindings:
        return query.text
    groups = where_groups(query.text)
    if not groups:
        raise QueryError(f"query {query.name} has no WHERE clause to bind parameters in")
    # A sub-select does not see its enclosing query's bindings, so every WHERE group that
    # uses a parameter gets its block; a group that does not use it is left alone (a
    # VALUES block there is one more join over every row of the group).
    text = query.text
    for group in reversed(groups):
        blocks = [block for name, block in bindings.items() if group.uses(name)]
        if blocks:
            insert = "\n  " + "\n  ".join(blocks)
            text = text[: group.body_start] + insert + text[group.body_start :]
    return text


def queries_markdown() -> str:
    """The query library as Markdown, generated from the ``.rq`` headers (docs/queries.md)."""
    lines = [
        "# The SPARQL query library",
        "",
        "Generated from the headers of `sinergi/queries/*.rq` by `scripts/build_query_docs.py`;",
        "do not edit by hand. Run any query with `sinergi query NAME [--param K=V ...]`;",
        "parameters are bound as RDF terms (a region code becomes the region's IRI).",
        "",
        "| query | question |",
        "|---|---|",
    ]
    library = library_queries()
    lines += [f"| [`{name}`](#{name}) | {q.title} |" for name, q in library.items()]
    for name, query in library.items():
        lines += ["", f"## {name}", "", f"**{query.title}.** {query.question}", ""]
        if query.params:
            lines += [
                "| parameter | type | required | default | meaning |",
                "|---|---|---|---|---|",
            ]
            for p in query.params:
                required = "yes" if p.required else "no"
                lines.append(
                    f"| `{p.name}` | {p.type} | {required} | {p.default or ''} | {p.description} |"
                )
            lines.append("")
        lines += ["```bash", query.example, "```"]
    internal = [query for query in load_queries().values() if query.internal]
    lines += [
        "",
        "## Internal queries",
        "",
        "`sinergi/queries/internal/*.rq` feed sinergi's own networks, projections and views;",
        "they are not part of the library (`sinergi queries` does not list them) but run by",
        "name like any other, e.g. `sinergi query view-events --format csv`.",
        "",
        "| query | what it returns |",
        "|---|---|",
    ]
    lines += [f"| `{query.name}` | {query.title} |" for query in internal]
    return "\n".join(lines) + "\n"
