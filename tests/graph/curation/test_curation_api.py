"""The curation layer through the Python API: sheets, decisions, statuses, and the
include-everything and minimum-confidence options of the projections, analytics and views."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from sinergi import api
from sinergi.errors import SinergiError
from sinergi.graph.curation.statements import Statement
from sinergi.graph.store import OxigraphStore
from sinergi.viz.views import ViewFilter, build_view


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    opened = api.open_store(tmp_path / "store")
    api.ingest([api.demo_corpus()], opened, workers=1)
    yield opened
    opened.close()


def _decide(path: Path, decisions: dict[str, dict[str, str]]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(decisions.get(row["parties"], {}))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_sheet_decisions_and_the_options_that_include_everything(
    store: OxigraphStore, tmp_path: Path
) -> None:
    sheet = tmp_path / "learning.csv"
    listed = api.write_review_sheet(
        store, sheet, filters=api.SheetFilter(kinds=frozenset({"learning"}), max_confidence=0.75)
    )
    assert listed and all(s.kind == "learning" and (s.confidence or 0) <= 0.75 for s in listed)
    target = listed[0]
    _decide(sheet, {target.parties_text(): {"decision": "reject", "reason": "test"}})
    report = api.apply_sheet(store, sheet, "Peneliti Uji")
    assert len(report.applied) == 1 and report.problems == []
    pair = (target.codes("source")[0], target.codes("learner")[0])

    kept = api.learning_projection(store)
    everything = api.learning_projection(store, include_excluded=True)
    if pair in kept.edges:  # another statement may support the same pair
        assert kept.edges[pair]["weight"] == everything.edges[pair]["weight"] - 1
    else:
        assert pair in everything.edges
    assert api.curation_status(store).rows()[0]["rejected"] == 1

    view = build_view(store, "learning")
    shown = build_view(store, "learning", filters=ViewFilter(include_excluded=True))
    assert view.number_of_edges() <= shown.number_of_edges()
    statuses = {e.status for _u, _v, d in shown.edges(data=True) for e in d["evidence"] if e.status}
    assert statuses == {"rejected"}

    [decision] = [d for d in api.list_decisions(store) if d.decision == "reject"]
    api.undo_decision(store, decision.iri, "Peneliti Uji", "checked again")
    restored = set(api.learning_projection(store).edges(data="weight"))
    assert restored == set(everything.edges(data="weight"))
    with pytest.raises(SinergiError, match="no longer in force"):
        api.undo_decision(store, decision.iri, "Peneliti Uji")


def test_min_confidence_drops_weaker_statements_everywhere(store: OxigraphStore) -> None:
    confidences = [s.confidence for s in api.read_statements(store) if s.kind == "learning"]
    cut = sorted({c for c in confidences if c is not None})[1]  # drops the weakest level
    weak = sum(1 for c in confidences if c is not None and c < cut)
    assert weak > 0
    total = sum(w for _u, _v, w in api.learning_projection(store).edges(data="weight"))
    strong = api.learning_projection(store, min_confidence=cut)
    assert sum(w for _u, _v, w in strong.edges(data="weight")) == total - weak
    leaders = api.analyze(store, "leaders", min_confidence=cut)
    assert sum(float(r["in_strength"]) for r in leaders) == total - weak
    view = build_view(store, "learning", filters=ViewFilter(min_confidence=cut))
    pieces = [e for _u, _v, d in view.edges(data=True) for e in d["evidence"]]
    assert pieces and all((e.confidence or 0) >= cut for e in pieces)
    strong_rows = api.run_query(store, "learning-evidence", {"min_confidence": str(cut)})
    all_rows = api.run_query(store, "learning-evidence")
    assert 0 < len(strong_rows.rows) < len(all_rows.rows)
    with pytest.raises(SinergiError, match="min_confidence"):
        api.learning_projection(store, min_confidence=1.5)


def test_named_statements_read_as_the_whole_listing_does(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading statements by IRI (in chunks) gives each exactly as the full listing does."""
    from sinergi.graph.curation import statements as module

    everything = {s.iri: s for s in module.read_statements(store)}
    assert len(everything) > 5
    monkeypatch.setattr(module, "READ_CHUNK", 2)  # several chunks on the demo
    wanted = sorted(everything)[::2]
    unknown = "https://w3id.org/sinergi/id/learning/none/none"
    named = module.read_statements(store, [*wanted, unknown, wanted[0]])
    assert named == [everything[iri] for iri in wanted]


def test_explain_reads_a_pair_as_filtering_every_statement_would(store: OxigraphStore) -> None:
    """explain narrows to the pair's statements first; the answer is what filtering the
    whole listing gives, for every pair the demo links and every statement type."""
    from sinergi.graph.curation.statements import KINDS, read_statements

    everything = read_statements(store)
    pairs = {
        tuple(sorted({a, b})) for s in everything for a in s.codes() for b in s.codes() if a != b
    }
    assert len(pairs) > 3
    for a, b in sorted(pairs):
        between = [s for s in everything if {a, b} <= set(s.codes())]
        for kind in (None, *KINDS):
            if kind == "program":
                expected = {s.iri for s in between if s.kind == "learning" and s.themes} | {
                    s.iri for s in everything if s.kind == "program" and set(s.codes()) & {a, b}
                }
            else:
                expected = {s.iri for s in between if kind is None or s.kind == kind}
            found = {e.statement.iri for e in api.explain_pair(store, a, b, kind=kind)}
            assert found == expected, (a, b, kind)


