"""A remote store: any SPARQL 1.1 protocol endpoint, implementing :class:`GraphStore`.

``sinergi serve`` runs Oxigraph's own server over a store folder; Fuseki, GraphDB and
Virtuoso work too. Queries are POSTed as ``query=`` forms and read as
``application/sparql-results+json``; writes are SPARQL updates POSTed to the update
endpoint. The server must evaluate queries over the union of its named graphs
(``oxigraph serve --union-default-graph``, as ``sinergi serve`` does). It has neither
capability flag: every write is one atomic update, and the server manages its storage.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from sinergi.errors import QueryError, StoreError
from sinergi.graph.store.interface import (
    ARTICLE_HASHES_QUERY,
    RDF_LANG_STRING,
    XSD_STRING,
    QueryResult,
    Triple,
    encode_utf8,
    replace_update,
)
from sinergi.graph.store.ntriples import iri_nt, triples_nt

__all__ = ["RemoteStore"]


def _hashes(result: QueryResult) -> dict[str, str]:
    return {str(row["id"]): str(row["hash"]) for row in result.rows}


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
        if datatype in (None, XSD_STRING, RDF_LANG_STRING):
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
            content=encode_utf8(sparql),
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
