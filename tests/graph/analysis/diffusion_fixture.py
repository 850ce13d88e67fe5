"""A five-region graph written triple by triple, with its projections worked out by hand.

Regions: Kota Pangkalpinang 19.71, Kota Bengkulu 17.71, Provinsi Banten 36, Kabupaten
Serang 36.04 (in Banten), Kota Jambi 15.71. Knowledge flows source -> learner.

Programs (owner, theme, first date):

* P1 "Pasar Murah Keliling": 19.71, perdagangan, 2022-01-10
* P2 "Pasar murah di masjid": 17.71, perdagangan, 2022-03-01
* P3 "Posyandu keliling": 36, kesehatan, 2023-01-15 (nobody learns it by name)

Learning statements (learner <- source):

* L1 17.71 <- 19.71, 2022-01-10, about P1
* L2 36 <- 17.71, 2022-03-01, about P2
* L3 36.04 <- 36, 2023-05-20, own theme kesehatan (no program)
* L4 15.71 <- 19.71, 2022-02-01, about nothing: 19.71 owns P1 (2022-01-10) -> adopts P1
* L5 15.71 <- 19.71, 2021-12-01, about nothing, before P1 was reported -> adopts nothing
* L6 36 <- 17.71, undated, about nothing -> counts as learning, adopts nothing

Events: E1 visit 17.71 -> 19.71 on 2022-01-10 (article a1, which reports P1); E2 agreement
17.71 + 36 on 2022-03-01 (a2, reports P2); E3 visit 36.04 -> 36 on 2023-05-20 (a3, no
program); E4 forum of 19.71, 17.71 and 15.71 on 2021-12-01 (a4, no program).

Day numbers (days since 1970-01-01; 2022-01-01 is 18993, 2023-01-01 is 19358):
2021-12-01 18962, 2022-01-10 19002, 2022-02-01 19024, 2022-03-01 19052,
2023-01-15 19372, 2023-05-20 19497.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef

from sinergi import api
from sinergi.graph.analysis.networks import region_attributes
from sinergi.graph.store import OxigraphStore
from sinergi.namespace import GRAPH, ID, PROV, RDF, RDFS, SG, XSD, region_iri, theme_iri

PANGKALPINANG, BENGKULU, BANTEN, SERANG, JAMBI = "19.71", "17.71", "36", "36.04", "15.71"
REGIONS = [PANGKALPINANG, BENGKULU, BANTEN, SERANG, JAMBI]
P1, P2, P3 = (str(ID[f"program/test/p{i}"]) for i in (1, 2, 3))


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def fixture_triples() -> list[tuple]:
    triples: list[tuple] = []
    add = triples.append
    articles = {name: URIRef(ID[f"article/test-{name}"]) for name in ("a1", "a2", "a3", "a4")}
    programs = [
        (P1, "Pasar Murah Keliling", PANGKALPINANG, "perdagangan", "2022-01-10", "a1"),
        (P2, "Pasar murah  di masjid", BENGKULU, "perdagangan", "2022-03-01", "a2"),
        (P3, "Posyandu keliling", BANTEN, "kesehatan", "2023-01-15", "a3x"),
    ]
    for iri, label, owner, theme, when, article in programs:
        node = URIRef(iri)
        add((node, RDF.type, SG.Program))
        add((node, RDFS.label, Literal(label, lang="id")))
        add((node, SG.owner, region_iri(owner)))
        add((node, SG.theme, theme_iri(theme)))
        add((node, SG.date, _date(when)))
        if article in articles:
            add((node, PROV.wasDerivedFrom, articles[article]))
    learning = [
        ("l1", BENGKULU, PANGKALPINANG, "2022-01-10", P1, None),
        ("l2", BANTEN, BENGKULU, "2022-03-01", P2, None),
        ("l3", SERANG, BANTEN, "2023-05-20", None, "kesehatan"),
        ("l4", JAMBI, PANGKALPINANG, "2022-02-01", None, None),
        ("l5", JAMBI, PANGKALPINANG, "2021-12-01", None, None),
        ("l6", BANTEN, BENGKULU, None, None, None),
    ]
    for name, learner, source, when, program, theme in learning:
        node = URIRef(ID[f"learning/test/{name}"])
        add((node, RDF.type, SG.Learning))
        add((node, SG.learner, region_iri(learner)))
        add((node, SG.source, region_iri(source)))
        add((region_iri(learner), SG.learnedFrom, region_iri(source)))
        if when:
            add((node, SG.date, _date(when)))
        if program:
            add((node, SG.aboutProgram, URIRef(program)))
        if theme:
            add((node, SG.theme, theme_iri(theme)))
    events = [
        ("e1", SG.Visit, [PANGKALPINANG], [BENGKULU], "2022-01-10", "a1"),
        ("e2", SG.Agreement, [BENGKULU, BANTEN], [], "2022-03-01", "a2"),
        ("e3", SG.Visit, [BANTEN], [SERANG], "2023-05-20", "a3"),
        ("e4", SG.Forum, [PANGKALPINANG], [BENGKULU, JAMBI], "2021-12-01", "a4"),
    ]
    for name, kind, hosts, guests, when, article in events:
        node = URIRef(ID[f"event/test/{name}"])
        add((node, RDF.type, kind))
        add((node, RDF.type, SG.CollaborationEvent))
        for code in hosts:
            add((node, SG.host, region_iri(code)))
            add((node, SG.participant, region_iri(code)))
        for code in guests:
            add((node, SG.guest, region_iri(code)))
            add((node, SG.participant, region_iri(code)))
        add((node, SG.date, _date(when)))
        add((node, PROV.wasDerivedFrom, articles[article]))
    return triples


def build_fixture_store(root: Path) -> OxigraphStore:
    """A new store holding the reference graph and the fixture graph."""
    store = api.open_store(root / "store")
    store.replace_graph(URIRef(GRAPH["test/diffusion"]), fixture_triples())
    return store


def expected_learning() -> nx.DiGraph:
    """The learning projection of the fixture without filters, by hand."""
    graph = nx.DiGraph(name="learning")
    for code in REGIONS:
        graph.add_node(code, **region_attributes(code))
    graph.add_edge(
        PANGKALPINANG,
        BENGKULU,
        weight=1,
        accepted=0,  # no curator has checked the fixture
        first="2022-01-10",
        last="2022-01-10",
        dates=["2022-01-10"],
        themes=["perdagangan"],
    )
    graph.add_edge(
        BENGKULU,
        BANTEN,
        weight=2,
        accepted=0,  # no curator has checked the fixture
        first="2022-03-01",
        last="2022-03-01",
        dates=["2022-03-01"],
        themes=["perdagangan"],
    )
    graph.add_edge(
        BANTEN,
        SERANG,
        weight=1,
        accepted=0,  # no curator has checked the fixture
        first="2023-05-20",
        last="2023-05-20",
        dates=["2023-05-20"],
        themes=["kesehatan"],
    )
    graph.add_edge(
        PANGKALPINANG,
        JAMBI,
        weight=2,
        accepted=0,  # no curator has checked the fixture
        first="2021-12-01",
        last="2022-02-01",
        dates=["2021-12-01", "2022-02-01"],
        themes=[],
    )
    return graph


PROGRAMS = {
    P1: {
        "label": "Pasar Murah Keliling",
        "owner": PANGKALPINANG,
        "theme": "perdagangan",
        "date": "2022-01-10",
    },
    P2: {
        "label": "Pasar murah  di masjid",
        "owner": BENGKULU,
        "theme": "perdagangan",
        "date": "2022-03-01",
    },
    P3: {"label": "Posyandu keliling", "owner": BANTEN, "theme": "kesehatan", "date": "2023-01-15"},
}


def expected_adoption() -> nx.MultiDiGraph:
    """The adoption network of the fixture without filters, by hand."""
    graph = nx.MultiDiGraph(name="adoption", programs={k: dict(v) for k, v in PROGRAMS.items()})
    owned = {PANGKALPINANG: 1, BENGKULU: 1, BANTEN: 1, SERANG: 0, JAMBI: 0}
    for code in REGIONS:
        graph.add_node(code, **region_attributes(code), programs=owned[code])

    def edge(owner, adopter, key, when, theme, program, label, basis):
        graph.add_edge(
            owner,
            adopter,
            key=key,
            date=when,
            last=when,
            evidence=1,
            theme=theme,
            program=program,
            program_label=label,
            basis=[basis],
        )

    edge(
        PANGKALPINANG,
        BENGKULU,
        P1,
        "2022-01-10",
        "perdagangan",
        P1,
        "Pasar Murah Keliling",
        "program",
    )
    edge(BENGKULU, BANTEN, P2, "2022-03-01", "perdagangan", P2, "Pasar murah  di masjid", "program")
    edge(BANTEN, SERANG, "theme:kesehatan", "2023-05-20", "kesehatan", None, "", "theme")
    edge(PANGKALPINANG, JAMBI, P1, "2022-02-01", "perdagangan", P1, "Pasar Murah Keliling", "owner")
    return graph


def edge_table(graph: nx.Graph) -> dict:
    """Edges with their data, keyed for exact comparison (multigraph keys included)."""
    if graph.is_multigraph():
        return {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    if graph.is_directed():
        return {(u, v): d for u, v, d in graph.edges(data=True)}
    return {tuple(sorted((u, v))): d for u, v, d in graph.edges(data=True)}
