"""JSON Lines: one JSON object per line with ``doc`` or ``id``, ``text`` and metadata.

Lines are read as bytes and decoded one by one, so a broken line (bad JSON, bad UTF-8,
not an object, no text) is rejected alone and the lines after it still arrive.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from sinergi.loaders.read.documents import (
    Document,
    ErrorHandler,
    ReadOptions,
    Rejected,
    document_from_record,
)

__all__ = ["DESCRIPTION", "EXTENSIONS", "READER", "read_jsonl"]

#: What a file of this format holds, for ``sinergi extract --help``.
DESCRIPTION = "one JSON object per line: doc or id, text; optional title, url, published, outlet"
#: The file endings this reader reads (``.gz`` on top is read transparently).
EXTENSIONS = (".jsonl", ".json", ".ndjson")


def read_jsonl(path: Path, report: ErrorHandler, options: ReadOptions) -> Iterator[Document]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                report(Rejected(where, f"not UTF-8 ({exc.reason} at byte {exc.start})", None))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                report(Rejected(where, f"invalid JSON ({exc.msg})", line.rstrip("\n")))
                continue
            document = document_from_record(record, where)
            if isinstance(document, Rejected):
                report(Rejected(where, document.reason, line.rstrip("\n")))
            else:
                yield document


#: The reader :func:`sinergi.loaders.read.documents.iter_documents` calls.
READER = read_jsonl
