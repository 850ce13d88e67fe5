"""The review file of benchmarks/extraction.py: flagged articles with their evidence sentences.

Runs the benchmark's review writer on three short articles written for this test (no
../shared needed): a studi banding, a signed agreement and a market report.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from sinergi.loaders.read.documents import Document
from tests.conftest import REPO

VISIT_SENTENCE = (
    "Rombongan Pemerintah Kabupaten Sleman melakukan studi banding ke Pemerintah Kabupaten "
    "Banyuwangi, Jawa Timur, Selasa (10/9/2019)."
)
AGREEMENT_SENTENCE = (
    "Pemerintah Kota Bandung dan Pemerintah Kota Surabaya menandatangani nota kesepahaman "
    "kerja sama pengelolaan sampah di Balai Kota Bandung, Rabu (11/9/2019)."
)
DOCUMENTS = [
    Document(
        "uji-kunjungan",
        VISIT_SENTENCE + " Kunjungan itu untuk mempelajari pelayanan publik terpadu yang "
        "dikembangkan Banyuwangi. Bupati Banyuwangi menyambut rombongan di pendopo.",
        title="Sleman Belajar Pelayanan Publik ke Banyuwangi",
        url="https://contoh.example/sleman-banyuwangi",
    ),
    Document(
        "uji-pasar",
        "Harga cabai di pasar tradisional Kota Medan naik tajam pekan ini. Pedagang mengatakan "
        "pasokan dari petani berkurang karena musim kemarau.",
        title="Harga Cabai di Medan Naik",
    ),
    Document(
        "uji-kesepakatan",
        AGREEMENT_SENTENCE + " Kedua kota akan bertukar petugas selama enam bulan.",
        title="Bandung dan Surabaya Teken Kerja Sama Sampah",
    ),
]


@cache
def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", REPO / "benchmarks" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    return bench


def _review(tmp_path: Path) -> tuple[object, dict[str, dict], str]:
    review, markdown = tmp_path / "review.jsonl", tmp_path / "review.md"
    run = _benchmark().write_review(DOCUMENTS, review, markdown)
    lines = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines()]
    return run, {line["doc"]: line for line in lines}, markdown.read_text(encoding="utf-8")


def test_flagged_articles_are_written_with_their_evidence_sentence(tmp_path: Path) -> None:
    run, records, _ = _review(tmp_path)

    assert run.articles == 3
    assert run.flagged == ["uji-kunjungan", "uji-kesepakatan"]
    visit = records["uji-kunjungan"]
    assert visit["title"] == "Sleman Belajar Pelayanan Publik ke Banyuwangi"
    assert visit["url"] == "https://contoh.example/sleman-banyuwangi"
    assert visit["events"] and visit["events"][0]["type"] == "visit"
    assert visit["events"][0]["sentence"] == VISIT_SENTENCE
    assert {"hosts", "guests", "forum", "rule", "confidence"} <= set(visit["events"][0])
    assert visit["learning"] and visit["learning"][0]["sentence"] == VISIT_SENTENCE
    assert {"learner", "source", "rule", "confidence"} <= set(visit["learning"][0])
    agreement = records["uji-kesepakatan"]["events"][0]
    assert agreement["type"] == "agreement" and agreement["sentence"] == AGREEMENT_SENTENCE


def test_evidence_offsets_point_into_the_document_text(tmp_path: Path) -> None:
    _, records, _ = _review(tmp_path)
    event = records["uji-kunjungan"]["events"][0]
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert DOCUMENTS[0].text[start:end] in VISIT_SENTENCE


def test_unrelated_article_is_not_written(tmp_path: Path) -> None:
    run, records, markdown = _review(tmp_path)
    assert "uji-pasar" not in records
    assert "uji-pasar" not in markdown and "cabai" not in markdown
    assert run.without_cues == 1 and run.flagged_without_cues == 0


def test_markdown_lists_each_article_title_then_its_sentences(tmp_path: Path) -> None:
    _, _, markdown = _review(tmp_path)
    title = markdown.index("Sleman Belajar Pelayanan Publik ke Banyuwangi")
    assert markdown.index(f"> {VISIT_SENTENCE}") > title
    assert "Kabupaten Banyuwangi" in markdown
    assert f"> {AGREEMENT_SENTENCE}" in markdown
