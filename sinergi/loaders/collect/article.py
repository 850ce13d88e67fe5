"""A fetched page -> the JSON Lines record ``sinergi ingest`` reads, via trafilatura.

trafilatura keeps navigation, "Baca juga" boxes and comments out of the main text and
reads title, date and site name from the page's metadata. Bytes become text as the
server declared (Content-Type charset), else as :func:`~sinergi.loaders.read.decoding.
decode_bytes` decides for files, so an old Windows-1252 portal reads right and a binary
answer is named as undecodable instead of stored as mojibake.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sinergi.loaders.collect.fetch import Fetched, FetchError
from sinergi.loaders.read.decoding import DecodingError, decode_bytes
from sinergi.loaders.read.formats.html import main_text

__all__ = ["decode_page", "doc_id", "extract_article", "published_day", "text_hash"]

_SPACE = re.compile(r"\s+")


def decode_page(fetched: Fetched) -> str:
    """The text of a response: its declared charset if that decodes, else detected."""
    declared = fetched.charset
    if declared:
        try:
            return fetched.body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    try:
        return decode_bytes(fetched.body)
    except DecodingError as exc:
        raise FetchError("undecodable", str(exc)) from exc


def doc_id(url: str) -> str:
    """A stable document id for an article URL: its host and a digest of the URL."""
    host = urlsplit(url).hostname or "web"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}"


def text_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text: the same article under two URLs (print
    view, tracking parameters, a second section) gets the same hash."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def published_day(published: str | None) -> date | None:
    """The day of an ISO date (trafilatura gives ``YYYY-MM-DD``), or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def extract_article(fetched: Fetched, page: str | None = None) -> dict[str, Any]:
    """The article record of a fetched page (``doc``, ``url``, ``outlet``, ``title``,
    ``published``, ``retrieved``, ``text``), or :class:`FetchError` ``not-article``."""
    if page is None:
        page = decode_page(fetched)
    fields = main_text(page, url=fetched.url)
    if fields is None:
        raise FetchError("not-article", "no article text found on the page")
    return {
        "doc": doc_id(fetched.url),
        "url": fetched.url,
        "outlet": fields.get("sitename") or urlsplit(fetched.url).hostname,
        "title": fields.get("title") or None,
        "published": fields.get("date") or None,
        "retrieved": datetime.now(UTC).isoformat(timespec="seconds"),
        "text": fields["text"],
    }
