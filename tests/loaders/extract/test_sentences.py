"""Sentence splitting keeps exact offsets into the original article text."""

from __future__ import annotations

import pytest

from sinergi.loaders.extract.sentences import is_hard_wrapped, split_sentences

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


# Written for this test: a press release wrapped at a fixed width, as copied from a PDF.
HARD_WRAPPED = (
    "PEKALONGAN - Pemkot Pekalongan menerima kunjungan dua daerah\n"
    "yang datang untuk belajar tata kelola pasar, Senin (3/6/2024).\n"
    "Kedua daerah itu yakni Kabupaten Blora dan Kota\n"
    "Salatiga. Rombongan diterima di ruang rapat dan\n"
    "berdiskusi selama dua jam dengan dinas terkait. Mereka\n"
    "juga meninjau pasar induk dan\n"
    "los pedagang ikan.\n"
)
# Written for this test: a scope list whose items have no end marks.
SCOPE_LIST = (
    "Ruang lingkup kesepakatan meliputi:\n"
    "a. Pengembangan kota cerdas\n"
    "b. Pengembangan pariwisata\n"
    "c. Pengembangan sumber daya manusia\n"
    "d. Ketahanan pangan\n"
    "e. Bidang lain yang disepakati bersama"
)


def test_a_hard_wrapped_text_is_split_at_its_end_marks_only() -> None:
    """Lines cut mid-sentence are joined: only end marks (and blank lines) end a sentence,
    and offsets still point into the original text."""
    assert is_hard_wrapped(HARD_WRAPPED)
    sentences = split_sentences(HARD_WRAPPED)
    assert [" ".join(s.text.split()) for s in sentences] == [
        "PEKALONGAN - Pemkot Pekalongan menerima kunjungan dua daerah yang datang untuk "
        "belajar tata kelola pasar, Senin (3/6/2024).",
        "Kedua daerah itu yakni Kabupaten Blora dan Kota Salatiga.",
        "Rombongan diterima di ruang rapat dan berdiskusi selama dua jam dengan dinas terkait.",
        "Mereka juga meninjau pasar induk dan los pedagang ikan.",
    ]
    assert all(HARD_WRAPPED[s.start : s.end] == s.text for s in sentences)


def test_list_items_without_end_marks_stay_separate() -> None:
    assert not is_hard_wrapped(SCOPE_LIST)
    assert not any("\n" in s.text for s in split_sentences(SCOPE_LIST))
