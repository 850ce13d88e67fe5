"""The settings of one collection run, with defaults that are polite to small servers.

Regional government sites often run on one modest machine: one request per second and
two at a time per host is what a careful crawler does there. Everything here is plain data
(no httpx, no trafilatura) so that the command line can show the defaults at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["CollectOptions", "names_contact"]

#: What a User-Agent must contain so a site administrator can reach the researcher.
_CONTACT = re.compile(r"@|https?://|\+?\b[\w-]+\.[a-z]{2,}\b", re.IGNORECASE)


def names_contact(user_agent: str) -> bool:
    """Whether ``user_agent`` holds an e-mail or web address: a crawler a site's
    administrator cannot reach is one they can only block."""
    return bool(_CONTACT.search(user_agent))


@dataclass(frozen=True, slots=True)
class CollectOptions:
    """How to fetch, what to keep and where the limits are."""

    user_agent: str
    """Sent with every request and matched against robots.txt groups; it should name the
    project and a contact, so a site administrator can reach the researcher."""
    rate: float = 1.0
    """Requests per second per host, at most (a robots.txt Crawl-delay can lower it)."""
    concurrency: int = 2
    """Requests in flight per host, at most."""
    threads: int = 16
    """Requests in flight over all hosts, at most."""
    timeout: float = 30.0
    """Seconds to connect, and between two chunks of a response."""
    retries: int = 3
    """Further attempts after a 429, a 5xx, a timeout or a dropped connection."""
    backoff: float = 2.0
    """First wait before a retry in seconds, doubled on each further one (unless the server
    sends Retry-After)."""
    max_retry_after: float = 300.0
    """A longer Retry-After gives up on the URL instead of stalling the run."""
    max_redirects: int = 5
    max_bytes: int = 10_000_000
    """A larger response is cut off and reported: no news page is that big."""
    max_pages: int | None = None
    """Stop after fetching this many articles (the rest stays queued for the next run)."""
    max_sitemaps: int = 10_000
    """Stop following sitemaps after this many, whatever the nesting."""
    since: date | None = None
    """Keep only articles published on or after this day."""
    until: date | None = None
    """Keep only articles published on or before this day."""
    relevant_only: bool = False
    """Keep only articles the relevance model flags as collaboration news."""
