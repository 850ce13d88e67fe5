"""`sinergi serve` under load: a flood beyond the queue is refused with 503 and
Retry-After, never with a reset connection; a runaway query under load still stops at its
timeout while the other clients keep getting their answers; writes and the query page are
never held back. A real `sinergi serve` in a child process, as a research team shares it.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from tests.graph.store.served import COUNT, JSON, RUNAWAY, Served, literal_store, wait_gone

SMALL = [
    "ASK { ?s ?p ?o }",
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/number> ?o }",
]
MIXED_ORDER = "SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)"
FORM = {"Content-Type": "application/x-www-form-urlencoded", **JSON}
T = TypeVar("T")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return literal_store(tmp_path_factory.mktemp("load") / "store")


def post(port: int, query: str) -> tuple[int, str | None, str]:
    """One query on a fresh connection: status, Retry-After and body.

    Raw ``http.client``, so that a reset connection shows as the exception it is.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/query", urllib.parse.urlencode({"query": query}), FORM)
        response = connection.getresponse()
        return response.status, response.getheader("Retry-After"), response.read().decode()
    finally:
        connection.close()


def in_background(work: Callable[[], T]) -> tuple[threading.Thread, list[T]]:
    """Run ``work`` in a thread; its result lands in the returned list."""
    result: list[T] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    return thread, result


def hold_the_only_slot(
    served: Served,
) -> tuple[threading.Thread, list[tuple[int, str | None, str]]]:
    """Start a runaway query and return once it holds the server's single slot.

    With ``--max-queued 0``, a probe is refused at once exactly when the slot is taken
    (and the runaway is, when the probe has it: then it is sent again).
    """
    deadline = time.monotonic() + 10
    runaway = in_background(lambda: post(served.port, RUNAWAY))
    while time.monotonic() < deadline:
        thread, _ = runaway
        status, retry_after, _ = post(served.port, "ASK {}")
        if status == 503 and retry_after:
            return runaway
        thread.join(timeout=0.05)
        if not thread.is_alive():  # refused while the probe held the slot
            runaway = in_background(lambda: post(served.port, RUNAWAY))
    raise AssertionError("the runaway query never took the slot")


