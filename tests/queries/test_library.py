"""The SPARQL library: every query runs, the main ones give exact rows, binding is safe."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from sinergi import api
from sinergi.errors import QueryError
from sinergi.graph.store import OxigraphStore, QueryResult
from sinergi.queries import (
    Query,
    bind_query,
    get_query,
    library_queries,
    load_queries,
    parse_query,
)
from tests.graph.store.fixture_corpus import TITLES, build_store

QUERY_NAMES = sorted(load_queries())
SAMPLE = {"region": "17.71", "theme": "perdagangan", "string": "pasar murah"}
INJECTION = '17.71" } UNION { ?s ?p ?o } #'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = build_store(tmp_path_factory.mktemp("library"))
    yield opened
    opened.close()


def rows(store: OxigraphStore, name: str, params: dict[str, str] | None = None) -> list[dict]:
    return api.run_query(store, name, params).values()


def test_library_holds_the_documented_queries() -> None:
    assert set(QUERY_NAMES) >= {
        "collaboration-network",
        "learning",
        "learning-evidence",
        "learning-network",
        "partners",
        "program-diffusion",
        "programs-by-theme",
        "visits-hosted",
    }


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_runs(store: OxigraphStore, name: str) -> None:
    query = load_queries()[name]
    params = {p.name: SAMPLE[p.type] for p in query.params if p.required}

    result = api.run_query(store, name, params)

    assert isinstance(result, QueryResult)
    assert result.variables
    assert all(set(row) == set(result.variables) for row in result.rows)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_file_has_a_documented_header(name: str) -> None:
    path = load_queries()[name].path.split("/")  # "learning.rq", "internal/view-events.rq"
    raw = resources.files("sinergi.queries").joinpath(*path).read_text(encoding="utf-8")
    header = [line for line in raw.splitlines() if line.startswith("#")]
    keys = {re.match(r"#\s*(\w+)\s*:", line).group(1) for line in header}
    assert {"title", "question", "example"} <= keys

    query = load_queries()[name]
    assert query.title
    assert query.question
    assert query.example.startswith(f"sinergi query {name}")
    body = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    for param in query.params:
        assert f"?{param.name}" in body, f"{name}: parameter {param.name} is never used"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_example_binds(name: str) -> None:
    query = load_queries()[name]
    words = shlex.split(query.example)
    params = dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")

    bound = bind_query(query, params)

    # Each parameter is bound in the query's own WHERE and in the sub-selects that use it.
    wheres = len(re.findall(r"\bWHERE\s*\{", query.text, re.IGNORECASE))
    for param in params:
        assert 1 <= bound.count(f"VALUES ?{param} ") <= wheres
    if params:
        assert bound.startswith(query.text.split("WHERE {", 1)[0] + "WHERE {\n  VALUES ?")


def test_learning_rows(store: OxigraphStore) -> None:
    assert rows(store, "learning") == [
        {
            "learner_code": "17.71",
            "learner_name": "Kota Bengkulu",
            "source_code": "19.71",
            "source_name": "Kota Pangkal Pinang",
            "evidence": 2,
            "first": "2022-02-24",
            "last": "2023-01-12",
        },
        {
            "learner_code": "17",
            "learner_name": "Bengkulu",
            "source_code": "36",
            "source_name": "Banten",
            "evidence": 1,
            "first": "2022-03-15",
            "last": "2022-03-15",
        },
        {
            "learner_code": "36",
            "learner_name": "Banten",
            "source_code": "17",
            "source_name": "Bengkulu",
            "evidence": 1,
            "first": "2022-03-15",
            "last": "2022-03-15",
        },
        {
            "learner_code": "36.04",
            "learner_name": "Kabupaten Serang",
            "source_code": "17.71",
            "source_name": "Kota Bengkulu",
            "evidence": 1,
            "first": "2022-06-10",
            "last": "2022-06-10",
        },
    ]


def test_learning_filtered_by_learner_and_source(store: OxigraphStore) -> None:
    by_source = rows(store, "learning", {"source": "17.71"})
    by_learner = rows(store, "learning", {"learner": "17.71"})
    both = rows(store, "learning", {"learner": "19.71", "source": "17.71"})

    assert [(r["learner_code"], r["source_code"]) for r in by_source] == [("36.04", "17.71")]
    assert [(r["learner_code"], r["source_code"]) for r in by_learner] == [("17.71", "19.71")]
    assert both == []


def test_visits_hosted_by_a_region(store: OxigraphStore) -> None:
    result = rows(store, "visits-hosted", {"host": "19.71"})

    assert [{k: v for k, v in row.items() if k != "event"} for row in result] == [
        {
            "host_code": "19.71",
            "host_name": "Kota Pangkal Pinang",
            "date": "2022-02-24",
            "guest_code": "17.71",
            "guest_name": "Kota Bengkulu",
            "article_title": TITLES["a1"],
        },
        {
            "host_code": "19.71",
            "host_name": "Kota Pangkal Pinang",
            "date": "2023-01-12",
            "guest_code": "17.71",
            "guest_name": "Kota Bengkulu",
            "article_title": TITLES["a4"],
        },
    ]
    assert all(row["event"].startswith("https://w3id.org/sinergi/id/event/") for row in result)
    assert len({row["event"] for row in result}) == 2


def test_visits_hosted_without_host_lists_every_visit(store: OxigraphStore) -> None:
    result = rows(store, "visits-hosted")

    assert [(r["host_code"], r["guest_code"], r["date"]) for r in result] == [
        ("17.71", "36.04", "2022-06-10"),
        ("19.71", "17.71", "2022-02-24"),
        ("19.71", "17.71", "2023-01-12"),
    ]


def test_partners_of_a_region(store: OxigraphStore) -> None:
    assert rows(store, "partners", {"region": "17.71"}) == [
        {
            "partner_code": "19.71",
            "partner_name": "Kota Pangkal Pinang",
            "events": 2,
            "kinds": "visit",
            "first": "2022-02-24",
            "last": "2023-01-12",
        },
        {
            "partner_code": "36.04",
            "partner_name": "Kabupaten Serang",
            "events": 1,
            "kinds": "visit",
            "first": "2022-06-10",
            "last": "2022-06-10",
        },
    ]
    assert [r["partner_code"] for r in rows(store, "partners", {"region": "36"})] == ["17"]
    assert rows(store, "partners", {"region": "32.73"}) == []


def test_programs_by_theme(store: OxigraphStore) -> None:
    everything = rows(store, "programs-by-theme")
    trade = rows(store, "programs-by-theme", {"theme": "perdagangan"})

    assert [(r["theme_slug"], r["owner_code"], r["date"]) for r in everything] == [
        ("lingkungan-hidup", "17.71", "2022-06-10"),
        ("perdagangan", "19.71", "2022-02-24"),
        ("perhubungan", "19.71", "2023-01-12"),
    ]
    [row] = trade
    assert row["theme_label"] == "Trade"
    assert row["owner_name"] == "Kota Pangkal Pinang"
    assert "pasar murah" in row["program_label"]
    assert rows(store, "programs-by-theme", {"theme": "kesehatan"}) == []


def test_program_diffusion_lists_owners_and_learners_in_date_order(store: OxigraphStore) -> None:
    # Serang learned waste management from Kota Bengkulu, not pasar murah: it is no part
    # of the pasar murah cascade although Kota Bengkulu had learned pasar murah before.
    assert rows(store, "program-diffusion", {"program": "Pasar Murah"}) == [
        {
            "first": "2022-02-24",
            "region_code": "17.71",
            "region_name": "Kota Bengkulu",
            "how": "learned",
            "learned_from_code": "19.71",
            "learned_from_name": "Kota Pangkal Pinang",
        },
        {
            "first": "2022-02-24",
            "region_code": "19.71",
            "region_name": "Kota Pangkal Pinang",
            "how": "reported",
            "learned_from_code": None,
            "learned_from_name": None,
        },
    ]
    assert [
        (r["region_code"], r["how"])
        for r in rows(store, "program-diffusion", {"program": "sampah"})
    ] == [
        ("17.71", "reported"),
        ("36.04", "learned"),
    ]


def test_program_diffusion_of_unknown_program_is_empty(store: OxigraphStore) -> None:
    assert rows(store, "program-diffusion", {"program": "bus sekolah gratis"}) == []


def test_learning_evidence_rows(store: OxigraphStore) -> None:
    result = rows(store, "learning-evidence", {"learner": "17.71", "source": "19.71"})

    assert [
        (r["doc"], r["title"], r["sentence_index"], r["sentence"], r["rule"]) for r in result
    ] == [
        (
            "a1",
            TITLES["a1"],
            1,
            "Pemerintah Kota Bengkulu melakukan studi banding ke Kota Pangkalpinang, "
            "Kamis (24/2/2022).",
            "explicit-cue",
        ),
        (
            "a4",
            TITLES["a4"],
            2,
            "Rombongan Kota Bengkulu mempelajari sistem retribusi parkir elektronik milik Dinas "
            "Perhubungan Kota Pangkalpinang.",
            "explicit-cue",
        ),
    ]
    assert all(0 < float(r["confidence"]) <= 1 for r in result)
    assert all(r["url"] is None for r in result)


def test_learning_evidence_of_mutual_exchange(store: OxigraphStore) -> None:
    result = rows(store, "learning-evidence", {"learner": "36"})

    [row] = result
    assert (row["source_code"], row["doc"], row["rule"]) == ("17", "a3", "mutual-exchange")
    assert "saling bertukar program" in row["sentence"]


def test_network_queries_aggregate(store: OxigraphStore) -> None:
    assert rows(store, "learning-network") == [
        {"source_code": "17", "learner_code": "36", "weight": 1, "first": "2022-03-15", "last": "2022-03-15"},
        {"source_code": "17.71", "learner_code": "36.04", "weight": 1, "first": "2022-06-10", "last": "2022-06-10"},
        {"source_code": "19.71", "learner_code": "17.71", "weight": 2, "first": "2022-02-24", "last": "2023-01-12"},
        {"source_code": "36", "learner_code": "17", "weight": 1, "first": "2022-03-15", "last": "2022-03-15"},
    ]  # fmt: skip
    assert rows(store, "collaboration-network") == [
        {"a_code": "17", "b_code": "36", "kind": "agreement", "weight": 1, "first": "2022-03-15", "last": "2022-03-15"},
        {"a_code": "17.71", "b_code": "19.71", "kind": "visit", "weight": 2, "first": "2022-02-24", "last": "2023-01-12"},
        {"a_code": "17.71", "b_code": "36.04", "kind": "visit", "weight": 1, "first": "2022-06-10", "last": "2022-06-10"},
    ]  # fmt: skip


# --- parameter binding -----------------------------------------------------------------


def _custom(tmp_path: Path, name: str, text: str) -> Query:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return get_query(str(path))


LOOKUP = """# title: Region name by code text
# param: code_text (string, required): a code as plain text
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?name WHERE {
  ?region skos:notation ?code ; schema:name ?name .
  FILTER(STR(?code) = ?code_text)
}
"""


@pytest.mark.parametrize(
    "value",
    [
        INJECTION,
        '17.71") || true || ("',
        "17.71' } UNION { ?region ?p ?name } #",
        '17.71"""\n} UNION { ?region ?p ?name }',
        "17.71\\",
    ],
)
def test_string_value_cannot_change_the_query(
    store: OxigraphStore, tmp_path: Path, value: str
) -> None:
    query = _custom(tmp_path, "lookup", LOOKUP)
    assert store.query(bind_query(query, {"code_text": "17.71"})).values() == [
        {"name": "Kota Bengkulu"}
    ]

    bound = bind_query(query, {"code_text": value})

    assert store.query(bound).values() == []
    # Only a VALUES block is inserted right after "WHERE {"; the query text around it is kept.
    head, tail = query.text.split("WHERE {", 1)
    assert bound.startswith(head + "WHERE {\n  VALUES ?code_text { ")
    assert bound.endswith(" }" + tail)


