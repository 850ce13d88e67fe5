"""Applying a filled review sheet, undoing a decision, listing the decisions.

:func:`apply_sheet` records one decision per decided row (a new decision about a statement
supersedes the one in force; a row that repeats the decision in force changes nothing, so
a sheet can be applied twice), reports every row it cannot apply, and rebuilds the
statuses that every answer reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import URIRef

from sinergi.errors import SinergiError
from sinergi.graph.curation.decisions import (
    Decision,
    RecordedDecision,
    in_force_by_statement,
    read_decisions,
    record,
)
from sinergi.graph.curation.sheet import RowProblem, parse_sheet, sheet_statements
from sinergi.graph.curation.statements import read_statements
from sinergi.graph.store import GraphStore

__all__ = ["CurationReport", "apply_sheet", "list_decisions", "undo_decision"]


@dataclass(slots=True)
class CurationReport:
    """What applying a sheet did."""

    applied: list[URIRef] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def apply_sheet(store: GraphStore, path: str | Path, curator: str) -> CurationReport:
    """Record the decisions of the filled sheet at ``path``, made by ``curator``."""
    if not curator.strip():
        raise SinergiError("a curation needs the curator's name (`curator`)")
    sheet = Path(path)
    if not sheet.is_file():
        raise SinergiError(f"no review sheet at {sheet}")
    statements = {s.iri: s for s in read_statements(store, sheet_statements(sheet))}
    decisions, problems = parse_sheet(sheet, statements, curator.strip())
    in_force = in_force_by_statement(read_decisions(store))
    report = CurationReport(problems=problems)
    wanted: list[Decision] = []
    for decision in decisions:
        current = in_force.get(decision.statement)
        if current is not None and _same(current, decision):
            report.unchanged += 1
            continue
        wanted.append(replace(decision, supersedes=(current.iri,) if current else ()))
    report.applied = record(store, wanted) if wanted else []
    return report


def _same(current: RecordedDecision, decision: Decision) -> bool:
    return (
        current.decision == decision.decision
        and current.reason == decision.reason
        and current.correction == decision.correction.describe()
    )


def undo_decision(store: GraphStore, decision: str, curator: str, reason: str = "") -> URIRef:
    """Record that ``decision`` (its IRI, or the id at its end) is undone by ``curator``.

    The decision stays in the graph, superseded; the statement's previous decision, if
    any, is in force again.
    """
    recorded = read_decisions(store)
    matches = [d for d in recorded if d.iri == decision or d.iri.endswith("/" + decision)]
    if not matches:
        raise SinergiError(f"no curation decision {decision!r} (see `sinergi curate --list`)")
    target = matches[0]
    if not target.in_force:
        raise SinergiError(f"decision {target.iri} is no longer in force: nothing to undo")
    if target.decision == "undo":
        raise SinergiError("an undo cannot be undone; decide about the statement again")
    undo = Decision(target.statement, "undo", curator, reason, supersedes=(target.iri,))
    return record(store, [undo])[0]


def list_decisions(store: GraphStore) -> list[RecordedDecision]:
    """Every decision in the store, oldest first, with whether it is in force."""
    return read_decisions(store)
