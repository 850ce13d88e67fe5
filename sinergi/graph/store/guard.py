"""A guard in front of the Oxigraph server: query timeout, admission, crash recovery, CORS.

Oxigraph's ``--timeout-s`` is meant to stop long queries, but the 0.5 server binary
does not interrupt a running evaluation: measured here, a three-way cross product kept
streaming (311 MB in 15 s) and an ORDER BY over one never answered, both with
``--timeout-s 1``. A researcher's accidental cartesian product would then hold a core
until someone kills the server. And one read-only query can kill it outright: Oxigraph
0.5.13 aborts the whole process (a Rust panic, "comparison function does not correctly
implement a total order") on ``ORDER BY`` over a mix of plain strings, language-tagged
strings and numbers. :class:`QueryGuard` keeps the server up through both, and through
more clients than the machine has cores:

* it listens on the public address (an ASGI app served by uvicorn, with a 2048-connection
  listen backlog and keep-alive) and forwards every request unchanged to the Oxigraph
  process on a private loopback port, over a bounded pool of kept-alive connections
  (aiohttp's client: in single runs on the bulk corpus on a busy machine, httpx's async
  client spent about 1.7 ms of CPU per forwarded query, partly through httpcore
  re-trying an import on every call (encode/httpcore#1103), against about 0.2 ms for
  aiohttp; the whole guard now costs about 1 ms of CPU per query);
* every *read* (``/query``, ``/sparql``, which the YASGUI query page posts to, the page
  itself and Graph Store GETs; any method) whose complete answer has not arrived within
  ``timeout`` seconds of reaching the backend is answered ``503 Service Unavailable``
  with a one-line reason, and the backend is restarted, which is the only way to stop
  the evaluation. Only writes (``/update``, Graph Store PUT/POST/DELETE) are not timed:
  a bulk write may be long;
* reads that evaluate a query (anything but a plain GET of the page and its assets) go
  through :class:`~sinergi.graph.store.admission.Admission`: at most ``max_concurrent``
  at the backend, ``max_queued`` more waiting in arrival order, and any further one
  answered ``503`` with ``Retry-After`` at once, so that a flood is refused, not
  suffered. A query also waits ``timeout`` seconds at most for its turn, then gets the
  same 503. The wait and the evaluation are timed apart, so that a query admitted late
  still gets its whole ``timeout``: timing them together would restart the backend,
  stopping everyone's queries, for a query that had barely started when the queue made
  it late. A query whose client left while it waited is dropped. Writes and the page are
  not held back: they evaluate no query (and a writable server's trusted writers should
  not see a 503 mid-ingest);
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
or a clean error status, never a truncated JSON document. A 503 that retrying can help
(queue full, slot or restart not available in time) carries ``Retry-After``; the 503 of
a query stopped at its timeout does not, since the same query would only run out again.
"""

from __future__ import annotations

import functools
import math
import os
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp
import anyio
import anyio.to_thread
import uvicorn
from yarl import URL

from sinergi.graph.store.admission import RETRY_AFTER, Admission, Overloaded

__all__ = ["Backend", "QueryGuard", "default_max_concurrent"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

#: Headers that describe one HTTP hop, not the message: never forwarded. (``date`` is
#: the guard's own, added by uvicorn.)
_HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"transfer-encoding",
        b"te",
        b"trailer",
        b"upgrade",
        b"host",
        b"content-length",
        b"accept-encoding",
        b"content-encoding",
        b"date",
    }
)
#: How long a request waits for a restarting backend before it is answered 503.
READY_WAIT = 30.0
#: Queries waiting for a slot, at most, before further ones are refused (``--max-queued``).
DEFAULT_MAX_QUEUED = 256
#: Connections the kernel holds for the guard to accept: a burst must queue, not reset.
BACKLOG = 2048
#: Seconds in-flight requests get to finish when the server stops.
SHUTDOWN_GRACE = 1
_CORS_METHODS = b"GET, HEAD, POST, PUT, DELETE, OPTIONS"
#: A failed exchange with the backend: it refused, closed or cut the answer short.
_TRANSPORT_ERRORS = (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError)
_TEXT = [(b"content-type", b"text/plain; charset=utf-8")]
_RESTARTING = "SPARQL backend is restarting (or the server stopping); retry\n"


