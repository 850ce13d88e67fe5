"""A fictional regional news portal served on loopback, for the ``collect`` tests.

Every text here was written for these tests (invented events between real region names);
none is copied from a news site. The portal has what real ones have: a home page that
announces its RSS feed, a robots.txt with a disallowed folder and a sitemap index (one
child plain XML, one gzipped), and the trouble a crawl meets: 404, 429 with Retry-After,
500, a slow page, a redirect loop, a Windows-1252 page, a page without article text and
the same article under two URLs.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!DOCTYPE html>
<html lang="id"><head>
<meta charset="{charset}">
<title>{title} - Warta Daerah</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Warta Daerah">
<meta property="article:published_time" content="{date}T09:00:00+07:00">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
</head><body>
<nav><a href="/">Beranda</a> | <a href="/berita/">Berita</a> | <a href="/olahraga/">Olahraga</a></nav>
<main><article>
<h1>{title}</h1>
<p class="date">{date}</p>
{paragraphs}
</article>
<aside><h3>Baca juga</h3><ul><li><a href="/berita/lain.html">Berita lain hari ini</a></li></ul></aside>
</main>
<footer>Hak cipta Warta Daerah. Semua hak dilindungi.</footer>
</body></html>
"""


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    date: str
    paragraphs: tuple[str, ...]

    def html(self, charset: str = "utf-8") -> str:
        body = "\n".join(f"<p>{p}</p>" for p in self.paragraphs)
        return PAGE.format(charset=charset, title=self.title, date=self.date, paragraphs=body)


LEBAK = Article(
    "/berita/2024/05/lebak-belajar-ke-malang.html",
    "Pemkab Lebak Belajar Pengelolaan Sampah ke Pemkot Malang",
    "2024-05-14",
    (
        "Pemerintah Kabupaten Lebak melakukan kunjungan kerja ke Pemerintah Kota Malang untuk "
        "mempelajari pengelolaan bank sampah berbasis kelurahan.",
        "Rombongan yang dipimpin Sekretaris Daerah Kabupaten Lebak diterima Wali Kota Malang di "
        "Balai Kota. Kedua pemerintah daerah sepakat menjajaki nota kesepahaman tentang "
        "pengelolaan sampah dan pertukaran pegawai.",
        "Menurut Sekda Lebak, studi banding ini akan menjadi dasar program serupa di tiga "
        "kecamatan mulai tahun depan.",
    ),
)
BANYUWANGI = Article(
    "/berita/2024/06/banyuwangi-terima-pemkot-bima.html",
    "Banyuwangi Terima Studi Tiru Pemkot Bima soal Pelayanan Publik",
    "2024-06-03",
    (
        "Pemerintah Kabupaten Banyuwangi menerima studi tiru dari Pemerintah Kota Bima tentang "
        "mal pelayanan publik dan layanan perizinan daring.",
        "Wakil Wali Kota Bima mengatakan pemerintah kota ingin menerapkan inovasi pelayanan "
        "yang sama. Bupati Banyuwangi menyatakan siap mendampingi dan berbagi pengalaman "
        "kepada pemerintah daerah lain.",
    ),
)
ARSIP = Article(
    "/berita/2019/01/kerja-sama-kendal-semarang.html",
    "Kendal dan Kota Semarang Teken Kerja Sama Transportasi",
    "2019-01-21",
    (
        "Pemerintah Kabupaten Kendal dan Pemerintah Kota Semarang menandatangani perjanjian "
        "kerja sama antardaerah di bidang transportasi umum aglomerasi.",
        "Bupati Kendal dan Wali Kota Semarang berharap kerja sama ini mempermudah warga yang "
        "setiap hari bekerja di kota tetangga.",
    ),
)
OLAHRAGA = Article(
    "/olahraga/2024/05/laga-persahabatan.html",
    "Tim Sepak Bola Remaja Menang Tipis di Laga Persahabatan",
    "2024-05-20",
    (
        "Tim sepak bola remaja setempat menang dengan skor dua satu pada laga persahabatan di "
        "stadion utama, Minggu sore, di hadapan ratusan penonton.",
        "Pelatih mengatakan para pemain masih perlu memperbaiki umpan dan stamina menjelang "
        "turnamen bulan depan. Gol kemenangan dicetak pada menit terakhir.",
    ),
)
LAMA = Article(
    "/berita/2024/07/sragen-boyolali.html",
    "Sragen Tiru “Kampung Tangguh” Boyolali – Kerja Sama Antardaerah",
    "2024-07-02",
    (
        "Pemerintah Kabupaten Sragen mengirim tim ke Pemerintah Kabupaten Boyolali untuk "
        "mempelajari program “Kampung Tangguh” – program ketahanan pangan tingkat desa.",
        "Bupati Boyolali menyebut kunjungan kerja ini bagian dari kerja sama antardaerah di "
        "Solo Raya; kedua pemda akan bertukar data dan pendamping desa.",
    ),
)
SIBUK = Article(
    "/berita/2024/08/sibuk.html",
    "Pemkot Pekalongan Belajar Batik Digital ke Pemkab Sleman",
    "2024-08-11",
    (
        "Pemerintah Kota Pekalongan melakukan studi banding ke Pemerintah Kabupaten Sleman "
        "tentang pemasaran produk usaha kecil secara daring.",
        "Kedua pemerintah daerah sepakat melanjutkan kerja sama dalam pelatihan pelaku usaha.",
    ),
)
PINDAH = Article(
    "/berita/2024/09/baru.html",
    "Pemprov Jambi Pelajari Sistem Irigasi dari Pemprov Jawa Timur",
    "2024-09-09",
    (
        "Pemerintah Provinsi Jambi melakukan kunjungan kerja ke Pemerintah Provinsi Jawa Timur "
        "untuk mempelajari pengelolaan irigasi dan kelompok tani.",
        "Gubernur Jawa Timur menyambut rombongan dan menawarkan pendampingan teknis.",
    ),
)
BARU = Article(
    "/berita/2024/10/tambahan.html",
    "Pemkab Gowa Jalin Kerja Sama Pariwisata dengan Pemkot Makassar",
    "2024-10-01",
    (
        "Pemerintah Kabupaten Gowa dan Pemerintah Kota Makassar menandatangani nota "
        "kesepahaman kerja sama promosi pariwisata bersama.",
        "Bupati Gowa mengatakan paket wisata bersama akan ditawarkan mulai akhir tahun.",
    ),
)

