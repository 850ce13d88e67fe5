"""The ingest run: which ``sinergi ingest`` extracted an article, and when.

Each run is a ``prov:Activity`` (``sgid:ingest/<start>-<random>``) in its own named graph,
written before its first article (a run killed halfway is still described) and completed
when it ends: start and end time, the extractor version and (as a comment) the number of
articles it extracted. Every article graph it writes says, on the article's
``sg:Extraction``, ``prov:wasInformedBy`` the run and ``prov:startedAtTime`` its start, so
an auditor can tell which run and which extractor produced any statement, and when.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.term import Node

from sinergi import __version__
from sinergi.namespace import GRAPH, ID, PROV, RDF, RDFS, SG, XSD

__all__ = ["EXTRACTOR_VERSION", "IngestRun", "new_run", "run_graph", "run_triples"]

#: The extractor's name and version, as every extraction run records it.
EXTRACTOR_VERSION = f"sinergi-rules/{__version__}"


@dataclass(frozen=True, slots=True)
class IngestRun:
    """The ``sinergi ingest`` run that extracts an article: its IRI and start time."""

    iri: str
    started: str  # ISO date-time, UTC


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_run() -> IngestRun:
    """A run starting now, with an IRI no other run has."""
    started = _now()
    stamp = started.replace(":", "").replace("-", "").replace("+0000", "Z")
    return IngestRun(str(ID[f"ingest/{stamp}-{secrets.token_hex(3)}"]), started)


def run_graph(run: IngestRun) -> URIRef:
    """The named graph that describes ``run``."""
    return URIRef(GRAPH["ingest/" + run.iri.rsplit("/", 1)[-1]])


def run_triples(
    run: IngestRun, articles: int = 0, *, ended: bool = False
) -> list[tuple[Node, Node, Node]]:
    """The run as a ``prov:Activity``: label, start, extractor; once ``ended``, also its
    end time and how many articles it extracted. Written when the run starts extracting
    (so a run killed halfway is still described) and again when it ends."""
    node = URIRef(run.iri)
    triples: list[tuple[Node, Node, Node]] = [
        (node, RDF.type, PROV.Activity),
        (node, RDFS.label, Literal("sinergi ingest")),
        (node, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)),
        (node, SG.extractorVersion, Literal(EXTRACTOR_VERSION)),
    ]
    if ended:
        triples.append((node, PROV.endedAtTime, Literal(_now(), datatype=XSD.dateTime)))
        triples.append((node, RDFS.comment, Literal(f"{articles} articles extracted")))
    return triples
