"""Extraction quality on the real articles in ../shared: the issue's F1 targets as floors.

Skips without ../shared. Scores come from ../shared/eval/score.py itself, so a rule change
that lowers any facet below its target fails the suite.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, SHARED


def _evaluation() -> ModuleType:
    """``benchmarks/evaluation.py``: benchmark code, not part of the package."""
    spec = importlib.util.spec_from_file_location(
        "bench_evaluation", REPO / "benchmarks" / "evaluation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_EVALUATION = _evaluation()
DEV2_FLOORS, TARGETS, score_corpus = (
    _EVALUATION.DEV2_FLOORS,
    _EVALUATION.TARGETS,
    _EVALUATION.score_corpus,
)


@cache
def scores(corpus: str) -> dict:
    folder = SHARED / "corpus" / corpus
    source = folder / ("text" if corpus == "seeds" else "docs.jsonl")
    return score_corpus(source, folder / "gold.jsonl", SHARED / "eval" / "score.py")["scores"]


CASES = [(corpus, facet) for corpus, targets in TARGETS.items() for facet in targets]


@pytest.mark.parametrize(("corpus", "facet"), CASES)
def test_facet_reaches_its_target(shared: Path, corpus: str, facet: str) -> None:
    f1 = scores(corpus)[facet]["f1"]
    assert f1 >= TARGETS[corpus][facet], f"{corpus} {facet} F1 {f1} < {TARGETS[corpus][facet]}"


@pytest.mark.parametrize("facet", sorted(DEV2_FLOORS))
def test_dev2_stays_above_its_floor(shared: Path, facet: str) -> None:
    """dev2 was not used to write rules before 2026-12: it must not regress."""
    f1 = scores("dev2")[facet]["f1"]
    assert f1 >= DEV2_FLOORS[facet], f"dev2 {facet} F1 {f1} < {DEV2_FLOORS[facet]}"
