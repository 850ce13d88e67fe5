"""The graph store: one small interface, two implementations (embedded and remote).

Callers (ingest, queries, projections, export) only use :class:`GraphStore`, so a remote
SPARQL 1.1 server can replace the embedded store without touching them:

* :class:`OxigraphStore`: ``pyoxigraph.Store`` on disk. It opens in milliseconds at
  millions of triples and answers property paths fast, where rdflib's memory store must
  re-parse everything at every start (see ``../shared/notes/stack-measurements.md``).
* :class:`RemoteStore`: any SPARQL 1.1 protocol endpoint (``sinergi serve`` runs
  Oxigraph's own server over a store folder). Queries are POSTed as ``query=`` forms and
  read as ``application/sparql-results+json``; writes are SPARQL updates POSTed to the
  update endpoint. The server must evaluate queries over the union of its named graphs
  (``oxigraph serve --union-default-graph``, as ``sinergi serve`` does).

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
  marker) only after the batch has landed; see :mod:`sinergi.ingest`.

What a store can do beyond the interface is declared by class attributes, capability
flags as rdflib's ``Store`` declares ``context_aware`` or ``transaction_aware``, so
callers ask the store instead of checking its class:

* ``bulk_load``: ``write_graphs(..., bulk=True)`` uses a faster non-transactional loader
  (:class:`OxigraphStore`); where it is false, ``bulk`` is ignored and every write is
  atomic (:class:`RemoteStore`). Ingest writes in bulk by default where it is true.
* ``compaction``: :meth:`GraphStore.compact` merges the store's files and makes later
  queries faster (:class:`OxigraphStore`); where it is false, ``compact`` does nothing.
  Ingest compacts after a big bulk ingest only where it is true.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, overload
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from sinergi.errors import QueryError, StoreError
from sinergi.graph.ntriples import iri_nt, to_nquads, triples_nt
from sinergi.namespace import REFERENCE_GRAPH, SG

__all__ = [
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "connect",
    "default_store_path",
    "from_ox",
    "open_store",
    "replace_update",
    "store_exists",
    "to_ox",
]

DEFAULT_STORE_DIR = "sinergi-store"
Triple = tuple[Node, Node, Node]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


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
    can do beyond the interface; the write path of :func:`sinergi.ingest.ingest` follows
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
        not re-validate IRIs: give it text written by :mod:`sinergi.graph.ntriples`.
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


def _hashes(result: QueryResult) -> dict[str, str]:
    return {str(row["id"]): str(row["hash"]) for row in result.rows}


def replace_update(graphs: Mapping[str, str], drop: Collection[str] = ()) -> str:
    """One SPARQL update that drops ``drop`` and inserts ``graphs`` (IRI -> N-Triples)."""
    parts = [f"DROP SILENT GRAPH {iri_nt(graph)} ;" for graph in drop]
    blocks = [f"GRAPH {iri_nt(g)} {{\n{body}}}" for g, body in graphs.items() if body]
    if blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return "\n".join(parts)


def _utf8(text: str) -> bytes:
    """UTF-8 bytes; lone surrogates (from JSON ``\\ud800`` escapes) become ``?``."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


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


@overload
def from_ox(term: None) -> None: ...
@overload
def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node: ...
@overload
def from_ox(term: object) -> Node | None: ...
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
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"unexpected term {term!r}")


def _open_read_only(path: Path, attempts: int = 20) -> ox.Store:
    """Open the store at ``path`` read-only, while a writer may be using it.

    Opening reads the store's list of files, then the files. A writer that merges or flushes
    files in between deletes one the list named ("No such file or directory"); read again,
    the list names the files that replaced it, so the open is retried.
    """
    for _ in range(attempts - 1):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file or directory" not in str(exc):
                raise
        time.sleep(0.05)
    return ox.Store.read_only(str(path))


