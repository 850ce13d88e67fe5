"""robots.txt, read once per host and run with Protego (Scrapy's parser).

Protego reads robots.txt as major crawlers do (wildcards, ``$``, longest match, Crawl-delay,
Sitemap lines), which a hand-written parser or the standard library's would not. What a
missing or broken robots.txt means follows RFC 9309: a 4xx answer allows everything, a
5xx answer disallows everything (the site may be overloaded), and a Crawl-delay slows the
host down for the whole run. When robots.txt gets no answer at all (DNS, timeout, refused
connection) the site is not crawled either, and each of its URLs is reported with that
network failure rather than as a robots refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from protego import Protego

if TYPE_CHECKING:
    from sinergi.loaders.collect.fetch import Fetched, FetchError
    from sinergi.loaders.collect.throttle import HostThrottle

__all__ = ["Robots", "host_of", "site_of"]

_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


def site_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: where its robots.txt lives."""
    import httpx

    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"


def host_of(url: str) -> str:
    """``host[:port]`` of ``url``: the unit of politeness."""
    import httpx

    return httpx.URL(url).netloc.decode("ascii")


class Robots:
    """The robots.txt rules of every site a run touches, fetched on first use.

    ``fetch`` gets a URL politely without a robots check and returns what came back, or
    raises :class:`~sinergi.loaders.collect.fetch.FetchError`.
    """

    def __init__(
        self,
        fetch: Callable[[str], Fetched],
        user_agent: str,
        throttle: HostThrottle,
        max_delay: float,
    ) -> None:
        self._fetch = fetch
        self._user_agent = user_agent
        self._throttle = throttle
        self._max_delay = max_delay
        self._rules: dict[str, Protego | FetchError] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _parsed(self, url: str) -> Protego:
        """The rules of ``url``'s site; raises the network failure that kept robots.txt
        away (DNS, timeout, connection), so the URL is reported for what really happened."""
        site = site_of(url)
        with self._lock:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # one fetch per site, however many threads ask at once
            rules = self._rules.get(site)
            if rules is None:
                rules = self._download(site + "/robots.txt")
                if not isinstance(rules, Exception):
                    delay = rules.crawl_delay(self._user_agent)
                    if delay:
                        self._throttle.slow_down(host_of(url), min(float(delay), self._max_delay))
                self._rules[site] = rules
        if isinstance(rules, Exception):
            raise rules
        return rules

    def _download(self, robots_url: str) -> Protego | FetchError:
        from sinergi.loaders.collect.fetch import FetchError

        try:
            fetched = self._fetch(robots_url)
        except FetchError as exc:
            status = exc.status or 0
            if 400 <= status < 500:
                return Protego.parse("")  # no robots.txt: everything is allowed
            if status:  # 5xx: the site may be overloaded, so nothing is allowed
                return Protego.parse(_DISALLOW_ALL)
            return FetchError(exc.category, f"{robots_url}: {exc.detail}")
        return Protego.parse(fetched.body.decode("utf-8", "replace"))

    def allowed(self, url: str) -> bool:
        """May our User-Agent fetch ``url``?"""
        return bool(self._parsed(url).can_fetch(url, self._user_agent))

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap lines of the robots.txt of ``url``'s site."""
        return list(self._parsed(url).sitemaps)
