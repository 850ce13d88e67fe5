"""The URLs waiting to be fetched, handed out host by host in turn.

Worker threads that all wait on one slow host leave the others idle; taking URLs round
robin over hosts, and never more for a host than its concurrency cap allows in flight,
keeps every thread busy on a crawl of many portals while each portal sees a trickle.
Feeds and sitemaps go before articles of the same host, so that discovery runs ahead.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, deque
from dataclasses import dataclass

__all__ = ["Frontier", "Task"]


@dataclass(frozen=True, slots=True)
class Task:
    """A URL to fetch and what it is expected to be: seed, feed, sitemap or article."""

    url: str
    kind: str
    host: str
    #: conditional-request headers from an earlier run (a feed or sitemap read before)
    validators: tuple[tuple[str, str], ...] = ()


class Frontier:
    """Per-host queues served in turn; used from one thread."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._queues: OrderedDict[str, deque[Task]] = OrderedDict()
        self.in_flight: Counter[str] = Counter()
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, task: Task) -> None:
        queue = self._queues.setdefault(task.host, deque())
        if task.kind == "article":
            queue.append(task)
        else:
            queue.appendleft(task)
        self._size += 1

    def take(self) -> Task | None:
        """The next task of the first host in turn below its cap, moving that host to the
        back of the turn; None if no host may have one now."""
        for host in list(self._queues):
            queue = self._queues[host]
            if self.in_flight[host] >= self._per_host:
                continue
            task = queue.popleft()
            self._size -= 1
            if queue:
                self._queues.move_to_end(host)
            else:
                del self._queues[host]
            self.in_flight[host] += 1
            return task
        return None

    def done(self, task: Task) -> None:
        self.in_flight[task.host] -= 1
