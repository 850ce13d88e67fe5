"""`sinergi serve` survives any query: crashes, runaway queries on every path, CORS.

A real `sinergi serve` in a child process, as a researcher runs it. The crash: Oxigraph
0.5.13 aborts on ORDER BY over a mix of plain strings, language-tagged strings and
integers; the server used to exit ("oxigraph server stopped with exit code -6").
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from sinergi.cli import main
from tests.graph.store.served import COUNT, JSON, RUNAWAY, Served, literal_store

MIXED_ORDER = "SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o)"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return literal_store(tmp_path_factory.mktemp("robust") / "store")


@pytest.fixture
def served(store: Path) -> Iterator[Served]:
    server = Served(store, "--timeout", "2")
    try:
        yield server
    finally:
        server.stop()


def count(client: httpx.Client, url: str) -> int:
    answer = client.get(url, params={"query": COUNT}, headers=JSON)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_a_query_that_crashes_oxigraph_is_a_500_and_the_server_stays(
    served: Served, store: Path, tmp_path: Path
) -> None:
    with httpx.Client(timeout=60) as client:
        total = count(client, served.url + "/query")
        for path in ("/query", "/sparql"):
            for send in (client.get, client.post):
                if send is client.get:
                    crashed = client.get(served.url + path, params={"query": MIXED_ORDER})
                else:
                    crashed = client.post(served.url + path, data={"query": MIXED_ORDER})
                assert crashed.status_code == 500, crashed.text
                assert "crashed" in crashed.text and "total order" in crashed.text
                assert count(client, served.url + path) == total  # answered at once
    assert served.process.poll() is None
    # the command line against the served graph: a one-line error, exit 1
    rq = tmp_path / "mixed.rq"
    rq.write_text(MIXED_ORDER, encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(rq), "--endpoint", served.url + "/query"])
    assert result.exit_code == 1 and "HTTP 500" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert served.stop() == 0
    assert "restarting it" in (served.process.stderr.read() if served.process.stderr else "")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_runaway_query_on_the_page_endpoint_is_stopped(served: Served, method: str) -> None:
    """/sparql is what the query page posts to: it gets the timeout like /query."""
    with httpx.Client(timeout=60) as client:
        started = time.monotonic()
        if method == "GET":
            stopped = client.get(served.url + "/sparql", params={"query": RUNAWAY})
        else:
            stopped = client.post(served.url + "/sparql", data={"query": RUNAWAY})
        elapsed = time.monotonic() - started
        assert stopped.status_code == 503 and "timeout" in stopped.text
        assert 1.5 < elapsed < 10
        # right after the restart: answered, not 502
        assert count(client, served.url + "/sparql") > 9000


def test_no_502_while_the_backend_restarts(served: Served) -> None:
    """Queries sent while a timed-out backend is replaced wait for the new one."""
    statuses: Counter[int] = Counter()
    done = threading.Event()

    def hammer() -> None:
        with httpx.Client(timeout=60) as client:
            while not done.is_set():
                answer = client.get(served.url + "/query", params={"query": "ASK {}"})
                statuses[answer.status_code] += 1

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        with httpx.Client(timeout=60) as client:
            stopped = client.post(served.url + "/query", data={"query": RUNAWAY})
            assert stopped.status_code == 503
            time.sleep(0.5)
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=30)
    assert statuses[200] > 0 and set(statuses) == {200}, statuses


def test_no_cors_by_default(served: Served) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    with httpx.Client(timeout=30) as client:
        answer = client.get(served.url + "/query", params={"query": "ASK {}"}, headers=origin)
        assert answer.status_code == 200
        assert "access-control-allow-origin" not in answer.headers
        preflight = client.options(
            served.url + "/query",
            headers={**origin, "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in preflight.headers


def test_cors_for_the_origins_given(store: Path) -> None:
    server = Served(store, "--cors", "https://a.example", "--cors", "https://b.example/")
    try:
        with httpx.Client(timeout=30) as client:
            for origin in ("https://a.example", "https://b.example"):
                answer = client.post(
                    server.url + "/sparql",
                    data={"query": "ASK {}"},
                    headers={"Origin": origin, **JSON},
                )
                assert answer.status_code == 200
                assert answer.headers["access-control-allow-origin"] == origin
            other = client.get(
                server.url + "/query",
                params={"query": "ASK {}"},
                headers={"Origin": "https://c.example"},
            )
            assert "access-control-allow-origin" not in other.headers
            preflight = client.options(
                server.url + "/query",
                headers={
                    "Origin": "https://a.example",
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "content-type",
                },
            )
            assert preflight.status_code == 204
            assert preflight.headers["access-control-allow-origin"] == "https://a.example"
            assert "POST" in preflight.headers["access-control-allow-methods"]
            assert preflight.headers["access-control-allow-headers"] == "content-type"
    finally:
        assert server.stop() == 0


def test_cors_for_any_origin(store: Path) -> None:
    server = Served(store, "--cors", "*")
    try:
        with httpx.Client(timeout=30) as client:
            answer = client.get(
                server.url + "/query",
                params={"query": "ASK {}"},
                headers={"Origin": "https://anywhere.example"},
            )
            assert answer.headers["access-control-allow-origin"] == "*"
    finally:
        assert server.stop() == 0
