"""Ingest at scale: worker processes, bulk vs atomic writes, idempotence, crash safety,
re-extraction from the stored text, progress output. Driven through the CLI and the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Literal

import sinergi.graph.store.ingest as ingest_module
from sinergi import api
from sinergi.cli import main
from sinergi.graph.store import OxigraphStore
from sinergi.graph.store.ingest import source_graph, stored_documents
from sinergi.namespace import SG, article_graph, article_iri
from tests.conftest import is_run_provenance

PAIRS = [
    ("Kota Bengkulu", "Kota Pangkalpinang"),
    ("Kabupaten Serang", "Kota Bengkulu"),
    ("Kota Tegal", "Kota Bandung"),
    ("Kota Padang", "Kota Tangerang Selatan"),
    ("Kabupaten Kepahiang", "Kota Bengkulu"),
]
SMALL = 64  # in these tests, inputs from this size on start worker processes
COUNT = SMALL + 16


@pytest.fixture(scope="module", autouse=True)
def start_workers_sooner() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest_module, "SMALL_INPUT", SMALL)
        yield


def article(number: int, suffix: str = "") -> dict[str, str]:
    guest, host = PAIRS[number % len(PAIRS)]
    day = number % 27 + 1
    return {
        "doc": f"uji-{number:03d}",
        "title": f"Studi banding {number}",
        "published": f"2022-03-{day:02d}",
        "outlet": ["kompas.com", "tempo.co", "detik.com"][number % 3],
        "text": (
            f"Pemerintah {guest} melakukan studi banding ke {host}, Rabu ({day}/3/2022). "
            f"Rombongan mempelajari program pasar murah milik {host}.{suffix}"
        ),
    }


def write_corpus(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ingest")
    return write_corpus(folder / "corpus.jsonl", [article(n) for n in range(COUNT)])


def quads(store_dir: Path) -> set[ox.Quad]:
    """The store's quads but the ingest run's identity and times (test_ingest_provenance)."""
    store = ox.Store.read_only(str(store_dir))
    try:
        return {
            q
            for q in store
            if not is_run_provenance(q.predicate.value, getattr(q.graph_name, "value", None))
        }
    finally:
        del store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def parallel_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested once through the CLI with two worker processes."""
    store = tmp_path_factory.mktemp("parallel") / "store"
    code, out, err = run("ingest", str(corpus), "--store", str(store), "--workers", "2")
    assert code == 0, err
    assert f"read {COUNT} articles: {COUNT} added" in out
    assert "2 workers" in out
    return store


def test_workers_bulk_and_atomic_paths_write_the_same_quads(
    corpus: Path, parallel_store: Path, tmp_path: Path
) -> None:
    atomic = tmp_path / "atomic"
    code, _, err = run("ingest", str(corpus), "--store", str(atomic), "-j", "1", "--atomic")
    assert code == 0, err
    assert quads(atomic) == quads(parallel_store)


def test_reingest_changes_nothing_and_replaces_changed_articles(
    corpus: Path, parallel_store: Path, tmp_path: Path
) -> None:
    before = quads(parallel_store)
    code, out, _ = run("ingest", str(corpus), "--store", str(parallel_store), "-q")
    assert (code, out) == (0, "")
    assert quads(parallel_store) == before

    records = [article(n) for n in range(COUNT)]
    records[5]["text"] = "Pemkot Tegal menerima kunjungan kerja Pemkot Padang, Senin (7/3/2022)."
    changed = write_corpus(tmp_path / "changed.jsonl", records)
    code, out, _ = run("ingest", str(changed), "--store", str(parallel_store), "-j", "2")
    assert code == 0
    assert f"0 added, 1 replaced, {COUNT - 1} unchanged" in out
    with api.open_store(parallel_store) as store:
        texts = store.query(
            f"SELECT ?t WHERE {{ GRAPH <{source_graph('uji-005')}> {{ ?a ?p ?t }} }}"
        ).values()
        learned = store.ask(
            f"ASK {{ GRAPH <{article_graph('uji-005')}> {{ ?a <{SG.learnedFrom}> ?b }} }}"
        )
        hosts = store.query(
            f"SELECT ?h WHERE {{ GRAPH <{article_graph('uji-005')}> {{ ?e <{SG.host}> ?h }} }}"
        ).values()
    assert any("Pemkot Tegal menerima" in str(row["t"]) for row in texts)
    assert not learned  # the old studi banding is gone with the old graph
    assert hosts == [{"h": "https://w3id.org/sinergi/id/region/33.76"}]  # Kota Tegal
    # the same records as the first time: back to the first graph, byte for byte
    code, out, _ = run("ingest", str(corpus), "--store", str(parallel_store))
    assert "1 replaced" in out
    assert quads(parallel_store) == before