class OxigraphStore:
    """Embedded on-disk store (pyoxigraph/RocksDB) implementing :class:`GraphStore`."""

    bulk_load = True  # Oxigraph's bulk loader (write_graphs(bulk=True))
    compaction = True  # RocksDB compaction (compact())

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                # RocksDB's read-only mode takes no lock: readers work during an ingest
                # and see the store as it was when they opened it.
                if not store_exists(self.path):
                    raise StoreError(f"no store at {self.path}: ingest something into it first")
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:  # pyoxigraph reports RocksDB errors as both
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {self.path} is locked: another sinergi process (or an open "
                    "store in this one, or `sinergi serve`) is using it; wait for it to "
                    "finish, use another `store`, or write through the server's "
                    "`update_endpoint`"
                ) from exc
            raise StoreError(f"cannot open store {self.path}: {message}") from exc

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.write_graphs({str(graph): triples_nt(triples)}, drop=[str(graph)])

    def write_graphs(
        self, graphs: Mapping[str, str], *, drop: Collection[str] = (), bulk: bool = False
    ) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        try:
            if not bulk:
                self._store.update(_utf8(replace_update(graphs, drop)).decode("utf-8"))
                return
            for graph in drop:
                self._store.remove_graph(ox.NamedNode(graph))
            data = "".join(to_nquads(g, body) for g, body in graphs.items() if body)
            if data:  # lenient: skip re-validating IRIs that ntriples.iri_nt checked
                self._store.bulk_load(input=_utf8(data), format=ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc

    def compact(self) -> None:
        """Merge the store's files (RocksDB compaction).

        Each bulk-loaded batch lands as files of its own, and until they are merged every
        lookup searches all of them: measured on the 20,593-article corpus, compaction
        takes 4 s and makes lookup-heavy queries 2-5 times faster; on a 5 M-triple store,
        one triple lookup 72 -> 19 microseconds. Readers that are open meanwhile keep
        working on the files they opened.
        """
        if self.read_only or self.path is None:
            return
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"cannot compact store {self.path}: {exc}") from exc

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {exc}") from exc

    def has_graph(self, graph: URIRef) -> bool:
        name = ox.NamedNode(str(graph))
        return self._store.contains_named_graph(name) and any(
            True for _ in self._store.quads_for_pattern(None, None, None, name)
        )

    def article_hashes(self) -> dict[str, str]:
        # Plain strings straight from pyoxigraph: every re-ingest starts here, and turning
        # 2 x 20,000 literals into rdflib terms first cost more than the query itself.
        solutions = self._store.query(ARTICLE_HASHES_QUERY, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        return {row["id"].value: row["hash"].value for row in solutions}

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

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        for quad in self._store.quads_for_pattern(None, None, None):
            graph = quad.graph_name
            yield (
                from_ox(quad.subject),
                from_ox(quad.predicate),
                from_ox(quad.object),
                URIRef(graph.value) if isinstance(graph, ox.NamedNode) else None,
            )

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store; pyoxigraph frees its lock when the handle is dropped."""
        store = getattr(self, "_store", None)
        if store is None:
            return
        if self.path is not None and not self.read_only:
            store.flush()
        self._store = None  # type: ignore[assignment]
        del store

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _endpoint_url(url: str, default_path: str) -> str:
    """``url`` as given, or with ``default_path`` when it names only a server."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url!r} is not an http(s) SPARQL endpoint URL")
    if parts.path in ("", "/"):
        return urlunsplit((parts.scheme, parts.netloc, default_path, parts.query, ""))
    return url


