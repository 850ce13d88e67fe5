"""The fast N-Triples writer gives exactly the quads the pyoxigraph term conversion gives."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from sinergi import namespace as ns
from sinergi.graph.store import to_ox
from sinergi.graph.store.ntriples import term_nt, to_nquads, triples_nt
from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.rdf import extraction_triples
from sinergi.loaders.read.documents import Document

S = URIRef("https://w3id.org/sinergi/id/article/uji")
P = URIRef("https://w3id.org/sinergi/ns#rule")
G = "https://w3id.org/sinergi/graph/article/uji"
TRICKY = [
    Literal('kutip "ganda", garis miring \\ dan\nbaris baru\r\ttab'),
    Literal("Kota Bengkulu", lang="id"),
    Literal("2022-03-09", datatype=ns.XSD.date),
    Literal(Decimal("0.85"), datatype=ns.XSD.decimal),
    Literal(3),
    Literal("http://contoh.id/a b", datatype=ns.XSD.anyURI),
    Literal("é ü 中文 😀"),
    Literal(""),
    URIRef("https://w3id.org/sinergi/id/person/17.71/helmi-hasan"),
]


def parsed(nquads: str) -> set[ox.Quad]:
    return set(ox.parse(input=nquads.encode(), format=ox.RdfFormat.N_QUADS))


def expected(triples: list[tuple]) -> set[ox.Quad]:
    graph = ox.NamedNode(G)
    return {ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples}


@pytest.mark.parametrize("term", TRICKY, ids=range(len(TRICKY)))
def test_each_term_round_trips(term: object) -> None:
    triples = [(S, P, term)]
    assert parsed(to_nquads(G, triples_nt(triples))) == expected(triples)


def test_a_real_extraction_round_trips() -> None:
    document = Document(
        "uji",
        'Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022).\n"Kami '
        'belajar," kata Bupati Serang Ratu Tatu Chasanah.',
        title="Kunjungan",
        published="2022-03-10",
    )
    triples = extraction_triples(extract(document))
    assert parsed(to_nquads(G, triples_nt(triples))) == expected(triples)


def test_one_line_per_triple() -> None:
    text = triples_nt([(S, P, TRICKY[0]), (S, P, TRICKY[1])])
    assert text.count("\n") == 2 and text.endswith(" .\n")


def test_blank_nodes_and_bad_iris() -> None:
    assert term_nt(BNode("b1")) == "_:b1"
    with pytest.raises(ValueError, match="not an absolute IRI"):
        term_nt(URIRef("https://contoh.id/a b"))
    with pytest.raises(ValueError, match="not an absolute IRI"):
        term_nt(URIRef("relatif"))