def default_max_concurrent() -> int:
    """Queries evaluated at once by default: four per core, at least eight.

    A slot is held while the answer travels back through the guard too, so one or two
    per core would leave cores idle. Beyond that the count matters less than the noise:
    on a quiet 2-core machine with 64 clients back to back (``benchmarks/serve.py
    --max-concurrent N``), 4, 8 and 16 slots gave 97 %, 75 % and 113 % of the bare
    Oxigraph's throughput in one run each, and the same setting moves by 20 points
    between runs. Few slots keep each query's own evaluation fast; the queue does the
    rest.
    """
    return max(8, 4 * (os.cpu_count() or 1))


class _Timeout(Exception):
    """The backend did not finish a query within the guard's timeout."""


@dataclass
class _Answer:
    """A complete answer, and the backend generation to restart once it is sent."""

    status: int
    body: bytes
    headers: Headers
    restart: int | None = None

    @classmethod
    def text(cls, status: int, text: str, *, retry: bool = False) -> _Answer:
        """A one-line plain-text answer; ``retry`` adds ``Retry-After``."""
        headers = list(_TEXT)
        if retry:
            headers.append((b"retry-after", str(RETRY_AFTER).encode()))
        return cls(status, text.encode("utf-8"), headers)


class Backend(Protocol):
    """What the guard needs from the process behind it (:class:`SparqlServer` is one).

    Each start of the backend process is one *generation*; the guard remembers which
    generation a request went to, so that two requests failing together restart it once.
    The methods block (they run in worker threads, except ``await_ready(0)``).
    """

    def await_ready(self, timeout: float) -> int | None:
        """Block until the backend answers; its generation, or None after ``timeout``."""

    def restart(self, generation: int) -> None:
        """Kill and relaunch the backend, unless ``generation`` was already replaced."""

    def crash_report(self, generation: int) -> str | None:
        """Why ``generation`` died on its own (it is then relaunched); None if it did not."""


