"""Each article's graph says which ingest run extracted it, with which extractor, when, and
when the article was retrieved (when the input says), enough for an audit."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sinergi import api
from sinergi.cli import main

ARTICLES = [
    {
        "doc": "kunker-serang",
        "title": "Pemkab Serang kunjungi Kota Bengkulu",
        "text": "Pemkab Serang melakukan kunjungan kerja ke Pemkot Bengkulu untuk mempelajari "
        "program pasar murah, Senin (10/1/2022).",
        "published": "2022-01-11",
        "retrieved": "2022-01-12T08:30:00+07:00",
    },
    {
        "doc": "mou-banten",
        "title": "Banten dan Bengkulu teken MoU",
        "text": "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman kerja sama "
        "pariwisata di Serang, Selasa (1/3/2022).",
    },
]

AUDIT = """
PREFIX sg: <https://w3id.org/sinergi/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?doc ?hash ?version ?run ?started ?ended ?retrieved WHERE {
  ?article sg:docId ?doc ; sg:contentHash ?hash ; prov:wasGeneratedBy ?extraction .
  ?extraction sg:extractorVersion ?version ; prov:wasInformedBy ?run ;
              prov:startedAtTime ?started .
  ?run prov:startedAtTime ?started ; prov:endedAtTime ?ended .
  OPTIONAL { ?article sg:retrievedAt ?retrieved }
} ORDER BY ?doc
"""


def test_every_article_names_its_run_extractor_hash_and_retrieval(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(store), "-q"]).exit_code == 0
    with api.open_store(store, read_only=True) as opened:
        rows = opened.query(AUDIT).values()
    assert [r["doc"] for r in rows] == ["kunker-serang", "mou-banten"]
    assert len({r["run"] for r in rows}) == 1 and rows[0]["started"] <= rows[0]["ended"]
    assert all(r["version"].startswith("sinergi-rules/") and len(r["hash"]) == 64 for r in rows)
    assert rows[0]["retrieved"].startswith("2022-01-12T08:30:00") and rows[1]["retrieved"] is None

    # a re-extraction is a new run, and keeps the retrieval time from the stored record
    again = CliRunner().invoke(main, ["ingest", "--reextract", "--store", str(store), "-q"])
    assert again.exit_code == 0, again.output
    with api.open_store(store, read_only=True) as opened:
        later = opened.query(AUDIT).values()
        runs = opened.query(
            "SELECT DISTINCT ?run WHERE { ?run a <http://www.w3.org/ns/prov#Activity> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> 'sinergi ingest' }"
        ).values()
    assert len(runs) == 2 and later[0]["run"] != rows[0]["run"]
    assert later[0]["retrieved"] == rows[0]["retrieved"]
    result = CliRunner().invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
