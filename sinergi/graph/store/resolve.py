"""Entity resolution across articles: one person, one event, however many reports.

The extractor mints a person IRI per (name as written, region of the post) and an event
IRI per article, so the same official ("Helmi Hasan", "Helmi", "H. Helmi Hasan, S.E.")
and the same MoU reported by three outlets appear several times. :func:`resolve_store`
links the duplicates, GDELT-style: nothing extracted is changed, everything it adds lives
in one named graph, :data:`RESOLUTION_GRAPH`, rebuilt from scratch on every run, so
dropping that graph undoes it exactly.

Persons (keyed by normalised name + region, compared with rapidfuzz):

* ``person-same-name`` (0.95): the same name once titles and degrees are stripped
  ("H. Helmi Hasan, S.E." = "Helmi Hasan");
* ``person-fuzzy-name`` (0.85): names of two or more words with a rapidfuzz
  ``token_sort_ratio`` >= 90 ("Helmi Hasan" ~ "Helmi Hassan");
* ``person-short-name`` (0.75): a one-word name ("Helmi") that is a word of exactly one
  resolved full name in a compatible region (ambiguous short names stay apart).

Regions are compatible when equal or when one is the province of the other, so a mayor
who becomes the governor of the same province stays one person with two posts over time
(Helmi Hasan: Wali Kota Bengkulu 2022, Gubernur Bengkulu 2025). Posts are never merged
and two different names are never merged because they held the same post: successive
governors stay different people. National posts (no region) only match national posts.

Events: mentions of the same type (``sg:Visit`` / ``sg:Agreement`` / ``sg:Forum``) with
the same set of participant regions whose dates (the event date, else the article's
publication date) lie within :data:`EVENT_WINDOW_DAYS` of the cluster's first mention are
one event (rule ``event-same-parties``). Undated mentions stay alone.

What the resolution graph holds::

    <member> owl:sameAs <canonical> .          # one per merged person or event mention
    <record> a prov:Activity ;                 # why: one record per owl:sameAs
        prov:used <member>, <canonical> ;
        sg:rule "person-short-name" ; sg:confidence 0.75 .
    <event> sg:mentionCount 3 ;                # every canonical event (GDELT-like)
        sg:articleCount 3 ; sg:sourceCount 2 .

The canonical person is the one with the longest name (then the most mentions), the
canonical event the earliest mention. A person's or event's canonical IRI is therefore
``?x owl:sameAs ?c`` if bound, else ``?x`` itself. ``sg:mentionCount`` (event mentions),
``sg:articleCount`` (distinct articles) and ``sg:sourceCount`` (distinct outlets) are
written only here, on canonical events (declared in the ontology as counts).
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rapidfuzz import fuzz
from rdflib import OWL, Literal, URIRef

from sinergi.graph.store import GraphStore
from sinergi.graph.store.ntriples import iri_nt, triples_nt
from sinergi.namespace import (
    DCTERMS,
    FOAF,
    GRAPH,
    ID,
    ORG,
    PROV,
    RDF,
    SCHEMA,
    SG,
    XSD,
)
from sinergi.reference import load_lexicon, load_regions

__all__ = [
    "ARTICLE_COUNT",
    "EVENT_WINDOW_DAYS",
    "MENTION_COUNT",
    "RESOLUTION_GRAPH",
    "SOURCE_COUNT",
    "ResolutionReport",
    "describe_resolution",
    "normalise_name",
    "resolve_store",
    "undo_resolution",
]

RESOLUTION_GRAPH = URIRef(GRAPH["resolution"])
MENTION_COUNT = SG.mentionCount
ARTICLE_COUNT = SG.articleCount
SOURCE_COUNT = SG.sourceCount
EVENT_WINDOW_DAYS = 3
FUZZY_THRESHOLD = 90.0
_REGION_PREFIX = str(ID["region/"])
_DEGREES = {
    "se", "sh", "st", "ss", "sp", "spd", "spdi", "sag", "sos", "ssos", "sip", "sik", "skm",
    "skom", "sked", "ked", "stp", "sthi", "mm", "msi", "mh", "mt", "mpd", "map", "msc",
    "ma", "mba", "mkes", "mkn", "phd", "ak", "ca", "cpa", "sstp", "mse", "mag", "me",
}  # fmt: skip
_CONFIDENCE = {
    "person-same-name": 0.95,
    "person-fuzzy-name": 0.85,
    "person-short-name": 0.75,
    "event-same-parties": 0.8,
}


@dataclass(slots=True)
class ResolutionReport:
    """What one resolution run found."""

    person_iris: int = 0
    persons: int = 0  # after resolution
    event_mentions: int = 0
    events: int = 0  # after resolution
    merges: Counter[str] = field(default_factory=Counter)  # rule -> owl:sameAs links
    triples: int = 0
    seconds: float = 0.0


def _honorifics() -> frozenset[str]:
    words = load_lexicon("positions").get("honorifics", [])
    return frozenset(w.lower().replace(".", "") for w in words)


def normalise_name(name: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a person's name without titles and degrees.

    >>> normalise_name("H. Helmi Hasan, S.E.")
    ('helmi', 'hasan')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    main = ascii_name.split(",")[0] if "," in ascii_name else ascii_name
    words = [w.replace(".", "").lower() for w in re.split(r"[\s]+", main) if w.strip()]
    words = [re.sub(r"[^a-z0-9'-]", "", w) for w in words]
    skip = _honorifics() | _DEGREES
    kept = tuple(w for w in words if w and w not in skip)
    return kept or tuple(w for w in words if w)


def _region_code(term: object) -> str | None:
    text = str(term) if term is not None else ""
    return text[len(_REGION_PREFIX) :] if text.startswith(_REGION_PREFIX) else None


def _family(code: str | None) -> str:
    """Blocking key: the province of a region ("national" for national posts)."""
    if code is None:
        return "national"
    region = load_regions().get(code)
    return region.province_code if region is not None and region.province_code else code


def _compatible(a: str | None, b: str | None) -> bool:
    """Same region, or one is the province of the other."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    return _family(a) == _family(b) and (_family(a) in (a, b))


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        return True


