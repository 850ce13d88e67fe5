"""The vocabularies sinergi writes, and how its resource IRIs are built.

One place for every IRI so that the RDF mapping, the ontology, the SPARQL library and the
tests agree. sinergi's own vocabulary (``SG``) is a ``DefinedNamespace`` with ``_fail =
True``: a mistyped term raises at import time in tests instead of silently minting a new
predicate. Standard vocabularies (W3C ORG, PROV-O, SKOS, OWL-Time, schema.org, FOAF, Web
Annotation) are reused wherever they fit; ``SG`` only holds what they lack.

Resource IRIs are built from stable keys (Kemendagri codes, document ids, slugs), never
from display names, so re-ingesting an article mints the same IRIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

__all__ = [
    "BASE",
    "CURATION_STATUS_GRAPH",
    "DCTERMS",
    "FOAF",
    "GRAPH",
    "ID",
    "OA",
    "ORG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REFERENCE_GRAPH",
    "SCHEMA",
    "SG",
    "SKOS",
    "TIME",
    "WD",
    "XSD",
    "article_graph",
    "article_iri",
    "government_iri",
    "person_iri",
    "post_iri",
    "region_iri",
    "role_iri",
    "slug",
    "statement_iri",
    "theme_iri",
]

BASE = "https://w3id.org/sinergi/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

REFERENCE_GRAPH = URIRef(GRAPH["reference"])
"""Named graph holding the region, government and theme tables (loaded once per store)."""
CURATION_STATUS_GRAPH = URIRef(GRAPH["curation-status"])
"""Named graph holding every curated statement's status, rebuilt from the decisions."""


class SG(DefinedNamespace):
    """sinergi's own terms: only what ORG, PROV-O, SKOS, OWL-Time and schema.org lack."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # Regions and governments
    Region: URIRef  # a province, regency or city (schema:AdministrativeArea)
    Province: URIRef  # provinsi
    Regency: URIRef  # kabupaten
    City: URIRef  # kota
    RegionalGovernment: URIRef  # pemerintah daerah, an org:FormalOrganization
    partOf: URIRef  # regency/city -> its province (schema:containedInPlace)
    governs: URIRef  # government -> region
    government: URIRef  # region -> its government (inverse of governs)

    # Officials and posts
    position: URIRef  # normalised position of a post ("wali kota"), see ANNOTATION.md
    postRegion: URIRef  # post -> region it serves (absent for national posts)

    # Collaboration events
    CollaborationEvent: URIRef  # a visit, agreement or forum between regions
    Visit: URIRef  # kunjungan kerja, studi banding: guests travel to hosts
    Agreement: URIRef  # MoU / perjanjian kerja sama signed
    Forum: URIRef  # multi-region meeting (APEKSI, rakor)
    host: URIRef  # event -> hosting region (sub-property of participant)
    guest: URIRef  # event -> guest region (sub-property of participant)
    participant: URIRef  # event -> any participating region
    forumName: URIRef  # event -> association or forum name ("APEKSI")
    date: URIRef  # xsd:date of an event, learning relation or first report

    # Learning and programs
    Learning: URIRef  # reified "learner learned from source" relation
    learner: URIRef  # Learning -> region that learns
    source: URIRef  # Learning -> region learned from
    learnedFrom: URIRef  # shortcut region -> region, one per Learning node
    viaEvent: URIRef  # Learning -> the event it happened at
    aboutProgram: URIRef  # Learning -> program that was learned
    Program: URIRef  # a public program, policy or innovation of a region
    owner: URIRef  # Program -> region that originated it
    theme: URIRef  # Program/Learning -> skos:Concept from the themes scheme
    LearnerRegion: URIRef  # defined class: Region with some learnedFrom (reasoner check)
    HostRegion: URIRef  # defined class: Region hosting some Visit (reasoner check)

    # Provenance of extracted statements
    Extraction: URIRef  # a prov:Activity run of the extractor over one article
    evidence: URIRef  # statement -> oa:SpecificResource pointing into the article
    sentenceIndex: URIRef  # 0-based sentence number of the evidence in the article
    confidence: URIRef  # rule confidence in [0, 1]
    rule: URIRef  # name of the extraction rule that produced the statement
    docId: URIRef  # the input's document id
    contentHash: URIRef  # sha256 of the article text, for idempotent re-ingest
    extractorVersion: URIRef  # version of sinergi that extracted the article
    retrievedAt: URIRef  # when the article was fetched from its source (xsd:dateTime)

    # Entity resolution across articles (GDELT NumMentions / NumSources)
    mentionCount: URIRef  # canonical event -> number of event mentions merged into it
    articleCount: URIRef  # canonical event -> number of distinct articles reporting it
    sourceCount: URIRef  # canonical event -> number of distinct outlets reporting it

    # Curation: researchers' decisions about extracted statements (sinergi curate)
    Curation: URIRef  # a prov:Activity: one decision about one statement, in its own graph
    curates: URIRef  # Curation -> the statement it judges
    decision: URIRef  # "accept", "reject", "fix" or "undo"
    supersedes: URIRef  # Curation -> an earlier decision it replaces (or undoes)
    correction: URIRef  # what a fix changes, in the review sheet's words
    curationStatus: URIRef  # statement -> "accepted", "rejected", "corrected", ... (status graph)
    excluded: URIRef  # statement -> true when answers leave it out (status graph)


PREFIXES: dict[str, str] = {
    "sg": str(SG._NS),
    "sgid": str(ID),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "foaf": str(FOAF),
    "oa": str(OA),
    "dct": str(DCTERMS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "wd": str(WD),
}
"""Prefixes used when serialising and prepended to every library query."""


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of ``text`` for readable IRIs."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _key(text: str) -> str:
    """Percent-encoded key so any document id stays a valid IRI segment."""
    return quote(text, safe="")


def region_iri(code: str) -> URIRef:
    """IRI of a region from its Kemendagri code (``17.71``)."""
    return URIRef(ID[f"region/{code}"])


def government_iri(code: str) -> URIRef:
    """IRI of the government (pemda) of the region with ``code``."""
    return URIRef(ID[f"government/{code}"])


def theme_iri(theme_slug: str) -> URIRef:
    """IRI of the SKOS concept of a program theme (slug from ``themes.csv``)."""
    return URIRef(ID[f"theme/{theme_slug}"])


def post_iri(position: str, region_code: str | None) -> URIRef:
    """IRI of a post such as "wali kota" of 17.71; national posts have no region."""
    return URIRef(ID[f"post/{region_code or 'national'}/{slug(position)}"])


def role_iri(position: str) -> URIRef:
    """IRI of the ``org:Role`` played by any holder of a post with ``position`` ("bupati")."""
    return URIRef(ID[f"role/{slug(position)}"])


def person_iri(name: str, region_code: str | None) -> URIRef:
    """IRI of a person keyed by normalised name and the region they serve."""
    return URIRef(ID[f"person/{region_code or 'national'}/{slug(name)}"])


def article_iri(doc_id: str) -> URIRef:
    """IRI of an article from its document id."""
    return URIRef(ID[f"article/{_key(doc_id)}"])


def article_graph(doc_id: str) -> URIRef:
    """Named graph holding everything extracted from one article."""
    return URIRef(GRAPH[f"article/{_key(doc_id)}"])


def statement_iri(kind: str, doc_id: str, *parts: object) -> URIRef:
    """IRI of an extracted statement (event, learning, program, evidence) of one article.

    Built from the document id and the statement's own content so that the same extraction
    always mints the same IRI.
    """
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:12]
    return URIRef(ID[f"{kind}/{_key(doc_id)}/{digest}"])
