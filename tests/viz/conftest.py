"""The store built from the view tests' own articles, shared by the view test modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinergi.graph.store import OxigraphStore
from tests.viz.corpus import build_store


@pytest.fixture(scope="session")
def viz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = build_store(tmp_path_factory.mktemp("viz"))
    yield store
    store.close()
