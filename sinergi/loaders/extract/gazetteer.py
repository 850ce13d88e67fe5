"""Find region mentions in text and link them to Kemendagri codes.

Matching uses one Aho-Corasick automaton over every region's short name and aliases, so
finding mentions costs one pass over the text whatever the number of names (a regex
alternation of 800 names is several times slower). Each hit is then checked against its
context: the prefix before it (``Pemkot``, ``Bupati``, ``Gubernur`` ...) fixes the kind
of region for ambiguous names (ANNOTATION.md), and the blocked-word lists of the region
lexicon drop outlets, breeds, islands and streets.

Names that stay ambiguous after the prefix (``Bogor`` alone) are resolved per document:
the reading the article itself uses explicitly elsewhere wins, then the region whose
province the article mentions, then the lexicon's default.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick
from rapidfuzz import fuzz, process

from sinergi.loaders.extract.cues import alternation, fold_safe_lower
from sinergi.reference import Region, load_common_words, load_lexicon, load_regions

__all__ = ["Gazetteer", "RegionMention", "get_gazetteer"]


@dataclass(frozen=True, slots=True)
class RegionMention:
    """One region mention: the linked code, its span and how it was resolved."""

    code: str
    start: int  # start of the name itself
    end: int
    surface: str
    prefix: str | None  # the prefix phrase before the name, lower-cased ("wali kota")
    prefix_start: int  # start of the prefix, or of the name when there is none
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the automaton returns for one surface form."""

    form: str
    codes: tuple[str, ...]
    upper_only: bool  # an all-caps abbreviation (NTB, OKU) must be written in capitals


_WORD = re.compile(r"\w")
# Patterns used for every name the automaton finds, compiled once.
_SPACES = re.compile(r"\s+")
_NAME_WORD_BREAK = re.compile(r"[\s-]+")
_WORD_BEFORE = re.compile(r"[\w.]+")
_WORDS_AFTER = re.compile(r"\W{0,2}([\w]+(?: [\w]+)?)")
# A list opened by a district or village word continues with districts or villages.
_DISTRICT_LIST = re.compile(
    r"(?<!\w)(?:kecamatan|kec\.|distrik|desa|kelurahan|kampung)\s+[\w'-]+(?:\s+[\w'-]+)?"
    r"(?:\s*,\s*[\w'-]+(?:\s+[\w'-]+)?)*\s*(?:,|,?\s*dan)\s*$"
)
_LIST_JOIN = re.compile(r"\s*(?:,|dan|serta|&)\s*")


