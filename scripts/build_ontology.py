"""Build sinergi's OWL ontology from its term table and write it as deterministic Turtle.

    python scripts/build_ontology.py [OUTPUT]    # default: sinergi/ontology/sinergi.ttl

The terms live in ``scripts/ontology/terms.toml`` (its header describes the format); this
script declares them with owlready2 and writes the Turtle that ships as package data, then
checks the packaged ontology with HermiT (:func:`sinergi.ontology.check_consistency`, skipped
without Java). An ``sg:`` term missing from the
vocabulary contract (:class:`sinergi.namespace.SG`) is an error, and so is a contract term
missing from the table.

Design rules:

* Reuse before inventing. ``SG`` only holds what W3C ORG, PROV-O, SKOS, OWL-Time, FOAF,
  schema.org and Web Annotation lack; those vocabularies are referenced by IRI (declared so
  the ontology stays OWL 2 DL, given an Indonesian label and a ``skos:scopeNote`` on how
  sinergi uses them) and never ``owl:imports``-ed, so loading the ontology needs no network.
* No transitivity on ``sg:learnedFrom``: learning chains are queried with SPARQL property
  paths (``sg:learnedFrom+``), which keeps the stored graph small and the reasoner fast.
* owlready2 cannot write Turtle (``onto.save(format="turtle")`` silently writes 0 bytes), so
  the ontology is saved as RDF/XML and re-serialised with rdflib after canonicalising blank
  nodes, which makes the output independent of owlready2's blank-node numbering.
"""

from __future__ import annotations

