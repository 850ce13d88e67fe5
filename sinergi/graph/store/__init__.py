"""The store stage: where extracted RDF lives, and everything that reads or writes it whole.

==========================  ==============================================================
:mod:`.interface`           the :class:`GraphStore` interface and its capability flags
:mod:`.embedded`            Oxigraph on disk (the default)
:mod:`.remote`              any SPARQL 1.1 endpoint
:mod:`.ntriples`            fast N-Triples/N-Quads text for the write paths
:mod:`.ingest`              articles -> extraction -> RDF -> store, incremental, crash-safe
:mod:`.resolve`             entity resolution (officials, events) in its own graph
:mod:`.validate`            SHACL checks of the stored data
:mod:`.export`              the graph as an RDF file
:mod:`.server`, :mod:`.guard`   ``sinergi serve``: Oxigraph's server behind a timeout guard
:mod:`.admission`           how many queries the guard lets through at once, and the queue
:mod:`.isolation`           library queries run in a child process that can be stopped
==========================  ==============================================================

This module opens stores: :func:`connect` (embedded or remote) and :func:`open_store`.
"""

from __future__ import annotations

from pathlib import Path

from sinergi.errors import StoreError
from sinergi.graph.store.embedded import OxigraphStore, from_ox, to_ox
from sinergi.graph.store.interface import (
    DEFAULT_STORE_DIR,
    GraphStore,
    QueryResult,
    Triple,
    default_store_path,
    replace_update,
    store_exists,
)
from sinergi.graph.store.remote import RemoteStore
from sinergi.namespace import REFERENCE_GRAPH

__all__ = [
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "Triple",
    "connect",
    "default_store_path",
    "from_ox",
    "open_store",
    "replace_update",
    "store_exists",
    "to_ox",
]


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
