"""Explaining an edge: every statement behind a pair of regions, with its evidence.

For each statement: the sentence, the article (title, URL, outlet, date), the sentence's
character offsets in the article, each region as the sentence writes it next to the code
it was resolved to, the rule and its confidence, and the curation status.

The text of a mention is found again in the sentence by the extractor's own gazetteer
(:mod:`sinergi.loaders.extract.gazetteer`), which is deterministic: it is what the
extractor read there. A region the sentence does not name (a party taken from the
article's dateline or an earlier sentence) shows no mention text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sinergi.errors import SinergiError
from sinergi.graph.analysis.formats import plain_code
from sinergi.graph.curation.statements import (
    KINDS,
    Statement,
    programs_owned,
    read_statements,
    statements_naming,
)
from sinergi.graph.store import GraphStore
from sinergi.reference import load_regions

__all__ = ["Explanation", "explain_pair"]


@dataclass(slots=True)
class Explanation:
    """One statement behind the pair, and how its regions are written in its sentence."""

    statement: Statement
    mentions: dict[str, list[str]] = field(default_factory=dict)  # code -> surface texts


def explain_pair(store: GraphStore, a: str, b: str, kind: str | None = None) -> list[Explanation]:
    """Every statement naming both regions ``a`` and ``b`` (any order), oldest first.

    ``kind`` keeps one type: ``learning``, ``visit``, ``agreement``, ``forum``, or
    ``program`` (the learning statements about a program between the two, and the
    programs either of them owns).
    """
    regions = load_regions()
    a, b = plain_code(a), plain_code(b)
    for code in (a, b):
        if code not in regions:
            raise SinergiError(f"{code!r} is not a Kemendagri region code (e.g. 17.71)")
    if kind is not None and kind not in KINDS:
        raise SinergiError(f"unknown statement type {kind!r}; choose from {', '.join(KINDS)}")
    named = statements_naming(store, a, b)
    if kind == "program":  # the programs either region owns, too
        named += programs_owned(store, a) + programs_owned(store, b)
    statements = read_statements(store, named)
    between = [s for s in statements if {a, b} <= set(s.codes())]
    if kind == "program":
        learning = [s for s in between if s.kind == "learning" and s.themes]
        owned = [s for s in statements if s.kind == "program" and set(s.codes()) & {a, b}]
        chosen = list({s.iri: s for s in [*learning, *owned]}.values())
    else:
        chosen = [s for s in between if kind is None or s.kind == kind]
    chosen.sort(key=lambda s: (s.date or "9999", s.doc or "", s.iri))
    return [Explanation(s, _mentions(s)) for s in chosen]


def _mentions(statement: Statement) -> dict[str, list[str]]:
    """Each region's surface text in the statement's sentence."""
    from sinergi.loaders.extract.gazetteer import get_gazetteer

    if not statement.sentence:
        return {}
    found: dict[str, list[str]] = {}
    for mention in get_gazetteer().find(statement.sentence):
        if mention.code in statement.codes() and mention.surface not in found.get(mention.code, []):
            found.setdefault(mention.code, []).append(mention.surface)
    return found
