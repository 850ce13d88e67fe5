"""Everything the rule families share about one article, computed once.

Segmentation, region linking and date finding run once per article; the event, learning,
official and program rules then read this context instead of re-scanning the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from sinergi.loaders.extract.actors import government_regions, mention_actor
from sinergi.loaders.extract.dates import DateMention, choose_year, find_dates, to_iso
from sinergi.loaders.extract.gazetteer import RegionMention, get_gazetteer
from sinergi.loaders.extract.relevance import WEAK_EVIDENCE_THRESHOLD
from sinergi.loaders.extract.sentences import Sentence, split_sentences
from sinergi.loaders.read.documents import Document
from sinergi.reference import load_regions, located_in

__all__ = [
    "ArticleContext",
    "build_context",
    "distinct_codes",
    "last_listed",
    "named_as_place",
]

# "Baca juga: ..." teasers link other articles; their region names are not mentions.
_TEASER = re.compile(
    r"^[ \t]*(?:baca\s+juga|baca|lihat\s+juga|simak\s+juga)\b[ \t]*:?.*$",
    re.IGNORECASE | re.MULTILINE,
)


_VENUE_START = re.compile(r"(?<!\w)(?:di|bertempat di)(?!\w)", re.IGNORECASE)
# "... Bank Indonesia di Jakarta": the first mention of a sentence is a venue when "di"
# stands right before it ("bertempat di Balaikota Pemkot X" names the host party).
_VENUE_JUST_BEFORE = re.compile(r"(?<!\w)di\W*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"(?<!\w)(?:dan|serta|dengan|bersama|;)(?!\w)", re.IGNORECASE)
_LOCATOR_GAP = re.compile(r"[\s,(]*(?:provinsi\s*|prov\.?\s*)?", re.IGNORECASE)
_REPEAT_GAP = re.compile(r"[\s,(]*")
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*dan|,?\s*serta|&)\s*", re.IGNORECASE)
# A name with one of these prefixes is named as an administrative region ("Kota Semarang",
# "Kab. Tebo"), which news uses for the governments' visits and agreements; bare names
# ("Lamongan", "Papua") stand as often for clubs, teams or places.
_ADMINISTRATIVE_PREFIXES = {"kota", "kabupaten", "kab", "kab.", "provinsi", "prov", "prov."}


@dataclass(slots=True)
class ArticleContext:
    """One article's sentences, region mentions and dates, with lookup helpers."""

    document: Document
    text: str
    sentences: list[Sentence]
    regions: list[RegionMention]
    _dates: list[DateMention] | None = None
    _default_year: int | None = None
    teasers: set[int] = field(default_factory=set)
    _starts: list[int] = field(default_factory=list)
    relevance: float | None = None
    """The article's :func:`relevance.relevance_score`, set by the extractor."""
    government: set[str] | None = None
    """Regions the article names as governments (:func:`actors.government_regions`);
    the extractor sets it once officials are known, else it is found from the mentions."""

    def reads_like_collaboration(self) -> bool:
        """True unless the relevance score says the article is not collaboration news
        (:data:`relevance.WEAK_EVIDENCE_THRESHOLD`); weak rules ask this first."""
        return self.relevance is None or self.relevance >= WEAK_EVIDENCE_THRESHOLD

    def government_codes(self) -> set[str]:
        """Regions that can be parties: named as a government somewhere in the article."""
        if self.government is None:
            self.government = government_regions(self.text, self.regions, [])
        return self.government

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence containing character ``offset``."""
        index = max(0, bisect_right(self._starts, offset) - 1)
        return self.sentences[index]

    def regions_in(self, sentence: Sentence) -> list[RegionMention]:
        """Region mentions inside ``sentence``, in order."""
        return [m for m in self.regions if sentence.start <= m.start < sentence.end]

    def party_mentions(
        self, sentence: Sentence, *, venues: bool = True, places: bool = True
    ) -> list[RegionMention]:
        """Mentions in ``sentence`` that can be parties of an event or learning edge.

        Leaves out the dateline (where the reporter is, not who acts), provinces named only
        to locate another region ("Kabupaten Lumajang, Jawa Timur"), regions the article
        never names as a government, mentions that stand for something else ("Persela
        Lamongan", "siswa asal Papua": :func:`actors.mention_actor`) and, unless
        ``venues``, regions introduced as the venue ("... di Pendopo Gubernur, Kota Serang").
        Unless ``places``, a name counts only as a government (named so here or elsewhere
        in the article, or listed with one), not as an administrative place ("Kota X").
        """
        table = load_regions()
        government = self.government_codes()
        mentions = self.regions_in(sentence)
        dateline = self.dateline_mention()
        kept: list[RegionMention] = []
        waiting: list[RegionMention] = []  # places, unless listed with a government
        previous: RegionMention | None = None
        in_venue = previous_venue = False
        for mention in mentions:
            between = self.text[previous.end if previous else sentence.start : mention.prefix_start]
            region = table[mention.code]
            locator = (
                previous is not None
                and region.kind == "provinsi"
                and located_in(previous.code, region.code)
                and previous.code != region.code
                and _LOCATOR_GAP.fullmatch(between)
            )
            if previous is not None and _VENUE_START.search(between):
                in_venue = True  # "... di Pendopo Gubernur Banten, KP3B, Kota Serang"
            elif _CLAUSE_BREAK.search(between):
                in_venue = False
            first_at_venue = previous is None and _VENUE_JUST_BEFORE.search(between)
            venue_listed = previous_venue and _LIST_GAP.fullmatch(between)
            venue = not venues and (in_venue or bool(first_at_venue) or bool(venue_listed))
            previous_venue = venue
            repeat = (
                previous is not None
                and previous.code == mention.code
                and _REPEAT_GAP.fullmatch(between)
            )
            if repeat:  # "Nusa Tenggara Barat (NTB)": one mention, keep the first reading
                continue
            kind = mention_actor(self.text, mention, sentence.start)
            listed = bool(kept) and kept[-1] is previous and _LIST_GAP.fullmatch(between)
            actor = kind != "other" and (
                mention.code in government
                or kind == "government"
                or (places and mention.prefix in _ADMINISTRATIVE_PREFIXES)
                or listed  # "Pemerintah Kota Bengkulu dan Jambi"
            )
            if mention is not dateline and not locator and not venue:
                if actor:
                    kept.append(mention)
                elif kind != "other":
                    waiting.append(mention)
            previous = mention
        return self._with_listed(kept, waiting)

    def _with_listed(
        self, kept: list[RegionMention], waiting: list[RegionMention]
    ) -> list[RegionMention]:
        """``kept`` plus the ``waiting`` mentions listed right before a kept one: in "dari
        Pemkab Sumbawa dan Pemkot Salatiga" the list is one of governments."""
        added = [
            mention
            for mention in waiting
            if any(
                other.prefix_start > mention.end
                and _LIST_GAP.fullmatch(self.text[mention.end : other.prefix_start])
                for other in kept
            )
        ]
        return sorted([*kept, *added], key=lambda m: m.start) if added else kept

    def content_sentences(self) -> list[Sentence]:
        """Sentences that are article body, not teasers of other articles."""
        return [s for s in self.sentences if s.index not in self.teasers]

    @property
    def dates(self) -> list[DateMention]:
        """Date mentions, found on first use: most articles report no event and need none."""
        if self._dates is None:
            self._dates = find_dates(self.text)
            self._default_year = choose_year(self.text, self.document.published, self._dates)
        return self._dates

    @property
    def default_year(self) -> int | None:
        """The year a date without one belongs to (see :func:`dates.choose_year`)."""
        _ = self.dates
        return self._default_year

    def date_for(self, sentence_indexes: list[int]) -> str | None:
        """The event date: the first date in its sentences, else the article's first date."""
        spans = [self.sentences[i] for i in sorted(set(sentence_indexes))]
        for sentence in spans:
            for mention in self.dates:
                if sentence.start <= mention.start < sentence.end:
                    iso = to_iso(mention, self.default_year)
                    if iso:
                        return iso
        for mention in self.dates:
            if self.sentence_at(mention.start).index in self.teasers:
                continue
            iso = to_iso(mention, self.default_year)
            if iso:
                return iso
        return None

    def dateline_mention(self) -> RegionMention | None:
        """The all-caps dateline place in the first lines ("SERANG, ANTARA -"), if any."""
        for mention in self.regions:
            if mention.start > 400:
                break
            line_start = self.text.rfind("\n", 0, mention.start) + 1
            if (
                mention.surface.isupper()
                and len(mention.surface) > 3
                and not self.text[line_start : mention.prefix_start].strip(" \"'“")
            ):
                return mention
        return None


def distinct_codes(mentions: list[RegionMention]) -> list[str]:
    """Codes in order of first mention, without repeats."""
    seen: list[str] = []
    for mention in mentions:
        if mention.code not in seen:
            seen.append(mention.code)
    return seen


def last_listed(text: str, mentions: list[RegionMention]) -> list[RegionMention]:
    """The last mention of ``mentions`` with those listed right before it ("Pemkot A dan
    Pemkab B"): the subject nearest to what follows, not every region named earlier."""
    run = mentions[-1:]
    for mention in reversed(mentions[:-1]):
        gap = text[mention.end : run[0].prefix_start]
        if not (_LIST_GAP.fullmatch(gap) or _REPEAT_GAP.fullmatch(gap)):
            break
        run.insert(0, mention)
    return run


_TO_OR_AT = re.compile(r"(?<!\w)(?:ke|di|menuju)\s*$", re.IGNORECASE)


def named_as_place(text: str, mention: RegionMention) -> bool:
    """True when "ke"/"di" introduces the mention: a place gone to or acted in, not an
    actor ("Sebelum ke Solo, ...", "yang berhasil di Kota Jambi bisa kita adopsi")."""
    return bool(_TO_OR_AT.search(text[max(0, mention.prefix_start - 12) : mention.prefix_start]))


def build_context(document: Document) -> ArticleContext:
    """Segment, link regions and find dates of ``document`` once."""
    text = document.text
    sentences = split_sentences(text)
    lines = [(m.start(), m.end()) for m in _TEASER.finditer(text)]
    teasers = {s.index for s in sentences if any(a <= s.start < b for a, b in lines)}
    skip = [(s.start, s.end) for s in sentences if s.index in teasers]
    regions = get_gazetteer().find(text, skip=skip)
    context = ArticleContext(
        document=document,
        text=text,
        sentences=sentences,
        regions=regions,
        teasers=teasers,
    )
    context._starts = [s.start for s in sentences]
    return context
