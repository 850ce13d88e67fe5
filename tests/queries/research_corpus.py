"""A second hand-written corpus for the research queries: a program that spreads with a
lag, a forum, and an undated visit.

Facts:

* b1 2021-05-03: Kota Jambi (15.71) studies Kota Bengkulu's (17.71) pasar murah di masjid
  (perdagangan) on a working visit.
* b2 2022-03-11: Provinsi Banten (36) studies the same program in Kota Bengkulu: adopted
  312 days after it was first reported.
* b3 2019-10-07: an APEKSI meeting in Kota Padang (13.71) with the mayors of Kota
  Bengkulu, Kota Jambi and Kota Palembang (16.71).
* b4 (no date anywhere): Kabupaten Kaur (17.04) visits Kota Bengkulu.
"""

from __future__ import annotations

from pathlib import Path

from sinergi import api
from sinergi.graph.store import OxigraphStore

ARTICLES = {
    "b1": (
        "Jambi Tengok Pasar Murah\n\n"
        "Pemkot Bengkulu menerima kunjungan kerja Pemkot Jambi, Senin (3/5/2021).\n"
        "Rombongan Jambi datang untuk belajar tata kelola pasar.\n"
        "Dinas Perdagangan Kota Bengkulu memaparkan program pasar murah di masjid yang digelar "
        "setiap pekan.\n"
    ),
    "b2": (
        "Banten Ikut Belajar\n\n"
        "Pemprov Banten melakukan studi banding ke Kota Bengkulu, Jumat (11/3/2022).\n"
        "Dinas Perdagangan Kota Bengkulu memaparkan program pasar murah di masjid kepada "
        "rombongan Banten.\n"
    ),
    "b3": (
        "Wali Kota Berkumpul\n\n"
        "Wali Kota Bengkulu, Wali Kota Jambi dan Wali Kota Palembang menghadiri rapat kerja "
        "APEKSI di Kota Padang, Senin (7/10/2019).\n"
    ),
    "b4": (
        "Tamu dari Selatan\n\n"
        "Pemkab Kaur melakukan kunjungan kerja ke Kota Bengkulu untuk belajar pengelolaan "
        "pasar.\n"
    ),
}


def build_research_store(root: Path) -> OxigraphStore:
    """Ingest the corpus into a new store under ``root`` through the public API."""
    folder = root / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for doc, text in ARTICLES.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    store = api.open_store(root / "store")
    report = api.ingest([folder], store)
    assert (report.read, report.added, report.rejected) == (4, 4, [])
    return store
