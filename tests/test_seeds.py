"""The five seed articles from ../shared, end to end: ingest, SPARQL, NetworkX."""

from __future__ import annotations

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
