"""SHACL validation: real extractions conform, hand-broken graphs give the expected violations.

The unit cases validate one article plus the part of the reference graph it needs (four
regions, their governments, the themes), which keeps each pySHACL run to a fraction of a
second; the store and CLI cases validate whole stores.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.paths import SequencePath

from sinergi import api
from sinergi import namespace as ns
from sinergi.cli import main
from sinergi.graph.store.validate import (
    ValidationReport,
    Violation,
    compact,
    load_shapes,
    validate_graph,
    validate_store,
)
from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import THEME_SCHEME, extraction_triples, reference_triples
from sinergi.loaders.read.documents import Document
from sinergi.namespace import (
    ORG,
    PROV,
    RDF,
    SG,
    article_graph,
    article_iri,
    government_iri,
    region_iri,
)
from tests.graph.store.fixture_corpus import build_store

TEXT = (
    "Bengkulu Belajar dari Pangkalpinang\n\n"
    "Pemkot Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu, Kamis (24/2/2022).\n"
    "Wali Kota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan di rumah dinas.\n"
    "Rombongan Kota Bengkulu mempelajari program pasar murah keliling milik Pemkot Pangkalpinang."
)
CODES = ("17", "17.71", "19", "19.71")
BENGKULU, PANGKALPINANG = region_iri("17.71"), region_iri("19.71")


def _article() -> list[tuple]:
    return extraction_triples(extract(Document("uji-shacl", TEXT, title="Uji SHACL")))


def _reference_subset() -> Graph:
    keep = {region_iri(c) for c in CODES} | {government_iri(c) for c in CODES}
    graph = Graph()
    for s, p, o in reference_triples():
        if s in keep or s == THEME_SCHEME or str(s).startswith(str(ns.ID["theme/"])):
            graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def good() -> Graph:
    graph = _reference_subset()
    for triple in _article():
        graph.add(triple)
    return graph


def one(graph: Graph, kind: URIRef) -> URIRef:
    [node] = graph.subjects(RDF.type, kind)
    return node


def check(graph: Graph) -> ValidationReport:
    return validate_graph(graph, ontology=True)


def found(report: ValidationReport) -> set[tuple[URIRef, URIRef | None, str]]:
    return {(v.focus, v.path, v.message) for v in report.violations}


def test_the_article_extracts_every_kind_of_statement(good: Graph) -> None:
    for kind in (SG.Visit, SG.Learning, SG.Program, ORG.Membership, ORG.Post):
        assert one(good, kind)


def test_a_real_extraction_conforms(good: Graph) -> None:
    report = check(good)

    assert report.conforms, "\n".join(v.line() for v in report.violations)
    assert report.violations == ()
    assert report.shapes >= 15
    assert report.triples > len(good)  # the ontology was added


def test_validate_graph_does_not_change_its_input(good: Graph) -> None:
    before = len(good)
    check(good)
    assert len(good) == before


# --- hand-broken graphs ------------------------------------------------------------------

MIN_TWO = "a collaboration event needs at least two participating regions (sg:participant)"
NEEDS_GUEST = "a visit needs a guest region (sg:guest): who travelled"
NOT_AT_EVENT = "region {} of the learning relation does not take part in its sg:viaEvent"
SAME_REGION = "learner and source are the same region {}: a region cannot learn from itself"
NO_ARTICLE = "an extracted statement needs exactly one prov:wasDerivedFrom (its article)"
NO_EVIDENCE = "an extracted statement needs sg:evidence (the sentence that states it)"
ONE_KIND = "a collaboration event must have exactly one type of sg:Visit, sg:Agreement, sg:Forum"
POST_REGION = "sg:postRegion must point to one sg:Region (national posts have none)"
POST_GOVERNMENT = "org:postIn must be the government of sg:postRegion (a national post has neither)"
CONFIDENCE = "an extracted statement needs exactly one sg:confidence, an xsd:decimal in [0, 1]"
NO_POST = "the member holds no org:Post with this org:role in this organization"


def one_party(g: Graph) -> set:
    """The visit loses its guest: one region left."""
    event = one(g, SG.Visit)
    g.remove((event, SG.guest, BENGKULU))
    g.remove((event, SG.participant, BENGKULU))
    return {(event, SG.participant, MIN_TWO), (event, SG.guest, NEEDS_GUEST)}


def learner_not_at_event(g: Graph) -> set:
    """The learning relation happened at the visit, but its learner was not there."""
    event, learning = one(g, SG.Visit), one(g, SG.Learning)
    province = region_iri("17")
    g.add((learning, SG.viaEvent, event))
    g.remove((learning, SG.learner, BENGKULU))
    g.add((learning, SG.learner, province))
    g.add((province, SG.learnedFrom, PANGKALPINANG))
    return {(learning, SG.viaEvent, NOT_AT_EVENT.format(province))}


def learner_is_source(g: Graph) -> set:
    """The learning relation's source becomes its learner (shortcut kept consistent)."""
    learning = one(g, SG.Learning)
    g.remove((learning, SG.source, PANGKALPINANG))
    g.add((learning, SG.source, BENGKULU))
    g.add((BENGKULU, SG.learnedFrom, BENGKULU))
    return {(learning, SG.source, SAME_REGION.format(BENGKULU))}


def no_provenance(g: Graph) -> set:
    """The visit loses its article and its evidence."""
    event = one(g, SG.Visit)
    g.remove((event, PROV.wasDerivedFrom, None))
    g.remove((event, SG.evidence, None))
    return {(event, PROV.wasDerivedFrom, NO_ARTICLE), (event, SG.evidence, NO_EVIDENCE)}


def untyped_event(g: Graph) -> set:
    """The visit is only an sg:CollaborationEvent, of no kind."""
    event = one(g, SG.Visit)
    g.remove((event, RDF.type, SG.Visit))
    return {(event, RDF.type, ONE_KIND)}


