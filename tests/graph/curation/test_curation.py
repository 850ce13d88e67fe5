"""The curation layer through `sinergi review`, `curate`, `explain`, `status` and the API.

On the demo corpus: a reviewer rejects one learning edge (Kabupaten Serang learning from
Provinsi Banten), moves another with a corrected region code, and sends back rows that
cannot apply. The rejection holds in every answer (library query, projection, cascades,
NetInf, the learning view, the network export), survives `ingest --reextract` and a
changed article, and is undone by `curate --undo`.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sinergi import api
from sinergi.cli import EXIT_SKIPPED, main
from sinergi.viz import assert_self_contained
from sinergi.viz.views import build_view

SERANG, BANTEN, BENGKULU = "36.04", "36", "17.71"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fresh demo store and a copy of the demo articles (the tests change one)."""
    articles = tmp_path / "articles"
    shutil.copytree(api.demo_corpus(), articles, ignore=shutil.ignore_patterns("README.md"))
    store = tmp_path / "store"
    assert run("ingest", str(articles), "--store", str(store), "-q").exit_code == 0
    yield store, articles


def sheet_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_sheet(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def learning_pairs(store: Path) -> set[tuple[str, str]]:
    with api.open_store(store, read_only=True) as opened:
        return set(api.learning_projection(opened).edges())


def find(rows: list[dict[str, str]], kind: str, parties: str) -> dict[str, str]:
    return next(r for r in rows if r["type"] == kind and r["parties"] == parties)


def test_review_sheet_lists_statements_lowest_confidence_first(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    store, _ = demo
    out, page = tmp_path / "review.csv", tmp_path / "review.html"
    result = run("review", "--store", str(store), "--out", str(out), "--html", str(page))
    assert result.exit_code == 0, result.output
    rows = sheet_rows(out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # opens as UTF-8 in spreadsheets
    assert {"statement", "sentence", "decision", "fix_parties", "reason"} <= set(rows[0])
    assert {r["type"] for r in rows} == {"learning", "visit", "agreement", "forum", "program"}
    confidences = [float(r["confidence"]) for r in rows]
    assert confidences == sorted(confidences)
    assert all(r["status"] == "unreviewed" and r["sentence"] and r["doc"] for r in rows)
    text = page.read_text(encoding="utf-8")
    assert "<table>" in text and rows[0]["sentence"].split()[0] in text
    assert_self_contained(text)  # an offline page: nothing fetched until a link is clicked

    only = tmp_path / "learning.csv"
    assert run("review", "--store", str(store), "--type", "learning", "--province", "36",
               "--out", str(only)).exit_code == 0
    learning = sheet_rows(only)
    assert learning and all(r["type"] == "learning" and "=36" in r["parties"] for r in learning)


def test_a_sheet_with_good_and_bad_rows(demo: tuple[Path, Path], tmp_path: Path) -> None:
    store, articles = demo
    out = tmp_path / "review.csv"
    assert run("review", "--store", str(store), "--out", str(out)).exit_code == 0
    rows = sheet_rows(out)
    rejected = find(rows, "learning", f"source={BANTEN}; learner={SERANG}")
    rejected.update(decision="reject", reason="the article says Serang learned it from Bengkulu")
    moved = find(rows, "learning", f"source={BENGKULU}; learner={BANTEN}")
    moved.update(decision="fix", fix_parties=f"source=17; learner={BANTEN}",
                 reason="the province, not the city, is the source")
    accepted = next(r for r in rows if r["type"] == "visit")
    accepted.update(decision="accept")
    bad_code = next(r for r in rows if r["type"] == "agreement")
    bad_code.update(decision="fix", fix_parties="host=99.99; guest=17.71")
    edited = next(r for r in rows if r["type"] == "forum")
    edited.update(decision="reject", parties=edited["parties"] + "; guest=32.73")
    gone = dict(rows[-1], statement="https://w3id.org/sinergi/id/learning/nope/0", decision="reject")
    write_sheet(out, [*rows, gone])

    before = learning_pairs(store)
    assert (BANTEN, SERANG) in before and (BENGKULU, BANTEN) in before
    result = run("curate", str(out), "--curator", "Peneliti Uji", "--store", str(store))
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert "3 decisions recorded" in result.stdout
    assert "'99.99' is not a Kemendagri region code" in result.stderr
    assert "evidence column parties was edited" in result.stderr
    assert "no longer in the graph" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 3

    after = learning_pairs(store)
    assert (BANTEN, SERANG) not in after  # rejected
    assert (BENGKULU, BANTEN) not in after and ("17", BANTEN) in after  # moved by the fix

    # every answer honours the decisions; curation=all still shows everything
    with api.open_store(store, read_only=True) as opened:
        learned = {(r["source"], r["learner"]) for r in _codes(api.run_query(opened, "learning"))}
        everything = {
            (r["source"], r["learner"])
            for r in _codes(api.run_query(opened, "learning", {"curation": "all"}))
        }
        view = build_view(opened, "learning")
        statuses = {s.iri: s.status for s in api.read_statements(opened)}
    assert (BANTEN, SERANG) not in learned and (BANTEN, SERANG) in everything
    assert (BANTEN, SERANG) not in set(view.edges())
    assert statuses[rejected["statement"]] == "rejected"
    assert statuses[moved["statement"]] == "corrected"
    assert statuses[accepted["statement"]] == "accepted"
    assert sum(status == "correction" for status in statuses.values()) == 1

    trees = run("analyze", "cascades", "--form", "trees", "--program", "pasar murah",
                "--store", str(store))
    assert trees.exit_code == 0, trees.output
    parents = {(r["parent"], r["child"]) for r in csv.DictReader(io.StringIO(trees.stdout))}
    assert (f"ID-{BANTEN}", f"ID-{SERANG}") not in parents

    network = tmp_path / "learning.txt"
    exported = run("export", "--format", "edgelist", "--network", "learning", "--out",
                   str(network), "--store", str(store))
    assert exported.exit_code == 0, exported.output
    edges = {tuple(line.split()[:2]) for line in network.read_text().splitlines()}
    assert (f"ID-{BANTEN}", f"ID-{SERANG}") not in edges and ("ID-17", f"ID-{BANTEN}") in edges

    infer = run("analyze", "infer", "--n-edges", "3", "--store", str(store))
    assert infer.exit_code == 0, infer.output
    observed = len(after)
    assert f"among the {observed} observed learning ties" in infer.stderr

    # applying the same sheet again records nothing new
    again = run("curate", str(out), "--curator", "Peneliti Uji", "--store", str(store))
    assert "0 decisions recorded, 3 already in force" in again.stdout

    # the decisions survive a re-extraction and a changed article
    assert run("ingest", "--reextract", "--store", str(store), "-q").exit_code == 0
    assert (BANTEN, SERANG) not in learning_pairs(store)
    doc = rejected["doc"]
    path = articles / f"{doc}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nKegiatan ditutup dengan makan siang.\n",
                    encoding="utf-8")
    changed = run("ingest", str(articles), "--store", str(store))
    assert "1 replaced" in changed.stdout, changed.output
    assert (BANTEN, SERANG) not in learning_pairs(store)
    assert ("17", BANTEN) in learning_pairs(store)

    # status counts, and the decisions listed and undone
    status = run("status", "--format", "json", "--store", str(store))
    counts = {row["type"]: row for row in json.loads(status.stdout)["statements"]}
    assert counts["learning"]["rejected"] == 1 and counts["learning"]["corrected"] == 1
    assert counts["learning"]["correction"] == 1 and counts["visit"]["accepted"] == 1
    listing = run("curate", "--list", "--store", str(store)).stdout.splitlines()
    assert len(listing) == 3 and all("in force" in line for line in listing)
    reject_id = next(line.split("\t")[0] for line in listing if "\treject" in line)
    undone = run("curate", "--undo", reject_id, "--curator", "Peneliti Uji", "--reason",
                 "checked again", "--store", str(store))
    assert undone.exit_code == 0, undone.output
    assert (BANTEN, SERANG) in learning_pairs(store)
    listing = run("curate", "--list", "--store", str(store)).stdout
    assert "superseded" in listing and "\tundo" in listing


def test_validate_checks_the_curation_graph(demo: tuple[Path, Path], tmp_path: Path) -> None:
    store, _ = demo
    out = tmp_path / "review.csv"
    run("review", "--store", str(store), "--type", "learning", "--out", str(out))
    rows = sheet_rows(out)
    rows[0].update(decision="reject", reason="not a learning")
    write_sheet(out, rows)
    assert run("curate", str(out), "--curator", "Peneliti Uji", "--store", str(store)).exit_code == 0
    result = run("validate", "--store", str(store))
    assert result.exit_code == 0, result.output
    with api.open_store(store) as opened:  # a decision without its curator breaks the shapes
        opened.update(
            "DELETE WHERE { GRAPH ?g { ?d <http://www.w3.org/ns/prov#wasAssociatedWith> ?who } }"
        )
    broken = run("validate", "--store", str(store))
    assert broken.exit_code == 1 and "curator" in broken.output


def test_explain_prints_the_evidence_of_a_pair(demo: tuple[Path, Path]) -> None:
    store, _ = demo
    result = run("explain", BENGKULU, BANTEN, "--type", "learning", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "learning source Kota Bengkulu; learner Banten" in result.stdout
    assert "status unreviewed" in result.stdout and "sentence " in result.stdout
    assert f"learner {BANTEN} Banten: \"Banten\"" in result.stdout  # the text it was read from
    data = json.loads(run("explain", f"ID-{BENGKULU}", BANTEN, "--format", "json",
                          "--store", str(store)).stdout)
    assert data and all({BENGKULU, BANTEN} <= {p["code"] for p in d["parties"]} for d in data)
    first = data[0]
    assert first["article"]["doc"] and first["sentence"]["text"]
    assert first["sentence"]["start"] < first["sentence"]["end"]
    with api.open_store(store, read_only=True) as opened:
        same = api.explain_pair(opened, BENGKULU, BANTEN)
    assert [e.statement.iri for e in same] == [d["statement"] for d in data]
    query = run("query", "explain", "--param", f"a={BENGKULU}", "--param", f"b={BANTEN}",
                "--format", "json", "--store", str(store))
    assert query.exit_code == 0, query.output
    library = json.loads(query.stdout)
    assert {row["statement"] for row in library} == {d["statement"] for d in data}
    assert all(row["sentence"] and row["sentence_start"] is not None for row in library)
    refused = run("explain", "99.99", BANTEN, "--store", str(store))
    assert refused.exit_code == 1 and "not a Kemendagri region code" in refused.output


def _codes(result: api.QueryResult) -> list[dict[str, str]]:
    rows = []
    for row in result.values():
        source = row.get("source_code") or row.get("source")
        learner = row.get("learner_code") or row.get("learner")
        rows.append({"source": str(source).rsplit("/", 1)[-1], "learner": str(learner).rsplit("/", 1)[-1]})
    return rows
