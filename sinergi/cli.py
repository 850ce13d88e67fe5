"""The ``sinergi`` command line: a thin shell over :mod:`sinergi.api`.

Each command parses its options, calls one API function and prints the result. Errors
the user can act on (:class:`~sinergi.errors.SinergiError`) end with one line on stderr
and exit code 1, never a traceback.

Exit codes: 0 success; 1 error (nothing or not everything done); 2 bad usage; 3 done,
but some input records were skipped (each named on stderr).

Start-up: importing this module imports click and little else (``sinergi --help`` in
about 0.1 s instead of 0.5 s). ``api`` below is imported when a command first uses it,
``sinergi analyze`` when it runs, and a command that needs only part of the library (as
``ingest``) imports the module that defines the API function it calls, not all of
:mod:`sinergi.api`. ``tests/test_cli_startup.py`` keeps it so.
"""

from __future__ import annotations

import csv
import io
import json
import signal
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sinergi import __version__
from sinergi.cli_support import (
    STORE_HELP,
    LazyChoice,
    cli_terms,
    errors_to_clean_exit,
    graph_name,
    lazy_module,
    open_graph,
    store_option,
    store_path,
)
from sinergi.loaders.documents import ReadOptions, Rejected

if TYPE_CHECKING:
    from sinergi import api
    from sinergi.graph.store import QueryResult
else:
    api = lazy_module("sinergi.api")

EXIT_SKIPPED = 3


def _alias(value: str | None, option: str, old: str | None, old_option: str) -> str | None:
    """The value of ``option`` or of its former name ``old_option`` (a hidden alias)."""
    if old is not None and value is not None and old != value:
        raise click.UsageError(f"give {option} or its old name {old_option}, not both")
    return value if value is not None else old


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


