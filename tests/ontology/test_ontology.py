"""The shipped ontology: declares every SG term, reuses the standard vocabularies, is
rebuilt identically by ``scripts/build_ontology.py``, and is consistent under HermiT.

TIME and XSD are reached through ``ns``: as module globals, pytest's collection probes them
for mock attributes and rdflib warns about each unknown term.
"""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from sinergi import namespace as ns
from sinergi.namespace import FOAF, OA, ORG, PROV, RDF, RDFS, SCHEMA, SG, SKOS
from sinergi.ontology import (
    ONTOLOGY_PATH,
    SAMPLE,
    ReasonerReport,
    ReasonerUnavailableError,
    check_consistency,
    load_ontology,
    reasoner_copy,
)
from tests.conftest import REPO

SG_TERMS = sorted(SG.__annotations__)
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="HermiT needs a Java runtime: `java` is not on PATH"
)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_shipped_turtle_loads(onto: Graph) -> None:
    assert ONTOLOGY_PATH.is_file()
    header = URIRef(str(SG._NS).rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in onto
    for predicate in (URIRef("http://purl.org/dc/terms/title"), OWL.versionInfo, RDFS.comment):
        assert onto.value(header, predicate) is not None, predicate
    assert not list(onto.objects(None, OWL.imports))


@pytest.mark.parametrize("name", SG_TERMS)
def test_sg_term_declared_with_labels(onto: Graph, name: str) -> None:
    term = SG[name]
    kinds = set(onto.objects(term, RDF.type)) & DECLARATIONS
    assert len(kinds) == 1, f"sg:{name} must be exactly one of class/object/datatype property"
    langs = {label.language for label in onto.objects(term, RDFS.label)}
    assert {"id", "en"} <= langs, f"sg:{name} labels: {langs}"
    comments = [c for c in onto.objects(term, RDFS.comment) if isinstance(c, Literal)]
    assert any(c.language == "en" for c in comments), f"sg:{name} has no English comment"


def test_ontology_declares_nothing_outside_sg(onto: Graph) -> None:
    """Every sg: subject of the ontology is in the SG contract (no stray terms)."""
    declared = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(SG._NS)}
    assert declared == {SG[name] for name in SG_TERMS}


@pytest.mark.parametrize(
    ("namespace", "name"),
    [
        (ORG, "W3C ORG"),
        (PROV, "PROV-O"),
        (SKOS, "SKOS"),
        (ns.TIME, "OWL-Time"),
        (SCHEMA, "schema.org"),
        (OA, "Web Annotation"),
        (FOAF, "FOAF"),
    ],
)
def test_standard_vocabulary_is_used(onto: Graph, namespace: object, name: str) -> None:
    used = {t for triple in onto for t in triple if isinstance(t, URIRef)}
    assert any(t.startswith(str(namespace)) for t in used), f"{name} is not used"


@pytest.mark.parametrize(
    "triple",
    [
        (SG.Region, RDFS.subClassOf, SCHEMA.AdministrativeArea),
        (SG.RegionalGovernment, RDFS.subClassOf, ORG.FormalOrganization),
        (SG.RegionalGovernment, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (SG.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (SG.governs, OWL.inverseOf, SG.government),
        (SG.position, RDFS.domain, ORG.Post),
        (FOAF.Person, OWL.equivalentClass, SCHEMA.Person),
        (SG.CollaborationEvent, RDFS.subClassOf, SCHEMA.Event),
        (SG.host, RDFS.subPropertyOf, SG.participant),
        (SG.guest, RDFS.subPropertyOf, SG.participant),
        (SG.date, RDFS.range, ns.XSD.date),
        (SG.Program, RDFS.subClassOf, SCHEMA.GovernmentService),
        (SG.theme, RDFS.range, SKOS.Concept),
        (SG.Extraction, RDFS.subClassOf, PROV.Activity),
        (SG.evidence, RDFS.range, OA.SpecificResource),
        (SG.sentenceIndex, RDFS.range, ns.XSD.integer),
        (ns.TIME.hasTime, RDF.type, OWL.ObjectProperty),
        (ns.TIME.inXSDDate, RDF.type, OWL.DatatypeProperty),
        (ORG.memberDuring, RDF.type, OWL.ObjectProperty),
        (OA.TextQuoteSelector, RDF.type, OWL.Class),
        (OA.TextPositionSelector, RDF.type, OWL.Class),
        (PROV.wasDerivedFrom, RDF.type, OWL.ObjectProperty),
    ],
    ids=lambda t: " ".join(str(x).rsplit("/", 1)[-1] for x in t),
)
def test_alignment(onto: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in onto


def test_learned_from_is_not_transitive(onto: Graph) -> None:
    assert (SG.learnedFrom, RDF.type, OWL.TransitiveProperty) not in onto


def test_disjoint_subclasses(onto: Graph) -> None:
    groups = [
        set(onto.items(members))
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in onto.objects(axiom, OWL.members)
    ]
    assert {SG.Province, SG.Regency, SG.City} in groups
    assert {SG.Visit, SG.Agreement, SG.Forum} in groups


def test_rebuild_matches_shipped_file(tmp_path, onto: Graph) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_ontology", REPO / "scripts" / "build_ontology.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    write_turtle = builder.write_turtle

    first = write_turtle(tmp_path / "a" / "sinergi.ttl")
    second = write_turtle(tmp_path / "b" / "sinergi.ttl")
    assert first.read_bytes() == second.read_bytes(), "build output is not deterministic"
    rebuilt = Graph().parse(first, format="turtle")
    assert isomorphic(rebuilt, onto), "sinergi.ttl is stale: run python scripts/build_ontology.py"


def test_reasoner_copy_has_no_xsd_date() -> None:
    assert not any(ns.XSD.date in triple for triple in reasoner_copy())


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    owlready2 = pytest.importorskip("owlready2")
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-for-sinergi")
    with pytest.raises(ReasonerUnavailableError, match="Java"):
        check_consistency()


def test_xsd_date_in_abox_is_refused() -> None:
    extra = Graph()
    extra.add((SAMPLE.L, SG.date, Literal("2024-05-02", datatype=ns.XSD.date)))
    with pytest.raises(ValueError, match="xsd:dateTime"):
        check_consistency(extra=extra)


@pytest.fixture(scope="module")
def report() -> ReasonerReport:
    return check_consistency()


@needs_java
def test_hermit_consistent_and_classifies_sample(report: ReasonerReport) -> None:
    assert report.consistent, report.message
    assert report.unsatisfiable == ()
    assert report.learner_regions == (SAMPLE.A,)
    assert report.host_regions == (SAMPLE.B,)


@needs_java
@pytest.mark.parametrize(
    "triple",
    [
        (SAMPLE.A, RDF.type, SG.Province),  # a city cannot also be a province
        (SAMPLE.L, SG.confidence, Literal("1.5", datatype=ns.XSD.decimal)),  # outside [0, 1]
        (SAMPLE.L, SG.learner, SAMPLE.C),  # sg:learner is functional, A and C differ
    ],
    ids=["disjoint-classes", "confidence-range", "functional-learner"],
)
def test_hermit_detects_contradictions(triple: tuple[URIRef, URIRef, object]) -> None:
    extra = Graph()
    extra.add(triple)
    assert not check_consistency(extra=extra).consistent
