"""The documented Python API; the ``sinergi`` command line is a thin shell over it.

Typical use::

    from sinergi import api

    for extraction in api.extract_paths(["articles/"]):
        print(extraction.to_json())

    with api.open_store("my-store") as store:
        report = api.ingest(["articles/"], store)
        rows = api.run_query(store, "learning", {"source": "19.71"}).values()
        graph = api.learning_network(store)
        leaders = api.analyze(store, "leaders", theme="perdagangan")
        api.write_view(store, "learning", "learning.html")

Extraction on a Dask cluster (``pip install 'sinergi[cluster]'``): pass a
``dask.distributed.Client``, or a scheduler address, as ``client``; the workers read the
input where it lies (shared paths or fsspec URLs) and this process writes the store::

    with api.open_store("my-store") as store:
        report = api.ingest(["s3://bucket/news/"], store, client="tcp://10.0.0.5:8786")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinergi.errors import InputError
from sinergi.graph.analysis import diffusion
from sinergi.graph.analysis.diffusion import (
    adoption_network,
    collaboration_projection,
    export_network,
    learning_projection,
    write_network,
)
from sinergi.graph.analysis.networks import collaboration_network, learning_network
from sinergi.graph.analysis.registry import analytics, get_analytic
from sinergi.graph.analysis.spec import Analytic
from sinergi.graph.curation.curate import (
    apply_sheet,
    list_decisions,
    undo_decision,
)
from sinergi.graph.curation.explain import explain_pair
from sinergi.graph.curation.report import curation_status
from sinergi.graph.curation.sheet import SheetFilter, write_csv, write_html
from sinergi.graph.curation.statements import Statement, read_statements, statements_to_review
from sinergi.graph.store import (
    GraphStore,
    OxigraphStore,
    QueryResult,
    RemoteStore,
    connect,
    open_store,
)
from sinergi.graph.store.export import EXPORT_FORMATS, ExportReport, export_graph
from sinergi.graph.store.ingest import IngestReport, ingest
from sinergi.graph.store.resolve import (
    ResolutionReport,
    describe_resolution,
    resolve_store,
    undo_resolution,
)
from sinergi.graph.store.server import SparqlServer
from sinergi.graph.store.validate import ValidationReport, Violation, validate_store
from sinergi.loaders.extract.pipeline import Extraction, extract
from sinergi.loaders.read.documents import (
    Document,
    ReadOptions,
    Rejected,
    iter_documents,
    raise_rejected,
)
from sinergi.queries import bind_query, get_query, library_queries
from sinergi.viz import write_view_html
from sinergi.viz.views import VIEW_NAMES, ViewFilter, build_view

if TYPE_CHECKING:  # optional or heavy imports, loaded by the functions that need them
    import networkx
    import pandas

    from sinergi.loaders.collect.run import CollectReport
    from sinergi.viz.notebook import OfflineNetwork

__all__ = [
    "DEMO_VIEWS",
    "EXPORT_FORMATS",
    "VIEWS",
    "Analytic",
    "DemoReport",
    "Document",
    "ExportReport",
    "IngestReport",
    "OxigraphStore",
    "RemoteStore",
    "ResolutionReport",
    "SparqlServer",
    "ValidationReport",
    "ViewFilter",
    "Violation",
    "adoption_network",
    "analytics",
    "analyze",
    "apply_sheet",
    "bind_query",
    "collaboration_network",
    "collaboration_projection",
    "collect",
    "connect",
    "curation_status",
    "demo_corpus",
    "describe_resolution",
    "diffusion",
    "explain_pair",
    "export_graph",
    "export_network",
    "extract_paths",
    "extract_records",
    "get_query",
    "ingest",
    "learning_network",
    "learning_projection",
    "library_queries",
    "list_decisions",
    "open_store",
    "read_statements",
    "resolve_store",
    "review_statements",
    "run_demo",
    "run_query",
    "to_dataframe",
    "to_pyvis",
    "undo_decision",
    "undo_resolution",
    "validate_store",
    "write_network",
    "write_pyvis",
    "write_review_sheet",
    "write_view",
]

#: Names of the interactive network views (see :func:`write_view`).
VIEWS: tuple[str, ...] = VIEW_NAMES
#: The views ``sinergi demo`` writes, with their arguments (the demo corpus tells the
#: story of "pasar murah di masjid" spreading from Kota Bengkulu).
DEMO_VIEWS: dict[str, dict[str, Any]] = {
    "learning": {},
    "collaboration": {},
    "diffusion": {"program": "pasar murah"},
}


def collect(
    seeds: Iterable[str],
    out: str | Path,
    *,
    user_agent: str,
    store: GraphStore | None = None,
    warc_dir: str | Path | None = None,
    state_path: str | Path | None = None,
    report_path: str | Path | None = None,
    progress: bool = False,
    **options: Any,
) -> CollectReport:
    """Fetch the articles reachable from ``seeds`` (article URLs, feeds, sitemaps, home
    pages) into the JSON Lines file ``out``, politely, archiving every byte as WARC.

    ``user_agent`` names the crawler and a contact. ``options`` are the fields of
    :class:`~sinergi.loaders.collect.options.CollectOptions` (``rate``, ``concurrency``,
    ``since``, ``until``, ``relevant_only``, ``max_pages``, ...). A second call with the
    same ``out`` fetches only new articles; an interrupted one resumes. With ``store``, the
    articles of ``out`` are then ingested (:func:`ingest`; the report's ``ingest``).
    ``sinergi collect`` on the command line; the README's "Collecting articles".
    """
    from sinergi.loaders.collect.options import CollectOptions, names_contact
    from sinergi.loaders.collect.run import collect as run_collect

    if not names_contact(user_agent):
        raise InputError(
            "user_agent must name a contact (an e-mail address or a web address), "
            "so site administrators can reach you"
        )

    report = run_collect(
        seeds,
        out,
        CollectOptions(user_agent=user_agent, **options),
        warc_dir=warc_dir,
        state_path=state_path,
        report_path=report_path,
        progress=progress,
    )
    if store is not None:
        report.ingest = ingest([report.out], store, progress=progress)
    return report


def extract_paths(
    paths: Iterable[str | Path],
    on_error: Callable[[Rejected], None] | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Extraction]:
    """Read and extract every article under ``paths`` (files or folders), streaming.

    ``options`` names the CSV columns (:class:`~sinergi.loaders.read.documents.ReadOptions`).
    """
    for document in iter_documents(paths, on_error=on_error, options=options):
        yield extract(document)


def extract_records(
    paths: Iterable[str | Path],
    on_error: Callable[[Rejected], None] | None = None,
    options: ReadOptions | None = None,
    client: Any = None,
) -> Iterator[dict[str, Any]]:
    """Every article's extraction as its JSON record (ANNOTATION.md's contract), in input
    order: what ``sinergi extract`` writes.

    With ``client`` (a ``dask.distributed.Client`` or a scheduler address) the cluster's
    workers read and extract the input where it lies (shared paths or fsspec URLs) and
    only the records come back; the records and rejections are those of a local run.
    """
    if client is None:
        for extraction in extract_paths(paths, on_error=on_error, options=options):
            yield extraction.to_json()
        return
    from sinergi.graph.store.cluster import connect
    from sinergi.graph.store.cluster import extract_records as on_cluster

    report = on_error or raise_rejected
    if isinstance(client, str):
        with connect(client) as connected:
            yield from on_cluster(connected, paths, report, options)
    else:
        yield from on_cluster(client, paths, report, options)


def analyze(store: GraphStore, name: str, **options: Any) -> list[dict[str, object]]:
    """Run the analytic ``name`` (see :func:`analytics`) on ``store``: its table as rows.

    ``options`` are the analytic's parameters and the common filters ``start``, ``end``,
    ``theme``, ``province`` (and ``by``/``programs`` for cascade analytics), as
    ``sinergi analyze NAME`` takes them; ``docs/analytics.md`` lists them all. Region codes
    are plain (``17.71``), as the graph has them.

    Example: ``api.analyze(store, "cascades", by="program", programs=["pasar murah"])``.
    """
    return get_analytic(name)(store, **options)


def review_statements(
    store: GraphStore, filters: SheetFilter | None = None, limit: int | None = None
) -> list[Statement]:
    """The statements to review, lowest confidence first (see :class:`SheetFilter`).

    The store selects them and only the ``limit`` first are read whole, so a short sheet
    of a large graph is quick; a sheet of every statement costs what the graph holds.
    """
    chosen = statements_to_review(store, (filters or SheetFilter()).query_params(), limit)
    rank = {iri: index for index, iri in enumerate(chosen)}
    return sorted(read_statements(store, chosen), key=lambda s: rank[s.iri])


def write_review_sheet(
    store: GraphStore,
    out: str | Path,
    *,
    filters: SheetFilter | None = None,
    limit: int | None = None,
    html: str | Path | None = None,
) -> list[Statement]:
    """Write the review sheet as CSV at ``out`` (and as an offline HTML page at ``html``).

    Fill its ``decision`` column (accept, reject, fix), the ``fix_*`` columns of a fix and
    ``reason``, then apply it with :func:`apply_sheet`. Returns the statements written.
    """
    statements = review_statements(store, filters, limit)
    write_csv(statements, Path(out))
    if html is not None:
        write_html(statements, Path(html), title=f"sinergi review: {Path(out).name}")
    return statements


def run_query(store: GraphStore, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a library query (or a ``.rq`` file) with parameters bound as RDF terms."""
    return store.query(bind_query(get_query(name), params))