def test_reextract_rebuilds_articles_from_the_stored_text(
    corpus: Path, parallel_store: Path, tmp_path: Path
) -> None:
    before = quads(parallel_store)
    stale = (article_iri("uji-007"), SG.rule, Literal("old-extractor-rule"))
    with OxigraphStore(parallel_store) as store:  # an older extractor said something else
        store.write_graphs(
            {str(article_graph("uji-007")): f"<{stale[0]}> <{stale[1]}> {stale[2].n3()} .\n"}
        )
    assert quads(parallel_store) != before

    code, out, err = run("ingest", "--reextract", "--store", str(parallel_store), "-j", "2")

    assert code == 0, err
    assert f"{COUNT} unchanged" not in out and f"{COUNT} re-extracted" in out
    assert quads(parallel_store) == before
    code, _, err = run("ingest", "--store", str(parallel_store))
    assert code == 2 and "--reextract" in err


def test_stored_documents_round_trip(parallel_store: Path) -> None:
    with api.open_store(parallel_store, read_only=True) as store:
        documents = list(stored_documents(store, page=7))
    assert [d.doc_id for d in documents] == [f"uji-{n:03d}" for n in range(COUNT)]
    original = article(11)
    assert documents[11].text == original["text"]
    assert (documents[11].title, documents[11].published, documents[11].outlet) == (
        original["title"],
        original["published"],
        original["outlet"],
    )


def test_a_batch_cut_short_is_rewritten(tmp_path: Path) -> None:
    """Graphs written without their content-hash marker (a crash mid bulk load) are redone."""
    corpus = write_corpus(tmp_path / "c.jsonl", [article(n) for n in range(3)])
    with api.open_store(tmp_path / "store") as store:
        api.ingest([corpus], store, workers=1)
        complete = _size_but_runs(store)
        graph = str(article_graph("uji-001"))
        marker = f"<{article_iri('uji-001')}> <{SG.contentHash}>"
        store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ {marker} ?h }} }}")
        store.write_graphs({graph: f'<{article_iri("uji-001")}> <{SG.rule}> "half" .\n'})

        report = api.ingest([corpus], store, workers=1)

        assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
        assert _size_but_runs(store) == complete
        assert not store.ask(f'ASK {{ ?a <{SG.rule}> "half" }}')


def _size_but_runs(store: OxigraphStore) -> int:
    """Quads in the store, but those naming or describing ingest runs (one more per run)."""
    return sum(1 for _s, p, _o, g in store.quads() if not is_run_provenance(str(p), str(g or "")))


def test_duplicate_ids_in_one_input_keep_the_first(tmp_path: Path) -> None:
    records = [article(1), article(2), dict(article(1), text=article(3)["text"])]
    corpus = write_corpus(tmp_path / "dup.jsonl", records)
    with api.open_store(tmp_path / "store") as store:
        report = api.ingest([corpus], store, workers=1, resolve=False)
        docs = {d.doc_id: d.text for d in stored_documents(store)}
    assert (report.read, report.added, report.replaced) == (2, 2, 0)
    assert ["duplicate id" in r.reason for r in report.rejected] == [True]
    assert docs["uji-001"] == article(1)["text"]


def test_a_failing_article_is_reported_and_the_rest_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sinergi.loaders.extract.pipeline as extract_module

    real = extract_module.extract

    def flaky(document):  # type: ignore[no-untyped-def]
        if document.doc_id == "uji-002":
            raise RuntimeError("rule bug")
        return real(document)

    monkeypatch.setattr(extract_module, "extract", flaky)
    corpus = write_corpus(tmp_path / "c.jsonl", [article(n) for n in range(4)])
    with api.open_store(tmp_path / "store") as store:
        report = api.ingest([corpus], store, workers=1)
        hashes = store.article_hashes()
    assert report.added == 3
    assert [(r.source.endswith(":3"), "rule bug" in r.reason) for r in report.rejected] == [
        (True, True)
    ]
    assert sorted(hashes) == ["uji-000", "uji-001", "uji-003"]


def test_unstorable_text_is_stored_with_a_replacement(tmp_path: Path) -> None:
    record = article(1)
    line = json.dumps(record).replace("Rombongan", "Rombongan \\ud800")  # a lone surrogate
    corpus = tmp_path / "s.jsonl"
    corpus.write_text(line + "\n", encoding="utf-8")
    with api.open_store(tmp_path / "store") as store:
        report = api.ingest([corpus], store, workers=1)
        (document,) = stored_documents(store)
    assert report.added == 1 and report.rejected == []
    assert "Rombongan ?" in document.text


def test_progress_bar_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", [article(n) for n in range(2)])
    with api.open_store(tmp_path / "store") as store:
        api.ingest([corpus], store, progress=True, workers=1)
        assert "articles/s" in capsys.readouterr().err
    code, _, err = run("ingest", str(corpus), "--store", str(tmp_path / "s2"))
    assert code == 0 and "articles/s]" not in err  # not a terminal: no bar


