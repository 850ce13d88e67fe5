"""Map extractions and the reference tables to RDF triples.

All extraction-dict -> RDF term mapping lives here, as pure functions returning lists of
rdflib triples; the store decides where they go. An article's triples go into its own
named graph (``namespace.article_graph``), so re-ingesting the article replaces exactly
what it said. Every extracted statement node (event, learning relation, program, person
mention) carries ``prov:wasDerivedFrom`` its article, a confidence, the rule that fired
and an ``sg:evidence`` Web Annotation resource whose selectors give the sentence's
character offsets (``oa:TextPositionSelector``) and text (``oa:TextQuoteSelector``).

Time: events carry ``sg:date`` and ``time:hasTime`` a ``time:Instant``. Each official
mention also yields an ``org:Membership`` (``org:member`` the person, ``org:organization``
the region's government, ``org:role`` the ``org:Role`` of the post) whose
``org:memberDuring`` ``time:Interval`` has ``time:inside`` the instant the article shows
the person in office (the first event date, else the publication date). That is an
*observed holding*, not the start or end of the term: news rarely gives tenure dates, so
``time:hasBeginning`` / ``time:hasEnd`` stay free for real ones.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from sinergi import namespace
from sinergi.loaders.extract.officials import OfficialMention
from sinergi.loaders.extract.pipeline import Extraction
from sinergi.loaders.provenance import IngestRun
from sinergi.namespace import ID, WD, article_iri, person_iri, post_iri, statement_iri
from sinergi.reference import load_regions, load_themes

__all__ = ["THEME_SCHEME", "extraction_triples", "reference_triples"]

Triple = tuple[Node, Node, Node]


class _Terms:
    """A vocabulary whose terms are built once, on first use.

    rdflib builds a new ``URIRef`` on every attribute access of a namespace (~2 µs), and
    mapping one article reads about a hundred of them.
    """

    def __init__(self, vocabulary: Any) -> None:
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._vocabulary, name)
        setattr(self, name, term)  # found directly next time, without __getattr__
        return term


DCTERMS = _Terms(namespace.DCTERMS)
FOAF = _Terms(namespace.FOAF)
OA = _Terms(namespace.OA)
ORG = _Terms(namespace.ORG)
PROV = _Terms(namespace.PROV)
RDF = _Terms(namespace.RDF)
RDFS = _Terms(namespace.RDFS)
SCHEMA = _Terms(namespace.SCHEMA)
SG = _Terms(namespace.SG)
SKOS = _Terms(namespace.SKOS)
TIME = _Terms(namespace.TIME)
XSD = _Terms(namespace.XSD)

# Regions, governments, roles and themes recur in every article: their IRIs are built once.
region_iri = lru_cache(maxsize=4096)(namespace.region_iri)
government_iri = lru_cache(maxsize=4096)(namespace.government_iri)
role_iri = lru_cache(maxsize=4096)(namespace.role_iri)
theme_iri = lru_cache(maxsize=4096)(namespace.theme_iri)

THEME_SCHEME = URIRef(ID["theme"])
_REGION_CLASS = {"provinsi": SG.Province, "kabupaten": SG.Regency, "kota": SG.City}
_EVENT_CLASS = {"visit": SG.Visit, "agreement": SG.Agreement, "forum": SG.Forum}
_GOVERNMENT_LABEL = {
    "provinsi": "Pemerintah Provinsi",
    "kabupaten": "Pemerintah Kabupaten",
    "kota": "Pemerintah Kota",
}


@lru_cache(maxsize=4096)
def _date(value: str | None) -> Literal | None:
    """An ``xsd:date`` literal for a valid ISO date, else None (never an ill-typed literal).

    Cached, as are the other literals whose values recur across articles: rdflib takes
    several microseconds to build one.
    """
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD.date)


@lru_cache(maxsize=1024, typed=True)
def _datetime(value: str) -> Literal | None:
    """An ``xsd:dateTime`` literal (a bare date gets midnight), or None if unreadable."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def _decimal(value: float) -> Literal:
    """A confidence as ``xsd:decimal`` (cached: a few values, each ~10 µs to build)."""
    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


