"""Ingest: stream articles in, extract them in worker processes, write them in batches.

Pipeline (one pass, bounded memory whatever the corpus size)::

    read (main) -> content hash known? skip : extract + N-Triples (workers) -> batch -> store

* **Streaming.** Documents are read one at a time; at most ``4 x workers`` chunks of 32
  articles are in flight, and one write batch is built while the previous one is written
  by a background thread, so memory does not grow with the corpus.
* **Idempotent.** The stored content hashes are fetched in one query before reading; an
  article whose hash is stored is skipped before extraction, so re-ingesting an unchanged
  corpus costs little more than reading it. A changed article's named graphs are dropped
  and written anew.
* **Parallel.** ``workers`` processes (default: the CPU count) run the extractor and turn
  its triples into N-Triples text (:mod:`sinergi.graph.store.ntriples`), which is cheap to send
  back and which Oxigraph parses in Rust. ``workers=1``, and inputs of a few hundred
  articles, run in-process.
* **Two write paths.** On a store whose ``bulk_load`` flag is set (the embedded store;
  see :mod:`sinergi.graph.store`) the default is the *fast rebuild*:
  Oxigraph's bulk loader, which is not transactional. It stays crash-safe for ingest
  because each article's ``sg:contentHash`` triple, the marker that makes a later ingest
  skip it, is written in a separate transaction only after its batch has landed: a batch
  cut short leaves graphs without markers, which the next ingest finds and rewrites.
  ``bulk=False`` (``sinergi ingest --atomic``) writes every batch as one SPARQL update
  instead: readers never see half a batch, but the writes are several times slower. A
  remote store always gets SPARQL updates (one transaction per request on Oxigraph).
* **Text kept for re-extraction.** Each article's text and input record live in a second
  named graph, ``<https://w3id.org/sinergi/graph/source/{doc}>``::

      <article> schema:articleBody "…the text…" ;
                prov:value "{\"doc\": …, \"title\": …, \"url\": …, \"published\": …,
                             \"outlet\": …}"^^rdf:JSON .

  ``reextract=True`` (``sinergi ingest --reextract``) reads them back and re-runs the
  extractor on every stored article, e.g. after the rules improved, without the original
  files. Articles stored before text was kept cannot be re-extracted (they are counted).
* **Where extraction runs.** One small interface, :class:`Extraction`, with two
  implementations: :class:`LocalPool` (the processes above, documents read here) and
  :class:`sinergi.graph.store.cluster.DaskExtraction` (``client=``: a Dask cluster whose
  workers read the input partitions where they lie and extract them). Both hand back the
  articles in input order, so everything after them (skipping, batches, markers, resume,
  resolution) is this module's one writer, whichever ran the extractor.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote

from tqdm import tqdm

from sinergi.graph.store import GraphStore
from sinergi.graph.store.ntriples import escape_literal, iri_nt, triples_nt
from sinergi.loaders.provenance import IngestRun, new_run, run_graph, run_triples
from sinergi.loaders.read.documents import Document, ReadOptions, Rejected, iter_documents
from sinergi.namespace import GRAPH, PROV, SCHEMA, SG, article_graph, article_iri

if TYPE_CHECKING:
    from sinergi.graph.store.resolve import ResolutionReport
    from sinergi.loaders.rdf import Triple

__all__ = [
    "SOURCE_GRAPH_PREFIX",
    "Extraction",
    "IngestReport",
    "LocalPool",
    "Selection",
    "default_workers",
    "ingest",
    "source_graph",
    "stored_documents",
]

SOURCE_GRAPH_PREFIX = str(GRAPH["source/"])
"""Named graphs under this prefix hold article texts and input records."""

RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
CHUNK = 32  # articles per task sent to a worker
SMALL_INPUT = 400  # fewer articles are extracted in-process (starting workers costs ~1 s)
BULK_BATCH = (4000, 48_000_000)  # (articles, characters) per bulk-loaded batch
ATOMIC_BATCH = (500, 8_000_000)  # per SPARQL update
# Terms read for every article, looked up once (rdflib builds a new term on each access).
_CONTENT_HASH = SG.contentHash
_ARTICLE_BODY = iri_nt(str(SCHEMA.articleBody))
_RECORD = iri_nt(str(PROV.value))
_RDF_JSON = iri_nt(RDF_JSON)


def source_graph(doc_id: str) -> str:
    """IRI of the named graph holding the text and input record of article ``doc_id``."""
    return SOURCE_GRAPH_PREFIX + quote(doc_id, safe="")


def default_workers() -> int:
    """Extraction processes by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


