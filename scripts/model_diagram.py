"""Print the Mermaid class diagram of sinergi's model (ontology + SHACL shapes).

    python scripts/model_diagram.py > model.mmd

``scripts/build_model_doc.py`` embeds the same text in ``docs/model.md``.

The ontology (``sinergi.ttl``) gives the classes, the subclass tree and the domains and
ranges of sinergi's own properties; the shapes (``shapes.ttl``) give how the reused
vocabularies (ORG, PROV-O, OWL-Time, Web Annotation ...) are used and with which
cardinality. Together they are the whole model, so the diagram in ``docs/model.md`` is
regenerated from them (by ``scripts/build_model_doc.py``) instead of drawn by hand.

Rules: a named class becomes a Mermaid class labelled with its prefixed name; an
``rdfs:subClassOf`` between named classes an inheritance arrow; an ``sg:`` object property
with a domain and a range an association; a shape's property with ``sh:class`` an
association with the shape's cardinality, and with ``sh:datatype`` (or a plain-literal
property) an attribute. A shape whose targets are unrelated classes (provenance: events,
learning relations, programs, tenures) becomes a ``<<shape>>`` box that those classes
realise, so its properties are drawn once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, SH

from sinergi.graph.store.validate import load_shapes
from sinergi.namespace import PREFIXES, RDF, RDFS, SG
from sinergi.ontology import load_ontology

__all__ = ["RATIO", "main", "mermaid_class_diagram"]

RATIO = "\u2236"
"""Stands for ``:`` in relation labels, which Mermaid's class diagram parser rejects."""

_NAMESPACES = sorted(
    [*PREFIXES.items(), ("sgsh", "https://w3id.org/sinergi/shapes#")],
    key=lambda item: len(item[1]),
    reverse=True,
)


def _prefixed(term: URIRef) -> str:
    for prefix, namespace in _NAMESPACES:
        if term.startswith(namespace):
            return f"{prefix}:{term[len(namespace) :]}"
    return str(term)


def _node_id(term: URIRef) -> str:
    return _prefixed(term).replace(":", "_").replace("-", "_").replace("/", "_")


def _classes(expression: object, onto: Graph) -> list[URIRef]:
    """Named classes of a domain/range: the class itself or the members of a union."""
    if isinstance(expression, URIRef):
        return [expression]
    if isinstance(expression, BNode):
        union = onto.value(expression, OWL.unionOf)
        if union is not None:
            return [c for c in onto.items(union) if isinstance(c, URIRef)]
    return []


def _cardinality(shapes: Graph, prop: BNode) -> str:
    low = shapes.value(prop, SH.minCount)
    high = shapes.value(prop, SH.maxCount)
    lo = int(low) if low is not None else 0
    if high is None:
        return f"{lo}..*" if lo else "*"
    hi = int(high)
    return str(lo) if lo == hi else f"{lo}..{hi}"


def _merge(cards: Iterable[str]) -> str:
    """One cardinality for a property constrained by several property shapes."""
    lows, highs = [], []
    for card in cards:
        low, _, high = card.partition("..")
        if card == "*":
            low, high = "0", "*"
        elif not high:
            high = low
        lows.append(int(low))
        highs.append(high)
    low = max(lows)
    numeric = [int(h) for h in highs if h != "*"]
    high = str(min(numeric)) if numeric else "*"
    if high == "*":
        return f"{low}..*" if low else "*"
    return str(low) if str(low) == high else f"{low}..{high}"


