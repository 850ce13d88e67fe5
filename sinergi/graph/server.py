"""Serve a store over SPARQL 1.1 HTTP with Oxigraph's own server (the ``oxigraph`` wheel).

The PyPI package ``oxigraph`` ships the Oxigraph server as a binary installed next to the
Python interpreter (``bin/oxigraph``); it reads the same on-disk format as pyoxigraph.
:class:`SparqlServer` runs it as

* ``oxigraph serve-read-only --location DIR --bind HOST:PORT --union-default-graph``
  by default: any number of clients may query, nobody can write; or
* ``oxigraph serve ...`` (``writable=True``): also ``/update`` (SPARQL update) and
  ``/store`` (Graph Store Protocol), so ``sinergi ingest --update-endpoint`` can add to
  the served graph while others query it.

Endpoints: ``/query`` and ``/update``; a browser GET on ``/`` shows Oxigraph's YASGUI
query page (served by the binary itself, no network needed). The server evaluates
queries over the union of all named graphs, as the embedded store does, so the query
library gives the same rows both ways. Bind to loopback unless the machine's firewall
and the data's licence allow more: the server has no authentication.

A store folder is locked by one writer: stop ``sinergi serve --writable`` before opening
the same folder with ``--store``. The read-only server may run while nothing writes.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

from sinergi.errors import StoreError

__all__ = ["SparqlServer", "oxigraph_binary"]


def oxigraph_binary() -> Path:
    """Path of the ``oxigraph`` server binary installed by the ``oxigraph`` wheel."""
    candidates = [
        Path(sysconfig.get_path("scripts")) / "oxigraph",
        Path(sys.executable).parent / "oxigraph",
    ]
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        dist = distribution("oxigraph")
        for file in dist.files or ():
            if file.name == "oxigraph" and "bin" in file.parts:
                candidates.append(Path(str(dist.locate_file(file))).resolve())
    except PackageNotFoundError:
        pass
    found = shutil.which("oxigraph")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise StoreError(
        "the Oxigraph server binary is not installed: `pip install oxigraph` "
        "(sinergi depends on it; reinstall sinergi)"
    )


class SparqlServer:
    """One Oxigraph server process over a store folder (context manager: stops it)."""

    def __init__(
        self,
        location: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        writable: bool = False,
        timeout: float | None = None,
    ) -> None:
        self.location = Path(location)
        self.host = host
        self.port = port
        self.writable = writable
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """Root URL: the query page in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_endpoint(self) -> str:
        return self.url + "query"

    @property
    def update_endpoint(self) -> str | None:
        return self.url + "update" if self.writable else None

    def command(self) -> list[str]:
        """The exact command line run."""
        args = [
            str(oxigraph_binary()),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.location),
            "--bind",
            f"{self.host}:{self.port}",
            "--union-default-graph",
        ]
        if self.timeout is not None:
            args += ["--timeout-s", str(max(1, round(self.timeout)))]
        return args

    def start(self, *, wait: float = 20.0) -> SparqlServer:
        """Start the server and wait (at most ``wait`` seconds) until it answers."""
        if not self.writable and not self.location.is_dir():
            raise StoreError(
                f"no store at {self.location}: ingest something first, or serve --writable"
            )
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (a file, not a pipe: never fills)
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = " ".join(self.log().split())
                self.stop()
                raise StoreError(f"oxigraph server did not start: {error}")
            if self.ready():
                return self
            time.sleep(0.05)
        self.stop()
        raise StoreError(f"oxigraph server did not answer on {self.url} within {wait:.0f} s")

    def ready(self) -> bool:
        """True when the server answers a query."""
        request = urllib.request.Request(
            self.query_endpoint + "?query=ASK%7B%7D",
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=1.0) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log(self) -> str:
        """What the server printed so far."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def wait(self) -> int:
        """Block until the server exits; returns its exit code."""
        if self.process is None:
            return 0
        return self.process.wait()

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server (kill it if it does not stop within ``grace`` seconds)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=grace)
        log, self._log = self._log, None
        if log is not None:
            with contextlib.suppress(OSError):
                log.close()

    def __enter__(self) -> SparqlServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
