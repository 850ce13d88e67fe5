"""Collaboration events: visits, agreements and forums between regions.

Rules work sentence by sentence. A sentence with an event cue (``cues.toml``) and region
mentions yields an event fragment whose roles come from the sentence's shape:

* visit: with a host verb ("X menerima kunjungan Y", passive "disambut X") the verb
  splits hosts from guests; otherwise guests stand before the cue and hosts after a host
  marker ("studi banding ke Kota X"). A missing host falls back to the dateline region.
* agreement: every region of a sentence that reports a signing is a party.
* forum: every region of a sentence naming an association or coordination meeting.

Fragments are then merged per article (several sentences usually report one event), a
visit made to sign an agreement is dropped in favour of the agreement, and plans
("akan studi banding") are not events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from sinergi.loaders.extract.actors import (
    clause_actor_ok,
    government_offsets,
    mention_actor,
    names_national_actor,
    organisation_named,
)
from sinergi.loaders.extract.context import ArticleContext, distinct_codes, named_as_place
from sinergi.loaders.extract.cues import fold_safe_lower, lowercase_pattern, phrase_pattern
from sinergi.loaders.extract.gazetteer import RegionMention
from sinergi.loaders.extract.participants import add_participants, host_of, venue_of
from sinergi.loaders.extract.sentences import Sentence
from sinergi.reference import load_lexicon, load_regions

__all__ = [
    "EventMention",
    "drop_enclosing_provinces",
    "find_events",
    "has_collaboration_cue",
    "is_negated",
    "is_reported",
]

_ASSOCIATION_LEADER = re.compile(
    r"(?<!\w)(?:ketua(?:\s+umum)?|direktur\s+eksekutif|sekretaris\s+jenderal|sekjen)\s+"
    r"(?:apeksi|apkasi|appsi|adeksi|adkasi)\b",
    re.IGNORECASE,
)
_WORD_TOKEN = re.compile(r"[\w'-]+")
_WITNESSES = re.compile(
    r"(?<!\w)(?:dihadiri|disaksikan|menyaksikan|turut hadir)(?!\w)", re.IGNORECASE
)
_DENGAN = re.compile(r"(?<!\w)dengan(?!\w)", re.IGNORECASE)
_PASSIVE_HOST_VERBS = {"diterima", "disambut", "didatangi", "dikunjungi", "disambangi", "dijamu"}


@dataclass(slots=True)
class EventMention:
    """A collaboration event with its parties and the sentences that report it."""

    type: str
    hosts: list[str]
    guests: list[str]
    forum: str | None = None
    date: str | None = None
    sentences: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.7
    rule: str = ""
    elsewhere: bool = False  # "studi banding ke Kitakyushu, Jepang": a destination, no region

    @property
    def parties(self) -> set[str]:
        """Every region taking part."""
        return set(self.hosts) | set(self.guests)


_COUNTED_MEETING = "forum-meeting-count"
# A count of regions: digits or an Indonesian number word ("10", "tiga", "dua belas").
_NUMBER = (
    r"(?:\d{1,3}|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belasan"
    r"|puluhan|(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+(?:belas|puluh))"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cues = load_lexicon("cues")
    event = cues["event"]
    return {
        "visit": phrase_pattern(event["visit"]["phrases"]),
        "host_verb": phrase_pattern(event["visit"]["host_verbs"]),
        "host_marker": phrase_pattern(event["visit"]["host_markers"]),
        "agreement": phrase_pattern(event["agreement"]["phrases"]),
        "signing": phrase_pattern(event["agreement"]["signing"]),
        "document": phrase_pattern(event["agreement"]["documents"]),
        "forum": phrase_pattern(event["forum"]["phrases"]),
        "association": phrase_pattern(event["forum"]["associations"]),
        "needs_association": phrase_pattern(event["forum"]["needs_association"]),
        "meeting": phrase_pattern(event["forum"]["meetings"]),
        "counted": re.compile(
            rf"(?<!\w){_NUMBER}\s+(?:{phrase_pattern(event['forum']['counted_regions']).pattern})",
            re.IGNORECASE,
        ),
        "plan": phrase_pattern(event["negation"]["plan"]),
        "cancelled": phrase_pattern(event["negation"]["cancelled"]),
        "banned": phrase_pattern(event["negation"]["banned"]),
        "anaphora": phrase_pattern(cues["learning"]["anaphora"]),
        "enumeration": phrase_pattern(cues["learning"]["enumeration"]),
        "guest_marker": phrase_pattern(event["visit"]["guest_markers"]),
        "destination": phrase_pattern(event["visit"]["destination"]),
    }


def _cue_phrases() -> list[str]:
    """Every event and learning cue phrase: without one, no rule can fire."""
    cues = load_lexicon("cues")
    event = cues["event"]
    return [
        *event["visit"]["phrases"],
        *event["agreement"]["phrases"],
        *event["forum"]["phrases"],
        *cues["learning"]["phrases"],
        *cues["learning"]["mutual"],
    ]


@cache
def _any_cue() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The cue pattern, and its case-sensitive twin for lower-cased text."""
    phrases = _cue_phrases()
    return phrase_pattern(phrases), lowercase_pattern(phrases)


