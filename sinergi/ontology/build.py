"""Build sinergi's OWL ontology with owlready2 and write it as deterministic Turtle.

The axioms live in Python, next to the vocabulary contract in :mod:`sinergi.namespace`, so
that every ``SG`` term is declared through ``SG.<term>`` (a typo raises, since ``SG`` is a
closed ``DefinedNamespace``) and a term added to ``SG`` but not here fails a test. The
shipped ``sinergi.ttl`` is a build product: ``python -m sinergi.ontology.build`` regenerates
it byte for byte.

Design rules:

* Reuse before inventing. ``SG`` only holds what W3C ORG, PROV-O, SKOS, OWL-Time, FOAF,
  schema.org and Web Annotation lack; those vocabularies are referenced by IRI (declared so
  the ontology stays OWL 2 DL, given an Indonesian label and a ``skos:scopeNote`` on how
  sinergi uses them) and never ``owl:imports``-ed, so loading the ontology needs no network.
* No transitivity on ``sg:learnedFrom``: learning chains are queried with SPARQL property
  paths (``sg:learnedFrom+``), which keeps the stored graph small and the reasoner fast.
* owlready2 cannot write Turtle (``onto.save(format="turtle")`` silently writes 0 bytes), so
  the ontology is saved as RDF/XML and re-serialised with rdflib after canonicalising blank
  nodes, which makes the output independent of owlready2's blank-node numbering.
"""

from __future__ import annotations

