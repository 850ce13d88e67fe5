"""The ``sinergi`` command group; its commands live in the modules of :mod:`sinergi.cli`.

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

from importlib import import_module
from typing import Any

import click

from sinergi import __version__

EXIT_SKIPPED = 3


class _Commands(click.Group):
    """The ``sinergi`` group; some subcommands live in modules imported only when used.

    ``lazy`` maps a command name to ``("module:attribute", first line of its help)``. The
    module is imported when the command runs (or its help is asked for), not to build the
    command line: :mod:`sinergi.cli.analyze` imports NetworkX and the analytics. Listing
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
            "sinergi.cli.analyze:analyze",
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