def has_collaboration_cue(text: str) -> bool:
    """True when any event or learning cue occurs: without one, no rule can fire.

    Runs on every article, so it searches the lower-cased text when that gives the same
    answer (:func:`cues.fold_safe_lower`): about twice as fast as with IGNORECASE.
    """
    pattern, lowercase = _any_cue()
    if lowercase is not None and (lowered := fold_safe_lower(text)) is not None:
        return lowercase.search(lowered) is not None
    return pattern.search(text) is not None


def is_negated(sentence: Sentence, cue_start: int) -> bool:
    """True when a plan/negation word stands within five words before the cue, a ban
    anywhere before it in the sentence, or a cancellation within eight words after it
    ("kunjungan ke Bandung ditunda")."""
    before = sentence.text[: cue_start - sentence.start]
    window = " ".join(_WORD_TOKEN.findall(before)[-5:])
    if _patterns()["plan"].search(window) or _patterns()["banned"].search(before):
        return True
    after = " ".join(_WORD_TOKEN.findall(sentence.text[cue_start - sentence.start :])[:9])
    return bool(_patterns()["cancelled"].search(after))


def find_events(context: ArticleContext) -> list[EventMention]:
    """All collaboration events the article reports."""
    patterns = _patterns()
    fragments: list[EventMention] = []
    for sentence in context.content_sentences():
        mentions = context.party_mentions(sentence)
        fragment = _agreement(
            context, sentence, context.party_mentions(sentence, venues=False), patterns
        )
        fragment = fragment or _forum(
            context, sentence, context.party_mentions(sentence, venues=False), patterns
        )
        fragment = fragment or _visit(context, sentence, mentions, patterns)
        if fragment is not None:
            fragment.sentences.append(sentence.index)
            fragment.spans.append((sentence.start, sentence.end))
            fragments.append(fragment)
    events = _merge(fragments)
    for event in events:
        if event.type in {"forum", "agreement"}:
            _with_participants(context, event)
    events = _split_multilateral(context, events)
    events = _drop_signing_visits(events)
    dateline = context.dateline_mention()
    for event in events:
        if (
            event.type == "visit"
            and not event.hosts
            and not event.elsewhere
            and dateline
            and dateline.code not in event.guests
        ):
            event.hosts = [dateline.code]
        if event.type == "visit" and event.hosts and not event.guests:
            event.guests = _main_actor(context, event)
        if event.type == "visit":
            _without_home_province(context, event)
            _drop_enclosing_provinces(event)
        if event.type == "agreement":
            _place_first(context, event, dateline)
        event.date = context.date_for(event.sentences)
    return _without_reversed_visits([e for e in events if _complete(e)])


def is_reported(
    context: ArticleContext, sentence: Sentence, match: re.Match[str], *, convened: bool = False
) -> bool:
    """True when a cue reports regional governments' own act, done or under way.

    Not a plan, wish, ban or negation (:func:`is_negated`), and not someone else's clause:
    a national official (unless ``convened``: a forum the centre convenes), the police, a
    company, a club or tourists as its actor (:func:`actors.clause_actor_ok`).
    """
    start, end = sentence.start + match.start(), sentence.start + match.end()
    if is_negated(sentence, start):
        return False
    governments = government_offsets(context.text, context.regions_in(sentence), sentence.start)
    return clause_actor_ok(sentence, start, end, governments, convened=convened)


