"""Reading the store for the views: every statement behind a link, with its evidence.

The queries ``view-learning``, ``view-events`` and ``view-programs`` return one row per
statement (repeated per theme, program and sentence); the functions here group them into
one :class:`~.graph.Evidence` each. The links they yield are only those the projections of
:mod:`sinergi.graph.analysis.projections` have as edges: the projections decide what is
drawn, the rows add the evidence, so the page and the analytics cannot disagree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from sinergi.graph.analysis.projections import collaboration_projection, learning_projection
from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query
from sinergi.reference import load_regions
from sinergi.viz.views.graph import Evidence, Link, ViewFilter, plural

__all__ = [
    "ProgramRow",
    "Relation",
    "adoption_evidence",
    "event_links",
    "learning_links",
    "learning_relations",
    "program_rows",
]

@dataclass(slots=True)
class Relation:
    source: str
    learner: str
    programs: dict[str, str]  # program IRI -> label
    evidence: Evidence


@dataclass(slots=True)
class ProgramRow:
    owner: str
    label: str | None
    theme: str | None
    evidence: Evidence


@dataclass(slots=True)
class StatementRows:
    """Accumulates the rows of one statement (they repeat per theme, program, sentence)."""

    dates: set[str] = field(default_factory=set)
    doc: str | None = None
    title: str | None = None
    url: str | None = None
    sentences: dict[str, float] = field(default_factory=dict)  # text -> sentence index
    themes: set[str] = field(default_factory=set)
    confidence: float | None = None
    status: str | None = None

    def add(self, row: Mapping[str, object]) -> None:
        if row.get("date"):
            self.dates.add(str(row["date"]))
        self.doc = self.doc or text_or_none(row.get("doc"))
        self.title = self.title or text_or_none(row.get("title"))
        self.url = self.url or text_or_none(row.get("url"))
        sentence = text_or_none(row.get("sentence"))
        if sentence:
            index = row.get("sentence_index")
            position = float(index) if isinstance(index, int | float) else math.inf
            self.sentences[sentence] = min(position, self.sentences.get(sentence, math.inf))
        if row.get("theme_slug"):
            self.themes.add(str(row["theme_slug"]))
        self.status = self.status or text_or_none(row.get("status"))
        confidence = row.get("confidence")
        if confidence is not None:
            value = float(confidence)  # type: ignore[arg-type]
            self.confidence = value if self.confidence is None else max(self.confidence, value)

    def evidence(
        self, statement: str, kind: str, *, programs: Iterable[str] = (), detail: str = ""
    ) -> Evidence:
        ordered = sorted(self.sentences, key=lambda text: (self.sentences[text], text))
        return Evidence(
            statement=statement,
            kind=kind,
            date=min(self.dates) if self.dates else None,
            doc=self.doc,
            title=self.title,
            url=self.url,
            sentences=tuple(ordered),
            themes=tuple(sorted(self.themes)),
            programs=tuple(sorted(set(programs))),
            detail=detail,
            confidence=self.confidence,
            status=self.status,
        )


def view_rows(store: GraphStore, name: str, scope: ViewFilter) -> list[dict[str, Any]]:
    """The rows of the view query ``name`` for the statements ``scope`` keeps: curated-out
    ones only with ``include_excluded``, none below ``min_confidence``."""
    return store.query(bind_query(get_query(name), scope.statement_params())).values()


def learning_relations(store: GraphStore, scope: ViewFilter) -> list[Relation]:
    """Every learning relation, grouped from the ``view-learning`` rows."""
    statements: dict[str, StatementRows] = {}
    ends: dict[str, tuple[str, str]] = {}
    programs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in view_rows(store, "view-learning", scope):
        relation = str(row["relation"])
        statements.setdefault(relation, StatementRows()).add(row)
        ends[relation] = (str(row["source_code"]), str(row["learner_code"]))
        if row.get("program"):
            programs[relation][str(row["program"])] = text_or_none(row.get("program_label")) or ""
    result = []
    for relation in sorted(statements):
        source, learner = ends[relation]
        labels = [label for label in programs[relation].values() if label]
        detail = f"about: {'; '.join(sorted(set(labels)))}" if labels else ""
        evidence = statements[relation].evidence(
            relation, "learning", programs=labels, detail=detail
        )
        result.append(Relation(source, learner, dict(programs[relation]), evidence))
    return result


def learning_links(
    store: GraphStore, relations: Iterable[Relation], scope: ViewFilter
) -> Iterator[Link]:
    """Each learning relation as a link of its edge in the learning projection.

    The projection decides the edges (which statements count, source -> learner); a
    relation whose pair is not an edge there is not drawn, so the view never shows a
    link the analytics do not have.
    """
    edges = set(learning_projection(store, **scope.statement_filters()).edges())
    for relation in relations:
        if (relation.source, relation.learner) in edges:
            yield Link(relation.source, relation.learner, "learning", True, relation.evidence)


def event_links(store: GraphStore, scope: ViewFilter) -> Iterator[Link]:
    """One link per pair of participants of every event, from the ``view-events`` rows.

    A pair is drawn for an event type only if the collaboration projection has that pair
    with that type (the projection decides the edges; the rows add the evidence).
    """
    edges = {
        (min(a, b), max(a, b), kind)
        for a, b, data in collaboration_projection(store, **scope.statement_filters()).edges(
            data=True
        )
        for kind in data["by_type"]
    }
    statements: dict[str, StatementRows] = {}
    kinds: dict[str, str] = {}
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    forums: dict[str, str] = {}
    for row in view_rows(store, "view-events", scope):
        event = str(row["event"])
        statements.setdefault(event, StatementRows()).add(row)
        kinds[event] = str(row["kind"])
        roles[event][str(row["region_code"])] = str(row["role"])
        if row.get("forum"):
            forums[event] = str(row["forum"])
    regions = load_regions()

    def name(code: str) -> str:
        return regions[code].name if code in regions else code

    for event in sorted(statements):
        members = roles[event]
        hosts = [name(c) for c in sorted(members) if members[c] == "host"]
        guests = [name(c) for c in sorted(members) if members[c] == "guest"]
        others = [name(c) for c in sorted(members) if members[c] == "participant"]
        parts = []
        if event in forums:
            parts.append(f"forum: {forums[event]}")
        if hosts:
            parts.append(f"{plural(len(hosts), 'host')}: {', '.join(hosts)}")
        if guests:
            parts.append(f"{plural(len(guests), 'guest')}: {', '.join(guests)}")
        if others:
            parts.append(f"{plural(len(others), 'participant')}: {', '.join(others)}")
        evidence = statements[event].evidence(event, kinds[event], detail="; ".join(parts))
        for a, b in combinations(sorted(members), 2):
            if (a, b, kinds[event]) in edges:
                yield Link(a, b, kinds[event], False, evidence)


def program_rows(store: GraphStore, scope: ViewFilter) -> dict[str, ProgramRow]:
    """Every program with its owner, theme and evidence, from the ``view-programs`` rows."""
    statements: dict[str, StatementRows] = {}
    info: dict[str, tuple[str, str | None, str | None]] = {}
    for row in view_rows(store, "view-programs", scope):
        program = str(row["program"])
        statements.setdefault(program, StatementRows()).add(row)
        previous = info.get(program)
        label = text_or_none(row.get("label")) or (previous[1] if previous else None)
        theme = text_or_none(row.get("theme_slug")) or (previous[2] if previous else None)
        info[program] = (str(row["owner_code"]), label, theme)
    result = {}
    for program in sorted(statements):
        owner, label, theme = info[program]
        detail = f"owns the program: {label}" if label else "owns the program"
        evidence = statements[program].evidence(
            program, "program", programs=[label] if label else [], detail=detail
        )
        result[program] = ProgramRow(owner, label, theme, evidence)
    return result


def adoption_evidence(
    edges: nx.MultiDiGraph, relations: Iterable[Relation]
) -> dict[tuple[str, str], dict[str, Evidence]]:
    """The learning statements behind each adoption edge of a cascade, by pair.

    How :func:`~sinergi.graph.analysis.projections.adoption_network` counted them: a statement
    about the edge's program by the adopter (basis ``program``); a statement from the
    owner to the adopter with the edge's theme (``theme``); a statement from the owner to
    the adopter naming nothing, dated within the edge's dates (``owner``).
    """
    by_learner: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:
        by_learner[relation.learner].append(relation)
    found: dict[tuple[str, str], dict[str, Evidence]] = {}
    for owner, adopter, key, data in edges.edges(keys=True, data=True):
        basis = set(data.get("basis") or ())
        first, last = data.get("date"), data.get("last")
        theme = str(key).removeprefix("theme:") if str(key).startswith("theme:") else None
        pair = found.setdefault((owner, adopter), {})
        for relation in by_learner.get(adopter, ()):
            evidence = relation.evidence
            plain = not relation.programs and not evidence.themes
            if (
                ("program" in basis and key in relation.programs)
                or (
                    "theme" in basis
                    and theme is not None
                    and relation.source == owner
                    and theme in evidence.themes
                )
                or (
                    "owner" in basis
                    and plain
                    and relation.source == owner
                    and evidence.date is not None
                    and first is not None
                    and str(first) <= evidence.date <= str(last or first)
                )
            ):
                pair[evidence.statement] = evidence
    return found


def text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
