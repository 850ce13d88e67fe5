"""Sentence segmentation with character offsets into the original article text.

Every extracted statement points back to the sentence it came from (index and character
span), so segmentation works on the original string and never rewrites it: offsets stay
valid for the evidence stored in the graph. Scraped news joins paragraphs with ``.,``
and drops hyperlink words; the splitter treats those joins as boundaries too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Sentence", "is_hard_wrapped", "split_sentences"]

# Abbreviations that end with a dot but do not end a sentence (titles, degrees, months).
_ABBREVIATIONS = {
    "h",
    "hj",
    "dr",
    "drs",
    "dra",
    "ir",
    "prof",
    "st",
    "se",
    "sh",
    "mh",
    "msi",
    "si",
    "mm",
    "mt",
    "mpd",
    "spd",
    "sp",
    "sip",
    "ssos",
    "sag",
    "kh",
    "no",
    "jl",
    "kab",
    "prov",
    "kec",
    "kel",
    "pj",
    "plt",
    "plh",
    "bpk",
    "ibu",
    "sdr",
    "tgl",
    "dll",
    "dsb",
    "dkk",
    "a",
    "m",
    "s",
    "t",
    "k",
    "u",
    "d",
    "p",
    "mr",
    "mrs",
    "km",
    "rp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "agu",
    "agt",
    "sep",
    "okt",
    "nov",
    "des",
    "ny",
    "mpa",
    "kom",
    "ak",
    "skm",
    "ssi",
}

# Every boundary starts with white space or a comma: the lookahead lets the engine skip
# all other positions at once instead of trying each alternative there (~2x faster).
_MARKS = r"""
      \n\s*\n                    # paragraph break
    | (?<=[.!?]["”’)]),?\s+(?=["“‘(]?[A-Z0-9])   # end mark, closing quote, capital
    | (?<=[.!?]),?\s+(?=["“‘(]?[A-Z0-9])         # end mark then a capitalised start
    | (?<=[.!?]),(?=\S)        # scraped paragraph join ".,Next"
"""
# A line break ends a sentence too (titles, datelines, scraped lists).
_BOUNDARY = re.compile(rf"(?=[\s,])(?:{_MARKS} | \n(?=\s*\S))", re.VERBOSE)
# The boundaries of a hard-wrapped text: a single line break is none.
_WRAPPED_BOUNDARY = re.compile(rf"(?=[\s,])(?:{_MARKS})", re.VERBOSE)
# A line break inside a sentence: a line ending in a letter or comma, the next one going
# on with a lower-case word (not a list item such as "b. ...").
_MID_SENTENCE_BREAK = re.compile(r"[a-z,][^\S\n]*\n[^\S\n]*[a-z]{2,}(?![\w.])", re.MULTILINE)
#: Mid-sentence line breaks that mark a text as hard-wrapped (press releases copied from
#: a PDF or an old portal, lines cut at a fixed width).
_WRAPPED_MIN_BREAKS = 4


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its 0-based index, text and span in the article."""

    index: int
    start: int
    end: int
    text: str


_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_STRIP = " \t\r\n,"
_WORD = re.compile(r"\w")


def _is_word(char: str) -> bool:
    """``char`` matches ``\\w`` (what ``re`` calls a word character in a ``str``)."""
    return char.isalnum() or char == "_"


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` ends in an abbreviation dot such as ``Dr.`` or ``Pj.``.

    That is: its trailing run of non-word characters starts with the dot, right after a
    word in ``_ABBREVIATIONS``. Scanning back from ``end`` reads only those few characters,
    where a regular expression anchored at the end would try every position of the chunk.
    """
    dot = end
    while dot > start and not _is_word(text[dot - 1]):
        dot -= 1
    if dot in (start, end) or text[dot] != ".":
        return False
    word_start = dot - 1
    while word_start > start and _is_word(text[word_start - 1]):
        word_start -= 1
        if dot - word_start > _LONGEST_ABBREVIATION:  # lower() never shortens a word
            return False
    return text[word_start:dot].lower() in _ABBREVIATIONS


def is_hard_wrapped(text: str) -> bool:
    """True when ``text`` breaks its lines inside sentences ("tiga daerah datang\\n
    berkunjung ke ..."): at least four line breaks go on with a lower-case word, and they
    are at least a third of the breaks between two non-empty lines."""
    if text.count("\n") < _WRAPPED_MIN_BREAKS:  # most news: no scan at all
        return False
    breaks = len(_MID_SENTENCE_BREAK.findall(text))
    if breaks < _WRAPPED_MIN_BREAKS:
        return False
    lines = text.split("\n")
    joined = sum(1 for a, b in pairwise(lines) if a.strip() and b.strip())
    return breaks * 3 >= joined


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets into ``text`` itself.

    A line break ends a sentence (titles, datelines, scraped lists), except in a
    hard-wrapped text (:func:`is_hard_wrapped`), where only end marks and blank lines do.
    """
    sentences: list[Sentence] = []
    start = 0
    pending_start: int | None = None
    boundary = _WRAPPED_BOUNDARY if is_hard_wrapped(text) else _BOUNDARY
    for match in boundary.finditer(text):
        if "\n" not in match.group(0) and _ends_with_abbreviation(text, start, match.start()):
            if pending_start is None:
                pending_start = start
            start = match.end()
            continue
        _append(
            sentences, text, pending_start if pending_start is not None else start, match.start()
        )
        pending_start = None
        start = match.end()
    _append(sentences, text, pending_start if pending_start is not None else start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append the stripped span ``text[start:end]`` if it holds any word."""
    raw = text[start:end]
    stripped = raw.strip(_STRIP)
    if not _WORD.search(stripped):
        return
    offset = start + len(raw) - len(raw.lstrip(_STRIP))
    sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))
