"""Region mentions: prefixes resolve ambiguous names, aliases link, blocked words do not."""

from __future__ import annotations

import pytest

from sinergi.loaders.extract.context import build_context
from sinergi.loaders.extract.gazetteer import get_gazetteer
from sinergi.loaders.read.documents import Document


def codes(text: str) -> list[str]:
    return [m.code for m in get_gazetteer().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wali Kota Bengkulu membuka acara itu.", "17.71"),
        ("Gubernur Bengkulu membuka acara itu.", "17"),
        ("Bupati Serang membuka acara itu.", "36.04"),
        ("Rombongan tiba di Kota Serang pada sore hari.", "36.73"),
        ("Rombongan tiba di Kabupaten Serang pada sore hari.", "36.04"),
    ],
)
def test_prefix_resolves_ambiguous_name(text: str, expected: str) -> None:
    assert codes(text) == [expected]


def test_prefixed_mention_records_its_prefix_and_span() -> None:
    text = "Kemarin Wali Kota Bengkulu hadir."

    [mention] = get_gazetteer().find(text)

    assert mention.prefix == "wali kota"
    assert text[mention.start : mention.end] == mention.surface == "Bengkulu"
    assert text[mention.prefix_start : mention.end] == "Wali Kota Bengkulu"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemprov Babel mengirim utusan.", "19"),
        ("Rombongan dari Tangsel tiba siang ini.", "36.74"),
        ("Pemkot Pangkalpinang menyambut rombongan.", "19.71"),
        ("Rombongan tiba di Kota Pangkal Pinang siang ini.", "19.71"),
    ],
)
def test_aliases_link_to_their_region(text: str, expected: str) -> None:
    assert codes(text) == [expected]


def test_abbreviation_in_parentheses_between_prefix_and_name() -> None:
    assert codes("Pemerintah Kota (Pemkot) Bandung menerima tamu.") == ["32.73"]


def test_list_shares_the_prefix_of_its_first_name() -> None:
    # "Jambi" alone is the province (15); after "Pemerintah Kota Bengkulu dan" it is the kota.
    assert codes("Pemerintah Kota Bengkulu dan Jambi menjalin kerja sama.") == ["17.71", "15.71"]
    assert codes("Rombongan dari Jambi tiba.") == ["15"]


@pytest.mark.parametrize(
    ("blocked", "plain", "code"),
    [
        ("Peternak membeli sapi Bali untuk dikembangkan.", "Warga Bali datang.", "51"),
        ("Kapal itu berlayar ke Pulau Bangka kemarin.", "Warga Bangka datang.", "19.01"),
        ("Ia membeli kopi Kerinci di pasar.", "Warga Kerinci datang.", "15.01"),
        ("Kantor itu di Jalan Bengkulu nomor 5.", "Kantor itu di Bengkulu.", "17"),
        ("Kabar ini dari Jambi Ekspres hari ini.", "Kabar ini dari Jambi.", "15"),
    ],
)
def test_blocked_words_are_not_region_mentions(blocked: str, plain: str, code: str) -> None:
    assert codes(blocked) == []
    assert codes(plain) == [code]


def test_common_word_batu_needs_a_prefix() -> None:
    assert codes("Warga menyusun batu di tepi sungai.") == []
    assert codes("Batu besar itu menutup jalan desa.") == []
    assert codes("Rombongan tiba di Kota Batu pagi ini.") == ["35.79"]


def test_all_caps_dateline_counts_for_a_name_that_needs_a_prefix() -> None:
    assert codes("BATU - Pemerintah setempat menggelar rapat.") == ["35.79"]


def test_baca_juga_teaser_is_skipped() -> None:
    text = (
        "Pemkot Bengkulu menerima tamu dari Pemkab Serang.\n"
        "Baca juga: Pemkot Jambi raih penghargaan nasional\n"
        "Acara berlangsung lancar."
    )

    context = build_context(Document("teaser", text))

    assert context.teasers == {1}
    assert [m.code for m in context.regions] == ["17.71", "36.04"]
    assert [s.index for s in context.content_sentences()] == [0, 2]
    # Without the skip span the same gazetteer does see Jambi: the teaser path matters.
    assert "15.71" in codes(text)


def test_explicit_skip_span_drops_mentions_inside_it() -> None:
    text = "Pemkot Bengkulu hadir. Pemkot Jambi juga hadir."
    start = text.index("Pemkot Jambi")

    mentions = get_gazetteer().find(text, skip=[(start, len(text))])

    assert [m.code for m in mentions] == ["17.71"]


def test_a_character_that_lower_cases_to_two_does_not_shift_offsets() -> None:
    """'İ'.lower() is two characters; names after it must keep their offsets in the text."""
    text = "Tamu dari İzmir dan İstanbul bertemu Wali Kota Bengkulu di Kota Jambi."

    mentions = get_gazetteer().find(text)

    assert [(m.code, text[m.start : m.end], m.surface) for m in mentions] == [
        ("17.71", "Bengkulu", "Bengkulu"),
        ("15.71", "Jambi", "Jambi"),
    ]