def mermaid_class_diagram(onto: Graph, shapes: Graph) -> str:
    """The Mermaid ``classDiagram`` text of ``onto`` plus ``shapes`` (deterministic)."""
    named = {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    datatype_props = set(onto.subjects(RDF.type, OWL.DatatypeProperty)) | set(
        onto.subjects(RDF.type, OWL.AnnotationProperty)
    )
    boxes: dict[str, str] = {}  # node id -> label
    stereotypes: dict[str, str] = {}
    inherits: set[tuple[str, str]] = set()
    realises: set[tuple[str, str]] = set()
    links: dict[tuple[str, str, str], list[str]] = {}  # (from, property, to) -> cardinalities
    attributes: dict[str, dict[str, tuple[str, list[str]]]] = {}

    def box(term: URIRef) -> str:
        node = _node_id(term)
        boxes[node] = _prefixed(term)
        return node

    for sub, sup in onto.subject_objects(RDFS.subClassOf):
        if sub in named and sup in named:
            inherits.add((box(sup), box(sub)))

    for prop in sorted(onto.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(str(SG._NS)):
            continue
        domains = [c for d in onto.objects(prop, RDFS.domain) for c in _classes(d, onto)]
        ranges = [c for r in onto.objects(prop, RDFS.range) for c in _classes(r, onto)]
        functional = (prop, RDF.type, OWL.FunctionalProperty) in onto
        for domain in domains:
            for range_ in ranges:
                cards = links.setdefault((box(domain), _prefixed(prop), box(range_)), [])
                if functional:
                    cards.append("0..1")

    for prop in sorted(onto.subjects(RDF.type, OWL.DatatypeProperty)):
        if not str(prop).startswith(str(SG._NS)):
            continue
        for domain in (c for d in onto.objects(prop, RDFS.domain) for c in _classes(d, onto)):
            range_ = onto.value(prop, RDFS.range)
            kind = _prefixed(range_).split(":")[-1] if isinstance(range_, URIRef) else "literal"
            attributes.setdefault(box(domain), {})[_prefixed(prop)] = (kind, [])

    ontology_props = {prop for _, prop, _ in links}
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = sorted(shapes.objects(shape, SH.targetClass))
        if not targets:
            continue
        closure = {t: set(onto.transitive_objects(t, RDFS.subClassOf)) - {t} for t in targets}
        roots = [t for t in targets if not any(u in closure[t] for u in targets if u != t)]
        by_path: dict[URIRef, list[BNode]] = {}
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef) and path != RDF.type:
                by_path.setdefault(path, []).append(prop)
        for path, props in sorted(by_path.items()):
            name = _prefixed(path)
            card = _merge(_cardinality(shapes, prop) for prop in props)
            target_class = next(
                (c for prop in props for c in shapes.objects(prop, SH["class"])), None
            )
            datatype = next((d for prop in props for d in shapes.objects(prop, SH.datatype)), None)
            owners = [box(root) for root in roots]
            if name in ontology_props:
                # Drawn from the ontology's domain and range: add the shape's cardinality only.
                for key in links:
                    if key[1] == name and key[0] in owners:
                        links[key].append(card)
                continue
            if len(owners) > 1:
                owner = _node_id(shape)
                boxes[owner] = _prefixed(shape)
                stereotypes[owner] = "shape"
                realises.update((owner, target) for target in owners)
                owners = [owner]
            qualified = [
                (prop, shapes.value(shapes.value(prop, SH.qualifiedValueShape), SH["class"]))
                for prop in props
                if shapes.value(prop, SH.qualifiedValueShape) is not None
            ]
            for prop, value_class in qualified:
                if isinstance(value_class, URIRef):
                    low = shapes.value(prop, SH.qualifiedMinCount)
                    high = shapes.value(prop, SH.qualifiedMaxCount)
                    lo, hi = int(low or 0), "*" if high is None else str(int(high))
                    links.setdefault((owners[0], name, box(value_class)), []).append(
                        str(lo) if str(lo) == hi else f"{lo}..{hi}"
                    )
            if qualified:
                continue
            if isinstance(target_class, URIRef):
                links.setdefault((owners[0], name, box(target_class)), []).append(card)
            elif (
                datatype is not None
                or path in datatype_props
                or any(shapes.value(prop, SH.pattern) for prop in props)
            ):
                kind = _prefixed(datatype).split(":")[-1] if datatype is not None else "string"
                attributes.setdefault(owners[0], {})[name] = (kind, [card])

    lines = ["classDiagram", "  direction LR"]
    for node in sorted(boxes):
        members = attributes.get(node, {})
        if not members:
            lines.append(f'  class {node}["{boxes[node]}"]')
            continue
        lines.append(f'  class {node}["{boxes[node]}"] {{')
        for name, (kind, cards) in sorted(members.items()):
            suffix = f" [{_merge(cards)}]" if cards else ""
            lines.append(f"    +{kind} {name}{suffix}")
        lines.append("  }")
    for node in sorted(stereotypes):
        lines.append(f"  <<{stereotypes[node]}>> {node}")
    for sup, sub in sorted(inherits):
        lines.append(f"  {sup} <|-- {sub}")
    for shape, target in sorted(realises):
        lines.append(f"  {shape} <|.. {target}")
    for (source, prop, target), cards in sorted(links.items()):
        card = f' "{_merge(cards)}"' if cards else ""
        # Mermaid cannot parse a colon in a relation label (nor decode "#58;" there): the
        # prefix is joined with U+2236 RATIO, which looks the same.
        lines.append(f"  {source} -->{card} {target} : {prop.replace(':', RATIO)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.stdout.write(mermaid_class_diagram(load_ontology(), load_shapes()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
