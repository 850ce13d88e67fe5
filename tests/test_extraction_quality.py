"""Extraction quality on the real articles in ../shared: the issue's F1 targets as floors.

Skips without ../shared. Scores come from ../shared/eval/score.py itself, so a rule change
that lowers any facet below its target fails the suite.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sinergi.evaluation import TARGETS, score_corpus
from tests.conftest import SHARED


@cache
def scores(corpus: str) -> dict:
    folder = SHARED / "corpus" / corpus
    source = folder / ("docs.jsonl" if corpus == "dev" else "text")
    return score_corpus(source, folder / "gold.jsonl", SHARED / "eval" / "score.py")["scores"]


CASES = [(corpus, facet) for corpus, targets in TARGETS.items() for facet in targets]


@pytest.mark.parametrize(("corpus", "facet"), CASES)
def test_facet_reaches_its_target(shared: Path, corpus: str, facet: str) -> None:
    f1 = scores(corpus)[facet]["f1"]
    assert f1 >= TARGETS[corpus][facet], f"{corpus} {facet} F1 {f1} < {TARGETS[corpus][facet]}"
