"""Ingest throughput on the bulk corpus: first run, re-run, and what reading alone costs.

Usage (from the repository, with ../shared beside it)::

    python benchmarks/ingest.py                       # the 20,593-article CLICK-ID corpus
    python benchmarks/ingest.py --workers 1 --atomic  # the single-process, transactional path
    python benchmarks/ingest.py --reextract           # also time `ingest --reextract`

Prints articles/s and triples/s of the first ingest (extraction, RDF, writing, entity
resolution and the store compaction that follows a big ingest, end to end, into a fresh
store), peak RSS (``getrusage`` of this process and
of its largest child, the extraction workers), CPU seconds, the ratio of ingest time to
the time to merely read and JSON-decode the same file, and the ratio of the re-ingest
time (nothing changed) to the first run. Targets from issue 6: <= 40 s, >= 500
articles/s, peak RSS <= 2 GB, re-ingest <= 1/10 of the first run.

The numbers depend on the machine and on what else runs on it: the CPU seconds show how
much of the wall time was this benchmark's own work. Linux counts, in a spawned child's
peak RSS, the parent's size at the moment it was started (before ``exec``), so the
"largest child" figure is an upper bound: workers started when the main process was big
(as in ``--reextract``) show its size, not their own (~100 MB).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sinergi import api  # noqa: E402
from sinergi.graph.store.ingest import IngestReport  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "bulk" / "clickid-2019.jsonl.gz"


def read_only_seconds(path: Path) -> tuple[float, int]:
    """Seconds to read the file and JSON-decode every line (the floor for any ingest)."""
    started = time.perf_counter()
    count = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                json.loads(line)
                count += 1
    return time.perf_counter() - started, count


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest (waited-for) child, MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def run(store_dir: Path, corpus: Path, **options: object) -> tuple[IngestReport, float, float]:
    cpu = cpu_seconds()
    started = time.perf_counter()
    with api.open_store(store_dir) as store:
        report = api.ingest([corpus], store, **options)  # type: ignore[arg-type]
    return report, time.perf_counter() - started, cpu_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--atomic", action="store_true", help="transactional writes")
    parser.add_argument("--no-resolve", action="store_true")
    parser.add_argument("--reextract", action="store_true", help="also time --reextract")
    parser.add_argument("--store", type=Path, default=None, help="keep the store here")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1

    read_seconds, records = read_only_seconds(args.corpus)
    scratch = Path(tempfile.mkdtemp(prefix="sinergi-bench-"))
    store_dir = args.store or scratch / "store"
    if args.store is not None and store_dir.exists():
        shutil.rmtree(store_dir)
    options = {
        "workers": args.workers,
        "bulk": False if args.atomic else None,
        "resolve": not args.no_resolve,
    }
    try:
        first, first_wall, first_cpu = run(store_dir, args.corpus, **options)
        again, again_wall, again_cpu = run(store_dir, args.corpus, **options)
        rows = [
            ("corpus", f"{args.corpus.name}: {records} records"),
            ("machine", f"{os.cpu_count()} CPUs, workers={first.workers}, bulk={first.bulk}"),
            ("read + JSON-decode only", f"{read_seconds:.2f} s"),
            ("first ingest", f"{first_wall:.2f} s wall, {first_cpu:.1f} s CPU (self+children)"),
            ("  articles", f"{first.read} read, {first.added} added, {len(first.rejected)} bad"),
            ("  articles/s", f"{first.read / first_wall:.0f}"),
            ("  triples written", f"{first.triples_written}"),
            ("  triples/s", f"{first.triples_written / first_wall:.0f}"),
            ("  store quads", f"{first.store_quads}"),
            ("  ingest / read-only", f"{first_wall / read_seconds:.1f}x"),
            ("re-ingest (unchanged)", f"{again_wall:.2f} s wall, {again_cpu:.1f} s CPU"),
            ("  unchanged", f"{again.unchanged}; store {again.store_quads} quads"),
            ("  re-ingest / first", f"{again_wall / first_wall:.3f}"),
        ]  # fmt: skip
        if first.resolution is not None:
            res = first.resolution
            rows.append(
                (
                    "  entity resolution",
                    f"{res.seconds:.2f} s: {res.person_iris} person IRIs -> {res.persons}, "
                    f"{res.event_mentions} event mentions -> {res.events}",
                )
            )
        if first.compact_seconds is not None:
            rows.append(
                ("  store compaction", f"{first.compact_seconds:.2f} s (part of the first ingest)")
            )
        if args.reextract:
            again_options = dict(options, reextract=True)
            reex, reex_wall, reex_cpu = run(store_dir, args.corpus, **again_options)
            rows.append(
                (
                    "re-extract all",
                    f"{reex_wall:.2f} s wall, {reex_cpu:.1f} s CPU, {reex.reextracted} "
                    f"articles ({reex.reextracted / reex_wall:.0f}/s), "
                    f"store {reex.store_quads} quads",
                )
            )
        own, child = peak_rss_mb()
        rows.append(("peak RSS", f"{own:.0f} MB main process, {child:.0f} MB largest child"))
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        ok = (
            first_wall <= 40
            and first.read / first_wall >= 500
            and own + child <= 2048
            and again_wall <= first_wall / 10
            and again.store_quads == first.store_quads
        )
        verdict = "met" if ok else "MISSED"
        print(f"targets (<=40 s, >=500 articles/s, <=2 GB, re-ingest <=1/10): {verdict}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
