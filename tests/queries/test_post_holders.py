"""Posts over time: each official mention is an observed org:Membership, and the
post-holders query lists who was seen in which post of a region, first and last when.

The articles are written for this test; the officials' names are invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinergi import api
from sinergi.errors import QueryError
from sinergi.graph.store import OxigraphStore
from sinergi.queries import bind_query, get_query

ARTICLES = {
    "b1": (
        "Bengkulu Belajar Pasar Murah\n\n"
        "Pemerintah Kota Bengkulu melakukan studi banding ke Kota Pangkalpinang, Selasa (10/3/2020).\n"
        "Rombongan dipimpin Wali Kota Bengkulu Budi Santoso dan Wakil Wali Kota Bengkulu Sari Lestari.\n"
    ),
    "b2": (
        "Bengkulu dan Padang Bertukar Pengalaman\n\n"
        "Pemkot Padang menerima kunjungan kerja Pemkot Bengkulu, Kamis (15/7/2021).\n"
        "Wali Kota Bengkulu Budi Santoso mengatakan kunjungan itu untuk mempelajari layanan "
        "perizinan Kota Padang.\n"
    ),
    "b3": (
        "Wali Kota Baru Berkunjung\n\n"
        "Pemkot Bengkulu melakukan studi tiru ke Kota Jambi, Rabu (7/2/2024).\n"
        "Wali Kota Bengkulu Dedi Wahyudi memimpin rombongan yang diterima Wali Kota Jambi "
        "Rina Kusuma.\n"
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    root = tmp_path_factory.mktemp("posts")
    folder = root / "articles"
    folder.mkdir()
    for doc, text in ARTICLES.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    opened = api.open_store(root / "store")
    assert api.ingest([folder], opened).added == 3
    yield opened
    opened.close()


def test_post_holders_of_a_region_over_time(store: OxigraphStore) -> None:
    assert api.run_query(store, "post-holders", {"region": "17.71"}).values() == [
        {
            "position": "wakil wali kota",
            "person_name": "Sari Lestari",
            "first_observed": "2020-03-10",
            "last_observed": "2020-03-10",
            "articles": 1,
        },
        {
            "position": "wali kota",
            "person_name": "Budi Santoso",
            "first_observed": "2020-03-10",
            "last_observed": "2021-07-15",
            "articles": 2,
        },
        {
            "position": "wali kota",
            "person_name": "Dedi Wahyudi",
            "first_observed": "2024-02-07",
            "last_observed": "2024-02-07",
            "articles": 1,
        },
    ]


def test_post_holders_filtered_by_position(store: OxigraphStore) -> None:
    rows = api.run_query(store, "post-holders", {"region": "17.71", "position": "wali kota"})
    assert [(r["person_name"], r["first_observed"]) for r in rows.values()] == [
        ("Budi Santoso", "2020-03-10"),
        ("Dedi Wahyudi", "2024-02-07"),
    ]
    other = api.run_query(store, "post-holders", {"region": "15.71"}).values()
    assert [(r["position"], r["person_name"]) for r in other] == [("wali kota", "Rina Kusuma")]
    assert (
        api.run_query(store, "post-holders", {"region": "17.71", "position": "bupati"}).rows == []
    )
    assert api.run_query(store, "post-holders", {"region": "32.73"}).rows == []


def test_post_holders_needs_a_region() -> None:
    with pytest.raises(QueryError, match="query parameter region"):
        bind_query(get_query("post-holders"), {"position": "wali kota"})


def test_who_held_the_post_on_a_date(store: OxigraphStore) -> None:
    """The model answers "who was last seen as wali kota of 17.71 on or before a date"."""
    query = """
    PREFIX sg: <https://w3id.org/sinergi/ns#>
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    PREFIX time: <http://www.w3.org/2006/time#>
    PREFIX sgid: <https://w3id.org/sinergi/id/>
    SELECT ?name ?date WHERE {
      ?m a org:Membership ; org:organization sgid:government\\/17.71 ;
         org:role sgid:role\\/wali-kota ; org:member/foaf:name ?name ;
         org:memberDuring/time:inside/time:inXSDDate ?date .
      FILTER (?date <= "%s"^^<http://www.w3.org/2001/XMLSchema#date>)
    } ORDER BY DESC(?date) LIMIT 1
    """
    assert store.query(query % "2023-12-31").values() == [
        {"name": "Budi Santoso", "date": "2021-07-15"}
    ]
    assert store.query(query % "2024-06-01").values() == [
        {"name": "Dedi Wahyudi", "date": "2024-02-07"}
    ]
    assert store.query(query % "2019-01-01").values() == []


def test_cli_example_runs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sinergi import api
    from sinergi.cli import main

    api.open_store(tmp_path / "s").close()  # an empty store: queries open it read-only
    result = CliRunner().invoke(
        main,
        ["query", "post-holders", "--store", str(tmp_path / "s"), "--param", "region=17.71"],
    )
    assert result.exit_code == 0, result.output
    assert "(0 rows)" in result.stdout