def _with_participants(context: ArticleContext, event: EventMention) -> None:
    """Add the parties listed near a forum or agreement, and a forum's named host."""
    forum = event.type == "forum"
    listed = add_participants(context, event.hosts, event.guests, event.sentences, attendance=forum)
    for index in listed:
        sentence = context.sentences[index]
        event.sentences.append(index)
        event.spans.append((sentence.start, sentence.end))
    if forum and not event.hosts:
        host = host_of(context, event.sentences)
        if host is None and event.forum is not None:  # an APEKSI meeting "di Kota Padang"
            host = venue_of(context, event.sentences)
        if host is not None:
            event.hosts = [host]
            if host in event.guests:
                event.guests.remove(host)


def _first_cue(
    context: ArticleContext,
    pattern: re.Pattern[str],
    sentence: Sentence,
    *,
    convened: bool = False,
) -> re.Match[str] | None:
    """The first cue of ``pattern`` in ``sentence`` that reports an act (:func:`is_reported`)."""
    for match in pattern.finditer(sentence.text):
        if is_reported(context, sentence, match, convened=convened):
            return match
    return None


def _agreement(
    context: ArticleContext, sentence: Sentence, mentions: list[RegionMention], patterns: dict
) -> EventMention | None:
    if not (
        patterns["signing"].search(sentence.text) and patterns["document"].search(sentence.text)
    ):
        return None
    cue = _first_cue(context, patterns["agreement"], sentence)
    if cue is None:
        return None
    witnessed = _WITNESSES.search(sentence.text, cue.end())
    if witnessed is not None:  # "... dihadiri oleh Gubernur X, Bupati Y": not signatories
        mentions = [m for m in mentions if m.start < sentence.start + witnessed.start()]
    codes = distinct_codes(mentions)
    if len(codes) < 1:
        return None
    return EventMention(
        "agreement", codes[:1], codes[1:], rule="agreement-signing", confidence=0.75
    )


def _forum(
    context: ArticleContext, sentence: Sentence, mentions: list[RegionMention], patterns: dict
) -> EventMention | None:
    cue = _first_cue(context, patterns["forum"], sentence, convened=True)
    if cue is None:
        return _meeting_of_governments(context, sentence, mentions, patterns)
    association = patterns["association"].search(sentence.text)
    # "dipimpin Ketua Apeksi Airin, Wali Kota Tangerang Selatan": leading the association
    # does not make the leader's region a participant (ANNOTATION.md).
    leaders = [m.end() for m in _ASSOCIATION_LEADER.finditer(sentence.text)]
    mentions = [
        m
        for m in mentions
        if not any(0 <= m.start - (sentence.start + end) <= 60 for end in leaders)
    ]
    codes = distinct_codes(mentions)
    if association is None and patterns["needs_association"].fullmatch(cue[0]):
        return None  # a party's "munas" is no forum
    # With fewer than two parties here, the forum still stands: the next sentences may list
    # them ("Rakor ... digelar. Hadir Wali Kota A, Bupati B ..."); ``_complete`` decides.
    name = association.group(0).upper() if association else None
    return EventMention("forum", [], codes, forum=name, rule="forum-cue", confidence=0.6)


def _meeting_of_governments(
    context: ArticleContext, sentence: Sentence, mentions: list[RegionMention], patterns: dict
) -> EventMention | None:
    """A meeting of three or more regional governments named as such is a forum (in an
    article that reads like collaboration news: the evidence is thin); so is a meeting
    counted in regions ("10 provinsi") whose attendance names three of them."""
    if not context.reads_like_collaboration():
        return None
    if _first_cue(context, patterns["meeting"], sentence, convened=True) is None:
        return None
    governments = distinct_codes(
        [m for m in mentions if mention_actor(context.text, m, sentence.start) == "government"]
    )
    if len(governments) >= 3:
        return EventMention("forum", [], governments, rule="forum-meeting", confidence=0.55)
    if patterns["counted"].search(sentence.text):
        # "10 provinsi ... menggelar rapat gabungan": a forum if the next sentences name
        # three of them as attending (``_complete``)
        return EventMention("forum", [], governments, rule=_COUNTED_MEETING, confidence=0.5)
    return None


