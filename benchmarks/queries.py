"""Every library query, timed warm, on a synthetic graph of millions of triples and on the
ingested bulk corpus.

Usage (from the repository)::

    python benchmarks/queries.py                      # ~5 M synthetic triples + bulk corpus
    python benchmarks/queries.py --triples 200000     # a quick run
    python benchmarks/queries.py --corpus-store DIR   # reuse an ingested corpus store
    python benchmarks/queries.py --no-corpus
    python benchmarks/queries.py --only learning visits-hosted

The synthetic graph follows ``../shared/notes/stack-measurements.md`` §1.1 (seed 42):
552 real regions, 20,000 officials, per article 0-2 events (visit 55 %, agreement 25 %,
forum 20 %, Zipf-weighted hosts, 90 % dated, dates monotone over 2015-2024), about 0.9
learning relations (visit guest -> host, random, program adoption) and 0-2 programs. The
triples come from sinergi's own RDF mapping (``sinergi.loaders.rdf.extraction_triples``)
fed with synthetic extractions, so IRIs, named graphs and provenance are exactly those of
real ingests and every library query runs unchanged. They are written as N-Quads and
bulk-loaded into a temporary on-disk store, then compacted as ``sinergi ingest`` does after
a big ingest.

Each query runs in a fresh process that opens the store read-only (the reopen time is
reported), runs the query once ("first") and then ``--repeat`` more times ("warm",
median), and is stopped after ``--timeout`` seconds. Parameters get values from the data
(the busiest host region, the commonest theme) or else the example that their declaration
documents ("pasar murah", "visit", ...). Each query runs with its required parameters;
on the bulk corpus it also runs once per optional parameter set alone, as researchers use
it (shown as ``NAME [parameter]``; ``--each-parameter`` does the same at 5 M triples). At
5 M a query whose parameters are all optional and include a region (``learning-evidence``,
``visits-hosted``, ...) otherwise runs twice: as a whole listing, and narrowed to the
busiest host region. A run made at one scale only shows ``·`` at the other.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus" / "bulk" / "clickid-2019.jsonl.gz"
POSITIONS = ["bupati", "wali kota", "gubernur", "wakil bupati", "sekretaris daerah", "kepala dinas"]
PROGRAMS = [
    "pasar murah", "e-parking", "mal pelayanan publik", "bank sampah", "kartu sehat",
    "command center", "sekolah lapang", "desa digital", "pasar murah di masjid", "e-retribusi",
]  # fmt: skip
FIRST = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indra", "Joko"]
LAST = ["Santoso", "Wibowo", "Lestari", "Hasan", "Saputra", "Rahman", "Siregar", "Nasution"]


class _Context:
    """Stands in for the extractor's ArticleContext: one sentence per item."""

    def __init__(self) -> None:
        from sinergi.loaders.extract.sentences import Sentence

        self._sentence = Sentence

    def sentence_at(self, offset: int) -> Any:
        index = offset // 100
        return self._sentence(index, index * 100, index * 100 + 99, f"Kalimat ke-{index}.")


