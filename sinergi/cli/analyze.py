"""``sinergi analyze``: policy-diffusion analytics as CSV for R, Stata and spreadsheets.

A click group registered on the main command line by :mod:`sinergi.cli.main`. Its
commands are built from the registry of analytics (:mod:`sinergi.graph.analysis.registry`):
one per :class:`~sinergi.graph.analysis.spec.Analytic`, with the spec's parameters as
options, the common filters (``--start``, ``--end``, ``--theme``, ``--province``) and CSV
to ``--out`` (or standard output). ``infer``, which also reads cascade files and writes a
second table, and ``export-network``, which writes a network file, are written here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

import click

from sinergi.cli.support import errors_to_clean_exit, open_graph, store_option
from sinergi.graph.analysis import diffusion, inference
from sinergi.graph.analysis.formats import NETWORK_FORMATS, plain_code
from sinergi.graph.analysis.projections import EVENT_TYPES, NETWORKS
from sinergi.graph.analysis.registry import analytics
from sinergi.graph.analysis.spec import Analytic, Parameter

__all__ = ["analyze"]


def _plain_codes(
    ctx: click.Context, param: click.Parameter, value: str | tuple[str, ...] | None
) -> str | tuple[str, ...] | None:
    """Region codes as the graph knows them: the ``ID-17.71`` of sinergi's CSV and JSON
    files is accepted as well as ``17.71``, so codes can be pasted from any output."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(plain_code(code) for code in value)
    return plain_code(value)


def _options(*decorators: Callable[..., Any]) -> Callable[..., Any]:
    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


_common = _options(
    click.option(
        "--start",
        default=None,
        metavar="YYYY-MM-DD",
        help="Keep statements dated on or after this day.",
    ),
    click.option(
        "--end",
        default=None,
        metavar="YYYY-MM-DD",
        help="Keep statements dated on or before this day.",
    ),
    click.option(
        "--theme",
        default=None,
        metavar="SLUG",
        help="Keep statements about this theme (themes.csv slug, e.g. perdagangan).",
    ),
    click.option(
        "--province",
        default=None,
        metavar="CODE",
        callback=_plain_codes,
        help="Keep statements with a party in this province (e.g. 36 or ID-36).",
    ),
    click.option(
        "--include-excluded",
        is_flag=True,
        help="Also count statements a curator rejected or replaced (sinergi curate).",
    ),
    click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=None,
        help="Count only statements whose rule confidence is at least this.",
    ),
    store_option,
)

_cascade = _options(
    click.option(
        "--by",
        type=click.Choice(["theme", "program"]),
        default=None,
        help="Cascades per theme (default) or per program label.",
    ),
    click.option(
        "--program",
        "programs",
        multiple=True,
        metavar="WORDS",
        help="Merge programs whose label contains WORDS into one cascade named WORDS "
        "(repeatable; implies --by program).",
    ),
)

_out = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV file to write. Default: standard output.",
)

class _Filters(TypedDict):
    start: str | None
    end: str | None
    theme: str | None
    province: str | None
    include_excluded: bool
    min_confidence: float | None


def _filters(
    start: str | None,
    end: str | None,
    theme: str | None,
    province: str | None,
    include_excluded: bool,
    min_confidence: float | None,
) -> _Filters:
    return {
        "start": start,
        "end": end,
        "theme": theme,
        "province": province,
        "include_excluded": include_excluded,
        "min_confidence": min_confidence,
    }


def _grouping(by: str | None, programs: tuple[str, ...]) -> dict[str, Any]:
    if programs and by == "theme":
        raise click.BadParameter("--program needs --by program", param_hint="--program")
    return {"by": "program" if programs else (by or "theme"), "programs": list(programs)}


def _columns(table: str) -> list[str]:
    """The columns of ``table``, whichever analytic writes it."""
    for analytic in analytics().values():
        if table in analytic.columns:
            return list(analytic.columns[table])
    raise KeyError(table)


