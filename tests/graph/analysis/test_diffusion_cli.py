"""`sinergi analyze ...` through click's runner on a store ingested from four short articles.

The articles are written for this test. What they report (learner <- source):

* d1 2022-03-07: Kota Jambi (15.71) studies Kota Pangkalpinang's (19.71) bank sampah
  (lingkungan-hidup);
* d2 2022-06-08: Kabupaten Tegal (33.28) studies Kota Jambi's bank sampah;
* d3 2022-09-01: Kota Padang (13.71) studies Pangkalpinang's mal pelayanan publik
  (tata-kelola);
* d4 2022-11-15: Kabupaten Tegal visits Pangkalpinang, no program named: by the owner
  rule it adopts the program Pangkalpinang was last reported for (the mal pelayanan
  publik of d3).

Day numbers: 2022-03-07 19058, 2022-06-08 19151, 2022-09-01 19236, 2022-11-15 19311.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from sinergi import api
from sinergi.cli import main
from sinergi.graph.analysis import diffusion

ARTICLES = {
    "d1": (
        "Jambi Belajar Kelola Sampah\n\n"
        "Pemerintah Kota Jambi melakukan studi banding ke Kota Pangkalpinang, Senin (7/3/2022).\n"
        "Rombongan yang dipimpin Wali Kota Jambi Syarif Fasha mempelajari program bank sampah "
        "yang dijalankan Dinas Lingkungan Hidup Kota Pangkalpinang.\n"
    ),
    "d2": (
        "Tegal Tiru Bank Sampah\n\n"
        "Pemkab Tegal melakukan kunjungan kerja ke Kota Jambi, Rabu (8/6/2022).\n"
        "Rombongan Kabupaten Tegal mempelajari program bank sampah yang dikelola Dinas "
        "Lingkungan Hidup Kota Jambi.\n"
    ),
    "d3": (
        "Padang Lihat Mal Pelayanan\n\n"
        "Pemkot Padang melakukan studi banding ke Kota Pangkalpinang, Kamis (1/9/2022).\n"
        "Rombongan Kota Padang mempelajari mal pelayanan publik yang diterapkan Pemkot "
        "Pangkalpinang untuk mempermudah perizinan.\n"
    ),
    "d4": (
        "Tegal Bertandang ke Pangkalpinang\n\n"
        "Pemkab Tegal melakukan studi banding ke Kota Pangkalpinang, Selasa (15/11/2022).\n"
        "Bupati Tegal Umi Azizah menyebut kunjungan itu menambah wawasan jajarannya.\n"
    ),
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("diffusion-cli")
    folder = root / "articles"
    folder.mkdir()
    for doc, text in ARTICLES.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    with api.open_store(root / "store") as store:
        report = api.ingest([folder], store)
    assert (report.read, report.added, report.rejected) == (4, 4, [])
    yield root / "store"


def analyze(store_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["analyze", *args, "--store", str(store_dir)])
    return result.exit_code, result.stdout, result.stderr


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_cascades_long_form_for_r(store_dir: Path) -> None:
    code, out, _ = analyze(store_dir, "cascades")

    assert code == 0
    assert out.splitlines()[0] == "node_name,event_time,cascade_id,date,name,parent,how"
    assert [
        (r["cascade_id"], r["node_name"], r["event_time"], r["parent"]) for r in table(out)
    ] == [
        ("lingkungan-hidup", "ID-15.71", "19058", "ID-19.71"),
        ("lingkungan-hidup", "ID-19.71", "19058", ""),
        ("lingkungan-hidup", "ID-33.28", "19151", "ID-15.71"),
        ("tata-kelola", "ID-13.71", "19236", "ID-19.71"),
        ("tata-kelola", "ID-19.71", "19236", ""),
        ("tata-kelola", "ID-33.28", "19311", "ID-19.71"),
    ]


def test_cascade_of_one_program_as_tree_and_wide(store_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "trees.csv"
    code, out, err = analyze(
        store_dir, "cascades", "--program", "bank sampah", "--form", "trees", "--out", str(target)
    )

    assert (code, out) == (0, "")
    assert err.strip() == f"wrote 3 rows to {target}"
    rows = table(target.read_text(encoding="utf-8"))
    assert [(r["child"], r["parent"], r["lag_days"], r["depth"]) for r in rows] == [
        ("ID-15.71", "ID-19.71", "0", "1"),
        ("ID-19.71", "", "", "0"),
        ("ID-33.28", "ID-15.71", "93", "2"),
    ]

    code, out, _ = analyze(store_dir, "cascades", "--form", "wide", "--time", "iso")
    assert out.splitlines() == [
        "node_name,lingkungan-hidup,tata-kelola",
        "ID-13.71,,2022-09-01",
        "ID-15.71,2022-03-07,",
        "ID-19.71,2022-03-07,2022-09-01",
        "ID-33.28,2022-06-08,2022-11-15",
    ]


def test_paths_from_a_region_and_from_a_program(store_dir: Path) -> None:
    code, out, _ = analyze(store_dir, "paths", "--from", "19.71")

    assert code == 0
    assert [(r["target"], r["arrival"], r["path"]) for r in table(out)] == [
        ("ID-15.71", "2022-03-07", "ID-19.71 > ID-15.71"),
        ("ID-33.28", "2022-06-08", "ID-19.71 > ID-15.71 > ID-33.28"),
        ("ID-13.71", "2022-09-01", "ID-19.71 > ID-13.71"),
    ]

    code, out, _ = analyze(store_dir, "paths", "--program", "bank sampah")
    assert [(r["origin"], r["target"], r["dates"]) for r in table(out)] == [
        ("ID-19.71", "ID-15.71", "2022-03-07"),
        ("ID-19.71", "ID-33.28", "2022-03-07 > 2022-06-08"),
    ]

    code, out, _ = analyze(store_dir, "paths", "--from", "19.71", "--start", "2022-07-01")
    assert [r["target"] for r in table(out)] == ["ID-13.71", "ID-33.28"]

    code, out, _ = analyze(store_dir, "paths", "--from", "19.71", "--network", "collaboration")
    assert code == 0 and len(table(out)) == 3


def test_infer_ties_and_compare_with_the_news(store_dir: Path, tmp_path: Path) -> None:
    trees = tmp_path / "trees.csv"
    code, out, err = analyze(store_dir, "infer", "--n-edges", "2", "--trees-out", str(trees))

    assert code == 0
    rows = table(out)
    assert list(rows[0])[:4] == ["origin_node", "destination_node", "improvement", "p_value"]
    # 19.71 adopted before 33.28 in both cascades; 15.71 and 13.71 adopted on the same
    # day as 19.71 (no edge possible from the tie), so linking them to 33.28 adds nothing
    assert [(r["origin_node"], r["destination_node"], r["observed"]) for r in rows] == [
        ("ID-19.71", "ID-33.28", "1")
    ]
    assert "1 ties inferred from 2 cascades (6 adoptions, 3 possible edges" in err
    assert "1 of them among the 4 observed learning ties" in err
    assert trees.is_file()


def test_leaders_panel_and_lags(store_dir: Path) -> None:
    code, out, _ = analyze(store_dir, "leaders")
    rows = table(out)
    assert code == 0
    first = rows[0]
    assert (first["region"], first["out_strength"], first["first_adoptions"]) == (
        "ID-19.71",
        "3",
        "2",
    )

    code, out, _ = analyze(store_dir, "panel", "--period", "month", "--theme", "lingkungan-hidup")
    rows = table(out)
    tegal = [
        (r["period"], r["at_risk"], r["adopted"], r["neighbour_exposure"])
        for r in rows
        if r["region"] == "ID-33.28"
    ]
    assert tegal == [
        ("2022-03", "1", "0", "0"),
        ("2022-04", "1", "0", "1"),
        ("2022-05", "1", "0", "1"),
        ("2022-06", "1", "1", "1"),
    ]

    code, out, _ = analyze(store_dir, "lags")
    assert [(r["origin"], r["destination"], r["lag_days"]) for r in table(out)] == [
        ("ID-19.71", "ID-15.71", "0"),
        ("ID-15.71", "ID-33.28", "93"),
        ("ID-19.71", "ID-13.71", "0"),
        ("ID-19.71", "ID-33.28", "75"),
    ]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "edgelist"])
def test_export_network(store_dir: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"adoption.{fmt}"
    code, _, err = analyze(
        store_dir, "export-network", "--network", "adoption", "--format", fmt, "--out", str(target)
    )

    assert code == 0
    assert f"as {fmt} to {target}" in err
    edges = {
        ("ID-19.71", "ID-15.71", "program"),
        ("ID-15.71", "ID-33.28", "program"),
        ("ID-19.71", "ID-13.71", "program"),
        ("ID-19.71", "ID-33.28", "owner"),
    }
    if fmt == "edgelist":
        # "source target" lines, no header, no attributes: what nx.read_edgelist reads
        graph = nx.read_edgelist(target, create_using=nx.MultiDiGraph)
        assert {(u, v) for u, v, _ in graph.edges(data=True)} == {(u, v) for u, v, _ in edges}
    else:
        graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
        assert {(u, v, basis) for u, v, basis in graph.edges(data="basis")} == edges
        assert all(data["name"] == node for node, data in graph.nodes(data=True))


def test_errors_are_one_line_and_usage_errors_exit_2(store_dir: Path) -> None:
    code, _, err = analyze(store_dir, "cascades", "--start", "7 March")
    assert code == 1 and err.startswith("Error:") and "YYYY-MM-DD" in err

    code, _, err = analyze(store_dir, "paths")
    assert code == 1 and "region codes to start from or a program" in err

    code, _, err = analyze(store_dir, "paths", "--program", "kapal selam")
    assert code == 1 and "no dated adoption" in err

    code, _, _ = analyze(store_dir, "cascades", "--by", "theme", "--program", "bank")
    assert code == 2

    code, _, _ = analyze(store_dir, "infer", "--n-edges", "1", "--p-value", "0.1")
    assert code == 2

    code, _, _ = analyze(store_dir, "export-network", "--format", "pajek", "--out", "x")
    assert code == 2


@pytest.mark.parametrize(
    ("args", "table_name"),
    [
        (["cascades"], "cascades"),
        (["cascades", "--form", "trees"], "trees"),
        (["paths", "--from", "19.71"], "paths"),
        (["paths", "--from", "13.71"], "paths"),  # reaches nobody: header only
        (["infer", "--n-edges", "1"], "infer"),
        (["infer", "--theme", "kesehatan"], "infer"),  # no cascades: header only
        (["leaders"], "leaders"),
        (["panel"], "panel"),
        (["lags"], "lags"),
    ],
)
def test_tables_have_their_documented_columns(
    store_dir: Path, args: list[str], table_name: str
) -> None:
    code, out, _ = analyze(store_dir, *args)

    assert code == 0
    assert out.splitlines()[0] == ",".join(diffusion.COLUMNS[table_name])


def test_python_api(store_dir: Path, tmp_path: Path) -> None:
    with api.open_store(store_dir) as store:
        adoption = api.adoption_network(store)
        learning = api.learning_projection(store, start="2022-06-01")
        rows = api.diffusion.adoption_cascades(adoption, "program", programs=["bank sampah"])
        written, graph = api.export_network(store, "learning", tmp_path / "l.graphml")

    assert isinstance(adoption, nx.MultiDiGraph)
    assert sorted(learning.edges) == [("15.71", "33.28"), ("19.71", "13.71"), ("19.71", "33.28")]
    assert [(r["node_name"], r["parent"]) for r in rows] == [
        ("15.71", "19.71"),
        ("19.71", ""),
        ("33.28", "15.71"),
    ]
    assert nx.read_graphml(written).number_of_edges() == graph.number_of_edges() == 4
    api.write_network(learning, tmp_path / "l.csv", "edgelist")
    # the API keeps plain codes; the file names them as every sinergi file does
    back = nx.read_edgelist(tmp_path / "l.csv", create_using=nx.DiGraph)
    assert sorted(back.edges) == [(f"ID-{u}", f"ID-{v}") for u, v in sorted(learning.edges)]
