"""`sinergi serve` under load: the guarded server against the bare Oxigraph behind it.

Usage (from the repository, with ../shared beside it)::

    python benchmarks/serve.py --store DIR         # an ingested bulk-corpus store
    python benchmarks/serve.py                     # ingests the bulk corpus first (~1 min)
    python benchmarks/serve.py --clients 8 32 64 --queries 3000 --duration 20
    python benchmarks/serve.py --store DIR --think 0.2   # clients that pause between queries
    PYTHONPATH=OTHER/CHECKOUT python benchmarks/serve.py --store DIR   # another version

Two read-only servers run over the same store: the bare Oxigraph binary (``SparqlServer``
without a guard) and ``sinergi serve`` in a child process, with its defaults. The
workload is the query library bound to one region, one theme and one program (Kota
Bekasi, ``perdagangan``, ``pasar murah``, as ``benchmarks/queries.py`` on the corpus),
keeping the queries that take under 20 ms alone (their solo times are printed). For each
number of concurrent clients, threads post them round-robin to ``/query``, each query on
a connection of its own as urllib, SPARQLWrapper or R's SPARQL package do (or kept-alive
connections: ``--keep-alive``), first to the bare backend and then to the guard, and the
run prints answers, errors (HTTP errors, ``503`` refusals and connection resets apart),
throughput and p50/p95/max latency of the answered queries, and the guard's throughput
as a share of the bare backend's in the same run, and the CPU time spent per answered
query by Oxigraph and by the guard's Python process (Linux): a figure that depends much
less than the others on what else runs on the machine.

Everything is bounded, so the script always stops by itself: at most ``--queries``
queries and ``--duration`` seconds per client count and server, at most 256 clients.
Issue 22's targets, at 64 clients: no error, no reset, p95 <= 100 ms, throughput >= 80 %
of the bare backend's. Clients that send back to back (the default) saturate the server:
then each waits for the 63 others, so p50 is about 64 / throughput whatever the server
(Little's law), and a latency target is about clients that pause between queries, as
people at dashboards and notebooks do (``--think``). Timing figures depend on what else
runs on the machine.

The script imports sinergi from ``PYTHONPATH`` when it is set (to measure another
checkout with the same script), else from this repository; it prints which.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(REPO))

from sinergi import api  # noqa: E402
from sinergi.queries import bind_query, library_queries  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "bulk" / "clickid-2019.jsonl.gz"
REGIONS = ["32.75", "31.71"]  # Kota Bekasi; Jakarta Pusat for the queries over a pair
THEME = "perdagangan"
PROGRAM = "pasar murah"
SMALL = 0.020  # seconds alone: the queries the p95 target is about
MAX_CLIENTS = 256
MAX_QUERIES = 100_000
MAX_DURATION = 300.0
HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Accept": "application/sparql-results+json",
}


@dataclass
class Level:
    """What the clients of one run saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # process kind -> CPU seconds

    @property
    def answered(self) -> int:
        return self.statuses[200]

    @property
    def errors(self) -> int:
        return sum(self.failures.values()) + sum(
            n for status, n in self.statuses.items() if status != 200
        )

    @property
    def throughput(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def workload() -> dict[str, str]:
    """Every library query with its parameters bound to the corpus's examples."""
    texts = {}
    for name, query in library_queries().items():
        values: dict[str, str] = {}
        regions = [p for p in query.params if p.type == "region"]
        for param, value in zip(regions, REGIONS, strict=False):
            values[param.name] = value
        for param in query.params:
            if param.name == "program":
                values[param.name] = PROGRAM
            elif param.type == "theme":
                values[param.name] = THEME
        texts[name] = bind_query(query, values)
    return texts


def post(connection: http.client.HTTPConnection, text: str) -> tuple[int, bytes]:
    """One query on a kept-alive connection: its status and body."""
    connection.request("POST", "/query", urllib.parse.urlencode({"query": text}), HEADERS)
    response = connection.getresponse()
    return response.status, response.read()


def solo_seconds(url: str, texts: dict[str, str], runs: int = 5) -> dict[str, float]:
    """Median seconds of each query alone (after one warm-up run), on one connection."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    seconds = {}
    try:
        for name, text in texts.items():
            times = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                status, _ = post(connection, text)
                times.append(time.perf_counter() - started)
                if status != 200:
                    break
            else:
                seconds[name] = statistics.median(times[1:])
    finally:
        connection.close()
    return seconds


def run(
    url: str,
    texts: list[str],
    clients: int,
    total: int,
    duration: float,
    keep_alive: bool,
    processes: dict[str, list[int]],
    think: float = 0.0,
) -> Level:
    """``clients`` threads posting ``texts`` round-robin until ``total`` or ``duration``.

    Each query on a connection of its own, unless ``keep_alive``. ``processes`` (a kind,
    such as "oxigraph", and its process ids): the CPU each kind spent meanwhile. ``think``:
    mean seconds a client pauses after each answer (exponentially distributed, so the
    clients do not fall into step); 0 sends the next query at once.
    """
    parsed = urllib.parse.urlsplit(url)
    level = Level()
    lock = threading.Lock()
    counter = itertools.count()
    deadline = time.monotonic() + duration

    def client(seed: int) -> None:
        pauses = random.Random(seed)
        connection: http.client.HTTPConnection | None = None
        latencies, statuses, failures = [], Counter[int](), Counter[str]()
        while (number := next(counter)) < total and time.monotonic() < deadline:
            if think and number >= clients:  # the first round starts at once
                time.sleep(pauses.expovariate(1 / think))
            if connection is None:
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
            started = time.perf_counter()
            try:
                status, _ = post(connection, texts[number % len(texts)])
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                failures["reset"] += 1
                connection.close()
                connection = None
                continue
            except (OSError, http.client.HTTPException) as exc:
                failures[type(exc).__name__] += 1
                connection.close()
                connection = None
                continue
            statuses[status] += 1
            if status == 200:
                latencies.append(time.perf_counter() - started)
            if not keep_alive:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()
        with lock:
            level.latencies += latencies
            level.statuses.update(statuses)
            level.failures.update(failures)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    cpu = {kind: cpu_seconds(pids) for kind, pids in processes.items()}
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    level.seconds = time.perf_counter() - started
    level.cpu = {kind: cpu_seconds(pids) - cpu[kind] for kind, pids in processes.items()}
    return level


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds of these processes so far (Linux; 0 elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.0


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux; none elsewhere)."""
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """`sinergi serve` in a child process, as a team runs it (its own interpreter and GIL)."""

    def __init__(self, store: Path, args: argparse.Namespace) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "sinergi.cli", "serve", "--store", str(store)]
        command += ["--port", str(port)]
        for option in ("max_concurrent", "max_queued"):  # versions before issue 22: none
            if getattr(args, option) is not None:
                command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        first = self.process.stdout.readline() if self.process.stdout else ""
        if f"at {self.url}" not in first:
            self.stop()
            raise SystemExit(f"sinergi serve did not start: {first}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def line(clients: int, target: str, level: Level, ratio: str = "") -> str:
    resets = level.failures["reset"]
    refused = level.statuses[503]
    return (
        f"{clients:>7}  {target:<6}  {level.answered + level.errors:>7,}  {level.errors:>6,}"
        f"  {resets:>6,}  {refused:>5,}  {level.throughput:>8,.0f}  {ms(level.percentile(0.5)):>7}"
        f"  {ms(level.percentile(0.95)):>8}  {ms(max(level.latencies, default=0)):>8}"
        f"  {cpu_ms(level, 'oxigraph'):>9}  {cpu_ms(level, 'guard'):>9}  {ratio}"
    )


def cpu_ms(level: Level, kind: str) -> str:
    """CPU milliseconds per answered query of one kind of process; "·" for none."""
    if kind not in level.cpu or not level.answered:
        return "·"
    return f"{level.cpu[kind] * 1000 / level.answered:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None, help="an ingested bulk store")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="ingested without --store")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--queries", type=int, default=4000, help="per client count, server")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds, likewise")
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="clients keep their connection (default: one per query, as urllib, "
        "SPARQLWrapper and R's SPARQL package do)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="mean pause of a client after each answer, as a person at a dashboard or "
        "notebook makes (default 0: back to back, which measures saturation: then every "
        "client waits for the others and p50 ~ clients / throughput by Little's law)",
    )
    parser.add_argument("--max-concurrent", type=int, default=None, help="the guard's")
    parser.add_argument("--max-queued", type=int, default=None, help="the guard's")
    args = parser.parse_args()
    if not all(1 <= n <= MAX_CLIENTS for n in args.clients):
        parser.error(f"--clients: from 1 to {MAX_CLIENTS}")
    total = max(1, min(args.queries, MAX_QUERIES))
    duration = max(1.0, min(args.duration, MAX_DURATION))
    print(f"sinergi from {Path(api.__file__).parent.parent}")

    scratch = Path(tempfile.mkdtemp(prefix="sinergi-serve-bench-"))
    try:
        store = args.store
        if store is None:
            store = scratch / "store"
            started = time.perf_counter()
            with api.open_store(store) as graph:
                api.ingest([args.corpus], graph)
            print(f"bulk corpus ingested in {time.perf_counter() - started:.1f} s")
        bare = api.SparqlServer(store, port=free_port())
        with bare, Served(store, args) as guard:
            print(f"bare Oxigraph at {bare.url}; guarded server at {guard.url}")
            texts = workload()
            alone = solo_seconds(bare.url, texts)
            small = {name: s for name, s in alone.items() if s < SMALL}
            for name, seconds in sorted(alone.items(), key=lambda item: item[1]):
                mark = "" if name in small else "  (left out: not small)"
                print(f"  {name:<30} {ms(seconds):>8} ms alone{mark}")
            if not small:
                print("no library query takes under 20 ms alone on this store")
                return 1
            chosen = [texts[name] for name in small]
            solo_seconds(guard.url, {name: texts[name] for name in small}, runs=1)  # warm
            connections = "kept-alive connections" if args.keep_alive else "one connection each"
            pace = f"a mean pause of {args.think:g} s" if args.think else "back to back"
            print(
                f"\n{len(chosen)} queries round-robin, {connections}, {pace}; at most {total:,} "
                f"queries and {duration:g} s per client count and server\n"
            )
            print(
                "clients  target  queries  errors  resets    503       q/s   p50 ms"
                "    p95 ms    max ms  oxigraph*  guard*  guard/bare\n"
                "(* CPU ms per answered query, of the Oxigraph process and of the Python "
                "process of `sinergi serve`)"
            )
            for clients in args.clients:
                assert bare.process is not None
                backend = {"oxigraph": [bare.process.pid]}
                direct = run(
                    bare.url, chosen, clients, total, duration, args.keep_alive, backend, args.think
                )
                print(line(clients, "bare", direct))
                guarded_processes = {
                    "oxigraph": children(guard.process.pid),
                    "guard": [guard.process.pid],
                }
                guarded = run(
                    guard.url,
                    chosen,
                    clients,
                    total,
                    duration,
                    args.keep_alive,
                    guarded_processes,
                    args.think,
                )
                ratio = guarded.throughput / direct.throughput if direct.throughput else 0
                print(line(clients, "guard", guarded, f"{ratio:.0%} throughput"))
                for name, level in (("bare", direct), ("guard", guarded)):
                    other = {k: v for k, v in level.failures.items() if k != "reset"}
                    if other:
                        print(f"         {name} connection errors: {dict(other)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