class _Commands(click.Group):
    """The ``sinergi`` group; some subcommands live in modules imported only when used.

    ``lazy`` maps a command name to ``("module:attribute", first line of its help)``. The
    module is imported when the command runs (or its help is asked for), not to build the
    command line: :mod:`sinergi.cli_analyze` imports NetworkX and the analytics. Listing
    the commands (``sinergi --help``) shows the line given here instead, shortened as
    click shortens any command's help.
    """

    def __init__(
        self, *args: Any, lazy: dict[str, tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        target, summary = self.lazy[cmd_name]
        if self._listing:  # the row in `sinergi --help`: no import needed
            return click.Command(cmd_name, help=summary)
        module, _, attribute = target.partition(":")
        command: click.Command = getattr(import_module(module), attribute)
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy={
        "analyze": (
            "sinergi.cli_analyze:analyze",
            "Policy-diffusion analytics: cascades, paths, inferred ties, leaders, EHA panel.",
        )
    },
)
@click.version_option(__version__, prog_name="sinergi")
def main() -> None:
    """sinergi: a knowledge graph of Indonesian inter-regional government collaboration.

    Articles go in (extract, ingest); answers come out as SPARQL rows (query, queries)
    and offline HTML networks (viz). Try `sinergi demo` first.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format: one JSON object per document (JSON Lines), the ANNOTATION.md contract.",
)
@_input_options
@errors_to_clean_exit
def extract(
    paths: tuple[Path, ...], output_format: str, errors_file: Path | None, **columns: str
) -> None:
    """Extract regions, officials, events, learning edges and programs from articles.

    PATHS are .txt files (one article each, first line the title), .jsonl/.jsonl.gz files
    (keys doc or id, text, optional title, url, published, outlet), .html article pages,
    .csv/.tsv files with a header row (see the column options), or folders of them.
    Bad records are named on stderr (and kept in --errors); exit code 3 if any.

    Example: sinergi extract articles.jsonl > extractions.jsonl
    """
    rejections = _Rejections(errors_file)
    out = sys.stdout
    try:
        for extraction in api.extract_paths(
            paths, on_error=rejections, options=_read_options(columns)
        ):
            out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    finally:
        rejections.close()
    if rejections.count:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes. Default: the number of CPUs.",
)
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
    paths: tuple[Path, ...],
    store_dir: Path | None,
    workers: int | None,
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
    """
    if not paths and not reextract:
        raise click.UsageError("give PATHS to ingest (or --reextract to re-read the store)")
    # sinergi.ingest, not sinergi.api: it imports extraction and resolution when it needs
    # them, which keeps a re-ingest of unchanged articles from paying for the rest.
    from sinergi.ingest import ingest as ingest_paths

    progress = not quiet and sys.stderr.isatty()
    rejections = _Rejections(errors_file)
    try:
        with open_graph(store_dir) as store:
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
            from sinergi.graph.resolve import describe_resolution

            for line in describe_resolution(report.resolution):
                click.echo(line)
    if report.rejected:
        sys.exit(EXIT_SKIPPED)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


def _format_result(result: QueryResult, output_format: str) -> str:
    """A query result as text: ``table`` for people, ``csv`` and ``json`` for programs.

    In csv and json every region code is written ``ID-<code>`` (the file rule of
    :mod:`sinergi.graph.formats`): R ``read.csv``, ``pd.read_csv`` and ``pd.read_json``
    with their defaults would turn ``"35.20"`` into 35.2 and ``"17"`` into 17. The table
    shows codes as they are.
    """
    from sinergi.graph.formats import tag_codes  # kept local: this function owns the rule

    rows = result.values()
    if output_format in ("json", "csv"):
        rows = tag_codes(rows, result.variables)
    if output_format == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=result.variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        return buffer.getvalue().rstrip("\n")
    cells = [[("" if row[v] is None else str(row[v])) for v in result.variables] for row in rows]
    widths = [
        min(60, max([len(v)] + [len(c[i]) for c in cells])) for i, v in enumerate(result.variables)
    ]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for cell_row in cells:
        lines.append("  ".join(c[:w].ljust(w) for c, w in zip(cell_row, widths, strict=True)))
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


@main.command()
@click.argument("name")
@click.option(
    "--param", "-p", "params", multiple=True, help="Query parameter NAME=VALUE (repeatable)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="At most N rows (SPARQL LIMIT, applied by the engine).",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=None,
    metavar="M",
    help="Skip the first M rows (SPARQL OFFSET). Page through a long listing with "
    "--limit N --offset 0, N, 2N, ...; pages are stable when the query has ORDER BY.",
)
@click.option(
    "--isolated/--in-process",
    default=None,
    help="Evaluate in a child process, where an Oxigraph crash becomes a one-line error "
    "instead of ending sinergi. Default: .rq files isolated, library queries in process.",
)
@store_option
@errors_to_clean_exit
def query(
    name: str,
    params: tuple[str, ...],
    output_format: str,
    limit: int | None,
    offset: int | None,
    isolated: bool | None,
    store_dir: Path | None,
) -> None:
    """Run a library query by NAME (see `sinergi queries`) or a .rq FILE.

    Parameters are bound as RDF terms (a region code becomes the region's IRI), never
    pasted into the query text. --limit/--offset are added to the query as SPARQL
    LIMIT/OFFSET (a query with its own LIMIT, OFFSET or final VALUES is wrapped as a
    sub-select first), so only that page is evaluated and printed.

    A .rq file runs in a child process: some queries crash Oxigraph 0.5 (ORDER BY over a
    mix of plain strings, language-tagged strings and numbers aborts it), and the crash
    then ends as a one-line error, exit 1. The tested library queries run in process.

    \b
    Examples:
      sinergi query learning --param source=19.71 --format csv
      sinergi query my-listing.rq --limit 1000 --offset 2000 --format csv
    """
    from sinergi.graph.isolation import paged, run_isolated
    from sinergi.queries import load_queries

    query_text = api.bind_query(api.get_query(name), _parse_params(params))  # no store yet
    sparql = paged(query_text, limit, offset)
    if isolated is None:
        isolated = name not in load_queries()
    with open_graph(store_dir, read_only=True) as store:
        # An endpoint is isolated already: a crash there is the server's to survive.
        if isolated and isinstance(store, api.OxigraphStore) and store.path is not None:
            result = run_isolated(store.path, sparql)
        else:
            result = store.query(sparql)
    click.echo(_format_result(result, output_format))


@main.command()
def queries() -> None:
    """List the query library: name, title and parameters, one line each.

    sinergi's internal queries (sinergi/queries/internal/: the network, projection and
    view queries) are not listed; they still run by name with `sinergi query`.
    """
    from sinergi.queries import library_queries

    for name, item in library_queries().items():
        params = " ".join(
            f"{p.name}=<{p.type}>" if p.required else f"[{p.name}=<{p.type}>]" for p in item.params
        )
        click.echo(f"{name:<24} {item.title}" + (f"  ({params})" if params else ""))


@main.command()
@click.option(
    "--view",
    type=LazyChoice(lambda: api.VIEWS),
    default="learning",
    show_default=True,
    help="learning: who learned from whom; collaboration: visits, agreements, forums; "
    "diffusion: the adoption cascade of one program or theme (--program/--theme); "
    "ego: one region and its neighbourhood (--region, --depth).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write. Default: <view>.html in the current directory.",
)
@click.option(
    "--program", metavar="TEXT", default=None, help="diffusion: words of the program's label."
)
@click.option(
    "--theme",
    "themes",
    metavar="SLUG",
    multiple=True,
    help="Theme slug (themes.csv). diffusion: the theme whose cascade to show (one); "
    "other views: keep only evidence with this theme (repeatable).",
)
@click.option(
    "--region", metavar="CODE", default=None, help="ego: Kemendagri code of the centre region."
)
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=None,
    help="ego: how many links away from the region to go.  [default: 1]",
)
@click.option(
    "--start", metavar="DATE", default=None, help="Keep evidence dated on or after YYYY-MM-DD."
)
@click.option(
    "--end", metavar="DATE", default=None, help="Keep evidence dated on or before YYYY-MM-DD."
)
@click.option("--since", "since", metavar="DATE", default=None, hidden=True)  # old --start
@click.option("--until", "until", metavar="DATE", default=None, hidden=True)  # old --end
@click.option(
    "--type",
    "kinds",
    multiple=True,
    type=click.Choice(["learning", "visit", "agreement", "forum"]),
    help="Keep only links of this type (repeatable).",
)
@click.option(
    "--province", metavar="CODE", default=None, help="Keep links touching this province (code)."
)
@click.option(
    "--min-evidence",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Drop links with fewer pieces of evidence.",
)
@click.option(
    "--size",
    type=click.Choice(["degree", "pagerank", "first"]),
    default=None,
    help="Initial node size: degree, PageRank or first appearance (earlier is larger). "
    "Default: first for diffusion, else degree.",
)
@click.option(
    "--colour",
    "--color",
    "colour",
    type=click.Choice(["province", "island"]),
    default="province",
    show_default=True,
    help="Initial node colour: by province or by island group.",
)
@click.option(
    "--layout",
    type=click.Choice(["map", "force", "timeline"]),
    default=None,
    help="Initial layout: map (coordinates), force, or timeline (diffusion only). "
    "Default: timeline for diffusion, else map.",
)
@click.option(
    "--title", metavar="TEXT", default=None, help="Page heading. Default: the view's name."
)
@store_option
@errors_to_clean_exit
def viz(
    view: str,
    out: Path | None,
    program: str | None,
    themes: tuple[str, ...],
    region: str | None,
    depth: int | None,
    start: str | None,
    end: str | None,
    since: str | None,
    until: str | None,
    kinds: tuple[str, ...],
    province: str | None,
    min_evidence: int,
    size: str | None,
    colour: str,
    layout: str | None,
    title: str | None,
    store_dir: Path | None,
) -> None:
    """Write an interactive network view as ONE self-contained HTML file (works offline).

    The page filters without regenerating (time range, link types, themes, province,
    minimum evidence), finds regions by name or alias, shows every piece of evidence of
    a link on click and saves the view as PNG. The filter options here cut the data
    before it is written.

    \b
    Examples:
      sinergi viz --view learning --out learning.html
      sinergi viz --view collaboration --start 2022-01-01 --type agreement
      sinergi viz --view diffusion --program "pasar murah" --out pasar-murah.html
      sinergi viz --view ego --region 17.71 --depth 2 --size pagerank
    """
    if view == "diffusion":
        if not program and not themes:
            raise click.UsageError("--view diffusion needs --program TEXT or --theme SLUG")
        if len(themes) > 1:
            raise click.UsageError("--view diffusion takes one --theme")
    elif program:
        raise click.UsageError("--program only applies to --view diffusion")
    if view == "ego" and not region:
        raise click.UsageError("--view ego needs --region CODE (e.g. 17.71)")
    if view != "ego" and (region or depth):
        raise click.UsageError("--region and --depth only apply to --view ego")
    if layout == "timeline" and view != "diffusion":
        raise click.UsageError("--layout timeline only applies to --view diffusion")
    start = _alias(start, "--start", since, "--since")
    end = _alias(end, "--end", until, "--until")
    filters = api.ViewFilter(
        since=start,
        until=end,
        themes=frozenset(themes) if view != "diffusion" else frozenset(),
        kinds=frozenset(kinds),
        province=province,
        min_evidence=min_evidence,
    )
    target = out or Path(f"{view}.html")
    with open_graph(store_dir, read_only=True) as store:
        written = api.write_view(
            store,
            view,
            target,
            filters=filters,
            region=region,
            depth=depth or 1,
            program=program,
            theme=themes[0] if view == "diffusion" and themes else None,
            size=size,
            colour=colour,
            layout=layout,
            title=title,
        )
    click.echo(f"wrote {written}")


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


