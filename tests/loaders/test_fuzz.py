"""Arbitrary text never crashes the readers or the extractor (hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import extraction_triples
from sinergi.loaders.read.documents import Document, Rejected, iter_documents

# Text made of news-like pieces and arbitrary characters, so rules actually fire.
PIECES = st.sampled_from(
    [
        "Pemkot Bengkulu",
        "menerima kunjungan kerja",
        "Pemkab Serang",
        "studi banding ke",
        "Kota Pangkalpinang",
        "(24/2/2022)",
        "Wali Kota Bengkulu Helmi Hasan",
        "belajar dari",
        "menandatangani nota kesepahaman",
        "APEKSI",
        "Gubernur Banten",
        "saling bertukar program",
        "Mereka adalah",
        "Baca juga:",
        ".,",
        "\n\n",
        "“",
        "”",
        "Kab.",
        "Dr. H.",
        " dan ",
        ",",
    ]
)
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_extractor_never_crashes_and_spans_stay_in_the_text(text: str) -> None:
    extraction = extract(Document("fuzz", text))
    result = extraction.to_json()
    for facet in ("regions", "officials", "events", "learning", "programs"):
        for item in result[facet]:
            evidence = item["evidence"]
            assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
    extraction_triples(extraction)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_readers_never_crash_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(data)
    errors: list[Rejected] = []
    documents = list(iter_documents([path], on_error=errors.append))
    assert all(isinstance(d, Document) and d.text.strip() for d in documents)
    assert all(e.reason for e in errors)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(st.dictionaries(st.text(max_size=8), st.text(max_size=20)), st.integers()),
        max_size=5,
    )
)
def test_jsonl_reader_takes_any_json_values(tmp_path: Path, records: list) -> None:
    path = tmp_path / "acak.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    errors: list[Rejected] = []
    documents = list(iter_documents([path], on_error=errors.append))
    assert len(documents) + len(errors) <= len(records)
