"""The extraction stage: one article's text in, the ANNOTATION.md JSON contract out.

==========================  ==============================================================
:mod:`.pipeline`            ``extract(document)``: runs the rule families in order
:mod:`.sentences`           sentence splitting with offsets into the original text
:mod:`.context`             what every rule family shares about one article
:mod:`.gazetteer`           region mentions (names, aliases, ambiguous names)
:mod:`.officials`           officials and their posts
:mod:`.dates`               event dates from the text and the dateline
:mod:`.events`              visits, agreements, forums and their parties
:mod:`.participants`        the participants of multi-party forums and agreements
:mod:`.actors`              the gate: who acts, and whether a region acts as a government
:mod:`.learning`            who learned from whom
:mod:`.programs`            programs (innovations) and their themes
:mod:`.cues`                the cue words of ``data/lexicon/cues.toml``
:mod:`.relevance`           the document classifier that gates weak evidence
==========================  ==============================================================

The pipeline is imported by name (``sinergi.loaders.extract.pipeline``), not from here,
so that importing one rule family does not import them all.
"""
