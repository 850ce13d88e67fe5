"""The ``sinergi`` command line: a thin shell over :mod:`sinergi.api`.

Each command parses its options, calls one API function and prints the result. Errors
the user can act on (:class:`~sinergi.errors.SinergiError`) end with one line on stderr
and exit code 1, never a traceback.

Exit codes: 0 success; 1 error (nothing or not everything done); 2 bad usage; 3 done,
but some input records were skipped (each named on stderr).

==========================  ==============================================================
:mod:`.main`                the ``sinergi`` group; ``analyze`` is loaded only when used
:mod:`.articles`            ``extract``, ``ingest``, ``demo``
:mod:`.collect`             ``collect``: articles from the web, politely, archived as WARC
:mod:`.library`             ``query``, ``queries``
:mod:`.views`               ``viz``
:mod:`.graph`               ``validate``, ``export``, ``serve``, ``resolve``
:mod:`.curation`            ``review``, ``curate``, ``explain``, ``status``
:mod:`.analyze`             ``analyze ...``: the diffusion analytics
:mod:`.support`             options and error handling the command modules share
==========================  ==============================================================
"""

from sinergi.cli import (  # noqa: F401  (they add the commands)
    articles,
    collect,
    curation,
    graph,
    library,
    views,
)
from sinergi.cli.main import EXIT_SKIPPED, main

__all__ = ["EXIT_SKIPPED", "main"]