import argparse
import io
import types
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import owlready2
from owlready2 import (
    AllDisjoint,
    AnnotationProperty,
    ConstrainedDatatype,
    DataProperty,
    FunctionalProperty,
    Inverse,
    ObjectProperty,
    Thing,
    locstr,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, VANN
from rdflib.term import Node

from sinergi.namespace import (
    DCTERMS,
    FOAF,
    OA,
    ORG,
    PREFIXES,
    PROV,
    RDFS,
    SCHEMA,
    SG,
    SKOS,
    TIME,
    XSD,
)

__all__ = [
    "DEFAULT_OUTPUT",
    "ONTOLOGY_IRI",
    "ONTOLOGY_VERSION",
    "build_ontology",
    "main",
    "to_rdflib",
    "to_turtle",
    "write_turtle",
]

SG_NS = str(SG._NS)
ONTOLOGY_IRI = SG_NS.rstrip("#")
"""IRI of the ontology itself (the ``sg:`` namespace without its ``#``)."""

ONTOLOGY_VERSION = "0.1.0"
"""``owl:versionInfo``; bump when the model changes (no date, so rebuilds stay identical)."""

_SECTIONS: tuple[tuple[str, frozenset[URIRef]], ...] = (
    ("Ontology", frozenset({OWL.Ontology})),
    ("sinergi classes", frozenset({OWL.Class})),
    ("sinergi object properties", frozenset({OWL.ObjectProperty})),
    ("sinergi datatype properties", frozenset({OWL.DatatypeProperty})),
    ("Reused classes (defined by their own vocabularies)", frozenset({OWL.Class})),
    (
        "Reused properties (defined by their own vocabularies)",
        frozenset({OWL.ObjectProperty, OWL.DatatypeProperty}),
    ),
    ("Annotation properties", frozenset({OWL.AnnotationProperty})),
    ("Axioms on several classes", frozenset()),
)
"""Blocks of the Turtle file, in order; the ``sinergi`` ones hold only ``sg:`` terms."""

DEFAULT_OUTPUT = Path(__file__).with_name("sinergi.ttl")
"""Where ``python -m sinergi.ontology.build`` writes the ontology (shipped as package data)."""

Entity = Any
"""An owlready2 class or property (owlready2 entities are Python classes, typed loosely)."""

_TITLE = (
    ("sinergi: ontologi kerja sama antardaerah di Indonesia", "id"),
    ("sinergi: ontology of Indonesian inter-regional government collaboration", "en"),
)
_COMMENT = (
    "Schema of the sinergi knowledge graph, built from news: regions (provinces, regencies, "
    "cities) and their governments, officials and the posts they hold, collaboration events "
    "(visits, agreements, forums) between regions, who learned which program from whom "
    "(reified sg:Learning nodes plus the sg:learnedFrom shortcut), and the provenance of every "
    "extracted statement (PROV-O activity, Web Annotation selectors into the news article). "
    "It reuses W3C ORG, PROV-O, SKOS, OWL-Time, FOAF, schema.org and Web Annotation by IRI "
    "without owl:imports. Tenure pattern (used for dated office terms): an org:Membership with "
    "org:member the foaf:Person, org:organization the sg:RegionalGovernment and "
    "org:memberDuring a time:Interval. Learning chains are read with SPARQL property paths "
    "(sg:learnedFrom+); sg:learnedFrom is deliberately not transitive."
)


# --------------------------------------------------------------------------- helpers


def _split(iri: str) -> tuple[str, str]:
    """Split an IRI into (namespace, local name) at the last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    return iri[:cut], iri[cut:]


def _declare(onto: owlready2.Ontology, iri: URIRef, *bases: Entity) -> Entity:
    """Create (or return) the class or property ``iri`` with ``bases`` inside ``onto``.

    Works for any namespace: the triples land in ``onto`` even for schema.org or ORG terms,
    which is how foreign terms are declared without importing their ontologies.
    """
    namespace, name = _split(str(iri))
    with onto.get_namespace(namespace):
        return types.new_class(name, bases)


def _annotate(entity: Entity, label_id: str, label_en: str, comment_en: str) -> Entity:
    """Give one of sinergi's own terms its Indonesian and English labels and a comment."""
    entity.label = [locstr(label_id, "id"), locstr(label_en, "en")]
    entity.comment = [locstr(comment_en, "en")]
    return entity


def _reuse(entity: Entity, label_id: str, scope_note: str, scope_note_prop: Entity) -> Entity:
    """Annotate a reused term with an Indonesian label and a note on how sinergi uses it.

    The English label and definition stay with the source vocabulary; a ``skos:scopeNote``
    (rather than a second ``rdfs:comment``) keeps sinergi's usage note apart from them.
    """
    entity.label = [locstr(label_id, "id")]
    setattr(entity, scope_note_prop.python_name, [locstr(scope_note, "en")])
    return entity


# --------------------------------------------------------------------------- the model


def build_ontology() -> owlready2.Ontology:
    """Build the sinergi ontology in a fresh owlready2 ``World`` and return it.

    A private world keeps repeated builds (tests, the CLI) from sharing or polluting
    owlready2's ``default_world``. The result includes ``sg:date rdfs:range xsd:date``;
    HermiT rejects ``xsd:date``, so the reasoner check in :mod:`sinergi.ontology` drops that
    range from its working copy.
    """
    world = owlready2.World()
    onto = world.get_ontology(SG_NS)

    def cls(iri: URIRef, *bases: Entity) -> Entity:
        return _declare(onto, iri, *(bases or (Thing,)))

    def obj(iri: URIRef, *supers: Entity, functional: bool = False) -> Entity:
        extra = (FunctionalProperty,) if functional else ()
        return _declare(onto, iri, *(supers or (ObjectProperty,)), *extra)

    def data(iri: URIRef, *supers: Entity, functional: bool = False) -> Entity:
        extra = (FunctionalProperty,) if functional else ()
        return _declare(onto, iri, *(supers or (DataProperty,)), *extra)

    # Annotation properties used in the header and on reused terms.
    title = _declare(onto, DCTERMS.title, AnnotationProperty)
    scope_note = _declare(onto, SKOS.scopeNote, AnnotationProperty)
    ns_prefix = _declare(onto, VANN.preferredNamespacePrefix, AnnotationProperty)
    ns_uri = _declare(onto, VANN.preferredNamespaceUri, AnnotationProperty)

    def reuse(entity: Entity, label_id: str, note: str) -> Entity:
        return _reuse(entity, label_id, note, scope_note)

    # ---- reused vocabulary (declared, never redefined: no domains or ranges added)
    administrative_area = reuse(
        cls(SCHEMA.AdministrativeArea),
        "Wilayah administratif",
        "Superclass of sg:Region.",
    )
    contained_in_place = reuse(
        obj(SCHEMA.containedInPlace),
        "terletak di dalam",
        "Superproperty of sg:partOf.",
    )
    reuse(
        data(SCHEMA.latitude),
        "lintang",
        "Latitude (WGS84 decimal degrees) of a region's centroid or capital.",
    )
    reuse(
        data(SCHEMA.longitude),
        "bujur",
        "Longitude (WGS84 decimal degrees) of a region's centroid or capital.",
    )
    reuse(
        obj(SCHEMA.sameAs),
        "sama dengan",
        "Links a region to its Wikidata entity (wd:Q...).",
    )
    government_organization = reuse(
        cls(SCHEMA.GovernmentOrganization),
        "Organisasi pemerintah",
        "Superclass of sg:RegionalGovernment, for schema.org consumers.",
    )
    schema_event = reuse(
        cls(SCHEMA.Event),
        "Kegiatan",
        "Superclass of sg:CollaborationEvent.",
    )
    government_service = reuse(
        cls(SCHEMA.GovernmentService),
        "Layanan pemerintah",
        "Superclass of sg:Program.",
    )
    schema_person = reuse(
        cls(SCHEMA.Person),
        "Orang",
        "Equivalent to foaf:Person, as schema.org itself states.",
    )
    reuse(
        cls(SCHEMA.NewsArticle),
        "Artikel berita",
        "The news article a statement was extracted from (the oa:hasSource of its evidence).",
    )
    reuse(data(SCHEMA.name), "nama", "Official name of a region ('Kota Bengkulu').")
    reuse(
        data(SCHEMA.alternateName),
        "nama lain",
        "Short name of a region without its kind ('Bengkulu').",
    )
    reuse(data(SCHEMA.headline), "judul", "Title of a schema:NewsArticle.")
    reuse(data(SCHEMA.url), "URL", "Address of a schema:NewsArticle (an xsd:anyURI literal).")
    reuse(
        data(SCHEMA.datePublished),
        "tanggal terbit",
        "Publication date (xsd:date) of a schema:NewsArticle.",
    )
    reuse(
        obj(SCHEMA.mentions),
        "menyebut",
        "Links a schema:NewsArticle to every sg:Region it mentions.",
    )
    reuse(
        obj(SCHEMA.about),
        "tentang",
        "Links an official mention (prov:Entity) to the foaf:Person and the org:Post it names.",
    )
    reuse(
        _declare(onto, DCTERMS.publisher, AnnotationProperty),
        "penerbit",
        "Name of the outlet that published an article (a plain literal, so an annotation).",
    )
    reuse(
        _declare(onto, SKOS.prefLabel, AnnotationProperty),
        "label utama",
        "Name of a theme concept, in Indonesian and English.",
    )
    reuse(
        _declare(onto, SKOS.altLabel, AnnotationProperty),
        "label lain",
        "Another name of a region (an alias from the region table).",
    )
    reuse(
        cls(SKOS.ConceptScheme),
        "Skema konsep",
        "sinergi's scheme of program themes (sgid:theme, the urusan of regional government).",
    )
    reuse(obj(SKOS.inScheme), "dalam skema", "Links a theme concept to the theme scheme.")
    reuse(
        obj(SKOS.topConceptOf),
        "konsep puncak dari",
        "Every theme concept is a top concept of the theme scheme (the scheme is flat).",
    )
    reuse(
        data(SKOS.notation),
        "kode",
        "Kemendagri code of a region (e.g. '17.71'), or the slug of a theme concept.",
    )
    concept = reuse(
        cls(SKOS.Concept),
        "Konsep",
        "A program theme from sinergi's theme concept scheme (range of sg:theme).",
    )
    formal_organization = reuse(
        cls(ORG.FormalOrganization),
        "Organisasi formal",
        "Superclass of sg:RegionalGovernment.",
    )
    post = reuse(
        cls(ORG.Post),
        "Jabatan",
        "An office such as 'wali kota' of one region, existing without a holder. Carries "
        "sg:position, sg:postRegion and org:postIn (the sg:RegionalGovernment).",
    )
    reuse(
        obj(ORG.postIn),
        "jabatan di",
        "Links an org:Post to the sg:RegionalGovernment it belongs to.",
    )
    reuse(
        obj(ORG.holds),
        "memegang jabatan",
        "Links a foaf:Person to the org:Post they hold (undated; dated tenures use "
        "org:Membership).",
    )
    reuse(
        cls(ORG.Membership),
        "Keanggotaan / masa jabatan",
        "Tenure pattern: an org:Membership with org:member the foaf:Person, org:organization "
        "the sg:RegionalGovernment (absent for national posts), org:role the org:Role of the "
        "post and org:memberDuring a time:Interval. sinergi writes one per official mention "
        "as an observed holding: the interval has time:inside the instant the article shows "
        "the person in office (first event date, else publication date; also as sg:date), "
        "and time:hasBeginning / time:hasEnd are left for real term dates.",
    )
    reuse(obj(ORG.member), "anggota", "The foaf:Person of a tenure (org:Membership).")
    reuse(
        obj(ORG.organization),
        "organisasi",
        "The sg:RegionalGovernment of a tenure (org:Membership).",
    )
    reuse(
        obj(ORG.memberDuring),
        "selama",
        "The time:Interval of a tenure (org:Membership).",
    )
    reuse(
        cls(ORG.Role),
        "Peran jabatan",
        "The role any holder of a post plays, one per normalised position (sgid:role/bupati), "
        "labelled with sg:position's value.",
    )
    reuse(
        obj(ORG.role),
        "peran",
        "Links an org:Post and an org:Membership to the org:Role (position) they carry; a "
        "membership's post is the one with the same org:role and org:postIn its organization.",
    )
    foaf_person = reuse(
        cls(FOAF.Person),
        "Orang",
        "An official or other person named in the news; holds posts with org:holds.",
    )
    reuse(data(FOAF.name), "nama", "Normalised full name of a person.")
    reuse(
        data(FOAF.nick),
        "nama panggilan",
        "Alias or nickname of a person as used in the news (e.g. 'Molen').",
    )
    reuse(
        cls(TIME.Instant),
        "Saat",
        "The date of an event: sg:CollaborationEvent time:hasTime a time:Instant with "
        "time:inXSDDate (partial dates use time:inXSDgYear or time:inXSDgYearMonth).",
    )
    reuse(cls(TIME.Interval), "Selang waktu", "The period of a tenure (org:memberDuring).")
    reuse(obj(TIME.hasTime), "waktu", "Links an event to its time:Instant.")
    reuse(data(TIME.inXSDDate), "tanggal", "The xsd:date of a time:Instant.")
    reuse(
        obj(TIME.inside),
        "di dalam",
        "Links a tenure's time:Interval to an instant known to fall within it: the date an "
        "article shows the person in office (an observation, not the start of the term).",
    )
    reuse(
        obj(TIME.hasBeginning),
        "mulai",
        "Start instant of a tenure interval, when a source states it (not an observation).",
    )
    reuse(
        obj(TIME.hasEnd),
        "selesai",
        "End instant of a tenure interval, when a source states it.",
    )
    activity = reuse(
        cls(PROV.Activity),
        "Aktivitas",
        "Superclass of sg:Extraction.",
    )
    reuse(
        obj(PROV.wasDerivedFrom),
        "berasal dari",
        "Links every extracted statement to the schema:NewsArticle it was read from.",
    )
    reuse(
        obj(PROV.wasGeneratedBy),
        "dihasilkan oleh",
        "Links an extracted statement to the sg:Extraction run that produced it.",
    )
    reuse(obj(PROV.used), "menggunakan", "Links an sg:Extraction to the article it read.")
    reuse(
        cls(PROV.Entity),
        "Entitas",
        "A schema:NewsArticle, and each official mention read from one (whose schema:about "
        "are the person and the post).",
    )
    reuse(
        obj(PROV.wasAssociatedWith),
        "dikaitkan dengan",
        "Links an sg:Extraction to the prov:SoftwareAgent (extractor version) that ran it.",
    )
    reuse(
        cls(PROV.SoftwareAgent),
        "Agen perangkat lunak",
        "The sinergi extractor of one version (sgid:agent/sinergi-rules-<version>).",
    )
    specific_resource = reuse(
        cls(OA.SpecificResource),
        "Sumber spesifik",
        "Evidence of a statement (range of sg:evidence): oa:hasSource the schema:NewsArticle, "
        "oa:hasSelector an oa:TextPositionSelector and an oa:TextQuoteSelector.",
    )
    reuse(obj(OA.hasSource), "sumber", "The schema:NewsArticle the evidence points into.")
    reuse(obj(OA.hasSelector), "pemilih", "The selectors locating the evidence span.")
    reuse(
        cls(OA.TextPositionSelector),
        "Pemilih posisi teks",
        "Character offsets of the evidence span in the article text (oa:start, oa:end).",
    )
    reuse(
        cls(OA.TextQuoteSelector),
        "Pemilih kutipan teks",
        "The evidence span quoted verbatim (oa:exact).",
    )
    reuse(data(OA.start), "awal", "0-based start offset (inclusive) of the evidence span.")
    reuse(data(OA.end), "akhir", "End offset (exclusive) of the evidence span.")
    reuse(data(OA.exact), "kutipan", "The exact text of the evidence span.")

    # ---- regions and governments
    region = _annotate(
        cls(SG.Region, administrative_area),
        "Daerah",
        "Region",
        "A province, regency or city of Indonesia (a place, distinct from its government). "
        "Identified by its Kemendagri code (skos:notation); carries schema:latitude, "
        "schema:longitude and schema:sameAs its Wikidata entity.",
    )
    province = _annotate(
        cls(SG.Province, region), "Provinsi", "Province", "A first-level region (provinsi)."
    )
    regency = _annotate(
        cls(SG.Regency, region),
        "Kabupaten",
        "Regency",
        "A second-level region governed by a bupati (kabupaten).",
    )
    city = _annotate(
        cls(SG.City, region),
        "Kota",
        "City",
        "A second-level region governed by a wali kota (kota).",
    )
    AllDisjoint([province, regency, city])

    government = _annotate(
        cls(SG.RegionalGovernment, formal_organization, government_organization),
        "Pemerintah daerah",
        "Regional government",
        "The government (pemda) of one region: an organization, distinct from the place it "
        "governs, so that offices and agreements attach to the organization.",
    )
    AllDisjoint([region, government])

    part_of = _annotate(
        obj(SG.partOf, contained_in_place, functional=True),
        "bagian dari",
        "part of",
        "Links a regency or city to the province it lies in (one province each).",
    )
    part_of.domain = [regency | city]
    part_of.range = [province]

    governs = _annotate(
        obj(SG.governs, functional=True),
        "memerintah",
        "governs",
        "Links a regional government to the one region it governs.",
    )
    governs.domain = [government]
    governs.range = [region]
    government_of = _annotate(
        obj(SG.government, functional=True),
        "pemerintah",
        "government",
        "Links a region to its regional government (inverse of sg:governs).",
    )
    government_of.domain = [region]
    government_of.range = [government]
    government_of.inverse_property = governs

    # ---- officials and posts
    foaf_person.equivalent_to.append(schema_person)
    position = _annotate(
        data(SG.position, functional=True),
        "jabatan",
        "position",
        "Normalised position name of a post, in Indonesian (e.g. 'wali kota', 'bupati', "
        "'gubernur'), as listed in the annotation guidelines.",
    )
    position.domain = [post]
    position.range = [str]
    post_region = _annotate(
        obj(SG.postRegion, functional=True),
        "daerah jabatan",
        "post region",
        "Links a post to the region it serves; absent for national posts (e.g. ministers).",
    )
    post_region.domain = [post]
    post_region.range = [region]

    # ---- collaboration events
    event = _annotate(
        cls(SG.CollaborationEvent, schema_event),
        "Kegiatan kerja sama",
        "Collaboration event",
        "An event reported in the news in which two or more regions take part: a visit, an "
        "agreement or a forum. Dated with sg:date and time:hasTime a time:Instant.",
    )
    visit = _annotate(
        cls(SG.Visit, event),
        "Kunjungan kerja",
        "Visit",
        "A working visit or comparative study (kunjungan kerja, studi banding): guest "
        "regions travel to a host region.",
    )
    agreement = _annotate(
        cls(SG.Agreement, event),
        "Perjanjian kerja sama",
        "Agreement",
        "The signing of a memorandum of understanding or cooperation agreement (MoU, "
        "perjanjian kerja sama) between regions.",
    )
    forum = _annotate(
        cls(SG.Forum, event),
        "Forum",
        "Forum",
        "A multi-region meeting such as an APEKSI or APKASI gathering or a coordination "
        "meeting (rakor); see sg:forumName.",
    )
    AllDisjoint([visit, agreement, forum])

    participant = _annotate(
        obj(SG.participant),
        "peserta",
        "participant",
        "Links a collaboration event to a region taking part in it.",
    )
    participant.domain = [event]
    participant.range = [region]
    host = _annotate(
        obj(SG.host, participant),
        "tuan rumah",
        "host",
        "Links an event to the region hosting it (the visited region of a sg:Visit).",
    )
    host.domain = [event]
    host.range = [region]
    guest = _annotate(
        obj(SG.guest, participant),
        "tamu",
        "guest",
        "Links an event to a visiting (guest) region.",
    )
    guest.domain = [event]
    guest.range = [region]
    forum_name = _annotate(
        data(SG.forumName),
        "nama forum",
        "forum name",
        "Name of the association or forum an event belongs to (e.g. 'APEKSI').",
    )
    forum_name.domain = [event]
    forum_name.range = [str]
    event_date = _annotate(
        data(SG.date),
        "tanggal",
        "date",
        "Calendar date (xsd:date) of an event, of a learning relation, or of the first "
        "report of a statement. The same date is also given as time:hasTime / "
        "time:inXSDDate on events.",
    )
    event_date.range = [date]

    # ---- learning and programs
    program = _annotate(
        cls(SG.Program, government_service),
        "Program",
        "Program",
        "A public program, policy or innovation of a region (e.g. a digital service or a "
        "waste-bank scheme) that other regions may learn from.",
    )
    learning = _annotate(
        cls(SG.Learning),
        "Pembelajaran",
        "Learning",
        "A reified relation: the learner region learned (something) from the source region, "
        "possibly at an event and about a program, with its date, theme, evidence and "
        "confidence. Each Learning node also yields one sg:learnedFrom shortcut triple.",
    )
    learner = _annotate(
        obj(SG.learner, functional=True),
        "daerah yang belajar",
        "learner",
        "Links a learning relation to the region that learns.",
    )
    learner.domain = [learning]
    learner.range = [region]
    source = _annotate(
        obj(SG.source, functional=True),
        "daerah sumber",
        "source",
        "Links a learning relation to the region learned from.",
    )
    source.domain = [learning]
    source.range = [region]
    # The shortcut could be the OWL 2 chain inverse(learner) o source, but owlready2 0.51
    # cannot write a property chain containing an inverse (ValueError), and the extractor
    # writes both the Learning node and the shortcut anyway.
    learned_from = _annotate(
        obj(SG.learnedFrom),
        "belajar dari",
        "learned from",
        "Shortcut region -> region, one per sg:Learning node (learner sg:learnedFrom "
        "source). Not transitive on purpose: chains of learning are queried with the "
        "SPARQL property path sg:learnedFrom+.",
    )
    learned_from.domain = [region]
    learned_from.range = [region]
    via_event = _annotate(
        obj(SG.viaEvent, functional=True),
        "melalui kegiatan",
        "via event",
        "Links a learning relation to the collaboration event at which it happened.",
    )
    via_event.domain = [learning]
    via_event.range = [event]
    about_program = _annotate(
        obj(SG.aboutProgram),
        "tentang program",
        "about program",
        "Links a learning relation to the program that was learned.",
    )
    about_program.domain = [learning]
    about_program.range = [program]
    owner = _annotate(
        obj(SG.owner),
        "daerah pemilik",
        "owner",
        "Links a program to the region that originated it.",
    )
    owner.domain = [program]
    owner.range = [region]
    theme = _annotate(
        obj(SG.theme),
        "tema",
        "theme",
        "Links a program or learning relation to a theme concept (skos:Concept) of "
        "sinergi's theme scheme.",
    )
    theme.domain = [program | learning]
    theme.range = [concept]

    # ---- provenance of extracted statements
    _annotate(
        cls(SG.Extraction, activity),
        "Ekstraksi",
        "Extraction",
        "One run of sinergi's extractor over one article (a prov:Activity that prov:used the "
        "schema:NewsArticle; the statements it produced are prov:wasGeneratedBy it).",
    )
    evidence = _annotate(
        obj(SG.evidence),
        "bukti",
        "evidence",
        "Links an extracted statement (event, learning, program) to an oa:SpecificResource "
        "whose oa:hasSource is the schema:NewsArticle and whose oa:hasSelector are an "
        "oa:TextPositionSelector (oa:start, oa:end) and an oa:TextQuoteSelector (oa:exact).",
    )
    evidence.range = [specific_resource]
    sentence_index = _annotate(
        data(SG.sentenceIndex),
        "indeks kalimat",
        "sentence index",
        "0-based index of the sentence holding the evidence in the article.",
    )
    sentence_index.range = [int]
    confidence = _annotate(
        data(SG.confidence),
        "tingkat keyakinan",
        "confidence",
        "Confidence of the rule that produced a statement, a decimal in [0, 1].",
    )
    confidence.range = [ConstrainedDatatype(float, min_inclusive=0, max_inclusive=1)]
    rule = _annotate(
        data(SG.rule),
        "aturan",
        "rule",
        "Name of the extraction rule that produced a statement.",
    )
    rule.range = [str]
    doc_id = _annotate(
        data(SG.docId),
        "ID dokumen",
        "document id",
        "Document id of the input article (as given by the corpus).",
    )
    doc_id.range = [str]
    content_hash = _annotate(
        data(SG.contentHash),
        "hash isi",
        "content hash",
        "SHA-256 of the article text, so re-ingesting an unchanged article is a no-op.",
    )
    content_hash.range = [str]
    extractor_version = _annotate(
        data(SG.extractorVersion),
        "versi ekstraktor",
        "extractor version",
        "Version of sinergi that extracted the article.",
    )
    extractor_version.range = [str]

    # ---- entity resolution counts (written by sinergi.graph.resolve, GDELT-like)
    for prop, label_id, label_en, counted in (
        (SG.mentionCount, "jumlah sebutan", "mention count", "event mentions merged into it"),
        (SG.articleCount, "jumlah artikel", "article count", "distinct articles reporting it"),
        (SG.sourceCount, "jumlah sumber", "source count", "distinct outlets reporting it"),
    ):
        count = _annotate(
            data(prop),
            label_id,
            label_en,
            f"On a canonical (resolved) collaboration event: the number of {counted}, "
            "like GDELT's NumMentions / NumSources. Written in the resolution graph.",
        )
        count.domain = [event]
        count.range = [int]

    # ---- defined classes for the reasoner check
    learner_region = _annotate(
        cls(SG.LearnerRegion),
        "Daerah pembelajar",
        "Learner region",
        "Defined class: a region that learned from some region (Region and some "
        "sg:learnedFrom Region). Used to check the ontology with a reasoner.",
    )
    learner_region.equivalent_to.append(region & learned_from.some(region))
    host_region = _annotate(
        cls(SG.HostRegion),
        "Daerah tuan rumah",
        "Host region",
        "Defined class: a region that hosted some visit (Region and some inverse sg:host "
        "Visit). Used to check the ontology with a reasoner.",
    )
    host_region.equivalent_to.append(region & Inverse(host).some(visit))

    # ---- ontology header
    onto.metadata.label = [locstr("sinergi", "id"), locstr("sinergi", "en")]
    setattr(onto.metadata, title.python_name, [locstr(text, lang) for text, lang in _TITLE])
    onto.metadata.comment = [locstr(_COMMENT, "en")]
    onto.metadata.versionInfo = [ONTOLOGY_VERSION]
    setattr(onto.metadata, ns_prefix.python_name, ["sg"])
    setattr(onto.metadata, ns_uri.python_name, [SG_NS])
    return onto


# --------------------------------------------------------------------------- output


_LITERAL_FIXES: dict[URIRef, Callable[[Literal], Literal]] = {
    XSD.string: lambda lit: Literal(str(lit)),
    XSD.decimal: lambda lit: lit if "." in lit else Literal(f"{lit}.0", datatype=XSD.decimal),
}


def to_rdflib(onto: owlready2.Ontology) -> Graph:
    """Convert an owlready2 ontology to a canonical rdflib graph with sinergi's prefixes.

    owlready2 is serialised to RDF/XML in memory (its Turtle writer emits nothing). Some
    owlready2 habits are undone: the redundant ``rdfs:subClassOf owl:Thing`` on top-level
    classes, ``^^xsd:string`` on plain strings, and decimals without a fraction (``"1"``),
    which Turtle writes as ``1.0`` and so would not parse back to the same rdflib term.
    Blank nodes are then canonicalised so the graph does not depend on owlready2's internal
    numbering.
    """
    buffer = io.BytesIO()
    onto.save(file=buffer, format="rdfxml")
    raw = Graph(bind_namespaces="none")
    raw.parse(data=buffer.getvalue(), format="xml", publicID=ONTOLOGY_IRI)
    raw.remove((None, RDFS.subClassOf, OWL.Thing))
    for s, p, o in list(raw):
        if isinstance(o, Literal) and o.datatype in _LITERAL_FIXES:
            raw.remove((s, p, o))
            raw.add((s, p, _LITERAL_FIXES[o.datatype](o)))

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in sorted(PREFIXES.items()):
        graph.bind(prefix, namespace)
    graph.bind("owl", str(OWL))
    graph.bind("vann", str(VANN))
    graph += to_canonical_graph(raw)
    return graph


def _describe(graph: Graph, subject: Node) -> Graph:
    """The triples about ``subject`` plus the blank nodes they reach (a concise description)."""
    out = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    todo, seen = [subject], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def _body(turtle: str) -> str:
    """Turtle text without its ``@prefix`` lines."""
    return "\n".join(line for line in turtle.splitlines() if not line.startswith("@prefix")).strip()


def to_turtle(graph: Graph) -> bytes:
    """Serialise the ontology graph as Turtle laid out for reading and diffing.

    rdflib orders subjects by how often they are referenced, which scatters related terms.
    Here the header comes first, then sinergi's classes, object and datatype properties in
    the order of :class:`sinergi.namespace.SG`, then the reused terms and the annotation
    properties sorted by prefixed name, then the anonymous axioms (disjointness). Each block
    is rdflib's own Turtle for that subject, so the file parses back to the same graph.
    """
    nm = graph.namespace_manager
    order = {SG[name]: i for i, name in enumerate(SG.__annotations__)}
    sections: dict[str, list[Node]] = {title: [] for title, _ in _SECTIONS}
    for subject in set(graph.subjects()):
        if isinstance(subject, BNode):
            if not any(True for _ in graph.subjects(None, subject)):
                sections["Axioms on several classes"].append(subject)
            continue
        declared = set(graph.objects(subject, RDF.type))
        for title, kinds in _SECTIONS:
            own = title.startswith("sinergi") == str(subject).startswith(SG_NS)
            if own and declared & kinds:
                sections[title].append(subject)
                break
        else:
            raise ValueError(f"no Turtle section for {subject.n3(graph.namespace_manager)}")

    blocks: dict[Node, str] = {}
    for members in sections.values():
        for subject in members:
            blocks[subject] = _body(_describe(graph, subject).serialize(format="turtle"))

    def key(subject: Node) -> tuple[int, str]:
        if isinstance(subject, BNode):
            return (0, blocks[subject])
        return (order.get(subject, len(order)), subject.n3(nm))

    prefixes = [
        line for line in graph.serialize(format="turtle").splitlines() if line.startswith("@")
    ]
    parts = ["\n".join(prefixes)]
    for title, members in sections.items():
        if members:
            parts.append(f"# {'-' * 8} {title}")
            parts.extend(blocks[subject] for subject in sorted(members, key=key))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def write_turtle(path: str | Path = DEFAULT_OUTPUT) -> Path:
    """Build the ontology and write it to ``path`` as Turtle; return the path.

    Output is deterministic (canonical blank nodes, fixed block order), so rebuilding an
    unchanged model gives identical bytes and a diff of ``sinergi.ttl`` shows model changes.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(to_turtle(to_rdflib(build_ontology())))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: ``python -m sinergi.ontology.build [OUTPUT]``."""
    parser = argparse.ArgumentParser(
        prog="python -m sinergi.ontology.build",
        description="Build sinergi's OWL ontology and write it as Turtle.",
    )
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the Turtle (default: the packaged sinergi/ontology/sinergi.ttl)",
    )
    args = parser.parse_args(argv)
    print(write_turtle(args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
