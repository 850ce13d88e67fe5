"""Every party of a forum or a multi-party agreement, not only those of its cue sentence.

News names a forum in one sentence and its participants in the next ones ("Rakor ...
digelar di Kota X. Hadir dalam rakor itu Wali Kota A, Bupati B dan ..."), and a joint
agreement's signatories in a list of their own ("11 daerah tersebut meliputi ...").
ANNOTATION.md makes every participating region a party. A sentence within a few sentences
after the event's first one that lists at least two governments with a listing marker
("yaitu", "meliputi"), or for a forum a sentence within a few after any of its mentions
with an attendance marker ("hadir", "dihadiri"), adds them; so does a roll call of a
forum's many participants ("Kepala Daerah se-Provinsi X ... yaitu ...") anywhere after it.
A region said to be "tuan rumah" becomes the host, and an association's meeting is hosted
by the region it meets in.
"""

from __future__ import annotations

import re
from functools import cache

from sinergi.loaders.extract.actors import mention_actor
from sinergi.loaders.extract.context import ArticleContext, distinct_codes
from sinergi.loaders.extract.cues import phrase_pattern
from sinergi.reference import load_lexicon

__all__ = ["add_participants", "host_of", "venue_of"]

_WINDOW = 8  # sentences after the event that may list its participants


@cache
def _many_regions() -> re.Pattern[str]:
    many = load_lexicon("cues")["event"]["participants"]["many_regions"]
    return re.compile(rf"(?i:{phrase_pattern(many).pattern})|(?<!\w)[Ss]e[- ][A-Z]\w+")


def venue_of(context: ArticleContext, sentence_indexes: list[int]) -> str | None:
    """The region an association's meeting is held in, as its host ("rapat kerja APEKSI di
    Kota Padang": the city association meets in a member city, which hosts it). Other
    forums' venues are only places (ANNOTATION.md's gold: "Kota Pekanbaru is listed only
    as the place"; a rakor "di Kantor Gubernur ..., Kota Ambon" names no second party)."""
    for index in sorted(sentence_indexes):
        sentence = context.sentences[index]
        parties = {m.code for m in context.party_mentions(sentence, venues=False)}
        venues = [
            m
            for m in context.regions_in(sentence)
            if m.code not in parties and mention_actor(context.text, m, sentence.start) != "other"
        ]
        if venues:
            return venues[0].code
    return None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    participants = load_lexicon("cues")["event"]["participants"]
    return (
        phrase_pattern(participants["listing"]),
        phrase_pattern(participants["attendance"]),
        phrase_pattern(participants["host"]),
    )


def host_of(context: ArticleContext, sentence_indexes: list[int]) -> str | None:
    """The region said to host the event ("X menjadi tuan rumah"), if any."""
    host = _patterns()[2]
    first = min(sentence_indexes)
    for sentence in context.content_sentences():
        if not first - 2 <= sentence.index <= first + _WINDOW:
            continue
        match = host.search(sentence.text)
        if match is None:
            continue
        at = sentence.start + match.start()
        before = [m for m in context.party_mentions(sentence) if m.start < at]
        if before:
            return before[-1].code
    return None


def add_participants(
    context: ArticleContext,
    hosts: list[str],
    guests: list[str],
    sentence_indexes: list[int],
    *,
    attendance: bool,
) -> list[int]:
    """Extend ``guests`` with the governments listed as taking part (with ``attendance``,
    also those said to attend); returns the sentences that listed them (evidence)."""
    listing, attending, _ = _patterns()
    first, last = min(sentence_indexes), max(sentence_indexes)
    used: list[int] = []
    for sentence in context.content_sentences():
        if sentence.index in sentence_indexes or sentence.index <= first:
            continue
        listed_here = listing.search(sentence.text) is not None
        # "Kepala Daerah se-Provinsi Jambi ... yaitu Gubernur X, Bupati Y ...": a list of the
        # forum's many participants may stand anywhere after it
        roll_call = listed_here and _many_regions().search(sentence.text) is not None
        attends = attendance and attending.search(sentence.text) is not None
        # A forum's attendance may follow its last mention ("Raker diikuti lengkap ...
        # Adapun yang hadir ..."); a list must follow its first.
        if sentence.index > (last if attends else first) + _WINDOW and not roll_call:
            continue
        if not (listed_here or attends):
            continue
        # Whoever attends a forum attends as a government ("Provinsi Jambi diwakili Sekda
        # ..."); a list may name regions for anything ("tiga kabupaten yang menetapkan
        # status darurat, yakni Kabupaten A, ...") and needs them named as governments.
        listed = distinct_codes(context.party_mentions(sentence, venues=False, places=attends))
        if len(listed) < 2:
            continue
        used.append(sentence.index)
        for code in listed:
            if code not in hosts and code not in guests:
                guests.append(code)
    return used