def test_string_value_round_trips_as_one_literal(store: OxigraphStore, tmp_path: Path) -> None:
    query = _custom(
        tmp_path,
        "echo",
        "# title: Echo\n# param: word (string, required): x\nSELECT ?word WHERE { }\n",
    )
    nasty = 'a"b\'c\\d\n} UNION { ?s ?p ?o } """ #'

    assert store.query(bind_query(query, {"word": nasty})).values() == [{"word": nasty}]


def test_string_injection_in_program_diffusion_returns_nothing(store: OxigraphStore) -> None:
    assert rows(store, "program-diffusion", {"program": 'pasar" } UNION { ?a ?b ?c } #'}) == []


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("partners", {"region": INJECTION}),
        ("partners", {"region": "99.99"}),
        ("partners", {"region": ""}),
        ("visits-hosted", {"host": "<https://w3id.org/sinergi/id/region/17.71>"}),
        ("learning", {"learner": "Kota Bengkulu"}),
        ("programs-by-theme", {"theme": 'perdagangan" } UNION {'}),
        ("programs-by-theme", {"theme": "Trade"}),
    ],
)
def test_bad_region_and_theme_values_raise(name: str, params: dict[str, str]) -> None:
    with pytest.raises(QueryError, match="query parameter"):
        bind_query(get_query(name), params)


