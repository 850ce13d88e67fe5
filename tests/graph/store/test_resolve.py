"""Entity resolution across articles: one official with two posts over time, successive
holders of one post kept apart, one MoU reported by several outlets, reversibility."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import OWL

from sinergi import api
from sinergi.cli import main
from sinergi.graph.store import OxigraphStore
from sinergi.graph.store.resolve import RESOLUTION_GRAPH, normalise_name
from sinergi.namespace import ID, RDF, SG
from sinergi.ontology import load_ontology

ARTICLES = [
    ("walkot-2022", "2022-03-09", "kompas.com",
     "Wali Kota Bengkulu Helmi Hasan menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022)."),
    ("helmi-short", "2022-03-10", "tempo.co",
     "Wali Kota Bengkulu Helmi menerima rombongan Pemkot Padang, Kamis (10/3/2022)."),
    ("helmi-typo", "2022-03-11", "detik.com",
     "Wali Kota Bengkulu Helmi Hassan menyambut rombongan Pemkab Kepahiang, Jumat (11/3/2022)."),
    ("gub-2025", "2025-03-03", "kompas.com",
     "Gubernur Bengkulu H. Helmi Hasan, S.E. menerima kunjungan Gubernur Banten Andra Soni, "
     "Senin (3/3/2025)."),
    ("gub-2022", "2022-03-08", "tempo.co",
     "Gubernur Bengkulu Rohidin Mersyah menerima kunjungan kerja Pemprov Jambi, Selasa (8/3/2022)."),
    ("mou-a", "2025-10-24", "kompas.com",
     "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman, Jumat (24/10/2025)."),
    ("mou-b", "2025-10-25", "tempo.co",
     "Pemerintah Provinsi Bengkulu dan Pemerintah Provinsi Banten meneken MoU kerja sama, "
     "Sabtu (25/10/2025)."),
    ("mou-c", "2025-10-26", "kompas.com",
     "Banten dan Bengkulu menandatangani nota kesepahaman kerja sama, Sabtu (25/10/2025). "
     "Pemprov Banten dan Pemprov Bengkulu sepakat bertukar program."),
    ("mou-later", "2025-11-10", "detik.com",
     "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman, Senin (10/11/2025)."),
]  # fmt: skip
PREFIXES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sg: <https://w3id.org/sinergi/ns#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""


def person(code: str, name: str) -> str:
    return str(ID[f"person/{code}/{name}"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    root = tmp_path_factory.mktemp("resolve")
    corpus = root / "corpus.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"doc": d, "published": p, "outlet": o, "title": d, "text": t}) + "\n"
            for d, p, o, t in ARTICLES
        ),
        encoding="utf-8",
    )
    opened = api.open_store(root / "store")
    report = api.ingest([corpus], opened, workers=1)
    assert report.resolution is not None
    yield opened
    opened.close()


def same_as(store: OxigraphStore) -> dict[str, tuple[str, str]]:
    rows = store.query(
        PREFIXES + f"SELECT ?a ?b ?rule WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ "
        "?a owl:sameAs ?b . ?r a prov:Activity ; prov:used ?a, ?b ; sg:rule ?rule } }"
    ).values()
    return {str(r["a"]): (str(r["b"]), str(r["rule"])) for r in rows}


def test_names_are_normalised() -> None:
    assert normalise_name("H. Helmi Hasan, S.E.") == ("helmi", "hasan")
    assert normalise_name("Dr. Hj. Ratu Tatu Chasanah, M.Si") == ("ratu", "tatu", "chasanah")
    assert normalise_name("Helmi") == ("helmi",)


def test_one_helmi_hasan_with_each_merge_and_its_rule(store: OxigraphStore) -> None:
    links = same_as(store)
    canonical = person("17.71", "helmi-hasan")  # longest name, then most mentions, then IRI
    assert {iri: links[iri] for iri in links if "/person/" in iri} == {
        person("17", "helmi-hasan"): (canonical, "person-same-name"),  # mayor, then governor
        person("17.71", "helmi"): (canonical, "person-short-name"),
        person("17.71", "helmi-hassan"): (canonical, "person-fuzzy-name"),
    }


def test_the_other_governor_is_not_merged(store: OxigraphStore) -> None:
    links = same_as(store)
    rohidin = person("17", "rohidin-mersyah")
    assert rohidin not in links
    assert rohidin not in {target for target, _ in links.values()}


def test_two_posts_over_time_for_one_person(store: OxigraphStore) -> None:
    canonical = same_as(store).get(person("17", "helmi-hasan"), (person("17", "helmi-hasan"),))[0]
    rows = store.query(
        PREFIXES
        + f"""SELECT DISTINCT ?position ?date WHERE {{
          {{ BIND(<{canonical}> AS ?p) }} UNION {{ ?p owl:sameAs <{canonical}> }}
          GRAPH ?g {{
            ?m org:member ?p ; org:role ?role ; sg:date ?date .
            ?p org:holds ?post . ?post org:role ?role ; sg:position ?position .
          }}
        }} ORDER BY ?date"""
    ).values()
    assert [(r["position"], r["date"]) for r in rows] == [
        ("wali kota", "2022-03-09"),
        ("wali kota", "2022-03-10"),
        ("wali kota", "2022-03-11"),
        ("gubernur", "2025-03-03"),
    ]
    holders = store.query(
        PREFIXES
        + f"""SELECT DISTINCT ?name WHERE {{
          ?p org:holds <{ID["post/17/gubernur"]}> ; foaf:name ?name }} ORDER BY ?name"""
    ).values()
    assert [r["name"] for r in holders] == ["Helmi Hasan", "Rohidin Mersyah"]


def test_one_mou_reported_by_several_outlets(store: OxigraphStore) -> None:
    rows = store.query(
        PREFIXES
        + """SELECT ?e ?mentions ?articles ?sources WHERE {
          ?e a sg:Agreement ; sg:mentionCount ?mentions ;
             sg:articleCount ?articles ; sg:sourceCount ?sources .
        } ORDER BY DESC(?mentions)"""
    ).values()
    counts = [(r["mentions"], r["articles"], r["sources"]) for r in rows]
    assert counts[0] == (3, 3, 2)  # 24-26 Oct: two outlets, three articles
    assert counts[1:] == [(1, 1, 1)]  # 10 Nov: more than three days later, its own event
    merged = {a for a, (_, rule) in same_as(store).items() if rule == "event-same-parties"}
    assert len(merged) == 2 and all("/event/mou-" in iri for iri in merged)


def test_every_term_of_the_resolution_graph_is_declared(store: OxigraphStore) -> None:
    rows = store.query(
        f"SELECT DISTINCT ?p WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?s ?p ?o }} }}"
    ).values()
    used = {str(row["p"]) for row in rows}
    onto = load_ontology()
    declared = {str(s) for s in onto.subjects()} | {str(OWL.sameAs), str(RDF.type)}
    assert {str(SG.mentionCount), str(SG.articleCount), str(SG.sourceCount)} <= used
    assert sorted(used - declared) == []


def test_resolve_command_is_idempotent_and_reversible(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for doc, _, _, text in ARTICLES[:2]:
        (corpus / f"{doc}.txt").write_text(f"Judul\n{text}\n", encoding="utf-8")
    path = str(tmp_path / "store")
    code, _, _ = run("ingest", str(corpus), "--store", path, "--no-resolve")
    with api.open_store(path) as plain:
        assert not plain.has_graph(RESOLUTION_GRAPH)
        size = len(plain)

    code, out, _ = run("resolve", "--store", path)
    assert code == 0 and "2 person IRIs to 1 persons" in out
    assert "person-short-name: 1 merged" in out
    with api.open_store(path) as resolved:
        first = same_as(resolved), len(resolved)
    code, out, _ = run("resolve", "--store", path)
    with api.open_store(path) as resolved:
        assert (same_as(resolved), len(resolved)) == first

    code, out, _ = run("resolve", "--undo", "--store", path)
    assert code == 0 and "removed" in out
    with api.open_store(path) as undone:
        assert not undone.has_graph(RESOLUTION_GRAPH)
        assert len(undone) == size


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_reports_resolution_and_can_skip_it(tmp_path: Path) -> None:
    corpus = tmp_path / "a.txt"
    corpus.write_text("Judul\n" + ARTICLES[0][3] + "\n", encoding="utf-8")
    code, out, _ = run("ingest", str(corpus), "--store", str(tmp_path / "s1"))
    assert code == 0 and "resolved 1 person IRIs to 1 persons" in out
    code, out, _ = run("ingest", str(corpus), "--store", str(tmp_path / "s1"))
    assert code == 0 and "resolved" not in out  # nothing changed: resolution not rerun