@lru_cache(maxsize=4096)
def _recurring(value: str, lang: str | None = None) -> Literal:
    """A literal whose value recurs across articles (rule, post, outlet), built once."""
    return Literal(value, lang=lang)


def reference_triples() -> list[Triple]:
    """Regions, their governments and the theme scheme: the shared reference graph."""
    triples: list[Triple] = []
    add = triples.append
    for region in load_regions().values():
        iri, gov = region_iri(region.code), government_iri(region.code)
        add((iri, RDF.type, _REGION_CLASS[region.kind]))
        add((iri, RDF.type, SG.Region))
        add((iri, RDF.type, SCHEMA.AdministrativeArea))
        add((iri, SKOS.notation, Literal(region.code)))
        add((iri, RDFS.label, Literal(region.name, lang="id")))
        add((iri, SCHEMA.name, Literal(region.name)))
        add((iri, SCHEMA.alternateName, Literal(region.short)))
        for alias in region.aliases:
            add((iri, SKOS.altLabel, Literal(alias, lang="id")))
        add((iri, SCHEMA.latitude, _decimal(region.lat)))
        add((iri, SCHEMA.longitude, _decimal(region.lon)))
        add((iri, SCHEMA.sameAs, WD[region.wikidata]))
        if region.kind != "provinsi":
            add((iri, SG.partOf, region_iri(region.province_code)))
        add((iri, SG.government, gov))
        add((gov, RDF.type, SG.RegionalGovernment))
        add((gov, RDF.type, ORG.FormalOrganization))
        add((gov, SG.governs, iri))
        label = f"{_GOVERNMENT_LABEL[region.kind]} {region.short}"
        add((gov, RDFS.label, Literal(label, lang="id")))
    add((THEME_SCHEME, RDF.type, SKOS.ConceptScheme))
    add((THEME_SCHEME, RDFS.label, Literal("Urusan pemerintahan daerah", lang="id")))
    add((THEME_SCHEME, RDFS.label, Literal("Regional government affairs", lang="en")))
    for theme in load_themes().values():
        iri = theme_iri(theme.slug)
        add((iri, RDF.type, SKOS.Concept))
        add((iri, SKOS.inScheme, THEME_SCHEME))
        add((iri, SKOS.topConceptOf, THEME_SCHEME))
        add((iri, SKOS.notation, Literal(theme.slug)))
        add((iri, SKOS.prefLabel, Literal(theme.name_id, lang="id")))
        add((iri, SKOS.prefLabel, Literal(theme.name_en, lang="en")))
    return triples


