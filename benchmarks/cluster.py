"""Extraction on a Dask cluster: articles/s with 1, 2 and 4 local workers, and per-article CPU.

Usage (from the repository, with ../shared beside it; needs ``pip install 'sinergi[cluster]'``)::

    python benchmarks/cluster.py                    # the 20,593-article CLICK-ID corpus
    python benchmarks/cluster.py --limit 4000       # its first 4,000 articles (quicker)
    python benchmarks/cluster.py --workers 1 2 4 8  # other cluster sizes

For each size it starts a ``LocalCluster`` of single-threaded worker processes, warms them
(lexicons loaded), and ingests the corpus into a fresh store through
``api.ingest(..., client=)``: the workers read the file's line ranges and extract, this
process writes. Entity resolution and compaction are left out (they run once, after
extraction, whatever the cluster). A plain local ingest (``--workers 1``, in-process) is
the baseline.

Printed per run: wall seconds, articles/s, the ratio to one cluster worker, the workers'
CPU seconds per article (summed over worker processes: the extraction cost a cluster must
supply) and this process's CPU seconds per article (reading results and writing the store:
the single writer's cost, which bounds how far more workers help). The machine's load
average before and after is printed too: on a machine running other work the curve says
more about the neighbours than about sinergi.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sinergi import api  # noqa: E402
from sinergi.graph.store.cluster import connect  # noqa: E402
from sinergi.graph.store.ingest import (  # noqa: E402
    IngestReport,
    LocalPool,
    Selection,
    _BatchWriter,
    _warm_worker,
)
from sinergi.graph.store.resolve import resolve_store  # noqa: E402
from sinergi.loaders.provenance import new_run  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "bulk" / "clickid-2019.jsonl.gz"


def subset(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The corpus, or its first ``limit`` lines as a gzipped file of the same format."""
    if limit is None:
        return corpus
    target = folder / f"first-{limit}.jsonl.gz"
    with gzip.open(corpus, "rb") as source, gzip.open(target, "wb", compresslevel=1) as out:
        out.writelines(islice(source, limit))
    return target


def worker_cpu(client: object) -> float:
    """CPU seconds used so far by every worker process of ``client``'s cluster."""
    return sum(client.run(time.process_time).values())  # type: ignore[attr-defined]


def run_cluster(corpus: Path, workers: int, store: Path) -> dict[str, float]:
    with connect(local_workers=workers) as client:
        client.run(_warm_worker)
        before, own = worker_cpu(client), time.process_time()
        started = time.perf_counter()
        with api.open_store(store) as graph:
            report = api.ingest([corpus], graph, client=client, resolve=False, compact=False)
        wall = time.perf_counter() - started
        extraction = worker_cpu(client) - before
    return {
        "articles": report.read,
        "triples": report.triples_written,
        "wall": wall,
        "worker_cpu": extraction,
        "main_cpu": time.process_time() - own,
    }


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run_writer(corpus: Path, store: Path) -> dict[str, float]:
    """The single writer alone: the corpus extracted first (kept in memory), then timed
    while it is written into a fresh store, as an ingest's writer writes it; then the
    entity resolution that follows an ingest, and the store's size on disk."""
    selection = Selection({}, IngestReport(), lambda rejected: None)
    items = list(LocalPool(2).extract([corpus], selection, None, new_run(), iter(())))
    own, started = time.process_time(), time.perf_counter()
    with api.open_store(store) as graph:
        writer = _BatchWriter(graph, bulk=True)
        for item in items:
            if item.error is None:
                writer.add(item)
        writer.close()
        wall, cpu = time.perf_counter() - started, time.process_time() - own
        resolving = time.perf_counter()
        resolve_store(graph)
        resolve = time.perf_counter() - resolving
        compacting = time.perf_counter()
        graph.compact()
        compact = time.perf_counter() - compacting
    return {
        "articles": len(items),
        "wall": wall,
        "cpu": cpu,
        "resolve": resolve,
        "compact": compact,
        "mb": folder_mb(store),
    }


def run_local(corpus: Path, store: Path) -> dict[str, float]:
    own = time.process_time()
    started = time.perf_counter()
    with api.open_store(store) as graph:
        report = api.ingest([corpus], graph, workers=1, resolve=False, compact=False)
    wall = time.perf_counter() - started
    return {
        "articles": report.read,
        "triples": report.triples_written,
        "wall": wall,
        "worker_cpu": 0.0,
        "main_cpu": time.process_time() - own,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain ingest")
    parser.add_argument("--no-writer", action="store_true", help="skip timing the writer alone")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="sinergi-cluster-bench-"))
    load_before = os.getloadavg()
    try:
        corpus = subset(args.corpus, args.limit, scratch)
        runs: list[tuple[str, dict[str, float]]] = []
        if not args.no_baseline:
            runs.append(("plain ingest, 1 process", run_local(corpus, scratch / "plain")))
        for workers in args.workers:
            result = run_cluster(corpus, workers, scratch / f"cluster-{workers}")
            runs.append((f"cluster, {workers} worker{'s' * (workers > 1)}", result))
        writer = None if args.no_writer else run_writer(corpus, scratch / "writer")
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"corpus: {args.corpus.name}" + (f", first {args.limit} lines" if args.limit else ""))
    print(
        f"machine: {os.cpu_count()} CPUs; load average (1 min) {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after"
    )
    one = next((r["wall"] for name, r in runs if name == "cluster, 1 worker"), None)
    print(f"{'run':26} {'wall s':>7} {'art/s':>7} {'speed-up':>8} {'worker CPU':>11} {'main':>9}")
    print(f"{'':26} {'':>7} {'':>7} {'vs 1 w':>8} {'ms/article':>11} {'ms/art':>9}")
    for name, r in runs:
        articles = r["articles"] or 1
        speedup = f"{one / r['wall']:.2f}x" if one and name.startswith("cluster") else "-"
        print(
            f"{name:26} {r['wall']:7.1f} {r['articles'] / r['wall']:7.0f} {speedup:>8} "
            f"{1000 * r['worker_cpu'] / articles:11.2f} {1000 * r['main_cpu'] / articles:9.2f}"
        )
    first = runs[-1][1]
    print(
        f"articles read: {first['articles']:.0f}; triples written per article: "
        f"{first['triples'] / (first['articles'] or 1):.0f}"
    )
    if writer is not None:
        articles = writer["articles"] or 1
        print(
            f"writer alone (bulk load, markers): {writer['wall']:.1f} s wall for "
            f"{writer['articles']:.0f} articles = {writer['articles'] / writer['wall']:.0f} "
            f"articles/s, {1000 * writer['cpu'] / articles:.2f} ms CPU/article; then entity "
            f"resolution {writer['resolve']:.1f} s, compaction {writer['compact']:.1f} s, "
            f"store {writer['mb']:.0f} MB ({1000 * writer['mb'] / articles:.1f} kB/article)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
