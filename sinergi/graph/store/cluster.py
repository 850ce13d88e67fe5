"""Extraction on a Dask cluster: workers read the input where it lies and extract it.

``sinergi ingest PATHS --scheduler tcp://host:8786`` (or ``api.ingest(..., client=)``)
runs the extraction step of :mod:`sinergi.graph.store.ingest` on an existing Dask
distributed cluster; the rest of the ingest (batches, content-hash markers, resume,
entity resolution) stays in this process, which is the store's single writer::

    main:    list partitions -> submit, in order, a few per worker -> write, in order
    worker:  read partition (fsspec) -> hash stored? skip : extract -> N-Triples text

* **Partitions** (:mod:`sinergi.loaders.read.partitions`): input files, local paths on a
  file system every worker sees or fsspec URLs (``s3://…``); a JSON Lines file is cut
  into ranges of ``PARTITION_LINES`` lines, its lines counted by a worker first.
* **Skipping stays before extraction.** The stored content hashes are fetched once, as
  for a local ingest, and sent to every worker once (``scatter``) as a
  :class:`HashSet`: 12 bytes per article, 120 MB for 10 million, looked up by bisection.
  A worker returns only the id and hash of an article it skipped, so a re-ingest of an
  unchanged corpus moves no text.
* **Same graph, same report.** Results are taken in partition order, and ids seen in an
  earlier partition win over later ones exactly as a plain read would decide
  (:meth:`DaskExtraction._events`), so the graph, the counts and the rejected records
  (with their ``file:line``) equal a local ingest's.
* **Worker loss.** A task whose worker dies is rerun elsewhere by Dask (its scheduler's
  ``allowed-failures``); one that raises is retried ``RETRIES`` times. If the ingest
  stops anyway, nothing of a cut batch is trusted: a rerun skips the articles whose
  markers landed and redoes the rest (see :mod:`sinergi.graph.store.ingest`).

Dask is imported only here, and only when a cluster is asked for, so ``sinergi --help``
and local ingests do not pay for it.
"""

from __future__ import annotations

import logging
import socket
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from sinergi.errors import SinergiError
from sinergi.graph.store.ingest import (
    CHUNK,
    Selection,
    _chunks,
    _extract_chunk,
    _extract_one,
    _Extracted,
    in_order,
)
from sinergi.loaders.provenance import IngestRun
from sinergi.loaders.read.documents import Document, FirstIdWins, ReadOptions, Rejected
from sinergi.loaders.read.partitions import (
    Partition,
    count_lines,
    list_files,
    read_partition,
    split,
    splittable,
)

__all__ = ["PARTITION_LINES", "DaskExtraction", "HashSet", "connect", "extract_records"]

PARTITION_LINES = 1000
"""Lines of a JSON Lines file per task: a few seconds of work, a few MB of result."""
RETRIES = 2
"""Reruns of a task that raised (a worker that died is handled by the scheduler)."""
TASKS_PER_WORKER = 3
"""Tasks in flight per worker thread: enough to hide the wait for the oldest one."""
CONNECT_TIMEOUT = 10
"""Seconds to reach a scheduler before giving up with an error."""
INSTALL_HINT = "pip install 'sinergi[cluster]'"


class HashSet:
    """A compact, picklable set of content hashes: the first 12 bytes of each, sorted.

    A Python set of 10 million hex strings takes about 1.5 GB; this takes 120 MB and is
    sent to each worker once. Two different articles share a 96-bit prefix with odds of
    about 1 in 10^15 at that size.
    """

    WIDTH = 12

    def __init__(self, digests: Iterable[str]) -> None:
        keys = sorted(bytes.fromhex(digest)[: self.WIDTH] for digest in digests if digest)
        self._blob = b"".join(keys)
        self._size = len(keys)

    def __len__(self) -> int:
        return self._size

    def _key(self, index: int) -> bytes:
        return self._blob[index * self.WIDTH : (index + 1) * self.WIDTH]

    def __contains__(self, digest: object) -> bool:
        if not isinstance(digest, str) or not digest:
            return False
        key = bytes.fromhex(digest)[: self.WIDTH]
        index = bisect_left(range(self._size), key, key=self._key)
        return index < self._size and self._key(index) == key


class _Skipped(NamedTuple):
    """An article a worker read but did not extract: its hash is stored."""

    doc_id: str
    digest: str
    where: str


_Event = _Extracted | _Skipped | Rejected


def _extract_partition(
    partition: Partition, known: HashSet, run: IngestRun, options: ReadOptions | None
) -> list[_Event]:
    """Read one partition on a worker and extract its articles not stored yet, in order.

    Rejected records are kept among the results where the reader met them, so the main
    process reports them in the order (and with the locations) of a plain ingest.
    """
    events: list[_Event] = []
    for document in read_partition(partition, events.append, options):
        digest = document.content_hash
        if digest in known:
            events.append(_Skipped(document.doc_id, digest, document.source or ""))
        else:
            events.append(_extract_one(document, "added", run))  # main decides the kind
    return events


def _count_or_none(location: str) -> int | None:
    """Lines of ``location``, or None if it cannot be read (the reader then says why)."""
    try:
        return count_lines(location)
    except OSError:
        return None


def _partitions(
    client: Any, paths: Iterable[str | Path], reject: Callable[[Rejected], None]
) -> list[Partition]:
    """The input cut into partitions; JSON Lines files are counted on the workers."""
    files = list(list_files(paths, reject))
    lines = dict.fromkeys(files)
    counted = [file for file in files if splittable(file)]
    if counted:
        futures = client.map(_count_or_none, counted, pure=False, retries=RETRIES)
        lines.update(zip(counted, client.gather(futures), strict=True))
    return [part for file in files for part in split(file, lines[file], PARTITION_LINES)]