import argparse
import io
import sys
import tomllib
import types
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import owlready2
from owlready2 import (
    AllDisjoint,
    AnnotationProperty,
    ConstrainedDatatype,
    DataProperty,
    FunctionalProperty,
    Inverse,
    ObjectProperty,
    Thing,
    locstr,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, VANN
from rdflib.term import Node

from sinergi.namespace import DCTERMS, PREFIXES, RDFS, SG, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
TERMS = Path(__file__).resolve().parent / "ontology" / "terms.toml"
DEFAULT_OUTPUT = ROOT / "sinergi" / "ontology" / "sinergi.ttl"

SG_NS = str(SG._NS)
ONTOLOGY_IRI = SG_NS.rstrip("#")
"""IRI of the ontology itself (the ``sg:`` namespace without its ``#``)."""

Entity = Any
"""An owlready2 class or property (owlready2 entities are Python classes, typed loosely)."""

_BASES: dict[str, Entity] = {
    "class": Thing,
    "object": ObjectProperty,
    "data": DataProperty,
    "annotation": AnnotationProperty,
}
_DATATYPES: dict[str, type] = {
    "xsd:string": str,
    "xsd:integer": int,
    "xsd:decimal": float,
    "xsd:date": date,
    "xsd:boolean": bool,
    "xsd:dateTime": datetime,
}

_SECTIONS: tuple[tuple[str, frozenset[URIRef]], ...] = (
    ("Ontology", frozenset({OWL.Ontology})),
    ("sinergi classes", frozenset({OWL.Class})),
    ("sinergi object properties", frozenset({OWL.ObjectProperty})),
    ("sinergi datatype properties", frozenset({OWL.DatatypeProperty})),
    ("Reused classes (defined by their own vocabularies)", frozenset({OWL.Class})),
    (
        "Reused properties (defined by their own vocabularies)",
        frozenset({OWL.ObjectProperty, OWL.DatatypeProperty}),
    ),
    ("Annotation properties", frozenset({OWL.AnnotationProperty})),
    ("Axioms on several classes", frozenset()),
)
"""Blocks of the Turtle file, in order; the ``sinergi`` ones hold only ``sg:`` terms."""


# --------------------------------------------------------------------------- the model


def _iri(name: str) -> URIRef:
    """The IRI of a prefixed name; an ``sg:`` name must be in the SG contract."""
    prefix, _, local = name.partition(":")
    if prefix == "sg" and local not in SG.__annotations__:
        raise ValueError(f"{name} is not a term of sinergi.namespace.SG")
    return URIRef(PREFIXES[prefix] + local)


def _declare(onto: owlready2.Ontology, iri: URIRef, *bases: Entity) -> Entity:
    """Create the class or property ``iri`` with ``bases`` inside ``onto``.

    Works for any namespace: the triples land in ``onto`` even for schema.org or ORG terms,
    which is how foreign terms are declared without importing their ontologies.
    """
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    with onto.get_namespace(str(iri[:cut])):
        return types.new_class(str(iri[cut:]), bases)


def build_ontology(terms: Path = TERMS) -> owlready2.Ontology:
    """Build the ontology of ``terms`` in a fresh owlready2 ``World`` and return it.

    A private world keeps repeated builds (tests, the CLI) from sharing or polluting
    owlready2's ``default_world``. The result includes ``sg:date rdfs:range xsd:date``;
    HermiT rejects ``xsd:date``, so the reasoner check in :mod:`sinergi.ontology` drops that
    range from its working copy.
    """
    table = tomllib.loads(terms.read_text(encoding="utf-8"))
    onto = owlready2.World().get_ontology(SG_NS)
    entities: dict[str, Entity] = {}

    def header(iri: URIRef) -> str:
        return str(_declare(onto, iri, AnnotationProperty).python_name)

    scope_note = header(SKOS.scopeNote)
    rows = table["reused"] + table["term"]
    for row in rows:  # declare, in table order (parents first)
        parents = tuple(entities[p] for p in row.get("parents", ()))
        bases = parents or (_BASES[row["kind"]],)
        if row.get("functional"):
            bases += (FunctionalProperty,)
        entities[row["term"]] = _declare(onto, _iri(row["term"]), *bases)

    def expression(value: str) -> Entity:
        classes = [entities[name.strip()] for name in value.split("|")]
        return classes[0] if len(classes) == 1 else classes[0] | classes[1]

    def range_of(value: str | dict[str, Any]) -> Entity:
        if isinstance(value, dict):
            base = _DATATYPES[value["datatype"]]
            return ConstrainedDatatype(base, min_inclusive=value["min"], max_inclusive=value["max"])
        return _DATATYPES[value] if value.startswith("xsd:") else expression(value)

    for row in rows:  # axioms and annotations
        entity = entities[row["term"]]
        if "note" in row:  # reused: the source vocabulary keeps its own English label
            entity.label = [locstr(row["label"], "id")]
            setattr(entity, scope_note, [locstr(row["note"], "en")])
        else:
            entity.label = [locstr(row["label"]["id"], "id"), locstr(row["label"]["en"], "en")]
            entity.comment = [locstr(row["comment"], "en")]
        if "domain" in row:
            entity.domain = [expression(row["domain"])]
        if "range" in row:
            entity.range = [range_of(row["range"])]
        if "inverse_of" in row:
            entity.inverse_property = entities[row["inverse_of"]]
        equivalent = row.get("equivalent_to")
        if isinstance(equivalent, str):
            entity.equivalent_to.append(entities[equivalent])
        elif equivalent is not None:
            prop = entities[equivalent["property"]]
            prop = Inverse(prop) if equivalent.get("inverse") else prop
            restriction = prop.some(entities[equivalent["some"]])
            entity.equivalent_to.append(entities[equivalent["class"]] & restriction)
    for group in table["disjoint"]:
        AllDisjoint([entities[name] for name in group["classes"]])

    missing = {f"sg:{name}" for name in SG.__annotations__} - set(entities)
    if missing:
        raise ValueError(f"SG terms missing from {terms}: {sorted(missing)}")

    meta = table["ontology"]
    onto.metadata.label = [locstr(meta["label"], "id"), locstr(meta["label"], "en")]
    setattr(onto.metadata, header(DCTERMS.title), [locstr(t, k) for k, t in meta["title"].items()])
    onto.metadata.comment = [locstr(meta["comment"], "en")]
    onto.metadata.versionInfo = [meta["version"]]
    setattr(onto.metadata, header(VANN.preferredNamespacePrefix), ["sg"])
    setattr(onto.metadata, header(VANN.preferredNamespaceUri), [SG_NS])
    return onto


def check_with_hermit() -> None:
    """Run :func:`sinergi.ontology.check_consistency` (HermiT) on the packaged ontology."""
    from sinergi.ontology import ReasonerUnavailableError, check_consistency

    try:
        report = check_consistency()
    except ReasonerUnavailableError as error:
        print(f"HermiT check skipped: {error}", file=sys.stderr)
        return
    if not report.consistent or report.unsatisfiable:
        raise SystemExit(f"HermiT: {report.message or report.unsatisfiable}")
    print(f"HermiT: consistent ({report.seconds:.1f} s)", file=sys.stderr)


# --------------------------------------------------------------------------- output


_LITERAL_FIXES: dict[URIRef, Callable[[Literal], Literal]] = {
    XSD.string: lambda lit: Literal(str(lit)),
    XSD.decimal: lambda lit: lit if "." in lit else Literal(f"{lit}.0", datatype=XSD.decimal),
}


def to_rdflib(onto: owlready2.Ontology) -> Graph:
    """Convert an owlready2 ontology to a canonical rdflib graph with sinergi's prefixes.

    owlready2 is serialised to RDF/XML in memory (its Turtle writer emits nothing). Some
    owlready2 habits are undone: the redundant ``rdfs:subClassOf owl:Thing`` on top-level
    classes, ``^^xsd:string`` on plain strings, and decimals without a fraction (``"1"``),
    which Turtle writes as ``1.0`` and so would not parse back to the same rdflib term.
    Blank nodes are then canonicalised so the graph does not depend on owlready2's internal
    numbering.
    """
    buffer = io.BytesIO()
    onto.save(file=buffer, format="rdfxml")
    raw = Graph(bind_namespaces="none")
    raw.parse(data=buffer.getvalue(), format="xml", publicID=ONTOLOGY_IRI)
    raw.remove((None, RDFS.subClassOf, OWL.Thing))
    for s, p, o in list(raw):
        if isinstance(o, Literal) and o.datatype in _LITERAL_FIXES:
            raw.remove((s, p, o))
            raw.add((s, p, _LITERAL_FIXES[o.datatype](o)))

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in sorted(PREFIXES.items()):
        graph.bind(prefix, namespace)
    graph.bind("owl", str(OWL))
    graph.bind("vann", str(VANN))
    graph += to_canonical_graph(raw)
    return graph


def _describe(graph: Graph, subject: Node) -> Graph:
    """The triples about ``subject`` plus the blank nodes they reach (a concise description)."""
    out = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    todo, seen = [subject], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def _body(turtle: str) -> str:
    """Turtle text without its ``@prefix`` lines."""
    return "\n".join(line for line in turtle.splitlines() if not line.startswith("@prefix")).strip()


def to_turtle(graph: Graph) -> bytes:
    """Serialise the ontology graph as Turtle laid out for reading and diffing.

    rdflib orders subjects by how often they are referenced, which scatters related terms.
    Here the header comes first, then sinergi's classes, object and datatype properties in
    the order of :class:`sinergi.namespace.SG`, then the reused terms and the annotation
    properties sorted by prefixed name, then the anonymous axioms (disjointness). Each block
    is rdflib's own Turtle for that subject, so the file parses back to the same graph.
    """
    nm = graph.namespace_manager
    order = {SG[name]: i for i, name in enumerate(SG.__annotations__)}
    sections: dict[str, list[Node]] = {title: [] for title, _ in _SECTIONS}
    for subject in set(graph.subjects()):
        if isinstance(subject, BNode):
            if not any(True for _ in graph.subjects(None, subject)):
                sections["Axioms on several classes"].append(subject)
            continue
        declared = set(graph.objects(subject, RDF.type))
        for title, kinds in _SECTIONS:
            own = title.startswith("sinergi") == str(subject).startswith(SG_NS)
            if own and declared & kinds:
                sections[title].append(subject)
                break
        else:
            raise ValueError(f"no Turtle section for {subject.n3(graph.namespace_manager)}")

    blocks: dict[Node, str] = {}
    for members in sections.values():
        for subject in members:
            blocks[subject] = _body(_describe(graph, subject).serialize(format="turtle"))

    def key(subject: Node) -> tuple[int, str]:
        if isinstance(subject, BNode):
            return (0, blocks[subject])
        return (order.get(subject, len(order)), subject.n3(nm))

    prefixes = [
        line for line in graph.serialize(format="turtle").splitlines() if line.startswith("@")
    ]
    parts = ["\n".join(prefixes)]
    for title, members in sections.items():
        if members:
            parts.append(f"# {'-' * 8} {title}")
            parts.extend(blocks[subject] for subject in sorted(members, key=key))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def write_turtle(path: str | Path = DEFAULT_OUTPUT, terms: Path = TERMS) -> Path:
    """Build the ontology and write it to ``path`` as Turtle; return the path.

    Output is deterministic (canonical blank nodes, fixed block order), so rebuilding an
    unchanged model gives identical bytes and a diff of ``sinergi.ttl`` shows model changes.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(to_turtle(to_rdflib(build_ontology(terms))))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the Turtle (default: sinergi/ontology/sinergi.ttl)",
    )
    parser.add_argument("--no-check", action="store_true", help="skip the HermiT check")
    args = parser.parse_args(argv)
    print(write_turtle(args.output))
    if not args.no_check and args.output.resolve() == DEFAULT_OUTPUT:
        check_with_hermit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
