"""Split an input into partitions that another machine can read by itself.

Extraction on a cluster (:mod:`sinergi.graph.store.cluster`) sends each worker the
*name* of a partition, not its articles, so the input is read where it lies. A partition
is one input file, or a range of lines of a JSON Lines file (plain or ``.gz``): a big
file is cut into ranges of ``lines`` lines so that its articles spread over the workers
and no single task result grows with the file.

Locations are local paths (which must then name the same files on every worker, e.g. a
shared file system) or fsspec URLs such as ``s3://bucket/news/`` where the user has
fsspec's driver for them. Folders (and URL globs) are listed here, in the main process,
in the same order as :func:`~sinergi.loaders.read.documents.iter_documents` walks them;
counting the lines of a big file is left to the workers (:func:`count_lines`).

:func:`read_partition` reads one partition with the ordinary readers, so formats,
rejections and their locations (``file:line``) are exactly those of a plain ingest.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from sinergi.loaders.read.documents import (
    Document,
    ErrorHandler,
    ReadOptions,
    Rejected,
    folder_files,
    format_of,
    iter_documents,
    readers,
)

__all__ = [
    "GZIP_RANGES",
    "Partition",
    "count_lines",
    "is_url",
    "list_files",
    "read_partition",
    "split",
    "splittable",
]

GZIP_RANGES = 32
"""Ranges a gzipped JSON Lines file is cut into at most (see :func:`split`)."""
LINE_SPLIT = (".jsonl", ".json", ".ndjson")
"""Formats with one article per line, which can be cut into line ranges."""


@dataclass(frozen=True, slots=True)
class Partition:
    """One input file, or lines ``[first, stop)`` (0-based) of a JSON Lines file."""

    location: str
    first: int = 0
    stop: int | None = None  # None: to the end of the file

    def __str__(self) -> str:
        if self.stop is None and not self.first:
            return self.location
        return f"{self.location}:{self.first + 1}-{self.stop or ''}"


def is_url(location: str) -> bool:
    """True for an fsspec URL (``s3://…``, ``file://…``), False for a plain path."""
    return "://" in location


def _filesystem(location: str) -> tuple[Any, str]:
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the cluster extra installs it
        from sinergi.errors import InputError

        raise InputError(
            f"reading {location} needs fsspec: pip install 'sinergi[cluster]'"
        ) from exc
    return fsspec.core.url_to_fs(location)


def list_files(paths: Iterable[str | Path], on_error: ErrorHandler) -> Iterator[str]:
    """The input files under ``paths``, in the order a plain ingest reads them.

    A folder is walked as :func:`iter_documents` walks it; a URL folder or glob is listed
    through fsspec. A plain path that is not a folder is passed on as it is: whatever is
    wrong with it (missing, unknown type) is then reported by the reader, in the same
    words as a plain ingest.
    """
    endings = readers()
    for raw in paths:
        location = str(raw)
        if not is_url(location):
            path = Path(location)
            if path.is_dir():
                yield from map(str, folder_files(path, endings))
            else:
                yield str(path)  # as a plain ingest names it
            continue
        fs, root = _filesystem(location)
        if any(char in root for char in "*?["):
            names = sorted(fs.glob(root))
        elif fs.isdir(root):
            names = sorted(fs.find(root))
        elif fs.exists(root):
            names = [root]
        else:
            on_error(Rejected(location, "no such file or folder"))
            continue
        kept = [name for name in names if format_of(Path(name)) in endings]
        if not kept:
            on_error(Rejected(location, "no input files there"))
        yield from (fs.unstrip_protocol(name) for name in kept)


def splittable(location: str) -> bool:
    """True for a JSON Lines file, whose lines can be read in ranges."""
    return format_of(Path(location)) in LINE_SPLIT


def _open_binary(location: str) -> Any:
    """``location`` opened for reading bytes, decompressed if it ends in ``.gz``."""
    if is_url(location):
        import fsspec

        return fsspec.open(location, "rb", compression="infer").open()
    if location.endswith(".gz"):
        import gzip

        return gzip.open(location, "rb")
    return open(location, "rb")  # the caller closes it


def count_lines(location: str) -> int:
    """Lines in a file (decompressed); runs on a worker, next to the file."""
    with _open_binary(location) as handle:
        return sum(1 for _ in handle)


def split(location: str, lines: int | None, size: int) -> list[Partition]:
    """``location`` cut into ranges of ``size`` lines (one partition if ``lines`` is None).

    A gzip stream can only be read from its start, so each range of a ``.gz`` file costs
    the decompression of all lines before it: such a file is cut into at most
    ``GZIP_RANGES`` ranges (bigger ones if need be), which bounds that to about
    ``GZIP_RANGES / 2`` decompressions of the file. Plain files have no such cost.
    """
    if lines is None or lines <= size:
        return [Partition(location)]
    if location.endswith(".gz"):
        size = max(size, -(-lines // GZIP_RANGES))
    return [Partition(location, first, min(first + size, lines)) for first in range(0, lines, size)]


@contextmanager
def _local_copy(partition: Partition) -> Iterator[tuple[Path, Callable[[str], str]]]:
    """A local file holding ``partition``, and how to turn its locations back into ours.

    A whole local file is read in place. A line range is copied (decompressed) into a
    scratch file, and a URL is fetched into one under its own name, so the ordinary
    readers read it; ``file:line`` locations are then mapped back to the partition's
    location and the line's number in the whole file.
    """
    whole = partition.first == 0 and partition.stop is None
    if whole and not is_url(partition.location):
        yield Path(partition.location), lambda where: where
        return
    scratch = Path(tempfile.mkdtemp(prefix="sinergi-part-"))
    try:
        name = Path(partition.location.rstrip("/").rsplit("/", 1)[-1])
        if whole:
            local = scratch / name.name
            fs, path = _filesystem(partition.location)
            fs.get_file(path, str(local))
        else:
            local = scratch / (name.name[: -len(".gz")] if name.suffix == ".gz" else name.name)
            with _open_binary(partition.location) as source, local.open("wb") as target:
                target.writelines(islice(source, partition.first, partition.stop))
        prefix, offset = str(local), partition.first

        def location(where: str) -> str:
            if not where.startswith(prefix):
                return where
            rest = where[len(prefix) :]
            if offset and rest.startswith(":") and rest[1:].isdigit():
                rest = f":{int(rest[1:]) + offset}"
            return partition.location + rest

        yield local, location
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_partition(
    partition: Partition, on_error: ErrorHandler, options: ReadOptions | None = None
) -> Iterator[Document]:
    """The documents of ``partition``, read by the ordinary readers (on a worker).

    Documents and rejected records carry the partition's own location, as a plain
    ingest of the whole file names them.
    """
    with _local_copy(partition) as (path, location):

        def report(rejected: Rejected) -> None:
            on_error(replace(rejected, source=location(rejected.source)))

        for document in iter_documents([path], on_error=report, options=options):
            yield replace(document, source=location(document.source or str(path)))