def test_status_counts_in_the_store_what_reading_every_statement_counts(
    store: OxigraphStore, tmp_path: Path
) -> None:
    """`sinergi status` counts with one aggregate query; after accepting, rejecting and
    fixing statements of several types, its counts are those of the statements read whole."""
    from collections import Counter

    from sinergi.graph.curation.report import _bin
    from sinergi.graph.curation.statements import read_statements

    sheet = tmp_path / "all.csv"
    listed = api.write_review_sheet(store, sheet)
    by_kind: dict[str, list[str]] = {}
    for statement in listed:
        by_kind.setdefault(statement.kind, []).append(statement.parties_text())
    assert {"learning", "visit", "program"} <= set(by_kind)
    decisions = {
        by_kind["learning"][0]: {"decision": "reject", "reason": "not learning"},
        by_kind["visit"][0]: {"decision": "accept"},
        by_kind["program"][0]: {"decision": "fix", "fix_date": "2019-05-01"},
    }
    _decide(sheet, decisions)
    assert api.apply_sheet(store, sheet, "Peneliti Uji").problems == []

    statements = read_statements(store)
    by_type: dict[str, Counter[str]] = {}
    confidence: dict[str, Counter[str]] = {}
    for s in statements:
        by_type.setdefault(s.kind, Counter())[s.status] += 1
        if s.status != "correction":
            confidence.setdefault(s.kind, Counter())[_bin(s.confidence)] += 1
    status = api.curation_status(store)
    assert status.by_type == by_type and status.confidence == confidence
    assert {"rejected", "accepted", "corrected", "correction"} <= {
        name for counts in by_type.values() for name in counts
    }
    assert status.decisions == status.decisions_in_force == 3 and status.orphaned == []


def _kept_by(s: Statement, f: api.SheetFilter) -> bool:
    """The sheet filter's meaning, written out over a statement read whole."""
    confidence = s.confidence if s.confidence is not None else 0.0
    return (
        (not f.kinds or s.kind in f.kinds)
        and (not f.theme or f.theme in s.themes)
        and (not f.province or any(c.split(".")[0] == f.province for c in s.codes()))
        and (not f.start or (s.date is not None and s.date >= f.start))
        and (not f.end or (s.date is not None and s.date <= f.end))
        and (f.min_confidence is None or confidence >= f.min_confidence)
        and (f.max_confidence is None or confidence <= f.max_confidence)
        and (not f.unreviewed or s.status == "unreviewed")
    )


def test_review_selects_in_the_store_what_filtering_every_statement_selects(
    store: OxigraphStore, tmp_path: Path
) -> None:
    """`sinergi review` selects in the store and reads only the rows it lists: for each
    filter and several combinations (after decisions give statuses), the sheet is the
    whole listing filtered, lowest confidence first, cut at the limit."""
    from sinergi.graph.curation.statements import KINDS, read_statements

    sheet = tmp_path / "all.csv"
    listed = api.write_review_sheet(store, sheet)
    _decide(sheet, {listed[0].parties_text(): {"decision": "reject", "reason": "test"}})
    assert api.apply_sheet(store, sheet, "Peneliti Uji").problems == []

    everything = read_statements(store)
    dates = sorted(s.date for s in everything if s.date)
    levels = sorted({s.confidence or 0.0 for s in everything})
    themes = sorted({t for s in everything for t in s.themes})
    provinces = sorted({c.split(".")[0] for s in everything for c in s.codes()})
    assert len(levels) > 2 and themes and len(provinces) > 2 and dates
    middle = dates[len(dates) // 2]
    filters = [
        api.SheetFilter(),
        *(api.SheetFilter(kinds=frozenset({kind})) for kind in KINDS),
        api.SheetFilter(kinds=frozenset({"visit", "forum"})),
        *(api.SheetFilter(theme=theme) for theme in themes),
        *(api.SheetFilter(province=province) for province in provinces),
        api.SheetFilter(start=middle),
        api.SheetFilter(end=middle),
        api.SheetFilter(min_confidence=levels[1]),
        api.SheetFilter(max_confidence=levels[-2]),
        api.SheetFilter(unreviewed=True),
        api.SheetFilter(
            kinds=frozenset({"learning", "program"}),
            province=provinces[0],
            max_confidence=levels[-1],
            unreviewed=True,
        ),
    ]

    def lowest_first(s: Statement) -> tuple[float, str]:
        return (s.confidence if s.confidence is not None else 0.0, s.iri)

    for sheet_filter in filters:
        kept = [s for s in everything if _kept_by(s, sheet_filter)]
        expected = sorted(kept, key=lowest_first)
        assert api.review_statements(store, sheet_filter) == expected, sheet_filter
        assert api.review_statements(store, sheet_filter, limit=3) == expected[:3]
    assert (
        len(api.review_statements(store, api.SheetFilter(unreviewed=True))) == len(everything) - 1
    )
    with pytest.raises(SinergiError, match="unknown statement type"):
        api.review_statements(store, api.SheetFilter(kinds=frozenset({"rumour"})))
    with pytest.raises(SinergiError, match="YYYY-MM-DD"):
        api.review_statements(store, api.SheetFilter(start="2019"))
