"""A guard in front of the Oxigraph server: query timeout, crash recovery and CORS.

Oxigraph's ``--timeout-s`` is meant to stop long queries, but the 0.5 server binary
does not interrupt a running evaluation: measured here, a three-way cross product kept
streaming (311 MB in 15 s) and an ORDER BY over one never answered, both with
``--timeout-s 1``. A researcher's accidental cartesian product would then hold a core
until someone kills the server. And one read-only query can kill it outright: Oxigraph
0.5.13 aborts the whole process (a Rust panic, "comparison function does not correctly
implement a total order") on ``ORDER BY`` over a mix of plain strings, language-tagged
strings and numbers. :class:`QueryGuard` keeps the server up through both:

* it listens on the public address and forwards every request unchanged to the Oxigraph
  process on a private loopback port;
* every *read* (``/query``, ``/sparql``, which the YASGUI query page posts to, the page
  itself and Graph Store GETs; any method) whose complete answer has not arrived within
  ``timeout`` seconds (checked as the answer streams in, and when the backend stays
  silent that long) is answered ``503 Service Unavailable`` with a one-line reason, and
  the backend is restarted, which is the only way to stop the evaluation. Only writes
  (``/update``, Graph Store PUT/POST/DELETE) are not timed: a bulk write may be long;
* when the backend dies under a request (a panic), the request is answered ``500`` with
  the panic message and the backend is restarted; requests in flight on it get the same
  500, since the guard cannot tell which query crashed it;
* while the backend restarts, new requests wait for it (no ``502`` window), and reads
  that were cut short because the guard killed the backend for *another* query's
  timeout are sent again, once, to the new backend; a write cut short that way is
  answered 503 (Oxigraph updates are atomic, so it was applied entirely or not at all);
* with ``cors`` origins (``*`` for any), answers carry ``Access-Control-Allow-Origin``
  for those origins and ``OPTIONS`` preflights are answered here; without, nothing is
  added and a browser on another origin is refused, as by Oxigraph itself.

Answers are buffered before they are sent, so a client either gets the complete result
or a clean error status, never a truncated JSON document.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

import httpx

__all__ = ["Backend", "QueryGuard"]

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
#: How long a request waits for a restarting backend before it is answered 503.
READY_WAIT = 30.0
_CORS_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS"


class _Timeout(Exception):
    """The backend did not finish a query within the guard's timeout."""


class Backend(Protocol):
    """What the guard needs from the process behind it (:class:`SparqlServer` is one).

    Each start of the backend process is one *generation*; the guard remembers which
    generation a request went to, so that two requests failing together restart it once.
    """

    def await_ready(self, timeout: float) -> int | None:
        """Block until the backend answers; its generation, or None after ``timeout``."""

    def restart(self, generation: int) -> None:
        """Kill and relaunch the backend, unless ``generation`` was already replaced."""

    def crash_report(self, generation: int) -> str | None:
        """Why ``generation`` died on its own (it is then relaunched); None if it did not."""