def _emit(
    rows: list[dict[str, object]], out: Path | None, what: str, table: str, *, tag: bool = True
) -> None:
    """CSV to ``out`` or stdout; with no rows still the header of ``table``'s columns (a
    table of a registered analytic, see :attr:`~sinergi.graph.analysis.spec.Analytic.columns`).

    Region codes go out as ``ID-<code>`` (``write_rows`` applies the file rule of
    :mod:`sinergi.graph.analysis.formats`), so every table, cascades and NetInf ties alike, names
    nodes the same way and survives R ``read.csv`` and ``pd.read_csv``. ``tag=False``
    writes names as they came: a researcher's own cascades keep their own node names.
    """
    fields = None if rows else _columns(table)
    if out is None:
        diffusion.write_rows(rows, sys.stdout, fields, tag=tag)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        diffusion.write_rows(rows, handle, fields, tag=tag)
    click.echo(f"wrote {len(rows)} {what} to {out}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def analyze() -> None:
    """Policy-diffusion analytics: cascades, paths, inferred ties, leaders, EHA panel.

    Every command takes --start/--end (YYYY-MM-DD), --theme SLUG and --province CODE
    filters and --store DIR or --endpoint URL; tables are CSV to --out or standard
    output. Cascade event times are days since 1970-01-01
    (R: as.Date(event_time, origin = "1970-01-01")).
    """


@analyze.command()
@_cascade
@click.option("--n-edges", type=click.IntRange(min=1), default=None, help="Infer this many ties.")
@click.option(
    "--p-value",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help="Add ties while the Vuong test p-value stays below this (default 0.05).",
)
@click.option(
    "--rate",
    type=click.FloatRange(0, min_open=True),
    default=None,
    help="Exponential transmission rate per day (default: R netinf's estimate).",
)
@click.option(
    "--trees-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the inferred cascade trees to this CSV.",
)
@click.option(
    "--cascades",
    "cascades_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Infer from this NetworkInference long-format CSV (node_name, event_time, "
    "cascade_id) instead of the store; --rate is then per unit of event_time.",
)
@_out
@_common
@errors_to_clean_exit
def infer(
    by: str | None,
    programs: tuple[str, ...],
    n_edges: int | None,
    p_value: float | None,
    rate: float | None,
    trees_out: Path | None,
    cascades_file: Path | None,
    out: Path | None,
    start: str | None,
    end: str | None,
    theme: str | None,
    province: str | None,
    include_excluded: bool,
    min_confidence: float | None,
    store_dir: Path | None,
) -> None:
    """Diffusion ties inferred from cascades alone (NetInf), checked against the news.

    Columns origin_node, destination_node, improvement, p_value (as R NetworkInference),
    then cascades, observed (1 if the news reports the destination learning from the
    origin), observed_evidence, observed_reverse and the region names.

    With --cascades FILE it runs on any cascades, as R netinf(as_cascade_long(...)) does,
    with the same ties, improvements and p-values; the columns stop at cascades.

    Example: sinergi analyze infer --n-edges 10 --out ties.csv
    Example: sinergi analyze infer --cascades policies.csv --n-edges 100
    """
    if n_edges is not None and p_value is not None:
        raise click.UsageError("give --n-edges or --p-value, not both")
    if cascades_file is not None:
        store_options: dict[str, object] = {
            "--by": by,
            "--program": programs,
            "--start": start,
            "--end": end,
        }
        store_options |= {"--theme": theme, "--province": province, "--store": store_dir}
        store_options["--include-excluded"] = include_excluded
        store_options["--min-confidence"] = min_confidence
        if given := [name for name, value in store_options.items() if value]:
            raise click.UsageError(f"--cascades reads no store: drop {', '.join(given)}")
        _infer_file(cascades_file, n_edges, p_value, rate, out, trees_out)
        return
    with open_graph(store_dir, read_only=True) as store:
        report = diffusion.infer_ties(
            store,
            **_grouping(by, programs),
            n_edges=n_edges,
            p_value_cutoff=p_value,
            rate=rate,
            **_filters(start, end, theme, province, include_excluded, min_confidence),
        )
    _emit(report.rows, out, "ties", "infer")
    if trees_out is not None:
        _emit(report.trees, trees_out, "tree rows", "infer-trees")
    click.echo(
        f"{len(report.rows)} ties inferred from {report.cascades} cascades "
        f"({report.adoptions} adoptions, {report.possible_edges} possible edges, "
        f"rate {report.rate:.4g}/day); {report.observed_inferred} of them among the "
        f"{report.observed_edges} observed learning ties",
        err=True,
    )


def _infer_file(
    path: Path,
    n_edges: int | None,
    p_value: float | None,
    rate: float | None,
    out: Path | None,
    trees_out: Path | None,
) -> None:
    """``infer --cascades``: NetInf on a long-format CSV, nodes in R's order (first row)."""
    cascades, node_names = inference.read_cascades(path)
    used_rate = inference.default_lambda(cascades) if rate is None else rate
    edges, trees = inference.netinf(
        cascades,
        n_edges=n_edges,
        p_value_cutoff=p_value,
        rate=used_rate,
        trees=True,
        node_order=node_names,
    )
    _emit(edges, out, "ties", "infer", tag=False)
    if trees_out is not None:
        _emit(trees, trees_out, "tree rows", "infer-trees", tag=False)
    click.echo(
        f"{len(edges)} ties inferred from {len(cascades)} cascades "
        f"({sum(map(len, cascades.values()))} adoptions, "
        f"{len(inference.possible_edges(cascades))} possible edges, "
        f"rate {used_rate:.6g} per time unit)",
        err=True,
    )


@analyze.command("export-network")
@click.option(
    "--network",
    type=click.Choice(sorted(NETWORKS)),
    default="learning",
    show_default=True,
    help="Which projection to write.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(NETWORK_FORMATS),
    default="graphml",
    show_default=True,
    help="graphml or gexf (Gephi, Cytoscape, igraph; every attribute, node names in "
    "'name') or edgelist ('source target' lines, no header: nx.read_edgelist, "
    "igraph Read_Ncol).",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option(
    "--event-type",
    type=click.Choice(EVENT_TYPES),
    default=None,
    help="Event type (collaboration network).",
)
@_common
@errors_to_clean_exit
def export_network(
    network: str,
    output_format: str,
    out: Path,
    event_type: str | None,
    start: str | None,
    end: str | None,
    theme: str | None,
    province: str | None,
    include_excluded: bool,
    min_confidence: float | None,
    store_dir: Path | None,
) -> None:
    """Write a projection for network tools; lists become ;-joined strings.

    Example: sinergi analyze export-network --network adoption --format gexf --out a.gexf
    """
    with open_graph(store_dir, read_only=True) as store:
        written, graph = diffusion.export_network(
            store,
            network,
            out,
            format=output_format,
            event_type=event_type,
            **_filters(start, end, theme, province, include_excluded, min_confidence),
        )
    click.echo(
        f"wrote {network} network ({graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges) as {output_format} to {written}",
        err=True,
    )


def _option(parameter: Parameter) -> Callable[..., Any]:
    """The click option of one analytic parameter (its spec says everything)."""
    if parameter.type is bool:
        return click.option(parameter.flag, parameter.name, is_flag=True, help=parameter.help)
    kind: Any = parameter.type
    if parameter.choices:
        kind = click.Choice(parameter.choices)
    return click.option(
        parameter.flag,
        parameter.name,
        type=kind,
        default=parameter.default,
        show_default=parameter.default is not None,
        multiple=parameter.multiple,
        metavar=parameter.metavar,
        callback=_plain_codes if parameter.codes else None,
        help=parameter.help,
    )


def _command(analytic: Analytic) -> click.Command:
    """``sinergi analyze NAME`` for a registered analytic: its parameters as options, the
    cascade grouping where it takes one, the common filters, CSV to --out."""

    def run(**options: Any) -> None:
        out, store_dir = options.pop("out"), options.pop("store_dir")
        if analytic.cascades:
            options |= _grouping(options.pop("by"), options.pop("programs"))
        options = {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in options.items()
        }
        with open_graph(store_dir, read_only=True) as store:
            rows = analytic(store, **options)
        _emit(rows, out, analytic.what, analytic.table(options))

    help_text = f"{analytic.summary}\n\n{analytic.description}"
    if analytic.example:
        help_text += f"\n\nExample: {analytic.example}"
    callback: Callable[..., Any] = errors_to_clean_exit(run)
    decorators = [
        *([_cascade] if analytic.cascades else []),
        *(_option(parameter) for parameter in analytic.parameters),
        _out,
        _common,
    ]
    for decorator in reversed(decorators):
        callback = decorator(callback)
    return click.command(analytic.name, help=help_text)(callback)


for _analytic in analytics().values():
    if not _analytic.own_command:
        analyze.add_command(_command(_analytic))
