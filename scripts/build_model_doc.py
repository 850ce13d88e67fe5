"""Regenerate the generated blocks of ``docs/model.md``: the diagram and the worked examples.

    python scripts/build_model_doc.py            # rewrite docs/model.md in place
    python scripts/build_model_doc.py --check    # exit 1 if it is out of date

The diagram comes from the ontology and the shapes (``scripts/model_diagram.py``). Each
example is the real output of sinergi's extractor and RDF mapping on a short text written
for this document (below; not taken from any corpus), trimmed to the statement it shows and
the nodes it needs, plus the SPARQL query that finds it and that query's result on the
excerpt. Everything between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated:
NAME -->`` is overwritten; the prose around it is written by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from model_diagram import mermaid_class_diagram  # scripts/, beside this file
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from sinergi.graph.store.validate import load_shapes
from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import extraction_triples, reference_triples
from sinergi.loaders.read.documents import Document
from sinergi.namespace import (
    FOAF,
    ID,
    ORG,
    PREFIXES,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    SKOS,
    article_iri,
)
from sinergi.ontology import load_ontology

DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


@dataclass(frozen=True)
class Example:
    name: str
    doc_id: str
    published: str
    text: str
    kinds: tuple[URIRef, ...]  # the statements the example shows
    query: str


SPARQL_PREFIXES = """PREFIX sg: <https://w3id.org/sinergi/ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

EXAMPLES = (
    Example(
        name="example-visit",
        doc_id="contoh-kunjungan",
        published="2022-02-25",
        text=(
            "Bengkulu Timba Ilmu Investasi di Pangkalpinang\n\n"
            "Pemkot Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu di rumah dinas wali "
            "kota, Kamis (24/2/2022).\n"
            "Wali Kota Pangkalpinang Maulan Aklil menyambut rombongan yang dipimpin Wali Kota "
            "Bengkulu Helmi Hasan.\n"
            "Rombongan Kota Bengkulu datang untuk belajar cara Pemkot Pangkalpinang mempercepat "
            "perizinan investasi.\n"
        ),
        kinds=(SG.Visit,),
        query=SPARQL_PREFIXES
        + """
# Which visits did Kota Pangkalpinang (19.71) host, when, who came, and where is it said?
SELECT ?guest ?date ?headline ?sentence WHERE {
  ?visit a sg:Visit ;
         sg:host/skos:notation "19.71" ;
         sg:guest/schema:name ?guest ;
         sg:date ?date ;
         prov:wasDerivedFrom/schema:headline ?headline ;
         sg:evidence/oa:hasSelector/oa:exact ?sentence .
}
""",
    ),
    Example(
        name="example-agreement",
        doc_id="contoh-mou",
        published="2022-03-16",
        text=(
            "Banten dan Bengkulu Resmi Bekerja Sama\n\n"
            "Pemerintah Provinsi Banten dan Pemerintah Provinsi Bengkulu menandatangani nota "
            "kesepahaman di Kota Serang, Selasa (15/3/2022).\n"
            "Gubernur Banten Wahidin Halim mengatakan kedua provinsi akan saling bertukar "
            "program unggulan.\n"
        ),
        kinds=(SG.Agreement, ORG.Membership),
        query=SPARQL_PREFIXES
        + """
# Which agreements did Banten (36) and Bengkulu (17) sign, when, and who was
# observed in office for Banten on that day?
SELECT ?date ?banten ?bengkulu ?official ?post WHERE {
  ?agreement a sg:Agreement ;
             sg:participant ?a, ?b ;
             sg:date ?date .
  ?a skos:notation "36" ; schema:name ?banten .
  ?b skos:notation "17" ; schema:name ?bengkulu .
  OPTIONAL {
    ?tenure a org:Membership ;
            org:organization/sg:governs ?a ;
            org:member/foaf:name ?official ;
            org:role/rdfs:label ?post ;
            sg:date ?date .
  }
}
""",
    ),
    Example(
        name="example-adoption",
        doc_id="contoh-adopsi",
        published="2022-06-11",
        text=(
            "Serang Belajar Kelola Sampah ke Bengkulu\n\n"
            "Pemkab Serang melakukan studi tiru ke Kota Bengkulu, Jumat (10/6/2022).\n"
            "Rombongan mempelajari program bank sampah milik Pemkot Bengkulu yang mengelola "
            "sampah rumah tangga.\n"
            "Bupati Serang Ratu Tatu Chasanah mengatakan program bank sampah itu akan "
            "diterapkan di Kabupaten Serang tahun depan.\n"
        ),
        kinds=(SG.Learning, SG.Program),
        query=SPARQL_PREFIXES
        + """
# Which programs did a region take from another region, on which theme, when?
SELECT ?adopter ?origin ?program ?theme ?date WHERE {
  ?learning a sg:Learning ;
            sg:learner/schema:name ?adopter ;
            sg:source ?source ;
            sg:aboutProgram ?p ;
            sg:date ?date .
  ?p sg:owner ?source ;
     rdfs:label ?program ;
     sg:theme/skos:prefLabel ?theme .
  ?source schema:name ?origin .
  FILTER (lang(?theme) = "en")
}
""",
    ),
)