#: The articles the portal's feed and sitemaps lead to, by path.
ARTICLES = {a.path: a for a in (LEBAK, BANYUWANGI, ARSIP, OLAHRAGA, LAMA, SIBUK, PINDAH)}
DUPLICATE_PATH = "/cetak/2024/05/lebak-belajar-ke-malang"
FAILING = {
    "/rahasia/rapat-internal.html": "robots",
    "/hilang.html": "http-status",
    "/rusak.html": "http-status",
    "/lambat.html": "timeout",
    "/putar-a": "redirects",
    "/galeri.html": "not-article",
}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[], Response]


@dataclass
class Conditional:
    """A route that answers a conditional request naming its ``etag`` (or, without an
    ETag, its ``last_modified``) with 304 Not Modified, as a real portal's feed does."""

    response: Response
    etag: str | None = None
    last_modified: str | None = None

    def answer(self, request: Mapping[str, str]) -> Response:
        """``request``: the request's headers, names in lower case."""
        validators = {"ETag": self.etag, "Last-Modified": self.last_modified}
        headers = {name: value for name, value in validators.items() if value}
        unchanged = (self.etag and request.get("if-none-match") == self.etag) or (
            not self.etag
            and self.last_modified
            and request.get("if-modified-since") == self.last_modified
        )
        if unchanged:
            return Response(304, b"", headers)
        return Response(
            self.response.status, self.response.body, {**self.response.headers, **headers}
        )


