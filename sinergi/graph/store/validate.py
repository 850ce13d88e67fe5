"""Check the graph against sinergi's SHACL shapes (the data contract).

The shapes live in the package as ``sinergi/ontology/shapes.ttl``: every collaboration
event is typed (``sg:Visit`` / ``sg:Agreement`` / ``sg:Forum``) with at least two
``sg:participant`` regions; every extracted statement has ``prov:wasDerivedFrom`` its
article and ``sg:evidence``; an ``sg:Learning`` joins two *different* regions; a post's
``sg:postRegion`` is an ``sg:Region`` (national posts have none), and so on. Each
constraint carries the ``sh:message`` a user sees.

:func:`validate_store` copies the union of the store's named graphs into an in-memory
rdflib graph, adds the ontology (so ``sh:class sg:Region`` accepts a ``sg:City``) and runs
pySHACL without inference. The copy is what bounds it: validation is a check for
development and CI on corpora of thousands of articles, not a step of ingest.

pySHACL runs each SHACL-SPARQL constraint once per focus node, passing the same query
*text* to rdflib, which parses it again every time (~10-30 ms a node). The graph handed to
pySHACL therefore caches parsed queries (:class:`_PreparedQueryGraph`), which took the
validation of the seeds + dev + demo corpus (17,607 triples) from 8.8 s to 2.3 s.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.paths import AlternativePath, InvPath, Path, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from sinergi.errors import SinergiError
from sinergi.graph.store import GraphStore
from sinergi.namespace import BASE, PREFIXES, RDF

__all__ = [
    "SHAPES",
    "SHAPES_PATH",
    "ValidationReport",
    "Violation",
    "compact",
    "load_shapes",
    "store_graph",
    "validate_graph",
    "validate_store",
]

SHAPES_PATH: Traversable = files("sinergi.ontology") / "shapes.ttl"
"""The packaged SHACL shapes (Turtle, written by hand)."""

SHAPES = Namespace(BASE + "shapes#")
"""Namespace of the shapes themselves (``sgsh:``)."""

_COMPACT = sorted(
    [*PREFIXES.items(), ("sgsh", str(SHAPES)), ("sh", str(SH))],
    key=lambda item: len(item[1]),
    reverse=True,
)
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.%/-]*")


def compact(term: Node | Path | None) -> str:
    """A short, readable form of ``term``: ``sgid:event/a1/...``, a literal's N3, a SPARQL
    property path (``org:postIn/sg:governs``), or ``-``."""
    if term is None:
        return "-"
    if isinstance(term, SequencePath):
        return "/".join(compact(arg) for arg in term.args)
    if isinstance(term, AlternativePath):
        return "(" + "|".join(compact(arg) for arg in term.args) + ")"
    if isinstance(term, InvPath):
        return "^" + compact(term.arg)
    if isinstance(term, URIRef):
        for prefix, namespace in _COMPACT:
            local = str(term)[len(namespace) :]
            if term.startswith(namespace) and (not local or _LOCAL.fullmatch(local)):
                return f"{prefix}:{local}"
        return term.n3()
    if isinstance(term, Literal):
        return term.n3()
    return str(term.n3()) if hasattr(term, "n3") else str(term)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result."""

    focus: Node
    path: Node | Path | None
    message: str
    value: Node | None = None
    shape: Node | None = None
    component: Node | None = None
    severity: Node = SH.Violation

    def line(self) -> str:
        """``focus<TAB>path<TAB>message``: what ``sinergi validate`` prints."""
        return f"{compact(self.focus)}\t{compact(self.path)}\t{self.message}"

    def __str__(self) -> str:
        return self.line()


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Outcome of :func:`validate_store` / :func:`validate_graph`.

    ``conforms`` is SHACL's: true when there is no validation result at all. ``violations``
    are sorted by message, then focus node. ``triples`` is the size of the validated graph
    (data plus ontology); ``seconds`` the total time, ``load_seconds`` the part spent copying
    the store into rdflib.
    """

    conforms: bool
    violations: tuple[Violation, ...] = ()
    triples: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    shapes: int = field(default=0)

    def counts(self) -> dict[str, int]:
        """Number of violations per message."""
        result: dict[str, int] = {}
        for violation in self.violations:
            result[violation.message] = result.get(violation.message, 0) + 1
        return result

    def summary(self) -> str:
        """One line: conforms or not, how many violations, on how much data, how fast."""
        size = f"{self.triples} triples, {self.shapes} shapes, {self.seconds:.2f} s"
        if self.conforms:
            return f"conforms ({size})"
        return f"does not conform: {len(self.violations)} violations ({size})"


@lru_cache(maxsize=128)
def _prepared(query: str) -> Query:
    return prepareQuery(query)


class _PreparedQueryGraph(Graph):
    """An rdflib graph that parses each distinct SPARQL text once (see the module doc)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@cache
