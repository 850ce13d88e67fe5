"""What a team is about to publish: statements per type, decisions, confidence.

:func:`curation_status` counts, per statement type, the statements the graph holds and
how many are accepted, rejected, corrected (replaced by a fix), corrections (the fixed
copies) and unreviewed; the confidence of the extracted statements in bins; and the
decisions whose statement is gone (an article changed or re-extracted away).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sinergi.graph.curation.decisions import in_force_by_statement, read_decisions
from sinergi.graph.curation.statements import KINDS, UNREVIEWED, read_statements
from sinergi.graph.store import GraphStore
from sinergi.queries import bind_query, get_query

__all__ = ["CONFIDENCE_BINS", "STATUSES", "CurationStatus", "curation_status"]

#: The statuses a statement can have, in the order reports list them.
STATUSES: tuple[str, ...] = (
    "accepted",
    "rejected",
    "corrected",
    "correction",
    "withdrawn",
    UNREVIEWED,
)
#: Upper bounds of the confidence bins (each bin is [previous bound, bound), the last
#: one closed).
CONFIDENCE_BINS: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(slots=True)
class CurationStatus:
    """Counts of a graph's statements by type, status and confidence."""

    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    confidence: dict[str, Counter[str]] = field(default_factory=dict)
    decisions: int = 0
    decisions_in_force: int = 0
    orphaned: list[str] = field(default_factory=list)  # decision IRIs whose statement is gone

    def rows(self) -> list[dict[str, object]]:
        """One row per type (and a total): statements and each status, for CSV or print."""
        rows = []
        total: Counter[str] = Counter()
        for kind in KINDS:
            counts = self.by_type.get(kind, Counter())
            total.update(counts)
            rows.append({"type": kind, "statements": sum(counts.values()), **_statuses(counts)})
        rows.append({"type": "all", "statements": sum(total.values()), **_statuses(total)})
        return rows


def _statuses(counts: Counter[str]) -> dict[str, int]:
    return {status: counts.get(status, 0) for status in STATUSES}


def _bin(confidence: float | None) -> str:
    """``"0.7-0.8"`` for 0.7 <= confidence < 0.8; the last bin includes 1.0."""
    if confidence is None:
        return "none"
    low = 0.0
    for high in CONFIDENCE_BINS:
        if confidence < high or high == CONFIDENCE_BINS[-1]:
            return f"{low:.1f}-{high:.1f}"
        low = high
    return f"{low:.1f}-{CONFIDENCE_BINS[-1]:.1f}"


def curation_status(store: GraphStore) -> CurationStatus:
    """The counts of the statements and decisions in ``store``.

    Counted in the store (the internal query ``statement-counts``), not by reading every
    statement: a national graph holds hundreds of thousands of them.
    """
    report = CurationStatus()
    rows = store.query(bind_query(get_query("statement-counts"))).values()
    for row in rows:
        kind, count = str(row["kind"]), int(row["statements"])
        status = str(row["status"]) if row.get("status") else UNREVIEWED
        report.by_type.setdefault(kind, Counter())[status] += count
        if status != "correction":
            given = row.get("confidence")
            confidence = float(given) if given is not None else None
            report.confidence.setdefault(kind, Counter())[_bin(confidence)] += count
    decisions = read_decisions(store)
    report.decisions = len(decisions)
    in_force = in_force_by_statement(decisions)
    report.decisions_in_force = len(in_force)
    present = {s.iri for s in read_statements(store, [d.statement for d in in_force.values()])}
    report.orphaned = sorted(d.iri for d in in_force.values() if d.statement not in present)
    return report
