"""RDF mapping: provenance and evidence on every statement, typed dates, reference tables."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from sinergi import namespace
from sinergi.loaders.extract.pipeline import Extraction, extract
from sinergi.loaders.rdf import THEME_SCHEME, extraction_triples, reference_triples
from sinergi.loaders.read.documents import Document
from sinergi.namespace import OA, PROV, RDF, SCHEMA, SG, SKOS, article_iri, region_iri

# Module attributes that are rdflib namespaces make pytest's collection warn; use constants.
XSD_DATE = namespace.XSD.date
XSD_DECIMAL = namespace.XSD.decimal

TEXT = (
    "Kunjungan Belajar Antarkota\n\n"
    "Pemkot Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu, Kamis (24/2/2022).\n"
    "Wali Kota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan di rumah dinas.\n"
    "Rombongan Kota Bengkulu mempelajari program pasar murah keliling milik Pemkot Pangkalpinang."
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(Document("uji-rdf", TEXT, title="Kunjungan Belajar Antarkota"))


@pytest.fixture(scope="module")
def graph(extraction: Extraction) -> Graph:
    result = Graph()
    for triple in extraction_triples(extraction):
        result.add(triple)
    return result


def test_fixture_extraction_has_every_statement_kind(extraction: Extraction) -> None:
    result = extraction.to_json()
    assert [(e["type"], e["hosts"], e["guests"]) for e in result["events"]] == [
        ("visit", ["19.71"], ["17.71"])
    ]
    assert [(e["learner"], e["source"]) for e in result["learning"]] == [("17.71", "19.71")]
    assert [(p["owner"], p["theme"]) for p in result["programs"]] == [("19.71", "perdagangan")]
    assert [o["name"] for o in result["officials"]] == ["Maulan Aklil"]


def test_article_node(graph: Graph, extraction: Extraction) -> None:
    article = article_iri("uji-rdf")
    assert (article, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(article, SG.docId) == Literal("uji-rdf")
    assert graph.value(article, SG.contentHash) == Literal(extraction.document.content_hash)
    assert graph.value(article, SCHEMA.headline) == Literal("Kunjungan Belajar Antarkota")
    assert set(graph.objects(article, SCHEMA.mentions)) == {
        region_iri("17.71"),
        region_iri("19.71"),
    }


@pytest.mark.parametrize("kind", [SG.Learning, SG.Visit, SG.Program])
def test_statements_have_provenance_and_quoted_evidence(graph: Graph, kind: URIRef) -> None:
    nodes = list(graph.subjects(RDF.type, kind))
    assert len(nodes) == 1
    for node in nodes:
        assert graph.value(node, PROV.wasDerivedFrom) == article_iri("uji-rdf")
        assert graph.value(node, SG.rule) is not None
        confidence = graph.value(node, SG.confidence)
        assert confidence.datatype == XSD_DECIMAL and 0 < float(confidence) <= 1
        evidence = graph.value(node, SG.evidence)
        assert (evidence, RDF.type, OA.SpecificResource) in graph
        assert graph.value(evidence, OA.hasSource) == article_iri("uji-rdf")
        selectors = set(graph.objects(evidence, OA.hasSelector))
        [quote] = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
        [position] = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph]
        start = int(graph.value(position, OA.start))
        end = int(graph.value(position, OA.end))
        exact = str(graph.value(quote, OA.exact))
        assert exact == TEXT[start:end]
        assert exact in TEXT.splitlines()
        index = int(graph.value(evidence, SG.sentenceIndex))
        assert index >= 1  # never the headline


def test_learning_node_and_shortcut(graph: Graph) -> None:
    [node] = graph.subjects(RDF.type, SG.Learning)
    assert graph.value(node, SG.learner) == region_iri("17.71")
    assert graph.value(node, SG.source) == region_iri("19.71")
    assert (region_iri("17.71"), SG.learnedFrom, region_iri("19.71")) in graph
    assert (region_iri("19.71"), SG.learnedFrom, region_iri("17.71")) not in graph
    [program] = graph.subjects(RDF.type, SG.Program)
    assert graph.value(node, SG.aboutProgram) == program


def test_visit_roles(graph: Graph) -> None:
    [visit] = graph.subjects(RDF.type, SG.Visit)
    assert (visit, RDF.type, SG.CollaborationEvent) in graph
    assert set(graph.objects(visit, SG.host)) == {region_iri("19.71")}
    assert set(graph.objects(visit, SG.guest)) == {region_iri("17.71")}
    assert set(graph.objects(visit, SG.participant)) == {region_iri("17.71"), region_iri("19.71")}


def test_dates_are_xsd_dates(graph: Graph) -> None:
    dated = list(graph.subject_objects(SG.date))
    assert len(dated) == 4  # the visit, the learning relation, the program, the membership
    for _node, value in dated:
        assert value == Literal("2022-02-24", datatype=XSD_DATE)


def test_dates_never_ill_typed() -> None:
    document = Document("tanggal-buruk", "Pemkot Bandung menggelar rapat.", published="2022-02-30")
    triples = extraction_triples(extract(document))
    assert not [t for t in triples if isinstance(t[2], Literal) and t[2].datatype == XSD_DATE]


def test_same_extraction_gives_the_same_triples(extraction: Extraction) -> None:
    again = extract(Document("uji-rdf", TEXT, title="Kunjungan Belajar Antarkota"))
    assert set(extraction_triples(extraction)) == set(extraction_triples(again))


def test_reference_triples_regions_and_themes() -> None:
    graph = Graph()
    for triple in reference_triples():
        graph.add(triple)

    regions = set(graph.subjects(RDF.type, SG.Region))
    assert len(regions) == 552
    assert all(graph.value(region, SKOS.notation) is not None for region in regions)
    assert graph.value(region_iri("17.71"), SKOS.notation) == Literal("17.71")
    assert (region_iri("17.71"), SG.partOf, region_iri("17")) in graph
    assert (region_iri("17"), RDF.type, SG.Province) in graph
    assert (region_iri("36.04"), RDF.type, SG.Regency) in graph
    assert (region_iri("36.73"), RDF.type, SG.City) in graph

    themes = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(themes) == 36
    assert all((theme, SKOS.inScheme, THEME_SCHEME) in graph for theme in themes)
    assert {str(graph.value(t, SKOS.notation)) for t in themes} >= {"perdagangan", "perhubungan"}


def test_official_mention_is_an_observed_membership(graph: Graph) -> None:
    org, time = namespace.ORG, namespace.TIME
    person = namespace.person_iri("Maulan Aklil", "19.71")
    post = namespace.post_iri("wali kota", "19.71")
    role = namespace.role_iri("wali kota")
    [membership] = graph.subjects(RDF.type, org.Membership)

    assert graph.value(membership, org.member) == person
    assert graph.value(membership, org.organization) == namespace.government_iri("19.71")
    assert graph.value(membership, org.role) == role
    assert graph.value(post, org.role) == role
    assert (role, RDF.type, org.Role) in graph
    assert (person, org.holds, post) in graph
    interval = graph.value(membership, org.memberDuring)
    assert (interval, RDF.type, time.Interval) in graph
    instant = graph.value(interval, time.inside)
    assert graph.value(instant, time.inXSDDate) == Literal("2022-02-24", datatype=XSD_DATE)
    assert graph.value(interval, time.hasBeginning) is None  # an observation, not a term start
    assert graph.value(membership, SG.date) == Literal("2022-02-24", datatype=XSD_DATE)
    assert graph.value(membership, PROV.wasDerivedFrom) == article_iri("uji-rdf")
    assert graph.value(membership, SG.evidence) is not None


def test_membership_of_an_undated_article_has_no_interval() -> None:
    text = "Pertemuan\n\nWali Kota Pangkalpinang Maulan Aklil menerima tamu dari Kota Bengkulu."
    result = Graph()
    for triple in extraction_triples(extract(Document("tanpa-tanggal", text))):
        result.add(triple)
    [membership] = result.subjects(RDF.type, namespace.ORG.Membership)
    assert result.value(membership, namespace.ORG.memberDuring) is None
    assert result.value(membership, SG.date) is None


def test_evidence_resource_written_once_per_sentence(extraction: Extraction) -> None:
    triples = extraction_triples(extraction)
    assert len(triples) == len(set(triples))
