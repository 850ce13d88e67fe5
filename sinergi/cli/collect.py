"""``sinergi collect``: articles from the web into JSON Lines (and a store), politely.

The command parses options and prints the run's summary; the crawl itself is
:func:`sinergi.loaders.collect.run.collect`, imported when the command runs (it imports
httpx, trafilatura and warcio, which ``sinergi --help`` must not pay for).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from sinergi.cli.main import EXIT_SKIPPED, main
from sinergi.cli.support import errors_to_clean_exit, graph_name, open_graph, store_option
from sinergi.loaders.collect.options import CollectOptions, names_contact

_DEFAULTS = CollectOptions(user_agent="")


def _seeds(urls: tuple[str, ...], url_file: click.File | None) -> list[str]:
    """The URLs given as arguments and in --urls (one a line, # comments)."""
    seeds = list(urls)
    if url_file is not None:
        for line in url_file:  # type: ignore[attr-defined]
            line = line.split("#", 1)[0].strip()
            if line:
                seeds.append(line)
    return seeds


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@main.command()
@click.argument("urls", nargs=-1)
@click.option(
    "--urls",
    "url_file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="A file of URLs, one a line (# starts a comment); '-' reads standard input.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="JSON Lines file the articles are appended to (what `sinergi ingest` reads).",
)
@click.option(
    "--user-agent",
    envvar="SINERGI_USER_AGENT",
    required=True,
    help="Who is crawling, with a contact, e.g. 'sinergi (Univ. X study; "
    "peneliti@univ.ac.id)'. Sent with every request and matched against robots.txt. "
    "Default: the SINERGI_USER_AGENT environment variable.",
)
@click.option(
    "--warc",
    "warc_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the WARC archive of every fetched byte (one file per run). "
    "Default: OUT-warc/ beside --out.",
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file that remembers what was fetched, for resuming and increments. "
    "Default: OUT.state.sqlite beside --out.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV of every URL that gave no article (url, category, detail). "
    "Default: OUT.report.csv beside --out.",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Keep only articles published on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Keep only articles published on or before this day (YYYY-MM-DD).",
)
@click.option(
    "--relevant-only",
    is_flag=True,
    help="Keep only articles the relevance model flags as inter-regional collaboration "
    "news (the extractor's gate), e.g. when crawling a whole portal.",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    default=_DEFAULTS.rate,
    show_default=True,
    help="Requests per second per host, at most (a robots.txt Crawl-delay may lower it).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=_DEFAULTS.concurrency,
    show_default=True,
    help="Requests in flight per host, at most.",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=_DEFAULTS.threads,
    show_default=True,
    help="Requests in flight over all hosts, at most.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=_DEFAULTS.timeout,
    show_default=True,
    help="Seconds to wait for a connection or for the next bytes of a response.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=_DEFAULTS.retries,
    show_default=True,
    help="Further attempts after a 429, a 5xx, a timeout or a dropped connection.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=_DEFAULTS.backoff,
    show_default=True,
    help="Seconds before the first retry, doubled for each next one (a Retry-After "
    "header from the server wins).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after fetching this many articles; the next run goes on from there.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=_DEFAULTS.max_bytes,
    show_default=True,
    help="Give up on a response larger than this.",
)
@click.option(
    "--max-redirects",
    type=click.IntRange(min=0),
    default=_DEFAULTS.max_redirects,
    show_default=True,
    help="Redirects followed per URL, at most.",
)
@click.option(
    "--ingest",
    "then_ingest",
    is_flag=True,
    help="Then ingest --out into the graph store (--store or --update-endpoint).",
)
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@errors_to_clean_exit
def collect(
    urls: tuple[str, ...],
    url_file: click.File | None,
    out: Path,
    user_agent: str,
    warc_dir: Path | None,
    state_path: Path | None,
    report_path: Path | None,
    since: datetime | None,
    until: datetime | None,
    relevant_only: bool,
    rate: float,
    concurrency: int,
    threads: int,
    timeout: float,
    retries: int,
    backoff: float,
    max_pages: int | None,
    max_bytes: int,
    max_redirects: int,
    then_ingest: bool,
    store_dir: Path | None,
    quiet: bool,
) -> None:
    """Fetch news articles from the web into JSON Lines, politely, archived as WARC.

    URLS are article pages, RSS/Atom feeds, sitemaps (nested or .xml.gz) or site home
    pages, whose feeds and robots.txt sitemaps are found by themselves. robots.txt is
    honoured; each host gets at most --rate requests per second and --concurrency at a
    time; 429 and 5xx answers are retried after Retry-After or a back-off. A second run
    with the same --out fetches only new articles (and drops a text already collected
    under another URL); an interrupted run resumes where it stopped. Every URL that gave
    no article is named in the --report CSV; exit code 3 if any failed.

    \b
    Examples:
      sinergi collect https://warta.example.go.id/ --out warta.jsonl \\
          --user-agent "sinergi (studi X; peneliti@univ.ac.id)"
      sinergi collect --urls portals.txt --out corpus.jsonl --since 2024-01-01 \\
          --relevant-only --ingest --store my-store
    """
    seeds = _seeds(urls, url_file)
    if not seeds:
        raise click.UsageError("give URLS to collect from (or --urls FILE)")
    if not names_contact(user_agent):
        raise click.UsageError(
            "--user-agent must name a contact (an e-mail address or a web address), "
            "so site administrators can reach you"
        )
    if store_dir is not None and not then_ingest:
        raise click.UsageError("--store is where --ingest writes: add --ingest")
    if since and until and since > until:
        raise click.UsageError("--since is after --until")
    options = CollectOptions(
        user_agent=user_agent,
        rate=rate,
        concurrency=concurrency,
        threads=threads,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        max_pages=max_pages,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        since=_day(since),
        until=_day(until),
        relevant_only=relevant_only,
    )
    from sinergi.loaders.collect.run import collect as run_collect

    report = run_collect(
        seeds,
        out,
        options,
        warc_dir=warc_dir,
        state_path=state_path,
        report_path=report_path,
        progress=not quiet and sys.stderr.isatty(),
    )
    if not quiet:
        counts = ", ".join(f"{n} {c}" for c, n in sorted(report.outcomes.items()))
        click.echo(
            f"{report.pages} pages fetched in {report.seconds:.1f} s "
            f"({report.pages_per_second:.1f} pages/s): {report.articles} new articles "
            f"appended to {report.out}, {report.known} known URLs not fetched again"
            + (f"; no article from {counts}" if counts else "")
        )
        click.echo(f"archive: {report.warc}; report: {report.report}; state: {report.state}")
    if report.interrupted or report.left:
        why = "interrupted" if report.interrupted else "stopped at --max-pages"
        click.echo(f"{why}: {report.left} URLs left; run the same command again to go on", err=True)
    if then_ingest:
        from sinergi.graph.store.ingest import ingest as ingest_paths

        with open_graph(store_dir) as store:
            ingested = ingest_paths([out], store, progress=not quiet and sys.stderr.isatty())
        if not quiet:
            click.echo(
                f"ingested {ingested.read} articles into {graph_name(store_dir)}: "
                f"{ingested.added} added, {ingested.replaced} replaced, "
                f"{ingested.unchanged} unchanged, {len(ingested.rejected)} skipped"
            )
    if report.interrupted:
        sys.exit(1)
    if report.failures:
        sys.exit(EXIT_SKIPPED)