def _json_term(value: dict[str, Any] | None) -> Node | None:
    """An rdflib term from one SPARQL 1.1 JSON results binding."""
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
            return Literal(text)
        return Literal(text, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in SPARQL results: {value!r}")


class RemoteStore:
    """A SPARQL 1.1 protocol endpoint implementing :class:`GraphStore`.

    ``endpoint`` answers queries, ``update_endpoint`` (optional) takes updates; a URL
    with no path gets ``/query`` or ``/update`` (Oxigraph's layout), so
    ``RemoteStore("http://127.0.0.1:7878", "http://127.0.0.1:7878")`` works. Without an
    update endpoint the store is read-only. ``timeout`` bounds each request in seconds.
    """

    bulk_load = False  # every write is one SPARQL update, applied as one transaction
    compaction = False  # the server manages its own storage

    def __init__(
        self,
        endpoint: str | None = None,
        update_endpoint: str | None = None,
        *,
        timeout: float = 600.0,
    ) -> None:
        import httpx

        if endpoint is None and update_endpoint is None:
            raise StoreError("a remote store needs `endpoint` (and `update_endpoint` to write)")
        if endpoint is None:
            assert update_endpoint is not None
            update_url = _endpoint_url(update_endpoint, "/update")
            if not update_url.rstrip("/").endswith("/update"):
                raise StoreError("give `endpoint` (the query URL) with `update_endpoint`")
            endpoint = update_url.rstrip("/")[: -len("update")] + "query"
        self.endpoint = _endpoint_url(endpoint, "/query")
        self.update_endpoint = (
            _endpoint_url(update_endpoint, "/update") if update_endpoint is not None else None
        )
        self.read_only = self.update_endpoint is None
        self._httpx = httpx
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, {self.update_endpoint!r})"

    def _post(self, url: str, **kwargs: Any) -> Any:
        try:
            response = self._client.post(url, **kwargs)
        except self._httpx.HTTPError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {exc}") from exc
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300]
            error = QueryError if response.status_code == 400 else StoreError
            raise error(f"{url} answered HTTP {response.status_code}: {detail}")
        return response

    def _select(self, sparql: str) -> dict[str, Any]:
        response = self._post(
            self.endpoint,
            data={"query": sparql},
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            return response.json()
        except ValueError as exc:
            raise StoreError(f"{self.endpoint} did not answer SPARQL JSON results") from exc

    def update(self, sparql: str) -> None:
        if self.update_endpoint is None:
            raise StoreError(f"{self.endpoint} is read-only here: give `update_endpoint` to write")
        self._post(
            self.update_endpoint,
            content=_utf8(sparql),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.write_graphs({str(graph): triples_nt(triples)}, drop=[str(graph)])

    def write_graphs(
        self, graphs: Mapping[str, str], *, drop: Collection[str] = (), bulk: bool = False
    ) -> None:
        # One update request: the server applies it as one transaction (Oxigraph does).
        self.update(replace_update(graphs, drop))

    def has_graph(self, graph: URIRef) -> bool:
        return self.ask(f"ASK {{ GRAPH {iri_nt(str(graph))} {{ ?s ?p ?o }} }}")

    def compact(self) -> None:
        """Nothing to do: the server manages its storage (``compaction`` is false)."""

    def article_hashes(self) -> dict[str, str]:
        return _hashes(self.query(ARTICLE_HASHES_QUERY))

    def query(self, sparql: str) -> QueryResult:
        document = self._select(sparql)
        if "boolean" in document:
            raise QueryError("only SELECT queries return rows; use ask() for ASK")
        variables = list(document.get("head", {}).get("vars", []))
        rows = [
            {name: _json_term(binding.get(name)) for name in variables}
            for binding in document.get("results", {}).get("bindings", [])
        ]
        return QueryResult(variables, rows)

    def ask(self, sparql: str) -> bool:
        document = self._select(sparql)
        if "boolean" not in document:
            raise QueryError("ask() needs an ASK query")
        return bool(document["boolean"])

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in result.rows:
            s, p, o, g = row["s"], row["p"], row["o"], row["g"]
            assert s is not None and p is not None and o is not None  # bound by the pattern
            yield s, p, o, g if isinstance(g, URIRef) else None

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        if not rows:
            return 0
        count = rows[0]["n"]
        assert isinstance(count, Literal)  # COUNT(*) is always bound
        return int(count)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ensure_reference(store: GraphStore) -> None:
    """Write the reference graph into a store that lacks it (imported only then: the
    RDF mapping pulls in the extractors, which a re-ingest of unchanged news never needs)."""
    if not store.has_graph(REFERENCE_GRAPH):
        from sinergi.loaders.rdf import reference_triples

        store.replace_graph(REFERENCE_GRAPH, reference_triples())


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    """Open (creating if needed) the embedded store at ``path`` or the default location.

    A new store gets the reference graph (regions, governments, themes) at once, so
    queries can name regions even before any article is ingested.
    """
    store = OxigraphStore(path if path is not None else default_store_path(), read_only=read_only)
    if not read_only:
        _ensure_reference(store)
    return store


def connect(
    store: str | Path | None = None,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    read_only: bool = False,
    timeout: float = 600.0,
) -> GraphStore:
    """The embedded store at ``store``, or the SPARQL endpoint(s) given instead.

    With ``endpoint``/``update_endpoint`` a :class:`RemoteStore` is returned (and, when it
    can write and ``read_only`` is false, given the reference graph if it lacks one);
    otherwise :func:`open_store` on ``store`` or the default folder.
    """
    if endpoint is None and update_endpoint is None:
        return open_store(store, read_only=read_only)
    if store is not None:
        raise StoreError("give either `store` or `endpoint`/`update_endpoint`, not both")
    remote = RemoteStore(endpoint, update_endpoint, timeout=timeout)
    if not read_only and not remote.read_only:
        try:
            _ensure_reference(remote)
        except BaseException:
            remote.close()
            raise
    return remote
