"""Officials: names without titles, nicknames, acting posts, national posts."""

from __future__ import annotations

import pytest

from sinergi.loaders.extract.context import build_context
from sinergi.loaders.extract.officials import OfficialMention, find_officials
from sinergi.loaders.read.documents import Document


def officials(text: str) -> list[OfficialMention]:
    context = build_context(Document("pejabat", text))
    return find_officials(context.text, context.regions)


def summary(text: str) -> list[tuple[str, list[str], str, str | None, bool]]:
    return [(o.name, o.aliases, o.position, o.region, o.acting) for o in officials(text)]


def test_titles_and_degrees_are_stripped() -> None:
    text = "Gubernur Banten Dr. H. Wahidin Halim, M.Si. membuka acara itu."

    [official] = officials(text)

    assert (official.name, official.position, official.region) == (
        "Wahidin Halim",
        "gubernur",
        "36",
    )
    assert official.aliases == []
    assert official.acting is False
    assert text[official.start : official.end].startswith("Gubernur Banten")


def test_title_kind_picks_the_region_reading() -> None:
    text = "Wali Kota Bengkulu Helmi Hasan bertemu Gubernur Bengkulu Rohidin Mersyah kemarin."

    assert summary(text) == [
        ("Helmi Hasan", [], "wali kota", "17.71", False),
        ("Rohidin Mersyah", [], "gubernur", "17", False),
    ]


def test_nickname_in_parentheses_is_an_alias() -> None:
    text = "Walikota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan di rumah dinas."

    assert summary(text) == [("Maulan Aklil", ["Molen"], "wali kota", "19.71", False)]


@pytest.mark.parametrize(
    "later",
    [
        "Wali Kota Molen berharap kerja sama ini berlanjut.",
        "Menurut Wali Kota Pangkalpinang Molen, kerja sama ini berlanjut.",
        "Wali Kota Maulan kemudian menutup acara.",
    ],
)
def test_later_reference_by_nickname_or_first_name_merges(later: str) -> None:
    text = f"Wali Kota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan. {later}"

    assert summary(text) == [("Maulan Aklil", ["Molen"], "wali kota", "19.71", False)]


def test_different_people_of_one_region_stay_apart() -> None:
    text = (
        "Wali Kota Pangkalpinang Maulan Aklil (Molen) menyambut rombongan. "
        "Wakil Wali Kota Pangkalpinang Hakim Rahman turut hadir."
    )

    assert [(o.name, o.position, o.region) for o in officials(text)] == [
        ("Maulan Aklil", "wali kota", "19.71"),
        ("Hakim Rahman", "wakil wali kota", "19.71"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Pj. Bupati Bekasi Dani Ramdan hadir di aula.",
        "Pj Bupati Bekasi, Dani Ramdan hadir di aula.",
        "Plt. Bupati Bekasi Dani Ramdan hadir di aula.",
    ],
)
def test_acting_holder_gets_the_post_position(text: str) -> None:
    assert summary(text) == [("Dani Ramdan", [], "bupati", "32.16", True)]


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("Mendagri Tito Karnavian hadir di Kota Bandung.", "Tito Karnavian", "menteri"),
        ("Presiden Joko Widodo tiba di Kota Serang.", "Joko Widodo", "presiden"),
    ],
)
def test_national_posts_have_no_region(text: str, name: str, position: str) -> None:
    assert summary(text) == [(name, [], position, None, False)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Menteri Dalam Negeri Tito Karnavian hadir di Kota Bandung.", "Tito Karnavian"),
        ("Menteri Sosial Tri Rismaharini meninjau Kota Bengkulu.", "Tri Rismaharini"),
        ("Menteri PANRB Abdullah Azwar Anas hadir di Kota Serang.", "Abdullah Azwar Anas"),
    ],
)
def test_minister_with_portfolio_is_national(text: str, name: str) -> None:
    assert summary(text) == [(name, [], "menteri", None, False)]


def test_name_ends_at_the_full_stop() -> None:
    text = "Rombongan disambut Gubernur Bengkulu Rohidin Mersyah. Acara lalu dimulai."

    [official] = officials(text)

    assert official.name == "Rohidin Mersyah"
    assert text[official.start : official.end] == "Gubernur Bengkulu Rohidin Mersyah"


def test_title_without_a_name_is_not_an_official() -> None:
    assert officials("Wali Kota Bengkulu dan Wali Kota Jambi menghadiri rapat itu.") == []