def write_view(
    store: GraphStore,
    view: str,
    out: str | Path,
    *,
    filters: ViewFilter | None = None,
    region: str | None = None,
    depth: int | None = None,
    program: str | None = None,
    theme: str | None = None,
    size: str | None = None,
    colour: str = "province",
    layout: str | None = None,
    title: str | None = None,
) -> Path:
    """Write one interactive network view as ONE self-contained, offline HTML file.

    ``view`` is one of :data:`VIEWS`: ``learning``, ``collaboration``, ``diffusion`` (needs
    ``program`` words or a ``theme`` slug) or ``ego`` (needs ``region``, optional ``depth``,
    1 by default). ``filters`` cut the
    data before it is written; the page filters further by time, theme, type, province
    and evidence without regenerating. ``size`` (degree, pagerank, first), ``colour``
    (province, island) and ``layout`` (map, force, timeline) set the initial display.
    See :mod:`sinergi.viz.views` and :mod:`sinergi.viz`.
    """
    graph = build_view(
        store, view, filters=filters, region=region, depth=depth, program=program, theme=theme
    )
    return write_view_html(graph, out, title=title, size=size, colour=colour, layout=layout)


def demo_corpus() -> Path:
    """Folder of the demo articles shipped inside the package."""
    folder = resources.files("sinergi") / "demo"
    return Path(str(folder))


