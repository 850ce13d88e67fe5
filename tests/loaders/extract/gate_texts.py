"""Helpers for the extraction-gate acceptance tests: run ``sinergi extract`` and summarise it."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sinergi.cli import main


def extract_article(folder: Path, name: str, article: str) -> dict[str, Any]:
    """Write ``article`` (title on the first line) to ``name``.txt and extract it via the CLI."""
    path = folder / f"{name}.txt"
    path.write_text(article, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, f"sinergi extract exited {result.exit_code}: {result.output}"
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one JSON object for one article, got {len(lines)}"
    record = json.loads(lines[0])
    assert record["doc"] == name
    return record


def events_of(record: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    """The record's events, optionally only those of one type."""
    return [e for e in record["events"] if kind is None or e["type"] == kind]


def parties(event: dict[str, Any]) -> set[str]:
    """Every region taking part in an event (hosts and guests together)."""
    return set(event["hosts"]) | set(event["guests"])


def pairs(event: dict[str, Any]) -> set[frozenset[str]]:
    """The unordered region pairs the scorer counts for an event."""
    if event["type"] == "visit":
        return {frozenset((h, g)) for h in event["hosts"] for g in event["guests"] if h != g}
    return {frozenset(p) for p in combinations(sorted(parties(event)), 2)}


def edges(record: dict[str, Any]) -> set[tuple[str, str]]:
    """Learning edges as (learner, source)."""
    return {(e["learner"], e["source"]) for e in record["learning"]}


def brief(record: dict[str, Any]) -> str:
    """A compact description of what was extracted, for assertion messages."""
    events = [
        f"{e['type']}(hosts={e['hosts']}, guests={e['guests']}, rule={e.get('rule')})"
        for e in record["events"]
    ]
    learning = sorted(edges(record))
    regions = [r["code"] for r in record["regions"]]
    return f"events={events} learning={learning} regions={regions}"