def _visit(
    context: ArticleContext, sentence: Sentence, mentions: list[RegionMention], patterns: dict
) -> EventMention | None:
    cue = _first_cue(context, patterns["visit"], sentence)
    if cue is None:
        return None
    absolute = sentence.start
    verb = patterns["host_verb"].search(sentence.text)
    hosts: list[RegionMention]
    guests: list[RegionMention]
    marker: re.Match[str] | None = None
    if verb is not None:
        split = absolute + verb.start()
        before = [m for m in mentions if m.start < split]
        after = [m for m in mentions if m.start >= split]
        if verb.group(0).lower() in _PASSIVE_HOST_VERBS:
            hosts, guests = after, before
        else:
            hosts, guests = before, after
        rule = "visit-host-verb"
    else:
        cue_at = absolute + cue.start()
        marker = patterns["host_marker"].search(sentence.text, cue.start())
        split = absolute + marker.start() if marker else absolute + cue.end()
        guests = [m for m in mentions if m.start < cue_at and not named_as_place(context.text, m)]
        hosts = [m for m in mentions if m.start >= split] if marker else []
        if (
            marker is not None
            and hosts
            and organisation_named(sentence.text[marker.end() : hosts[0].prefix_start - absolute])
        ):
            hosts = []  # "studi banding ke PT X di Kota Y": a company, not Kota Y's government
        source = patterns["guest_marker"].search(sentence.text, cue.end())
        if source is not None and (marker is None or source.start() < marker.start()):
            # "kunjungan kerja dari DPRD Kota X [ke Y]": X visits
            until = absolute + marker.start() if marker else sentence.end
            guests += [m for m in mentions if absolute + source.start() <= m.start < until]
        if cue.group(0).lower() in {"mengunjungi", "menyambangi"}:
            hosts = [m for m in mentions if m.start >= cue_at]
        rule = "visit-direction"
        lead = " ".join(_WORD_TOKEN.findall(sentence.text[: cue.start()])[-5:])
        if patterns["destination"].search(lead):  # "X menjadi tujuan studi banding Y"
            hosts = [m for m in mentions if m.start < cue_at]
            guests = [m for m in mentions if m.start >= cue_at]
            rule = "visit-destination"
    host_codes, guest_codes = distinct_codes(hosts), distinct_codes(guests)
    if rule == "visit-host-verb":  # "X menerima ... Y di Balai Kota X": X stays the host
        guest_codes = [c for c in guest_codes if c not in host_codes]
    else:  # the subject before the cue is the visitor, unless it is the only host named
        host_codes = [c for c in host_codes if c not in guest_codes] or host_codes
        guest_codes = [c for c in guest_codes if c not in host_codes]
    if host_codes and not guest_codes:
        guest_codes = _anaphoric_guests(context, sentence, host_codes, patterns)
    if not host_codes and not guest_codes:
        return None
    # A destination follows the cue ("ke Kitakyushu") but names no region: the visit went
    # elsewhere, so the dateline is not its host.
    elsewhere = (
        not host_codes
        and rule == "visit-direction"
        and marker is not None
        and marker.start() - cue.end() <= 12
    )
    return EventMention(
        "visit", host_codes, guest_codes, rule=rule, confidence=0.7, elsewhere=elsewhere
    )


def _without_home_province(context: ArticleContext, event: EventMention) -> None:
    """Hosts without the visitors' own province named only as a place: a Bupati going "ke
    lokasi Kebun Raya ... Sumatera Selatan" stays at home; "ke Pemprov Banten" does not."""
    table = load_regions()
    homes = {table[code].province_code for code in event.guests}
    governed = {
        m.code
        for index in event.sentences
        for m in context.regions_in(context.sentences[index])
        if mention_actor(context.text, m, context.sentences[index].start) == "government"
    }
    event.hosts = [c for c in event.hosts if c not in homes or c in governed]


