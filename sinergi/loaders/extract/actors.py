"""Who acts in a clause: a regional government, or someone else.

ANNOTATION.md's events and learning edges are between regional governments: a Pemkab,
Pemkot, Pemprov or DPRD, a regional official by title, or their delegation. News names
regions for many other actors: football clubs ("Persela Lamongan"), the police, companies,
universities, students, tourists, the President on a working visit. The rule families ask
this module two questions before they report an edge:

* :func:`mention_actor`: does this region mention stand for its government ("Dinas
  Perhubungan Kota Padang", "Bupati Sleman"), for something else ("tim sepak bola Kota X",
  "siswa asal Papua") or only for a place ("di Kota Malang")? The nearest telling word
  among the few before the name decides.
* :func:`clause_actor_ok`: is the subject of the cue's clause a regional government,
  rather than a national official, the police, a club or the public? The first and the
  nearest actor before the cue, and the first after it ("kunjungan kerja Presiden ..."),
  must not be one of the others.

:func:`government_regions` collects the regions an article names as governments at least
once: only those can be parties of an event or a learning edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sinergi.loaders.extract.gazetteer import RegionMention
from sinergi.loaders.extract.officials import OfficialMention
from sinergi.loaders.extract.sentences import Sentence
from sinergi.reference import load_lexicon

__all__ = [
    "REGIONAL_POSITIONS",
    "clause_actor_ok",
    "government_offsets",
    "government_regions",
    "mention_actor",
    "names_national_actor",
    "organisation_named",
]

Actor = Literal["government", "other", "place"]

REGIONAL_POSITIONS = frozenset(
    {
        "gubernur",
        "wakil gubernur",
        "bupati",
        "wakil bupati",
        "wali kota",
        "wakil wali kota",
        "sekda",
        "kepala dinas",
        "kepala badan",
        "asisten",
        "ketua dprd",
        "anggota dprd",
    }
)
"""Positions (ANNOTATION.md) whose holder acts for a region's government."""

