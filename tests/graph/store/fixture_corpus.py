"""A small hand-written corpus and the store built from it, shared by graph and query tests.

Facts (learner -> source, i.e. knowledge flows source -> learner):

* a1 2022-02-24: Kota Bengkulu (17.71) studies in Kota Pangkalpinang (19.71) and its
  pasar murah programme (owner 19.71, perdagangan).
* a2 2022-06-10: Kabupaten Serang (36.04) studies in Kota Bengkulu (17.71): waste
  management (owner 17.71, lingkungan-hidup). With a1 this is the chain 19.71 -> 17.71 -> 36.04.
* a3 2022-03-15: Provinsi Banten (36) and Provinsi Bengkulu (17) sign an MoU and exchange
  programmes: an agreement and learning both ways.
* a4 2023-01-12: Pangkalpinang hosts Bengkulu again: e-parking (owner 19.71, perhubungan).
"""

from __future__ import annotations

from pathlib import Path

from sinergi import api
from sinergi.graph.store import OxigraphStore

ARTICLES = {
    "a1": (
        "Rombongan Tiba Pagi Hari\n\n"
        "Pemerintah Kota Bengkulu melakukan studi banding ke Kota Pangkalpinang, Kamis (24/2/2022).\n"
        "Rombongan dipimpin Wali Kota Bengkulu Helmi Hasan dan diterima Wali Kota Pangkalpinang "
        "Maulan Aklil (Molen) di rumah dinas.\n"
        "Dalam kunjungan itu rombongan mempelajari program pasar murah keliling yang digelar "
        "Pemkot Pangkalpinang setiap Jumat.\n"
    ),
    "a2": (
        "Tamu dari Barat Jawa\n\n"
        "Pemkab Serang melakukan studi tiru ke Kota Bengkulu, Jumat (10/6/2022).\n"
        "Bupati Serang Ratu Tatu Chasanah mengatakan rombongan mendalami pengelolaan sampah "
        "di Kota Bengkulu.\n"
    ),
    "a3": (
        "Dua Provinsi Bersepakat\n\n"
        "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman di Kota Serang, "
        "Selasa (15/3/2022).\n"
        "Gubernur Banten Wahidin Halim menyebut kedua provinsi sepakat saling bertukar program "
        "unggulan.\n"
    ),
    "a4": (
        "Kunjungan Kedua Tahun Ini\n\n"
        "Pemkot Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu, Kamis (12/1/2023).\n"
        "Rombongan Kota Bengkulu mempelajari sistem retribusi parkir elektronik milik Dinas "
        "Perhubungan Kota Pangkalpinang.\n"
    ),
}

TITLES = {doc: text.splitlines()[0] for doc, text in ARTICLES.items()}


def write_articles(folder: Path) -> Path:
    """Write the corpus as ``<doc>.txt`` files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc, text in ARTICLES.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    return folder


def build_store(root: Path) -> OxigraphStore:
    """Ingest the corpus into a new store under ``root`` through the public API."""
    store = api.open_store(root / "store")
    report = api.ingest([write_articles(root / "articles")], store)
    assert (report.read, report.added, report.rejected) == (4, 4, [])
    return store
