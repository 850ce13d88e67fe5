"""Commands over the SPARQL library: ``query`` runs one, ``queries`` lists them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sinergi.cli.support import (
    errors_to_clean_exit,
    lazy_module,
    open_graph,
    store_option,
)

if TYPE_CHECKING:
    from sinergi import api
    from sinergi.graph.store import QueryResult
else:
    api = lazy_module("sinergi.api")

from sinergi.cli.main import main


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
    :mod:`sinergi.graph.analysis.formats`): R ``read.csv``, ``pd.read_csv`` and ``pd.read_json``
    with their defaults would turn ``"35.20"`` into 35.2 and ``"17"`` into 17. The table
    shows codes as they are.
    """
    from sinergi.graph.analysis.formats import tag_codes  # kept local: this function owns the rule

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
    from sinergi.graph.store.isolation import paged, run_isolated
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