def test_ingest_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction pulls documents one chunk at a time, never the whole input."""
    pulled: list[int] = []
    real = ingest_module.iter_documents

    def counting(paths, on_error=None, options=None) -> Iterator:  # type: ignore[no-untyped-def]
        for number, document in enumerate(real(paths, on_error=on_error, options=options)):
            pulled.append(number)
            yield document

    seen: list[int] = []
    real_write = OxigraphStore.write_graphs

    def spy(self, graphs, *, drop=(), bulk=False):  # type: ignore[no-untyped-def]
        seen.append(len(pulled))
        return real_write(self, graphs, drop=drop, bulk=bulk)

    monkeypatch.setattr(ingest_module, "iter_documents", counting)
    monkeypatch.setattr(ingest_module, "BULK_BATCH", (10, 10**9))
    monkeypatch.setattr(OxigraphStore, "write_graphs", spy)
    corpus = write_corpus(tmp_path / "c.jsonl", [article(n) for n in range(40)])
    with api.open_store(tmp_path / "store") as store:
        api.ingest([corpus], store, workers=1, resolve=False)
    assert seen[0] < 40  # the first batch was written before the input was read to the end


def test_compaction_keeps_every_quad_and_is_reported(
    corpus: Path, parallel_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--compact merges the store's files; small bulk ingests are not compacted unless asked,
    big ones are (the threshold is lowered here to reach it with a small corpus)."""
    compacted = tmp_path / "compacted"
    code, out, err = run("ingest", str(corpus), "--store", str(compacted), "--compact")
    assert code == 0, err
    assert "store compacted in" in out
    assert quads(compacted) == quads(parallel_store)

    small = tmp_path / "small"
    code, out, err = run("ingest", str(corpus), "--store", str(small))
    assert code == 0, err
    assert "compacted" not in out

    monkeypatch.setattr(ingest_module, "COMPACT_AFTER_TRIPLES", 100)
    with api.open_store(tmp_path / "big") as store:
        report = api.ingest([corpus], store)
        assert report.compact_seconds is not None
        again = api.ingest([corpus], store, compact=False)
        assert again.compact_seconds is None


class AtomicOnlyStore(OxigraphStore):
    """An embedded store that declares neither a bulk loader nor compaction."""

    bulk_load = False
    compaction = False


def test_capability_flags_drive_the_write_path(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest asks the store's flags, not its class: the same embedded store class writes
    atomically and skips compaction when its flags say it has no bulk loader."""
    assert (OxigraphStore.bulk_load, OxigraphStore.compaction) == (True, True)
    assert (api.RemoteStore.bulk_load, api.RemoteStore.compaction) == (False, False)
    writes: list[bool] = []
    compacted: list[OxigraphStore] = []
    real_write = OxigraphStore.write_graphs

    def spy(self, graphs, *, drop=(), bulk=False):  # type: ignore[no-untyped-def]
        writes.append(bulk)
        return real_write(self, graphs, drop=drop, bulk=bulk)

    monkeypatch.setattr(OxigraphStore, "write_graphs", spy)
    monkeypatch.setattr(OxigraphStore, "compact", lambda self: compacted.append(self))

    with AtomicOnlyStore(tmp_path / "atomic") as store:
        report = api.ingest([corpus], store, workers=1, resolve=False, compact=True)
    assert report.added == COUNT and not report.bulk
    assert writes and not any(writes)
    assert compacted == [] and report.compact_seconds is None

    writes.clear()
    with OxigraphStore(tmp_path / "bulk") as store:
        report = api.ingest([corpus], store, workers=1, resolve=False, compact=True)
    assert report.added == COUNT and report.bulk
    assert True in writes
    assert len(compacted) == 1 and report.compact_seconds is not None


def test_an_ingest_stopped_before_resolving_is_resolved_by_the_next(
    corpus: Path, parallel_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles land, then the ingest dies before entity resolution; rerun with nothing
    new, it still resolves, and the store equals that of an uninterrupted ingest."""
    import sinergi.graph.store.resolve as resolve_module

    def crash(store: object) -> None:
        raise KeyboardInterrupt("killed before resolution")

    monkeypatch.setattr(resolve_module, "resolve_store", crash)
    store_dir = tmp_path / "store"
    with api.open_store(store_dir) as store, pytest.raises(KeyboardInterrupt):
        api.ingest([corpus], store)
    monkeypatch.undo()

    with api.open_store(store_dir) as store:
        report = api.ingest([corpus], store)
        assert (report.added, report.unchanged) == (0, COUNT)
        assert report.resolution is not None
        again = api.ingest([corpus], store)
        assert again.resolution is None  # resolved now: nothing left to do
    assert quads(store_dir) == quads(parallel_store)
