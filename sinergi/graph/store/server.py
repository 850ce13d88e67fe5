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

With a ``timeout`` (or ``cors`` origins, or ``max_concurrent``), Oxigraph listens on a
private loopback port behind :class:`~sinergi.graph.store.guard.QueryGuard`, which answers
a read over the limit with 503 and restarts Oxigraph to stop it (Oxigraph's own
``--timeout-s``, also passed, does not interrupt a running query in the 0.5 binary; see
that module), answers 500 when a query crashes Oxigraph, and lets ``max_concurrent``
queries at Oxigraph at once, ``max_queued`` more wait, and answers any further one 503
with ``Retry-After``. Either way the server is supervised: a backend that dies (Oxigraph
0.5.13 aborts on some ``ORDER BY`` queries) is started again at once, by the guard when a
request sees it die, else by :meth:`SparqlServer.wait`; each restart is one *generation*,
so that several requests failing together restart it once.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from sinergi.errors import StoreError
from sinergi.graph.store import store_exists
from sinergi.graph.store.guard import DEFAULT_MAX_QUEUED, QueryGuard

__all__ = ["SparqlServer", "oxigraph_binary"]

logger = logging.getLogger(__name__)


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
        cors: Sequence[str] = (),
        max_concurrent: int | None = None,
        max_queued: int | None = None,
    ) -> None:
        self.location = Path(location)
        self.host = host
        self.port = port
        self.writable = writable
        self.timeout = timeout
        self.cors = tuple(cors)
        self.max_concurrent = max_concurrent
        self.max_queued = DEFAULT_MAX_QUEUED if max_queued is None else max_queued
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._log_start = 0
        self._guard: QueryGuard | None = None
        self._backend_port = port
        self._stopping = False
        # Restarts are serialised; requests wait on _ready while one runs.
        self._lock = threading.RLock()
        self._ready = threading.Event()
        self._generation = 0
        self._ended: dict[int, str | None] = {}  # generation -> crash reason (None: killed)
        self._failure: StoreError | None = None
        self.restarts = 0

    @property
    def guarded(self) -> bool:
        """Whether Oxigraph runs behind the guard (a timeout, CORS or a limit asks for it)."""
        return bool(self.timeout) or bool(self.cors) or self.max_concurrent is not None

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

    @property
    def refused(self) -> int:
        """How many queries the guard has answered 503 because the server was busy."""
        return self._guard.refused if self._guard is not None else 0

    @property
    def _backend_url(self) -> str:
        """Where Oxigraph itself listens (the public URL when there is no guard)."""
        return f"http://127.0.0.1:{self._backend_port}/" if self.guarded else self.url

    def command(self) -> list[str]:
        """The exact Oxigraph command line run (behind the guard when there is one)."""
        bind = f"127.0.0.1:{self._backend_port}" if self.guarded else f"{self.host}:{self.port}"
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
                f"no store at {self.location}: ingest something into it first, or serve it "
                "`writable`"
            )
        self._stopping = False
        self._failure = None
        if self.guarded:
            self._backend_port = _free_loopback_port()
            try:
                self._guard = QueryGuard(
                    self.host,
                    self.port,
                    self._backend_url,
                    backend=self,
                    timeout=self.timeout,
                    cors=self.cors,
                    max_concurrent=self.max_concurrent,
                    max_queued=self.max_queued,
                ).start()
            except OSError as exc:
                raise StoreError(f"cannot listen on {self.url}: {exc}") from exc
        try:
            with self._lock:
                self._launch(wait)
        except BaseException:
            self.stop()
            raise
        return self

    def _launch(self, wait: float) -> None:
        """Run Oxigraph and wait until it answers (caller holds ``_lock``)."""
        if self._log is None:
            self._log = tempfile.TemporaryFile()  # noqa: SIM115 (a file, not a pipe)
        self._log.seek(0, 2)
        self._log_start = self._log.tell()
        self.process = process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and not self._stopping:
            if process.poll() is not None:
                error = " ".join(self._launch_log().split())
                raise StoreError(f"oxigraph server did not start: {error}")
            if _answers(self._backend_url):
                self._generation += 1
                self._ready.set()
                return
            time.sleep(0.01)  # a restart is on the clock of the requests waiting for it
        if self._stopping:
            return
        raise StoreError(f"oxigraph server did not answer on {self.url} within {wait:.0f} s")

    def _relaunch(self) -> None:
        """Start Oxigraph again after it died or was killed (caller holds ``_lock``)."""
        if self._stopping:
            return
        self.restarts += 1
        try:
            self._launch(wait=20.0)
        except StoreError as exc:
            self._failure = exc  # wait() raises it: `sinergi serve` ends with the reason
            raise

    def await_ready(self, timeout: float) -> int | None:
        """Block until Oxigraph answers (not during a restart); its generation, or None."""
        if self._ready.wait(timeout) and not self._stopping:
            return self._generation
        return None

    def restart(self, generation: int) -> None:
        """Kill Oxigraph (the only way to stop a runaway query) and start it again.

        Nothing happens when ``generation`` was already replaced: several queries timing
        out together restart it once.
        """
        with self._lock:
            process = self.process
            if process is None or self._stopping or generation != self._generation:
                return
            self._ready.clear()
            self._ended[generation] = None
            process.kill()
            process.wait()
            with contextlib.suppress(StoreError):  # kept in _failure for wait()
                self._relaunch()

    def crash_report(self, generation: int) -> str | None:
        """Why ``generation`` of Oxigraph died on its own, restarting it; None if alive.

        A request that lost its connection asks this: the answer tells a crash (the
        request gets a 500 with the reason) from a restart the guard made itself.
        """
        with self._lock:
            if generation != self._generation:
                return self._ended.get(generation)
            process = self.process
            if process is None or self._stopping:
                return None
            try:  # the socket closes as the process exits: give it a moment to be reaped
                code = process.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                return None
            self._ready.clear()
            reason = _exit_reason(code, self._launch_log())
            self._ended[generation] = reason
            logger.warning("oxigraph stopped (%s); restarting it", reason)
            with contextlib.suppress(StoreError):  # kept in _failure for wait()
                self._relaunch()
            return reason

    def ready(self) -> bool:
        """True when the server answers a query on its public URL."""
        return _answers(self.url)

    def log(self) -> str:
        """What the server printed so far."""
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def _launch_log(self) -> str:
        """What the current Oxigraph process printed (the log spans every restart)."""
        if self._log is None:
            return ""
        self._log.seek(self._log_start)
        return self._log.read().decode(errors="replace")

    def wait(self) -> int:
        """Block until the server is stopped, restarting Oxigraph whenever it dies.

        Raises :class:`StoreError` when Oxigraph cannot be started again (say the store
        folder was removed); returns 0 once :meth:`stop` was called.
        """
        while not self._stopping:
            if self._failure is not None:
                raise self._failure
            process = self.process
            if process is None:
                return 0
            if process.poll() is not None and self._ready.is_set():
                self.crash_report(self._generation)
            time.sleep(0.1)
        return 0

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server (kill it if it does not stop within ``grace`` seconds)."""
        self._stopping = True
        self._ready.set()  # release requests waiting for a restart; they see _stopping
        with self._lock:  # a restart in progress notices _stopping and returns
            process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=grace)
        # Oxigraph first: the requests in flight then fail at once and the guard answers
        # them 503, so that its own shutdown has none to cut off.
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.stop()
        self._ready.clear()
        log, self._log = self._log, None
        if log is not None:
            with contextlib.suppress(OSError):
                log.close()

    def __enter__(self) -> SparqlServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _answers(base_url: str) -> bool:
    """True when the SPARQL server at ``base_url`` answers ``ASK {}``."""
    request = urllib.request.Request(
        base_url + "query?query=ASK%7B%7D",
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=1.0) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _exit_reason(code: int, log: str) -> str:
    """One line on why Oxigraph exited: its panic message when it panicked."""
    lines = [line.strip() for line in log.splitlines()]
    for index, line in enumerate(lines):
        if "panicked at" in line:
            message = next((text for text in lines[index + 1 :] if text), "")
            if message and not message.startswith(("stack backtrace", "note:")):
                return f"Oxigraph panicked: {message}"
            return "Oxigraph panicked"
    if code < 0:
        try:
            return f"Oxigraph was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"Oxigraph was killed by signal {-code}"
    return f"Oxigraph exited with code {code}"


def _free_loopback_port() -> int:
    """A TCP port free on 127.0.0.1 right now, for the Oxigraph process behind the guard."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