class _ArticleMapper:
    """Builds one article's triples; a class only to share the article IRI and text."""

    def __init__(self, extraction: Extraction, run: IngestRun | None = None) -> None:
        self.ingest_run = run
        self.x = extraction
        self.doc = extraction.document
        self.article = article_iri(self.doc.doc_id)
        self.triples: list[Triple] = []
        self._evidence: set[URIRef] = set()

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def provenance(self, node: URIRef, start: int, end: int, confidence: float, rule: str) -> None:
        """Link a statement to its article and to the sentence that states it."""
        sentence = self.x.context.sentence_at(start)
        evidence = statement_iri("evidence", self.doc.doc_id, sentence.index)
        position, quote = URIRef(f"{evidence}/position"), URIRef(f"{evidence}/quote")
        self.add(node, PROV.wasDerivedFrom, self.article)
        self.add(node, SG.confidence, _decimal(confidence))
        self.add(node, SG.rule, _recurring(rule))
        self.add(node, SG.evidence, evidence)
        if evidence in self._evidence:  # several statements in one sentence share it
            return
        self._evidence.add(evidence)
        self.add(evidence, RDF.type, OA.SpecificResource)
        self.add(evidence, OA.hasSource, self.article)
        self.add(evidence, SG.sentenceIndex, Literal(sentence.index))
        self.add(evidence, OA.hasSelector, position)
        self.add(evidence, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(sentence.start))
        self.add(position, OA.end, Literal(sentence.end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(sentence.text))

    def article_node(self) -> None:
        doc, art = self.doc, self.article
        run = statement_iri("run", doc.doc_id, self.x.extractor)
        self.add(art, RDF.type, SCHEMA.NewsArticle)
        self.add(art, RDF.type, PROV.Entity)
        self.add(art, SG.docId, Literal(doc.doc_id))
        self.add(art, SG.contentHash, Literal(doc.content_hash))
        title = Literal(doc.title) if doc.title else None
        self.add(art, SCHEMA.headline, title)
        self.add(art, DCTERMS.title, title)
        self.add(art, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI) if doc.url else None)
        self.add(art, SCHEMA.datePublished, _date(doc.published))
        self.add(art, DCTERMS.publisher, _recurring(doc.outlet) if doc.outlet else None)
        self.add(art, PROV.wasGeneratedBy, run)
        self.add(run, RDF.type, SG.Extraction)
        self.add(run, RDF.type, PROV.Activity)
        self.add(run, PROV.used, art)
        self.add(run, SG.extractorVersion, _recurring(self.x.extractor))
        if self.ingest_run is not None:
            self.add(run, PROV.startedAtTime, _datetime(self.ingest_run.started))
            self.add(run, PROV.wasInformedBy, URIRef(self.ingest_run.iri))
        if doc.retrieved:
            self.add(art, SG.retrievedAt, _datetime(doc.retrieved))
        agent = URIRef(ID["agent/" + self.x.extractor.replace("/", "-")])
        self.add(run, PROV.wasAssociatedWith, agent)
        self.add(agent, RDF.type, PROV.SoftwareAgent)
        for code, _confidence in self.x.regions:
            self.add(art, SCHEMA.mentions, region_iri(code))

    def officials(self) -> None:
        regions = load_regions()
        for official in self.x.officials:
            person = person_iri(official.name, official.region)
            post = post_iri(official.position, official.region)
            self.add(person, RDF.type, FOAF.Person)
            self.add(person, RDF.type, SCHEMA.Person)
            self.add(person, FOAF.name, Literal(official.name))
            for alias in official.aliases:
                self.add(person, FOAF.nick, Literal(alias))
            self.add(person, ORG.holds, post)
            self.add(post, RDF.type, ORG.Post)
            self.add(post, SG.position, _recurring(official.position))
            place = regions.get(official.region) if official.region else None
            label = (
                f"{official.position.title()} {place.short}" if place else official.position.title()
            )
            self.add(post, RDFS.label, _recurring(label, "id"))
            if place:
                self.add(post, SG.postRegion, region_iri(place.code))
                self.add(post, ORG.postIn, government_iri(place.code))
            mention = statement_iri("mention", self.doc.doc_id, official.name, official.region)
            self.add(mention, RDF.type, PROV.Entity)
            self.add(mention, SCHEMA.about, person)
            self.add(mention, SCHEMA.about, post)
            self.provenance(
                mention, official.start, official.end, official.confidence, "title-name"
            )
            self.membership(official, person, post, place.code if place else None)

    def membership(
        self, official: OfficialMention, person: URIRef, post: URIRef, code: str | None
    ) -> None:
        """The observed holding: ``person`` plays the post's role in the government of
        ``code`` (no organization for national posts) on the article's date."""
        role = role_iri(official.position)
        self.add(post, ORG.role, role)
        self.add(role, RDF.type, ORG.Role)
        self.add(role, RDFS.label, _recurring(official.position, "id"))
        node = statement_iri(
            "membership", self.doc.doc_id, official.name, official.region, official.position
        )
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.member, person)
        self.add(node, ORG.role, role)
        self.add(node, ORG.organization, government_iri(code) if code else None)
        when = _date(self.first_event_date() or self.doc.published)
        if when is not None:
            interval, instant = URIRef(f"{node}/during"), URIRef(f"{node}/observed")
            self.add(node, SG.date, when)
            self.add(node, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            self.add(interval, TIME.inside, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDDate, when)
        self.provenance(node, official.start, official.end, official.confidence, "title-name")

    def events(self) -> list[URIRef]:
        nodes: list[URIRef] = []
        seen: dict[tuple[object, ...], int] = {}
        for event in self.x.events:
            # named by its content, not its place in the list, so a researcher's decision
            # about it (sinergi curate) still finds it after the article is re-extracted
            content = (event.type, ",".join(sorted(event.hosts)), ",".join(sorted(event.guests)))
            occurrence = seen[content] = seen.get(content, -1) + 1
            node = statement_iri("event", self.doc.doc_id, *content, occurrence)
            nodes.append(node)
            self.add(node, RDF.type, _EVENT_CLASS[event.type])
            self.add(node, RDF.type, SG.CollaborationEvent)
            self.add(node, RDF.type, SCHEMA.Event)
            for code in event.hosts:
                self.add(node, SG.host, region_iri(code))
                self.add(node, SG.participant, region_iri(code))
            for code in event.guests:
                self.add(node, SG.guest, region_iri(code))
                self.add(node, SG.participant, region_iri(code))
            self.add(node, SG.forumName, Literal(event.forum) if event.forum else None)
            when = _date(event.date)
            if when is not None:
                instant = URIRef(f"{node}/time")
                self.add(node, SG.date, when)
                self.add(node, TIME.hasTime, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, when)
            start, end = event.spans[0]
            self.provenance(node, start, end, event.confidence, event.rule)
        return nodes

    def learning_and_programs(self, events: list[URIRef]) -> None:
        programs: dict[str, list[URIRef]] = {}
        for program in self.x.programs:
            node = statement_iri("program", self.doc.doc_id, program.owner, program.theme)
            programs.setdefault(program.owner, []).append(node)
            self.add(node, RDF.type, SG.Program)
            self.add(node, RDF.type, SCHEMA.GovernmentService)
            self.add(node, RDFS.label, Literal(program.label, lang="id"))
            self.add(node, SG.owner, region_iri(program.owner))
            self.add(node, SG.theme, theme_iri(program.theme))
            self.add(node, SG.date, _date(self.first_event_date() or self.doc.published))
            self.provenance(node, program.start, program.end, program.confidence, program.rule)
        for edge in self.x.learning:
            node = statement_iri("learning", self.doc.doc_id, edge.learner, edge.source)
            learner, source = region_iri(edge.learner), region_iri(edge.source)
            self.add(node, RDF.type, SG.Learning)
            self.add(node, SG.learner, learner)
            self.add(node, SG.source, source)
            self.add(learner, SG.learnedFrom, source)
            event = self.x.events[edge.event_index] if edge.event_index is not None else None
            if edge.event_index is not None:
                self.add(node, SG.viaEvent, events[edge.event_index])
            when = (event.date if event else None) or self.first_event_date() or self.doc.published
            self.add(node, SG.date, _date(when))
            for program_node in programs.get(edge.source, []):
                self.add(node, SG.aboutProgram, program_node)
            self.provenance(node, edge.start, edge.end, edge.confidence, edge.rule)

    def first_event_date(self) -> str | None:
        return next((e.date for e in self.x.events if e.date), None)


def extraction_triples(extraction: Extraction, run: IngestRun | None = None) -> list[Triple]:
    """Every triple one article contributes to its named graph; with ``run``, also the
    ingest run that extracted it and when (``prov:wasInformedBy``, ``prov:startedAtTime``)."""
    mapper = _ArticleMapper(extraction, run)
    mapper.article_node()
    mapper.officials()
    events = mapper.events()
    mapper.learning_and_programs(events)
    return mapper.triples
