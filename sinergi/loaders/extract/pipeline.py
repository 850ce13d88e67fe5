"""The extractor: one article in, the ANNOTATION.md JSON contract out.

``extract(document)`` runs the rule families in data-flow order (regions -> officials ->
events -> learning -> programs) over a shared :class:`ArticleContext`, and returns an
:class:`Extraction` whose :meth:`Extraction.to_json` is exactly the contract that
``score.py`` reads. Every item also carries its evidence (sentence index, character span,
confidence and rule) as extra keys, which the scorer ignores and the RDF mapping keeps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sinergi.loaders.extract.actors import government_regions
from sinergi.loaders.extract.context import ArticleContext, build_context
from sinergi.loaders.extract.events import EventMention, find_events, has_collaboration_cue
from sinergi.loaders.extract.gazetteer import RegionMention
from sinergi.loaders.extract.learning import LearningEdge, find_learning
from sinergi.loaders.extract.officials import OfficialMention, find_officials, speaker_offsets
from sinergi.loaders.extract.programs import ProgramMention, find_programs
from sinergi.loaders.extract.relevance import relevance_score
from sinergi.loaders.provenance import EXTRACTOR_VERSION
from sinergi.loaders.read.documents import Document
from sinergi.reference import load_regions

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "extract_all"]



@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article, with evidence for each item."""

    document: Document
    context: ArticleContext
    regions: list[tuple[str, float]]  # (code, best confidence)
    officials: list[OfficialMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    learning: list[LearningEdge] = field(default_factory=list)
    programs: list[ProgramMention] = field(default_factory=list)
    extractor: str = EXTRACTOR_VERSION

    def evidence(self, start: int, end: int) -> dict[str, Any]:
        """Sentence index and character span of the evidence for an item."""
        sentence = self.context.sentence_at(start)
        return {"sentence": sentence.index, "start": start, "end": end}

    def to_json(self) -> dict[str, Any]:
        """The ANNOTATION.md contract, plus evidence keys the scorer ignores."""
        table = load_regions()
        first_mention: dict[str, RegionMention] = {}
        for mention in self.context.regions:
            first_mention.setdefault(mention.code, mention)
        return {
            "doc": self.document.doc_id,
            "published": self.document.published,
            "regions": [
                {
                    "code": code,
                    "name": table[code].name,
                    "confidence": round(conf, 3),
                    "evidence": self.evidence(first_mention[code].start, first_mention[code].end),
                }
                for code, conf in self.regions
            ],
            "officials": [
                {
                    "name": o.name,
                    "aliases": o.aliases,
                    "position": o.position,
                    "region": o.region,
                    "acting": o.acting,
                    "confidence": o.confidence,
                    "evidence": self.evidence(o.start, o.end),
                }
                for o in self.officials
            ],
            "events": [
                {
                    "type": e.type,
                    "date": e.date,
                    "hosts": e.hosts,
                    "guests": e.guests,
                    "forum": e.forum,
                    "confidence": e.confidence,
                    "rule": e.rule,
                    "evidence": self.evidence(*e.spans[0]),
                }
                for e in self.events
            ],
            "learning": [
                {
                    "learner": edge.learner,
                    "source": edge.source,
                    "event": edge.event_index,
                    "confidence": edge.confidence,
                    "rule": edge.rule,
                    "evidence": self.evidence(edge.start, edge.end),
                }
                for edge in self.learning
            ],
            "programs": [
                {
                    "label": p.label,
                    "owner": p.owner,
                    "theme": p.theme,
                    "confidence": p.confidence,
                    "rule": p.rule,
                    "evidence": self.evidence(p.start, p.end),
                }
                for p in self.programs
            ],
            "relevance": None
            if self.context.relevance is None
            else round(self.context.relevance, 3),
            "extractor": self.extractor,
        }


def extract(document: Document) -> Extraction:
    """Extract regions, officials, events, learning edges and programs from one article."""
    context = build_context(document)
    context.relevance = relevance_score(document.title, document.text)
    best: dict[str, float] = {}
    for mention in context.regions:
        best[mention.code] = max(best.get(mention.code, 0.0), mention.confidence)
    officials = find_officials(context.text, context.regions)
    if has_collaboration_cue(context.text):
        # only the rules read who acts as a government: not worked out for the bulk of news
        context.government = government_regions(context.text, context.regions, officials)
        events = find_events(context)
        speakers = speaker_offsets(context.text, officials, context.government_codes())
        learning = find_learning(context, events, speakers)
        programs = find_programs(context, events, learning, officials)
    else:  # most news is not about collaboration: skip the heavy rules in one search
        events, learning, programs = [], [], []
    return Extraction(
        document=document,
        context=context,
        regions=list(best.items()),
        officials=officials,
        events=events,
        learning=learning,
        programs=programs,
    )


def extract_all(documents: Iterable[Document]) -> Iterator[Extraction]:
    """Extract every document in turn (streaming)."""
    for document in documents:
        yield extract(document)
