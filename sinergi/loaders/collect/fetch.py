"""Polite HTTP with httpx: robots.txt, throttling, retries with back-off, limits.

One :class:`Fetcher` per run. Each GET waits for its host's slot
(:class:`~sinergi.loaders.collect.throttle.HostThrottle`), is archived as WARC whatever its
status, and is retried after a 429, a 5xx, a timeout or a dropped connection: after the
server's Retry-After when it sends one, else after an exponential back-off, during which
the whole host is left alone. Redirects are followed by hand, so that each hop is checked
against robots.txt, throttled, archived, and a loop is named as one. A response larger than
``max_bytes`` is cut off instead of filling memory. A feed or sitemap read before is asked
for conditionally (its ETag and Last-Modified), so an unchanged one costs a 304.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from sinergi.loaders.collect.archive import WarcArchive
from sinergi.loaders.collect.options import CollectOptions
from sinergi.loaders.collect.robots import Robots, host_of
from sinergi.loaders.collect.throttle import HostThrottle

__all__ = ["FetchError", "Fetched", "Fetcher"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched: a category of
    :data:`~sinergi.loaders.collect.outcomes.FAILURES` and a detail."""

    def __init__(self, category: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.category = category
        self.detail = detail
        self.status = status


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful (2xx) response: the final URL after redirects, headers, decoded body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _transport_failure(exc: httpx.TransportError) -> FetchError:
    """Name a network failure: DNS, timeout, or any other broken connection."""
    if isinstance(exc, httpx.TimeoutException):
        return FetchError("timeout", f"{type(exc).__name__}: no answer in time")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError("invalid-url", str(exc))
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return FetchError("dns", f"host name not resolved ({cause.strerror or cause})")
        cause = cause.__cause__ or cause.__context__
    return FetchError("connection", f"{type(exc).__name__}: {exc}")


class Fetcher:
    """GETs URLs politely; thread-safe (httpx's client is)."""

    def __init__(self, options: CollectOptions, archive: WarcArchive) -> None:
        self.options = options
        self.throttle = HostThrottle(options.rate, options.concurrency)
        self._archive = archive
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=options.threads + 4),
        )
        self.robots = Robots(
            lambda url: self.get(url, check_robots=False),
            options.user_agent,
            self.throttle,
            options.max_retry_after,
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        check_robots: bool = True,
        validators: Mapping[str, str] | None = None,
    ) -> Fetched:
        """The 2xx response for ``url`` after redirects, or :class:`FetchError` saying why not.

        ``validators`` (If-None-Match, If-Modified-Since) make the first request
        conditional: the server's 304 is the error ``not-modified``.
        """
        seen = {url}
        headers = dict(validators or {})
        for _ in range(self.options.max_redirects + 1):
            if check_robots and not self.robots.allowed(url):
                raise FetchError("robots", f"robots.txt disallows {url}")
            response, body = self._exchange(url, headers)
            headers = {}  # a redirect's target is another resource
            status = response.status_code
            if status == 304 and validators:
                raise FetchError("not-modified", "unchanged since the last run (304)", status)
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError("redirects", f"{status} without a Location header", status)
                target = str(response.request.url.join(location))
                if target in seen:
                    raise FetchError("redirects", f"redirect loop back to {target}", status)
                seen.add(target)
                url = target
                continue
            if status >= 400 or status < 200:
                raise FetchError("http-status", f"{status} {response.reason_phrase}", status)
            return Fetched(url, status, response.headers, body)
        raise FetchError(
            "redirects", f"more than {self.options.max_redirects} redirects (last to {url})"
        )

    def _exchange(self, url: str, headers: Mapping[str, str]) -> tuple[httpx.Response, bytes]:
        """One URL, retried on 429, 5xx and network trouble; the last answer is returned."""
        host = host_of(url)
        attempt = 0
        while True:
            try:
                response, body = self._attempt(url, host, headers)
            except httpx.InvalidURL as exc:
                raise FetchError("invalid-url", str(exc)) from exc
            except httpx.TransportError as exc:
                failure = _transport_failure(exc)
                if failure.category in {"dns", "invalid-url"} or attempt >= self.options.retries:
                    raise failure from exc
                wait = self.options.backoff * 2**attempt
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self.options.retries:
                    return response, body
                asked = _retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > self.options.max_retry_after:
                    raise FetchError(
                        "http-status",
                        f"{response.status_code} {response.reason_phrase}, Retry-After "
                        f"{asked:.0f} s exceeds the {self.options.max_retry_after:.0f} s limit",
                        response.status_code,
                    )
                wait = asked if asked is not None else self.options.backoff * 2**attempt
            attempt += 1
            self.throttle.defer(host, wait)

    def _attempt(
        self, url: str, host: str, headers: Mapping[str, str]
    ) -> tuple[httpx.Response, bytes]:
        """One request: wait for the host's slot, read at most max_bytes, archive, decode."""
        limit = self.options.max_bytes
        with (
            self.throttle.slot(host),
            self._client.stream("GET", url, headers=dict(headers)) as response,
        ):
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                self._archive.record(response, b"", truncated=True)  # headers only
                raise FetchError("too-large", f"Content-Length {declared} > {limit} bytes")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                chunks.append(chunk)
                if size > limit:
                    self._archive.record(response, b"".join(chunks)[:limit], truncated=True)
                    raise FetchError("too-large", f"more than {limit} bytes")
            raw = b"".join(chunks)
        self._archive.record(response, raw)
        decoded = httpx.Response(response.status_code, headers=response.headers, content=raw)
        try:
            body = decoded.read()
        except httpx.DecodingError as exc:
            raise FetchError("undecodable", f"bad Content-Encoding: {exc}") from exc
        if len(body) > limit:
            raise FetchError("too-large", f"more than {limit} bytes once decompressed")
        return response, body
