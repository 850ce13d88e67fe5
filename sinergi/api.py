"""The documented Python API; the ``sinergi`` command line is a thin shell over it.

Typical use::

    from sinergi import api

    for extraction in api.extract_paths(["articles/"]):
        print(extraction.to_json())

    with api.open_store("my-store") as store:
        report = api.ingest(["articles/"], store)
        rows = api.run_query(store, "learning", {"source": "19.71"}).values()
        graph = api.learning_network(store)
        api.write_view(store, "learning", "learning.html")
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
from tqdm import tqdm

from sinergi.errors import SinergiError
from sinergi.graph.networks import collaboration_network, learning_network
from sinergi.graph.store import GraphStore, OxigraphStore, QueryResult, open_store
from sinergi.loaders.documents import Document, Rejected, iter_documents
from sinergi.loaders.extract import Extraction, extract
from sinergi.loaders.rdf import extraction_triples
from sinergi.namespace import article_graph
from sinergi.queries import bind_query, get_query
from sinergi.viz import write_network_html

__all__ = [
    "VIEWS",
    "DemoReport",
    "Document",
    "IngestReport",
    "OxigraphStore",
    "collaboration_network",
    "demo_corpus",
    "extract_paths",
    "ingest",
    "learning_network",
    "open_store",
    "run_demo",
    "run_query",
    "write_view",
]

VIEWS: dict[str, Callable[[GraphStore], nx.Graph]] = {
    "learning": learning_network,
    "collaboration": collaboration_network,
}
_VIEW_TITLES = {
    "learning": "Jejaring belajar antardaerah / Inter-regional learning network",
    "collaboration": "Jejaring kerja sama antardaerah / Inter-regional collaboration network",
}


def extract_paths(
    paths: Iterable[str | Path], on_error: Callable[[Rejected], None] | None = None
) -> Iterator[Extraction]:
    """Read and extract every article under ``paths`` (files or folders), streaming."""
    for document in iter_documents(paths, on_error=on_error):
        yield extract(document)


@dataclass(slots=True)
class IngestReport:
    """What one ingest did."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    triples_written: int = 0
    store_quads: int = 0
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    on_error: Callable[[Rejected], None] | None = None,
    progress: bool = False,
) -> IngestReport:
    """Extract the articles under ``paths`` and add them to ``store``.

    Each article replaces its own named graph, so re-ingesting is idempotent; an article
    whose content hash is already stored is skipped without extraction. Bad records are
    passed to ``on_error`` (and listed in the report) while the good ones land.
    """
    report = IngestReport()
    started = time.perf_counter()
    known = store.article_hashes()

    def reject(rejected: Rejected) -> None:
        report.rejected.append(rejected)
        if on_error is not None:
            on_error(rejected)

    bar = tqdm(unit=" articles", disable=not progress, desc="ingest", leave=False)
    with bar if progress else nullcontext():
        for document in iter_documents(paths, on_error=reject):
            report.read += 1
            bar.update(1)
            previous = known.get(document.doc_id)
            if previous == document.content_hash:
                report.unchanged += 1
                continue
            triples = extraction_triples(extract(document))
            store.replace_graph(article_graph(document.doc_id), triples)
            known[document.doc_id] = document.content_hash
            report.triples_written += len(triples)
            if previous is None:
                report.added += 1
            else:
                report.replaced += 1
    report.store_quads = len(store)
    report.seconds = time.perf_counter() - started
    return report


def run_query(store: GraphStore, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a library query (or a ``.rq`` file) with parameters bound as RDF terms."""
    return store.query(bind_query(get_query(name), params))


def write_view(store: GraphStore, view: str, out: str | Path) -> Path:
    """Write the ``learning`` or ``collaboration`` network as one offline HTML file."""
    if view not in VIEWS:
        raise SinergiError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")
    graph = VIEWS[view](store)
    return write_network_html(graph, out, title=_VIEW_TITLES[view])


def demo_corpus() -> Path:
    """Folder of the demo articles shipped inside the package."""
    folder = resources.files("sinergi") / "demo"
    return Path(str(folder))


@dataclass(slots=True)
class DemoReport:
    """Where the demo put everything, and what it found."""

    store: Path
    ingest: IngestReport
    views: dict[str, Path]
    learning_edges: int
    regions: int


def run_demo(out_dir: str | Path = "sinergi-demo", *, progress: bool = False) -> DemoReport:
    """Build a graph from the demo corpus and write the HTML views into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_path = out / "store"
    with open_store(store_path) as store:
        report = ingest([demo_corpus()], store, progress=progress)
        views = {view: write_view(store, view, out / f"{view}.html") for view in VIEWS}
        network = learning_network(store)
    return DemoReport(
        store_path, report, views, network.number_of_edges(), network.number_of_nodes()
    )
