"""Commands that read articles: ``extract``, ``ingest`` and ``demo``.

They share the input options (CSV columns, ``--errors``) and the report of rejected
records: each is named on stderr and kept verbatim in ``--errors``, and the exit code
is 3 when any was skipped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sinergi.cli.support import (
    cli_terms,
    errors_to_clean_exit,
    graph_name,
    lazy_module,
    open_graph,
    store_option,
)
from sinergi.loaders.read.documents import ReadOptions, Rejected

if TYPE_CHECKING:
    from sinergi import api
else:
    api = lazy_module("sinergi.api")

from sinergi.cli.main import EXIT_SKIPPED, main


def _report_rejected(rejected: Rejected) -> None:
    click.echo(f"skipped {rejected.source}: {cli_terms(rejected.reason)}", err=True)


def _input_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read articles: CSV columns and --errors."""
    columns = [
        ("--text-column", "text", "CSV column holding the article text."),
        ("--id-column", "id", "CSV column holding the document id (default: file-row)."),
        ("--title-column", "title", "CSV column holding the title."),
        ("--url-column", "url", "CSV column holding the URL."),
        ("--date-column", "published", "CSV column holding the publication date."),
    ]
    for flag, default, text in reversed(columns):
        function = click.option(flag, default=default, show_default=True, help=text)(function)
    return click.option(
        "--errors",
        "errors_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write every rejected record to this JSON Lines file (source, reason and the "
        "record verbatim), so nothing is lost.",
    )(function)


class _Rejections:
    """Collects rejected records: one line each on stderr, and verbatim in --errors."""

    def __init__(self, errors_file: Path | None) -> None:
        self.count = 0
        self._handle = errors_file.open("w", encoding="utf-8") if errors_file else None

    def __call__(self, rejected: Rejected) -> None:
        self.count += 1
        _report_rejected(rejected)
        if self._handle is not None:
            reason = cli_terms(rejected.reason)
            record = {"source": rejected.source, "reason": reason, "raw": rejected.raw}
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _read_options(columns: dict[str, str]) -> ReadOptions:
    return ReadOptions(
        text_column=columns["text_column"],
        id_column=columns["id_column"],
        title_column=columns["title_column"],
        url_column=columns["url_column"],
        date_column=columns["date_column"],
    )


class _ReadsArticles(click.Command):
    """A command that reads articles: its help ends with the input formats sinergi reads.

    The list comes from the format registry
    (:func:`sinergi.loaders.read.documents.input_formats`) when the help is shown, so a
    new reader module is listed without an edit here.
    """

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from sinergi.loaders.read.documents import input_formats

        rows = [("/".join(f.extensions), f.description) for f in input_formats()]
        with formatter.section("Input formats"):
            formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


_SCHEDULER_HELP = (
    "Extract on a Dask cluster (e.g. tcp://host:8786): its workers read PATHS (paths they "
    "all see, or fsspec URLs such as s3://bucket/news/) and extract them"
)
_LOCAL_CLUSTER_HELP = (
    "Extract on a Dask cluster of N worker processes started on this machine, as "
    "--scheduler would on a real one (to try it out)."
)


def _cluster_options(writes: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--scheduler`` and ``--local-cluster``; ``writes`` says what this process does."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--local-cluster",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help=_LOCAL_CLUSTER_HELP,
        )(command)
        return click.option(
            "--scheduler",
            metavar="ADDRESS",
            default=None,
            help=f"{_SCHEDULER_HELP}; {writes}. Needs: pip install 'sinergi[cluster]'.",
        )(command)

    return decorate


@contextmanager
def _cluster(scheduler: str | None, local_cluster: int | None) -> Iterator[Any]:
    """The Dask client the options ask for, or None (Dask is imported only then: it
    takes a second)."""
    if scheduler and local_cluster:
        raise click.UsageError("give --scheduler or --local-cluster, not both")
    if not (scheduler or local_cluster):
        yield None
        return
    from sinergi.graph.store.cluster import connect

    with connect(scheduler, local_cluster) as client:
        yield client


@main.command(cls=_ReadsArticles)
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # str: URLs keep "//"
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format: one JSON object per document (JSON Lines), the ANNOTATION.md contract.",
)
@_cluster_options("this process writes their records, in input order")
@_input_options
@errors_to_clean_exit
def extract(
    paths: tuple[str, ...],
    output_format: str,
    scheduler: str | None,
    local_cluster: int | None,
    errors_file: Path | None,
    **columns: str,
) -> None:
    """Extract regions, officials, events, learning edges and programs from articles.

    PATHS are files, or folders of them, in the formats listed below (a .gz file is
    read as the file inside). Bad records are named on stderr (and kept in --errors);
    exit code 3 if any.

    \b
    Examples:
      sinergi extract articles.jsonl > extractions.jsonl
      sinergi extract s3://bucket/news/ --scheduler tcp://10.0.0.5:8786 > extractions.jsonl
    """
    rejections = _Rejections(errors_file)
    out = sys.stdout
    try:
        with _cluster(scheduler, local_cluster) as client:
            for record in api.extract_records(
                paths, on_error=rejections, options=_read_options(columns), client=client
            ):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        rejections.close()
    if rejections.count:
        sys.exit(EXIT_SKIPPED)


