"""Admission of queries to the SPARQL backend: a few evaluated at once, a bounded queue.

Oxigraph starts evaluating every query it receives at once, each on its own thread. Under
a burst (a team's notebooks all re-running, a script with a thread pool), 64 queries on a
2-core machine share the cores 32 ways: every one of them is slow, the tail grows past
the timeout, and the kernel's listen queue overflows into reset connections. Holding the
surplus back costs nothing in throughput (the cores are busy either way) and keeps each
query's own evaluation as fast as when it runs alone.

:class:`Admission` lets at most ``max_concurrent`` queries through; the others wait in
arrival order, at most ``max_queued`` of them. One more is refused at once with
:class:`Overloaded`, which the guard answers ``503 Service Unavailable`` with a
``Retry-After`` header, a status every HTTP client understands, instead of leaving it
to a listen backlog that ends in a reset connection. A query also gives up waiting at
its deadline (the guard's timeout), so that nobody waits for ever behind queries that
hold every slot.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

__all__ = ["RETRY_AFTER", "Admission", "Overloaded"]

#: Seconds a refused client is asked to wait (``Retry-After``): long enough for the
#: queries ahead of it to drain at the usual tens of milliseconds each.
RETRY_AFTER = 1


class Overloaded(Exception):
    """A query was not admitted: the queue was full, or its deadline passed in it."""


class Admission:
    """At most ``max_concurrent`` holders of :meth:`slot`; ``max_queued`` waiting, FIFO."""

    def __init__(self, max_concurrent: int, max_queued: int) -> None:
        if max_concurrent < 1 or max_queued < 0:
            raise ValueError("max_concurrent must be at least 1 and max_queued at least 0")
        self.max_concurrent = max_concurrent
        self.max_queued = max_queued
        self.refused = 0
        # anyio's limiter wakes waiters in arrival order and reports how many wait.
        self._limiter = anyio.CapacityLimiter(max_concurrent)

    @property
    def running(self) -> int:
        """Queries holding a slot now."""
        return int(self._limiter.borrowed_tokens)

    @property
    def waiting(self) -> int:
        """Queries waiting for a slot now."""
        return self._limiter.statistics().tasks_waiting

    @property
    def free(self) -> bool:
        """Whether a query would get a slot now, without waiting."""
        return self._limiter.available_tokens >= 1 and not self.waiting

    @asynccontextmanager
    async def slot(self, deadline: float | None) -> AsyncIterator[None]:
        """Hold one of the slots, waiting for it until ``deadline`` (``anyio.current_time``).

        Raises :class:`Overloaded` without waiting when the queue is full, and when the
        deadline passes before a slot frees up.
        """
        if not self.free and self.waiting >= self.max_queued:
            self.refused += 1
            raise Overloaded(
                f"server busy: {self.running} queries running and {self.waiting} waiting "
                f"(the most it queues); retry in {RETRY_AFTER} s"
            )
        with anyio.CancelScope(deadline=math.inf if deadline is None else deadline) as scope:
            await self._limiter.acquire()
        if scope.cancelled_caught:
            self.refused += 1
            raise Overloaded(
                "server busy: the query waited its whole timeout for one of the "
                f"{self.max_concurrent} evaluation slots; retry later"
            )
        try:
            yield
        finally:
            self._limiter.release()
