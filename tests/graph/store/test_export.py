"""Export: each format parses back to the same statements, named graphs kept where promised."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef

from sinergi import api
from sinergi.cli import main
from sinergi.errors import SinergiError
from sinergi.graph.store import OxigraphStore
from sinergi.graph.store.ingest import source_graph
from sinergi.graph.store.resolve import RESOLUTION_GRAPH
from sinergi.loaders.rdf import reference_triples
from sinergi.namespace import GRAPH, REFERENCE_GRAPH, article_graph
from tests.graph.store.fixture_corpus import ARTICLES, write_articles

PARSERS = {"nquads": "nquads", "jsonld": "json-ld", "turtle": "turtle"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """The fixture corpus in memory, with a small reference graph (the full one is slow)."""
    opened = OxigraphStore()
    reference = [t for t in reference_triples() if "/17.71" in t[0] or "/19.71" in t[0]]
    opened.replace_graph(REFERENCE_GRAPH, reference)
    report = api.ingest([write_articles(tmp_path_factory.mktemp("export"))], opened)
    assert report.added == len(ARTICLES)
    yield opened
    opened.close()


def same(term: object) -> object:
    """A literal by value: rdflib's Turtle writer normalises decimals ("5.000" -> 5.0)."""
    if isinstance(term, Literal) and term.value is not None:
        return (term.value, term.datatype, term.language)
    return term


def union_size(store: OxigraphStore) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    return int(result.values()[0]["n"])


def quad_set(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads()}


def store_quads(store: OxigraphStore) -> set[tuple]:
    return set(store.quads())


class QuadsOnly:
    """A GraphStore seen only through quads(): forces the rdflib export path."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner

    def quads(self):  # type: ignore[no-untyped-def]
        return self.inner.quads()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("fast", [True, False], ids=["oxigraph", "rdflib"])
@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])
def test_quad_formats_round_trip_with_named_graphs(
    store: OxigraphStore, tmp_path: Path, fmt: str, fast: bool
) -> None:
    out = tmp_path / f"graph.{fmt}"

    report = api.export_graph(store if fast else QuadsOnly(store), fmt, out)  # type: ignore[arg-type]

    dataset = Dataset()
    dataset.parse(out, format=PARSERS[fmt])
    assert (report.format, report.unit, report.target) == (fmt, "quads", str(out))
    assert report.statements == len(store)
    assert quad_set(dataset) == store_quads(store)
    names = {g for *_, g in quad_set(dataset)}
    articles = {article_graph(doc) for doc in ARTICLES}
    texts = {URIRef(source_graph(doc)) for doc in ARTICLES}  # kept for --reextract
    runs = {g for g in names if str(g).startswith(str(GRAPH["ingest/"]))}  # the ingest run
    assert len(runs) == 1
    assert names == {REFERENCE_GRAPH, RESOLUTION_GRAPH} | articles | texts | runs


@pytest.mark.parametrize("fast", [True, False], ids=["oxigraph", "rdflib"])
def test_turtle_is_the_union(store: OxigraphStore, tmp_path: Path, fast: bool) -> None:
    out = tmp_path / "graph.ttl"

    report = api.export_graph(store if fast else QuadsOnly(store), "turtle", out)  # type: ignore[arg-type]

    graph = Graph().parse(out, format="turtle")
    assert report.unit == "triples"
    assert report.statements == len(graph) == union_size(store) < len(store)
    assert {(s, p, same(o)) for s, p, o in graph} == {
        (s, p, same(o)) for s, p, o, _ in store.quads()
    }
    text = out.read_text(encoding="utf-8")
    assert "@prefix sg: <https://w3id.org/sinergi/ns#> ." in text
    assert "\\/" not in text


def test_jsonld_is_compacted_with_the_prefixes(store: OxigraphStore) -> None:
    buffer = io.BytesIO()
    api.export_graph(store, "jsonld", buffer)
    text = buffer.getvalue().decode("utf-8")
    assert '"@context"' in text and '"sg": "https://w3id.org/sinergi/ns#"' in text
    assert '"sg:learner"' in text


def test_unknown_format_and_unwritable_target(store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(SinergiError, match="unknown export format"):
        api.export_graph(store, "rdfxml", tmp_path / "x.rdf")
    with pytest.raises(SinergiError, match="cannot write"):
        api.export_graph(store, "nquads", tmp_path / "missing" / "dir" / "x.nq")


def test_cli_export(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with api.open_store(path) as opened:
        expected = len(opened)
        article = URIRef("https://contoh.id/a")
        opened.replace_graph(article_graph("a"), [(article, article, article)])
    runner = CliRunner()

    result = runner.invoke(main, ["export", "--store", str(path), "--format", "nquads"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == expected + 1
    assert f"wrote {expected + 1} quads as nquads to <stdout>" in result.stderr

    out = tmp_path / "graph.ttl"
    result = runner.invoke(
        main, ["export", "--store", str(path), "--format", "turtle", "--out", str(out)]
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(Graph().parse(out, format="turtle")) == expected + 1
    assert "turtle" in runner.invoke(main, ["export", "--help"]).stdout
