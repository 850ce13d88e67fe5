"""Dates in Indonesian news: shapes, years completed from the text, impossible dates dropped."""

from __future__ import annotations

import pytest

from sinergi.loaders.extract.dates import choose_year, find_dates, to_iso
from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.read.documents import Document


def iso_dates(text: str, published: str | None = None) -> list[str | None]:
    year = choose_year(text, published)
    return [to_iso(mention, year) for mention in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rapat digelar Kamis (24/2/2022) di aula kantor.", "2022-02-24"),
        ("Pameran itu berlangsung (18-20/10/2016) di alun-alun.", "2016-10-18"),
        ("Acara pada Selasa, 30 November 2021 berjalan lancar.", "2021-11-30"),
        ("Kunjungan pada 5-7 Agustus 2019 itu diikuti 20 orang.", "2019-08-05"),
        ("Rapat itu digelar Rabu, 9-5-2018 di Kota Batu.", "2018-05-09"),
    ],
)
def test_date_shapes(text: str, expected: str) -> None:
    assert iso_dates(text) == [expected]


def test_mention_span_points_at_the_date() -> None:
    text = "Rapat digelar Kamis (24/2/2022) di aula kantor."

    [mention] = find_dates(text)

    assert text[mention.start : mention.end] == "24/2/2022"
    assert (mention.day, mention.month, mention.year) == (24, 2, 2022)


def test_day_month_takes_the_year_stated_elsewhere_in_the_text() -> None:
    text = "Rombongan tiba Senin (7/10) pagi. Sepanjang tahun 2019 ada tiga kunjungan serupa."

    [mention] = find_dates(text)

    assert mention.year is None
    assert iso_dates(text) == ["2019-10-07"]


def test_day_month_takes_the_publication_year_when_the_text_has_none() -> None:
    assert iso_dates("Rombongan tiba Senin (7/10) pagi.", published="2021-10-08") == ["2021-10-07"]


def test_no_year_anywhere_gives_none() -> None:
    assert iso_dates("Rombongan tiba Senin (7/10) pagi.") == [None]


def test_impossible_dates_are_dropped() -> None:
    text = (
        "Jadwal Rabu (31/2/2022), Kamis (32/1/2022), Jumat (12/13/2022) dan 30 Februari 2021 "
        "tidak ada, tetapi Sabtu (26/2/2022) ada."
    )

    assert iso_dates(text) == ["2022-02-26"]


def test_leap_day_without_year_depends_on_the_year() -> None:
    [mention] = find_dates("Rapat Kamis (29/2) itu.")

    assert to_iso(mention, 2024) == "2024-02-29"
    assert to_iso(mention, 2023) is None


def test_event_date_with_year_from_article() -> None:
    text = (
        "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3). "
        "Kunjungan pada 2022 ini merupakan yang kedua."
    )

    [event] = extract(Document("tanggal", text)).to_json()["events"]

    assert event["date"] == "2022-03-09"


def test_event_without_any_year_has_null_date() -> None:
    text = "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3)."

    [event] = extract(Document("tanpa-tahun", text)).to_json()["events"]

    assert event["date"] is None


def test_event_date_uses_year_of_another_full_date_in_the_text() -> None:
    text = (
        "Pertemuan pertama digelar Kamis (24/2/2022) secara daring. "
        "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3)."
    )

    [event] = extract(Document("dua-tanggal", text)).to_json()["events"]

    assert event["date"] == "2022-03-09"
