"""The graph store: one small interface, an embedded on-disk Oxigraph implementation.

Callers (ingest, queries, projections, export) only use :class:`GraphStore`, so a remote
SPARQL 1.1 server can replace the embedded store without touching them. The embedded
store is ``pyoxigraph.Store`` on disk: it opens in milliseconds at millions of triples
and answers property paths fast, where rdflib's memory store must re-parse everything at
every start (see ``../shared/notes/stack-measurements.md``).

Layout: the region/government/theme tables live in the named graph
``namespace.REFERENCE_GRAPH``; each article in its own named graph. Queries run over the
union of all graphs. Replacing an article is remove-graph + insert in one transaction,
so re-ingesting never duplicates.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from sinergi.errors import QueryError, StoreError
from sinergi.namespace import REFERENCE_GRAPH, SG

__all__ = [
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "default_store_path",
    "from_ox",
    "open_store",
    "to_ox",
]

DEFAULT_STORE_DIR = "sinergi-store"
Triple = tuple[Node, Node, Node]


def default_store_path() -> Path:
    """``$SINERGI_STORE`` if set, else ``./sinergi-store`` in the current directory."""
    return Path(os.environ.get("SINERGI_STORE") or DEFAULT_STORE_DIR)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SELECT result: variable names and rows of rdflib terms (None when unbound)."""

    variables: list[str]
    rows: list[dict[str, Node | None]]

    def values(self) -> list[dict[str, object]]:
        """Rows as plain Python values (str, int, float, Decimal, date strings)."""
        return [{k: _python(v) for k, v in row.items()} for row in self.rows]


def _python(term: Node | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value.isoformat() if hasattr(value, "isoformat") else value
    return str(term)


class GraphStore(Protocol):
    """What sinergi needs from a triple store."""

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace the named graph ``graph`` with ``triples`` atomically."""

    def has_graph(self, graph: URIRef) -> bool:
        """True if the named graph holds anything."""

    def article_hashes(self) -> dict[str, str]:
        """Content hash of every stored article keyed by document id."""

    def query(self, sparql: str) -> QueryResult:
        """Run a SELECT query over the union of all graphs."""

    def ask(self, sparql: str) -> bool:
        """Run an ASK query over the union of all graphs."""

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every stored quad (for export)."""

    def __len__(self) -> int:
        """Number of stored quads."""

    def close(self) -> None:
        """Flush and release the store."""


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to pyoxigraph."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"cannot store term {term!r}")


def from_ox(term: object) -> Node | None:
    """Convert a pyoxigraph term to rdflib."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"unexpected term {term!r}")


class OxigraphStore:
    """Embedded on-disk store (pyoxigraph/RocksDB) implementing :class:`GraphStore`."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {self.path} is locked: another sinergi process (or an open "
                    "store in this one) is using it; wait for it to finish or use another --store"
                ) from exc
            raise StoreError(f"cannot open store {self.path}: {message}") from exc

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        name = ox.NamedNode(str(graph))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in triples]
        # One SPARQL update: the old graph's removal and the new triples land together.
        inserts = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._store.update(
            f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {inserts} }} }}"
        )

    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph))) and any(
            True for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
        )

    def article_hashes(self) -> dict[str, str]:
        result = self.query(
            f"SELECT ?id ?hash WHERE {{ ?a <{SG.docId}> ?id ; <{SG.contentHash}> ?hash }}"
        )
        return {str(row["id"]): str(row["hash"]) for row in result.rows}

    def query(self, sparql: str) -> QueryResult:
        try:
            solutions = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries return rows; use ask() for ASK")
        variables = [v.value for v in solutions.variables]
        rows = [{name: from_ox(solution[name]) for name in variables} for solution in solutions]
        return QueryResult(variables, rows)

    def ask(self, sparql: str) -> bool:
        try:
            return bool(self._store.query(sparql, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for quad in self._store.quads_for_pattern(None, None, None):
            graph = quad.graph_name
            yield (
                from_ox(quad.subject),  # type: ignore[misc]
                from_ox(quad.predicate),  # type: ignore[misc]
                from_ox(quad.object),  # type: ignore[misc]
                URIRef(graph.value) if isinstance(graph, ox.NamedNode) else None,  # type: ignore[misc]
            )

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store; pyoxigraph frees its lock when the handle is dropped."""
        store = getattr(self, "_store", None)
        if store is None:
            return
        if self.path is not None:
            store.flush()
        self._store = None  # type: ignore[assignment]
        del store

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    """Open (creating if needed) the embedded store at ``path`` or the default location.

    A new store gets the reference graph (regions, governments, themes) at once, so
    queries can name regions even before any article is ingested.
    """
    from sinergi.loaders.rdf import reference_triples

    store = OxigraphStore(path if path is not None else default_store_path(), read_only=read_only)
    if not read_only and not store.has_graph(REFERENCE_GRAPH):
        store.replace_graph(REFERENCE_GRAPH, reference_triples())
    return store
