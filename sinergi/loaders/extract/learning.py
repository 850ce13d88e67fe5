"""Learning edges: which region learned from which (ANNOTATION.md, "Learning").

Three rules, strongest first:

* explicit: a sentence with a learning cue names the learner before the cue and the
  source after ``dari``/``ke``/``di`` ("Pemkab Kebumen belajar ... di Kota Jambi");
* visit: when the article says the visit was to learn (any learning cue outside a plan),
  every guest of a visit learns from its hosts (the visitor learns unless stated);
* mutual: an exchange cue ("saling bertukar program") gives edges both ways between the
  parties of the article's events.

A courtesy visit with no learning cue gives no edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sinergi.loaders.extract.actors import organisation_named
from sinergi.loaders.extract.context import (
    ArticleContext,
    distinct_codes,
    last_listed,
    named_as_place,
)
from sinergi.loaders.extract.cues import phrase_pattern
from sinergi.loaders.extract.events import EventMention, drop_enclosing_provinces, is_reported
from sinergi.loaders.extract.sentences import Sentence
from sinergi.reference import load_lexicon

__all__ = ["LearningEdge", "find_learning"]

_SOURCE_MARKER = re.compile(r"(?<!\w)(?:dari|ke|di|kepada|pada)(?!\w)", re.IGNORECASE)
# "... menjadi pembelajaran bagi Kota Malang": the region after "bagi" is the learner.
_LEARNER_MARKER = re.compile(r"(?<!\w)bagi(?!\w)", re.IGNORECASE)
# What may stand between "bagi" and the learner it names: "bagi para aparatur Kota X"
# (up to three words, no preposition that makes the region a place).
_BENEFICIARY_GAP = re.compile(r"\W*(?:(?!(?:di|ke|dari|pada)\b)\w+\W+){0,3}", re.IGNORECASE)
# An event named again with a demonstrative, or its two parties as "kedua ...".
_POINTS_BACK = re.compile(
    r"(?<!\w)(?:(?:kerja\s?sama|nota\s+kesepa\w+|mou|perjanjian|kesepakatan|kunjungan|pertemuan"
    r"|studi\s+banding)(?:\W+\w+){0,3}?\W+(?:ini|itu|tersebut)"
    r"|kedua\s+(?:daerah|pemerintah\w*|pemkab|pemkot|pemprov|kabupaten|kota|provinsi|belah\s+pihak|pihak))(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LearningEdge:
    """``learner`` learned from ``source``; evidence is the sentence that says so."""

    learner: str
    source: str
    sentence: int
    start: int
    end: int
    confidence: float
    rule: str
    event_index: int | None = None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    learning = load_lexicon("cues")["learning"]
    return phrase_pattern(learning["phrases"]), phrase_pattern(learning["mutual"])


@cache
def _not_learning() -> tuple[re.Pattern[str], re.Pattern[str]]:
    learning = load_lexicon("cues")["learning"]
    before = phrase_pattern(learning["not_before"]).pattern
    after = phrase_pattern(learning["not_after"]).pattern
    return re.compile(rf"(?:{before})\W*$", re.IGNORECASE), re.compile(rf"^\W*(?:{after})", re.I)


def _school_learning(text: str, match: re.Match[str]) -> bool:
    """ "jam belajar", "kegiatan belajar mengajar", "pusat pembelajaran": a school's or a
    person's learning, not a region learning from another."""
    before, after = _not_learning()
    return bool(before.search(text, 0, match.start()) or after.search(text[match.end() :]))


@cache
def _giving() -> re.Pattern[str]:
    return phrase_pattern(load_lexicon("cues")["learning"]["giving"])