@dataclass(slots=True)
class _Person:
    iri: str
    name: str
    words: tuple[str, ...]
    region: str | None
    mentions: int = 0


def _persons(store: GraphStore) -> dict[str, _Person]:
    """Every person IRI with its name, the region of its post and its article count."""
    result = store.query(
        f"""SELECT ?p ?name ?region (COUNT(?g) AS ?mentions) WHERE {{
          GRAPH ?g {{
            ?p <{FOAF.name}> ?name ; <{ORG.holds}> ?post .
            OPTIONAL {{ ?post <{SG.postRegion}> ?region }}
          }}
        }} GROUP BY ?p ?name ?region"""
    )
    persons: dict[str, _Person] = {}
    for row in result.rows:
        iri = str(row["p"])
        person = persons.get(iri)
        if person is None:
            name = str(row["name"])
            person = persons[iri] = _Person(
                iri, name, normalise_name(name), _region_code(row["region"])
            )
        mentions = row["mentions"]
        assert isinstance(mentions, Literal)  # a COUNT, always bound
        person.mentions += int(mentions)
    return persons


def _resolve_persons(
    persons: dict[str, _Person],
) -> tuple[dict[str, str], dict[str, str]]:
    """Canonical IRI of every merged person, and the rule that first merged each IRI."""
    forest = _UnionFind()
    rule_of: dict[str, str] = {}
    by_family: dict[str, list[_Person]] = defaultdict(list)
    for person in persons.values():
        by_family[_family(person.region)].append(person)

    def link(a: _Person, b: _Person, rule: str) -> None:
        if forest.union(a.iri, b.iri):
            rule_of.setdefault(a.iri, rule)
            rule_of.setdefault(b.iri, rule)

    for group in by_family.values():
        full = sorted((p for p in group if len(p.words) >= 2), key=lambda p: p.iri)
        by_word: dict[str, list[int]] = defaultdict(list)
        for index, person in enumerate(full):
            for word in set(person.words):
                by_word[word].append(index)
        pairs = {(i, j) for ids in by_word.values() for i in ids for j in ids if i < j}
        for i, j in sorted(pairs):  # full names sharing a word: same, or nearly
            a, b = full[i], full[j]
            if not _compatible(a.region, b.region):
                continue
            if a.words == b.words:
                link(a, b, "person-same-name")
            elif fuzz.token_sort_ratio(" ".join(a.words), " ".join(b.words)) >= FUZZY_THRESHOLD:
                link(a, b, "person-fuzzy-name")
        shorts: dict[tuple[tuple[str, ...], str | None], list[_Person]] = defaultdict(list)
        for person in group:
            if len(person.words) == 1:
                shorts[(person.words, person.region)].append(person)
        for (words, region), same in sorted(shorts.items(), key=lambda item: str(item[0])):
            for other in same[1:]:
                link(same[0], other, "person-same-name")
            matches = [full[i] for i in by_word.get(words[0], ())]
            matches = [p for p in matches if _compatible(region, p.region)]
            if len({forest.find(p.iri) for p in matches}) == 1:  # exactly one candidate
                link(matches[0], same[0], "person-short-name")

    clusters: dict[str, list[_Person]] = defaultdict(list)
    for person in persons.values():
        clusters[forest.find(person.iri)].append(person)
    canonical: dict[str, str] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda p: (-len(p.words), -p.mentions, p.iri))
        for member in members:
            if member.iri != best.iri:
                canonical[member.iri] = best.iri
    return canonical, rule_of


