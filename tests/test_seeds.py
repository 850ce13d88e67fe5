"""The five seed articles from ../shared, end to end: ingest, SPARQL, NetworkX, scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sinergi import api
from sinergi.namespace import SG, region_iri


@pytest.fixture(scope="module")
def seed_store(shared: Path, tmp_path_factory: pytest.TempPathFactory):
    store = api.open_store(tmp_path_factory.mktemp("seeds") / "store")
    report = api.ingest([shared / "corpus" / "seeds" / "text"], store)
    assert report.added == 5 and not report.rejected
    yield store
    store.close()


def test_bengkulu_learned_from_pangkalpinang_by_sparql(seed_store) -> None:
    rows = api.run_query(seed_store, "learning", {"learner": "17.71", "source": "19.71"}).values()
    assert rows and rows[0]["learner_name"] == "Kota Bengkulu"
    assert rows[0]["source_name"] == "Kota Pangkal Pinang"


def test_banten_bengkulu_agreement_by_sparql(seed_store) -> None:
    ask = f"""ASK {{ ?e a <{SG.Agreement}> ; <{SG.participant}> <{region_iri("36")}> ,
                     <{region_iri("17")}> }}"""
    assert seed_store.ask(ask)


def test_seed_edges_in_networkx(seed_store) -> None:
    learning = api.learning_network(seed_store)
    assert learning.has_edge("19.71", "17.71")
    assert learning.edges["19.71", "17.71"]["weight"] >= 1
    assert learning.edges["19.71", "17.71"]["first"] == "2022-02-24"
    collaboration = api.collaboration_network(seed_store)
    assert collaboration.has_edge("36", "17")
    assert "agreement" in collaboration.edges["36", "17"]["types"]


def _scores(shared: Path, gold: Path, inputs: list[Path], tmp_path: Path) -> dict:
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for extraction in api.extract_paths(inputs):
            out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    result = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["scores"]


@pytest.mark.parametrize("corpus", ["dev", "seeds"])
def test_every_facet_scores_above_zero(shared: Path, tmp_path: Path, corpus: str) -> None:
    folder = shared / "corpus" / corpus
    inputs = [folder / "docs.jsonl"] if corpus == "dev" else [folder / "text"]
    scores = _scores(shared, folder / "gold.jsonl", inputs, tmp_path)
    for facet in ["regions", "officials", "events", "learning", "programs"]:
        assert scores[facet]["f1"] > 0, (facet, scores[facet])