@main.command()
@store_option
@errors_to_clean_exit
def validate(store_dir: Path | None) -> None:
    """Check the graph against sinergi's SHACL shapes (the data contract).

    Every collaboration event has a type and at least two regions; every extracted
    statement points to its article and evidence sentence; a learning relation joins two
    different regions; a post's region is a region; and so on (sinergi/ontology/shapes.ttl).

    Prints one violation per line (focus node, path, message, tab-separated), then a
    summary line. Exit code 0 when the graph conforms, 1 when it does not (or on error).

    Example: sinergi validate --store my-store
    """
    with open_graph(store_dir, read_only=True) as store:
        report = api.validate_store(store)
    for violation in report.violations:
        click.echo(violation.line())
    click.echo(report.summary())
    if not report.conforms:
        sys.exit(1)


def _rdf_formats() -> list[str]:
    from sinergi.graph.export import EXPORT_FORMATS

    return sorted(EXPORT_FORMATS)


def _network_formats() -> tuple[str, ...]:
    from sinergi.graph.formats import NETWORK_FORMATS

    return NETWORK_FORMATS


def _networks() -> list[str]:
    from sinergi.graph.projections import NETWORKS

    return sorted(NETWORKS)


@main.command()
@click.option(
    "--format",
    "output_format",
    type=LazyChoice(lambda: [*_rdf_formats(), *_network_formats()]),
    default="nquads",
    show_default=True,
    help="The whole graph as RDF: nquads: every quad, named graphs kept (lossless); "
    "turtle: the union of all graphs as one graph; jsonld: every quad, named graphs kept, "
    "compacted JSON-LD. One network (needs --network and --out): graphml or gexf (Gephi, "
    "Cytoscape, igraph) or edgelist ('source target' lines, no header).",
)
@click.option(
    "--network",
    type=LazyChoice(_networks),
    default=None,
    help="The projection a graphml, gexf or edgelist export writes: learning (who learned "
    "from whom), collaboration (visits, agreements, forums) or adoption (who took up a "
    "program after whom). To filter it, see `sinergi analyze export-network --help`.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write. Default: standard output (RDF formats only).",
)
@store_option
@click.pass_context
@errors_to_clean_exit
def export(
    ctx: click.Context,
    output_format: str,
    network: str | None,
    out: Path | None,
    store_dir: Path | None,
) -> None:
    """Export the whole graph as RDF, or one network for Gephi, Cytoscape or igraph.

    RDF: each article is its own named graph, kept by nquads and jsonld; turtle writes
    their union (provenance triples included). Networks: the learning, collaboration or
    adoption projection as GraphML, GEXF or a CSV edge list, exactly as `sinergi analyze
    export-network` writes it (list attributes become ;-joined strings). A summary goes
    to stderr.

    \b
    Examples:
      sinergi export --format turtle --out graph.ttl
      sinergi export --format graphml --network learning --out learning.graphml
      sinergi export --format gexf --network adoption --out adoption.gexf
    """
    if output_format in _network_formats():
        if network is None:
            raise click.UsageError(
                f"--format {output_format} writes one network: give --network "
                f"{'|'.join(_networks())}"
            )
        if out is None:
            raise click.UsageError(f"--format {output_format} writes a file: give --out FILE")
        # One code path for network files: the analyze command does the writing.
        from sinergi.cli_analyze import export_network

        ctx.invoke(
            export_network,
            network=network,
            output_format=output_format,
            out=out,
            store_dir=store_dir,
        )
        return
    if network is not None:
        raise click.UsageError(
            f"--network applies to the network formats ({', '.join(_network_formats())}), "
            f"not to --format {output_format}, which exports the whole graph"
        )
    from sinergi.graph.export import export_graph

    with open_graph(store_dir, read_only=True) as store:
        report = export_graph(store, output_format, out)
    click.echo(
        f"wrote {report.statements} {report.unit} as {report.format} to {report.target}",
        err=True,
    )