_TOKEN = re.compile(r"[\w]+(?:-[\w]+)*")
# Words that end the noun phrase before a region name: what stands before them is not
# part of it ("... bertemu dengan Pemkot X": "dengan" ends the look-back).
_PHRASE_BREAK = frozenset({"dan", "serta", "dengan", "di", "ke", "dari", "oleh", "untuk", "bagi"})
_PUNCTUATION_BREAK = re.compile(r"[,.;:!?\"“”()]")
_LOOK_BACK_WORDS = 4
_FORMER = re.compile(r"(?<!\w)(?:mantan|eks|bekas)(?:\W+\w+){0,2}\W*$", re.IGNORECASE)
_CLAUSE_WORDS = 25
_AFTER_CUE_WORDS = 3
# A sentence opening with a subordinate clause has its subject after the clause's comma.
_SUBORDINATE_OPENING = re.compile(
    r"\W*(?:seusai|setelah|usai|sesudah|sebelum|saat|ketika|selepas|sembari|sambil)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    government: frozenset[str]
    other: frozenset[str]
    national: frozenset[str]
    organisations: frozenset[str]
    people: frozenset[str]
    companions: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    actors = load_lexicon("actors")
    return _Lexicon(
        government=frozenset(actors["government"]["words"]),
        other=frozenset(actors["other"]["words"]),
        national=frozenset(actors["clause"]["national"]),
        organisations=frozenset(actors["clause"]["organisations"]),
        people=frozenset(actors["clause"]["people"]),
        companions=frozenset(actors["clause"]["companions"]),
    )


def mention_actor(text: str, mention: RegionMention, floor: int = 0) -> Actor:
    """What a region mention stands for, from the words just before it.

    ``floor`` is where the look-back stops (the sentence start). The gazetteer's own
    prefix counts too ("Bupati", "Pemkot"; a bare "Kota" or "Kabupaten" tells nothing).
    """
    lexicon = _lexicon()
    lead = text[max(floor, mention.prefix_start - 24) : mention.prefix_start]
    if _FORMER.search(lead):  # "mantan wali kota Bandung": not acting for Bandung now
        return "other"
    prefix_words = (mention.prefix or "").split()
    for word in reversed(prefix_words):
        if word in lexicon.government:
            return "government"
    segment = text[max(floor, mention.prefix_start - 80) : mention.prefix_start]
    cut = max((m.end() for m in _PUNCTUATION_BREAK.finditer(segment)), default=0)
    words = [m.group(0).lower() for m in _TOKEN.finditer(segment, cut)]
    for word in reversed(words[-_LOOK_BACK_WORDS:]):
        if word in _PHRASE_BREAK:
            break
        if word in lexicon.government:
            return "government"
        if word in lexicon.other:
            return "other"
    return "place"


def government_regions(
    text: str, mentions: list[RegionMention], officials: list[OfficialMention]
) -> set[str]:
    """Regions the article names as a government at least once (a party can only be one)."""
    codes = {m.code for m in mentions if mention_actor(text, m) == "government"}
    codes |= {o.region for o in officials if o.region and o.position in REGIONAL_POSITIONS}
    return codes


def clause_actor_ok(
    sentence: Sentence,
    cue_start: int,
    cue_end: int,
    government_at: list[int],
    *,
    convened: bool = False,
) -> bool:
    """False when the cue's clause is someone else's.

    With ``convened`` (a forum cue), a national official or body may be the subject: a
    coordination meeting of regional governments counts even when the centre convenes it
    (ANNOTATION.md), so only organisations and people are someone else's there.

    Before the cue (up to 25 words), the first actor is the clause's subject: it must
    not be a national official or body nor an organisation other than a regional
    government ("Presiden Jokowi didampingi Gubernur ... kunjungan kerja"); the nearest
    must not be one either, nor people acting for themselves ("wisatawan yang datang ke
    ..."). Right after the cue, a national official or such people make it theirs
    ("kunjungan kerja Presiden ke ...", "kunjungan wisman ke ..."). ``cue_start`` and
    ``cue_end`` are offsets in the article; ``government_at`` lists the article offsets
    of the sentence's region mentions that stand for a government: they are actors too.
    People or an organisation brought along by a government ("bersama", "didampingi") are
    its companions, not the subject.
    """
    lexicon = _lexicon()
    subjects = lexicon.organisations if convened else lexicon.national | lexicon.organisations
    text, base = sentence.text, sentence.start
    before = [
        (base + m.start(), m.group(0).lower())
        for m in _TOKEN.finditer(text, 0, max(0, cue_start - base))
    ][-_CLAUSE_WORDS:]
    actors = [(at, word) for at, word in before if word in subjects or word in lexicon.people]
    floor = before[0][0] if before else cue_start
    actors += [(at, "") for at in government_at if floor <= at < cue_start]
    actors.sort()
    if actors and (
        actors[0][1] in subjects or (actors[-1][1] and not _companion(before, actors, lexicon))
    ):
        return False
    after = [(base + m.start(), m.group(0).lower()) for m in _TOKEN.finditer(text, cue_end - base)][
        :_AFTER_CUE_WORDS
    ]
    if _SUBORDINATE_OPENING.match(text):  # "Seusai memimpin rakor ..., Panglima TNI ..."
        comma = text.find(",", cue_end - base)
        main = (
            [m.group(0).lower() for m in _TOKEN.finditer(text, comma + 1)][:4] if comma >= 0 else []
        )
        if any(word in subjects for word in main):
            return False
    for at, word in after:
        if any(cue_end <= g <= at for g in government_at):
            break
        if (word in lexicon.national and not convened) or word in lexicon.people:
            return False
    return True


def _companion(
    before: list[tuple[int, str]], actors: list[tuple[int, str]], lexicon: _Lexicon
) -> bool:
    """True when the nearest actor before the cue comes along with a government named
    before it ("Pemkot X bersama para wartawan ..."): a companion, not the subject."""
    governments = [at for at, word in actors if not word]
    if not governments:
        return False
    nearest = actors[-1][0]
    return any(word in lexicon.companions for at, word in before if governments[-1] < at < nearest)


def names_national_actor(text: str) -> bool:
    """True when ``text`` names a national official or body ("rombongan Presiden")."""
    national = _lexicon().national
    return any(m.group(0).lower() in national for m in _TOKEN.finditer(text))


def organisation_named(text: str) -> bool:
    """True when ``text`` names a national body or an organisation that is no regional
    government ("PT", "Kementerian", "universitas")."""
    lexicon = _lexicon()
    return any(
        m.group(0).lower() in lexicon.national or m.group(0).lower() in lexicon.organisations
        for m in _TOKEN.finditer(text)
    )


def government_offsets(text: str, mentions: list[RegionMention], floor: int = 0) -> list[int]:
    """Offsets of the mentions that stand for a government (for :func:`clause_actor_ok`)."""
    return [m.prefix_start for m in mentions if mention_actor(text, m, floor) == "government"]