class Portal:
    """The routes of the portal and a log of every request it received."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler | Response | Conditional | list[Response]] = {}
        self.log: list[tuple[str, float, str]] = []  # (path, monotonic time, User-Agent)
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.base = ""

    def requests(self, path: str) -> list[float]:
        """When ``path`` was requested."""
        return [when for p, when, _ in self.log if p == path]

    def respond(self, path: str, request: Mapping[str, str] | None = None) -> Response:
        route = self.routes.get(path)
        if route is None:
            return Response(404, b"<html><body>Halaman tidak ditemukan</body></html>")
        if isinstance(route, Conditional):
            return route.answer(request or {})
        if isinstance(route, list):  # a sequence: one per request, the last one repeats
            return route.pop(0) if len(route) > 1 else route[0]
        return route() if callable(route) else route


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms)
    server: _Server

    def do_GET(self) -> None:
        portal = self.server.portal
        with portal.lock:
            portal.log.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
            portal.active += 1
            portal.max_active = max(portal.max_active, portal.active)
        try:
            request = {name.lower(): value for name, value in self.headers.items()}
            response = portal.respond(self.path, request)
            if response.delay:
                time.sleep(response.delay)
            self.send_response(response.status)
            headers = {"Content-Type": "text/html; charset=utf-8", **response.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
        finally:
            with portal.lock:
                portal.active -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    portal: Portal


def serve(portal: Portal) -> tuple[_Server, str]:
    """Start ``portal`` on 127.0.0.1 (a free port) in a thread; its base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.portal = portal
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portal.base = f"http://127.0.0.1:{server.server_address[1]}"
    return server, portal.base


def html(text: str, charset: str = "utf-8") -> Response:
    return Response(200, text.encode(charset), {"Content-Type": f"text/html; charset={charset}"})


def xml(text: str) -> Response:
    return Response(200, text.encode("utf-8"), {"Content-Type": "application/xml"})


def urlset(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def rss(base: str, articles: list[Article]) -> str:
    items = "".join(
        f"<item><title>{a.title}</title><link>{base}{a.path}</link></item>" for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Warta Daerah</title><link>{base}/</link>{items}</channel></rss>"
    )


def build_portal(retry_after: str = "1") -> Portal:
    """The whole fixture portal (see the module docstring)."""
    portal = Portal()

    def base() -> str:
        return portal.base

    routes = portal.routes
    routes["/"] = lambda: html(
        '<html><head><title>Warta Daerah</title><link rel="alternate" '
        'type="application/rss+xml" title="RSS" href="/rss.xml"></head>'
        "<body><h1>Warta Daerah</h1><ul><li>Berita terkini</li></ul></body></html>"
    )
    routes["/robots.txt"] = lambda: Response(
        200,
        (
            "User-agent: *\nDisallow: /rahasia/\n\n"
            "User-agent: badbot\nDisallow: /\n\n"
            f"Sitemap: {base()}/sitemap_index.xml\n"
        ).encode(),
        {"Content-Type": "text/plain"},
    )
    routes["/rss.xml"] = lambda: Response(
        200, rss(base(), [OLAHRAGA, LAMA]).encode(), {"Content-Type": "application/rss+xml"}
    )
    routes["/sitemap_index.xml"] = lambda: xml(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base()}/sitemap-berita.xml</loc></sitemap>"
        f"<sitemap><loc>{base()}/sitemap-arsip.xml.gz</loc></sitemap>"
        "</sitemapindex>"
    )
    routes["/sitemap-berita.xml"] = lambda: xml(
        urlset(
            base(),
            [LEBAK.path, DUPLICATE_PATH, SIBUK.path, "/berita/pindah.html", *FAILING],
        )
    )
    routes["/sitemap-arsip.xml.gz"] = lambda: Response(
        200,
        gzip.compress(urlset(base(), [BANYUWANGI.path, ARSIP.path]).encode()),
        {"Content-Type": "application/x-gzip"},
    )
    for article in (LEBAK, BANYUWANGI, ARSIP, OLAHRAGA, PINDAH):
        routes[article.path] = html(article.html())
    routes[DUPLICATE_PATH] = html(LEBAK.html())
    routes[LAMA.path] = html(LAMA.html("windows-1252"), "windows-1252")
    routes[SIBUK.path] = [
        Response(429, b"Terlalu banyak permintaan", {"Retry-After": retry_after}),
        html(SIBUK.html()),
    ]
    routes["/berita/pindah.html"] = Response(301, headers={"Location": PINDAH.path})
    routes["/rahasia/rapat-internal.html"] = html(LEBAK.html())
    routes["/rusak.html"] = Response(500, b"Kesalahan server")
    routes["/lambat.html"] = Response(200, html(BARU.html()).body, delay=5.0)
    routes["/putar-a"] = Response(302, headers={"Location": "/putar-b"})
    routes["/putar-b"] = Response(302, headers={"Location": "/putar-a"})
    routes["/galeri.html"] = html(
        '<html><head><title>Galeri</title></head><body><img src="/a.jpg"></body></html>'
    )
    return portal
