"""Read news articles from files into :class:`Document` records, streaming.

Supported inputs: plain text (one article per ``.txt``; the first non-empty line is the
title, the file stem the id), JSON Lines (``.jsonl``/``.json``, optionally ``.gz``) with
keys ``doc`` or ``id``, ``text`` and optional ``title``, ``url``, ``published``,
``outlet``; folders are walked for those files. Records are yielded one at a time so a
corpus of any size never sits in memory.

A bad record never stops the stream: it is reported to ``on_error`` with the file, line
and reason, and the good records around it still arrive.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sinergi.errors import InputError

__all__ = ["Document", "Rejected", "iter_documents", "read_documents"]

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson"}


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
    """A record that could not be read, with where it was and why."""

    source: str
    reason: str
    raw: str | None = None


ErrorHandler = Callable[[Rejected], None]


def _raise(rejected: Rejected) -> None:
    raise InputError(f"{rejected.source}: {rejected.reason}")


def iter_documents(
    paths: Iterable[str | Path], on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """Yield the documents in ``paths`` (files or folders), in order.

    ``on_error`` receives every rejected record; without it the first one raises
    :class:`~sinergi.errors.InputError`.
    """
    report = on_error or _raise
    for raw_path in paths:
        path = Path(raw_path)
        if not path.exists():
            report(Rejected(str(path), "no such file or folder"))
            continue
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and _supported(p))
            if path.is_dir()
            else [path]
        )
        for file in files:
            yield from _read_file(file, report)


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    """All documents in ``paths`` as a list; raises on the first bad record."""
    return list(iter_documents(paths))


def _supported(path: Path) -> bool:
    suffixes = path.suffixes[-2:]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) == 2:
        last = suffixes[0]
    return last in TEXT_SUFFIXES | JSONL_SUFFIXES


def _open_text(path: Path) -> IO[str]:
    """Open a file as UTF-8 text, transparently gunzipping ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _read_file(path: Path, report: ErrorHandler) -> Iterator[Document]:
    suffixes = [s for s in path.suffixes if s != ".gz"]
    kind = suffixes[-1] if suffixes else ""
    try:
        if kind in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report)
        else:
            yield from _read_text(path, report)
    except UnicodeDecodeError as exc:
        report(Rejected(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        report(Rejected(str(path), f"cannot read: {exc}"))


def _read_text(path: Path, report: ErrorHandler) -> Iterator[Document]:
    with _open_text(path) as handle:
        text = handle.read()
    if "\x00" in text:
        report(Rejected(str(path), "binary file (NUL bytes)"))
        return
    lines = text.splitlines()
    title = next((line.strip() for line in lines if line.strip()), None)
    if title is None:
        report(Rejected(str(path), "empty file"))
        return
    stem = re.sub(r"(?:\.txt)?(?:\.gz)?$", "", path.name, flags=re.IGNORECASE)
    yield Document(doc_id=stem, text=text, title=title, source=str(path))


def _read_jsonl(path: Path, report: ErrorHandler) -> Iterator[Document]:
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                report(Rejected(where, f"invalid JSON ({exc.msg})", line.rstrip("\n")))
                continue
            document = _from_record(record, where)
            if isinstance(document, Rejected):
                report(Rejected(where, document.reason, line.rstrip("\n")))
            else:
                yield document


def _from_record(record: object, where: str) -> Document | Rejected:
    """A document from one decoded JSON record, or why it cannot be one."""
    if not isinstance(record, dict):
        return Rejected(where, f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("doc", record.get("id"))
    if doc_id is None or str(doc_id).strip() == "":
        return Rejected(where, "record has no 'doc' or 'id'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(where, "record has no text")

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
    )