def find_learning(
    context: ArticleContext,
    events: list[EventMention],
    speakers: list[tuple[int, str]] | None = None,
) -> list[LearningEdge]:
    """Learning edges of the article, given its events and where its officials are named
    (``speakers``: offset and region, :func:`officials.speaker_offsets`)."""
    cue, mutual = _patterns()
    edges: dict[tuple[str, str], LearningEdge] = {}
    learning_sentences: list[int] = []
    mutual_sentences: list[int] = []
    for sentence in context.content_sentences():
        for match in cue.finditer(sentence.text):
            if _school_learning(sentence.text, match) or not is_reported(context, sentence, match):
                continue
            learning_sentences.append(sentence.index)
            _explicit(context, sentence, match, edges, events, speakers or [])
            break
        for match in mutual.finditer(sentence.text):
            if is_reported(context, sentence, match):
                mutual_sentences.append(sentence.index)
                break
    exchanges = [e for e in events if e.type in {"visit", "agreement"}]
    for index, event in enumerate(events):
        if learning_sentences and event.type == "visit":
            evidence = _nearest(learning_sentences, event.sentences)
            for guest in event.guests:
                for host in event.hosts:
                    _add(edges, context, guest, host, evidence, 0.7, "visit-learning", index)
        if mutual_sentences and event.type in {"visit", "agreement"}:
            near = [
                i for i in mutual_sentences if _about_event(context, i, event, len(exchanges) == 1)
            ]
            if not near:
                continue
            evidence = _nearest(near, event.sentences)
            hub = event.hosts[:1] if len(event.parties) > 2 else sorted(event.parties)
            for a in hub:
                for b in sorted(event.parties - {a}):
                    _add(edges, context, a, b, evidence, 0.65, "mutual-exchange", index)
                    _add(edges, context, b, a, evidence, 0.65, "mutual-exchange", index)
    return _without_enclosing_provinces(list(edges.values()))


def _without_enclosing_provinces(edges: list[LearningEdge]) -> list[LearningEdge]:
    """Drop an edge to or from a province when a region inside it has the same edge.

    "belajar ... di Kota Bandung, Jawa Barat" gives Tegal <- Bandung, not Tegal <- Jabar.
    """
    sources_of: dict[str, list[str]] = {}
    learners_of: dict[str, list[str]] = {}
    for edge in edges:
        sources_of.setdefault(edge.learner, []).append(edge.source)
        learners_of.setdefault(edge.source, []).append(edge.learner)
    return [
        edge
        for edge in edges
        if edge.source in drop_enclosing_provinces(sources_of[edge.learner])
        and edge.learner in drop_enclosing_provinces(learners_of[edge.source])
    ]


def _explicit(
    context: ArticleContext,
    sentence: Sentence,
    match: re.Match[str],
    edges: dict,
    events: list[EventMention],
    speakers: list[tuple[int, str]],
) -> None:
    """ "X belajar dari Y": learners before the cue, sources after a source marker.

    With no region before the cue but a pronoun ("ia menimba ilmu dari Pemkot Jambi",
    "Kami belajar dari Banyuwangi"), the learner is the speaker's region: the official
    quoted right after the sentence, else the one named last before it.
    """
    mentions = context.party_mentions(sentence)
    cue_at = sentence.start + match.start()
    beneficiary = _LEARNER_MARKER.search(sentence.text, match.end())
    if beneficiary is not None and beneficiary.start() - match.end() <= 40:
        learners_from = sentence.start + beneficiary.end()
        # the region "bagi" names: "bagi Pemprov Bali", not "bagi perbankan di Medan"
        learners = [
            m.code
            for m in mentions
            if m.start >= learners_from
            and _BENEFICIARY_GAP.fullmatch(context.text[learners_from : m.prefix_start])
        ][:1]
        others = {c for e in events for c in e.parties} - set(learners)
        for learner in learners:
            for source in sorted(others):
                _add(
                    edges, context, learner, source, sentence.index, 0.7, "learner-after-bagi", None
                )
        return
    before = [m for m in mentions if m.start < cue_at and not named_as_place(context.text, m)]
    learners = distinct_codes(before)
    if not learners and _PRONOUN.search(sentence.text, 0, match.start()):
        speaker = _speaker(speakers, sentence)
        if speaker is not None:
            places = [m for m in mentions if m.start < cue_at and m.code != speaker]
            after = [m for m in mentions if m.start >= cue_at and m.code != speaker]
            for source in distinct_codes(after or places)[:2]:
                _add(edges, context, speaker, source, sentence.index, 0.7, "speaker-cue", None)
            return
    marker = _SOURCE_MARKER.search(sentence.text, match.end())
    if marker is not None and marker.start() - match.end() <= 80:
        sources_from = sentence.start + marker.start()
    else:  # "mengadopsi skema ... Banyuwangi": the region after the cue is the source
        sources_from = sentence.start + match.end()
    after = [m for m in mentions if m.start >= sources_from and m.code not in learners]
    if after and organisation_named(context.text[sources_from : after[0].prefix_start]):
        after = []  # "studi banding ke PT X di Kota Y": learning from a company
    sources = [m.code for m in after]
    if learners and _giving().search(context.text[mentions[0].end : cue_at]):
        learners, sources = sources[:1], learners  # "X memberikan kiat-kiat kepada Y"
    elif before:  # "Kab. Tanbu sehingga Kab. Kapuas melaksanakan kaji banding": Kapuas
        learners = distinct_codes(last_listed(context.text, before))
    for learner in learners:
        for source in sources[:2]:
            _add(edges, context, learner, source, sentence.index, 0.8, "explicit-cue", None)