TYPED = """# title: Typed parameters
# param: day (date, optional): a date
# param: count (integer, optional, default=3): a number
# param: thing (iri, optional): an IRI
SELECT ?day ?count ?thing WHERE { }
"""


@pytest.mark.parametrize(
    "params",
    [
        {"day": "2022-02-30"},
        {"day": '2022-01-01" } UNION {'},
        {"count": "3 } UNION { ?s ?p ?o"},
        {"count": "3.5"},
        {"thing": "https://contoh.id/x> } UNION { ?s ?p ?o"},
        {"thing": "bukan-iri"},
    ],
)
def test_bad_typed_values_raise(tmp_path: Path, params: dict[str, str]) -> None:
    with pytest.raises(QueryError):
        bind_query(_custom(tmp_path, "typed", TYPED), params)


def test_typed_values_bind_as_terms_and_defaults_apply(
    store: OxigraphStore, tmp_path: Path
) -> None:
    query = _custom(tmp_path, "typed", TYPED)

    result = store.query(bind_query(query, {"day": "2022-02-24", "thing": "https://contoh.id/x"}))

    assert result.values() == [{"day": "2022-02-24", "count": 3, "thing": "https://contoh.id/x"}]
    assert str(result.rows[0]["day"].datatype) == "http://www.w3.org/2001/XMLSchema#date"


