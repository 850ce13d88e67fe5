"""Every fetched byte, archived as WARC (ISO 28500) with warcio.

A study built on web pages must be re-runnable and citable from the very bytes it read,
long after the portal changed or went offline. Each exchange becomes a ``request`` and a
``response`` record (tied by WARC-Concurrent-To), the response body as it came over the
wire (still gzip-compressed if the server compressed it), for robots.txt, feeds, sitemaps
and redirects as well as articles. Each run writes its own gzip-compressed file, so an
interrupted run never leaves a half-written record in an earlier file.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sinergi import __version__

__all__ = ["WarcArchive"]

#: Hop-by-hop framing the HTTP client already undid; the archived body is de-chunked.
_FRAMING = {"transfer-encoding"}


class WarcArchive:
    """A WARC file under ``folder`` for this run; thread-safe."""

    def __init__(self, folder: Path, user_agent: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        unique = uuid.uuid4().hex[:8]  # two runs in one second must not share a file
        self.path = folder / f"sinergi-collect-{stamp}-{unique}.warc.gz"
        self._handle = self.path.open("xb")
        self._writer = WARCWriter(self._handle, gzip=True)
        self._lock = threading.Lock()
        info = self._writer.create_warcinfo_record(
            self.path.name,
            {"software": f"sinergi/{__version__} (warcio)", "http-header-user-agent": user_agent},
        )
        self._writer.write_record(info)

    def record(self, response: httpx.Response, raw_body: bytes, truncated: bool = False) -> None:
        """Archive one exchange: the request as sent and the response with its raw body
        (``truncated``: only its first bytes, the rest exceeded the size cap)."""
        request = response.request
        url = str(request.url)
        target = request.url.raw_path.decode("ascii", "replace")
        request_headers = StatusAndHeaders(
            f"{request.method} {target} HTTP/1.1",
            [(k, v) for k, v in request.headers.multi_items()],
            is_http_request=True,
        )
        response_headers = StatusAndHeaders(
            f"{response.status_code} {response.reason_phrase}",
            [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _FRAMING],
            protocol="HTTP/1.1",
        )
        with self._lock:
            response_record = self._writer.create_warc_record(
                url, "response", payload=BytesIO(raw_body), http_headers=response_headers
            )
            if truncated:
                response_record.rec_headers.add_header("WARC-Truncated", "length")
            request_record = self._writer.create_warc_record(
                url, "request", payload=BytesIO(b""), http_headers=request_headers
            )
            request_record.rec_headers.add_header(
                "WARC-Concurrent-To", response_record.rec_headers.get_header("WARC-Record-ID")
            )
            self._writer.write_record(response_record)
            self._writer.write_record(request_record)
            self._handle.flush()

    def close(self) -> None:
        with self._lock:
            self._handle.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
