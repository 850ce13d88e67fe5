"""Every class and property the RDF mapping writes is declared in the ontology.

A standard term (schema:name, org:Membership, time:inside ...) used by the mapping but not
declared would make the ontology an incomplete schema of the graph: OWL tools would see an
undeclared term and the model diagram would miss it.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import extraction_triples, reference_triples
from sinergi.loaders.read.documents import Document
from sinergi.namespace import RDF, RDFS
from sinergi.ontology import load_ontology
from tests.graph.store.fixture_corpus import ARTICLES

DECLARED = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
BUILT_IN = {RDF.type, RDFS.label}
EXTRA = (
    "Kunjungan\n\n"
    "Pemkot Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu, Kamis (24/2/2022).\n"
    "Wali Kota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan di rumah dinas.\n"
)


@pytest.fixture(scope="module")
def written() -> Graph:
    graph = Graph()
    for triple in reference_triples():
        graph.add(triple)
    documents = [Document(doc, text) for doc, text in ARTICLES.items()]
    documents.append(
        Document("x", EXTRA, url="https://contoh.id/x", published="2022-02-25", outlet="Contoh")
    )
    for document in documents:
        for triple in extraction_triples(extract(document)):
            graph.add(triple)
    return graph


def test_every_written_term_is_declared(written: Graph) -> None:
    onto = load_ontology()
    declared = {s for kind in DECLARED for s in onto.subjects(RDF.type, kind)}
    used = {p for p in written.predicates()} | set(written.objects(None, RDF.type))
    missing = sorted(str(t) for t in used - declared - BUILT_IN if isinstance(t, URIRef))
    assert missing == []


def test_the_sample_uses_the_time_and_membership_terms(written: Graph) -> None:
    used = {str(p) for p in written.predicates()}
    for term in (
        "org#memberDuring",
        "time#inside",
        "org#role",
        "schema.org/url",
        "terms/publisher",
    ):
        assert any(u.endswith(term) for u in used), term
