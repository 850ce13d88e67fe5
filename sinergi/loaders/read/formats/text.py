"""Plain text: one article per file, the first non-empty line its title, the stem its id."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

from sinergi.loaders.read.decoding import DecodingError, decode_bytes
from sinergi.loaders.read.documents import Document, ErrorHandler, ReadOptions, Rejected

__all__ = ["DESCRIPTION", "EXTENSIONS", "READER", "read_text"]

#: What a file of this format holds, for ``sinergi extract --help``.
DESCRIPTION = "one article per file; the first non-empty line is the title, the file name the id"
#: The file endings this reader reads (``.gz`` on top is read transparently).
EXTENSIONS = (".txt",)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when it ends in ``.gz``."""
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def read_text(path: Path, report: ErrorHandler, options: ReadOptions) -> Iterator[Document]:
    """The file as one document, in whatever encoding Windows or Linux tools saved it.

    :func:`~sinergi.loaders.read.decoding.decode_bytes` accepts UTF-8 (with or without a
    BOM), UTF-16 with a BOM (Notepad's "Unicode") and Windows-1252, so an article saved
    by Notepad is read rather than skipped as binary.
    """
    try:
        text = decode_bytes(read_bytes(path))
    except DecodingError as exc:
        report(Rejected(str(path), str(exc)))
        return
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    if title is None:
        report(Rejected(str(path), "empty file"))
        return
    stem = re.sub(r"(?:\.txt)?(?:\.gz)?$", "", path.name, flags=re.IGNORECASE)
    yield Document(doc_id=stem, text=text, title=title, source=str(path))


#: The reader :func:`sinergi.loaders.read.documents.iter_documents` calls.
READER = read_text
