"""Short articles written for the view tests, and the store built from them by ingesting.

Facts the extractor reads from them (learner <- source; "->" is knowledge flowing):

* v1 2020-09-15: Kabupaten Banyumas (33.02) visits Kota Surakarta (33.72) and studies its
  pasar murah keliling (owner 33.72, perdagangan).
* v2 2022-05-10: Kabupaten Cilacap (33.01) visits Banyumas and studies the same pasar
  murah keliling (owner 33.02). With v1: the cascade 33.72 -> 33.02 -> 33.01.
* v3 2023-11-02: Kota Padang (13.71) and Kota Bukittinggi (13.75) sign an MoU
  (an agreement, no learning).
* v4 2024-03-05: Kota Medan (12.71) visits Kota Surabaya (35.78) and studies waste
  management (lingkungan-hidup). Its TITLE is a script/img injection and its URL a
  ``javascript:`` URL: the page must show both as text and link neither.
* v5 2023-08-14: Banyumas visits Surakarta again, for e-parking (perhubungan): the
  Surakarta -> Banyumas link has two pieces of evidence (2020 and 2023).
* v6 2019-03-06: an APEKSI forum in Kota Makassar (73.71) with Kota Palu (72.71) and
  Kota Kendari (74.71); Palu learns local tax management from Makassar (keuangan).
* v7 (no date at all): Kabupaten Sleman (34.04) visits Kota Yogyakarta (34.71) and
  studies its one-stop licensing.
"""

from __future__ import annotations

import json
from pathlib import Path

from sinergi import api
from sinergi.graph.store import OxigraphStore

XSS_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

ARTICLES: list[dict[str, str]] = [
    {
        "doc": "v1",
        "title": "Banyumas Belajar Pasar Murah Keliling ke Surakarta",
        "url": "https://example.org/berita/v1",
        "published": "2020-09-16",
        "text": (
            "Pemerintah Kabupaten Banyumas melakukan studi banding ke Kota Surakarta, "
            "Selasa (15/9/2020).\n"
            "Rombongan dipimpin Sekretaris Daerah Banyumas dan diterima Wali Kota Surakarta "
            "di balai kota.\n"
            "Dalam kunjungan itu rombongan mempelajari program pasar murah keliling yang "
            "digelar Pemkot Surakarta setiap pekan.\n"
        ),
    },
    {
        "doc": "v2",
        "title": "Cilacap Tiru Pasar Murah Keliling dari Banyumas",
        "url": "https://example.org/berita/v2",
        "published": "2022-05-11",
        "text": (
            "Pemkab Cilacap melakukan studi tiru ke Kabupaten Banyumas, Selasa (10/5/2022).\n"
            "Rombongan Cilacap mempelajari program pasar murah keliling yang dijalankan "
            "Pemkab Banyumas sejak dua tahun lalu.\n"
        ),
    },
    {
        "doc": "v3",
        "title": "Padang dan Bukittinggi Teken Nota Kesepahaman",
        "url": "https://example.org/berita/v3",
        "published": "2023-11-03",
        "text": (
            "Pemkot Padang dan Pemkot Bukittinggi menandatangani nota kesepahaman di Kota "
            "Padang, Kamis (2/11/2023).\n"
            "Wali Kota Padang menyebut kedua kota sepakat bekerja sama di bidang pariwisata.\n"
        ),
    },
    {
        "doc": "v4",
        "title": XSS_TITLE,
        "url": "javascript:window.__pwned = 3",
        "published": "2024-03-06",
        "text": (
            "Pemkot Medan melakukan studi banding ke Kota Surabaya, Selasa (5/3/2024).\n"
            "Rombongan Kota Medan mempelajari pengelolaan sampah di Kota Surabaya.\n"
        ),
    },
    {
        "doc": "v5",
        "title": "Banyumas Kembali ke Surakarta, Kini Soal Parkir Elektronik",
        "url": "https://example.org/berita/v5",
        "published": "2023-08-15",
        "text": (
            "Pemkab Banyumas kembali melakukan studi banding ke Kota Surakarta, "
            "Senin (14/8/2023).\n"
            "Rombongan Banyumas mempelajari sistem parkir elektronik milik Dinas Perhubungan "
            "Kota Surakarta.\n"
        ),
    },
    {
        "doc": "v6",
        "title": "Palu dan Kendari Timba Ilmu Pajak Daerah di Forum APEKSI Makassar",
        "url": "https://example.org/berita/v6",
        "published": "2019-03-07",
        "text": (
            "Wali Kota Palu dan Wali Kota Kendari menghadiri forum APEKSI di Kota Makassar, "
            "Rabu (6/3/2019).\n"
            "Dalam sharing session itu, Pemkot Palu belajar pengelolaan pajak daerah dari "
            "Kota Makassar.\n"
        ),
    },
    {
        "doc": "v7",
        "title": "Sleman Pelajari Perizinan Terpadu Kota Yogyakarta",
        "text": (
            "Pemkab Sleman melakukan studi banding ke Kota Yogyakarta.\n"
            "Rombongan Sleman mempelajari layanan perizinan terpadu milik Pemkot Yogyakarta.\n"
        ),
    },
]

#: The learning links (source, learner) and their evidence dates.
LEARNING = {
    ("33.72", "33.02"): ["2020-09-15", "2023-08-14"],
    ("33.02", "33.01"): ["2022-05-10"],
    ("35.78", "12.71"): ["2024-03-05"],
    ("73.71", "72.71"): ["2019-03-06"],
    ("34.71", "34.04"): [None],
}
#: The sentence that states Medan's learning from Surabaya (the injection article).
MEDAN_SENTENCE = "Pemkot Medan melakukan studi banding ke Kota Surabaya, Selasa (5/3/2024)."


def write_corpus(folder: Path) -> Path:
    """The articles as one JSON Lines file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    lines = [json.dumps(article, ensure_ascii=False) for article in ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_store(root: Path) -> OxigraphStore:
    """Ingest the articles into a new store under ``root`` through the public API."""
    store = api.open_store(root / "store")
    report = api.ingest([write_corpus(root / "articles")], store)
    assert (report.read, report.added, report.rejected) == (len(ARTICLES), len(ARTICLES), [])
    return store
