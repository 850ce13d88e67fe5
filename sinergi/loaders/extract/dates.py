"""Dates in Indonesian news: find them, complete missing years, pick the event's date.

News writes dates as ``Jumat (24/2/2022)``, ``Selasa (7/10)`` with the year elsewhere,
``Selasa, 30 November 2021``, ``18-20/10/2016`` (a span: its first day counts) or
``Rabu, 9-5-2018``. Finding candidates is a regular expression over these shapes; turning
a day-month-name-year string into a calendar date is left to ``dateparser`` (Indonesian
month names and abbreviations such as ``Agt``, ``Nopember``), which also rejects
impossible dates. A date without a year takes the year stated elsewhere in the text, else
the publication year; with neither it stays unknown (ANNOTATION.md: null).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import dateparser

__all__ = ["DateMention", "choose_year", "find_dates", "to_iso"]

_WEEKDAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_MONTH = (
    r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|agus|sep|sept|okt|nov|nop|des|"
    r"january|february|march|may|june|july|august|october|december)"
)
_RANGE = r"(?:\s*(?:-|–|—|s\.?d\.?|sampai|hingga|dan)\s*\d{1,2})?"

_NUMERIC = re.compile(
    rf"(?:\(|\b{_WEEKDAY},?\s+|,\s)"
    rf"(?P<day>\d{{1,2}}){_RANGE}\s*[/-]\s*(?P<month>\d{{1,2}})(?:\s*[/-]\s*(?P<year>\d{{4}}|\d{{2}}))?"
    r"(?=\)|\s|,|\.|$)",
    re.IGNORECASE,
)
_NAMED = re.compile(
    rf"(?<![\w/])(?P<day>\d{{1,2}}){_RANGE}\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<year>20\d\d|19\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_YEAR = re.compile(r"(?<![\w/.-])(19[5-9]\d|20\d\d)(?![\w/])")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in the text; ``year`` is None when the text left it out."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text`` in order; impossible dates are dropped."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, named in ((_ISO, False), (_NAMED, True), (_NUMERIC, False)):
        for match in pattern.finditer(text):
            span = (match.start("day"), match.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            mention = _mention(match, named)
            if mention is not None:
                found.append(mention)
                taken.append(span)
    return sorted(found, key=lambda m: m.start)


def _mention(match: re.Match[str], named: bool) -> DateMention | None:
    day = int(match.group("day"))
    year_text = match.group("year")
    year = int(year_text) if year_text else None
    if year is not None and year < 100:
        year += 2000
    if named:
        month = _month_number(match.group("month").lower())
        if month is None:
            return None
    else:
        month = int(match.group("month"))
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29/2 without a year stays valid
    except ValueError:
        return None
    return DateMention(match.start("day"), match.end(), day, month, year)


@lru_cache(maxsize=64)
def _month_number(name: str) -> int | None:
    """Month number of an Indonesian or English month name, via dateparser."""
    parsed = dateparser.parse(f"1 {name} 2000", languages=["id", "en"])
    return parsed.month if parsed else None


def choose_year(
    text: str, published: str | None, dates: list[DateMention] | None = None
) -> int | None:
    """The year a date without one belongs to: the text's most cited year, else publication.

    Years count wherever they stand, inside full dates ("(24/2/2022)") too; pass the
    already found ``dates`` to avoid searching the text twice.
    """
    years = Counter(int(y) for y in _YEAR.findall(text))
    found = dates if dates is not None else find_dates(text)
    years.update(m.year for m in found if m.year is not None)
    if years:
        return years.most_common(1)[0][0]
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None


def to_iso(mention: DateMention, default_year: int | None) -> str | None:
    """ISO date of a mention, completing its year; None when no year is known."""
    year = mention.year or default_year
    if year is None:
        return None
    try:
        return date(year, mention.month, mention.day).isoformat()
    except ValueError:
        return None
