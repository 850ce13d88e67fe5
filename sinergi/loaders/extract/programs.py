"""Programs: public programs or innovations attributed to a region in a collaboration.

A program is reported only in an article that has an event or a learning edge (outside
a collaboration the guide says not to annotate). In such an article each sentence with a
program cue (``programs.toml``) and a theme keyword (``themes.toml``) gives a program:
its theme is the best-scoring affair (agency names count double, since the guide takes
the theme from the agency that runs the program) and its owner is the region the sentence
attributes it to, else the article's learning source (the host whose program visitors
study: ANNOTATION.md "the owner is the host").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from sinergi.loaders.extract.context import ArticleContext
from sinergi.loaders.extract.cues import phrase_pattern
from sinergi.loaders.extract.events import EventMention
from sinergi.loaders.extract.learning import LearningEdge
from sinergi.loaders.extract.officials import OfficialMention, speaker_offsets
from sinergi.reference import load_lexicon

__all__ = ["ProgramMention", "find_programs", "theme_of"]


@dataclass(frozen=True, slots=True)
class ProgramMention:
    """A program with its owner region, theme and the sentence describing it."""

    label: str
    owner: str
    theme: str
    sentence: int
    start: int
    end: int
    confidence: float
    rule: str


_NEAR = 4
"""Sentences between a program and the nearest sentence of the article's events or
learning edges: further away, a program is described outside the collaboration
(ANNOTATION.md annotates programs presented, studied, exchanged or adopted in it)."""


@cache
def _theme_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    themes = load_lexicon("themes")
    return [
        (slug, phrase_pattern(entry["agency"]), phrase_pattern(entry["keywords"]))
        for slug, entry in themes.items()
    ]


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon("programs")
    return (
        phrase_pattern(lexicon["cues"]),
        phrase_pattern(lexicon["generic"]),
        phrase_pattern(lexicon["presenting"]),
    )


@cache
def _first_person() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon("programs")
    return phrase_pattern(lexicon["first_person"]), phrase_pattern(lexicon["doing"])


@cache
def _program_words() -> re.Pattern[str]:
    return phrase_pattern(load_lexicon("programs")["program_words"])


@cache
def _purpose() -> re.Pattern[str]:
    """An intent word then, within a few words, a study verb ("untuk belajar ...")."""
    lexicon = load_lexicon("programs")
    intent = phrase_pattern(lexicon["intent"]).pattern
    study = phrase_pattern(lexicon["study"]).pattern
    topic = r"(?:studi|study)\s+banding\s+(?:terkait|tentang|mengenai)"
    return re.compile(rf"{intent}(?:\W+\w+){{0,4}}?\W+{study}|{topic}", re.IGNORECASE)


@cache
def _attendance() -> re.Pattern[str]:
    phrases = sorted(load_lexicon("programs")["attendance"], key=len, reverse=True)
    return re.compile(r"^\W*(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def theme_of(text: str) -> str | None:
    """The theme slug whose agency names and keywords best match ``text``."""
    scores: Counter[str] = Counter()
    for slug, agency, keywords in _theme_patterns():
        score = 2 * len(agency.findall(text)) + len(keywords.findall(text))
        if score:
            scores[slug] = score
    if not scores:
        return None
    return scores.most_common(1)[0][0]


def find_programs(
    context: ArticleContext,
    events: list[EventMention],
    learning: list[LearningEdge],
    officials: list[OfficialMention] | None = None,
) -> list[ProgramMention]:
    """Programs of the article; none when the article reports no collaboration."""
    if not events and not learning:
        return []
    cue, generic, presenting = _cues()
    sources = Counter(edge.source for edge in learning)
    hosts = Counter(code for event in events if event.type == "visit" for code in event.hosts)
    signatories = {c for e in events if e.type != "visit" for c in e.parties}
    # Owners are the regions whose programs others study: learning sources, visit hosts,
    # and the parties of agreements and forums (who exchange programs). Visitors are not.
    parties = set(sources) | set(hosts) | signatories
    fallback = (sources or hosts).most_common(1)
    programs: dict[tuple[str, str], ProgramMention] = {}
    # A speaker may describe their own region's programs whatever side it took.
    everyone = parties | {code for event in events for code in event.parties}
    speakers = speaker_offsets(context.text, officials or [], everyone)
    collaboration = {i for e in events for i in e.sentences} | {e.sentence for e in learning}
    for sentence in context.content_sentences():
        spoken = _first_person_program(sentence.text, speakers, sentence.start)
        if spoken is not None:
            speaker, theme = spoken
            doing = _first_person()[1].search(sentence.text)
            assert doing is not None  # _first_person_program found it
            programs.setdefault(
                (speaker, theme),
                ProgramMention(
                    _label(sentence.text, doing),
                    speaker,
                    theme,
                    sentence.index,
                    sentence.start,
                    sentence.end,
                    0.45,
                    "first-person-statement",
                ),
            )
            continue
        if min((abs(sentence.index - i) for i in collaboration), default=0) > _NEAR:
            continue  # described far from the collaboration: not presented, studied or adopted
        match = cue.search(sentence.text)
        only_generic = generic.search(sentence.text) and len(cue.findall(sentence.text)) == 1
        if match is None or only_generic or _attendance().match(sentence.text):
            continue
        if _purpose().search(sentence.text):
            continue  # what visitors want to study, not a program of the host
        themes = _themes_of_list(sentence.text)
        if not themes:
            continue
        in_sentence = [m.code for m in context.party_mentions(sentence) if m.code in parties]
        if not in_sentence and not presenting.search(sentence.text):
            continue  # a program named in passing, not presented, studied or adopted
        owner = _owner(in_sentence, sources, fallback)
        if owner is None:
            continue
        for theme, segment in themes:
            if (owner, theme) in programs:
                continue
            programs[(owner, theme)] = ProgramMention(
                _label(segment, cue.search(segment) or match),
                owner,
                theme,
                sentence.index,
                sentence.start,
                sentence.end,
                0.6 if in_sentence else 0.45,
                "program-cue",
            )
    return list(programs.values())


def _first_person_program(
    sentence: str, speakers: list[tuple[int, str]], offset: int
) -> tuple[str, str] | None:
    """(owner, theme) of "kami menyediakan ..." said by the last official named before it."""
    first_person, doing = _first_person()
    if not (first_person.search(sentence) and doing.search(sentence)):
        return None
    theme = theme_of(sentence)
    before = [region for position, region in speakers if offset - 600 <= position < offset]
    if theme is None or not before:
        return None
    return before[-1], theme


_LIST_SPLIT = re.compile(r"[,;]\s*|\s+(?:dan|serta)\s+")


def _themes_of_list(text: str) -> list[tuple[str, str]]:
    """Themes of a sentence, one per listed item when it enumerates several programs.

    "... seperti perekaman e-KTP, pelayanan terpadu satu pintu, dan pengelolaan pendapatan"
    names three programs of three affairs; a sentence without such a list has one theme.
    """
    if not _program_words().search(text):
        theme = theme_of(text)
        return [(theme, text)] if theme else []
    segments = [seg for seg in _LIST_SPLIT.split(text) if seg.strip()]
    themed = [(theme_of(seg), seg) for seg in segments]
    distinct = {theme for theme, _ in themed if theme}
    if len(distinct) >= 3:
        seen: dict[str, str] = {}
        for theme, seg in themed:
            if theme and theme not in seen:
                seen[theme] = seg
        return list(seen.items())
    theme = theme_of(text)
    return [(theme, text)] if theme else []


def _owner(in_sentence: list[str], sources: Counter[str], fallback: list) -> str | None:
    """The region a program belongs to: a learning source named in the sentence first."""
    for code in in_sentence:
        if code in sources:
            return code
    if in_sentence:
        return in_sentence[0]
    return fallback[0][0] if fallback else None


def _label(text: str, match: re.Match[str]) -> str:
    """A short label: the cue and up to eight words after it, to the next clause break."""
    tail = text[match.start() :]
    clause = re.split(r"[,.;:\"“”()]", tail, maxsplit=1)[0]
    return " ".join(clause.split()[:9]).strip().lower()