class Gazetteer:
    """Region mention finder and linker over the shipped region table."""

    def __init__(self, regions: dict[str, Region] | None = None) -> None:
        self.regions = regions or load_regions()
        lexicon = load_lexicon("regions")
        self._prefix_kind: dict[str, str] = {
            phrase: kind for kind, phrases in lexicon["prefixes"].items() for phrase in phrases
        }
        context = lexicon["context"]
        self._blocked_before = set(context["blocked_before"])
        self._blocked_after = set(context["blocked_after"])
        self._needs_prefix = {name.lower() for name in context["needs_prefix"]}
        # Names that are everyday words ("puncak", "mitra", "batang") need a prefix too:
        # the bulk corpus writes them mostly in lower case (scripts/build_common_words.py).
        common = load_common_words()
        self._needs_prefix |= {
            name.lower()
            for region in self.regions.values()
            for name in (region.short, *region.aliases)
            if name.lower() in common
        }
        self._default_kind = lexicon["default_kind"]
        phrases = sorted(self._prefix_kind, key=len, reverse=True)
        self._prefix_re = re.compile(
            r"(?:^|(?<=[^\w.]))(" + alternation(phrases) + r")\.?\s*(?:\([^()\n]{1,30}\)\s*)?$",
            re.IGNORECASE,
        )
        self._automaton = self._build_automaton()
        self._prefix_scan_re = re.compile(
            r"(?<![\w.])(?P<prefix>"
            + alternation(p for p in phrases if not p.endswith("."))
            + r")\.?\s+(?:\([^()\n]{1,30}\)\s*)?"
            r"(?P<name>[A-Z][\w'-]+"
            r"(?:[ \t]+(?!(?:dan|serta|di|ke|dari|dengan)\b)[A-Za-z][\w'-]+){0,2})",
            re.IGNORECASE,
        )
        # The same scan for lower-cased text without IGNORECASE, about three times faster.
        self._prefix_scan_lower = re.compile(
            self._prefix_scan_re.pattern.replace("[A-Za-z]", "[a-z]").replace("[A-Z]", "[a-z]")
        )
        self._names_by_kind: dict[str, dict[str, str]] = {}
        for region in self.regions.values():
            for name in (region.short, *region.aliases):
                self._names_by_kind.setdefault(region.kind, {})[name.lower()] = region.code

    def _build_automaton(self) -> ahocorasick.Automaton:
        """Index short names, aliases and province names, lower-cased."""
        forms: dict[str, set[str]] = {}
        upper: dict[str, bool] = {}
        for region in self.regions.values():
            names = [region.short, *region.aliases]
            if region.kind == "provinsi":
                names.append(region.name)
            for name in names:
                key = name.lower()
                forms.setdefault(key, set()).add(region.code)
                upper[key] = upper.get(key, True) and name.isupper() and len(name) <= 5
        automaton = ahocorasick.Automaton()
        for key, codes in forms.items():
            automaton.add_word(key, _Entry(key, tuple(sorted(codes)), upper[key]))
        automaton.make_automaton()
        return automaton

    def find(self, text: str, skip: list[tuple[int, int]] | None = None) -> list[RegionMention]:
        """All region mentions in ``text`` with codes, ambiguous names resolved per text.

        ``skip`` lists spans (such as "Baca juga" teasers) whose mentions are ignored.
        """
        lowered = _lower_keeping_offsets(text)
        hits = self._longest_hits(text, lowered)
        mentions: list[tuple[int, int, _Entry, str | None, int]] = []
        for start, end, entry in hits:
            if skip and any(s <= start < e for s, e in skip):
                continue
            prefix, prefix_start = self._prefix(text, start)
            prefixed_at = prefix_start if prefix is not None else None
            if not self._surface_ok(text, start, end, entry, prefix_start=prefixed_at):
                continue
            if self._blocked(lowered, start, end, prefix):
                continue
            if (
                entry.form in self._needs_prefix
                and prefix is None
                and not _is_dateline(text, start, end)
            ):
                continue
            mentions.append((start, end, entry, prefix, prefix_start))
        mentions.extend(self._misspelled(text, [(h[0], h[1]) for h in hits], skip or []))
        mentions.sort(key=lambda m: m[0])
        kinds = self._prefix_kinds(text, mentions)
        resolved: list[RegionMention] = []  # code "" while ambiguous
        pending: list[int] = []
        for i, (start, end, entry, prefix, prefix_start) in enumerate(mentions):
            code, rule, conf = self._resolve_with_kind(entry.codes, kinds[i])
            if code is None:
                pending.append(i)
            resolved.append(
                RegionMention(
                    code or "", start, end, text[start:end], prefix, prefix_start, conf, rule
                )
            )
        if pending:
            self._resolve_by_document(resolved, mentions, pending, _government_kind(lowered))
        return [m for m in resolved if m.code]

    def _misspelled(
        self, text: str, taken: list[tuple[int, int]], skip: list[tuple[int, int]]
    ) -> list[tuple[int, int, _Entry, str | None, int]]:
        """Names after a prefix that match no region exactly but one closely ("Kab. Dharma
        swara", "Bupati Sanggae"), matched with rapidfuzz against names of the prefix's kind.
        """
        found = []
        lowered = fold_safe_lower(text)
        if lowered is not None:  # same matches at the same offsets: the faster scan
            text, scan = lowered, self._prefix_scan_lower
        else:
            scan = self._prefix_scan_re
        for match in scan.finditer(text):
            name_start = match.start("name")
            if any(s <= name_start < e for s, e in taken) or any(
                s <= name_start < e for s, e in skip
            ):
                continue
            kind = self._prefix_kind[_SPACES.sub(" ", match.group("prefix").lower())]
            choices = self._names_by_kind[kind]
            words = match.group("name").split()
            for size in range(min(3, len(words)), 0, -1):
                candidate = " ".join(words[:size])
                if len(candidate) < 6:
                    continue
                best = process.extractOne(
                    candidate.lower(), list(choices), scorer=fuzz.ratio, score_cutoff=85
                )
                if best is not None:
                    end = text.index(words[size - 1], name_start) + len(words[size - 1])
                    entry = _Entry(best[0], (choices[best[0]],), False)
                    found.append(
                        (name_start, end, entry, match.group("prefix").lower(), match.start())
                    )
                    break
        return found

    def _longest_hits(self, text: str, lowered: str) -> list[tuple[int, int, _Entry]]:
        """Automaton hits on word boundaries, longest first, without overlaps."""
        candidates = []
        for last, entry in self._automaton.iter(lowered):
            start, end = last - len(entry.form) + 1, last + 1
            if start > 0 and _WORD.match(lowered[start - 1]):
                continue
            if end < len(lowered) and _WORD.match(lowered[end]):
                continue
            candidates.append((start, end, entry))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        chosen: list[tuple[int, int, _Entry]] = []
        for cand in sorted(candidates, key=lambda c: -(c[1] - c[0])):
            if all(cand[1] <= s or cand[0] >= e for s, e, _ in chosen):
                chosen.append(cand)
        return sorted(chosen, key=lambda c: c[0])

    @staticmethod
    def _surface_ok(
        text: str, start: int, end: int, entry: _Entry, *, prefix_start: int | None
    ) -> bool:
        """Names are proper nouns: capitalised words, or all caps in datelines.

        After a prefix only the first word must be capitalised: lists such as "Kab. Tanah
        laut, Kab. Bengkulu selatan" are common in press releases.
        """
        surface = text[start:end]
        if entry.upper_only:
            return surface.isupper()
        if surface.isupper():
            return True
        if prefix_start is not None:
            return surface[0].isupper() or text[prefix_start].isupper()
        return all(
            word[0].isupper() or word[0].isdigit()
            for word in _NAME_WORD_BREAK.split(surface)
            if word
        )

    def _prefix(self, text: str, start: int) -> tuple[str | None, int]:
        """The kind-giving phrase directly before a name, if any."""
        window_start = max(0, start - 45)
        match = self._prefix_re.search(text[window_start:start])
        if not match:
            return None, start
        phrase = _SPACES.sub(" ", match.group(1).lower())
        return phrase, window_start + match.start(1)

    def _blocked(self, lowered: str, start: int, end: int, prefix: str | None) -> bool:
        """True when the words around the name make it an outlet, breed, island or street."""
        if prefix is None:
            before = _WORD_BEFORE.findall(lowered[max(0, start - 25) : start])
            if before and before[-1] in self._blocked_before:
                return True
            if _DISTRICT_LIST.search(lowered[max(0, start - 80) : start]):
                return True  # "Kecamatan Buleleng, Banjar, Sukasada": districts, not regions
        after = _WORDS_AFTER.match(lowered[end : end + 25])
        if after:
            words = after.group(1).split()
            if words[0] in self._blocked_after or " ".join(words) in self._blocked_after:
                return True
        return False

    def _prefix_kinds(
        self, text: str, mentions: list[tuple[int, int, _Entry, str | None, int]]
    ) -> list[str | None]:
        """Kind per mention; a list shares its prefix ("Pemkot Bengkulu dan Jambi")."""
        kinds: list[str | None] = []
        for i, (start, _end, _entry, prefix, _ps) in enumerate(mentions):
            kind = self._prefix_kind.get(prefix) if prefix else None
            if kind is None and prefix is None and i > 0:
                prev_end = mentions[i - 1][1]
                if _LIST_JOIN.fullmatch(text[prev_end:start]):
                    kind = kinds[i - 1]
            kinds.append(kind)
        return kinds

    def _resolve_with_kind(
        self, codes: tuple[str, ...], kind: str | None
    ) -> tuple[str | None, str, float]:
        """Pick a code from the prefix's kind; None when the name stays ambiguous."""
        if len(codes) == 1:
            return codes[0], "unique-name" if kind is None else "prefixed-name", 0.9
        if kind is not None:
            matching = [c for c in codes if self.regions[c].kind == kind]
            if len(matching) == 1:
                return matching[0], "prefix-kind", 0.95
        return None, "ambiguous", 0.0

    def _resolve_by_document(
        self,
        resolved: list[RegionMention],
        mentions: list[tuple[int, int, _Entry, str | None, int]],
        pending: list[int],
        preferred_kind: str | None,
    ) -> None:
        """Resolve ambiguous mentions from the rest of the article, then by default."""
        explicit = Counter(m.code for m in resolved if m.code)
        provinces = {self.regions[code].province_code for code in explicit}
        for i in pending:
            codes = mentions[i][2].codes
            scored = sorted(
                codes,
                key=lambda c: (
                    explicit[c],
                    self.regions[c].province_code in provinces
                    and self.regions[c].kind != "provinsi",
                ),
                reverse=True,
            )
            best = scored[0]
            if explicit[best] or (len(scored) > 1 and scored[0] != scored[1] and best in provinces):
                rule, conf = "document-context", 0.75
            else:
                best, rule, conf = self._default(codes, preferred_kind), "default-reading", 0.55
            resolved[i] = replace(resolved[i], code=best, rule=rule, confidence=conf)

    def _default(self, codes: tuple[str, ...], preferred_kind: str | None) -> str:
        """The reading of a bare ambiguous name: the article's kind of government, else the
        lexicon's default."""
        kinds = {self.regions[c].kind: c for c in codes}
        if preferred_kind in kinds:
            return kinds[preferred_kind]
        if "provinsi" in kinds:
            wanted = self._default_kind["provinsi_or_kota"]
        else:
            wanted = self._default_kind["kabupaten_or_kota"]
        return kinds.get(wanted, codes[0])


