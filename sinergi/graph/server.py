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

With a ``timeout``, Oxigraph listens on a private loopback port behind
:class:`~sinergi.graph.guard.QueryGuard`, which answers a query over the limit with 503
and restarts Oxigraph to stop it (Oxigraph's own ``--timeout-s``, also passed, does not
interrupt a running query in the 0.5 binary; see that module).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
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
from sinergi.graph.guard import QueryGuard
from sinergi.graph.store import store_exists

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
        self._guard: QueryGuard | None = None
        self._backend_port = port
        self._stopping = False
        self._restarting = False

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

    @property
    def timeouts(self) -> int:
        """How many queries the guard has stopped so far."""
        return self._guard.timeouts if self._guard is not None else 0

    def command(self) -> list[str]:
        """The exact Oxigraph command line run (behind the guard when there is a timeout)."""
        bind = f"127.0.0.1:{self._backend_port}" if self.timeout else f"{self.host}:{self.port}"
        args = [
            str(oxigraph_binary()),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.location),
            "--bind",
            bind,
            "--union-default-graph",
        ]
        if self.timeout is not None:
            args += ["--timeout-s", str(max(1, round(self.timeout)))]
        return args

    def start(self, *, wait: float = 20.0) -> SparqlServer:
        """Start the server and wait (at most ``wait`` seconds) until it answers."""
        if not self.writable and not store_exists(self.location):
            raise StoreError(
                f"no store at {self.location}: ingest something first, or serve --writable"
            )
        self._stopping = False
        if self.timeout:
            self._backend_port = _free_loopback_port()
            try:
                self._guard = QueryGuard(
                    self.host,
                    self.port,
                    f"http://127.0.0.1:{self._backend_port}",
                    timeout=self.timeout,
                    on_timeout=self._restart_backend,
                ).start()
            except OSError as exc:
                raise StoreError(f"cannot listen on {self.url}: {exc}") from exc
        try:
            self._launch(wait)
        except BaseException:
            self.stop()
            raise
        return self

    def _launch(self, wait: float) -> None:
        """Run Oxigraph and wait until the public URL answers."""
        if self._log is None:
            self._log = tempfile.TemporaryFile()  # noqa: SIM115 (a file, not a pipe)
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = " ".join(self.log().split())
                raise StoreError(f"oxigraph server did not start: {error}")
            if self.ready():
                return
            time.sleep(0.05)
        raise StoreError(f"oxigraph server did not answer on {self.url} within {wait:.0f} s")

    def _restart_backend(self) -> None:
        """Kill Oxigraph (the only way to stop a runaway query) and start it again."""
        process = self.process
        if process is None or self._stopping:
            return
        self._restarting = True
        try:
            process.kill()
            process.wait()
            if not self._stopping:
                self._launch(wait=20.0)
        finally:
            self._restarting = False

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
        """Block until the server exits (not counting guard restarts); its exit code."""
        while not self._stopping:
            process = self.process
            if process is None:
                return 0
            code = process.poll()
            if code is not None and process is self.process and not self._restarting:
                return code
            time.sleep(0.2)
        return 0

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server (kill it if it does not stop within ``grace`` seconds)."""
        self._stopping = True
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.stop()
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


def _free_loopback_port() -> int:
    """A TCP port free on 127.0.0.1 right now, for the Oxigraph process behind the guard."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