@dataclass(slots=True)
class DemoReport:
    """Where the demo put everything, and what it found."""

    store: Path
    ingest: IngestReport
    views: dict[str, Path]
    learning_edges: int
    regions: int


def run_demo(out_dir: str | Path = "sinergi-demo", *, progress: bool = False) -> DemoReport:
    """Build a graph from the demo corpus and write the HTML views into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_path = out / "store"
    with open_store(store_path) as store:
        report = ingest([demo_corpus()], store, progress=progress)
        views = {
            view: write_view(store, view, out / f"{view}.html", **arguments)
            for view, arguments in DEMO_VIEWS.items()
        }
        network = learning_network(store)
    return DemoReport(
        store_path, report, views, network.number_of_edges(), network.number_of_nodes()
    )


def to_dataframe(
    data: QueryResult | Iterable[Mapping[str, Any]] | Any,
    *,
    columns: Sequence[str] | None = None,
    strings: Iterable[str] = (),
) -> pandas.DataFrame:
    """A pandas DataFrame with proper types of a query result or of analytics rows.

    ``xsd:date`` -> ``datetime64``, ``xsd:decimal``/``double`` -> ``float64``,
    ``xsd:integer`` -> ``Int64``, region codes, IRIs and other strings -> ``string`` (a
    code never becomes a number); rows (``api.diffusion`` tables, ``""`` = missing) are
    typed by their values, with code columns kept as strings. ``columns`` fixes the
    header (e.g. ``diffusion.COLUMNS["leaders"]`` for a possibly empty table). Needs the
    ``frames`` extra (``pip install 'sinergi[frames]'``). See :mod:`sinergi.graph.analysis.frames`.
    """
    from sinergi.graph.analysis.frames import to_dataframe as frame

    return frame(data, columns=columns, strings=strings)


def to_pyvis(graph: networkx.Graph, **options: Any) -> OfflineNetwork:
    """A pyvis ``Network`` of any NetworkX projection that renders with no network access.

    Labels, plain-text tooltips and edge widths from weights; it displays itself in a
    notebook and writes one self-contained page (``net.write_html(path)``). ``options``
    (``title``, ``height``, ``layout="map"``, ``weight``, ...) are those of
    :func:`sinergi.viz.notebook.pyvis_network`. Imported on first use, so the command
    line does not load pyvis and IPython.
    """
    from sinergi.viz.notebook import pyvis_network

    return pyvis_network(graph, **options)


def write_pyvis(graph: networkx.Graph, out: str | Path, **options: Any) -> Path:
    """Write :func:`to_pyvis` of ``graph`` as ONE offline HTML file (no CDN, no Bootstrap)."""
    from sinergi.viz.notebook import write_pyvis_html

    return write_pyvis_html(graph, out, **options)
