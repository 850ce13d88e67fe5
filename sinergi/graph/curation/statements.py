"""The statements a research team reviews: learning relations, events and programs.

One :class:`Statement` per extracted (or corrected) statement, with the regions it names
and their roles, its date, theme, rule and confidence, the article and the sentence that
state it, and its curation status. Read with the internal query ``statements``; the
review sheet, ``sinergi explain`` and ``sinergi status`` all start here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query
from sinergi.reference import load_regions

__all__ = [
    "KINDS",
    "ROLES",
    "UNREVIEWED",
    "Party",
    "Statement",
    "programs_owned",
    "read_statements",
    "statements_naming",
    "statements_to_review",
]

#: The statement types a researcher reviews, as ``sinergi review --type`` names them.
KINDS: tuple[str, ...] = ("learning", "visit", "agreement", "forum", "program")
#: The roles each type gives its regions, in the order a sheet lists them.
ROLES: dict[str, tuple[str, ...]] = {
    "learning": ("source", "learner"),
    "visit": ("host", "guest", "participant"),
    "agreement": ("host", "guest", "participant"),
    "forum": ("host", "guest", "participant"),
    "program": ("owner",),
}
#: The status of a statement no decision is about.
UNREVIEWED = "unreviewed"


@dataclass(frozen=True, slots=True)
class Party:
    """A region a statement names, with its role."""

    role: str
    code: str

    @property
    def name(self) -> str:
        region = load_regions().get(self.code)
        return region.name if region else self.code


@dataclass(slots=True)
class Statement:
    """One statement with its evidence (the first sentence that states it)."""

    iri: str
    kind: str
    parties: list[Party] = field(default_factory=list)
    date: str | None = None
    themes: list[str] = field(default_factory=list)
    label: str | None = None
    confidence: float | None = None
    rule: str | None = None
    doc: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    sentence: str | None = None
    sentence_index: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    status: str = UNREVIEWED

    def codes(self, role: str | None = None) -> list[str]:
        """The codes of the statement's regions (with ``role`` only, if given)."""
        return [p.code for p in self.parties if role is None or p.role == role]

    def parties_text(self) -> str:
        """``"source=17.71; learner=36.04"``: the parties as a sheet writes and reads them."""
        return "; ".join(f"{p.role}={p.code}" for p in self.parties)

    def names_text(self) -> str:
        """``"source Kota Bengkulu; learner Kabupaten Serang"``, for reading."""
        return "; ".join(f"{p.role} {p.name}" for p in self.parties)


#: Statements read per query when the caller names them: a VALUES block of this many IRIs
#: is one hash join, and the query text stays far below any endpoint's size limit.
READ_CHUNK = 500


def read_statements(
    store: GraphStore, statement: str | Iterable[str] | None = None
) -> list[Statement]:
    """Every curatable statement in the store, by IRI; or only the IRI(s) ``statement``.

    Reading every statement costs what the graph holds (minutes at millions of triples),
    so whoever knows which statements it needs (a sheet's rows, a pair's statements)
    names them and pays for those only. Unknown IRIs are simply absent from the answer.
    """
    query = get_query("statements")
    if statement is None:
        return list(_group(store.query(bind_query(query)).values()).values())
    wanted = [statement] if isinstance(statement, str) else list(dict.fromkeys(statement))
    found: dict[str, Statement] = {}
    for start in range(0, len(wanted), READ_CHUNK):
        chunk = wanted[start : start + READ_CHUNK]
        found.update(_group(store.query(bind_query(query, {"statement": chunk})).values()))
    return [found[iri] for iri in sorted(found)]


def statements_naming(store: GraphStore, region: str, other: str | None = None) -> list[str]:
    """The IRIs of the statements naming ``region`` (and ``other``, if given)."""
    params = {"region": region} if other is None else {"region": region, "other": other}
    return _iris(store, "statements-naming", params)


def programs_owned(store: GraphStore, region: str) -> list[str]:
    """The IRIs of the program statements ``region`` owns."""
    return _iris(store, "programs-owned", {"region": region})


def statements_to_review(
    store: GraphStore, params: Mapping[str, str | Sequence[str]], limit: int | None = None
) -> list[str]:
    """The IRIs a review sheet lists, lowest confidence first (then by IRI), selected in the
    store by the internal query ``statements-to-review`` with ``params`` (at most ``limit``).

    The store selects and Python sorts: Oxigraph compares IRIs slowly enough that sorting
    100,000 statements in the query takes seconds longer than sorting them here.
    """
    rows = store.query(bind_query(get_query("statements-to-review"), params)).values()
    chosen = sorted((float(row["confidence"]), str(row["statement"])) for row in rows)
    return [iri for _confidence, iri in chosen[:limit]]


def _iris(store: GraphStore, query: str, params: Mapping[str, str | Sequence[str]]) -> list[str]:
    rows = store.query(bind_query(get_query(query), params)).values()
    return [str(row["statement"]) for row in rows]


def _group(rows: Iterable[dict[str, Any]]) -> dict[str, Statement]:
    found: dict[str, Statement] = {}
    order = {role: rank for roles in ROLES.values() for rank, role in enumerate(roles)}
    for row in rows:
        iri = str(row["statement"])
        item = found.get(iri)
        if item is None:
            item = found[iri] = Statement(iri=iri, kind=str(row["kind"]))
        party = Party(str(row["role"]), str(row["region_code"]))
        if party not in item.parties:
            item.parties.append(party)
        theme = row.get("theme_slug")
        if theme and theme not in item.themes:
            item.themes.append(str(theme))
        index = row.get("sentence_index")
        if row.get("sentence") and (
            item.sentence is None
            or (index is not None and (item.sentence_index is None or index < item.sentence_index))
        ):
            item.sentence = str(row["sentence"])
            item.sentence_index = int(index) if index is not None else None
            start, end = row.get("sentence_start"), row.get("sentence_end")
            item.sentence_start = int(start) if start is not None else None
            item.sentence_end = int(end) if end is not None else None
        for name in ("date", "label", "rule", "doc", "title", "url", "outlet", "published"):
            if getattr(item, name) is None and row.get(name) is not None:
                setattr(item, name, str(row[name]))
        if item.confidence is None and row.get("confidence") is not None:
            item.confidence = float(row["confidence"])
        if row.get("status"):
            item.status = str(row["status"])
    for item in found.values():
        item.parties.sort(key=lambda p: (order.get(p.role, 99), p.code))
        item.themes.sort()
    return found