_PRONOUN = re.compile(r"(?<!\w)(?:ia|dia|beliau|pihaknya|kami|kita)(?!\w)\W*(?:\w+\W+){0,3}$", re.I)
_QUOTE_OPENING = re.compile(r"^\W*[\"“”]")


def _speaker(speakers: list[tuple[int, str]], sentence: Sentence) -> str | None:
    """The region of the official speaking in ``sentence``: named after the closing quote
    (in the sentence or within 150 characters after it), else the last named in the 600
    characters before the sentence."""
    if _QUOTE_OPENING.match(sentence.text):
        # '"Kami belajar ...," ujar Sekda X.': the attribution may close the sentence itself
        closing = max(sentence.text.rfind(q) for q in '"”')
        start = sentence.start + closing if closing > 0 else sentence.end
        after = [r for at, r in speakers if start <= at < sentence.end + 150]
        if after:
            return after[0]
    before = [r for at, r in speakers if sentence.start - 600 <= at < sentence.start]
    return before[-1] if before else None


def _about_event(
    context: ArticleContext, sentence_index: int, event: EventMention, only: bool
) -> bool:
    """An exchange cue speaks of an event when it names one of its parties, or names no
    region and stands within two sentences of the event or later in an article that
    reports no other visit or agreement (``only``) and points back at it ("nota kesepakatan
    ini ... ruang untuk saling belajar", "kerja sama kedua pemerintah itu"); a maxim
    ("kemajuan daerah dicapai melalui kerja sama dan saling belajar") points at nothing."""
    sentence = context.sentences[sentence_index]
    codes = {m.code for m in context.party_mentions(sentence)}
    if codes:
        return bool(codes & event.parties)
    if only and sentence_index > min(event.sentences) and _POINTS_BACK.search(sentence.text):
        return True
    return min(abs(sentence_index - i) for i in event.sentences) <= 2


def _nearest(candidates: list[int], targets: list[int]) -> int:
    """The candidate sentence closest to any of the event's sentences."""
    return min(candidates, key=lambda c: min(abs(c - t) for t in targets))


def _add(
    edges: dict,
    context: ArticleContext,
    learner: str,
    source: str,
    sentence_index: int,
    confidence: float,
    rule: str,
    event_index: int | None,
) -> None:
    if learner == source or (learner, source) in edges:
        return
    sentence = context.sentences[sentence_index]
    edges[(learner, source)] = LearningEdge(
        learner, source, sentence_index, sentence.start, sentence.end, confidence, rule, event_index
    )