class QueryGuard:
    """Forward HTTP to ``backend_url``; stop reads after ``timeout`` s; survive crashes."""

    def __init__(
        self,
        host: str,
        port: int,
        backend_url: str,
        *,
        backend: Backend,
        timeout: float | None,
        cors: Iterable[str] = (),
        ready_wait: float = READY_WAIT,
    ) -> None:
        self.backend_url = backend_url.rstrip("/")
        self.backend = backend
        self.timeout = timeout
        self.cors = frozenset(origin.rstrip("/") for origin in cors)
        self.ready_wait = ready_wait
        self.timeouts = 0
        self.crashes = 0
        self._client = httpx.Client(timeout=httpx.Timeout(None, connect=10.0))
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        guard = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                guard._forward(self)

            do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

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

    def timed(self, method: str, path: str) -> bool:
        """Whether a request gets the timeout: every read does, whatever its path.

        Deciding by "not a write" rather than by a list of query paths keeps a new
        query route of the binary (0.5 added ``/sparql`` for its page) from slipping by.
        """
        if self.timeout is None:
            return False
        route = path.split("?", 1)[0].split("#", 1)[0]
        write = route == "/update" or (route == "/store" and method not in ("GET", "HEAD"))
        return not write

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        origin = request.headers.get("Origin")
        if (
            request.command == "OPTIONS"
            and self.cors
            and request.headers.get("Access-Control-Request-Method")
        ):
            self._preflight(request, origin)
            return
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        timed = self.timed(request.command, request.path)
        deadline = time.monotonic() + self.timeout if timed and self.timeout else None
        generation = self.backend.await_ready(self.ready_wait)
        for attempt in (1, 2):
            if generation is None:
                self._reply(request, 503, "SPARQL backend is restarting; retry\n", origin)
                return
            try:
                status, reply_headers, content = self._fetch(
                    request.command, request.path, headers, body, deadline
                )
                break
            except _Timeout:
                self.timeouts += 1
                message = f"query stopped after the {self.timeout:g} s timeout\n"
                self._reply(request, 503, message, origin)
                self.backend.restart(generation)
                return
            except httpx.TransportError as exc:
                crash = self.backend.crash_report(generation)
                if crash is not None:
                    self.crashes += 1
                    self._reply(request, 500, _crash_message(crash), origin)
                    return
                previous = generation
                generation = self.backend.await_ready(self.ready_wait)
                replaced = generation is not None and generation != previous
                # A connection refused never reached the backend: always safe to resend.
                # A read cut short by a restart for another query's timeout is resent.
                if attempt == 1 and replaced and (timed or isinstance(exc, httpx.ConnectError)):
                    continue
                if replaced:
                    text = (
                        "the SPARQL server restarted while this request ran (to stop "
                        "another query); an update is applied entirely or not at all: "
                        "check, then retry\n"
                    )
                    self._reply(request, 503, text, origin)
                else:
                    self._reply(
                        request, 502, f"SPARQL backend unavailable ({exc}); retry\n", origin
                    )
                return
        request.send_response(status)
        for name, value in reply_headers:
            request.send_header(name, value)
        for name, value in self._cors_headers(origin):
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(content)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(content)

    def _fetch(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: bytes,
        deadline: float | None,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """The backend's complete answer, or :class:`_Timeout` once ``deadline`` passes."""
        read_timeout = None if deadline is None else max(0.001, deadline - time.monotonic())
        request = self._client.build_request(
            method,
            self.backend_url + path,
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

    def _cors_headers(self, origin: str | None) -> list[tuple[str, str]]:
        """``Access-Control-Allow-Origin`` for an allowed ``origin``; nothing otherwise."""
        if not self.cors or origin is None:
            return []
        if "*" in self.cors:
            return [("Access-Control-Allow-Origin", "*")]
        if origin in self.cors:
            return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        return [("Vary", "Origin")]

    def _preflight(self, request: BaseHTTPRequestHandler, origin: str | None) -> None:
        """Answer a CORS preflight here: the Oxigraph binary runs without ``--cors``."""
        headers = self._cors_headers(origin)
        if any(name == "Access-Control-Allow-Origin" for name, _ in headers):
            asked = request.headers.get("Access-Control-Request-Headers")
            headers += [
                ("Access-Control-Allow-Methods", _CORS_METHODS),
                ("Access-Control-Allow-Headers", asked or "Accept, Content-Type"),
                ("Access-Control-Max-Age", "600"),
            ]
        request.send_response(204)
        for name, value in headers:
            request.send_header(name, value)
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _reply(
        self, request: BaseHTTPRequestHandler, status: int, text: str, origin: str | None = None
    ) -> None:
        data = text.encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "text/plain; charset=utf-8")
        for name, value in self._cors_headers(origin):
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)


def _crash_message(reason: str) -> str:
    """The one-line answer to a request whose backend died under it."""
    return (
        f"the SPARQL engine crashed while answering ({reason}) and was restarted; "
        "no answer for this request. Oxigraph 0.5 crashes on ORDER BY over a mix of "
        "plain strings, language-tagged strings and numbers: order by STR(?x) instead. "
        "If this was not your query, retry\n"
    )
