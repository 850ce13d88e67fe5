"""Region codes survive R and pandas: every CSV and JSON output, read back with defaults.

R ``read.csv`` (``type.convert``), ``pd.read_csv`` and ``pd.read_json`` turn any value
that parses as a number into one, so "35.20" would come back as 35.2 and "17" as 17.
sinergi writes codes as ``ID-<code>`` in every file (:mod:`sinergi.graph.analysis.formats`). Each
output is written here through the public command line on the five-region fixture store
and read back twice: with a pure-Python emulation of ``read.csv``'s conversion rule
(always) and with pandas itself (when it is installed; it is not a sinergi dependency).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from sinergi.cli import main
from sinergi.graph.analysis.formats import code_fields, file_code, plain_code, tag_codes
from sinergi.reference import load_regions
from tests.graph.analysis.diffusion_fixture import build_fixture_store

# What R's type.convert reads as logical or as a number (R_strtod: decimal, exponent,
# hexadecimal, Inf, NaN); "NA" is read.csv's default na.strings.
_R_LOGICAL = {"T", "F", "TRUE", "FALSE", "true", "false", "True", "False"}
_R_NUMBER = re.compile(
    r"\s*[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|0[xX][0-9a-fA-F]+|Inf|inf|NaN)\s*"
)


def r_read_csv(text: str) -> list[dict[str, object]]:
    """What ``read.csv(file)`` gives, column by column: logical, double or character.

    A column becomes numeric when every value that is not empty or "NA" parses as a
    number; then "" and "NA" are NA (None here). Character columns keep their text.
    """
    raw = list(csv.DictReader(io.StringIO(text)))
    if not raw:
        return []
    columns: dict[str, list[object]] = {}
    for name in raw[0]:
        values = [row[name] for row in raw]
        present = [v for v in values if v not in ("", "NA")]
        if not present:
            columns[name] = [None] * len(values)
        elif all(v in _R_LOGICAL for v in present):
            columns[name] = [None if v in ("", "NA") else v.upper().startswith("T") for v in values]
        elif all(_R_NUMBER.fullmatch(v) for v in present):
            columns[name] = [None if v in ("", "NA") else _r_number(v) for v in values]
        else:
            columns[name] = [None if v == "NA" else v for v in values]
    return [{name: columns[name][i] for name in columns} for i in range(len(raw))]


def _r_number(value: str) -> float:
    value = value.strip()
    return float(int(value, 16)) if "x" in value.lower() else float(value)


def json_like_pandas(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """What ``pd.read_json`` (``dtype=True``) does to string columns: a column whose every
    value is a string that ``float`` parses becomes numbers."""
    converted = [dict(row) for row in rows]
    for name in {key for row in rows for key in row}:
        values = [row.get(name) for row in rows if row.get(name) is not None]
        if values and all(isinstance(v, str) and _parses(v) for v in values):
            for row in converted:
                if isinstance(row.get(name), str):
                    row[name] = float(row[name])  # type: ignore[arg-type]
    return converted


def _parses(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("roundtrip")
    build_fixture_store(root).close()
    yield root / "store"


def run(store: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--store", str(store)])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def assert_file_codes(values: list[object]) -> None:
    """Every value is empty or ``ID-`` codes of the gazetteer (one, or ``a > b`` paths)."""
    for value in values:
        if value in (None, ""):
            continue
        assert isinstance(value, str), value
        for token in re.split(r"\s*[>;]\s*", value):
            assert token.startswith("ID-") and plain_code(token) in load_regions(), value


TABLES = [
    (["analyze", "cascades"], ["node_name", "parent"]),
    (["analyze", "cascades", "--time", "iso"], ["node_name", "parent"]),
    (["analyze", "cascades", "--form", "wide"], ["node_name"]),
    (["analyze", "cascades", "--form", "trees"], ["child", "parent"]),
    (["analyze", "paths", "--from", "19.71"], ["origin", "target", "path"]),
    (["analyze", "infer", "--n-edges", "3"], ["origin_node", "destination_node"]),
    (["analyze", "leaders"], ["region"]),
    (["analyze", "panel"], ["region", "province"]),
    (["analyze", "lags"], ["origin", "destination"]),
    (["query", "learning", "--format", "csv"], ["learner_code", "source_code"]),
    (["query", "partners", "--param", "region=36", "--format", "csv"], ["partner_code"]),
    (["query", "regions-never-mentioned", "--format", "csv"], ["code"]),
]


@pytest.mark.parametrize(("args", "columns"), TABLES, ids=lambda a: " ".join(a))
def test_csv_codes_read_back_unchanged_by_r_read_csv(
    store: Path, args: list[str], columns: list[str]
) -> None:
    text = run(store, *args)
    raw = list(csv.DictReader(io.StringIO(text)))
    read = r_read_csv(text)

    assert raw, "the fixture should give rows"
    for name in columns:
        written = [row[name] for row in raw]
        assert_file_codes(written)
        assert [row[name] for row in read] == [None if v == "NA" else v for v in written]
    # the rule touches codes only: other numeric columns still read as numbers
    if "event_time" in raw[0] and "--time" not in args:
        assert all(isinstance(row["event_time"], float) for row in read)


@pytest.mark.parametrize(("args", "columns"), TABLES, ids=lambda a: " ".join(a))
def test_csv_codes_read_back_unchanged_by_pandas(
    store: Path, args: list[str], columns: list[str]
) -> None:
    pd = pytest.importorskip("pandas")
    text = run(store, *args)
    raw = list(csv.DictReader(io.StringIO(text)))
    frame = pd.read_csv(io.StringIO(text))

    for name in columns:
        back = ["" if pd.isna(v) else v for v in frame[name].tolist()]
        assert back == [row[name] for row in raw]


@pytest.mark.parametrize(
    "args",
    [
        ["query", "learning-network", "--format", "json"],
        ["query", "partners", "--param", "region=36", "--format", "json"],
        ["query", "regions-never-mentioned", "--format", "json"],
    ],
    ids=lambda a: a[1],
)
def test_json_codes_read_back_unchanged(store: Path, args: list[str]) -> None:
    text = run(store, *args)
    rows = json.loads(text)
    names = [name for name in rows[0] if name.endswith("code")]

    assert names
    for name in names:
        assert_file_codes([row[name] for row in rows])
        assert [row[name] for row in json_like_pandas(rows)] == [row[name] for row in rows]
    pd = pytest.importorskip("pandas")
    frame = pd.read_json(io.StringIO(text))
    for name in names:
        assert frame[name].tolist() == [row[name] for row in rows]


def test_plain_codes_would_not_survive() -> None:
    """The emulations do convert what the rule avoids (so the tests above mean something)."""
    read = r_read_csv("node_name,parent\n35.20,17\n")
    assert read == [{"node_name": 35.2, "parent": 17.0}]
    assert json_like_pandas([{"code": "17.71"}]) == [{"code": 17.71}]


def test_custom_query_columns_are_found_by_their_values(store: Path, tmp_path: Path) -> None:
    query = tmp_path / "notations.rq"
    query.write_text(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX sg: <https://w3id.org/sinergi/ns#>\n"
        "SELECT ?r ?region WHERE { ?region a sg:Region ; skos:notation ?r } "
        "ORDER BY ?r LIMIT 3\n",
        encoding="utf-8",
    )
    rows = json.loads(run(store, "query", str(query), "--format", "json"))

    assert [row["r"] for row in rows] == ["ID-11", "ID-11.01", "ID-11.02"]
    # a code-named column holding IRIs is left alone: only whole code tokens are tagged
    assert rows[0]["region"] == "https://w3id.org/sinergi/id/region/11"


def test_netinf_node_names_match_the_cascades(store: Path, tmp_path: Path) -> None:
    cascades = r_read_csv(run(store, "analyze", "cascades"))
    trees = tmp_path / "trees.csv"
    ties = r_read_csv(run(store, "analyze", "infer", "--n-edges", "3", "--trees-out", str(trees)))
    nodes = {row["node_name"] for row in cascades}

    assert ties
    assert {row["origin_node"] for row in ties} | {row["destination_node"] for row in ties} <= nodes
    tree_rows = r_read_csv(trees.read_text(encoding="utf-8"))
    assert {row["child"] for row in tree_rows} <= nodes


def test_commands_take_codes_in_both_forms(store: Path) -> None:
    assert run(store, "analyze", "paths", "--from", "ID-19.71") == run(
        store, "analyze", "paths", "--from", "19.71"
    )
    by_file_form = run(store, "analyze", "leaders", "--province", "ID-36")
    assert by_file_form == run(store, "analyze", "leaders", "--province", "36")
    assert "ID-36.04" in by_file_form


@pytest.mark.parametrize("network", ["learning", "collaboration", "adoption"])
def test_edge_list_reads_in_networkx_and_igraph_ncol(
    store: Path, tmp_path: Path, network: str
) -> None:
    edgelist, graphml = tmp_path / f"{network}.txt", tmp_path / f"{network}.graphml"
    run(store, "analyze", "export-network", "--network", network, "--format", "edgelist",
        "--out", str(edgelist))  # fmt: skip
    run(store, "analyze", "export-network", "--network", network, "--out", str(graphml))
    lines = edgelist.read_text(encoding="utf-8").splitlines()
    full = nx.read_graphml(graphml, force_multigraph=network == "adoption")

    # igraph Read_Ncol: "name1 name2" per line, no header
    assert lines and all(len(line.split()) == 2 for line in lines)
    back = nx.read_edgelist(edgelist, create_using=full.__class__)
    assert sorted(back.edges()) == sorted(full.edges())
    assert_file_codes(list(back.nodes))


def test_graphml_carries_names_for_r_igraph(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "learning.graphml"
    run(store, "analyze", "export-network", "--network", "learning", "--out", str(path))

    # R igraph takes vertex names from the node attribute called "name"
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    key = next(
        k.get("id")
        for k in root.iterfind("g:key", ns)
        if k.get("for") == "node" and k.get("attr.name") == "name"
    )
    names = {
        node.get("id"): node.findtext(f"g:data[@key='{key}']", namespaces=ns)
        for node in root.iterfind("g:graph/g:node", ns)
    }
    assert names and all(name == node for node, name in names.items())
    assert_file_codes(list(names.values()))
    graph = nx.read_graphml(path)
    assert graph.nodes["ID-17.71"]["label"] == "Kota Bengkulu"
    assert graph.nodes["ID-36.04"]["province"] == "ID-36"
    assert graph.edges["ID-19.71", "ID-17.71"]["dates"]


def test_file_form_helpers() -> None:
    assert file_code("35.20") == file_code("ID-35.20") == "ID-35.20"
    assert plain_code("ID-35.20") == "35.20"
    rows = [{"x": "17", "n": 17, "when": "2022-03-01", "path": "ID-17 > 36"}]
    assert code_fields(["x", "n", "when", "path"], rows) == {"x", "path"}
    assert tag_codes(rows) == [
        {"x": "ID-17", "n": 17, "when": "2022-03-01", "path": "ID-17 > ID-36"}
    ]
    # a numeric-looking string that is no region code is not a code column by its values
    assert tag_codes([{"month": "05"}]) == [{"month": "05"}]


def test_query_parameter_takes_a_code_as_files_write_it(store: Path) -> None:
    """A code copied from a sinergi CSV ("ID-17.71") binds like the plain one."""
    plain = run(store, "query", "learning", "--param", "source=17.71", "--format", "csv")
    tagged = run(store, "query", "learning", "--param", "source=ID-17.71", "--format", "csv")
    assert plain == tagged
    assert "ID-" in plain, "the fixture should give learning from 17.71"
