"""The Examples sections of the diffusion modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "sinergi.graph.analysis.cascades",
    "sinergi.graph.analysis.formats",
    "sinergi.graph.analysis.inference",
    "sinergi.graph.analysis.leaders",
    "sinergi.graph.analysis.panel",
    "sinergi.graph.analysis.paths",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)

    assert result.attempted > 0
    assert result.failed == 0
