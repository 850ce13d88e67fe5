"""Commands over the store as a whole: ``validate``, ``export``, ``serve``, ``resolve``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sinergi.cli.support import (
    STORE_HELP,
    LazyChoice,
    errors_to_clean_exit,
    lazy_module,
    open_graph,
    store_option,
    store_path,
)

if TYPE_CHECKING:
    from sinergi import api
else:
    api = lazy_module("sinergi.api")

from sinergi.cli.main import main


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
    from sinergi.graph.store.export import EXPORT_FORMATS

    return sorted(EXPORT_FORMATS)


def _network_formats() -> tuple[str, ...]:
    from sinergi.graph.analysis.formats import NETWORK_FORMATS

    return NETWORK_FORMATS


def _networks() -> list[str]:
    from sinergi.graph.analysis.projections import NETWORKS

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
@click.option(
    "--include-excluded",
    is_flag=True,
    help="Network formats: also count statements a curator rejected or replaced.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Network formats: count only statements with at least this rule confidence.",
)
@store_option
@click.pass_context
@errors_to_clean_exit
def export(
    ctx: click.Context,
    output_format: str,
    network: str | None,
    include_excluded: bool,
    min_confidence: float | None,
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
        from sinergi.cli.analyze import export_network

        ctx.invoke(
            export_network,
            network=network,
            output_format=output_format,
            out=out,
            include_excluded=include_excluded,
            min_confidence=min_confidence,
            store_dir=store_dir,
        )
        return
    if network is not None:
        raise click.UsageError(
            f"--network applies to the network formats ({', '.join(_network_formats())}), "
            f"not to --format {output_format}, which exports the whole graph"
        )
    from sinergi.graph.store.export import export_graph

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
    help="Answer a query still running after this long with HTTP 503 and stop it (by "
    "restarting Oxigraph behind sinergi's guard, which takes milliseconds). A query that "
    "waited this long for its turn (see --max-concurrent) gets 503 and Retry-After.",
)
@click.option(
    "--max-concurrent",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Queries evaluated at once; more wait in a queue, in arrival order, so that a "
    "burst of clients does not slow every query down. Default: four per core, at least 8.",
)
@click.option(
    "--max-queued",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Queries waiting for a slot, at most: any further one is answered at once with "
    "HTTP 503 and Retry-After (clients retry; no connection is reset). Writes and the "
    "query page are never held back. Default: 256.",
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
    max_concurrent: int | None,
    max_queued: int | None,
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
        path,
        host=host,
        port=port,
        writable=writable,
        timeout=timeout,
        cors=cors,
        max_concurrent=max_concurrent,
        max_queued=max_queued,
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
