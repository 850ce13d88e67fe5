"""CSV with a header row: one article per row, columns chosen by name.

The dialect (delimiter, quoting) is detected with the standard library's sniffer, the
encoding with :mod:`sinergi.loaders.read.decoding` (UTF-8 with or without BOM, Windows-1252).
A file without the text column is rejected as a whole, naming the columns it has; a row
without text or id is rejected alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sinergi.loaders.read.decoding import DecodingError, decode_bytes
from sinergi.loaders.read.documents import (
    Document,
    ErrorHandler,
    ReadOptions,
    Rejected,
    document_from_record,
)
from sinergi.loaders.read.formats.text import read_bytes

__all__ = ["DESCRIPTION", "EXTENSIONS", "READER", "read_csv"]

#: What a file of this format holds, for ``sinergi extract --help``.
DESCRIPTION = "a header row and one article per row (see the column options)"
#: The file endings this reader reads (``.gz`` on top is read transparently).
EXTENSIONS = (".csv", ".tsv")

csv.field_size_limit(64 * 1024 * 1024)


def read_csv(path: Path, report: ErrorHandler, options: ReadOptions) -> Iterator[Document]:
    try:
        content = decode_bytes(read_bytes(path))
    except DecodingError as exc:
        report(Rejected(str(path), str(exc)))
        return
    if not content.strip():
        report(Rejected(str(path), "empty file"))
        return
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(content[:65536], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(content, newline=""), dialect=dialect)
    columns = reader.fieldnames or []
    if options.text_column not in columns:
        report(
            Rejected(
                str(path),
                f"no text column {options.text_column!r} (columns: {', '.join(columns)}); "
                "choose one with `text_column`",
            )
        )
        return
    mapping = {
        "doc": options.id_column,
        "text": options.text_column,
        "title": options.title_column,
        "url": options.url_column,
        "published": options.date_column,
        "outlet": options.outlet_column,
    }
    for number, row in enumerate(reader, start=2):
        where = f"{path}:{number}"
        record = {key: row.get(column) for key, column in mapping.items() if column in row}
        if not record.get("doc"):
            record["doc"] = f"{path.stem}-{number}"
        document = document_from_record(record, where)
        if isinstance(document, Rejected):
            report(Rejected(where, document.reason, ",".join(str(v) for v in row.values())))
        else:
            yield document


#: The reader :func:`sinergi.loaders.read.documents.iter_documents` calls.
READER = read_csv