_OWN_PARTS = ("evidence/", "event/", "learning/", "program/", "membership/")
"""Statement namespaces whose nodes an example follows (their evidence, time, selectors)."""


_GENERIC_TYPES = (SG.Region, SCHEMA.AdministrativeArea, ORG.FormalOrganization)
"""Types implied by the ontology, left out of the excerpts to keep them short."""


def _reference_graph() -> Graph:
    graph = Graph()
    for triple in reference_triples():
        graph.add(triple)
    return graph


def excerpt(example: Example, reference: Graph) -> Graph:
    """The example's statements, their own nodes, and just enough reference data."""
    document = Document(
        example.doc_id,
        example.text,
        title=example.text.splitlines()[0],
        published=example.published,
    )
    full = Graph()
    for triple in extraction_triples(extract(document)):
        full.add(triple)
    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)

    todo: list[Node] = [n for kind in example.kinds for n in full.subjects(RDF.type, kind)]
    if not todo:
        raise SystemExit(f"{example.name}: the extractor found no {example.kinds}")
    seen: set[Node] = set()
    linked: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in full.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, URIRef):
                if any(str(o).startswith(str(ID[part])) for part in _OWN_PARTS) or str(
                    o
                ).startswith(str(node) + "/"):
                    todo.append(o)
                else:
                    linked.add(o)

    article = article_iri(example.doc_id)
    for p in (RDF.type, SCHEMA.headline, SCHEMA.datePublished):
        for o in full.objects(article, p):
            out.add((article, p, o))
    linked.discard(article)
    # Linked regions, governments, themes, people and roles: their kind and names only.
    from_reference = (RDF.type, SKOS.notation, SCHEMA.name, SKOS.prefLabel, SG.governs)
    from_article = (RDF.type, FOAF.name, RDFS.label, SG.learnedFrom)
    for node in sorted(linked):
        for source, predicates in ((reference, from_reference), (full, from_article)):
            for p in predicates:
                for o in source.objects(node, p):
                    if p != RDF.type or o not in _GENERIC_TYPES:
                        out.add((node, p, o))
    return out


def _cell(value: object) -> str:
    if isinstance(value, Literal):
        return str(value).replace("|", "\\|")
    return "" if value is None else str(value)


def result_table(graph: Graph, query: str) -> str:
    """The query's result on ``graph`` as a Markdown table (what the doc test re-checks)."""
    result = graph.query(query)
    names = [str(v) for v in result.vars]
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for row in result:
        lines.append("| " + " | ".join(_cell(row[name]) for name in names) + " |")
    return "\n".join(lines)


def example_block(example: Example, reference: Graph) -> str:
    graph = excerpt(example, reference)
    turtle = graph.serialize(format="turtle").strip()
    return (
        f"```turtle\n{turtle}\n```\n\n"
        f"```sparql\n{example.query.strip()}\n```\n\n"
        f"Result on the excerpt above:\n\n{result_table(graph, example.query)}"
    )


def blocks() -> dict[str, str]:
    reference = _reference_graph()
    generated = {
        "diagram": "```mermaid\n" + mermaid_class_diagram(load_ontology(), load_shapes()) + "```"
    }
    for example in EXAMPLES:
        generated[example.name] = example_block(example, reference)
    return generated


def render(text: str, generated: dict[str, str]) -> str:
    for name, body in generated.items():
        pattern = re.compile(
            rf"(<!-- BEGIN generated: {re.escape(name)} -->\n)(?:.*?\n)?"
            rf"(<!-- END generated: {re.escape(name)} -->)",
            re.DOTALL,
        )
        if not pattern.search(text):
            raise SystemExit(f"{DOC} has no generated block {name!r}")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/model.md is stale")
    args = parser.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    updated = render(current, blocks())
    if args.check:
        if updated != current:
            print(f"{DOC} is out of date: run python scripts/build_model_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(updated, encoding="utf-8")
    print(DOC)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
