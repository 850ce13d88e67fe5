"""Curation decisions: each in its own named graph, never deleting, and the status they give.

A decision is a :class:`~sinergi.namespace.SG` ``Curation`` (a ``prov:Activity``) about one
statement, with who (``prov:wasAssociatedWith`` a ``prov:Person``), when
(``prov:endedAtTime``) and why (``rdfs:comment``):

* ``accept``: the statement was checked and stands;
* ``reject``: it ``prov:invalidated`` the statement; answers leave it out;
* ``fix``: it invalidated the statement and ``prov:generated`` a corrected copy
  (``prov:wasRevisionOf`` the original) with other regions, direction, type, date or theme;
  answers use the copy;
* ``undo``: it supersedes an earlier decision, which is then no longer in force.

A later decision about the same statement ``sg:supersedes`` the one in force. Nothing is
ever deleted: a superseded decision stays in its graph, as a retracted nanopublication
does. Statements are named by their content (article, type and regions: see
:func:`sinergi.namespace.statement_iri`), so a decision still finds its statement after
``sinergi ingest --reextract`` or a changed article, and is reported as orphaned when the
statement is gone.

The decisions in force give each statement a status, written to one derived graph
(:data:`~sinergi.namespace.CURATION_STATUS_GRAPH`, rebuilt after every change):
``sg:curationStatus`` ("accepted", "rejected", "corrected", "correction", "withdrawn") and
``sg:excluded true`` on the statements answers leave out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.term import Node

from sinergi.errors import SinergiError
from sinergi.graph.store import GraphStore
from sinergi.graph.store.ntriples import triples_nt
from sinergi.namespace import (
    CURATION_STATUS_GRAPH,
    FOAF,
    GRAPH,
    ID,
    PROV,
    RDF,
    RDFS,
    SG,
    TIME,
    XSD,
    region_iri,
    slug,
    theme_iri,
)

__all__ = [
    "DECISIONS",
    "EXCLUDED_STATUSES",
    "Correction",
    "Decision",
    "RecordedDecision",
    "decision_triples",
    "effective_statuses",
    "graph_of",
    "in_force_by_statement",
    "read_decisions",
    "rebuild_status",
    "record",
]

#: What a sheet's ``decision`` column may say.
DECISIONS: tuple[str, ...] = ("accept", "reject", "fix")
#: The statuses of statements that answers leave out by default.
EXCLUDED_STATUSES = frozenset({"rejected", "corrected", "withdrawn"})

_EVENT_CLASSES = {"visit": SG.Visit, "agreement": SG.Agreement, "forum": SG.Forum}
_PARTY_PREDICATES = {
    "source": SG.source,
    "learner": SG.learner,
    "owner": SG.owner,
    "host": SG.host,
    "guest": SG.guest,
    "participant": SG.participant,
}


@dataclass(frozen=True, slots=True)
class Correction:
    """What a fix changes: regions by role, direction, event type, date or theme."""

    parties: tuple[tuple[str, str], ...] = ()  # (role, code), replacing all the regions
    reverse: bool = False
    kind: str | None = None
    date: str | None = None
    theme: str | None = None

    def __bool__(self) -> bool:
        return bool(self.parties or self.reverse or self.kind or self.date or self.theme)

    def describe(self) -> str:
        """``"parties=source=17.71, learner=36.04; date=2022-01-10"`` for listings."""
        parts = []
        if self.parties:
            parts.append("parties=" + ", ".join(f"{role}={code}" for role, code in self.parties))
        if self.reverse:
            parts.append("reversed")
        for name in ("kind", "date", "theme"):
            if getattr(self, name):
                parts.append(f"{name}={getattr(self, name)}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision to record about ``statement`` (a statement IRI)."""

    statement: str
    decision: str  # accept, reject, fix or undo
    curator: str
    reason: str = ""
    correction: Correction = field(default_factory=Correction)
    supersedes: tuple[str, ...] = ()  # decision IRIs it replaces
    when: str = ""  # ISO date-time; now when empty

    def iri(self) -> URIRef:
        """The decision's IRI, from everything it says and when it was made."""
        said = (self.statement, self.decision, self.curator, self.reason)
        key = "|".join([*said, self.correction.describe(), *self.supersedes, self.when])
        return URIRef(ID["curation/" + hashlib.sha1(key.encode()).hexdigest()[:16]])


@dataclass(frozen=True, slots=True)
class RecordedDecision:
    """A decision as the store holds it, and whether it is still in force."""

    iri: str
    statement: str
    decision: str
    curator: str
    when: str
    reason: str
    correction: str
    generated: str | None
    supersedes: tuple[str, ...]
    in_force: bool


