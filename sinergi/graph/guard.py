"""A query-timeout guard in front of the Oxigraph server.

Oxigraph's ``--timeout-s`` is meant to stop long queries, but the 0.5 server binary
does not interrupt a running evaluation: measured here, a three-way cross product kept
streaming (311 MB in 15 s) and an ORDER BY over one never answered, both with
``--timeout-s 1``. A researcher's accidental cartesian product would then hold a core
until someone kills the server. :class:`QueryGuard` enforces the limit itself:

* it listens on the public address and forwards every request unchanged to the Oxigraph
  process on a private loopback port;
* a *query* (``/query``) whose complete answer has not arrived within ``timeout``
  seconds (checked as the answer streams in, and when the backend stays silent that
  long) is answered ``503 Service Unavailable`` with a one-line reason, and the
  backend is restarted (``on_timeout``), which is the only way to stop the evaluation.
  Reopening a store takes milliseconds; other requests in flight at that moment get a
  ``502`` and may simply be retried. Updates are atomic in Oxigraph, so one cut short
  leaves the previous state;
* updates and Graph Store Protocol writes are not timed (a bulk write may be long).

Answers are buffered before they are sent, so a client either gets the complete result
or a clean error status, never a truncated JSON document.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

__all__ = ["QueryGuard"]

#: Headers that describe one HTTP hop, not the message: never forwarded.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "host",
        "content-length",
        "accept-encoding",
        "content-encoding",
    }
)


class _Timeout(Exception):
    """The backend did not finish a query within the guard's timeout."""


class QueryGuard:
    """Forward HTTP to ``backend`` (a base URL) and stop queries after ``timeout`` s."""

    def __init__(
        self,
        host: str,
        port: int,
        backend: str,
        *,
        timeout: float,
        on_timeout: Callable[[], None],
    ) -> None:
        self.backend = backend.rstrip("/")
        self.timeout = timeout
        self.on_timeout = on_timeout
        self.timeouts = 0
        self._client = httpx.Client(timeout=httpx.Timeout(None, connect=10.0))
        self._restart_lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        guard = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                guard._forward(self)

            do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the Oxigraph log has the requests; errors go to the client."""

        return Handler

    def start(self) -> QueryGuard:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and close the backend connections."""
        self._server.shutdown()
        self._server.server_close()
        self._client.close()

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        timed = request.path.split("?", 1)[0].rstrip("/") == "/query"
        try:
            status, reply_headers, content = self._fetch(
                request.command, request.path, headers, body, timed
            )
        except _Timeout:
            self.timeouts += 1
            self._reply(request, 503, f"query stopped after the {self.timeout:g} s timeout\n")
            self._restart()
            return
        except httpx.HTTPError as exc:
            self._reply(request, 502, f"SPARQL backend unavailable ({exc}); retry\n")
            return
        request.send_response(status)
        for name, value in reply_headers:
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(content)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(content)

    def _fetch(
        self, method: str, path: str, headers: dict[str, str], body: bytes, timed: bool
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """The backend's complete answer, or :class:`_Timeout` once the deadline passes."""
        deadline = time.monotonic() + self.timeout if timed else None
        read_timeout = self.timeout if timed else None
        request = self._client.build_request(
            method,
            self.backend + path,
            headers=headers,
            content=body,
            timeout=httpx.Timeout(read_timeout, connect=10.0),
        )
        try:
            response = self._client.send(request, stream=True)
        except httpx.ReadTimeout as exc:
            raise _Timeout from exc
        try:
            chunks = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    raise _Timeout
        except httpx.ReadTimeout as exc:
            raise _Timeout from exc
        finally:
            response.close()
        kept = [(k, v) for k, v in response.headers.items() if k.lower() not in _HOP_BY_HOP]
        return response.status_code, kept, b"".join(chunks)

    def _restart(self) -> None:
        """Restart the backend once, however many queries timed out together."""
        if self._restart_lock.acquire(blocking=False):
            try:
                self.on_timeout()
            finally:
                self._restart_lock.release()

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, text: str) -> None:
        data = text.encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "text/plain; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
