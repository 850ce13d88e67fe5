"""Pieces shared by the command modules of :mod:`sinergi.cli`.

Start-up: importing this module, or :mod:`sinergi.cli`, must not import rdflib,
pyoxigraph, NetworkX or the extractors (together about half a second), so that
``sinergi --help`` and the commands that need little start fast. Library modules are
imported inside the functions that use them; :func:`lazy_module` and :class:`LazyChoice`
defer what command definitions would otherwise import at the top.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click

from sinergi.errors import SinergiError

if TYPE_CHECKING:
    from sinergi.graph.store import GraphStore

__all__ = [
    "STORE_HELP",
    "LazyChoice",
    "LazyHelpOption",
    "cli_terms",
    "errors_to_clean_exit",
    "graph_name",
    "lazy_module",
    "open_graph",
    "store_option",
    "store_path",
]


#: Library messages speak the library's terms: function arguments in backticks
#: (`update_endpoint`), query parameters as "query parameter NAME". The command line
#: names its own options for them instead (its options are the arguments' names).
_CLI_TERMS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bquery parameter (\w+)"), r"--param \1"),
    (
        re.compile(r"ingest something into it first, or serve it `writable`"),
        "ingest something first, or serve --writable",
    ),
    (
        re.compile(r"ingest something into it first$"),
        "ingest something first (sinergi ingest PATHS --store DIR)",
    ),
    (
        re.compile(
            r"`(store|endpoint|update_endpoint|limit|offset|text_column|region|depth|program"
            r"|theme|event_type|start|end)`"
        ),
        lambda match: "--" + match.group(1).replace("_", "-"),
    ),
)


def cli_terms(message: str) -> str:
    """A library message with the command line's option names for the arguments it names:
    ``query parameter region`` -> ``--param region``, `update_endpoint` ->
    ``--update-endpoint``."""
    for pattern, replacement in _CLI_TERMS:
        message = pattern.sub(replacement, message)
    return message


def errors_to_clean_exit(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into a one-line message and exit code 1 instead of a traceback,
    naming the command line's options where the library names its arguments
    (:func:`cli_terms`)."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SinergiError as exc:
            raise click.ClickException(cli_terms(str(exc))) from exc

    return wrapper


STORE_HELP = (
    "Store folder. Default: the SINERGI_STORE environment variable if set, "
    "else ./sinergi-store in the current directory."
)


def _remember_endpoint(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[f"sinergi.{param.name}"] = value


def store_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """Where the graph is: ``--store DIR``, or ``--endpoint URL`` / ``--update-endpoint URL``.

    Identical on every command that reads or writes the graph. The command receives
    ``store_dir`` and opens the graph with :func:`open_graph`, which also sees the
    endpoint options (kept in the click context).
    """
    function = click.option(
        "--update-endpoint",
        metavar="URL",
        expose_value=False,
        callback=_remember_endpoint,
        help="SPARQL 1.1 update endpoint to write to instead of --store, e.g. "
        "http://127.0.0.1:7878/update (`sinergi serve --writable`).",
    )(function)
    function = click.option(
        "--endpoint",
        metavar="URL",
        expose_value=False,
        callback=_remember_endpoint,
        help="SPARQL 1.1 query endpoint to use instead of --store, e.g. "
        "http://127.0.0.1:7878/query (`sinergi serve`). It must query the union of its "
        "named graphs by default.",
    )(function)
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=STORE_HELP,
    )(function)


def _endpoints() -> tuple[str | None, str | None]:
    meta = click.get_current_context().meta
    return meta.get("sinergi.endpoint"), meta.get("sinergi.update_endpoint")


def open_graph(store_dir: Path | None, *, read_only: bool = False) -> GraphStore:
    """The graph named by --store or --endpoint/--update-endpoint.

    Commands that only read pass ``read_only=True``: the embedded store is then opened
    without its writer lock, so queries, views and exports work while an ingest writes.
    """
    from sinergi.graph.store import connect  # pyoxigraph and rdflib: only once a graph is used

    endpoint, update_endpoint = _endpoints()
    if endpoint is None and update_endpoint is None:
        return connect(store_path(store_dir), read_only=read_only)
    if store_dir is not None:
        raise click.UsageError("give either --store or --endpoint/--update-endpoint, not both")
    return connect(endpoint=endpoint, update_endpoint=update_endpoint, read_only=read_only)


def graph_name(store_dir: Path | None) -> str:
    """The store folder or endpoint URL a command works on, for messages."""
    endpoint, update_endpoint = _endpoints()
    return endpoint or update_endpoint or str(store_path(store_dir))


def store_path(store_dir: Path | None) -> Path:
    """The store folder (--store, else the default); a usage error with an endpoint."""
    if any(_endpoints()):
        raise click.UsageError("this command works on a --store folder, not an --endpoint")
    if store_dir is not None:
        return store_dir
    from sinergi.graph.store import default_store_path

    return default_store_path()


class _LazyModule(ModuleType):
    """Stands for a module and imports it on first attribute access (see lazy_module)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


def lazy_module(name: str) -> ModuleType:
    """``name``, imported when one of its attributes is first used, not now.

    For module-level names such as ``api`` in :mod:`sinergi.cli`, used by many command
    bodies: :mod:`sinergi.api` imports every feature (stores, views, SHACL, analytics),
    which only the commands that call it should pay for. Attributes are looked up on the
    real module each time, so monkeypatching it still works.
    """
    return _LazyModule(name)


class LazyChoice(click.Choice):
    """A :class:`click.Choice` whose values are fetched from the library when needed.

    The values (view names, export formats, networks) are defined in modules that import
    rdflib or NetworkX; listing them in a decorator would import those modules whenever
    the command line is built. Click reads ``choices`` only to check a value or print the
    command's own help, so ``load`` runs then; it is asked each time, so the choices are
    always the library's registries as they are.
    """

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        # click.Choice.__init__ would store the values now; ``choices`` reads them instead.
        self._load = load
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._load())


class LazyHelpOption(click.Option):
    """A :class:`click.Option` whose help text is written from the library when shown.

    ``sinergi viz --view`` lists every registered view with its summary; the registry
    imports NetworkX, so the text is built only when ``--help`` prints it.
    """

    def __init__(self, *args: Any, describe: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._describe = describe

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = self._describe()
        return super().get_help_record(ctx)
