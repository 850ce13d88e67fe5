"""Regenerate docs/queries.md from the headers of the .rq files (run from the repo root)."""

from __future__ import annotations

from pathlib import Path

from sinergi.queries import queries_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
    target.write_text(queries_markdown(), encoding="utf-8")
    print(f"wrote {target.name}")
