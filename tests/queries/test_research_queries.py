"""Exact rows of the research queries on two small corpora written for the tests.

``fixture_corpus`` (tests/graph) holds the chain Pangkalpinang -> Bengkulu -> Serang and the
Banten-Bengkulu MoU; ``research_corpus`` a program adopted with a lag, a forum and an
undated visit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from sinergi import api
from sinergi.errors import QueryError
from sinergi.graph.store import OxigraphStore
from tests.graph.store.fixture_corpus import build_store
from tests.queries.research_corpus import build_research_store


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = build_store(tmp_path_factory.mktemp("chain"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def research(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = build_research_store(tmp_path_factory.mktemp("research"))
    yield store
    store.close()


def rows(store: OxigraphStore, name: str, drop: tuple[str, ...] = (), **params: str) -> list:
    return [
        {k: v for k, v in row.items() if k not in drop}
        for row in api.run_query(store, name, params).values()
    ]


def test_learning_by_theme_period_and_province(chain: OxigraphStore) -> None:
    assert [
        (r["learner_code"], r["source_code"]) for r in rows(chain, "learning", theme="perdagangan")
    ] == [("17.71", "19.71")]
    since = rows(chain, "learning", since="2022-03-01", until="2022-12-31")
    assert [(r["learner_code"], r["source_code"]) for r in since] == [
        ("17", "36"),
        ("36", "17"),
        ("36.04", "17.71"),
    ]
    # start/end is the period's name everywhere; since/until, its old one, still binds
    assert rows(chain, "learning", start="2022-03-01", end="2022-12-31") == since
    with pytest.raises(QueryError, match="not both"):
        rows(chain, "learning", since="2022-03-01", start="2022-04-01")
    in_banten = rows(chain, "learning", province="36")
    assert [(r["learner_code"], r["source_code"]) for r in in_banten] == [
        ("36", "17"),
        ("36.04", "17.71"),
    ]


def test_teachers_and_learners_of_a_region(chain: OxigraphStore) -> None:
    assert rows(chain, "region-teachers", region="17.71") == [
        {
            "source_code": "19.71",
            "source_name": "Kota Pangkal Pinang",
            "evidence": 2,
            "first": "2022-02-24",
            "last": "2023-01-12",
        }
    ]
    assert rows(chain, "region-learners", region="17.71") == [
        {
            "learner_code": "36.04",
            "learner_name": "Kabupaten Serang",
            "evidence": 1,
            "first": "2022-06-10",
            "last": "2022-06-10",
        }
    ]


def test_chains_with_their_length(chain: OxigraphStore) -> None:
    assert rows(chain, "learned-from-chain", region="19.71") == [
        {"learner_code": "17.71", "learner_name": "Kota Bengkulu", "path_length": 1},
        {"learner_code": "36.04", "learner_name": "Kabupaten Serang", "path_length": 2},
    ]


def test_visits_per_region_and_year(research: OxigraphStore) -> None:
    assert rows(research, "visits-per-year", region="17.71") == [
        {
            "region_code": "17.71",
            "region_name": "Kota Bengkulu",
            "year": "2021",
            "hosted": 1,
            "made": 0,
        },
        {
            "region_code": "17.71",
            "region_name": "Kota Bengkulu",
            "year": "2022",
            "hosted": 1,
            "made": 0,
        },
        {
            "region_code": "17.71",
            "region_name": "Kota Bengkulu",
            "year": "unknown",
            "hosted": 1,
            "made": 0,
        },
    ]


def test_agreements_between_two_provinces(chain: OxigraphStore) -> None:
    found = rows(
        chain, "agreements-between-provinces", drop=("event",), province_a="36", province_b="17"
    )
    assert found == [
        {
            "date": "2022-03-15",
            "a_code": "36",
            "a_name": "Banten",
            "b_code": "17",
            "b_name": "Bengkulu",
            "title": "Dua Provinsi Bersepakat",
        }
    ]
    assert rows(chain, "agreements-between-provinces", province_a="36", province_b="19") == []


def test_forums_and_their_participants(research: OxigraphStore) -> None:
    forum = rows(research, "forums", drop=("event",), forum="apeksi")
    assert [(r["forum_name"], r["date"], r["participant_code"]) for r in forum] == [
        ("APEKSI", "2019-10-07", "13.71"),
        ("APEKSI", "2019-10-07", "15.71"),
        ("APEKSI", "2019-10-07", "16.71"),
        ("APEKSI", "2019-10-07", "17.71"),
    ]
    assert rows(research, "forums", forum="APKASI") == []
    assert rows(research, "forums-active") == [
        {
            "forum_name": "APEKSI",
            "meetings": 1,
            "regions": 4,
            "first": "2019-10-07",
            "last": "2019-10-07",
        }
    ]


def test_program_adopted_with_its_lag(research: OxigraphStore) -> None:
    adoptions = rows(research, "program-adoptions", drop=("program_label", "adopter_name"))
    assert adoptions == [
        {
            "theme_slug": "perdagangan",
            "owner_code": "17.71",
            "adopter_code": "15.71",
            "first_reported": "2021-05-03",
            "first_learned": "2021-05-03",
            "lag_days": 0,
        },
        {
            "theme_slug": "perdagangan",
            "owner_code": "17.71",
            "adopter_code": "36",
            "first_reported": "2021-05-03",
            "first_learned": "2022-03-11",
            "lag_days": 312,
        },
    ]
    assert rows(research, "program-adoptions", theme="kesehatan") == []


def test_officials_with_posts_and_events(chain: OxigraphStore) -> None:
    found = rows(chain, "officials-in-region", drop=("event",), region="17.71")
    assert found == [
        {
            "name": "Helmi Hasan",
            "post": "Wali Kota Bengkulu",
            "doc": "a1",
            "event_type": "visit",
            "event_date": "2022-02-24",
        }
    ]


def test_cross_and_within_province_shares(research: OxigraphStore) -> None:
    assert rows(research, "learning-cross-province") == [
        {"scope": "cross-province", "relations": 2, "region_pairs": 2},
        {"scope": "within-province", "relations": 1, "region_pairs": 1},
    ]


def test_reciprocal_pairs(chain: OxigraphStore, research: OxigraphStore) -> None:
    assert rows(chain, "reciprocal-learning") == [
        {"a_code": "17", "a_name": "Bengkulu", "b_code": "36", "b_name": "Banten"}
    ]
    assert rows(research, "reciprocal-learning") == []


def test_data_quality_views(research: OxigraphStore) -> None:
    assert rows(research, "events-without-date", drop=("event",)) == [
        {"doc": "b4", "event_type": "visit"}
    ]
    never = rows(research, "regions-never-mentioned", province="17")
    assert {"code": "17.04", "name": "Kabupaten Kaur"} not in never
    assert {"code": "17.01", "name": "Kabupaten Bengkulu Selatan"} in never
    assert all(r["code"] == "17" or r["code"].startswith("17.") for r in never)
    low = rows(research, "low-confidence-learning", drop=("sentence",), threshold="0.75")
    assert low == [
        {
            "learner_code": "15.71",
            "source_code": "17.71",
            "confidence": Decimal("0.7"),
            "rule": "visit-learning",
            "doc": "b1",
        },
        {
            "learner_code": "17.04",
            "source_code": "17.71",
            "confidence": Decimal("0.7"),
            "rule": "visit-learning",
            "doc": "b4",
        },
    ]
    assert rows(research, "low-confidence-learning", threshold="0.5") == []


def test_an_official_named_in_several_articles_is_one_row_per_article(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A person's and a post's triples are repeated in every article graph that names them;
    a union default graph returns every copy, which once multiplied these rows."""
    root = tmp_path_factory.mktemp("repeated-official")
    folder = root / "articles"
    folder.mkdir()
    for number in range(1, 4):
        (folder / f"b{number}.txt").write_text(
            f"Kunjungan Ke-{number}\n\n"
            f"Wali Kota Bengkulu Helmi Hasan menerima rombongan Kota Jambi, Senin ({number}/5/2023).\n",
            encoding="utf-8",
        )
    store = api.open_store(root / "store")
    try:
        api.ingest([folder], store)
        found = rows(store, "officials-in-region", drop=("event", "event_date"), region="17.71")
    finally:
        store.close()
    assert [(r["name"], r["post"], r["doc"]) for r in found] == [
        ("Helmi Hasan", "Wali Kota Bengkulu", f"b{number}") for number in range(1, 4)
    ]


def test_partner_kinds_are_listed_in_alphabetical_order(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """GROUP_CONCAT lists in the store's order: with these two articles it gave
    "visit, agreement"."""
    root = tmp_path_factory.mktemp("partner-kinds")
    folder = root / "articles"
    folder.mkdir()
    (folder / "m.txt").write_text(
        "Kunjungan Kerja\n\nPemerintah Kota Bengkulu melakukan studi banding ke Kota Jambi, "
        "Senin (8/5/2023).\n",
        encoding="utf-8",
    )
    (folder / "n.txt").write_text(
        "Kerja Sama Dua Kota\n\nPemkot Bengkulu dan Pemkot Jambi menandatangani nota "
        "kesepahaman di Kota Jambi, Selasa (9/5/2023).\n",
        encoding="utf-8",
    )
    store = api.open_store(root / "store")
    try:
        api.ingest([folder], store)
        found = rows(store, "partners", region="17.71")
    finally:
        store.close()
    assert [(r["partner_code"], r["kinds"], r["events"]) for r in found] == [
        ("15.71", "agreement, visit", 2)
    ]