class QueryGuard:
    """Forward HTTP to ``backend_url``; stop reads after ``timeout`` s; survive crashes.

    An ASGI application; :meth:`start` serves it with uvicorn in a background thread.
    """

    def __init__(
        self,
        host: str,
        port: int,
        backend_url: str,
        *,
        backend: Backend,
        timeout: float | None,
        cors: Iterable[str] = (),
        max_concurrent: int | None = None,
        max_queued: int = DEFAULT_MAX_QUEUED,
        ready_wait: float = READY_WAIT,
    ) -> None:
        self.backend_url = backend_url.rstrip("/")
        self.backend = backend
        self.timeout = timeout
        self.cors = frozenset(origin.rstrip("/") for origin in cors)
        self.ready_wait = ready_wait
        self.admission = Admission(max_concurrent or default_max_concurrent(), max_queued)
        self.timeouts = 0
        self.crashes = 0
        self._session: aiohttp.ClientSession | None = None  # made in the server's loop
        self._socket = _listen(host, port)
        config = uvicorn.Config(
            self,
            lifespan="on",
            log_config=None,
            log_level="warning",
            access_log=False,
            proxy_headers=False,
            server_header=False,  # the answers keep Oxigraph's
            backlog=BACKLOG,
            timeout_graceful_shutdown=SHUTDOWN_GRACE,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def refused(self) -> int:
        """Queries answered 503 because the server was busy."""
        return self.admission.refused

    def start(self, wait: float = 10.0) -> QueryGuard:
        """Serve in a background thread; return once it accepts connections."""
        self._thread = threading.Thread(
            target=self._server.run, args=([self._socket],), name="sinergi-guard", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + wait
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise OSError("the query guard did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop listening; give requests in flight ``SHUTDOWN_GRACE`` s, then drop them."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=SHUTDOWN_GRACE + 5)
        self._socket.close()

    def timed(self, method: str, path: str) -> bool:
        """Whether a request gets the timeout: every read does, whatever its path.

        Deciding by "not a write" rather than by a list of query paths keeps a new
        query route of the binary (0.5 added ``/sparql`` for its page) from slipping by.
        """
        return self.timeout is not None and not _is_write(method, path)

    @staticmethod
    def admitted(method: str, path: str) -> bool:
        """Whether a request waits for an evaluation slot: every read that may run a query.

        A GET without a query string (the page, its script and style) carries no query,
        except on ``/store``, where it reads the whole default graph.
        """
        if _is_write(method, path):
            return False
        route, _, query_string = path.partition("?")
        return bool(query_string) or method not in ("GET", "HEAD") or route == "/store"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI entry point."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._handle(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # Admitted queries never wait for a connection; writes and the page share
                # the rest. No read timeout here: the deadline is the guard's own.
                pool = self.admission.max_concurrent + 8
                self._session = aiohttp.ClientSession(
                    connector=aiohttp.TCPConnector(limit=pool),
                    timeout=aiohttp.ClientTimeout(total=None, connect=10.0),
                    auto_decompress=False,
                    skip_auto_headers=("User-Agent",),
                )
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._session is not None:
                    await self._session.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        method: str = scope["method"]
        path = scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            path += "?" + scope["query_string"].decode("latin-1")
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k not in _HOP_BY_HOP
        ]
        origin = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"origin"), None)
        asked = {k: v for k, v in scope["headers"] if k.startswith(b"access-control-request-")}
        if method == "OPTIONS" and self.cors and b"access-control-request-method" in asked:
            await self._send(send, self._preflight(origin, asked), origin, method)
            return
        body = await _read_body(receive)
        timed = self.timed(method, path)
        forward = functools.partial(self._forward, method, path, headers, body)
        if self.admitted(method, path):
            answer = await self._admit(receive, forward, timed)
            if answer is None:
                return  # the client left while its query waited for a slot
        else:
            answer = await forward(self._deadline(timed))
        await self._send(send, answer, origin, method)
        if answer.restart is not None:
            await anyio.to_thread.run_sync(self.backend.restart, answer.restart)

    async def _admit(
        self,
        receive: Receive,
        forward: Callable[[float | None], Awaitable[_Answer]],
        timed: bool,
    ) -> _Answer | None:
        """``forward`` once a slot is free; 503 when there is none (a full queue, or no
        turn within the timeout); None if the client left while the query waited.

        A client that gave up (its own timeout, Ctrl-C) leaves its query in the queue;
        evaluating it would be work for nobody, ahead of those still waiting, so a query
        that had to wait is dropped when its turn comes if its client has gone. (Checked
        then, not watched all along: a watching task per queued query cost 0.3 ms of CPU
        each, a third of the guard's work per query, when 64 clients kept it busy.)
        """
        waits = not self.admission.free
        try:
            async with self.admission.slot(self._deadline(timed)):
                if waits and await _gone(receive):
                    return None
                return await forward(self._deadline(timed))
        except Overloaded as exc:
            return _Answer.text(503, f"{exc}\n", retry=True)

    def _deadline(self, timed: bool) -> float | None:
        """``timeout`` seconds from now (``anyio.current_time``), for a timed request."""
        return anyio.current_time() + self.timeout if timed and self.timeout else None

    async def _forward(
        self,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes,
        deadline: float | None,
    ) -> _Answer:
        """The backend's answer, or the guard's when it timed out, crashed or restarted."""
        timed = deadline is not None
        generation = await self._ready(deadline)
        for attempt in (1, 2):
            if generation is None:
                return _Answer.text(503, _RESTARTING, retry=True)
            try:
                return await self._fetch(method, path, headers, body, deadline)
            except _Timeout:
                self.timeouts += 1
                message = f"query stopped after the {self.timeout:g} s timeout\n"
                answer = _Answer.text(503, message)
                answer.restart = generation
                return answer
            except _TRANSPORT_ERRORS as exc:
                crash = await anyio.to_thread.run_sync(self.backend.crash_report, generation)
                if crash is not None:
                    self.crashes += 1
                    return _Answer.text(500, _crash_message(crash))
                previous = generation
                generation = await self._ready(deadline)
                if generation is None:
                    return _Answer.text(503, _RESTARTING, retry=True)
                replaced = generation != previous
                # A connection refused never reached the backend: always safe to resend.
                # A read cut short by a restart for another query's timeout is resent.
                refused = isinstance(exc, aiohttp.ClientConnectorError)
                if attempt == 1 and replaced and (timed or refused):
                    continue
                if replaced:
                    text = (
                        "the SPARQL server restarted while this request ran (to stop "
                        "another query); an update is applied entirely or not at all: "
                        "check, then retry\n"
                    )
                    return _Answer.text(503, text, retry=True)
                return _Answer.text(502, f"SPARQL backend unavailable ({exc}); retry\n")
        raise AssertionError("unreachable: the second attempt returns")

    async def _ready(self, deadline: float | None) -> int | None:
        """The backend's generation once it answers; None if not before ``deadline``."""
        generation = self.backend.await_ready(0)  # the usual case: no thread needed
        if generation is not None:
            return generation
        wait = self.ready_wait
        if deadline is not None:
            wait = max(0.0, min(wait, deadline - anyio.current_time()))
        return await anyio.to_thread.run_sync(
            self.backend.await_ready, wait, abandon_on_cancel=True
        )

    async def _fetch(
        self,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes,
        deadline: float | None,
    ) -> _Answer:
        """The backend's complete answer, or :class:`_Timeout` once ``deadline`` passes."""
        assert self._session is not None, "requests come after the lifespan startup"
        url = URL(self.backend_url + path, encoded=True)  # the client's bytes, unchanged
        with anyio.CancelScope(deadline=math.inf if deadline is None else deadline) as scope:
            async with self._session.request(
                method,
                url,
                headers=[*headers, ("Accept-Encoding", "identity")],
                data=body or None,
                allow_redirects=False,
            ) as response:
                content = await response.read()
        if scope.cancelled_caught:
            raise _Timeout
        kept = [(k, v) for k, v in response.raw_headers if k.lower() not in _HOP_BY_HOP]
        return _Answer(response.status, content, kept)

    async def _send(self, send: Send, answer: _Answer, origin: str | None, method: str) -> None:
        """Send ``answer`` whole, with its length and the CORS headers ``origin`` gets."""
        body = b"" if method == "HEAD" else answer.body
        headers = [
            *answer.headers,
            *self._cors_headers(origin),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _cors_headers(self, origin: str | None) -> Headers:
        """``Access-Control-Allow-Origin`` for an allowed ``origin``; nothing otherwise."""
        if not self.cors or origin is None:
            return []
        if "*" in self.cors:
            return [(b"access-control-allow-origin", b"*")]
        if origin in self.cors:
            return [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
        return [(b"vary", b"Origin")]

    def _preflight(self, origin: str | None, asked: dict[bytes, bytes]) -> _Answer:
        """Answer a CORS preflight here: the Oxigraph binary runs without ``--cors``.

        :meth:`_send` adds ``Access-Control-Allow-Origin``; a refused origin gets only that.
        """
        if origin is None or not ("*" in self.cors or origin in self.cors):
            return _Answer(204, b"", [])
        allowed = asked.get(b"access-control-request-headers") or b"Accept, Content-Type"
        headers = [
            (b"access-control-allow-methods", _CORS_METHODS),
            (b"access-control-allow-headers", allowed),
            (b"access-control-max-age", b"600"),
        ]
        return _Answer(204, b"", headers)


async def _gone(receive: Receive) -> bool:
    """Whether the client has disconnected, without waiting for it to.

    After the request body, ``receive`` answers ``http.disconnect`` at once once the
    client is gone, and waits otherwise (the wait is cut short here).
    """
    with anyio.move_on_after(0):
        return bool((await receive())["type"] == "http.disconnect")
    return False


def _is_write(method: str, path: str) -> bool:
    """Whether a request may change the store (``/update``, Graph Store writes)."""
    route = path.split("?", 1)[0].split("#", 1)[0]
    return route == "/update" or (route == "/store" and method not in ("GET", "HEAD"))


async def _read_body(receive: Receive) -> bytes:
    """The whole request body (kept to resend a read cut short by a restart)."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (IPv4 or IPv6), so that a taken port fails at once.

    uvicorn puts it in the listening state, with its ``backlog``.
    """
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _crash_message(reason: str) -> str:
    """The one-line answer to a request whose backend died under it."""
    return (
        f"the SPARQL engine crashed while answering ({reason}) and was restarted; "
        "no answer for this request. Oxigraph 0.5 crashes on ORDER BY over a mix of "
        "plain strings, language-tagged strings and numbers: order by STR(?x) instead. "
        "If this was not your query, retry\n"
    )