def generate(path: Path, target: int, seed: int = 42) -> dict[str, Any]:
    """Write about ``target`` triples as N-Quads to ``path``; return facts for parameters."""
    from sinergi.graph.store.ntriples import to_nquads, triples_nt
    from sinergi.loaders.extract.events import EventMention
    from sinergi.loaders.extract.learning import LearningEdge
    from sinergi.loaders.extract.officials import OfficialMention
    from sinergi.loaders.extract.pipeline import Extraction
    from sinergi.loaders.extract.programs import ProgramMention
    from sinergi.loaders.rdf import extraction_triples, reference_triples
    from sinergi.loaders.read.documents import Document
    from sinergi.namespace import REFERENCE_GRAPH, article_graph
    from sinergi.reference import load_regions, load_themes

    rng = random.Random(seed)
    regions = list(load_regions())
    rng.shuffle(regions)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(regions))]
    themes = list(load_themes())
    officials = [
        (f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", rng.choice(POSITIONS), rng.choice(regions))
        for n in range(20_000)
    ]
    context = _Context()
    programs: list[tuple[str, str]] = []  # (owner, theme) of earlier programs, for adoption
    hosts: dict[str, int] = {}
    triples = 0
    documents = 0
    start, days = date(2015, 1, 1), (date(2024, 12, 31) - date(2015, 1, 1)).days
    estimate = max(1, target // 60)
    with path.open("w", encoding="utf-8") as out:
        reference = reference_triples()
        out.write(to_nquads(str(REFERENCE_GRAPH), triples_nt(reference)))
        triples += len(reference)
        while triples < target:
            doc_id = f"syn-{documents:06d}"
            day = start + timedelta(days=min(days, documents * days // estimate))
            published = day.isoformat()
            sentence = 0

            def span() -> tuple[int, int]:
                nonlocal sentence
                sentence += 1
                return sentence * 100, sentence * 100 + 50

            events: list[EventMention] = []
            for _ in range(rng.choice([0, 1, 1, 1, 2, 2])):
                kind = rng.choices(["visit", "agreement", "forum"], [55, 25, 20])[0]
                host = rng.choices(regions, weights)[0]
                hosts[host] = hosts.get(host, 0) + 1
                guests = rng.sample(
                    regions, rng.randint(3, 6) if kind == "forum" else rng.randint(1, 3)
                )
                guests = [g for g in guests if g != host] or [regions[0]]
                when = published if rng.random() < 0.9 else None
                events.append(
                    EventMention(kind, [host], guests, "APEKSI" if kind == "forum" else None,
                                 when, spans=[span()], confidence=0.8, rule=f"{kind}-cue")
                )  # fmt: skip
            learning: list[LearningEdge] = []
            for index, event in enumerate(events):
                if event.type == "visit" and rng.random() < 0.7:
                    s, e = span()
                    learning.append(
                        LearningEdge(event.guests[0], event.hosts[0], s // 100, s, e, 0.8,
                                     "visit-learning", index)
                    )  # fmt: skip
            if rng.random() < 0.2:
                a, b = rng.sample(regions, 2)
                s, e = span()
                learning.append(LearningEdge(a, b, s // 100, s, e, 0.6, "learning-cue"))
            mentions: list[ProgramMention] = []
            for _ in range(rng.choice([0, 1, 1, 2])):
                if programs and rng.random() < 0.35:
                    owner, theme = rng.choice(programs)
                    learner = rng.choice(regions)
                    if learner != owner:
                        s, e = span()
                        learning.append(
                            LearningEdge(learner, owner, s // 100, s, e, 0.7, "adoption")
                        )
                else:
                    owner = (
                        rng.choices(regions, weights)[0]
                        if rng.random() < 0.5
                        else rng.choice(regions)
                    )
                    theme = rng.choice(themes)
                    programs.append((owner, theme))
                s, e = span()
                label = f"{rng.choice(PROGRAMS)} {rng.randint(1, 99)}"
                mentions.append(
                    ProgramMention(label, owner, theme, s // 100, s, e, 0.7, "program-cue")
                )
            people = []
            for _ in range(rng.choice([0, 1, 1, 2])):
                name, position, region = rng.choice(officials)
                s, e = span()
                people.append(OfficialMention(name, position, region, s, e))
            document = Document(
                doc_id, "x", title=f"Berita {documents}", url=f"https://contoh.id/{doc_id}",
                published=published, outlet=f"outlet{documents % 9}.id",
            )  # fmt: skip
            extraction = Extraction(
                document=document,
                context=context,  # type: ignore[arg-type]
                regions=[(code, 0.9) for code in {*(e.hosts[0] for e in events), *(
                    g for e in events for g in e.guests)}],
                officials=people,
                events=events,
                learning=learning,
                programs=mentions,
            )  # fmt: skip
            article = extraction_triples(extraction)
            out.write(to_nquads(str(article_graph(doc_id)), triples_nt(article)))
            triples += len(article)
            documents += 1
    counts: dict[str, int] = {}
    for _, theme in programs:
        counts[theme] = counts.get(theme, 0) + 1
    return {
        "documents": documents,
        "triples": triples,
        "region": max(hosts, key=hosts.__getitem__) if hosts else "17.71",
        "theme": max(counts, key=counts.__getitem__) if counts else "perdagangan",
    }


def _example(param: Any, facts: dict[str, Any]) -> str:
    """A value for one parameter: the data's busiest host region or commonest theme, else
    the example its declaration documents ("e.g. ...")."""
    region = facts.get("region", "17.71")
    if param.type in ("region", "theme"):
        return region if param.type == "region" else facts.get("theme", "perdagangan")
    documented = re.search(r"e\.g\.\s+(.+?)\s*$", param.description)
    if documented:
        return documented.group(1)
    return {
        "string": "pasar murah",
        "date": "2019-01-01",
        "integer": "2",
        "decimal": "0.5",
        "iri": f"https://w3id.org/sinergi/id/region/{region}",
    }[param.type]


def _variants(
    query: Any, facts: dict[str, Any], every_parameter: bool = False
) -> list[tuple[str, dict[str, str]]]:
    """The runs of one query: with its required parameters only; then, with
    ``every_parameter``, once per optional parameter set alone (shown as
    ``NAME [parameter]``); otherwise, for a listing whose parameters are all optional,
    narrowed to one region as a researcher browsing it would (its first optional region
    parameter set to the busiest host region)."""
    required = {p.name: _example(p, facts) for p in query.params if p.required}
    runs = [(query.name, required)]
    optional = [p for p in query.params if not p.required]
    if every_parameter:
        chosen = optional
    else:
        regions = [p for p in optional if p.type == "region"]
        chosen = regions[:1] if regions and not required else []
    for param in chosen:
        runs.append(
            (f"{query.name} [{param.name}]", {**required, param.name: _example(param, facts)})
        )
    return runs


def _time_query(store_dir: str, name: str, params: dict[str, str], repeat: int, out: Any) -> None:
    """In a child process: reopen the store, run the query 1 + ``repeat`` times."""
    import pyoxigraph as ox

    from sinergi.queries import bind_query, get_query

    started = time.perf_counter()
    store = ox.Store.read_only(store_dir)
    reopen = time.perf_counter() - started
    sparql = bind_query(get_query(name), params)
    times, rows = [], 0
    for _ in range(1 + repeat):
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(sparql, use_default_graph_as_union=True))
        times.append(time.perf_counter() - started)
        if times[-1] > 20:  # no warm repeats of very slow queries
            break
    out.send((reopen, rows, times))


def time_queries(
    store_dir: Path,
    facts: dict[str, Any],
    repeat: int,
    timeout: float,
    every_parameter: bool,
    only: list[str] | None = None,
) -> dict:
    from sinergi.queries import load_queries

    context = multiprocessing.get_context("spawn")
    results: dict[str, tuple[float, int, list[float]] | None] = {}
    for name, query in load_queries().items():
        if only and name not in only:
            continue
        for label, params in _variants(query, facts, every_parameter):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(
                target=_time_query, args=(str(store_dir), name, params, repeat, send)
            )
            child.start()
            results[label] = receive.recv() if receive.poll(timeout) else None
            if child.is_alive():
                child.terminate()
            child.join()
    return results


def ingest_corpus(corpus: Path, store_dir: Path) -> float:
    from sinergi import api

    started = time.perf_counter()
    with api.open_store(store_dir) as store:
        api.ingest([corpus], store)
    return time.perf_counter() - started


def cpu_check() -> float:
    """Seconds for a fixed pure-Python loop (best of three).

    This machine's speed drifts: a loop of 20 million additions took 1.9-3.5 s in three
    consecutive runs, and this check read 73 ms and 129 ms an hour apart. Printed before
    and after the timings, it tells a slow phase from a slow query.
    """
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def print_table(columns: dict[str, dict], timeout: float) -> None:
    names = sorted({name for results in columns.values() for name in results})
    header = ["query"]
    for label in columns:
        header += [f"{label} rows", f"{label} first ms", f"{label} warm ms"]
    lines = [header]
    for name in names:
        line = [name]
        for results in columns.values():
            if name not in results:  # a run made at one scale only
                line += ["·", "·", "·"]
                continue
            result = results[name]
            if result is None:
                line += ["-", f">{timeout:.0f} s", "-"]
                continue
            _, rows, times = result
            warm = statistics.median(times[1:]) if len(times) > 1 else None
            line += [f"{rows:,}", _ms(times[0]), _ms(warm) if warm is not None else "-"]
        lines.append(line)
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    for number, row in enumerate(lines):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))
        if number == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=5_000_000, help="synthetic graph size")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per query")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per query")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--corpus-store", type=Path, default=None, help="an ingested store")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="keep the synthetic store here")
    parser.add_argument(
        "--each-parameter",
        action="store_true",
        help="on the synthetic graph too, run each query once per optional parameter",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="QUERY", default=None, help="time these queries only"
    )
    args = parser.parse_args()
    if args.only:
        from sinergi.queries import load_queries

        unknown = sorted(set(args.only) - set(load_queries()))
        if unknown:
            parser.error(f"no library query named {', '.join(unknown)}")

    import pyoxigraph as ox

    print(f"cpu check (fixed loop, best of 3): {_ms(cpu_check())} ms before")
    scratch = Path(tempfile.mkdtemp(prefix="sinergi-queries-"))
    columns: dict[str, dict] = {}
    try:
        started = time.perf_counter()
        facts = generate(scratch / "synthetic.nq", args.triples)
        generated = time.perf_counter() - started
        store_dir = args.keep or scratch / "synthetic"
        if store_dir.exists():
            shutil.rmtree(store_dir)
        started = time.perf_counter()
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(scratch / "synthetic.nq"), format=ox.RdfFormat.N_QUADS)
        store.flush()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        store.optimize()  # as `sinergi ingest` compacts after a big bulk ingest
        compacted = time.perf_counter() - started
        quads = len(store)
        del store
        print(
            f"synthetic: {facts['documents']:,} articles, {quads:,} quads "
            f"(generated in {generated:.1f} s, bulk-loaded in {loaded:.1f} s, "
            f"{quads / loaded:,.0f} quads/s, compacted in {compacted:.1f} s); "
            f"parameters region={facts['region']} "
            f"theme={facts['theme']}"
        )
        results = time_queries(
            store_dir, facts, args.repeat, args.timeout, args.each_parameter, args.only
        )
        reopen = [r[0] for r in results.values() if r is not None]
        median = _ms(statistics.median(reopen))
        print(f"synthetic store reopen (read-only, fresh process): median {median} ms")
        columns[f"{quads / 1e6:.1f}M"] = results

        if not args.no_corpus:
            corpus_store = args.corpus_store
            if corpus_store is None and args.corpus.is_file():
                corpus_store = scratch / "corpus"
                seconds = ingest_corpus(args.corpus, corpus_store)
                print(f"bulk corpus ingested in {seconds:.1f} s")
            if corpus_store is not None:
                reader = ox.Store.read_only(str(corpus_store))
                size = len(reader)
                del reader
                corpus_facts = {"region": "32.75", "theme": "perdagangan"}  # Kota Bekasi
                results = time_queries(
                    corpus_store, corpus_facts, args.repeat, args.timeout, True, args.only
                )
                reopen = [r[0] for r in results.values() if r is not None]
                print(
                    f"corpus store: {size:,} quads; reopen median "
                    f"{_ms(statistics.median(reopen))} ms"
                )
                columns["corpus"] = results
        print(f"cpu check (fixed loop, best of 3): {_ms(cpu_check())} ms after")
        print()
        print_table(columns, args.timeout)
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