@main.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=STORE_HELP,
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The server has no authentication: keep it on loopback "
    "unless a firewall and the data's licence allow more.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--writable",
    is_flag=True,
    help="Also accept SPARQL updates (/update) and Graph Store Protocol writes (/store), "
    "e.g. from `sinergi ingest --update-endpoint`. Default: read-only.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Answer a query still running after this long with HTTP 503 and stop it "
    "(by restarting Oxigraph behind sinergi's guard, which takes milliseconds).",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let web pages from ORIGIN (e.g. https://example.org; repeatable; * for any) "
    "query the server from a browser. Default: no cross-origin access.",
)
@errors_to_clean_exit
def serve(
    store_dir: Path | None,
    host: str,
    port: int,
    writable: bool,
    timeout: float,
    cors: tuple[str, ...],
) -> None:
    """Serve the graph over SPARQL 1.1 HTTP (Oxigraph's server), until Ctrl-C.

    Read-only by default. Queries see the union of all named graphs, as `sinergi query`
    does, so every library query runs unchanged against the printed endpoint; a browser
    on the printed URL gets a query page. Other commands use the server with
    --endpoint URL (and --update-endpoint URL when --writable).

    \b
    Examples:
      sinergi serve --store my-store
      sinergi query learning --endpoint http://127.0.0.1:7878/query
      sinergi serve --store my-store --writable --port 7879
    """
    path = store_path(store_dir)
    if writable:  # a read-only server checks that the store exists when it starts
        with api.open_store(path):  # creates it with the reference graph, checks the lock
            pass
    server = api.SparqlServer(
        path, host=host, port=port, writable=writable, timeout=timeout, cors=cors
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        mode = "read-write" if writable else "read-only"
        click.echo(f"serving {path} ({mode}) at {server.url}")
        click.echo(f"query endpoint: {server.query_endpoint}")
        if server.update_endpoint:
            click.echo(f"update endpoint: {server.update_endpoint}")
        click.echo("press Ctrl-C to stop")
        code = server.wait()
        if code:
            raise click.ClickException(f"oxigraph server stopped with exit code {code}")
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@store_option
@click.option("--undo", is_flag=True, help="Remove the resolution graph (every merge) instead.")
@errors_to_clean_exit
def resolve(store_dir: Path | None, undo: bool) -> None:
    """Resolve the same officials and events across articles (ingest does this itself).

    Rebuilds one named graph of owl:sameAs links, each with the rule that made it, and
    mention/article/source counts on events reported by several articles; --undo drops
    it. See the README section "Scaling up".

    Example: sinergi resolve --store my-store
    """
    with open_graph(store_dir) as store:
        if undo:
            api.undo_resolution(store)
            click.echo("resolution graph removed")
            return
        report = api.resolve_store(store)
    for line in api.describe_resolution(report):
        click.echo(line)


if __name__ == "__main__":
    main()