def _workers(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


class _Record(NamedTuple):
    """One article's extraction as its JSON record (ANNOTATION.md's contract)."""

    doc_id: str
    digest: str
    where: str
    record: dict[str, Any]


def _records_of_partition(partition: Partition, options: ReadOptions | None) -> list[Any]:
    """Read one partition on a worker and extract every article of it, in order (rejected
    records among them, where the reader met them)."""
    from sinergi.loaders.extract.pipeline import extract

    events: list[Any] = []
    for document in read_partition(partition, events.append, options):
        record = extract(document).to_json()
        events.append(
            _Record(document.doc_id, document.content_hash, document.source or "", record)
        )
    return events


def extract_records(
    client: Any,
    paths: Iterable[str | Path],
    on_error: Callable[[Rejected], None],
    options: ReadOptions | None = None,
) -> Iterator[dict[str, Any]]:
    """``sinergi extract`` on a Dask cluster: the records a local extract writes, in the
    same order, with the same rejections (the workers read the partitions where they lie).

    Only the JSON records travel back, not the articles' texts and sentences.
    """
    window = TASKS_PER_WORKER * _workers(client)

    def submit(partition: Partition) -> Any:
        return client.submit(_records_of_partition, partition, options, pure=False, retries=RETRIES)

    events = in_order(submit, _partitions(client, paths, on_error), window)
    for event in _first_of_each_id(events, on_error):
        yield event.record


def _first_of_each_id(events: Iterable[Any], reject: Callable[[Rejected], None]) -> Iterator[Any]:
    """The workers' articles with the rejections reported, each id once.

    Each partition was read alone, so an id repeated across partitions is settled here,
    with the rule of :func:`~sinergi.loaders.read.documents.iter_documents`: the first one
    read is kept, an exact repeat is dropped silently, a different text is rejected.
    """
    ids = FirstIdWins()
    for event in events:
        if isinstance(event, Rejected):
            reject(event)
            continue
        admitted = ids.admit(event.doc_id, event.digest, event.where)
        if isinstance(admitted, Rejected):
            reject(admitted)
        elif admitted is True:
            yield event


class DaskExtraction:
    """The :class:`~sinergi.graph.store.ingest.Extraction` that runs on a Dask cluster.

    ``client``: a ``dask.distributed.Client``, or a scheduler address to connect to
    (then closed by :meth:`close`).
    """

    def __init__(self, client: Any) -> None:
        self._owned: Any = None
        if isinstance(client, str):
            self._owned = _connect(client)
            client = self._owned
        self.client = client
        self.workers = _workers(client)

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def extract(
        self,
        paths: Iterable[str | Path],
        selection: Selection,
        options: ReadOptions | None,
        run: IngestRun,
        then: Iterator[tuple[Document, str]],
    ) -> Iterator[_Extracted]:
        window = TASKS_PER_WORKER * self.workers
        known = HashSet(selection.known.values())  # "" (a cut batch's article) is left out
        shared = self.client.scatter(known, broadcast=True, hash=False)

        def submit_partition(partition: Partition) -> Any:
            return self.client.submit(
                _extract_partition, partition, shared, run, options, pure=False, retries=RETRIES
            )

        def submit_chunk(chunk: list[tuple[Document, str]]) -> Any:
            return self.client.submit(_extract_chunk, chunk, run, pure=False, retries=RETRIES)

        try:
            partitions = _partitions(self.client, paths, selection.reject)
            events = in_order(submit_partition, partitions, window)
            yield from self._events(events, selection)
            yield from in_order(submit_chunk, _chunks(then, CHUNK), window)
        finally:
            self.client.cancel([shared])

    @staticmethod
    def _events(events: Iterable[_Event], selection: Selection) -> Iterator[_Extracted]:
        """The workers' results as a local ingest would have made them."""
        for event in _first_of_each_id(events, selection.reject):
            kind = selection.kind(event.doc_id, event.digest)
            if isinstance(event, _Extracted) and kind is not None:
                event.kind = kind
                yield event


def _connect(address: str) -> Any:
    """A client of the scheduler at ``address``, or a one-line error naming it.

    The address is probed with a plain socket first: a scheduler that is down or
    unreachable is then reported within ``CONNECT_TIMEOUT`` without a half-made client
    whose clean-up would print tracebacks at exit.
    """
    distributed = _distributed()
    timeout = CONNECT_TIMEOUT
    try:
        host, port = distributed.comm.get_address_host_port(address)
        socket.create_connection((host, port), timeout=timeout).close()
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # refused, unresolvable, timed out, or not a scheduler
        raise SinergiError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {exc}"
        ) from exc


def _distributed() -> Any:
    """The ``distributed`` package, or an error naming the extra that installs it."""
    try:
        import distributed
    except ImportError as exc:
        raise SinergiError(
            f"extraction on a cluster needs Dask distributed: {INSTALL_HINT}"
        ) from exc
    return distributed


@contextmanager
def connect(scheduler: str | None = None, local_workers: int | None = None) -> Iterator[Any]:
    """A Dask client: of the scheduler at ``scheduler``, or of a new local cluster.

    ``local_workers``: start a ``LocalCluster`` of that many single-threaded worker
    processes on this machine (for trying the cluster path, or for benchmarks), closed
    on exit.
    """
    distributed = _distributed()
    if scheduler is not None:
        client = _connect(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    with (
        distributed.LocalCluster(
            n_workers=local_workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client