@main.command(cls=_ReadsArticles)
@click.argument("paths", nargs=-1, type=click.Path())  # str: fsspec URLs keep their "//"
@store_option
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes. Default: the number of CPUs.",
)
@_cluster_options("this process writes the store")
@click.option(
    "--atomic",
    is_flag=True,
    help="Write each batch in one transaction (slower); default on a --store is the fast "
    "non-transactional bulk loader, crash-safe for ingest but not for concurrent readers.",
)
@click.option(
    "--reextract",
    is_flag=True,
    help="Also re-run extraction over every stored article (the store keeps their text), "
    "e.g. after an extractor upgrade. PATHS may then be omitted.",
)
@click.option(
    "--no-resolve",
    is_flag=True,
    help="Skip entity resolution (persons and events across articles) at the end.",
)
@click.option(
    "--compact/--no-compact",
    default=None,
    help="Merge the store's files at the end, which makes later queries several times "
    "faster (takes about 4 s per million triples). Default: after a bulk ingest of 200,000 "
    "triples or more.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_input_options
@errors_to_clean_exit
def ingest(
    paths: tuple[str, ...],
    store_dir: Path | None,
    workers: int | None,
    scheduler: str | None,
    local_cluster: int | None,
    atomic: bool,
    reextract: bool,
    no_resolve: bool,
    compact: bool | None,
    quiet: bool,
    errors_file: Path | None,
    **columns: str,
) -> None:
    """Extract articles and add them to the graph store.

    Re-ingesting an unchanged article does nothing (it is skipped by content hash before
    extraction); a changed one replaces what it said before. Extraction runs in --workers
    processes; a progress bar with articles/s shows on a terminal. Afterwards the same
    officials and events found in several articles are resolved (see --no-resolve).

    \b
    Examples:
      sinergi ingest articles/ --store my-store
      sinergi ingest --reextract --store my-store
      sinergi ingest articles/ --update-endpoint http://127.0.0.1:7878/update
      sinergi ingest s3://bucket/news/ --scheduler tcp://10.0.0.5:8786 --store my-store
    """
    if not paths and not reextract:
        raise click.UsageError("give PATHS to ingest (or --reextract to re-read the store)")
    # sinergi.graph.store.ingest, not sinergi.api: it imports extraction and resolution
    # when it needs them, which keeps a re-ingest of unchanged articles from paying for the
    # rest.
    from sinergi.graph.store.ingest import ingest as ingest_paths

    progress = not quiet and sys.stderr.isatty()
    rejections = _Rejections(errors_file)
    try:
        with ExitStack() as stack:
            client = stack.enter_context(_cluster(scheduler, local_cluster))
            store = stack.enter_context(open_graph(store_dir))
            report = ingest_paths(
                paths,
                store,
                on_error=rejections,
                progress=progress,
                workers=workers,
                bulk=False if atomic else None,
                reextract=reextract,
                resolve=not no_resolve,
                compact=compact,
                options=_read_options(columns),
                client=client,
            )
    finally:
        rejections.close()
    if not quiet:
        reextracted = f"{report.reextracted} re-extracted, " if reextract else ""
        click.echo(
            f"read {report.read} articles: {report.added} added, {report.replaced} replaced, "
            f"{report.unchanged} unchanged, {reextracted}{len(report.rejected)} skipped; "
            f"{report.triples_written} triples written, "
            f"store {graph_name(store_dir)} holds {report.store_quads} quads "
            f"({report.seconds:.2f} s, {report.articles_per_second:.0f} articles/s, "
            f"{report.workers} workers)"
        )
        if report.compact_seconds is not None:
            click.echo(f"store compacted in {report.compact_seconds:.1f} s")
        if report.without_text:
            click.echo(f"{report.without_text} stored articles have no stored text to re-extract")
        if report.resolution is not None:
            from sinergi.graph.store.resolve import describe_resolution

            for line in describe_resolution(report.resolution):
                click.echo(line)
    if report.rejected:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("sinergi-demo"),
    show_default=True,
    help="Folder for the demo store and HTML views.",
)
@errors_to_clean_exit
def demo(out: Path) -> None:
    """Build a graph from the demo corpus shipped with sinergi and write its views.

    The ten demo articles are short texts written by the sinergi developers.
    """
    report = api.run_demo(out, progress=sys.stderr.isatty())
    ingest = report.ingest
    click.echo(f"demo corpus: {api.demo_corpus()}")
    click.echo(
        f"ingested {ingest.read} articles ({ingest.added} added, {ingest.unchanged} unchanged) "
        f"into {report.store} ({ingest.store_quads} quads)"
    )
    click.echo(f"learning network: {report.learning_edges} edges between {report.regions} regions")
    for view, path in report.views.items():
        click.echo(f"{view} view: {path}")
    click.echo(f"next: sinergi query learning --store {report.store}")
