"""The command line, driven in-process through click's runner on texts written for the tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import EXIT_SKIPPED, main

VISIT = """Pemkot Bengkulu Studi Banding ke Pangkalpinang

PANGKALPINANG - Pemerintah Kota (Pemkot) Pangkalpinang menerima kunjungan kerja Pemkot Bengkulu, Kamis (24/2/2022).

Rombongan Wali Kota Bengkulu Helmi Hasan datang untuk belajar tata kelola investasi dari Kota Pangkalpinang.
"""

MOU = """Banten dan Bengkulu Teken MoU

SERANG - Gubernur Banten Andra Soni dan Gubernur Bengkulu Helmi Hasan menandatangani nota kesepahaman, Jumat (24/10/2025).

Pemprov Banten dan Pemprov Bengkulu sepakat saling bertukar program unggulan, termasuk pasar murah di masjid.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "visit.txt").write_text(VISIT, encoding="utf-8")
    (folder / "mou.txt").write_text(MOU, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_the_annotation_contract(corpus: Path) -> None:
    code, out, _ = run("extract", str(corpus / "visit.txt"), "--format", "json")
    assert code == 0
    record = json.loads(out.splitlines()[0])
    assert record["doc"] == "visit"
    assert {"regions", "officials", "events", "learning", "programs"} <= set(record)
    assert {"code": "17.71", "name": "Kota Bengkulu"}.items() <= record["regions"][
        -1
    ].items() or any(r["code"] == "17.71" for r in record["regions"])
    assert {"learner": "17.71", "source": "19.71"} in [
        {"learner": e["learner"], "source": e["source"]} for e in record["learning"]
    ]
    event = record["events"][0]
    assert (event["type"], event["hosts"], event["guests"], event["date"]) == (
        "visit",
        ["19.71"],
        ["17.71"],
        "2022-02-24",
    )


def test_extract_names_bad_records_and_exits_3(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "a", "text": VISIT}),
        "{not json",
        json.dumps({"doc": "b", "text": MOU}),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("extract", str(path))
    assert code == EXIT_SKIPPED
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["a", "b"]
    assert f"{path}:2" in err and "invalid JSON" in err
    assert "Traceback" not in err


def test_ingest_query_viz_round_trip(corpus: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    code, out, _ = run("ingest", str(corpus), "--store", store)
    assert code == 0, out
    assert "read 2 articles: 2 added" in out

    code, out, _ = run("ingest", str(corpus), "--store", store)
    assert "0 added, 0 replaced, 2 unchanged" in out

    code, out, _ = run("query", "learning", "--store", store, "--format", "csv")
    assert code == 0
    # codes in csv and json are ID-<code>, which R and pandas cannot read as numbers
    assert "ID-17.71,Kota Bengkulu,ID-19.71,Kota Pangkal Pinang,1,2022-02-24,2022-02-24" in out

    code, out, _ = run(
        "query", "partners", "--param", "region=36", "--store", store, "--format", "json"
    )
    partners = json.loads(out)
    assert [(p["partner_code"], p["kinds"]) for p in partners] == [("ID-17", "agreement")]

    html = tmp_path / "view.html"
    code, out, _ = run("viz", "--view", "learning", "--out", str(html), "--store", store)
    assert code == 0 and html.is_file()
    page = html.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?://", page)
    assert "Kota Pangkal Pinang" in page


def test_store_defaults_to_environment_variable(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SINERGI_STORE", str(tmp_path / "env-store"))
    code, _, _ = run("ingest", str(corpus), "--quiet")
    assert code == 0
    assert (tmp_path / "env-store").is_dir()


def test_queries_lists_the_library() -> None:
    code, out, _ = run("queries")
    names = [line.split()[0] for line in out.splitlines()]
    assert code == 0
    assert {
        "learning",
        "visits-hosted",
        "programs-by-theme",
        "partners",
        "program-diffusion",
    } <= set(names)
    # The internal queries behind networks and views run by name but are not listed.
    assert not any(n.startswith(("projection-", "view-")) or n.endswith("-network") for n in names)


def test_bad_parameter_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run(
        "query", "partners", "--param", "region=99.99", "--store", str(tmp_path / "s")
    )
    assert code == 1
    assert "--param region: '99.99' is not a Kemendagri region code" in err
    assert "Traceback" not in err
    code, _, err = run("query", "partners", "--store", str(tmp_path / "s"))
    assert code == 1 and "query partners needs a value for --param region" in err


def test_library_errors_name_arguments_and_the_cli_names_its_options(tmp_path: Path) -> None:
    from sinergi.cli.support import cli_terms
    from sinergi.errors import StoreError
    from sinergi.graph.store import RemoteStore, connect

    with pytest.raises(StoreError, match="needs `endpoint`") as raised:
        RemoteStore()
    assert "--" not in str(raised.value)
    assert cli_terms(str(raised.value)) == (
        "a remote store needs --endpoint (and --update-endpoint to write)"
    )
    with pytest.raises(StoreError, match="no store at") as raised:
        connect(tmp_path / "none", read_only=True)
    assert "--" not in str(raised.value)
    code, _, err = run("query", "learning", "--store", str(tmp_path / "none"))
    assert code == 1 and "ingest something first (sinergi ingest PATHS --store DIR)" in err


def test_unknown_query_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run("query", "no-such-query", "--store", str(tmp_path / "s"))
    assert code == 1 and "unknown query" in err


def test_demo_builds_a_learning_network(tmp_path: Path) -> None:
    code, out, _ = run("demo", "--out", str(tmp_path / "demo"))
    assert code == 0, out
    edges = int(re.search(r"learning network: (\d+) edges", out).group(1))
    assert edges >= 5
    assert (tmp_path / "demo" / "learning.html").is_file()
    assert (tmp_path / "demo" / "collaboration.html").is_file()
    # The demo's diffusion chain: pasar murah di masjid from Kota Bengkulu to Banten to
    # Kabupaten Serang (sinergi/demo/README.md).
    code, out, _ = run(
        "query", "learning-network", "--store", str(tmp_path / "demo" / "store"), "--format", "json"
    )
    edges = {(row["source_code"], row["learner_code"]) for row in json.loads(out)}
    assert {("ID-17.71", "ID-36"), ("ID-36", "ID-36.04"), ("ID-19.71", "ID-17.71")} <= edges


def test_every_command_has_help() -> None:
    for command in ["extract", "ingest", "query", "queries", "viz", "demo"]:
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out
