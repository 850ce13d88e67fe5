"""A real Oxigraph server on a loopback port: remote ingest, every library query embedded
and remote with the same answers, read-only serving, and the `sinergi serve` command."""

from __future__ import annotations

import json
import os
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.term import Node

from sinergi import api
from sinergi.cli import main
from sinergi.errors import QueryError, StoreError
from sinergi.graph.store import RemoteStore
from sinergi.graph.store.server import SparqlServer, oxigraph_binary
from sinergi.queries import load_queries
from tests.conftest import is_run_provenance
from tests.graph.store.fixture_corpus import write_articles
from tests.graph.store.served import RUNAWAY, Served, free_port, wait_gone

SAMPLE = {
    "region": "17.71",
    "theme": "perdagangan",
    "string": "pasar murah",
    "date": "2022-01-01",
    "integer": "2",
    "decimal": "0.5",
    "iri": "https://w3id.org/sinergi/id/region/17.71",
}


def start(location: Path, *, writable: bool) -> SparqlServer:
    """A server on a free loopback port (retried if another process took the port)."""
    for attempt in range(3):
        server = SparqlServer(location, port=free_port(), writable=writable, timeout=60)
        try:
            return server.start(wait=20)
        except StoreError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_articles(tmp_path_factory.mktemp("remote") / "articles")
    for demo in api.demo_corpus().glob("*.txt"):
        (folder / demo.name).write_text(demo.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def embedded(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("embedded") / "store"
    code, _, err = run("ingest", str(corpus), "--store", str(store))
    assert code == 0, err
    return store


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    server = start(tmp_path_factory.mktemp("served") / "store", writable=True)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def remote(corpus: Path, writable: SparqlServer) -> SparqlServer:
    """The corpus ingested into the writable server through --update-endpoint."""
    assert writable.update_endpoint is not None
    code, out, err = run("ingest", str(corpus), "--update-endpoint", writable.update_endpoint)
    assert code == 0, err
    assert "added" in out and writable.update_endpoint in out
    return writable


@pytest.fixture(scope="module")
def read_only(embedded: Path) -> Iterator[SparqlServer]:
    server = start(embedded, writable=False)
    try:
        yield server
    finally:
        server.stop()


def canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_library_query_answers_the_same_embedded_and_remote(
    name: str, embedded: Path, remote: SparqlServer
) -> None:
    query = load_queries()[name]
    params = [f"{p.name}={SAMPLE[p.type]}" for p in query.params if p.required]
    args = [arg for param in params for arg in ("--param", param)]

    code, local, err = run("query", name, *args, "--format", "json", "--store", str(embedded))
    assert code == 0, err
    code, served, err = run(
        "query", name, *args, "--format", "json", "--endpoint", remote.query_endpoint
    )
    assert code == 0, err

    assert canonical(json.loads(served)) == canonical(json.loads(local))


@pytest.mark.parametrize("command", [["cascades"], ["leaders"], ["lags"], ["panel"]])
def test_analytics_answer_the_same_embedded_and_remote(
    command: list[str], embedded: Path, remote: SparqlServer
) -> None:
    code, local, err = run("analyze", *command, "--store", str(embedded))
    assert code == 0, err
    code, served, err = run("analyze", *command, "--endpoint", remote.query_endpoint)
    assert code == 0, err
    assert sorted(served.splitlines()) == sorted(local.splitlines())
    assert len(local.splitlines()) > 1  # a header and at least one row


def test_the_corpus_gives_the_library_something_to_answer(remote: SparqlServer) -> None:
    with api.connect(endpoint=remote.query_endpoint) as store:
        assert len(api.run_query(store, "learning").rows) >= 3
        assert len(store.article_hashes()) == 14


def test_remote_and_embedded_hold_the_same_quads(embedded: Path, remote: SparqlServer) -> None:
    def comparable(quads: Iterable[tuple[Node, Node, Node, URIRef | None]]) -> set:  # type: ignore[type-arg]
        return {q for q in quads if not is_run_provenance(str(q[1]), str(q[3] or ""))}

    with api.open_store(embedded, read_only=True) as local:
        expected = comparable(local.quads())
        runs = len(list(local.quads())) - len(expected)
    with RemoteStore(remote.query_endpoint) as served:
        assert comparable(served.quads()) == expected
        assert len(served) - runs == len(expected)


def test_remote_reingest_skips_everything(corpus: Path, remote: SparqlServer) -> None:
    before = len(RemoteStore(remote.query_endpoint))
    code, out, _ = run(
        "ingest", str(corpus), "--endpoint", remote.url, "--update-endpoint", remote.url
    )
    assert code == 0 and "0 added, 0 replaced, 14 unchanged" in out
    assert len(RemoteStore(remote.query_endpoint)) == before


def test_read_only_server_serves_queries_and_rejects_updates(
    read_only: SparqlServer, tmp_path: Path
) -> None:
    with RemoteStore(read_only.query_endpoint) as store:
        assert store.ask("ASK { ?s ?p ?o }")
        with pytest.raises(StoreError, match="give `update_endpoint`"):
            store.update("CLEAR ALL")
    writer = RemoteStore(read_only.query_endpoint, read_only.url + "update")
    with writer, pytest.raises(StoreError, match="HTTP 403"):
        writer.update("CLEAR ALL")
    article = tmp_path / "baru.txt"
    article.write_text("Baru\nPemkot Jambi menerima kunjungan Pemkab Serang.\n", encoding="utf-8")
    code, _, err = run("ingest", str(article), "--update-endpoint", read_only.url + "update")
    assert code == 1 and "403" in err and "read-only" in err
    code, out, _ = run("query", "learning", "--endpoint", read_only.query_endpoint)
    assert code == 0 and "rows)" in out


def test_root_is_the_query_page(read_only: SparqlServer) -> None:
    with urllib.request.urlopen(read_only.url, timeout=10) as response:
        page = response.read().decode()
    assert response.status == 200 and "Oxigraph" in page and "yasgui" in page.lower()


def test_bad_queries_and_endpoints_are_clean_errors(read_only: SparqlServer) -> None:
    with RemoteStore(read_only.query_endpoint) as store:
        with pytest.raises(QueryError, match="HTTP 400"):
            store.query("SELECT * WHERE { ?s ?p ")
        with pytest.raises(QueryError, match="ASK"):
            store.query("ASK { ?s ?p ?o }")
    unreachable = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with unreachable, pytest.raises(StoreError, match="cannot reach"):
        unreachable.ask("ASK {}")
    code, _, err = run("query", "learning", "--endpoint", "ftp://x", "--store", "s")
    assert code == 2 and "not both" in err
    code, _, err = run("query", "learning", "--endpoint", "ftp://x")
    assert code == 1 and "not an http(s) SPARQL endpoint" in err


def test_serve_command_runs_until_stopped(embedded: Path) -> None:
    """`sinergi serve` prints its URL, answers a browser, and stops its server on SIGTERM."""
    served = Served(embedded, "--timeout", "30")
    try:
        with urllib.request.urlopen(served.url + "/", timeout=10) as response:
            assert "Oxigraph" in response.read().decode()
        server_pids = served.backends()
        assert server_pids, "the oxigraph server should run as a child of sinergi serve"
        assert served.stop() == 0
        assert wait_gone(server_pids)
    finally:
        served.stop()


def test_serve_stops_a_runaway_query_at_its_timeout(embedded: Path) -> None:
    """A cartesian product gets 503 after --timeout seconds, the Oxigraph process
    evaluating it is replaced (nothing else stops it), and the server keeps serving."""
    served = Served(embedded, "--timeout", "2")
    endpoint = served.url + "/query"
    try:
        runaway_backend = served.backends()
        with httpx.Client(timeout=60) as client:
            started = time.monotonic()
            stopped = client.post(endpoint, data={"query": RUNAWAY})
            elapsed = time.monotonic() - started
            assert stopped.status_code == 503 and "timeout" in stopped.text
            assert "retry-after" not in stopped.headers  # the same query would run out again
            assert 1.5 < elapsed < 10
            # the restart follows the 503
            assert runaway_backend and wait_gone(runaway_backend)
            answer = client.post(
                endpoint,
                data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert answer.status_code == 200
            assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 1000
        assert served.process.poll() is None
    finally:
        assert served.stop() == 0


def test_serving_a_missing_store_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run("serve", "--store", str(tmp_path / "nothing"))
    assert code == 1 and "no store" in err


def test_binary_comes_from_the_oxigraph_wheel() -> None:
    binary = oxigraph_binary()
    assert binary.is_file() and os.access(binary, os.X_OK)