def test_a_flood_beyond_the_queue_gets_503_with_retry_after_not_resets(store: Path) -> None:
    served = Served(store, "--timeout", "5", "--max-concurrent", "1", "--max-queued", "2")
    try:
        runaway, stopped = in_background(lambda: post(served.port, RUNAWAY))
        time.sleep(0.5)  # let it take the only slot (the assertions hold either way)
        flood = 120
        start = threading.Barrier(flood)
        outcomes: Counter[object] = Counter()
        busy = Counter[bool]()
        lock = threading.Lock()

        def client() -> None:
            start.wait(timeout=30)  # every client connects and sends at the same moment
            try:
                status, retry_after, text = post(served.port, "ASK {}")
                outcome: object = (status, retry_after)
                with lock:
                    busy[text.startswith("server busy")] += 1
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__  # a reset, a refused or dropped connection
            with lock:
                outcomes[outcome] += 1

        threads = [threading.Thread(target=client) for _ in range(flood)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sum(outcomes.values()) == flood
        # one slot and two places in the queue: the others are refused at once
        assert busy[True] >= flood - 3 and outcomes[(503, "1")] >= flood - 3, outcomes
        # the two queued: answered, or refused with Retry-After when their timeout came
        assert set(outcomes) <= {(503, "1"), (200, None)}, outcomes
        runaway.join(timeout=30)
        assert stopped and stopped[0][0] == 503 and "timeout" in stopped[0][2]
        status, _, text = post(served.port, COUNT)
        assert status == 200, text
    finally:
        assert served.stop() == 0


def test_a_runaway_under_load_stops_at_its_timeout_and_the_others_are_answered(
    store: Path,
) -> None:
    served = Served(store, "--timeout", "2", "--max-concurrent", "4")
    statuses: Counter[object] = Counter()
    done = threading.Event()
    lock = threading.Lock()

    def client(number: int) -> None:
        with httpx.Client(timeout=60) as session:
            while not done.is_set():
                query = SMALL[number % len(SMALL)]
                number += 1
                try:
                    outcome: object = session.post(
                        served.url + "/query", data={"query": query}, headers=JSON
                    ).status_code
                except httpx.TransportError as exc:
                    outcome = type(exc).__name__
                with lock:
                    statuses[outcome] += 1

    clients = [threading.Thread(target=client, args=(n,)) for n in range(12)]
    try:
        backend = served.backends()
        for thread in clients:
            thread.start()
        with httpx.Client(timeout=60) as session:
            before = statuses[200]
            stopped = session.post(served.url + "/query", data={"query": RUNAWAY})
            during = statuses[200] - before
        assert stopped.status_code == 503 and "timeout" in stopped.text
        assert "retry-after" not in stopped.headers
        assert during > 0  # the others were answered while it ran
        assert backend and wait_gone(backend)  # stopped by replacing the process
        after = statuses[200]
        deadline = time.monotonic() + 10
        while statuses[200] == after and time.monotonic() < deadline:
            time.sleep(0.05)
        assert statuses[200] > after  # and after the restart
    finally:
        done.set()
        for thread in clients:
            thread.join(timeout=30)
        assert served.stop() == 0
    assert set(statuses) == {200}, statuses  # no error, no reset, no 503, no 502


def test_writes_and_the_page_are_not_held_back(tmp_path: Path) -> None:
    served = Served(
        tmp_path / "store",
        *("--writable", "--timeout", "3", "--max-concurrent", "1", "--max-queued", "0"),
    )
    try:
        runaway, stopped = hold_the_only_slot(served)
        with httpx.Client(timeout=30) as session:
            page = session.get(served.url + "/")
            assert page.status_code == 200 and "Oxigraph" in page.text
            update = session.post(
                served.url + "/update",
                data={"update": "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"},
            )
            assert update.status_code == 204, update.text
            busy = session.post(served.url + "/query", data={"query": "ASK {}"})
            assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
            runaway.join(timeout=30)
            assert stopped and stopped[0][0] == 503
            ask = "ASK { <http://example.org/a> <http://example.org/b> 1 }"
            answer = session.post(served.url + "/query", data={"query": ask}, headers=JSON)
            assert answer.status_code == 200 and answer.json()["boolean"] is True
    finally:
        assert served.stop() == 0


def test_a_query_waits_its_timeout_for_a_turn_and_then_gets_its_whole_timeout(
    store: Path,
) -> None:
    """Two runaways and a small query, in that order, for the one slot: the second
    runaway, admitted when the first is stopped, still runs its whole timeout; the small
    query, behind it in the queue, is refused with Retry-After when its own wait runs out."""
    served = Served(store, "--timeout", "2", "--max-concurrent", "1")
    try:

        def timed_post(query: str) -> tuple[float, tuple[int, str | None, str]]:
            started = time.monotonic()
            answer = post(served.port, query)
            return time.monotonic() - started, answer

        first = in_background(lambda: timed_post(RUNAWAY))
        time.sleep(0.3)  # arrival order, which the queue keeps
        second = in_background(lambda: timed_post(RUNAWAY))
        time.sleep(0.3)
        status, retry_after, text = post(served.port, "ASK {}")
        assert status == 503 and retry_after == "1" and "waited" in text, text
        for thread, _ in (first, second):
            thread.join(timeout=30)
        (_, stopped), (late, stopped_late) = first[1][0], second[1][0]
        assert stopped[0] == 503 and "timeout" in stopped[2]
        assert stopped_late[0] == 503 and "timeout" in stopped_late[2]
        assert late > 3  # about 1.7 s waiting for the first, then its own 2 s
        status, _, text = post(served.port, COUNT)
        assert status == 200, text
    finally:
        assert served.stop() == 0


def test_a_query_whose_client_left_the_queue_is_not_evaluated(store: Path) -> None:
    """A client that gives up while its query waits takes the query with it. The query
    here would crash Oxigraph 0.5.13 (ORDER BY over mixed literals): had it been
    evaluated for nobody, the log would say so."""
    served = Served(store, "--timeout", "2", "--max-concurrent", "1")
    try:
        runaway, stopped = in_background(lambda: post(served.port, RUNAWAY))
        time.sleep(0.5)  # it holds the only slot
        body = urllib.parse.urlencode({"query": MIXED_ORDER})
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as client:
            client.sendall(
                f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: "
                f"application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
                f"{body}".encode()
            )
            time.sleep(0.3)  # queued behind the runaway; then the client goes
        runaway.join(timeout=30)
        assert stopped and stopped[0][0] == 503
        status, _, text = post(served.port, COUNT)  # queued after it, were it still there
        assert status == 200, text
    finally:
        assert served.stop() == 0
    log = served.process.stderr.read() if served.process.stderr else ""
    assert "panicked" not in log and "crashed" not in log, log
