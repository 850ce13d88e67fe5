"""What sinergi needs from a triple store: the :class:`GraphStore` interface.

Callers (ingest, queries, projections, export) only use this interface, so a remote
SPARQL 1.1 server can replace the embedded store without touching them. The
implementations are :mod:`.embedded` (Oxigraph on disk) and :mod:`.remote` (any SPARQL 1.1
endpoint); :func:`sinergi.graph.store.connect` picks one.

Layout: the region/government/theme tables live in the named graph
``namespace.REFERENCE_GRAPH``; each article in its own named graph. Queries run over the
union of all graphs.

Two write paths (:meth:`GraphStore.write_graphs`):

* **atomic** (the default, and the only one a remote store has): one SPARQL update drops
  the replaced graphs and inserts the new ones, so a reader sees all of a batch or none
  of it and a crash leaves the previous state.
* **bulk** (embedded only, ``bulk=True``): Oxigraph's bulk loader writes new files
  straight into the database, several times faster than a transaction, but not atomic:
  a reader or a crash in the middle can see part of a batch. Ingest uses it as the fast
  rebuild and stays crash-safe by writing each article's content hash (its "done"
  marker) only after the batch has landed; see :mod:`sinergi.graph.store.ingest`.

What a store can do beyond the interface is declared by class attributes, capability
flags as rdflib's ``Store`` declares ``context_aware`` or ``transaction_aware``, so
callers ask the store instead of checking its class:

* ``bulk_load``: ``write_graphs(..., bulk=True)`` uses a faster non-transactional loader
  (:class:`~.embedded.OxigraphStore`); where it is false, ``bulk`` is ignored and every
  write is atomic (:class:`~.remote.RemoteStore`). Ingest writes in bulk by default where
  it is true.
* ``compaction``: :meth:`GraphStore.compact` merges the store's files and makes later
  queries faster (:class:`~.embedded.OxigraphStore`); where it is false, ``compact`` does
  nothing. Ingest compacts after a big bulk ingest only where it is true.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from sinergi.graph.store.ntriples import iri_nt
from sinergi.namespace import SG

__all__ = [
    "ARTICLE_HASHES_QUERY",
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "QueryResult",
    "Triple",
    "default_store_path",
    "encode_utf8",
    "replace_update",
    "store_exists",
]

DEFAULT_STORE_DIR = "sinergi-store"
Triple = tuple[Node, Node, Node]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def default_store_path() -> Path:
    """``$SINERGI_STORE`` if set, else ``./sinergi-store`` in the current directory."""
    return Path(os.environ.get("SINERGI_STORE") or DEFAULT_STORE_DIR)


def store_exists(path: str | Path) -> bool:
    """True if ``path`` holds a store (RocksDB's CURRENT file), not just a folder."""
    return (Path(path) / "CURRENT").is_file()


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SELECT result: variable names and rows of rdflib terms (None when unbound)."""

    variables: list[str]
    rows: list[dict[str, Node | None]]

    def values(self) -> list[dict[str, Any]]:
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
    """What sinergi needs from a triple store.

    The capability flags (class attributes, see the module docstring) say what a store
    can do beyond the interface; the write path of :func:`sinergi.graph.store.ingest.ingest` follows
    them.
    """

    #: ``write_graphs(bulk=True)`` has a faster, non-atomic loader.
    bulk_load: bool = False
    #: ``compact()`` merges the store's files (worth it after a big bulk load).
    compaction: bool = False

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace the named graph ``graph`` with ``triples`` atomically."""

    def write_graphs(
        self, graphs: Mapping[str, str], *, drop: Collection[str] = (), bulk: bool = False
    ) -> None:
        """Drop the named graphs ``drop``, then add ``graphs`` (graph IRI -> N-Triples text).

        Atomic unless ``bulk`` is true and the store has a faster non-transactional
        loader (the embedded store does; see the module docstring). The bulk loader does
        not re-validate IRIs: give it text written by :mod:`sinergi.graph.store.ntriples`.
        """

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""

    def has_graph(self, graph: URIRef) -> bool:
        """True if the named graph holds anything."""

    def article_hashes(self) -> dict[str, str]:
        """Content hash of every stored article keyed by document id."""

    def query(self, sparql: str) -> QueryResult:
        """Run a SELECT query over the union of all graphs."""

    def ask(self, sparql: str) -> bool:
        """Run an ASK query over the union of all graphs."""

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        """Every stored quad (for export); the graph is None for the default graph."""

    def __len__(self) -> int:
        """Number of stored quads."""

    def compact(self) -> None:
        """Merge the store's files; does nothing unless ``compaction`` is true."""

    def close(self) -> None:
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        """Use as a context manager that closes the store."""

    def __exit__(self, *exc: object) -> None:
        """Close the store."""


# Both triples live in the article's own graph; matching them there spares the union
# default graph its de-duplication (0.9 -> 0.5 s for 20,593 articles).
ARTICLE_HASHES_QUERY = (
    f"SELECT ?id ?hash WHERE {{ GRAPH ?g {{ ?a <{SG.docId}> ?id ; <{SG.contentHash}> ?hash }} }}"
)


def replace_update(graphs: Mapping[str, str], drop: Collection[str] = ()) -> str:
    """One SPARQL update that drops ``drop`` and inserts ``graphs`` (IRI -> N-Triples)."""
    parts = [f"DROP SILENT GRAPH {iri_nt(graph)} ;" for graph in drop]
    blocks = [f"GRAPH {iri_nt(g)} {{\n{body}}}" for g, body in graphs.items() if body]
    if blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return "\n".join(parts)


def encode_utf8(text: str) -> bytes:
    """UTF-8 bytes; lone surrogates (from JSON ``\\ud800`` escapes) become ``?``."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")