def graph_of(decision: URIRef) -> URIRef:
    """The named graph that holds one decision: ``.../graph/curation/<id>``."""
    return URIRef(GRAPH["curation/" + str(decision).rsplit("/", 1)[-1]])


def decision_triples(
    decision: Decision, original: Iterable[tuple[Node, Node]] = ()
) -> list[tuple[Node, Node, Node]]:
    """The triples of one decision's graph; ``original`` are the statement's (predicate,
    object) pairs, which a fix copies into the corrected statement."""
    node = decision.iri()
    statement = URIRef(decision.statement)
    when = decision.when or datetime.now(UTC).isoformat(timespec="seconds")
    curator = URIRef(ID["curator/" + slug(decision.curator)])
    triples: list[tuple[Node, Node, Node]] = [
        (node, RDF.type, SG.Curation),
        (node, RDF.type, PROV.Activity),
        (node, SG.decision, Literal(decision.decision)),
        (node, SG.curates, statement),
        (node, PROV.used, statement),
        (node, PROV.wasAssociatedWith, curator),
        (node, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime)),
        (curator, RDF.type, PROV.Person),
        (curator, FOAF.name, Literal(decision.curator)),
    ]
    if decision.reason:
        triples.append((node, RDFS.comment, Literal(decision.reason)))
    if decision.correction:
        triples.append((node, SG.correction, Literal(decision.correction.describe())))
    for earlier in decision.supersedes:
        triples.append((node, SG.supersedes, URIRef(earlier)))
    if decision.decision in ("reject", "fix"):
        triples.append((node, PROV.invalidated, statement))
    if decision.decision == "fix":
        copy = URIRef(f"{statement}/fix/{str(node).rsplit('/', 1)[-1]}")
        triples.append((node, PROV.generated, copy))
        triples.extend(_corrected_copy(copy, statement, original, decision.correction))
    return triples


def _corrected_copy(
    copy: URIRef, statement: URIRef, original: Iterable[tuple[Node, Node]], fix: Correction
) -> list[tuple[Node, Node, Node]]:
    """The statement's triples on a new node, with the correction applied."""
    pairs = list(original)
    if not pairs:
        raise SinergiError(f"statement {statement} is not in the graph")
    parties = [(p, o) for p, o in pairs if p in _PARTY_PREDICATES.values()]
    dropped = {SG.confidence, SG.rule}
    if fix.parties or fix.reverse:
        dropped |= set(_PARTY_PREDICATES.values())
    if fix.date:
        dropped |= {SG.date, TIME.hasTime}
    if fix.theme:
        dropped |= {SG.theme, SG.aboutProgram}
    kinds = set(_EVENT_CLASSES.values())
    if fix.kind:
        dropped.add(RDF.type)
    triples: list[tuple[Node, Node, Node]] = [
        (copy, p, o)
        for p, o in pairs
        if p not in dropped or (p == RDF.type and o not in kinds and fix.kind)
    ]
    if fix.kind:
        triples.append((copy, RDF.type, _EVENT_CLASSES[fix.kind]))
    if fix.parties:
        for role, code in fix.parties:
            triples.append((copy, _PARTY_PREDICATES[role], region_iri(code)))
            if role in ("host", "guest"):
                triples.append((copy, SG.participant, region_iri(code)))
    elif fix.reverse:
        swap: dict[Node, Node] = {
            SG.source: SG.learner,
            SG.learner: SG.source,
            SG.host: SG.guest,
            SG.guest: SG.host,
        }
        triples.extend((copy, swap.get(p, p), o) for p, o in parties)
    if fix.date:
        triples.append((copy, SG.date, Literal(fix.date, datatype=XSD.date)))
    if fix.theme:
        triples.append((copy, SG.theme, theme_iri(fix.theme)))
    triples += [
        (copy, SG.confidence, Literal("1.0", datatype=XSD.decimal)),
        (copy, SG.rule, Literal("curated")),
        (copy, PROV.wasRevisionOf, statement),
    ]
    learners = [o for _s, p, o in triples if p == SG.learner]
    sources = [o for _s, p, o in triples if p == SG.source]
    triples += [(learner, SG.learnedFrom, source) for learner in learners for source in sources]
    return sorted(set(triples))


def record(store: GraphStore, decisions: Iterable[Decision]) -> list[URIRef]:
    """Write each decision in its own graph, then rebuild the statuses; their IRIs."""
    graphs: dict[str, str] = {}
    written = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for decision in decisions:
        if not decision.when:  # the time is part of the IRI: a decision made again is new
            decision = replace(decision, when=now)
        original = []
        if decision.decision == "fix":
            rows = store.query(f"SELECT ?p ?o WHERE {{ <{decision.statement}> ?p ?o }}").rows
            original = [(row["p"], row["o"]) for row in rows if row["p"] and row["o"]]
        node = decision.iri()
        graphs[str(graph_of(node))] = triples_nt(decision_triples(decision, original))
        written.append(node)
    if graphs:
        store.write_graphs(graphs)
    rebuild_status(store)
    return written


