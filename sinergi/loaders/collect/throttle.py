"""Per-host politeness: a minimum interval between request starts and a concurrency cap.

Every request of a run, including robots.txt, sitemaps and redirect hops, passes through
one :class:`HostThrottle`, so no host ever sees more than ``concurrency`` requests at once
or more than ``rate`` new requests per second, whatever the worker threads do. A host that
answers 429 with Retry-After (or whose robots.txt asks for a Crawl-delay) is slowed down
for every thread, not just for the request that was told.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["Cancelled", "HostThrottle"]


class Cancelled(Exception):
    """The run is stopping (Ctrl-C): no new request starts."""


@dataclass(slots=True)
class _Host:
    slots: threading.BoundedSemaphore
    interval: float
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostThrottle:
    """Grants request slots per host (``host:port``); thread-safe."""

    def __init__(self, rate: float, concurrency: int) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._concurrency = max(1, concurrency)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Let every waiting request give up (raising :class:`Cancelled`), so that an
        interrupted run ends within one request, not after a long Retry-After."""
        self._stopping.set()

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _Host(threading.BoundedSemaphore(self._concurrency), self._interval)
                self._hosts[host] = state
            return state

    def slow_down(self, host: str, interval: float) -> None:
        """Space this host's requests at least ``interval`` seconds apart (Crawl-delay)."""
        state = self._host(host)
        with state.lock:
            state.interval = max(state.interval, interval)

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to this host for ``seconds`` (a Retry-After or a back-off)."""
        state = self._host(host)
        with state.lock:
            state.next_start = max(state.next_start, time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait until a request to ``host`` may start, and hold a concurrency slot for it."""
        state = self._host(host)
        with state.slots:
            with state.lock:
                now = time.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + state.interval
            delay = start - now
            stopping = self._stopping.wait(delay) if delay > 0 else self._stopping.is_set()
            if stopping:
                raise Cancelled
            yield