@dataclass(slots=True)
class _Event:
    iri: str
    kind: str
    day: date | None
    article: str
    outlet: str
    parties: set[str] = field(default_factory=set)


def _events(store: GraphStore) -> dict[str, _Event]:
    result = store.query(
        f"""SELECT ?e ?type ?party ?date ?published ?article ?outlet WHERE {{
          GRAPH ?g {{
            VALUES ?type {{ <{SG.Visit}> <{SG.Agreement}> <{SG.Forum}> }}
            ?e a ?type ; <{SG.participant}> ?party ; <{PROV.wasDerivedFrom}> ?article .
            OPTIONAL {{ ?e <{SG.date}> ?date }}
            OPTIONAL {{ ?article <{SCHEMA.datePublished}> ?published }}
            OPTIONAL {{ ?article <{DCTERMS.publisher}> ?outlet }}
          }}
        }}"""
    )
    events: dict[str, _Event] = {}
    for row in result.rows:
        iri = str(row["e"])
        event = events.get(iri)
        if event is None:
            when = row["date"] or row["published"]
            try:
                day = date.fromisoformat(str(when)) if when is not None else None
            except ValueError:
                day = None
            article = str(row["article"])
            outlet = str(row["outlet"]) if row["outlet"] is not None else article
            event = events[iri] = _Event(iri, str(row["type"]), day, article, outlet)
        event.parties.add(str(row["party"]))
    return events


def _resolve_events(events: dict[str, _Event]) -> list[list[_Event]]:
    """Clusters of event mentions, each sorted earliest first."""
    groups: dict[tuple[str, frozenset[str]], list[_Event]] = defaultdict(list)
    clusters: list[list[_Event]] = []
    for event in events.values():
        if event.day is None:
            clusters.append([event])
        else:
            groups[(event.kind, frozenset(event.parties))].append(event)
    window = timedelta(days=EVENT_WINDOW_DAYS)
    for group in groups.values():
        group.sort(key=lambda e: (e.day, e.iri))
        current: list[_Event] = []
        for event in group:
            if current and event.day - current[0].day > window:  # type: ignore[operator]
                clusters.append(current)
                current = []
            current.append(event)
        clusters.append(current)
    return clusters


