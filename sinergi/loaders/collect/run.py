"""One collection run: seeds in, polite fetches out, articles to JSON Lines, all archived.

::

    seeds + pending URLs of the last run -> frontier (round robin over hosts)
      -> worker threads: Fetcher.get (robots, throttle, retries, WARC)
           feed / sitemap / home page -> links -> frontier (and the state file)
           article page -> trafilatura record -> date and relevance filters
      -> main thread: duplicate text? -> JSON Lines line, state row, report row

A feed or sitemap that listed only articles is asked for conditionally by the next run
(its ETag and Last-Modified, kept in the state file): a 304 means all its links were
queued already, which is what makes a daily re-run of a national crawl cheap.

Only the main thread writes the output, the state and the report, in that order per URL,
so an interruption at any point loses at most the pages in flight, which stay ``pending``
and are fetched again by the next run. Nothing a single URL does stops the run: each
ends as an article, a filtered page or a named failure (:mod:`.outcomes`).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from tqdm import tqdm

from sinergi.loaders.collect.archive import WarcArchive
from sinergi.loaders.collect.article import (
    decode_page,
    extract_article,
    published_day,
    text_hash,
)
from sinergi.loaders.collect.discover import (
    Links,
    canonical_url,
    feed_links,
    home_page_feeds,
    is_sitemap,
    looks_like_feed,
    sitemap_links,
    unpack,
)
from sinergi.loaders.collect.fetch import RETRY_STATUSES, Fetched, Fetcher, FetchError
from sinergi.loaders.collect.frontier import Frontier, Task
from sinergi.loaders.collect.options import CollectOptions
from sinergi.loaders.collect.outcomes import Outcome, ReportWriter
from sinergi.loaders.collect.robots import host_of
from sinergi.loaders.collect.state import CrawlState
from sinergi.loaders.collect.throttle import Cancelled

if TYPE_CHECKING:
    from sinergi.graph.store.ingest import IngestReport

__all__ = ["CollectReport", "collect"]

#: Failures that may pass: such an article URL is tried again by the next run.
_TRANSIENT = {"timeout", "connection", "dns"}


@dataclass(slots=True)
class CollectReport:
    """What one run did; ``outcomes`` counts the URLs that gave no article, by category."""

    out: Path
    warc: Path
    state: Path
    report: Path
    pages: int = 0  # URLs fetched (or tried) this run: articles, feeds, sitemaps, seeds
    articles: int = 0  # article records written to ``out``
    known: int = 0  # article URLs skipped: collected or given up by an earlier run
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: int = 0
    left: int = 0  # URLs still pending (--max-pages reached or interrupted)
    interrupted: bool = False
    seconds: float = 0.0
    ingest: IngestReport | None = None  # when the articles were then ingested into a store

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


@dataclass(slots=True)
class _Visit:
    """What a worker found at one URL."""

    task: Task
    links: Links | None = None
    record: dict[str, Any] | None = None
    outcome: Outcome | None = None
    retry: bool = False
    #: the ETag and Last-Modified of a feed or sitemap that listed links
    validators: tuple[str | None, str | None] = (None, None)


def _keep(record: dict[str, Any], options: CollectOptions) -> Outcome | None:
    """Why the date range or the relevance gate drops this article, or None to keep it."""
    url = record["url"]
    if options.since or options.until:
        day = published_day(record["published"])
        if day is None:
            return Outcome(url, "no-date", "no publication date on the page")
        if (options.since and day < options.since) or (options.until and day > options.until):
            return Outcome(url, "out-of-range", f"published {day.isoformat()}")
    if options.relevant_only:
        from sinergi.loaders.extract.relevance import relevance_score, relevance_threshold

        score, threshold = relevance_score(record["title"], record["text"]), relevance_threshold()
        if score < threshold:
            return Outcome(url, "not-relevant", f"relevance {score:.3f} < {threshold:.3f}")
    return None


def _article(task: Task, fetched: Fetched, page: str, options: CollectOptions) -> _Visit:
    record = extract_article(fetched, page)
    dropped = _keep(record, options)
    return _Visit(task, outcome=dropped) if dropped else _Visit(task, record=record)


def _is_html(fetched: Fetched, text: str) -> bool:
    return "html" in fetched.content_type or "<html" in text[:2000].lower()


def _visit(fetcher: Fetcher, task: Task, options: CollectOptions) -> _Visit:
    """Fetch one URL and read it as what it turns out to be (runs in a worker thread)."""
    try:
        fetched = fetcher.get(task.url, validators=dict(task.validators))
        if task.kind == "article":
            if fetched.content_type and not any(
                kind in fetched.content_type for kind in ("html", "text/plain")
            ):
                raise FetchError("not-article", f"content type {fetched.content_type}")
            return _article(task, fetched, decode_page(fetched), options)
        visit = _explore(fetcher, task, fetched, options)
        if visit.links is not None:
            visit.validators = (fetched.headers.get("etag"), fetched.headers.get("last-modified"))
        return visit
    except FetchError as exc:
        retry = exc.category in _TRANSIENT or (
            exc.category == "http-status" and exc.status in RETRY_STATUSES
        )
        return _Visit(task, outcome=Outcome(task.url, exc.category, exc.detail), retry=retry)
    except Cancelled:
        raise
    except Exception as exc:  # one strange page must not end a crawl of millions
        detail = f"{type(exc).__name__}: {exc}"
        return _Visit(task, outcome=Outcome(task.url, "error", detail), retry=True)


def _explore(fetcher: Fetcher, task: Task, fetched: Fetched, options: CollectOptions) -> _Visit:
    """A seed, feed or sitemap: the links it holds (or, for a seed, the article it is)."""
    try:
        body = unpack(fetched.url, fetched.body, options.max_bytes)
    except ValueError as exc:
        raise FetchError("undecodable", str(exc)) from exc
    unpacked = Fetched(fetched.url, fetched.status, fetched.headers, body)
    text = decode_page(unpacked)
    if is_sitemap(fetched.url, text):
        return _Visit(task, links=sitemap_links(fetched.url, text))
    if looks_like_feed(text):
        return _Visit(task, links=feed_links(fetched.url, text))
    html = _is_html(fetched, text)
    if task.kind == "sitemap" and not html:  # a plain-text sitemap: one URL a line
        links = sitemap_links(fetched.url, text)
        if links.articles or links.sitemaps:
            return _Visit(task, links=links)
    if task.kind != "seed" or not html:
        what = fetched.content_type or "an unknown content type"
        if task.kind == "seed":
            raise FetchError("not-article", f"not a page, feed or sitemap ({what})")
        raise FetchError("not-feed", f"expected a {task.kind}, got {what}")
    home = urlsplit(fetched.url).path in {"", "/"}
    if not home:  # an article page given directly, unless it has no article text
        try:
            return _article(task, unpacked, text, options)
        except FetchError as exc:
            if exc.category != "not-article":
                raise
    feeds = home_page_feeds(fetched.url, text)
    sitemaps = fetcher.robots.sitemaps(fetched.url) if home else []
    if not feeds and not sitemaps:
        raise FetchError(
            "not-feed" if home else "not-article",
            "no feed or sitemap found on the home page" if home else "no article text found",
        )
    return _Visit(task, links=Links(feeds=feeds, sitemaps=sitemaps))


class _Run:
    """The main thread's side of a run: frontier, state, output and report."""

    def __init__(
        self,
        options: CollectOptions,
        state: CrawlState,
        sink: TextIO,
        reporter: ReportWriter,
        report: CollectReport,
        on_outcome: Callable[[Outcome], None] | None,
    ) -> None:
        self.options = options
        self.state = state
        self.sink = sink
        self.reporter = reporter
        self.report = report
        self.on_outcome = on_outcome
        self.frontier = Frontier(options.concurrency)
        self.sitemaps = 0
        self._since = options.since.isoformat() if options.since else ""

    def enqueue(self, url: str, kind: str, modified: date | None = None) -> None:
        """Queue ``url`` unless seen this run, known from an earlier one, or dated by its
        sitemap (``modified``) before --since: a page last changed before the range
        cannot have been published in it, so years of archive are skipped unfetched."""
        url = canonical_url(url)
        if not self.state.first_sight(url):
            return
        if urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).hostname:
            self.note(Task(url, kind, ""), Outcome(url, "invalid-url", "not an http(s) URL"))
            return
        since = self.options.since
        if since is not None and modified is not None and modified < since:
            outcome = Outcome(url, "older", f"sitemap lastmod {modified.isoformat()}")
            self.reporter.write(outcome)  # not in the state: a later --since may want it
            self.report.outcomes[outcome.category] += 1
            return
        if kind == "sitemap":
            if self.sitemaps >= self.options.max_sitemaps:
                return
            self.sitemaps += 1
        if not self.state.wanted(url, kind):
            self.report.known += 1
            return
        self.state.discovered(url, kind)
        validators = self.state.validators(url, self._since) if kind != "article" else {}
        self.frontier.add(Task(url, kind, host_of(url), tuple(validators.items())))

    def note(self, task: Task, outcome: Outcome, retry: bool = False) -> None:
        """Record a URL that gave no article: state, report file, counts."""
        status = "failed" if outcome.is_failure else "skipped"
        if outcome.category == "not-modified":  # its links were all queued when it was read
            status = "done"
        self.state.finished(
            task.url,
            task.kind,
            status,
            category=outcome.category,
            detail=outcome.detail,
            retry=retry,
        )
        self.reporter.write(outcome)
        self.report.outcomes[outcome.category] += 1
        self.report.failures += outcome.is_failure
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    def take(self, visit: _Visit) -> None:
        task = visit.task
        self.frontier.done(task)
        self.report.pages += 1
        if visit.outcome is not None:
            self.note(task, visit.outcome, visit.retry)
        elif visit.record is not None:
            self.write(task, visit.record)
        elif visit.links is not None:
            modified = visit.links.modified
            for url in visit.links.sitemaps:
                self.enqueue(url, "sitemap", modified.get(url))
            for url in visit.links.feeds:
                self.enqueue(url, "feed")
            for url in visit.links.articles:
                self.enqueue(url, "article", modified.get(url))
            self.state.finished(task.url, task.kind, "done")
            # Only a page that lists articles alone may be skipped unchanged next time: a
            # sitemap index or a home page can stay the same while what it points to grows.
            leaf = not (visit.links.sitemaps or visit.links.feeds)
            etag, last_modified = visit.validators if leaf else (None, None)
            self.state.remember_validators(task.url, etag, last_modified, self._since)

    def write(self, task: Task, record: dict[str, Any]) -> None:
        digest = text_hash(record["text"])
        owner = self.state.owner_of(digest)
        if owner is not None and owner != task.url:
            self.note(task, Outcome(task.url, "duplicate", f"same text as {owner}"))
            return
        if owner is None:  # else: a seed article collected before, unchanged
            self.sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.sink.flush()
            self.report.articles += 1
        self.state.finished(task.url, task.kind, "done", doc=record["doc"], content_hash=digest)


