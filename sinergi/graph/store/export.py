"""Export the whole graph as Turtle, N-Quads or JSON-LD.

* ``nquads``: every quad, named graphs kept (one graph per article plus the reference
  graph). Lossless: loading it into any quad store rebuilds the store.
* ``turtle``: the union of all named graphs as one graph (a triple stated by several
  articles is written once); which article said what is lost, the provenance triples
  (``prov:wasDerivedFrom``, ``sg:evidence``) are kept.
* ``jsonld``: every quad, named graphs kept as JSON-LD named graphs, compacted with
  sinergi's prefixes as ``@context``.

N-Quads and Turtle are written by Oxigraph's own serialisers straight from the embedded
store (streaming, fast); JSON-LD goes through rdflib, which holds the whole dataset in
memory. Any other :class:`~sinergi.graph.store.GraphStore` is exported through
``store.quads()`` and rdflib.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from sinergi.errors import SinergiError
from sinergi.graph.store import GraphStore
from sinergi.namespace import PREFIXES

__all__ = ["EXPORT_FORMATS", "ExportReport", "export_graph"]

EXPORT_FORMATS: dict[str, str] = {
    "turtle": "the union of all named graphs as one Turtle graph",
    "nquads": "every quad, named graphs kept (lossless)",
    "jsonld": "every quad, named graphs kept, compacted JSON-LD",
}
"""The formats :func:`export_graph` writes, with what each keeps."""

_TURTLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "sgid"}
"""No ``sgid:``: its local names hold slashes, which Turtle would escape as ``\\/``."""

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What :func:`export_graph` wrote: ``statements`` triples (turtle) or quads."""

    format: str
    statements: int
    unit: str
    target: str


def _oxigraph(store: GraphStore) -> ox.Store | None:
    """The pyoxigraph store behind an embedded store, for the fast serialisers."""
    inner = getattr(store, "_store", None)
    return inner if isinstance(inner, ox.Store) else None


@contextmanager
def _binary(out: str | Path | BinaryIO | None) -> Iterator[BinaryIO]:
    if out is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    elif isinstance(out, str | Path):
        try:
            with open(out, "wb") as handle:
                yield handle
        except OSError as exc:
            raise SinergiError(f"cannot write {out}: {exc.strerror or exc}") from exc
    else:
        yield out


_T = TypeVar("_T")


class _Counter(Generic[_T]):
    """Counts the items of an iterable as a serialiser consumes it."""

    def __init__(self, items: Iterable[_T]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[_T]:
        for item in self.items:
            self.count += 1
            yield item


def _dataset(store: GraphStore) -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    graphs: dict[URIRef | None, Graph] = {}
    for s, p, o, name in store.quads():
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = (
                dataset.graph(name) if name is not None else dataset.default_graph
            )
        graph.add((s, p, o))
    return dataset


def _union(store: GraphStore) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _name in store.quads():
        graph.add((s, p, o))
    return graph


def export_graph(
    store: GraphStore, fmt: str, out: str | Path | BinaryIO | None = None
) -> ExportReport:
    """Write the whole graph of ``store`` in format ``fmt`` to ``out``.

    ``out`` is a file path, a binary stream, or None for standard output. Returns how many
    triples (turtle) or quads (nquads, jsonld) were written.
    """
    if fmt not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise SinergiError(f"unknown export format {fmt!r}; choose from {known}")
    target = str(out) if isinstance(out, str | Path) else "<stdout>" if out is None else "<stream>"
    inner = _oxigraph(store)
    with _binary(out) as handle:
        if fmt == "nquads":
            if inner is not None:
                inner.dump(handle, ox.RdfFormat.N_QUADS)
                count = len(inner)
            else:
                dataset = _dataset(store)
                handle.write(dataset.serialize(format="nquads", encoding="utf-8"))
                count = sum(1 for _ in dataset.quads())
            return ExportReport(fmt, count, "quads", target)
        if fmt == "turtle":
            if inner is not None:
                # The union default graph is a set: a triple from several articles comes once.
                result = inner.query(_UNION, use_default_graph_as_union=True)
                assert isinstance(result, ox.QueryTriples)  # a CONSTRUCT query
                triples = _Counter(result)
                ox.serialize(triples, handle, ox.RdfFormat.TURTLE, prefixes=_TURTLE_PREFIXES)
                count = triples.count
            else:
                graph = _union(store)
                handle.write(graph.serialize(format="turtle", encoding="utf-8"))
                count = len(graph)
            return ExportReport(fmt, count, "triples", target)
        dataset = _dataset(store)
        with warnings.catch_warnings():  # rdflib's JSON-LD writer calls its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            data = dataset.serialize(format="json-ld", context=dict(PREFIXES), encoding="utf-8")
        handle.write(data)
        return ExportReport(fmt, sum(1 for _ in dataset.quads()), "quads", target)