COMPACT_AFTER_TRIPLES = 200_000
"""A bulk ingest writing this many triples (about 3,000 articles) compacts the store after."""


@dataclass(slots=True)
class IngestReport:
    """What one ingest did."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    reextracted: int = 0
    without_text: int = 0  # stored articles --reextract could not re-read
    rejected: list[Rejected] = field(default_factory=list)
    triples_written: int = 0
    store_quads: int = 0
    seconds: float = 0.0
    workers: int = 1
    bulk: bool = False
    resolution: ResolutionReport | None = None
    compact_seconds: float | None = None  # None: the store was not compacted

    @property
    def articles_per_second(self) -> float:
        done = self.read + self.reextracted
        return done / self.seconds if self.seconds else 0.0

    @property
    def triples_per_second(self) -> float:
        return self.triples_written / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class _Extracted:
    """One article's graphs as N-Triples text, ready for the store."""

    doc_id: str
    where: str
    kind: str  # "added", "replaced" or "reextracted"
    graphs: dict[str, str]
    marker: str = ""  # the sg:contentHash triple, written after the batch
    triples: int = 0
    error: str | None = None
    digest: str = ""  # the document's content hash


# ----------------------------------------------------------------------------- workers


def _valid_text(text: str) -> str:
    """``text`` unchanged, or with lone surrogates (unstorable) replaced by ``?``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _source_nt(document: Document) -> str:
    """The article's text and input record, for re-extraction (see the module docstring)."""
    subject = iri_nt(str(article_iri(document.doc_id)))
    record = {
        key: value
        for key, value in (
            ("doc", document.doc_id),
            ("title", document.title),
            ("url", document.url),
            ("published", document.published),
            ("outlet", document.outlet),
            ("retrieved", document.retrieved),
        )
        if value is not None
    }
    record_json = escape_literal(json.dumps(record, ensure_ascii=False))
    return (
        f'{subject} {_ARTICLE_BODY} "{escape_literal(document.text)}" .\n'
        f'{subject} {_RECORD} "{record_json}"^^{_RDF_JSON} .\n'
    )


def _extract_one(document: Document, kind: str, run: IngestRun | None = None) -> _Extracted:
    from sinergi.loaders.extract.pipeline import extract
    from sinergi.loaders.rdf import extraction_triples

    where = document.source or document.doc_id
    digest = document.content_hash
    try:
        triples = extraction_triples(extract(document), run)
    except Exception as exc:  # a rule bug must not stop a corpus: report and go on
        failed = f"extraction failed: {exc!r}"
        return _Extracted(document.doc_id, where, kind, {}, error=failed, digest=digest)
    body: list[Triple] = []
    marker: list[Triple] = []  # the sg:contentHash triple, written after its batch
    for triple in triples:
        (marker if triple[1] == _CONTENT_HASH else body).append(triple)
    graphs = {str(article_graph(document.doc_id)): _valid_text(triples_nt(body))}
    if kind != "reextracted":  # re-extraction leaves the stored text as it is
        graphs[source_graph(document.doc_id)] = _valid_text(_source_nt(document))
    written = len(triples) + (2 if len(graphs) == 2 else 0)
    marker_nt = _valid_text(triples_nt(marker))
    return _Extracted(document.doc_id, where, kind, graphs, marker_nt, written, digest=digest)


def _extract_chunk(chunk: list[tuple[Document, str]], run: IngestRun) -> list[_Extracted]:
    return [_extract_one(document, kind, run) for document, kind in chunk]


def _warm_worker() -> None:
    """Load the lexicons and automata once per worker, before the first real article."""
    _extract_one(Document("warm-up", "Pemkot Bengkulu menerima kunjungan Pemkab Serang."), "")


