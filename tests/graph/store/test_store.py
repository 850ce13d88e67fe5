"""The embedded Oxigraph store: reference graph, idempotent replace, queries, locking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from sinergi import api
from sinergi.errors import QueryError, StoreError
from sinergi.graph.store import OxigraphStore, QueryResult, open_store
from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import extraction_triples, reference_triples
from sinergi.loaders.read.documents import Document
from sinergi.namespace import REFERENCE_GRAPH, SG, article_graph, region_iri

GRAPH = URIRef("https://w3id.org/sinergi/graph/article/uji")
SUBJECT = URIRef("https://w3id.org/sinergi/id/article/uji")
TRIPLES = [
    (SUBJECT, SG.docId, Literal("uji")),
    (SUBJECT, SG.contentHash, Literal("hash-1")),
    (region_iri("17.71"), SG.learnedFrom, region_iri("19.71")),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """A bare store without the reference graph (fast to open)."""
    opened = OxigraphStore(tmp_path / "bare")
    yield opened
    opened.close()


@pytest.fixture
def full_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """A store opened the public way, with the reference graph loaded."""
    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


def test_bare_store_is_empty(store: OxigraphStore) -> None:
    assert len(store) == 0
    assert not store.has_graph(REFERENCE_GRAPH)


def test_new_store_holds_the_reference_graph(full_store: OxigraphStore) -> None:
    store = full_store
    assert store.has_graph(REFERENCE_GRAPH)
    assert len(store) == len(set(reference_triples()))
    assert store.ask(f'ASK {{ <{region_iri("17.71")}> ?p "17.71" }}')
    assert store.article_hashes() == {}


def test_replace_graph_twice_is_idempotent(store: OxigraphStore) -> None:
    base = len(store)

    store.replace_graph(GRAPH, TRIPLES)
    once = len(store)
    store.replace_graph(GRAPH, TRIPLES)

    assert once == base + len(TRIPLES)
    assert len(store) == once
    assert store.has_graph(GRAPH)


def test_changed_article_replaces_the_old_triples(store: OxigraphStore) -> None:
    base = len(store)
    store.replace_graph(GRAPH, TRIPLES)

    changed = [(SUBJECT, SG.docId, Literal("uji")), (SUBJECT, SG.contentHash, Literal("hash-2"))]
    store.replace_graph(GRAPH, changed)

    assert len(store) == base + 2
    assert store.article_hashes() == {"uji": "hash-2"}
    assert not store.ask(f"ASK {{ ?a <{SG.learnedFrom}> ?b }}")


def test_replace_graph_leaves_other_graphs_alone(store: OxigraphStore) -> None:
    other = URIRef("https://w3id.org/sinergi/graph/article/lain")
    store.replace_graph(other, [(URIRef("urn:x:lain"), SG.docId, Literal("lain"))])
    base = len(store)

    store.replace_graph(GRAPH, TRIPLES)
    store.replace_graph(GRAPH, [])

    assert len(store) == base
    assert not store.has_graph(GRAPH)
    assert store.has_graph(other)
    assert store.article_hashes() == {}  # "lain" has no content hash


def test_article_hashes_of_extracted_documents(store: OxigraphStore) -> None:
    documents = [
        Document("a", "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang."),
        Document("b", "Pemkab Kepahiang studi banding ke Kota Pangkalpinang."),
    ]
    for document in documents:
        store.replace_graph(article_graph(document.doc_id), extraction_triples(extract(document)))

    assert store.article_hashes() == {d.doc_id: d.content_hash for d in documents}


def test_ingest_again_skips_unchanged_and_replaces_changed(tmp_path: Path) -> None:
    folder = tmp_path / "artikel"
    folder.mkdir()
    article = folder / "kunjungan.txt"
    article.write_text(
        "Kunjungan Kerja\nPemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022).\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "store") as store:
        first = api.ingest([folder], store)
        again = api.ingest([folder], store)
        article.write_text(
            "Kunjungan Kerja\nPemkot Jambi menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022).\n",
            encoding="utf-8",
        )
        changed = api.ingest([folder], store)
        hosts = store.query(f"SELECT ?h WHERE {{ ?e <{SG.host}> ?h }}").values()

    assert (first.added, first.replaced, first.unchanged) == (1, 0, 0)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 1)
    assert again.store_quads == first.store_quads
    assert (changed.added, changed.replaced, changed.unchanged) == (0, 1, 0)
    assert hosts == [{"h": str(region_iri("15.71"))}]


def test_query_returns_rows_of_rdflib_terms(store: OxigraphStore) -> None:
    store.replace_graph(GRAPH, TRIPLES)

    result = store.query(
        f"SELECT ?id ?missing WHERE {{ ?a <{SG.docId}> ?id OPTIONAL {{ ?a <urn:x:none> ?missing }} }}"
    )

    assert isinstance(result, QueryResult)
    assert result.variables == ["id", "missing"]
    assert result.rows == [{"id": Literal("uji"), "missing": None}]
    assert result.values() == [{"id": "uji", "missing": None}]


def test_query_sees_the_union_of_graphs(full_store: OxigraphStore) -> None:
    store = full_store
    store.replace_graph(GRAPH, TRIPLES)

    rows = store.query(
        "SELECT ?code WHERE { ?learner <https://w3id.org/sinergi/ns#learnedFrom> ?source . "
        "?source <http://www.w3.org/2004/02/skos/core#notation> ?code }"
    ).values()

    assert rows == [{"code": "19.71"}]


@pytest.mark.parametrize(
    "sparql",
    ["SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p }", "SELECT * WHERE { ?s ?p ?o "],
)
def test_invalid_sparql_raises_query_error(store: OxigraphStore, sparql: str) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query(sparql)


def test_invalid_ask_raises_query_error(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.ask("ASK { ?s ?p ")


def test_ask_query_through_query_raises_query_error(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="ASK"):
        store.query("ASK { ?s ?p ?o }")


def test_second_store_on_the_same_folder_is_locked(tmp_path: Path) -> None:
    first = OxigraphStore(tmp_path / "store")
    try:
        with pytest.raises(StoreError, match="locked"):
            OxigraphStore(tmp_path / "store")
    finally:
        first.close()


def test_closed_store_can_be_reopened(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        store.replace_graph(GRAPH, TRIPLES)
        count = len(store)

    reopened = open_store(tmp_path / "store")
    assert len(reopened) == count
    reopened.close()


def test_read_only_open_retries_when_a_writer_deletes_a_file_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer merging files can delete one that the reader's file list still names."""
    import pyoxigraph as ox

    open_store(tmp_path / "store").close()
    real = ox.Store.read_only
    failures = iter(["Corruption: IO error: No such file or directory: 000012.sst"] * 3)

    def racing(path: str) -> ox.Store:
        message = next(failures, None)
        if message is not None:
            raise RuntimeError(message)
        return real(path)

    monkeypatch.setattr(ox.Store, "read_only", racing)
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert len(reader) > 0
    reader.close()

    def corrupt(path: str) -> ox.Store:
        raise RuntimeError("Corruption: checksum mismatch")

    monkeypatch.setattr(ox.Store, "read_only", corrupt)
    with pytest.raises(StoreError, match=r"cannot open store .*checksum mismatch"):
        OxigraphStore(tmp_path / "store", read_only=True)
