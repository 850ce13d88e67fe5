"""The ``sinergi`` command line: a thin shell over :mod:`sinergi.api`.

Each command parses its options, calls one API function and prints the result. Errors
the user can act on (:class:`~sinergi.errors.SinergiError`) end with one line on stderr
and exit code 1, never a traceback.

Exit codes: 0 success; 1 error (nothing or not everything done); 2 bad usage; 3 done,
but some input records were skipped (each named on stderr).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from sinergi import __version__, api
from sinergi.errors import SinergiError
from sinergi.graph.store import QueryResult, default_store_path
from sinergi.loaders.documents import Rejected
from sinergi.queries import load_queries

EXIT_SKIPPED = 3

_STORE_HELP = (
    "Store folder. Default: the SINERGI_STORE environment variable if set, "
    "else ./sinergi-store in the current directory."
)


def _store_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--store`` option, identical on every command that reads or writes the graph."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=_STORE_HELP,
    )(function)


def _errors_to_clean_exit(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into a one-line message instead of a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SinergiError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _report_rejected(rejected: Rejected) -> None:
    click.echo(f"skipped {rejected.source}: {rejected.reason}", err=True)


def _store_path(store_dir: Path | None) -> Path:
    return store_dir if store_dir is not None else default_store_path()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@_errors_to_clean_exit
def extract(paths: tuple[Path, ...], output_format: str) -> None:
    """Extract regions, officials, events, learning edges and programs from articles.

    PATHS are .txt files (one article each, first line the title), .jsonl/.jsonl.gz files
    (keys doc or id, text, optional title, url, published, outlet) or folders of them.

    Example: sinergi extract articles.jsonl > extractions.jsonl
    """
    skipped: list[Rejected] = []

    def on_error(rejected: Rejected) -> None:
        skipped.append(rejected)
        _report_rejected(rejected)

    out = sys.stdout
    for extraction in api.extract_paths(paths, on_error=on_error):
        out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    if skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_errors_to_clean_exit
def ingest(paths: tuple[Path, ...], store_dir: Path | None, quiet: bool) -> None:
    """Extract articles and add them to the graph store.

    Re-ingesting an unchanged article does nothing; a changed one replaces what it said
    before. A progress bar shows on a terminal.

    Example: sinergi ingest articles/ --store my-store
    """
    path = _store_path(store_dir)
    progress = not quiet and sys.stderr.isatty()
    with api.open_store(path) as store:
        report = api.ingest(paths, store, on_error=_report_rejected, progress=progress)
    if not quiet:
        click.echo(
            f"read {report.read} articles: {report.added} added, {report.replaced} replaced, "
            f"{report.unchanged} unchanged, {len(report.rejected)} skipped; "
            f"{report.triples_written} triples written, "
            f"store {path} holds {report.store_quads} quads "
            f"({report.seconds:.2f} s, {report.articles_per_second:.0f} articles/s)"
        )
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
    rows = result.values()
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
@_store_option
@_errors_to_clean_exit
def query(name: str, params: tuple[str, ...], output_format: str, store_dir: Path | None) -> None:
    """Run a library query by NAME (see `sinergi queries`) or a .rq FILE.

    Parameters are bound as RDF terms (a region code becomes the region's IRI), never
    pasted into the query text.

    Example: sinergi query learning --param source=19.71 --format csv
    """
    with api.open_store(_store_path(store_dir)) as store:
        result = api.run_query(store, name, _parse_params(params))
    click.echo(_format_result(result, output_format))


@main.command()
def queries() -> None:
    """List the query library: name, title and parameters, one line each."""
    for name, item in load_queries().items():
        params = " ".join(
            f"{p.name}=<{p.type}>" if p.required else f"[{p.name}=<{p.type}>]" for p in item.params
        )
        click.echo(f"{name:<24} {item.title}" + (f"  ({params})" if params else ""))


@main.command()
@click.option(
    "--view",
    type=click.Choice(sorted(api.VIEWS)),
    default="learning",
    show_default=True,
    help="learning: who learned from whom; collaboration: visits, agreements, forums.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write. Default: <view>.html in the current directory.",
)
@_store_option
@_errors_to_clean_exit
def viz(view: str, out: Path | None, store_dir: Path | None) -> None:
    """Write an interactive network view as ONE self-contained HTML file (works offline).

    Example: sinergi viz --view learning --out learning.html
    """
    target = out or Path(f"{view}.html")
    with api.open_store(_store_path(store_dir)) as store:
        written = api.write_view(store, view, target)
    click.echo(f"wrote {written}")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("sinergi-demo"),
    show_default=True,
    help="Folder for the demo store and HTML views.",
)
@_errors_to_clean_exit
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


if __name__ == "__main__":
    main()
