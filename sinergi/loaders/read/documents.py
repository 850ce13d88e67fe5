"""Read news articles from files into :class:`Document` records, streaming.

Formats, chosen by file ending (``.gz`` is read transparently), each read by one module of
:mod:`.formats` that :func:`readers` finds by itself:

* ``.txt``: one article per file; the first non-empty line is the title, the stem the id;
* ``.jsonl``/``.json``/``.ndjson``: one object per line with ``doc`` or ``id``, ``text`` and
  optional ``title``, ``url``, ``published``, ``outlet``, ``retrieved`` (when it was fetched);
* ``.html``/``.htm``: an article page; main text and metadata via trafilatura;
* ``.csv``/``.tsv``: a header row and one article per row, columns set by :class:`ReadOptions`.

Folders are walked for those files. Records are yielded one at a time, so a corpus of any
size never sits in memory. A bad record never stops the stream: it goes to ``on_error``
as a :class:`Rejected` with its file, line and reason (and the raw line where there is
one, so nothing is lost), and the good records around it still arrive.
"""

from __future__ import annotations

import hashlib
import pkgutil
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from sinergi.errors import InputError

__all__ = [
    "MAX_TEXT_CHARACTERS",
    "Document",
    "ErrorHandler",
    "FirstIdWins",
    "InputFormat",
    "ReadOptions",
    "Rejected",
    "document_from_record",
    "folder_files",
    "format_of",
    "input_formats",
    "iter_documents",
    "raise_rejected",
    "read_documents",
    "readers",
]

MAX_TEXT_CHARACTERS = 1_000_000
"""Longer texts are rejected: no news article is that long, a dump or a binary blob is."""


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its id, text and the metadata the source gave."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    source: str | None = None  # "file:line" it was read from
    retrieved: str | None = None  # when the article was fetched (ISO date-time), if known

    @property
    def content_hash(self) -> str:
        """sha256 over id, title and text: re-ingest skips unchanged articles by it."""
        digest = hashlib.sha256()
        for part in (self.doc_id, self.title or "", self.text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not be read, with where it was, why, and its raw line if any."""

    source: str
    reason: str
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Column names for CSV input (the other formats name their fields themselves)."""

    text_column: str = "text"
    id_column: str = "id"
    title_column: str = "title"
    url_column: str = "url"
    date_column: str = "published"
    outlet_column: str = "outlet"


ErrorHandler = Callable[[Rejected], None]


def raise_rejected(rejected: Rejected) -> None:
    """The error handler of a reader given none: the first rejected record stops it."""
    raise InputError(f"{rejected.source}: {rejected.reason}")


def format_of(path: Path) -> str:
    """The format ending of ``path`` (``.jsonl`` for ``x.jsonl.gz``), lower-cased."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def folder_files(folder: Path, endings: Container[str]) -> list[Path]:
    """The files under ``folder`` with one of the format ``endings``, in reading order.

    One walk for every reader of folders (a plain ingest, and the partitions a cluster
    reads), so both read the same articles in the same order.
    """
    return sorted(p for p in folder.rglob("*") if p.is_file() and format_of(p) in endings)


class FirstIdWins:
    """The ids read so far, with the rule for an id read twice.

    The first record read under an id is kept; an exact repeat (same content hash) is
    dropped silently, as a feed read twice should be; a different text under the same id
    is rejected, naming where the first one was read, since silently keeping either would
    lose an article the user did not know was shadowed.
    """

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, str]] = {}

    def admit(self, doc_id: str, digest: str, where: str) -> bool | Rejected:
        """True for the first record of ``doc_id``; False for an exact repeat; the
        :class:`Rejected` to report for a different text."""
        first = self._first.get(doc_id)
        if first is None:
            self._first[doc_id] = (digest, where)
            return True
        if first[0] == digest:
            return False
        return Rejected(
            where,
            f"duplicate id {doc_id!r} with a different text "
            f"(first read at {first[1]}); the first one is kept",
        )


Reader = Callable[[Path, ErrorHandler, ReadOptions], Iterator[Document]]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """One input format: its file endings, what such a file holds, and its reader."""

    extensions: tuple[str, ...]
    description: str
    read: Reader


@cache
def input_formats() -> tuple[InputFormat, ...]:
    """Every input format, from the modules of :mod:`.formats`.

    Each module there declares ``EXTENSIONS``, ``DESCRIPTION`` and ``READER``; looking them
    up when first needed (not at import) keeps this module importable by the readers.
    """
    from sinergi.loaders.read import formats

    found = []
    for module in pkgutil.iter_modules(formats.__path__):
        loaded = import_module(f"{formats.__name__}.{module.name}")
        extensions = tuple(getattr(loaded, "EXTENSIONS", ()))
        if extensions:
            found.append(InputFormat(extensions, str(loaded.DESCRIPTION), loaded.READER))
    return tuple(sorted(found, key=lambda f: f.extensions))


def readers() -> dict[str, Reader]:
    """Every format ending -> its reader."""
    return {ext: f.read for f in input_formats() for ext in f.extensions}


def iter_documents(
    paths: Iterable[str | Path],
    on_error: ErrorHandler | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Document]:
    """Yield the documents in ``paths`` (files or folders), in order.

    ``on_error`` receives every rejected record; without it the first one raises
    :class:`~sinergi.errors.InputError`. A second record with an id already read but a
    different text is rejected (the first one wins); an exact repeat is skipped silently.
    """
    report = on_error or raise_rejected
    options = options or ReadOptions()
    ids = FirstIdWins()
    by_ending = readers()
    for raw_path in paths:
        path = Path(raw_path)
        if not path.exists():
            report(Rejected(str(path), "no such file or folder"))
            continue
        if path.is_dir():
            files = folder_files(path, by_ending)
        elif format_of(path) in by_ending:
            files = [path]
        else:
            known = ", ".join(sorted(by_ending))
            report(Rejected(str(path), f"unknown file type (expected one of {known})"))
            continue
        for file in files:
            try:
                for document in by_ending[format_of(file)](file, report, options):
                    if len(document.text) > MAX_TEXT_CHARACTERS:
                        report(
                            Rejected(
                                document.source or str(file),
                                f"text of {len(document.text):,} characters exceeds the "
                                f"{MAX_TEXT_CHARACTERS:,} limit",
                            )
                        )
                        continue
                    admitted = ids.admit(
                        document.doc_id, document.content_hash, document.source or str(file)
                    )
                    if isinstance(admitted, Rejected):
                        report(admitted)
                    if admitted is not True:
                        continue
                    yield document
            except (OSError, EOFError) as exc:
                report(Rejected(str(file), f"cannot read: {exc}"))


def read_documents(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> list[Document]:
    """All documents in ``paths`` as a list; raises on the first bad record."""
    return list(iter_documents(paths, options=options))


def document_from_record(record: object, where: str) -> Document | Rejected:
    """A document from one decoded record (JSON object or CSV row), or why it cannot be one."""
    if not isinstance(record, dict):
        return Rejected(where, f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("doc", record.get("id"))
    if doc_id is None or str(doc_id).strip() == "":
        return Rejected(where, "record has no 'doc' or 'id'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(where, "record has no text")
    if "\x00" in text:
        return Rejected(where, "text contains NUL bytes (binary data)")

    def optional(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Document(
        doc_id=str(doc_id),
        text=text,
        title=optional("title"),
        url=optional("url"),
        published=optional("published"),
        outlet=optional("outlet"),
        source=where,
        retrieved=optional("retrieved"),
    )