def post_in_a_government(g: Graph) -> set:
    """sg:postRegion points to the government instead of the region."""
    post = one(g, ORG.Post)
    g.remove((post, SG.postRegion, PANGKALPINANG))
    g.add((post, SG.postRegion, government_iri("19.71")))
    return {
        (post, SG.postRegion, POST_REGION),
        (post, SequencePath(ORG.postIn, SG.governs), POST_GOVERNMENT),
    }


def bad_confidence(g: Graph) -> set:
    """A rule confidence outside [0, 1]."""
    program = one(g, SG.Program)
    g.remove((program, SG.confidence, None))
    g.add((program, SG.confidence, Literal("1.5", datatype=ns.XSD.decimal)))
    return {(program, SG.confidence, CONFIDENCE)}


def membership_without_post(g: Graph) -> set:
    """The post becomes national, but the tenure still names the regional government."""
    post, membership = one(g, ORG.Post), one(g, ORG.Membership)
    g.remove((post, SG.postRegion, None))
    g.remove((post, ORG.postIn, None))
    return {(membership, ORG.role, NO_POST)}


def national_post(g: Graph) -> set:
    """A national post (no region, no government, no organization on the tenure) is fine."""
    post, membership = one(g, ORG.Post), one(g, ORG.Membership)
    g.remove((post, SG.postRegion, None))
    g.remove((post, ORG.postIn, None))
    g.remove((membership, ORG.organization, None))
    return set()


@pytest.mark.parametrize(
    "breakage",
    [
        one_party,
        learner_not_at_event,
        learner_is_source,
        no_provenance,
        untyped_event,
        post_in_a_government,
        bad_confidence,
        membership_without_post,
        national_post,
    ],
)
def test_broken_graph_gives_exactly_the_expected_violations(
    good: Graph, breakage: Callable[[Graph], set]
) -> None:
    graph = Graph()
    graph += good
    expected = breakage(graph)

    report = check(graph)

    assert found(report) == expected
    assert report.conforms == (not expected)


def test_violation_line_is_compact_and_tab_separated(good: Graph) -> None:
    graph = Graph()
    graph += good
    learner_is_source(graph)

    [violation] = check(graph).violations

    focus, path, message = violation.line().split("\t")
    assert focus.startswith("sgid:learning/uji-shacl/")
    assert path == "sg:source"
    assert message == SAME_REGION.format(BENGKULU)
    assert violation.value == BENGKULU
    assert compact(None) == "-"
    assert compact(SequencePath(ORG.postIn, SG.governs)) == "org:postIn/sg:governs"
    assert compact(Literal("x")) == '"x"'


def test_every_constraint_has_a_message() -> None:
    shapes = load_shapes()
    sh = ns.Namespace("http://www.w3.org/ns/shacl#")
    constraints = list(shapes.objects(None, sh.property)) + list(shapes.objects(None, sh.sparql))
    assert len(constraints) > 40
    missing = [c for c in constraints if shapes.value(c, sh.message) is None]
    assert missing == []


# --- whole stores and the command line ---------------------------------------------------


def test_fixture_store_plus_a_broken_article(tmp_path: Path) -> None:
    """The fixture corpus conforms: the only violations are those of the broken article."""
    store = build_store(tmp_path)
    triples = _article()
    learning = next(s for s, p, o in triples if p == RDF.type and o == SG.Learning)
    triples = [t for t in triples if not (t[0] == learning and t[1] == SG.source)]
    triples.append((learning, SG.source, BENGKULU))
    store.replace_graph(article_graph("uji-shacl"), triples)
    try:
        report = validate_store(store)
    finally:
        store.close()

    assert not report.conforms
    assert found(report) == {
        (learning, SG.source, SAME_REGION.format(BENGKULU)),
        (learning, SG.source, f"the shortcut triple learner sg:learnedFrom {BENGKULU} is missing"),
    }
    assert report.counts() == {v.message: 1 for v in report.violations}
    assert report.summary().startswith("does not conform: 2 violations (")
    assert report.triples > 10_000  # reference tables, four articles and the ontology
    assert 0 < report.load_seconds < report.seconds


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with api.open_store(path) as opened:
        opened.replace_graph(article_graph("uji-shacl"), _article())

    code, out = _cli("validate", "--store", str(path))
    assert code == 0, out
    assert out.splitlines()[-1].startswith("conforms (")

    with api.open_store(path) as opened:
        triples = [t for t in _article() if t[1] != PROV.wasDerivedFrom]
        opened.replace_graph(article_graph("uji-shacl"), triples)

    code, out = _cli("validate", "--store", str(path))
    lines = out.splitlines()
    assert code == 1
    assert lines[-1].startswith("does not conform: ")
    assert len(lines) - 1 == int(lines[-1].split()[3])
    assert all(line.count("\t") == 2 for line in lines[:-1])
    assert any(line.endswith("\t" + NO_ARTICLE) for line in lines)
    assert "exit" in _cli("validate", "--help")[1].lower()


@pytest.mark.shared
def test_seeds_and_dev_corpus_conform(shared: Path, tmp_path: Path) -> None:
    with api.open_store(tmp_path / "store") as opened:
        ingested = api.ingest(
            [shared / "corpus" / "seeds" / "text", shared / "corpus" / "dev" / "docs.jsonl"],
            opened,
        )
        report = validate_store(opened)

    assert ingested.read >= 30 and not ingested.rejected
    assert report.conforms, "\n".join(v.line() for v in report.violations)


def test_violation_defaults() -> None:
    violation = Violation(focus=article_iri("x"), path=None, message="m")
    assert str(violation) == "sgid:article/x\t-\tm"