def test_unknown_parameter_raises() -> None:
    with pytest.raises(QueryError, match="no parameter"):
        bind_query(get_query("learning"), {"region": "17.71"})
    with pytest.raises(QueryError, match="no parameter"):
        bind_query(get_query("learning-network"), {"learner": "17.71"})


@pytest.mark.parametrize(
    ("name", "param"), [("partners", "region"), ("program-diffusion", "program")]
)
def test_missing_required_parameter_raises(name: str, param: str) -> None:
    with pytest.raises(QueryError, match=f"needs a value for query parameter {param}$"):
        bind_query(get_query(name))


def test_unknown_query_name_raises() -> None:
    with pytest.raises(QueryError, match="unknown query"):
        get_query("belajar-dari-mana")


def test_internal_queries_run_by_name_but_are_not_in_the_library() -> None:
    internal = {name for name, query in load_queries().items() if query.internal}
    assert internal == {
        "collaboration-network",
        "learning-network",
        "programs-owned",
        "projection-accepted",
        "projection-adoption",
        "projection-collaboration",
        "projection-learning",
        "projection-plain-learning",
        "projection-programs",
        "statement-counts",
        "statements",
        "statements-naming",
        "statements-to-review",
        "view-events",
        "view-learning",
        "view-programs",
    }
    assert not internal & set(library_queries())
    assert api.library_queries() == library_queries()  # the API lists the library too
    assert set(library_queries()) | internal == set(load_queries())
    assert get_query("view-events").path == "internal/view-events.rq"
    with pytest.raises(QueryError, match="unknown query") as raised:
        get_query("belajar-dari-mana")
    assert "learning" in str(raised.value) and "view-events" not in str(raised.value)


def test_malformed_headers_raise() -> None:
    with pytest.raises(QueryError, match="title"):
        parse_query("tanpa-judul", "# question: Apa?\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="bad param"):
        parse_query(
            "tipe-aneh", "# title: X\n# param: x (colour, required): y\nSELECT * WHERE {}\n"
        )


def test_parameters_reach_sub_selects(store: OxigraphStore, tmp_path: Path) -> None:
    """A sub-select does not see the enclosing query's bindings, so each WHERE gets them."""
    query = _custom(
        tmp_path,
        "inner",
        "# title: Inner\n# param: code_text (string, required): x\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX schema: <https://schema.org/>\n"
        "SELECT ?name WHERE {\n"
        "  { SELECT ?region WHERE { ?region skos:notation ?code FILTER(STR(?code) = ?code_text) } }\n"
        "  ?region schema:name ?name .\n"
        "}\n",
    )
    assert store.query(bind_query(query, {"code_text": "17.71"})).values() == [
        {"name": "Kota Bengkulu"}
    ]


def test_parameters_need_a_where_clause(tmp_path: Path) -> None:
    """Without a WHERE there is nowhere to put the VALUES block: a clear error, not a query
    that silently ignores its parameter."""
    query = _custom(
        tmp_path,
        "no-where",
        "# title: No where\n# param: code_text (string, required): x\nASK { ?s ?p ?code_text }\n",
    )
    with pytest.raises(QueryError, match="no WHERE clause"):
        bind_query(query, {"code_text": "17.71"})