def _chunks(items: Iterator[tuple[Document, str]], size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


_Task = TypeVar("_Task")
_Result = TypeVar("_Result")


class _Pending(Protocol[_Result]):
    """A submitted task: a :class:`concurrent.futures.Future` or a Dask future."""

    def result(self) -> list[_Result]: ...

    def cancel(self) -> Any: ...


def in_order(
    submit: Callable[[_Task], _Pending[_Result]], tasks: Iterable[_Task], window: int
) -> Iterator[_Result]:
    """The results of ``tasks`` in task order, with at most ``window`` tasks in flight.

    In order, not as completed: the articles then reach the writer in input order, so
    the first of two records with one id wins and rejections are listed where a plain
    read meets them, whoever extracted them. A window of a few tasks per worker keeps
    every worker busy while the oldest task finishes, and bounds the memory held by
    finished results.
    """
    pending: deque[_Pending[_Result]] = deque()
    try:
        for task in tasks:
            pending.append(submit(task))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


@dataclass(slots=True)
class Selection:
    """Which articles an ingest extracts: those whose content hash is not stored yet.

    Shared by every :class:`Extraction`: it counts what was read and skipped, and
    decides whether an article is added or replaces a stored one.
    """

    known: dict[str, str]  # doc id -> stored content hash ("" for a cut batch's article)
    report: IngestReport
    reject: Callable[[Rejected], None]
    skipped: Callable[[], object] = lambda: None  # e.g. a progress bar's tick
    written: set[str] = field(default_factory=set)

    def kind(self, doc_id: str, digest: str) -> str | None:
        """Whether to extract an article: its kind ("added", "replaced"), or None to skip it."""
        self.report.read += 1
        previous = self.known.get(doc_id)
        if previous == digest:
            self.report.unchanged += 1
            self.skipped()
            return None
        self.known[doc_id] = digest
        self.written.add(doc_id)
        return "added" if previous is None else "replaced"

    def select(self, documents: Iterable[Document]) -> Iterator[tuple[Document, str]]:
        """The ``documents`` to extract, each with its kind."""
        for document in documents:
            kind = self.kind(document.doc_id, document.content_hash)
            if kind is not None:
                yield document, kind


class Extraction(Protocol):
    """Where an ingest's extraction runs; the writing is the same for all of them."""

    workers: int

    def extract(
        self,
        paths: Iterable[str | Path],
        selection: Selection,
        options: ReadOptions | None,
        run: IngestRun,
        then: Iterator[tuple[Document, str]],
    ) -> Iterator[_Extracted]:
        """Read the articles under ``paths``, extract those ``selection`` keeps, then the
        documents ``then`` (read in this process, e.g. from the store); in input order."""
        ...

    def close(self) -> None:
        """Release what :meth:`extract` started."""
        ...


class LocalPool:
    """Extraction in ``workers`` processes of this machine, documents read here."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def extract(
        self,
        paths: Iterable[str | Path],
        selection: Selection,
        options: ReadOptions | None,
        run: IngestRun,
        then: Iterator[tuple[Document, str]],
    ) -> Iterator[_Extracted]:
        documents = iter_documents(paths, on_error=selection.reject, options=options)
        yield from _extracted(chain(selection.select(documents), then), self.workers, run)

    def close(self) -> None:
        """Nothing to release: :func:`_extracted` shuts its pool down when done."""


def _extracted(
    items: Iterator[tuple[Document, str]], workers: int, run: IngestRun
) -> Iterator[_Extracted]:
    """Extract ``items`` in input order, in ``workers`` processes when worth it."""
    head = list(islice(items, SMALL_INPUT)) if workers > 1 else []
    if workers <= 1 or len(head) < SMALL_INPUT:
        for document, kind in chain(head, items):
            yield _extract_one(document, kind, run)
        return
    # "spawn", not "fork": this process holds an open RocksDB store and threads. Spawned
    # workers are also our own children, so getrusage(RUSAGE_CHILDREN) accounts for them.
    # As always with spawn, a script calling ingest() needs `if __name__ == "__main__":`.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker)
    try:
        chunks = _chunks(chain(head, items), CHUNK)

        def submit(chunk: list[tuple[Document, str]]) -> Future[list[_Extracted]]:
            return pool.submit(_extract_chunk, chunk, run)

        # 4 chunks per worker in flight: keeps the order and bounds memory
        yield from in_order(submit, chunks, 4 * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------------------ writing


class _BatchWriter:
    """Collects articles into batches; a background thread writes one batch at a time."""

    def __init__(self, store: GraphStore, bulk: bool) -> None:
        self.store = store
        self.bulk = bulk
        self.limits = BULK_BATCH if bulk else ATOMIC_BATCH
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="sinergi-writer")
        self.pending: Future[None] | None = None
        self._reset()

    def _reset(self) -> None:
        self.graphs: dict[str, str] = {}
        self.drop: list[str] = []
        self.markers: dict[str, str] = {}
        self.articles = 0
        self.chars = 0

    def add(self, item: _Extracted) -> None:
        if item.kind != "added":
            self.drop.extend(item.graphs)
        self.graphs.update(item.graphs)
        self.markers[str(article_graph(item.doc_id))] = item.marker
        self.articles += 1
        self.chars += sum(map(len, item.graphs.values()))
        if self.articles >= self.limits[0] or self.chars >= self.limits[1]:
            self.flush()

    def flush(self) -> None:
        if not self.articles:
            return
        batch = (self.graphs, self.drop, self.markers)
        self._reset()
        self.wait()
        self.pending = self.thread.submit(self._write, *batch)

    def _write(self, graphs: dict[str, str], drop: list[str], markers: dict[str, str]) -> None:
        if self.bulk:
            self.store.write_graphs(graphs, drop=drop, bulk=True)
            self.store.write_graphs(markers)  # one transaction, after the batch landed
        else:
            for graph, marker in markers.items():
                graphs[graph] = graphs.get(graph, "") + marker
            self.store.write_graphs(graphs, drop=drop)

    def wait(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.flush()
            self.wait()
        finally:
            self.thread.shutdown(wait=True)


# ---------------------------------------------------------------------- stored articles


def _unfinished(store: GraphStore) -> set[str]:
    """Articles whose graph was written but not its content-hash marker (a cut batch)."""
    result = store.query(
        f"SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?a <{SG.docId}> ?id "
        f"FILTER NOT EXISTS {{ ?a <{SG.contentHash}> ?hash }} }} }}"
    )
    return {str(row["id"]) for row in result.rows}


def stored_documents(
    store: GraphStore, *, skip: Collection[str] = (), page: int = 500
) -> Iterator[Document]:
    """The articles whose text the store keeps, rebuilt as documents, in id order."""
    listing = store.query(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ ?a <{PROV.value}> ?record }} "
        f'FILTER(STRSTARTS(STR(?g), "{SOURCE_GRAPH_PREFIX}")) }} ORDER BY ?g'
    )
    graphs = [str(row["g"]) for row in listing.rows]
    for start in range(0, len(graphs), page):
        chunk = graphs[start : start + page]
        values = " ".join(iri_nt(graph) for graph in chunk)
        rows = store.query(
            f"SELECT ?g ?record ?text WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
            f"?a <{PROV.value}> ?record ; <{SCHEMA.articleBody}> ?text }} }}"
        ).rows
        found = {str(row["g"]): row for row in rows}
        for graph in chunk:
            row = found.get(graph)
            if row is None:
                continue
            record = json.loads(str(row["record"]))
            if record["doc"] in skip:
                continue
            yield Document(
                doc_id=record["doc"],
                text=str(row["text"]),
                title=record.get("title"),
                url=record.get("url"),
                published=record.get("published"),
                retrieved=record.get("retrieved"),
                outlet=record.get("outlet"),
                source=f"store:{record['doc']}",
            )


# ------------------------------------------------------------------------------- ingest


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    on_error: Callable[[Rejected], None] | None = None,
    progress: bool = False,
    workers: int | None = None,
    bulk: bool | None = None,
    reextract: bool = False,
    resolve: bool = True,
    compact: bool | None = None,
    options: ReadOptions | None = None,
    client: Any = None,
) -> IngestReport:
    """Extract the articles under ``paths`` and add them to ``store``.

    Unchanged articles (same content hash) are skipped before extraction; changed ones
    replace their named graphs. Bad records are passed to ``on_error`` (and listed in the
    report) while the good ones land. ``workers``: extraction processes (default: the
    CPU count). ``bulk``: use the store's fast non-transactional loader (default: where
    the store's ``bulk_load`` flag says it has one). ``reextract``: also re-run the
    extractor over every stored article whose text the store keeps. ``resolve``: when
    anything changed, rebuild the entity-resolution graph afterwards
    (:mod:`sinergi.graph.store.resolve`). ``compact``: merge the store's files afterwards where
    its ``compaction`` flag is set, which makes later queries several times faster
    (default: after a bulk ingest of at least ``COMPACT_AFTER_TRIPLES``).
    ``options``: CSV column names (:class:`~sinergi.loaders.read.documents.ReadOptions`).
    ``client``: extract on a Dask cluster instead of local processes: a
    ``dask.distributed.Client``, or a scheduler address such as ``tcp://host:8786``
    (:mod:`sinergi.graph.store.cluster`; needs ``pip install 'sinergi[cluster]'``);
    ``workers`` is then ignored.
    """
    from sinergi.graph.store.resolve import (
        invalidate_resolution,
        resolution_invalidated,
        resolve_store,
    )

    started = time.perf_counter()
    run = new_run()
    extraction: Extraction
    if client is None:
        extraction = LocalPool(default_workers() if workers is None else max(1, workers))
    else:
        from sinergi.graph.store.cluster import DaskExtraction

        extraction = DaskExtraction(client)
    bulk = store.bulk_load if bulk is None else bulk
    report = IngestReport(workers=extraction.workers, bulk=bulk)
    known = store.article_hashes()
    for doc_id in _unfinished(store):
        known.setdefault(doc_id, "")  # rewritten, never skipped
    # articles changed by an ingest that stopped before resolving them: resolve this time
    unresolved = resolve and resolution_invalidated(store)
    marked = unresolved

    def reject(rejected: Rejected) -> None:
        report.rejected.append(rejected)
        if on_error is not None:
            on_error(rejected)

    bar = tqdm(unit=" articles", desc="ingest", disable=not progress, leave=False, mininterval=0.5)
    selection = Selection(known, report, reject, lambda: bar.update(1))

    def stored() -> Iterator[tuple[Document, str]]:
        """With ``reextract``, every stored article not just written, once paths are read."""
        if reextract:
            kept = 0
            for document in stored_documents(store, skip=selection.written):
                kept += 1
                yield document, "reextracted"
            report.without_text = max(0, len(known) - len(selection.written) - kept)

    writer = _BatchWriter(store, bulk)
    announced = False
    try:
        for item in extraction.extract(paths, selection, options, run, stored()):
            bar.update(1)
            if item.error is not None:
                reject(Rejected(item.where, item.error))
                continue
            if resolve and not marked:  # before the first write, so a crash leaves the mark
                invalidate_resolution(store)
                marked = True
            if not announced:  # the run exists before any article names it, even if killed
                store.write_graphs({str(run_graph(run)): triples_nt(run_triples(run))})
                announced = True
            writer.add(item)
            report.triples_written += item.triples
            setattr(report, item.kind, getattr(report, item.kind) + 1)
    finally:
        bar.close()
        try:
            writer.close()
        finally:
            extraction.close()
    extracted = report.added + report.replaced + report.reextracted
    if announced:  # the run's end, and how much it extracted
        ended = triples_nt(run_triples(run, extracted, ended=True))
        store.write_graphs({str(run_graph(run)): ended}, drop=[str(run_graph(run))])
    if resolve and (report.added or report.replaced or report.reextracted or unresolved):
        report.resolution = resolve_store(store)
    if compact is None:
        compact = bulk and report.triples_written >= COMPACT_AFTER_TRIPLES
    if compact and store.compaction:
        compacting = time.perf_counter()
        store.compact()
        report.compact_seconds = time.perf_counter() - compacting
    report.store_quads = len(store)
    report.seconds = time.perf_counter() - started
    return report
