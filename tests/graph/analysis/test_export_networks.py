"""`sinergi export --format graphml|gexf|edgelist --network ...`: the network formats the
first-wave issue promised on `export`, written by the very code `sinergi analyze
export-network` runs (so the two files are identical), beside the RDF formats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from sinergi import api
from sinergi.cli import main
from tests.graph.analysis.test_diffusion_cli import ARTICLES


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("export-networks")
    folder = root / "articles"
    folder.mkdir()
    for doc, text in ARTICLES.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    with api.open_store(root / "store") as store:
        assert api.ingest([folder], store).added == len(ARTICLES)
    yield root / "store"


def run(store_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--store", str(store_dir)])


@pytest.mark.parametrize("network", ["learning", "collaboration", "adoption"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "edgelist"])
def test_export_writes_what_analyze_export_network_writes(
    store_dir: Path, tmp_path: Path, fmt: str, network: str
) -> None:
    ours, theirs = tmp_path / f"export.{fmt}", tmp_path / f"analyze.{fmt}"

    result = run(store_dir, "export", "--format", fmt, "--network", network, "--out", str(ours))
    reference = run(
        store_dir, "analyze", "export-network", "--network", network, "--format", fmt,
        "--out", str(theirs),
    )  # fmt: skip

    assert (result.exit_code, reference.exit_code) == (0, 0), result.output + reference.output
    assert result.stdout == ""
    assert result.stderr.replace(str(ours), "X") == reference.stderr.replace(str(theirs), "X")
    assert f"wrote {network} network (" in result.stderr
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_exported_network_opens_in_networkx(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "learning.graphml"
    assert run(store_dir, "export", "--format", "graphml", "--network", "learning",
               "--out", str(out)).exit_code == 0  # fmt: skip
    graph = nx.read_graphml(out)
    assert ("ID-19.71", "ID-15.71") in graph.edges  # Jambi learned from Pangkalpinang


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "graphml", "--out", "x.graphml"], "give --network"),
        (["--format", "edgelist", "--network", "learning"], "give --out FILE"),
        (["--format", "nquads", "--network", "learning"], "--network applies to the network"),
        (["--network", "adoption"], "not to --format nquads"),
        (["--format", "gexf", "--network", "trade", "--out", "x.gexf"], "'trade' is not one of"),
        (["--format", "pajek", "--out", "x.net"], "'pajek' is not one of"),
    ],
)
def test_network_options_misused_is_a_usage_error(
    store_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["export", *args, "--store", str(store_dir)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_rdf_formats_are_unchanged(store_dir: Path) -> None:
    result = run(store_dir, "export", "--format", "nquads")
    assert result.exit_code == 0
    assert " as nquads to <stdout>" in result.stderr
    assert result.stdout.count("\n") > 100


def test_help_documents_the_network_formats() -> None:
    text = CliRunner().invoke(main, ["export", "--help"]).stdout
    for word in ("graphml", "gexf", "edgelist", "--network", "learning", "collaboration",
                 "adoption", "nquads", "turtle", "jsonld"):  # fmt: skip
        assert word in text
