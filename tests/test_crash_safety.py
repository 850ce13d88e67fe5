"""Kill `sinergi ingest` with SIGKILL at different points, rerun it, and get exactly the
graph of an uninterrupted run; a second ingest on a store in use fails with a clear message."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from sinergi.graph.store import store_exists
from tests.conftest import is_run_provenance

TEXTS = [
    "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022), untuk belajar.",
    "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman, Jumat (24/10/2025).",
    "Pemkab Tegal melakukan studi banding ke Kota Bandung, Selasa (30/11/2021).",
    "Wali Kota Jambi menghadiri rapat kerja APEKSI di Kota Padang, Senin (7/10/2019).",
]


def write_corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = f"{TEXTS[i % len(TEXTS)]} Berita nomor {i}."
            out.write(json.dumps({"doc": f"n{i}", "title": f"Berita {i}", "text": text}) + "\n")
    return path


def ingest_command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "sinergi.cli", "ingest", str(corpus), "--store", str(store), "-q"]


def quads(store: Path) -> set[str]:
    """The store's quads but the ingest runs' identity and times, which differ by design."""
    opened = ox.Store.read_only(str(store))
    return {
        str(q)
        for q in opened.quads_for_pattern(None, None, None)
        if not is_run_provenance(q.predicate.value, getattr(q.graph_name, "value", None))
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus.jsonl", 1500)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    store = tmp_path_factory.mktemp("reference") / "store"
    subprocess.run(ingest_command(corpus, store), check=True, timeout=300)
    return quads(store)


@pytest.mark.parametrize("delay", [0.8, 2.0, 3.5])
def test_killed_ingest_reruns_to_the_same_graph(
    corpus: Path, reference: set[str], tmp_path: Path, delay: float
) -> None:
    store = tmp_path / "store"
    process = subprocess.Popen(ingest_command(corpus, store), start_new_session=True)
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    subprocess.run(ingest_command(corpus, store), check=True, timeout=300)
    assert quads(store) == reference


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough that an ingest is still running while other processes try the store."""
    return write_corpus(tmp_path_factory.mktemp("big") / "big.jsonl", 6000)


def wait_for_store(store: Path) -> None:
    deadline = time.monotonic() + 60
    while not store_exists(store) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_second_writer_gets_a_clear_locked_message(big_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = subprocess.Popen(ingest_command(big_corpus, store), start_new_session=True)
    try:
        wait_for_store(store)
        second = subprocess.run(
            ingest_command(big_corpus, store), capture_output=True, text=True, timeout=120
        )
        assert first.poll() is None, "the first ingest ended before the second started"
        assert second.returncode == 1
        assert "locked" in second.stderr and "Traceback" not in second.stderr
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=60)


def test_readers_query_while_an_ingest_writes(big_corpus: Path, tmp_path: Path) -> None:
    """Queries, exports and analytics open the store read-only, without the writer's lock."""
    store = tmp_path / "store"
    writer = subprocess.Popen(ingest_command(big_corpus, store), start_new_session=True)
    readers = [
        ["query", "visits-hosted", "--format", "json"],
        ["export", "--format", "nquads", "--out", str(tmp_path / "snapshot.nq")],
        ["analyze", "leaders"],
    ]
    concurrent = 0
    try:
        wait_for_store(store)
        for command in readers * 3:
            if writer.poll() is not None:
                break
            result = subprocess.run(
                [sys.executable, "-m", "sinergi.cli", *command, "--store", str(store)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr
            concurrent += writer.poll() is None  # the ingest was running all along
    finally:
        if writer.poll() is None:
            writer.wait(timeout=300)
    assert writer.returncode == 0
    assert concurrent >= len(readers), "the ingest ended before the readers could run"
    visits = subprocess.run(
        [sys.executable, "-m", "sinergi.cli", "query", "visits-hosted", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert visits.returncode == 0 and "Kota Bandung" in visits.stdout
