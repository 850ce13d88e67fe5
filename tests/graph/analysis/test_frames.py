"""api.to_dataframe: typed pandas columns from query results and analytics rows.

Why: researchers move the tables into pandas; a date left as text, a count left as
``object`` or a region code read as a float (``"32.10"`` -> 32.1) silently breaks their
joins and models. The stores are built through the public API: one from triples with
known facts (tests/graph/analysis/diffusion_fixture.py), one by ingesting articles
(tests/queries/research_corpus.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from rdflib import BNode, Literal, URIRef

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[test]')")

from sinergi import api  # noqa: E402
from sinergi.graph.analysis.frames import MissingDependencyError  # noqa: E402
from sinergi.graph.store import OxigraphStore, QueryResult  # noqa: E402
from tests.graph.analysis.diffusion_fixture import BANTEN, BENGKULU, build_fixture_store  # noqa: E402
from tests.queries.research_corpus import build_research_store  # noqa: E402

STRING = pd.StringDtype()
DATE = "datetime64[s]"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = build_fixture_store(tmp_path_factory.mktemp("frames-fixture"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def research_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = build_research_store(tmp_path_factory.mktemp("frames-research"))
    yield store
    store.close()


def _dtypes(frame: pd.DataFrame) -> dict[str, object]:
    return dict(frame.dtypes)


# ---------------------------------------------------------------------------------------
# Query results
# ---------------------------------------------------------------------------------------


def test_learning_query_dates_counts_and_codes(fixture_store: OxigraphStore) -> None:
    frame = api.to_dataframe(api.run_query(fixture_store, "learning"))
    assert list(frame.columns) == [
        "learner_code",
        "learner_name",
        "source_code",
        "source_name",
        "evidence",
        "first",
        "last",
    ]
    assert _dtypes(frame) == {
        "learner_code": STRING,
        "learner_name": STRING,
        "source_code": STRING,
        "source_name": STRING,
        "evidence": pd.Int64Dtype(),
        "first": DATE,
        "last": DATE,
    }
    banten = frame[(frame.learner_code == BANTEN) & (frame.source_code == BENGKULU)].iloc[0]
    # Province code "36" stays the string "36"; L2 plus the undated L6 are two statements.
    assert banten.learner_code == "36"
    assert banten.evidence == 2
    assert banten["first"] == pd.Timestamp("2022-03-01")
    assert frame["first"].dt.year.min() == 2021  # dates are usable as dates


def test_ingested_store_decimal_integer_iri_and_missing_dates(
    research_store: OxigraphStore,
) -> None:
    evidence = api.to_dataframe(
        api.run_query(research_store, "learning-evidence", {"learner": "36", "source": "17.71"})
    )
    assert len(evidence) >= 1
    assert evidence.dtypes["confidence"] == "float64"  # xsd:decimal
    assert evidence.dtypes["sentence_index"] == pd.Int64Dtype()
    assert evidence.dtypes["learner_code"] == STRING
    assert 0 < evidence.confidence.iloc[0] <= 1

    events = api.to_dataframe(api.run_query(research_store, "events-without-date"))
    assert events.dtypes["event"] == STRING  # an IRI
    assert events.event.str.startswith("https://w3id.org/sinergi/id/event/").all()

    learning = api.to_dataframe(api.run_query(research_store, "learning"))
    kaur = learning[learning.learner_code == "17.04"].iloc[0]  # b4 has no date anywhere
    assert pd.isna(kaur["first"]) and pd.isna(kaur["last"])
    assert learning.dtypes["first"] == DATE

    lags = api.to_dataframe(api.run_query(research_store, "program-adoptions"))
    assert lags.dtypes["lag_days"] == pd.Int64Dtype()
    assert lags.dtypes["first_learned"] == DATE
    assert set(lags.lag_days) == {0, 312}


def test_every_rdf_datatype_maps_to_its_dtype() -> None:
    from rdflib.namespace import XSD  # not at module level: pytest would probe its attributes

    def lit(value: str, datatype: URIRef | None = None, lang: str | None = None) -> Literal:
        return Literal(value, datatype=datatype, lang=lang)

    result = QueryResult(
        variables=["code", "n", "x", "d", "dt", "b", "iri", "mixed_num", "mixed", "bad_date"],
        rows=[
            {
                "code": lit("32.10"),
                "n": lit("7", XSD.integer),
                "x": lit("0.85", XSD.decimal),
                "d": lit("2024-03-05", XSD.date),
                "dt": lit("2024-03-05T10:00:00Z", XSD.dateTime),
                "b": lit("true", XSD.boolean),
                "iri": URIRef("https://w3id.org/sinergi/id/region/32.10"),
                "mixed_num": lit("1", XSD.integer),
                "mixed": lit("1", XSD.integer),
                "bad_date": lit("undated", XSD.date),
            },
            {
                "code": lit("Kota Bandung", lang="id"),
                "n": None,
                "x": lit("1.5E0", XSD.double),
                "d": None,
                "dt": None,
                "b": None,
                "iri": BNode("b0"),
                "mixed_num": lit("2.5", XSD.decimal),
                "mixed": lit("dua"),
                "bad_date": lit("2020-01-02", XSD.date),
            },
        ],
    )
    frame = api.to_dataframe(result)
    assert {k: v for k, v in _dtypes(frame).items() if k != "dt"} == {
        "code": STRING,
        "n": pd.Int64Dtype(),
        "x": "float64",
        "d": DATE,
        "b": pd.BooleanDtype(),
        "iri": STRING,
        "mixed_num": "float64",
        "mixed": STRING,
        "bad_date": DATE,
    }
    assert frame.code.tolist() == ["32.10", "Kota Bandung"]  # never the float 32.1
    assert frame.n.tolist() == [7, pd.NA]
    assert frame.x.tolist() == [0.85, 1.5]
    assert frame.d.iloc[0] == pd.Timestamp("2024-03-05") and pd.isna(frame.d.iloc[1])
    assert str(frame.dtypes["dt"]).endswith("UTC]")
    assert frame.dt.iloc[0] == pd.Timestamp("2024-03-05T10:00:00Z")
    assert frame.b.tolist() == [True, pd.NA]
    assert frame.iri.tolist() == ["https://w3id.org/sinergi/id/region/32.10", "_:b0"]
    assert frame.mixed.tolist() == ["1", "dua"]
    assert pd.isna(frame.bad_date.iloc[0])  # an ill-typed date is missing, not text
    assert frame.bad_date.iloc[1] == pd.Timestamp("2020-01-02")


def test_empty_result_keeps_its_header() -> None:
    frame = api.to_dataframe(QueryResult(variables=["a_code", "n"], rows=[]))
    assert list(frame.columns) == ["a_code", "n"] and frame.empty
    assert (frame.dtypes == STRING).all()


# ---------------------------------------------------------------------------------------
# Analytics rows
# ---------------------------------------------------------------------------------------


def test_cascade_trees_blank_cells_are_missing_not_text(fixture_store: OxigraphStore) -> None:
    rows = api.diffusion.cascades_table(fixture_store, form="trees")
    frame = api.to_dataframe(rows)
    assert _dtypes(frame) == {
        "cascade_id": STRING,
        "child": STRING,
        "parent": STRING,
        "child_date": DATE,
        "parent_date": DATE,
        "lag_days": pd.Int64Dtype(),
        "depth": pd.Int64Dtype(),
        "how": STRING,
    }
    roots = frame[frame.depth == 0]
    assert roots.parent.isna().all() and roots.lag_days.isna().all()
    serang = frame[frame.child == "36.04"].iloc[0]
    assert (serang.parent, serang.lag_days) == ("36", 125)
    assert serang.child_date == pd.Timestamp("2023-05-20")


def test_leaders_paths_and_panel_tables(fixture_store: OxigraphStore) -> None:
    leaders = api.to_dataframe(api.diffusion.leaders_table(fixture_store))
    assert leaders.dtypes["region"] == STRING
    assert leaders.dtypes["pagerank"] == "float64"
    assert leaders.dtypes["out_strength"] == pd.Int64Dtype()
    assert set(leaders.region) == {"19.71", "17.71", "36", "36.04", "15.71"}

    # ``dates`` holds one date on one-hop paths and "a > b" on longer ones: always text.
    paths = api.to_dataframe(api.diffusion.paths_table(fixture_store, sources=["17.71"]))
    assert _dtypes(paths) == {
        "origin": STRING,
        "target": STRING,
        "name": STRING,
        "arrival": DATE,
        "hops": pd.Int64Dtype(),
        "path": STRING,
        "dates": STRING,
    }

    panel = api.to_dataframe(api.diffusion.panel_table(fixture_store))
    assert panel.dtypes["period"] == pd.Int64Dtype()
    assert panel.dtypes["province"] == STRING


def test_report_with_rows_and_fixed_columns(fixture_store: OxigraphStore) -> None:
    report = api.diffusion.infer_ties(fixture_store)
    frame = api.to_dataframe(report, columns=api.diffusion.COLUMNS["infer"])
    assert list(frame.columns) == api.diffusion.COLUMNS["infer"]
    assert frame.dtypes["origin_node"] == STRING

    empty = api.to_dataframe([], columns=api.diffusion.COLUMNS["lags"])
    assert list(empty.columns) == api.diffusion.COLUMNS["lags"] and empty.empty
    assert empty.dtypes["origin_date"] == DATE
    assert empty.dtypes["lag_days"] == pd.Int64Dtype()
    assert empty.dtypes["origin"] == STRING


def test_rows_from_python_values() -> None:
    rows = [
        {"region": 36, "score": Decimal("0.5"), "on": date(2024, 1, 2), "ok": True, "tags": ["a"]},
        {"region": "32.10", "score": 2, "on": "2024-02-03", "ok": None, "tags": []},
        {"region": None, "score": "", "on": "", "ok": False, "tags": None, "extra": "x"},
    ]
    frame = api.to_dataframe(rows, strings=["extra"])
    assert list(frame.columns) == ["region", "score", "on", "ok", "tags", "extra"]
    assert frame.region.tolist() == ["36", "32.10", pd.NA]
    assert frame.dtypes["score"] == "float64"
    assert frame.score.iloc[:2].tolist() == [0.5, 2.0] and pd.isna(frame.score.iloc[2])
    assert frame.dtypes["on"] == DATE
    assert frame.on.iloc[1] == pd.Timestamp("2024-02-03")
    assert frame.dtypes["ok"] == pd.BooleanDtype()
    assert frame.dtypes["tags"] == "object" and frame.tags.iloc[0] == ["a"]
    assert frame.extra.tolist() == [pd.NA, pd.NA, "x"]

    text = api.to_dataframe([{"note": "2024-01-02"}, {"note": "kemarin"}])
    assert text.dtypes["note"] == STRING  # not every value is a date: stays text


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError):
        api.to_dataframe({"region": "36"})
    with pytest.raises(TypeError):
        api.to_dataframe("learning")
    with pytest.raises(TypeError):
        api.to_dataframe([("36", 1)])


def test_missing_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes ``import pandas`` fail
    with pytest.raises(MissingDependencyError, match=r"sinergi\[frames\]"):
        api.to_dataframe([{"region": "36"}])
