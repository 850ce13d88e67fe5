"""Shared fixtures: where ../shared is, and skipping tests that need it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder; tests using it skip when it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside the repository")
    return SHARED


#: What differs between two ingests of the same articles by design: which run extracted
#: them and when (sinergi.loaders.provenance). Graphs compared across ingests leave it out.
_RUN_PREDICATES = {
    "http://www.w3.org/ns/prov#wasInformedBy",
    "http://www.w3.org/ns/prov#startedAtTime",
    "http://www.w3.org/ns/prov#endedAtTime",
}
_RUN_GRAPHS = "https://w3id.org/sinergi/graph/ingest/"


def is_run_provenance(predicate: str, graph: str | None) -> bool:
    """True for a quad that names or describes an ingest run (its IRI and times differ
    from one ingest of the same articles to the next)."""
    return predicate in _RUN_PREDICATES or (graph or "").startswith(_RUN_GRAPHS)