def _shapes_bytes() -> bytes:
    return SHAPES_PATH.read_bytes()


def load_shapes() -> Graph:
    """Parse the packaged shapes into a fresh rdflib graph."""
    graph = Graph()
    graph.parse(data=_shapes_bytes(), format="turtle")
    return graph


def store_graph(store: GraphStore, *, ontology: bool = True) -> Graph:
    """The union of every named graph of ``store`` as one rdflib graph (plus the ontology).

    Streams ``store.quads()`` (works on any :class:`~sinergi.graph.store.GraphStore`); a
    triple stated by several articles is kept once.
    """
    graph = _PreparedQueryGraph()
    add = graph.add
    for s, p, o, _graph in store.quads():
        add((s, p, o))
    if ontology:
        from sinergi.ontology import load_ontology

        graph += load_ontology()
    return graph


def _path(results: Graph, node: Node | None) -> Node | Path | None:
    """A SHACL path node of the results graph as an rdflib term or property path."""
    if not isinstance(node, BNode):
        return node
    if results.value(node, RDF.first) is not None:
        steps = _steps(results, results.items(node))
        return SequencePath(*steps) if steps is not None else node
    alternatives = results.value(node, SH.alternativePath)
    if alternatives is not None:
        steps = _steps(results, results.items(alternatives))
        return AlternativePath(*steps) if steps is not None else node
    inverse = results.value(node, SH.inversePath)
    if inverse is not None:
        steps = _steps(results, [inverse])
        return InvPath(steps[0]) if steps is not None else node
    return node


def _steps(results: Graph, nodes: Iterable[Node]) -> list[Path | URIRef] | None:
    """The paths of ``nodes``; None when one is no path rdflib can represent."""
    steps: list[Path | URIRef] = []
    for item in nodes:
        step = _path(results, item)
        if not isinstance(step, Path | URIRef):
            return None
        steps.append(step)
    return steps


def _violations(results: Graph) -> Iterable[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        focus = results.value(result, SH.focusNode)
        assert focus is not None  # SHACL: every validation result has a focus node
        yield Violation(
            focus=focus,
            path=_path(results, results.value(result, SH.resultPath)),
            message=str(message) if message is not None else compact(component),
            value=results.value(result, SH.value),
            shape=results.value(result, SH.sourceShape),
            component=component,
            severity=results.value(result, SH.resultSeverity) or SH.Violation,
        )


def validate_graph(graph: Graph, *, ontology: bool = False) -> ValidationReport:
    """Validate an rdflib graph against the shapes, adding the ontology if ``ontology``.

    ``graph`` is not changed: it is validated as is when it comes from :func:`store_graph`
    (pySHACL adds nothing without inference), else copied first.
    """
    import pyshacl  # heavy: only needed here

    data = graph
    if ontology or not isinstance(graph, _PreparedQueryGraph):
        data = _PreparedQueryGraph()
        data += graph
        if ontology:
            from sinergi.ontology import load_ontology

            data += load_ontology()
    shapes = load_shapes()
    started = time.perf_counter()
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        inplace=True,
        allow_warnings=False,
    )
    seconds = time.perf_counter() - started
    if not isinstance(results, Graph):  # pySHACL reports a broken shapes graph this way
        raise SinergiError(f"the SHACL shapes cannot be used: {results}")
    violations = sorted(
        _violations(results),
        key=lambda v: (v.message, compact(v.focus), compact(v.path), compact(v.value)),
    )
    return ValidationReport(
        conforms=bool(conforms),
        violations=tuple(violations),
        triples=len(data),
        seconds=seconds,
        shapes=sum(1 for _ in shapes.subjects(RDF.type, SH.NodeShape)),
    )


def validate_store(store: GraphStore) -> ValidationReport:
    """Validate the union graph of ``store`` plus the ontology against the shapes."""
    started = time.perf_counter()
    graph = store_graph(store)
    loaded = time.perf_counter() - started
    report = validate_graph(graph)
    return ValidationReport(
        conforms=report.conforms,
        violations=report.violations,
        triples=report.triples,
        seconds=time.perf_counter() - started,
        load_seconds=loaded,
        shapes=report.shapes,
    )
