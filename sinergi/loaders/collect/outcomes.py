"""Why a URL gave no article, named per URL, and the report file that lists them.

A crawl of a whole portal meets every kind of trouble; none of it may stop the run, and
none of it may pass unnoticed. Each URL that gave no article ends as one :class:`Outcome`
with a category a script can count (``grep ,robots, report.csv``) and a detail a person
can read. Failures (the server or the page let us down) are told apart from filters
(the page was fine, the options did not want it), so the exit code reflects only failures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["FAILURES", "FILTERS", "Outcome", "ReportWriter"]

FAILURES = {
    "dns": "the host name does not resolve",
    "connection": "the connection failed or broke off",
    "timeout": "no answer within --timeout",
    "http-status": "an HTTP error status (after the retries for 429 and 5xx)",
    "robots": "robots.txt disallows the URL for our User-Agent",
    "redirects": "a redirect loop, too many redirects, or a redirect without Location",
    "too-large": "the response exceeds --max-bytes",
    "undecodable": "the bytes are not text in a known encoding",
    "not-article": "no article text on the page",
    "not-feed": "a feed or sitemap URL that is neither",
    "invalid-url": "not an http(s) URL",
    "error": "an unexpected error while reading the page (the detail names it; a bug?)",
}
"""Failure categories and what each means."""

FILTERS = {
    "duplicate": "the same article text was already collected under another URL",
    "older": "a sitemap dates it (lastmod) before --since, so it was not fetched",
    "out-of-range": "published outside --since/--until",
    "no-date": "no publication date found while --since/--until is set",
    "not-relevant": "the relevance model does not flag it as collaboration news",
    "not-modified": "a feed or sitemap unchanged since the run that read its links (HTTP 304)",
}
"""Categories of URLs that were fetched fine but are not kept, by design."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A URL that gave no article: its category (a key of FAILURES or FILTERS) and detail."""

    url: str
    category: str
    detail: str = ""

    @property
    def is_failure(self) -> bool:
        return self.category in FAILURES


class ReportWriter:
    """The report file of one run: CSV with a header, one row per URL (url, category,
    detail), flushed row by row so an interrupted run still leaves a complete record of
    what it met. (The state file keeps every run's outcome per URL.)"""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: TextIO = path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._handle)
        self._csv.writerow(["url", "category", "detail"])

    def write(self, outcome: Outcome) -> None:
        self._csv.writerow([outcome.url, outcome.category, outcome.detail])
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()