_GOVERNMENT_WORDS = {
    "kota": re.compile(r"\b(?:wali\s*kota|walikota|pemkot|pemerintah kota|apeksi)\b"),
    "kabupaten": re.compile(r"\b(?:bupati|pemkab|pemerintah kabupaten|apkasi)\b"),
    "provinsi": re.compile(r"\b(?:gubernur|pemprov|pemerintah provinsi|appsi)\b"),
}


def _government_kind(lowered: str) -> str | None:
    """The kind of regional government an article is mostly about, if one clearly leads.

    A bare "Jambi" in an article about mayors and APEKSI is the city; in one about
    governors it is the province.
    """
    counts = {kind: len(p.findall(lowered)) for kind, p in _GOVERNMENT_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if ranked[0][1] and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def _is_dateline(text: str, start: int, end: int) -> bool:
    """True for an all-caps place name opening a line ("SERANG, ..." or "BATU -")."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[start:end].isupper() and not text[line_start:start].strip(" \"'“")


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (building the automaton takes a few milliseconds)."""
    return Gazetteer()


def _lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with one character for each character of ``text``, so that offsets
    found in it are offsets in ``text``. A few characters lower-case to two ("İ" to "i" and
    a combining dot); they keep the first.
    """
    lowered = text.lower()  # lower() never shortens a character: equal length, same offsets
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower()[0] for char in text)
