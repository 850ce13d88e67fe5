"""The demo corpus's own answer key (sinergi/demo/README.md) through `sinergi extract`.

The key's machine-readable block is the contract for the demo: every region, event (type,
parties, host/guest sides, forum, date) and learning edge of the ten files must come out
exactly. Programs' themes and two officials are not asserted: the key records judgement
calls there that the rules do not reproduce (see the README's extraction quality table).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import main

DEMO = Path(str(resources.files("sinergi") / "demo"))


def answer_key() -> dict[str, dict]:
    """The README's ```jsonl block, by document id."""
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```jsonl", 1)[1].split("```", 1)[0]
    records = [json.loads(line) for line in block.strip().splitlines()]
    return {record["doc"]: record for record in records}


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    result = CliRunner().invoke(main, ["extract", str(DEMO), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return {record["doc"]: record for record in records}


def events_of(record: dict) -> set[tuple]:
    return {
        (
            e["type"],
            e["date"],
            tuple(sorted(e["hosts"])),
            tuple(sorted(e["guests"])),
            e["forum"],
        )
        for e in record["events"]
    }


@pytest.mark.parametrize("doc", sorted(answer_key()))
def test_events_match_the_key(extracted: dict[str, dict], doc: str) -> None:
    assert events_of(extracted[doc]) == events_of(answer_key()[doc])


@pytest.mark.parametrize("doc", sorted(answer_key()))
def test_learning_edges_match_the_key(extracted: dict[str, dict], doc: str) -> None:
    edges = {(e["learner"], e["source"]) for e in extracted[doc]["learning"]}
    assert edges == {(e["learner"], e["source"]) for e in answer_key()[doc]["learning"]}


@pytest.mark.parametrize("doc", sorted(answer_key()))
def test_regions_match_the_key(extracted: dict[str, dict], doc: str) -> None:
    codes = {r["code"] for r in extracted[doc]["regions"]}
    assert codes == {r["code"] for r in answer_key()[doc]["regions"]}


def test_forum_of_file_04_has_every_guest_and_its_host(extracted: dict[str, dict]) -> None:
    """The issue's named failure: the APEKSI forum's guests and Molen's learning direction."""
    record = extracted["04_apeksi-sharing-session-yogyakarta"]
    (forum,) = [e for e in record["events"] if e["type"] == "forum"]
    assert forum["hosts"] == ["34.71"]
    assert set(forum["guests"]) == {"19.71", "17.71", "15.71", "16.71"}
    assert [(e["learner"], e["source"]) for e in record["learning"]] == [("19.71", "15.71")]
