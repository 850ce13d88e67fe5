"""Ingest with extraction on a Dask cluster: a LocalCluster of worker processes must build
the graph a plain ingest builds, report the same rejected records at the same places,
survive a worker killed mid-task, and resume a run cut short. Driven through the CLI
(``--scheduler``) and the API (``client=``)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import sinergi.graph.store.cluster as cluster_module
from sinergi import api
from sinergi.errors import SinergiError
from sinergi.graph.store import OxigraphStore
from sinergi.graph.store.cluster import HashSet
from sinergi.loaders.read.documents import Document
from sinergi.loaders.read.partitions import Partition
from tests.graph.store.fixture_corpus import write_articles
from tests.graph.store.test_ingest import article, quads, run

distributed = pytest.importorskip("distributed")

LINES = 16  # lines of a JSON Lines file per task, here: several tasks per file


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, object]]:
    """Three single-threaded worker processes; their scheduler's address and a client."""
    with (
        distributed.LocalCluster(
            n_workers=3,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        yield local.scheduler_address, client


@pytest.fixture(autouse=True)
def small_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_module, "PARTITION_LINES", LINES)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of every kind of partition: a JSON Lines file cut into line ranges (with a
    broken line in its third range), a gzipped one, text files, and an id repeated in a
    later file with another text (the first one read must win)."""
    folder = tmp_path_factory.mktemp("cluster") / "corpus"
    write_articles(folder / "texts")
    lines = [json.dumps(article(n), ensure_ascii=False) for n in range(60)]
    lines.insert(40, '{"doc": "broken", "text": ')
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [article(n) for n in range(60, 90)]
    records.append(dict(article(7), text="Teks lain dengan id yang sama."))
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return folder


@pytest.fixture(scope="module")
def plain(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The corpus ingested without a cluster: its store, summary and rejections."""
    store = tmp_path_factory.mktemp("plain") / "store"
    code, out, err = run("ingest", str(corpus), "--store", str(store), "-j", "1")
    assert code == 3, err  # the broken line and the repeated id are skipped
    return store, out, err


def summary(out: str) -> str:
    """The counts of an ingest's summary line, without the store name and timings."""
    return out.split("; ")[0]


def test_cluster_ingest_equals_plain_ingest(
    cluster: tuple[str, object], corpus: Path, plain: tuple[Path, str, str], tmp_path: Path
) -> None:
    address, _ = cluster
    store = tmp_path / "store"
    code, out, err = run("ingest", str(corpus), "--store", str(store), "--scheduler", address)
    plain_store, plain_out, plain_err = plain
    assert code == 3
    assert (
        summary(out)
        == summary(plain_out)
        == ("read 94 articles: 94 added, 0 replaced, 0 unchanged, 2 skipped")
    )
    assert "3 workers" in out
    assert err == plain_err  # the same records, at the same file:line, in the same order
    assert "a.jsonl:41: invalid JSON" in err
    assert "duplicate id 'uji-007'" in err
    assert quads(store) == quads(plain_store)

    code, out, _ = run("ingest", str(corpus), "--store", str(store), "--scheduler", address)
    assert summary(out).startswith("read 94 articles: 0 added, 0 replaced, 94 unchanged")
    assert quads(store) == quads(plain_store)


def test_fsspec_urls_are_read_on_the_workers(
    cluster: tuple[str, object], corpus: Path, plain: tuple[Path, str, str], tmp_path: Path
) -> None:
    _, client = cluster
    rejected: list[str] = []
    with api.open_store(tmp_path / "store") as store:
        report = api.ingest(
            [corpus.as_uri()], store, client=client, on_error=lambda r: rejected.append(r.source)
        )
    assert (report.read, report.added) == (94, 94)
    assert f"{(corpus / 'a.jsonl').as_uri()}:41" in rejected
    assert quads(tmp_path / "store") == quads(plain[0])


def test_cluster_extract_writes_what_a_plain_extract_writes(
    cluster: tuple[str, object], corpus: Path
) -> None:
    """`sinergi extract --scheduler`: the same records in the same order, the same
    rejections at the same places, the same exit code; and through the API with a client
    and a file URL read on the workers."""
    address, client = cluster
    plain = run("extract", str(corpus))
    on_cluster = run("extract", str(corpus), "--scheduler", address)
    assert plain[0] == on_cluster[0] == 3
    assert on_cluster[1] == plain[1]
    assert on_cluster[2] == plain[2]
    records = [json.loads(line) for line in plain[1].splitlines()]
    assert len(records) == 94 and any(r["events"] for r in records)

    rejected: list[str] = []
    through_api = list(
        api.extract_records(
            [corpus.as_uri()], on_error=lambda r: rejected.append(r.reason), client=client
        )
    )
    assert through_api == records
    assert len(rejected) == 2
    with pytest.raises(SinergiError, match="invalid JSON"):
        list(api.extract_records([corpus], client=client))


def test_extract_takes_one_cluster_option(corpus: Path) -> None:
    code, _, err = run("extract", str(corpus), "--scheduler", "tcp://x:1", "--local-cluster", "2")
    assert code == 2 and "not both" in err


def kill_worker_reading(marker: Path, first: int) -> Callable[[], None]:
    """What to run on every worker: the first task that reads lines from ``first`` on
    kills its own worker process, as a machine lost mid-task would."""

    def install() -> None:
        real = cluster_module.read_partition

        def reading(partition: Partition, *args: object) -> Iterator[Document]:
            if partition.first == first and not marker.exists():
                marker.touch()
                os.kill(os.getpid(), signal.SIGKILL)
            return real(partition, *args)  # type: ignore[arg-type]

        cluster_module.read_partition = reading  # type: ignore[assignment]

    return install


def disarm() -> None:
    from sinergi.loaders.read import partitions

    cluster_module.read_partition = partitions.read_partition


def test_a_worker_killed_mid_run_loses_nothing(
    cluster: tuple[str, object], corpus: Path, plain: tuple[Path, str, str], tmp_path: Path
) -> None:
    _, client = cluster
    marker = tmp_path / "killed"
    client.run(kill_worker_reading(marker, 2 * LINES))  # type: ignore[attr-defined]
    try:
        with api.open_store(tmp_path / "store") as store:
            report = api.ingest([corpus], store, client=client)
            again = api.ingest([corpus], store, client=client)
    finally:
        client.run(disarm)  # type: ignore[attr-defined]
    assert marker.exists()  # a worker did die
    assert (report.added, len(report.rejected)) == (94, 2)
    assert (again.added, again.unchanged) == (0, 94)
    assert quads(tmp_path / "store") == quads(plain[0])


def test_a_run_cut_short_is_resumed_by_the_next(
    cluster: tuple[str, object],
    corpus: Path,
    plain: tuple[Path, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ingest dies after some batches landed (and one only half: graphs without their
    markers); the rerun on the cluster redoes what is missing and nothing else."""
    import sinergi.graph.store.ingest as ingest_module

    _, client = cluster
    monkeypatch.setattr(ingest_module, "BULK_BATCH", (20, 10**9))
    real_write = OxigraphStore.write_graphs
    calls: list[int] = []

    def crash_before_third_marker(self, graphs, *, drop=(), bulk=False):  # type: ignore[no-untyped-def]
        markers = not bulk and all(
            g.startswith("https://w3id.org/sinergi/graph/article/") for g in graphs
        )
        if markers and len(graphs) > 1:
            calls.append(1)
            if len(calls) == 3:
                raise KeyboardInterrupt("killed")
        return real_write(self, graphs, drop=drop, bulk=bulk)

    monkeypatch.setattr(OxigraphStore, "write_graphs", crash_before_third_marker)
    with api.open_store(tmp_path / "store") as store, pytest.raises(KeyboardInterrupt):
        api.ingest([corpus], store, client=client)
    monkeypatch.setattr(OxigraphStore, "write_graphs", real_write)

    with api.open_store(tmp_path / "store") as store:
        report = api.ingest([corpus], store, client=client)
    assert report.added + report.replaced < 94  # the landed batches were skipped
    assert report.replaced == 20  # the half-written batch was redone
    assert quads(tmp_path / "store") == quads(plain[0])


def test_reextract_runs_on_the_cluster(
    cluster: tuple[str, object], corpus: Path, plain: tuple[Path, str, str], tmp_path: Path
) -> None:
    address, _ = cluster
    store = tmp_path / "store"
    code, _, err = run("ingest", str(corpus / "texts"), "--store", str(store), "-q")
    assert code == 0, err
    before = quads(store)
    code, out, err = run("ingest", "--reextract", "--store", str(store), "--scheduler", address)
    assert code == 0, err
    assert "4 re-extracted" in out
    assert quads(store) == before


def test_hash_set() -> None:
    digests = [Document(f"d{n}", f"teks {n}").content_hash for n in range(50)]
    known = HashSet([*digests[:40], ""])
    assert len(known) == 40
    assert all(d in known for d in digests[:40])
    assert not any(d in known for d in digests[40:])
    assert "" not in known and "" not in HashSet([])


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 2)
    code, _, err = run(
        "ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--scheduler", "tcp://127.0.0.1:1"
    )
    assert code == 1
    assert err.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 2 s")
    assert len(err.strip().splitlines()) == 1


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    code, _, err = run(
        "ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--local-cluster", "2"
    )
    assert code == 1
    assert "pip install 'sinergi[cluster]'" in err
