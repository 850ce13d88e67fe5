"""The Examples sections of the diffusion modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "sinergi.graph.cascades",
    "sinergi.graph.formats",
    "sinergi.graph.inference",
    "sinergi.graph.leaders",
    "sinergi.graph.panel",
    "sinergi.graph.paths",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)

    assert result.attempted > 0
    assert result.failed == 0