def _anaphoric_guests(
    context: ArticleContext, sentence: Sentence, hosts: list[str], patterns: dict
) -> list[str]:
    """Visitors named in a neighbouring sentence.

    "... menerima kunjungan delapan kepala daerah. Mereka adalah Wali Kota X, ...": the
    next sentence lists them; "Rombongan langsung diterima ...": the previous one named them.
    """
    if sentence.index + 1 < len(context.sentences):
        following = context.sentences[sentence.index + 1]
        opening = " ".join(following.text.split()[:5])
        if patterns["enumeration"].match(opening) or patterns["enumeration"].search(opening):
            listed = [
                c for c in distinct_codes(context.party_mentions(following)) if c not in hosts
            ]
            if listed:
                return listed
    opening = " ".join(sentence.text.split()[:4])
    if sentence.index == 0 or not patterns["anaphora"].search(opening):
        return []
    previous = context.sentences[sentence.index - 1]
    if names_national_actor(previous.text):  # "rombongan" of the President or a minister
        return []
    return [c for c in distinct_codes(context.party_mentions(previous)) if c not in hosts]


def _merge(fragments: list[EventMention]) -> list[EventMention]:
    """Join fragments of the same event: same type and overlapping or complementary parties.

    Fragments that name both sides come first, so a headline that lists every region
    without roles ("Studi Banding ke Kota X, Pemkab Y ...") cannot turn a guest into a host.
    """
    events: list[EventMention] = []
    ordered = sorted(fragments, key=lambda f: not (f.hosts and f.guests))
    for fragment in ordered:
        for event in events:
            if event.type != fragment.type:
                continue
            if fragment.type == "visit":
                compatible = (
                    _same_place(fragment.hosts, event.hosts)
                    or (not fragment.hosts and set(fragment.guests) & set(event.guests))
                    or (not event.hosts and set(event.guests) & set(fragment.guests))
                    or (not fragment.hosts and not (set(fragment.guests) & set(event.hosts)))
                )
            elif fragment.type == "forum":
                compatible = fragment.forum == event.forum or not fragment.forum or not event.forum
            else:
                compatible = bool(fragment.parties & event.parties)
            if compatible:
                _absorb(event, fragment)
                break
        else:
            events.append(fragment)
    for event in events:
        event.sentences.sort()
        event.spans.sort()
    return events


_VISIT_RULE_RANK = {"visit-host-verb": 0, "visit-destination": 1, "visit-direction": 2}


def _without_reversed_visits(events: list[EventMention]) -> list[EventMention]:
    """One visit where two read the same pair both ways: the stronger rule's reading wins
    (a host verb or a destination phrase over word order), then the earlier report."""
    kept: list[EventMention] = []
    for event in sorted(events, key=lambda e: (_VISIT_RULE_RANK.get(e.rule, 3), e.sentences[:1])):
        reversed_of = any(
            other.type == "visit"
            and set(other.hosts) == set(event.guests)
            and set(other.guests) == set(event.hosts)
            for other in kept
        )
        if not (event.type == "visit" and reversed_of):
            kept.append(event)
    return sorted(kept, key=lambda e: e.sentences[:1])


def _same_place(a: list[str], b: list[str]) -> bool:
    """Hosts name the same place: a shared region, or a province and a region inside it."""
    table = load_regions()
    return any(
        x == y or table[x].province_code == y or table[y].province_code == x for x in a for y in b
    )


def _absorb(event: EventMention, fragment: EventMention) -> None:
    for code in fragment.hosts:
        if code not in event.hosts and code not in event.guests:
            event.hosts.append(code)
    for code in fragment.guests:
        if code not in event.guests and code not in event.hosts:
            event.guests.append(code)
    event.forum = event.forum or fragment.forum
    event.elsewhere = event.elsewhere or fragment.elsewhere
    event.sentences.extend(fragment.sentences)
    event.spans.extend(fragment.spans)


def _split_multilateral(context: ArticleContext, events: list[EventMention]) -> list[EventMention]:
    """One event per signed document (ANNOTATION.md).

    Several regions signing one joint document ("11 daerah ... menandatangani kesepakatan
    bersama") stay one event. A hub signing with each of a list ("Pemprov X menandatangani
    nota kesepahaman dengan Pemkab A, Pemkab B dan Pemkot C"), or partners that join an
    article's two-party agreement, are bilateral MoUs: one event per partner. The hub is
    the host of the article's first two-party agreement, else the one party before
    "dengan".
    """
    hub = next(
        (e.hosts[0] for e in events if e.type == "agreement" and len(e.parties) == 2 and e.hosts),
        None,
    )
    result: list[EventMention] = []
    for event in events:
        if event.type != "agreement" or len(event.parties) <= 2:
            result.append(event)
            continue
        center = hub or _hub_before_dengan(context, event)
        if center is None:
            event.rule = "agreement-joint"
            result.append(event)
            continue
        for other in [*event.hosts, *event.guests]:
            if other != center:
                result.append(
                    EventMention(
                        "agreement",
                        [center],
                        [other],
                        sentences=list(event.sentences),
                        spans=list(event.spans),
                        confidence=0.55,
                        rule="agreement-list",
                    )
                )
    return result