def collect(
    seeds: Iterable[str],
    out: str | Path,
    options: CollectOptions,
    *,
    warc_dir: str | Path | None = None,
    state_path: str | Path | None = None,
    report_path: str | Path | None = None,
    progress: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> CollectReport:
    """Collect the articles reachable from ``seeds`` into the JSON Lines file ``out``.

    Seeds are article URLs, feeds, sitemaps or home pages. New articles are appended to
    ``out``; every exchange goes to a new WARC file in ``warc_dir`` (default:
    ``OUT-warc/`` beside ``out``); ``state_path`` (default ``OUT.state.sqlite``) remembers
    what was fetched, so the next run fetches only what is new and an interrupted run
    resumes; ``report_path`` (default ``OUT.report.csv``) lists every URL that gave no
    article, with the reason. ``on_outcome`` sees each of those as it happens.
    """
    out = Path(out)
    stem = out.with_suffix("") if out.suffix else out
    report = CollectReport(
        out=out,
        warc=Path(warc_dir) if warc_dir else stem.parent / f"{stem.name}-warc",
        state=Path(state_path) if state_path else stem.with_suffix(".state.sqlite"),
        report=Path(report_path) if report_path else stem.with_suffix(".report.csv"),
    )
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        CrawlState(report.state) as state,
        WarcArchive(report.warc, options.user_agent) as archive,
        out.open("a", encoding="utf-8") as sink,
    ):
        report.warc = archive.path
        reporter = ReportWriter(report.report)
        fetcher = Fetcher(options, archive)
        run = _Run(options, state, sink, reporter, report, on_outcome)
        for url, kind in state.pending():  # what an interrupted run left, first
            run.enqueue(url, kind)
        for url in seeds:
            run.enqueue(url, "seed")
        bar = tqdm(unit="page", disable=not progress, desc="collect", dynamic_ncols=True)
        pool = ThreadPoolExecutor(max_workers=options.threads, thread_name_prefix="collect")
        in_flight: dict[Future[_Visit], Task] = {}
        articles_started = 0
        try:
            while True:
                while len(in_flight) < options.threads and (
                    options.max_pages is None or articles_started < options.max_pages
                ):
                    task = run.frontier.take()
                    if task is None:
                        break
                    articles_started += task.kind == "article"
                    in_flight[pool.submit(_visit, fetcher, task, options)] = task
                if not in_flight:
                    break
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    del in_flight[future]
                    run.take(future.result())
                    bar.update(1)
                    bar.set_postfix(articles=report.articles, failed=report.failures)
        except KeyboardInterrupt:
            report.interrupted = True
            fetcher.throttle.stop()  # requests waiting for a slot give up at once
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            bar.close()
            fetcher.close()
            reporter.close()
        report.left = len(run.frontier) + len(in_flight)
    report.seconds = time.perf_counter() - started
    return report
