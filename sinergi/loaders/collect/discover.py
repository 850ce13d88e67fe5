"""Links out of feeds, sitemaps and home pages, parsed by trafilatura.

trafilatura's feed and sitemap code knows the formats met in the wild (RSS, Atom, JSON
Feed, XML and plain-text sitemaps, sitemap indexes, broken XML, ``<link rel=alternate>``
feed announcements). Its own download functions are not used: every byte goes through
the polite :class:`~sinergi.loaders.collect.fetch.Fetcher`, and only the parsing is
trafilatura's. Links are kept on the site they were found on (or its subdomains), as a
crawl of one portal should not wander off to the whole web.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import normalize_url
from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed, find_links, is_potential_feed
from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject, is_plausible_sitemap

__all__ = [
    "Links",
    "canonical_url",
    "feed_links",
    "home_page_feeds",
    "is_sitemap",
    "looks_like_feed",
    "sitemap_links",
    "unpack",
]

_SITEMAP_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_SITEMAP_INDEX = re.compile(r"<(?:[\w.-]+:)?sitemapindex\b")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class Links:
    """What a feed, sitemap or home page points to."""

    articles: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    modified: dict[str, date] = field(default_factory=dict)
    """The day a sitemap says a page or child sitemap last changed (``<lastmod>``, or a
    news sitemap's ``<news:publication_date>``), where it says so."""


def canonical_url(url: str) -> str:
    """``url`` without fragment and tracking parameters (utm_*, fbclid, ...), so that one
    article linked from a feed and a sitemap is fetched once."""
    url = urldefrag(url.strip())[0]
    try:
        return str(normalize_url(url))
    except ValueError:
        return url


def _same_site(url: str, base: str) -> bool:
    """Is ``url`` an http(s) URL on ``base``'s host or one of its subdomains?"""
    parts, reference = urlsplit(url), urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    host = parts.hostname.removeprefix("www.")
    home = (reference.hostname or "").removeprefix("www.")
    return host == home or host.endswith("." + home)


def _kept(links: list[str], base: str) -> list[str]:
    found = (canonical_url(urljoin(base, link)) for link in links if link.strip())
    return list(dict.fromkeys(link for link in found if _same_site(link, base)))


def unpack(url: str, body: bytes, max_bytes: int) -> bytes:
    """The sitemap inside a ``.xml.gz`` file (served as gzip data, not Content-Encoding)."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = inflater.decompress(body, max_bytes + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise ValueError(f"broken gzip data in {url}: {exc}") from exc
    if len(data) > max_bytes:
        raise ValueError(f"{url} unpacks to more than {max_bytes} bytes")
    return data


def looks_like_feed(text: str) -> bool:
    """RSS, Atom or a JSON Feed (and not a sitemap)."""
    start = text.lstrip()[:1000]
    if _SITEMAP_ROOT.search(start):
        return False
    return is_potential_feed(start) or (start.startswith("{") and '"items"' in text)


def is_sitemap(url: str, text: str) -> bool:
    """An XML sitemap or sitemap index."""
    return bool(_SITEMAP_ROOT.search(text.lstrip()[:2000])) and is_plausible_sitemap(url, text)


def _parameters(url: str) -> FeedParameters:
    parts = urlsplit(url)
    return FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", url)


def _pages(links: list[str], source: str) -> list[str]:
    """Links that may be articles: not the home page (an RSS channel's own ``<link>``,
    a sitemap's first entry) and not the listing itself."""
    return [link for link in links if link != source and urlsplit(link).path not in {"", "/"}]


def feed_links(url: str, text: str) -> Links:
    """The article links of an RSS, Atom or JSON feed."""
    return Links(articles=_pages(_kept(find_links(text.strip(), _parameters(url)), url), url))


class _Sitemap(SitemapObject):
    """trafilatura's sitemap parser with our link policy: resolved against the sitemap's
    URL and kept on its site (courlan's domain check rejects hosts such as IP addresses)."""

    def handle_link(self, link: str) -> None:
        if link == self.current_url:
            return
        kept = _kept([link], self.current_url)
        if not kept:
            return
        if DETECT_SITEMAP_LINK.search(kept[0]):
            self.sitemap_urls.append(kept[0])
        else:
            self.urls.append(kept[0])


def sitemap_links(url: str, text: str) -> Links:
    """The pages and nested sitemaps a sitemap (XML, index or plain text) lists."""
    parts = urlsplit(url)
    sitemap = _Sitemap(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", [])
    sitemap.current_url = url
    sitemap.content = text
    sitemap.process()
    pages, nested = sitemap.urls, sitemap.sitemap_urls
    if _SITEMAP_INDEX.search(text.lstrip()[:2000]):  # an index lists sitemaps, whatever their names
        pages, nested = [], nested + pages
    return Links(
        articles=_pages(list(dict.fromkeys(pages)), url),
        sitemaps=list(dict.fromkeys(nested)),
        modified=_last_modified(url, text),
    )


def _last_modified(url: str, text: str) -> dict[str, date]:
    """URL -> the day its ``<url>`` or ``<sitemap>`` entry says it last changed.

    trafilatura's sitemap parser keeps only the locations; the dates are read here with
    lxml as leniently (``recover``, no entities, no network), so that ``--since`` can skip
    whole years of an archive without fetching them.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, date] = {}
    for entry in () if root is None else root.iter("{*}url", "{*}sitemap"):
        fields: dict[str, str] = {}
        for child in entry.iterdescendants():
            if isinstance(child.tag, str):  # not a comment or processing instruction
                fields.setdefault(etree.QName(child).localname, (child.text or "").strip())
        stamp = fields.get("lastmod") or fields.get("publication_date") or ""
        try:
            day = date.fromisoformat(stamp[:10])
        except ValueError:
            continue
        if fields.get("loc"):
            found[canonical_url(urljoin(url, fields["loc"]))] = day
    return found


def home_page_feeds(url: str, html: str) -> list[str]:
    """The feeds a page announces (``<link rel="alternate" type="application/rss+xml">``,
    else links that look like feeds)."""
    return _kept(determine_feed(html, _parameters(url)), url)