def _place_first(
    context: ArticleContext, event: EventMention, dateline: RegionMention | None
) -> None:
    """An agreement lists the party where it was signed first (ANNOTATION.md): the one
    named at its venue ("di Kantor Bupati Banyuwangi"), else the dateline's."""
    parties = [*event.hosts, *event.guests]
    venues: list[str] = []
    for index in event.sentences:
        sentence = context.sentences[index]
        signers = context.party_mentions(sentence, venues=False)
        venues += [
            m.code
            for m in context.regions_in(sentence)
            if m not in signers
            and m.code in parties
            and m is not dateline  # where the reporter files from, not where it was signed
        ]
    place = venues[0] if venues else (dateline.code if dateline else None)
    if place in parties and len(event.hosts) == 1 and event.hosts[0] != place:
        event.guests = [c for c in parties if c != place]
        event.hosts = [place]


def _hub_before_dengan(context: ArticleContext, event: EventMention) -> str | None:
    """The one party named before "dengan" when two or more stand after it."""
    for index in event.sentences:
        sentence = context.sentences[index]
        split = _DENGAN.search(sentence.text)
        if split is None:
            continue
        at = sentence.start + split.start()
        codes = distinct_codes(context.party_mentions(sentence, venues=False))
        before = [
            c
            for c in codes
            if any(m.code == c and m.start < at for m in context.regions_in(sentence))
        ]
        after = [c for c in codes if c not in before]
        if len(before) == 1 and len(after) >= 2:
            return before[0]
    return None


def _drop_signing_visits(events: list[EventMention]) -> list[EventMention]:
    """A visit made to sign an agreement is the agreement (ANNOTATION.md)."""
    agreements = [e for e in events if e.type == "agreement"]
    return [
        e
        for e in events
        if not (e.type == "visit" and any(e.parties <= a.parties for a in agreements))
    ]


def _main_actor(context: ArticleContext, event: EventMention) -> list[str]:
    """The visitor of a visit reported without one: the article's most named other region.

    "Ini menindaklanjuti kunjungan ke Banyumas ..." names only the host; the visitor is
    the region the article is about (named as a government at least twice, not the host's
    province).
    """
    table = load_regions()
    host_provinces = {table[c].province_code for c in event.hosts}
    counts: dict[str, int] = {}
    for sentence in context.content_sentences():
        for mention in context.party_mentions(sentence):
            if mention.code in event.hosts or mention.code in host_provinces:
                continue
            if mention_actor(context.text, mention, sentence.start) == "government":
                counts[mention.code] = counts.get(mention.code, 0) + 1
    best = max(counts.items(), key=lambda item: item[1], default=None)
    return [best[0]] if best and best[1] >= 2 else []


def _drop_enclosing_provinces(event: EventMention) -> None:
    """A visit's province is dropped when a region inside it stands on the same side.

    "studi banding ke Lombok, NTB ... Pemkot Mataram": the city is where the visit went;
    the province only locates it. A regency visiting its own province keeps both.
    """
    event.hosts = drop_enclosing_provinces(event.hosts)
    event.guests = drop_enclosing_provinces(event.guests)


def drop_enclosing_provinces(codes: list[str]) -> list[str]:
    """``codes`` without the provinces that contain another of ``codes``."""
    table = load_regions()
    return [
        code
        for code in codes
        if not (
            table[code].kind == "provinsi"
            and any(table[other].province_code == code and other != code for other in codes)
        )
    ]


def _complete(event: EventMention) -> bool:
    """An event needs two distinct parties (a visit: a host and a guest)."""
    if event.type == "visit":
        return bool(event.hosts) and bool(set(event.guests) - set(event.hosts))
    if event.rule == _COUNTED_MEETING:
        return len(event.parties) >= 3
    return len(event.parties) >= 2
