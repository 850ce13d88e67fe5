"""What earlier runs did, in a small SQLite file: resume, increments and deduplication.

A national crawl runs for days and gets interrupted; the next run must neither start over
nor fetch again what it has. Every URL a run discovers is written here as ``pending``
before it is fetched, and marked ``done`` (with its document id and text hash),
``failed`` or ``skipped`` when its turn is over, one transaction per URL. So:

* an interrupted run leaves its frontier behind as ``pending`` rows, which the next run
  fetches first (``--max-pages`` stops a run the same way, on purpose);
* a later run fetches an article URL only if it is new, still pending, or failed for a
  reason that may pass (timeout, connection, 429/5xx); feeds, sitemaps and the seeds are
  read again every run, since that is where new articles show up;
* an article whose text hash is already stored under another URL is a duplicate;
* a feed or sitemap that listed only articles keeps its ETag and Last-Modified, and the
  next run asks for it conditionally: a 304 means its links were all queued already.

SQLite is in the standard library, safe against crashes, and a researcher can open the
file to see what happened to any URL.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

__all__ = ["CrawlState"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,              -- seed, feed, sitemap or article
    status TEXT NOT NULL,            -- pending, done, failed or skipped
    retry INTEGER NOT NULL DEFAULT 0, -- failed for a reason that may pass
    category TEXT,
    detail TEXT,
    doc TEXT,
    content_hash TEXT,
    updated TEXT
);
CREATE INDEX IF NOT EXISTS urls_by_hash ON urls (content_hash);
CREATE INDEX IF NOT EXISTS urls_by_status ON urls (status);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,            -- a feed or sitemap whose links were all queued
    etag TEXT,
    last_modified TEXT,
    since TEXT                       -- the --since its links were filtered with
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CrawlState:
    """The state file of a collection; used from one thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        # The URLs this run has met, on disk rather than in a Python set: a national crawl
        # meets tens of millions (a set of them would take gigabytes), at ~8 us a lookup.
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS met (url TEXT PRIMARY KEY) WITHOUT ROWID")

    def first_sight(self, url: str) -> bool:
        """True the first time this run meets ``url`` (a URL listed by several feeds and
        sitemaps is queued, counted and reported once)."""
        with self._db:
            cursor = self._db.execute("INSERT OR IGNORE INTO temp.met (url) VALUES (?)", (url,))
        return cursor.rowcount == 1

    def pending(self) -> list[tuple[str, str]]:
        """(url, kind) of everything an earlier run discovered but did not finish."""
        query = "SELECT url, kind FROM urls WHERE status = 'pending' ORDER BY rowid"
        rows = self._db.execute(query)
        return [(url, kind) for url, kind in rows]

    def wanted(self, url: str, kind: str) -> bool:
        """Should this run fetch ``url``? Feeds and sitemaps every run; an article URL if it
        is new, pending or failed for a reason that may pass; a seed unless an earlier run
        made an article of it or dropped it by design."""
        if kind in {"feed", "sitemap"}:
            return True
        row = self._db.execute(
            "SELECT status, retry, doc FROM urls WHERE url = ?", (url,)
        ).fetchone()
        if row is None or row[0] == "pending":
            return True
        status, retry, doc = row
        if kind == "seed":
            return (status == "done" and doc is None) or status == "failed"
        return status == "failed" and bool(retry)

    def discovered(self, url: str, kind: str) -> None:
        """Remember ``url`` as waiting to be fetched (kept over an interruption)."""
        with self._db:
            self._db.execute(
                "INSERT INTO urls (url, kind, status, updated) VALUES (?, ?, 'pending', ?) "
                "ON CONFLICT (url) DO UPDATE SET status = 'pending', updated = excluded.updated",
                (url, kind, _now()),
            )

    def owner_of(self, content_hash: str) -> str | None:
        """The URL an article with this text hash was collected from, if any."""
        row = self._db.execute(
            "SELECT url FROM urls WHERE content_hash = ? AND status = 'done' LIMIT 1",
            (content_hash,),
        ).fetchone()
        return None if row is None else str(row[0])

    def finished(
        self,
        url: str,
        kind: str,
        status: str,
        *,
        category: str | None = None,
        detail: str | None = None,
        retry: bool = False,
        doc: str | None = None,
        content_hash: str | None = None,
    ) -> None:
        """Record how ``url`` ended: ``done`` (an article written), ``failed`` or ``skipped``."""
        with self._db:
            self._db.execute(
                "INSERT INTO urls (url, kind, status, retry, category, detail, doc, content_hash,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "status = excluded.status, retry = excluded.retry, category = excluded.category,"
                " detail = excluded.detail, doc = excluded.doc,"
                " content_hash = excluded.content_hash, updated = excluded.updated",
                (url, kind, status, int(retry), category, detail, doc, content_hash, _now()),
            )

    def validators(self, url: str, since: str) -> dict[str, str]:
        """The conditional-request headers for ``url`` (If-None-Match, If-Modified-Since)
        from the run that queued all its links with the same ``since``; else none."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ? AND since = ?",
            (url, since),
        ).fetchone()
        if row is None:
            return {}
        headers = {"If-None-Match": row[0], "If-Modified-Since": row[1]}
        return {name: value for name, value in headers.items() if value}

    def remember_validators(
        self, url: str, etag: str | None, last_modified: str | None, since: str
    ) -> None:
        """Keep ``url``'s ETag and Last-Modified (or forget them when it sent neither)."""
        with self._db:
            if not (etag or last_modified):
                self._db.execute("DELETE FROM validators WHERE url = ?", (url,))
                return
            self._db.execute(
                "INSERT INTO validators (url, etag, last_modified, since) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, since = excluded.since",
                (url, etag, last_modified, since),
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