_DECISIONS_QUERY = """
PREFIX sg: <https://w3id.org/sinergi/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?decision ?statement ?kind ?curator ?when ?reason ?correction ?generated ?earlier
WHERE {
  ?decision a sg:Curation ; sg:decision ?kind ; sg:curates ?statement ;
            prov:endedAtTime ?when .
  OPTIONAL { ?decision prov:wasAssociatedWith/foaf:name ?curator }
  OPTIONAL { ?decision rdfs:comment ?reason }
  OPTIONAL { ?decision sg:correction ?correction }
  OPTIONAL { ?decision prov:generated ?generated }
  OPTIONAL { ?decision sg:supersedes ?earlier }
}
"""


def read_decisions(store: GraphStore) -> list[RecordedDecision]:
    """Every decision in the store, oldest first, with whether it is in force."""
    found: dict[str, dict[str, object]] = {}
    for row in store.query(_DECISIONS_QUERY).values():
        item = found.setdefault(
            str(row["decision"]),
            {
                "statement": str(row["statement"]),
                "decision": str(row["kind"]),
                "curator": str(row.get("curator") or ""),
                "when": str(row["when"]),
                "reason": str(row.get("reason") or ""),
                "correction": str(row.get("correction") or ""),
                "generated": row.get("generated"),
                "supersedes": set(),
            },
        )
        if row.get("earlier"):
            item["supersedes"].add(str(row["earlier"]))  # type: ignore[attr-defined]
    superseded_by: dict[str, list[str]] = {}
    for iri, item in found.items():
        for earlier in item["supersedes"]:  # type: ignore[attr-defined]
            superseded_by.setdefault(earlier, []).append(iri)

    in_force: dict[str, bool] = {}

    def check(iri: str, seen: frozenset[str] = frozenset()) -> bool:
        if iri not in in_force:
            later = [x for x in superseded_by.get(iri, []) if x not in seen]
            in_force[iri] = not any(check(x, seen | {iri}) for x in later)
        return in_force[iri]

    result = [
        RecordedDecision(
            iri=iri,
            statement=str(item["statement"]),
            decision=str(item["decision"]),
            curator=str(item["curator"]),
            when=str(item["when"]),
            reason=str(item["reason"]),
            correction=str(item["correction"]),
            generated=str(item["generated"]) if item["generated"] else None,
            supersedes=tuple(sorted(item["supersedes"])),  # type: ignore[call-overload]
            in_force=check(iri),
        )
        for iri, item in found.items()
    ]
    return sorted(result, key=lambda d: (d.when, d.iri))


def effective_statuses(decisions: Iterable[RecordedDecision]) -> dict[str, str]:
    """Each curated statement's status under the decisions in force."""
    ordered = sorted(decisions, key=lambda d: (d.when, d.iri))
    status: dict[str, str] = {}
    for decision in ordered:  # the copies of fixes first: their own decisions come after
        if decision.decision == "fix" and decision.generated:
            status[decision.generated] = "correction" if decision.in_force else "withdrawn"
    for decision in ordered:
        if not decision.in_force or decision.decision == "undo":
            continue
        status[decision.statement] = {
            "accept": "accepted",
            "reject": "rejected",
            "fix": "corrected",
        }[decision.decision]
    return status


def rebuild_status(store: GraphStore) -> dict[str, str]:
    """Rewrite the status graph from the decisions in the store; the statuses."""
    status = effective_statuses(read_decisions(store))
    triples: list[tuple[Node, Node, Node]] = []
    for statement, value in sorted(status.items()):
        triples.append((URIRef(statement), SG.curationStatus, Literal(value)))
        if value in EXCLUDED_STATUSES:
            triples.append((URIRef(statement), SG.excluded, Literal(True)))
    store.write_graphs(
        {str(CURATION_STATUS_GRAPH): triples_nt(triples)}, drop=[str(CURATION_STATUS_GRAPH)]
    )
    return status


def in_force_by_statement(decisions: Iterable[RecordedDecision]) -> Mapping[str, RecordedDecision]:
    """The decision in force about each statement (the latest, undo decisions aside)."""
    latest: dict[str, RecordedDecision] = {}
    for decision in sorted(decisions, key=lambda d: (d.when, d.iri)):
        if decision.in_force and decision.decision != "undo":
            latest[decision.statement] = decision
    return latest