def _record(kind: str, member: str, canonical: str, rule: str) -> list[tuple]:
    record = URIRef(ID[f"resolution/{kind}/{_digest(member, canonical)}"])
    return [
        (URIRef(member), OWL.sameAs, URIRef(canonical)),
        (record, RDF.type, PROV.Activity),
        (record, PROV.used, URIRef(member)),
        (record, PROV.used, URIRef(canonical)),
        (record, SG.rule, Literal(rule)),
        (record, SG.confidence, Literal(str(_CONFIDENCE[rule]), datatype=XSD.decimal)),
    ]


def resolve_store(store: GraphStore) -> ResolutionReport:
    """Rebuild the resolution graph of ``store`` from what is stored now."""
    started = time.perf_counter()
    report = ResolutionReport()
    triples: list[tuple] = []

    persons = _persons(store)
    canonical, rule_of = _resolve_persons(persons)
    report.person_iris = len(persons)
    report.persons = len(persons) - len(canonical)
    for member, target in sorted(canonical.items()):
        rule = rule_of.get(member, "person-same-name")
        report.merges[rule] += 1
        triples += _record("person", member, target, rule)

    events = _events(store)
    report.event_mentions = len(events)
    clusters = _resolve_events(events)
    report.events = len(clusters)
    for cluster in clusters:
        head = URIRef(cluster[0].iri)
        triples += [
            (head, MENTION_COUNT, Literal(len(cluster))),
            (head, ARTICLE_COUNT, Literal(len({e.article for e in cluster}))),
            (head, SOURCE_COUNT, Literal(len({e.outlet for e in cluster}))),
        ]
        for event in cluster[1:]:
            report.merges["event-same-parties"] += 1
            triples += _record("event", event.iri, cluster[0].iri, "event-same-parties")

    graph = str(RESOLUTION_GRAPH)
    store.write_graphs({graph: triples_nt(triples)}, drop=[graph])
    report.triples = len(triples)
    report.seconds = time.perf_counter() - started
    return report


def invalidate_resolution(store: GraphStore) -> None:
    """Mark the resolution graph out of date before articles change.

    The mark is ``prov:invalidatedAtTime`` on the graph itself, inside it, so the
    :func:`resolve_store` that replaces the whole graph also removes it. A mark still there
    means an ingest stopped after writing articles and before resolving them.
    """
    graph = iri_nt(str(RESOLUTION_GRAPH))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store.update(
        f"INSERT DATA {{ GRAPH {graph} {{ {graph} <{PROV.invalidatedAtTime}> "
        f'"{now}"^^<{XSD.dateTime}> }} }}'
    )


def resolution_invalidated(store: GraphStore) -> bool:
    """Whether an earlier ingest changed articles and stopped before resolving them."""
    graph = iri_nt(str(RESOLUTION_GRAPH))
    return store.ask(f"ASK {{ GRAPH {graph} {{ {graph} <{PROV.invalidatedAtTime}> ?when }} }}")


def undo_resolution(store: GraphStore) -> None:
    """Drop the resolution graph: every merge is undone, nothing extracted is touched."""
    store.write_graphs({}, drop=[str(RESOLUTION_GRAPH)])


def describe_resolution(report: ResolutionReport) -> Iterable[str]:
    """Human-readable lines for the command line."""
    yield (
        f"resolved {report.person_iris} person IRIs to {report.persons} persons and "
        f"{report.event_mentions} event mentions to {report.events} events "
        f"({report.triples} triples in {RESOLUTION_GRAPH}, {report.seconds:.2f} s)"
    )
    for rule, count in sorted(report.merges.items()):
        yield f"  {rule}: {count} merged"
