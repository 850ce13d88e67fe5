"""HTML article pages: main text, title, date and canonical URL via trafilatura.

Hand-written tag stripping lets navigation, "Baca juga" boxes and comments reach the
extractor; trafilatura's main-text extraction is built for exactly this and keeps them
out. A page with no article text is rejected with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sinergi.loaders.read.decoding import DecodingError, decode_bytes
from sinergi.loaders.read.documents import Document, ErrorHandler, ReadOptions, Rejected
from sinergi.loaders.read.formats.text import read_bytes

__all__ = ["DESCRIPTION", "EXTENSIONS", "READER", "main_text", "read_html"]

#: What a file of this format holds, for ``sinergi extract --help``.
DESCRIPTION = "an article page; main text, title, date and URL via trafilatura"
#: The file endings this reader reads (``.gz`` on top is read transparently).
EXTENSIONS = (".html", ".htm")

MIN_ARTICLE_CHARACTERS = 80


def main_text(page: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's fields of an article page (``text``, ``title``, ``date``,
    ``sitename``, ``url``, ...), or None when the page holds no article text.

    The title leads the text, as the extractor reads it as evidence too. Shared by the
    HTML file reader and ``sinergi collect``, so a page reads the same from disk or web.
    """
    import trafilatura  # here: slow to import, and only pages need it

    result = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    fields: dict[str, Any] = {}
    if isinstance(result, dict):
        fields = result
    elif result is not None:
        fields = result.as_dict()
    text = (fields.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARACTERS:
        return None
    title = fields.get("title") or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return {**fields, "text": text}


def read_html(path: Path, report: ErrorHandler, options: ReadOptions) -> Iterator[Document]:
    try:
        page = decode_bytes(read_bytes(path))
    except DecodingError as exc:
        report(Rejected(str(path), str(exc)))
        return
    fields = main_text(page)
    if fields is None:
        report(Rejected(str(path), "no article text found in the HTML page"))
        return
    stem = path.name.rsplit(".htm", 1)[0]
    yield Document(
        doc_id=stem,
        text=fields["text"],
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        published=fields.get("date") or None,
        outlet=fields.get("sitename") or None,
        source=str(path),
    )


#: The reader :func:`sinergi.loaders.read.documents.iter_documents` calls.
READER = read_html
