"""``sinergi collect`` against a fictional portal on loopback: discovery, politeness,
failures, WARC, increments, resuming, filters and ingest. No test touches the internet."""

from __future__ import annotations

import csv
import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from warcio.archiveiterator import ArchiveIterator

from sinergi import api
from sinergi.cli import main
from sinergi.errors import InputError
from sinergi.loaders.collect.fetch import Fetched
from sinergi.loaders.read.documents import Rejected, iter_documents
from tests.loaders.collect.conftest import FAST, USER_AGENT
from tests.loaders.collect.site import (
    ARSIP,
    ARTICLES,
    BANYUWANGI,
    BARU,
    DUPLICATE_PATH,
    FAILING,
    LAMA,
    LEBAK,
    OLAHRAGA,
    PINDAH,
    SIBUK,
    Conditional,
    Portal,
    Response,
    build_portal,
    html,
    rss,
    serve,
    urlset,
)


def run(out: Path, *args: str) -> Result:
    """``sinergi collect`` with the FAST options; ``args`` may override them."""
    return CliRunner().invoke(
        main,
        ["collect", *FAST, *args, "--out", str(out), "--user-agent", USER_AGENT],
        catch_exceptions=False,
    )


def records(out: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def paths(out: Path, base: str) -> set[str]:
    return {record["url"].removeprefix(base) for record in records(out)}


def report_rows(out: Path) -> dict[str, str]:
    """path -> category of the report beside ``out``."""
    with out.with_suffix(".report.csv").open(encoding="utf-8", newline="") as handle:
        return {urlsplit(row["url"]).path: row["category"] for row in csv.DictReader(handle)}


@dataclass
class Crawl:
    portal: Portal
    out: Path
    result: Result


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """One crawl of the whole portal from its home page (shared by the tests below)."""
    portal = build_portal()
    server, base = serve(portal)
    out = tmp_path_factory.mktemp("crawl") / "warta.jsonl"
    result = run(out, base + "/", "--timeout", "1.5")  # /lambat.html answers after 5 s
    yield Crawl(portal, out, result)
    server.shutdown()
    server.server_close()


def test_a_user_agent_without_a_contact_is_refused(portal: Portal, tmp_path: Path) -> None:
    """From Python as from the command line: no request is sent without a contact."""
    with pytest.raises(InputError, match="contact"):
        api.collect([portal.base + "/"], tmp_path / "warta.jsonl", user_agent="sinergi-bot")
    assert portal.log == []
    result = CliRunner().invoke(
        main,
        ["collect", portal.base + "/", "--out", str(tmp_path / "w.jsonl"), "--user-agent", "x"],
    )
    assert result.exit_code == 2 and "contact" in result.output


def test_home_page_leads_to_feed_and_nested_gzipped_sitemaps(crawl: Crawl) -> None:
    """robots.txt names a sitemap index; one child is gzipped; the page announces RSS."""
    assert crawl.result.exit_code == 3, crawl.result.output  # some URLs failed, named
    expected = {a.path for a in ARTICLES.values()}
    found = paths(crawl.out, crawl.portal.base)
    assert found - {DUPLICATE_PATH} | {LEBAK.path} == expected
    assert {BANYUWANGI.path, ARSIP.path} <= found  # from the gzipped child sitemap
    assert {OLAHRAGA.path, LAMA.path} <= found  # from the RSS feed


def test_every_failure_is_named_per_url(crawl: Crawl) -> None:
    rows = report_rows(crawl.out)
    duplicate = {p for p, c in rows.items() if c == "duplicate"}
    assert duplicate <= {LEBAK.path, DUPLICATE_PATH} and len(duplicate) == 1
    named = {p: c for p, c in rows.items() if c != "duplicate"}
    assert named == FAILING


def test_output_is_what_ingest_reads(crawl: Crawl) -> None:
    rejected: list[Rejected] = []
    documents = list(iter_documents([crawl.out], on_error=rejected.append))
    assert rejected == [] and len(documents) == 7
    by_url = {d.url.removeprefix(crawl.portal.base): d for d in documents if d.url}
    lebak = by_url.get(LEBAK.path) or by_url[DUPLICATE_PATH]
    assert lebak.title == LEBAK.title
    assert lebak.published == LEBAK.date and lebak.outlet == "Warta Daerah"
    assert "bank sampah" in lebak.text and "Baca juga" not in lebak.text
    assert by_url[PINDAH.path].title == PINDAH.title  # after the 301, under its final URL


def test_non_utf8_page_is_read_in_its_declared_charset(crawl: Crawl) -> None:
    lama = next(r for r in records(crawl.out) if r["url"].endswith(LAMA.path))
    assert lama["title"] == LAMA.title  # “ ” – are Windows-1252 bytes 0x93 0x94 0x96
    assert "“Kampung Tangguh” – program" in lama["text"]


def test_polite_requests(crawl: Crawl) -> None:
    portal = crawl.portal
    assert {agent for _, _, agent in portal.log} == {USER_AGENT}
    assert len(portal.requests("/robots.txt")) == 1  # once per host and run
    assert portal.requests("/rahasia/rapat-internal.html") == []  # disallowed: never asked
    assert len(portal.requests("/hilang.html")) == 1  # 404: not retried
    assert len(portal.requests("/rusak.html")) == 2  # 500: retried (--retries 1)
    first, second = portal.requests(SIBUK.path)  # 429 with Retry-After: 1
    assert second - first >= 0.9
    assert len(portal.requests("/putar-a")) == 1  # a loop is seen, not followed round


def test_every_exchange_is_archived_as_warc(crawl: Crawl) -> None:
    (warc,) = crawl.out.parent.joinpath("warta-warc").glob("*.warc.gz")
    responses: dict[str, list[int]] = {}
    requests: list[str] = []
    with warc.open("rb") as handle:
        for record in ArchiveIterator(handle):
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                status = int(record.http_headers.get_statuscode())
                responses.setdefault(uri.removeprefix(crawl.portal.base), []).append(status)
                body = record.content_stream().read()
                if uri.endswith(".xml.gz"):
                    assert gzip.decompress(body).startswith(b"<?xml")  # the bytes as served
            elif record.rec_type == "request":
                requests.append(record.http_headers.get_header("User-Agent"))
    assert responses[SIBUK.path] == [429, 200]
    assert responses["/berita/pindah.html"] == [301] and responses[PINDAH.path] == [200]
    assert responses["/robots.txt"] == [200] and responses["/hilang.html"] == [404]
    assert set(requests) == {USER_AGENT} and len(requests) == sum(map(len, responses.values()))


def test_second_run_fetches_only_what_is_new(portal: Portal, tmp_path: Path) -> None:
    out = tmp_path / "warta.jsonl"
    assert run(out, portal.base + "/rss.xml").exit_code == 0
    portal.routes["/rss.xml"] = Response(200, rss(portal.base, [OLAHRAGA, LAMA, BARU]).encode())
    portal.routes[BARU.path] = html(BARU.html())
    before = len(portal.log)
    assert run(out, portal.base + "/rss.xml").exit_code == 0
    fetched = [path for path, _, _ in portal.log[before:]]
    assert sorted(fetched) == sorted(["/robots.txt", "/rss.xml", BARU.path])
    assert paths(out, portal.base) == {OLAHRAGA.path, LAMA.path, BARU.path}
    assert len(records(out)) == 3


def test_an_unchanged_feed_costs_a_304_and_a_sitemap_index_is_read_again(
    portal: Portal, tmp_path: Path
) -> None:
    """A feed or leaf sitemap read before is asked for with its ETag (or Last-Modified):
    unchanged, it answers 304 and nothing behind it is fetched; changed, its new article
    is. A sitemap index is never asked conditionally: its children may grow unseen."""
    feed = rss(portal.base, [OLAHRAGA, LAMA]).encode()
    portal.routes["/rss.xml"] = Conditional(Response(200, feed), etag='"v1"')
    leaf = urlset(portal.base, [LEBAK.path]).encode()
    portal.routes["/sitemap-berita.xml"] = Conditional(
        Response(200, leaf, {"Content-Type": "application/xml"}),
        last_modified="Mon, 01 Jul 2024 08:00:00 GMT",
    )
    out = tmp_path / "warta.jsonl"
    seeds = (portal.base + "/rss.xml", portal.base + "/sitemap_index.xml")
    assert run(out, *seeds).exit_code == 0
    first = len(records(out))

    def requests_since(mark: int) -> list[str]:
        return [path for path, _, _ in portal.log[mark:]]

    mark = len(portal.log)
    assert run(out, *seeds).exit_code == 0
    fetched = sorted(requests_since(mark))
    assert fetched == sorted(
        [
            "/robots.txt",
            "/rss.xml",
            "/sitemap_index.xml",
            "/sitemap-berita.xml",
            "/sitemap-arsip.xml.gz",
        ]
    )
    assert report_rows(out)["/rss.xml"] == "not-modified"
    assert report_rows(out)["/sitemap-berita.xml"] == "not-modified"
    assert "/sitemap_index.xml" not in report_rows(out)
    assert len(records(out)) == first

    changed = rss(portal.base, [OLAHRAGA, LAMA, BARU]).encode()
    portal.routes["/rss.xml"] = Conditional(Response(200, changed), etag='"v2"')
    portal.routes[BARU.path] = html(BARU.html())
    mark = len(portal.log)
    assert run(out, *seeds).exit_code == 0
    assert BARU.path in requests_since(mark)
    assert len(records(out)) == first + 1


def test_a_url_listed_twice_is_fetched_once(portal: Portal, tmp_path: Path) -> None:
    """An article in a feed and in a sitemap, and twice in the feed, is fetched once; the
    run's record of the URLs it met lives in the state file, not in memory."""
    portal.routes["/rss.xml"] = Response(200, rss(portal.base, [OLAHRAGA, OLAHRAGA]).encode())
    portal.routes["/sitemap-satu.xml"] = Response(
        200, urlset(portal.base, [OLAHRAGA.path]).encode(), {"Content-Type": "application/xml"}
    )
    out = tmp_path / "warta.jsonl"
    result = run(out, portal.base + "/rss.xml", portal.base + "/sitemap-satu.xml")
    assert result.exit_code == 0
    assert len(portal.requests(OLAHRAGA.path)) == 1
    assert paths(out, portal.base) == {OLAHRAGA.path}


def test_stopped_run_resumes_where_it_stopped(portal: Portal, tmp_path: Path) -> None:
    out = tmp_path / "warta.jsonl"
    seeds = [portal.base + "/sitemap-arsip.xml.gz", portal.base + "/rss.xml"]
    first = run(out, *seeds, "--max-pages", "1")
    assert first.exit_code == 0 and "stopped at --max-pages" in first.stderr
    assert len(records(out)) == 1
    assert run(out, *seeds).exit_code == 0
    articles = {OLAHRAGA.path, LAMA.path, BANYUWANGI.path, ARSIP.path}
    assert paths(out, portal.base) == articles
    assert all(len(portal.requests(path)) == 1 for path in articles)


def test_interrupted_run_resumes(
    portal: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle: what was done stays done, the rest is fetched next time."""
    from sinergi.loaders.collect import run as collect_run

    real = collect_run.extract_article
    calls = iter(range(100))
    lock = threading.Lock()

    def interrupt_second(*args: object) -> object:
        with lock:
            if next(calls) == 1:
                raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(collect_run, "extract_article", interrupt_second)
    out = tmp_path / "warta.jsonl"
    seeds = [portal.base + "/sitemap-arsip.xml.gz", portal.base + "/rss.xml"]
    options = {"rate": 50.0, "concurrency": 1, "threads": 1, "timeout": 5.0}
    report = api.collect(seeds, out, user_agent=USER_AGENT, **options)
    assert report.interrupted and report.articles == 1 and report.left > 0
    monkeypatch.setattr(collect_run, "extract_article", real)
    with api.open_store(tmp_path / "kg") as store:  # and straight into a store
        report = api.collect(seeds, out, user_agent=USER_AGENT, store=store, **options)
    assert not report.interrupted and report.left == 0
    assert report.articles == 3 and report.ingest is not None and report.ingest.added == 4
    assert paths(out, portal.base) == {OLAHRAGA.path, LAMA.path, BANYUWANGI.path, ARSIP.path}
    assert len(records(out)) == 4


def test_date_range_keeps_only_articles_published_in_it(portal: Portal, tmp_path: Path) -> None:
    out = tmp_path / "warta.jsonl"
    result = run(out, portal.base + "/sitemap-arsip.xml.gz", "--since", "2024-01-01")
    assert result.exit_code == 0  # a filtered article is not a failure
    assert paths(out, portal.base) == {BANYUWANGI.path}
    assert report_rows(out) == {ARSIP.path: "out-of-range"}


def test_sitemap_dates_before_since_are_not_fetched(portal: Portal, tmp_path: Path) -> None:
    """A page a sitemap says last changed before --since cannot be published after it."""
    entries = [(ARSIP.path, "<lastmod>2019-01-21</lastmod>"), (BANYUWANGI.path, ""),
               (LEBAK.path, "<lastmod>2024-05-14T10:00:00+07:00</lastmod>")]  # fmt: skip
    urls = "".join(f"<url><loc>{portal.base}{p}</loc>{d}</url>" for p, d in entries)
    portal.routes["/sitemap-bertanggal.xml"] = Response(
        200,
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
        {"Content-Type": "application/xml"},
    )
    out = tmp_path / "warta.jsonl"
    result = run(out, portal.base + "/sitemap-bertanggal.xml", "--since", "2024-01-01")
    assert result.exit_code == 0
    assert paths(out, portal.base) == {BANYUWANGI.path, LEBAK.path}
    assert report_rows(out) == {ARSIP.path: "older"}
    assert portal.requests(ARSIP.path) == []


def test_relevance_gate_keeps_only_collaboration_news(portal: Portal, tmp_path: Path) -> None:
    out = tmp_path / "warta.jsonl"
    assert run(out, portal.base + "/rss.xml", "--relevant-only").exit_code == 0
    assert paths(out, portal.base) == {LAMA.path}
    assert report_rows(out) == {OLAHRAGA.path: "not-relevant"}


def test_ingest_straight_into_a_store(portal: Portal, tmp_path: Path) -> None:
    out, store = tmp_path / "warta.jsonl", tmp_path / "store"
    result = run(out, portal.base + "/sitemap-arsip.xml.gz", "--ingest", "--store", str(store))
    assert result.exit_code == 0, result.output
    with api.open_store(store) as graph:
        assert set(graph.article_hashes()) == {r["doc"] for r in records(out)}


def test_per_host_rate_and_concurrency(tmp_path: Path) -> None:
    """Six slow pages on one host: never more than --concurrency at once, starts spaced."""
    portal = build_portal()
    server, base = serve(portal)
    try:
        pages = [f"/berita/halaman-{i}.html" for i in range(6)]
        for i, path in enumerate(pages):
            page = html(LEBAK.html().replace(LEBAK.title, f"{LEBAK.title} bagian {i}"))
            portal.routes[path] = Response(200, page.body, page.headers, delay=0.2)
        out = tmp_path / "warta.jsonl"
        args = [
            "collect",
            *(base + p for p in pages),
            "--out",
            str(out),
            "--user-agent",
            USER_AGENT,
        ]
        result = CliRunner().invoke(main, [*args, "--rate", "5", "--concurrency", "2", "-q"])
        assert result.exit_code == 0, result.output
        assert len(records(out)) == 6
        assert portal.max_active <= 2
        starts = sorted(when for path, when, _ in portal.log if path in pages)
        # Six starts at 5/s span at least 1 s; without the rate, two at a time of 0.2 s
        # pages span 0.4 s. The span, unlike each gap, shrugs off a busy machine's jitter.
        assert starts[-1] - starts[0] >= 0.8
    finally:
        server.shutdown()
        server.server_close()


def test_unreachable_and_oversized_pages_are_named(portal: Portal, tmp_path: Path) -> None:
    portal.routes["/besar.html"] = html(LEBAK.html() + "<!--" + "x" * 5000 + "-->")
    out = tmp_path / "warta.jsonl"
    unresolvable = "http://tidak-ada.invalid/berita.html"  # .invalid never resolves (RFC 2606)
    result = run(out, unresolvable, portal.base + "/besar.html", "--max-bytes", "3000")
    assert result.exit_code == 3
    with out.with_suffix(".report.csv").open(encoding="utf-8", newline="") as handle:
        categories = {row["url"]: row["category"] for row in csv.DictReader(handle)}
    assert categories == {unresolvable: "dns", portal.base + "/besar.html": "too-large"}
    (warc,) = tmp_path.joinpath("warta-warc").glob("*.warc.gz")
    with warc.open("rb") as handle:
        large = [
            r.rec_headers.get_header("WARC-Truncated")
            for r in ArchiveIterator(handle)
            if r.rec_type == "response"
            and r.rec_headers.get_header("WARC-Target-URI").endswith("/besar.html")
        ]
    assert large == ["length"]  # archived, marked as cut off


def test_robots_txt_that_fails_disallows_the_site(portal: Portal, tmp_path: Path) -> None:
    """RFC 9309: a robots.txt answered with 5xx means the whole site is off limits."""
    portal.routes["/robots.txt"] = Response(503, b"sedang pemeliharaan")
    out = tmp_path / "warta.jsonl"
    assert run(out, portal.base + LEBAK.path).exit_code == 3
    assert report_rows(out) == {LEBAK.path: "robots"}
    assert portal.requests(LEBAK.path) == []


def test_charset_is_detected_when_undeclared_and_binary_is_named(
    portal: Portal, tmp_path: Path
) -> None:
    """A Windows-1252 page served as plain text/html still reads right; a page of binary
    bytes is reported as undecodable instead of stored as mojibake."""
    page = LAMA.html("windows-1252").encode("windows-1252")
    portal.routes["/lama-tanpa-charset.html"] = Response(200, page, {"Content-Type": "text/html"})
    portal.routes["/biner.html"] = Response(200, bytes(range(256)) * 8)
    out = tmp_path / "warta.jsonl"
    seeds = [portal.base + "/lama-tanpa-charset.html", portal.base + "/biner.html"]
    assert run(out, *seeds).exit_code == 3
    (lama,) = records(out)
    assert lama["title"] == LAMA.title
    assert report_rows(out) == {"/biner.html": "undecodable"}


def test_an_unexpected_error_on_one_page_does_not_stop_the_run(
    portal: Portal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinergi.loaders.collect import run as collect_run

    real = collect_run.extract_article

    def fragile(fetched: Fetched, page: str | None = None) -> dict[str, object]:
        if fetched.url.endswith(OLAHRAGA.path):
            raise ValueError("parser tersandung")
        return real(fetched, page)

    monkeypatch.setattr(collect_run, "extract_article", fragile)
    out = tmp_path / "warta.jsonl"
    assert run(out, portal.base + "/rss.xml").exit_code == 3
    assert paths(out, portal.base) == {LAMA.path}
    assert report_rows(out) == {OLAHRAGA.path: "error"}
