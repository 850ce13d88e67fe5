"""docs/queries.md is generated from the .rq headers and must be up to date."""

from __future__ import annotations

from sinergi.queries import library_queries, queries_markdown
from tests.conftest import REPO


def test_docs_match_the_library() -> None:
    written = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
    assert written == queries_markdown(), "run: python scripts/build_query_docs.py"


def test_library_answers_the_research_questions() -> None:
    assert len(library_queries()) >= 20
