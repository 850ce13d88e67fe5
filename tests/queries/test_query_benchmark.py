"""The synthetic graph of benchmarks/queries.py: sinergi's real IRIs, every query runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

from sinergi.queries import PARAM_TYPES, Param, Query, bind_query, load_queries
from tests.conftest import REPO


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_queries", REPO / "benchmarks" / "queries.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_every_parameter_type_gets_a_value_that_binds() -> None:
    bench = _benchmark()
    for kind in sorted(PARAM_TYPES):
        param = Param("x", kind, False, "undocumented")  # no "e.g.": the fallback value
        query = Query("q", "q", "", "SELECT * WHERE { ?x ?p ?o }", (param,))
        assert "VALUES ?x {" in bind_query(query, {"x": bench._example(param, {})})


def test_small_synthetic_graph_answers_every_library_query(tmp_path: Path) -> None:
    bench = _benchmark()
    facts = bench.generate(tmp_path / "g.nq", 30_000)
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "g.nq"), format=ox.RdfFormat.N_QUADS)

    assert facts["triples"] >= 30_000 and len(store) > 25_000
    answered = 0
    runs = 0
    for query in load_queries().values():
        narrowed = bench._variants(query, facts)
        every = bench._variants(query, facts, every_parameter=True)
        # the whole query comes first, then narrowed runs
        assert narrowed[0] == every[0] and every[0][0] == query.name
        optional = [p.name for p in query.params if not p.required]
        assert [label for label, _ in every[1:]] == [f"{query.name} [{p}]" for p in optional]
        for _label, params in every:
            assert set(params) <= {p.name for p in query.params}
            sparql = bind_query(query, params)
            rows = list(store.query(sparql, use_default_graph_as_union=True))
            answered += bool(rows)
            runs += 1
    assert runs > 2 * len(load_queries())  # most queries take optional parameters
    assert answered >= runs // 2  # the shape gives most runs rows
