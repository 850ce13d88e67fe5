"""Sentence splitting keeps exact offsets into the original article text."""

from __future__ import annotations

import pytest

from sinergi.loaders.extract.sentences import split_sentences

MESSY = (
    "  Judul: Tamu dari Bengkulu \r\n\r\n"
    'BENGKULU - Pemkot  Bengkulu menerima tamu.\tIa berkata: "Kami senang." '
    "Lalu rombongan pulang!  Apakah ada rencana lain? Ya, ada.\n"
    "Kegiatan ditutup pukul 12.00 WIB.  "
)


def test_offsets_map_back_into_the_original_text() -> None:
    sentences = split_sentences(MESSY)

    assert [s.text for s in sentences] == [
        "Judul: Tamu dari Bengkulu",
        "BENGKULU - Pemkot  Bengkulu menerima tamu.",
        'Ia berkata: "Kami senang."',
        "Lalu rombongan pulang!",
        "Apakah ada rencana lain?",
        "Ya, ada.",
        "Kegiatan ditutup pukul 12.00 WIB.",
    ]
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert MESSY[sentence.start : sentence.end] == sentence.text
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text",
    [
        "Sambutan disampaikan Dr. H. Rahmat Hidayat, M.Si. di aula. Acara selesai.",
        "Hadir pula Prof. Dr. Ir. H. Budi Santoso dari Kota Batu. Acara selesai.",
        "Pj. Bupati Bekasi Dani Ramdan hadir di aula. Acara selesai.",
    ],
)
def test_titles_and_degrees_do_not_split(text: str) -> None:
    sentences = split_sentences(text)

    assert [s.text for s in sentences] == [text[: -len(" Acara selesai.")], "Acara selesai."]


def test_abbreviation_at_sentence_start_stays_with_its_sentence() -> None:
    text = "Acara dibuka pagi hari. Dr. H. Ahmad Yani memberi sambutan. Lalu ditutup."

    assert [s.text for s in split_sentences(text)] == [
        "Acara dibuka pagi hari.",
        "Dr. H. Ahmad Yani memberi sambutan.",
        "Lalu ditutup.",
    ]


def test_scraped_paragraph_join_splits() -> None:
    text = "Nota kesepahaman diteken.,Selanjutnya kedua pihak berfoto.,Acara selesai."

    sentences = split_sentences(text)

    assert [s.text for s in sentences] == [
        "Nota kesepahaman diteken.",
        "Selanjutnya kedua pihak berfoto.",
        "Acara selesai.",
    ]
    assert [(s.start, s.end) for s in sentences] == [(0, 25), (26, 58), (59, 73)]


def test_empty_and_punctuation_only_text_gives_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n ,. \n") == []
