"""NetInf against R NetworkInference 1.2.5 on the SPID ``policies`` data.

The reference is ``../shared/reference/netinf`` (its README says how it was made): 50
states, 728 policies and R's edges for three settings. sinergi must give the same edges
in the same order, with improvements and p-values equal to 1e-6 relative, through the
Python function and through ``sinergi analyze infer --cascades``. Skips without ../shared.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import main
from sinergi.graph.analysis.inference import default_lambda, netinf, read_cascades

# reference file, netinf options, the same as command-line options
SETTINGS = [
    ("netinf_exp_n100.csv", {"n_edges": 100}, ["--n-edges", "100"]),
    ("netinf_exp_p05.csv", {"p_value_cutoff": 0.05}, ["--p-value", "0.05"]),
    (
        "netinf_exp_n50_lambda05.csv",
        {"n_edges": 50, "rate": 0.5},
        ["--n-edges", "50", "--rate", "0.5"],
    ),
]
IDS = ["n_edges=100", "p_value_cutoff=0.05", "n_edges=50,lambda=0.5"]
REL = 1e-6

Edge = tuple[str, str, float, float]


@pytest.fixture(scope="module")
def reference(shared: Path) -> Path:
    folder = shared / "reference" / "netinf"
    if not (folder / "policies_cascades.csv").is_file():
        pytest.skip("../shared/reference/netinf is absent")
    return folder


def edges(text: str) -> list[Edge]:
    return [
        (r["origin_node"], r["destination_node"], float(r["improvement"]), float(r["p_value"]))
        for r in csv.DictReader(io.StringIO(text))
    ]


def assert_same(got: list[Edge], expected: list[Edge]) -> None:
    """Same edges in the same order; improvements and p-values within 1e-6 relative."""
    assert [e[:2] for e in got] == [e[:2] for e in expected]
    for (u, v, improvement, p_value), (_, _, r_improvement, r_p_value) in zip(
        got, expected, strict=True
    ):
        assert improvement == pytest.approx(r_improvement, rel=REL, abs=0), (u, v)
        assert p_value == pytest.approx(r_p_value, rel=REL, abs=0), (u, v)


def test_rate_is_the_one_r_estimates(reference: Path) -> None:
    cascades, nodes = read_cascades(reference / "policies_cascades.csv")

    assert (len(cascades), len(nodes)) == (728, 50)
    assert sum(map(len, cascades.values())) == 17835
    assert default_lambda(cascades) == pytest.approx(0.577955, abs=5e-7)


@pytest.mark.parametrize(("name", "options", "_args"), SETTINGS, ids=IDS)
def test_function_reproduces_r(
    reference: Path, name: str, options: dict[str, float], _args: list[str]
) -> None:
    cascades, nodes = read_cascades(reference / "policies_cascades.csv")
    rows = netinf(cascades, node_order=nodes, **options)  # type: ignore[arg-type]

    got = [
        (str(r["origin_node"]), str(r["destination_node"]), r["improvement"], r["p_value"])
        for r in rows
    ]
    assert_same(got, edges((reference / name).read_text(encoding="utf-8")))  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "_options", "args"), SETTINGS, ids=IDS)
def test_command_reproduces_r(
    reference: Path, name: str, _options: dict[str, float], args: list[str]
) -> None:
    result = CliRunner().invoke(
        main,
        ["analyze", "infer", "--cascades", str(reference / "policies_cascades.csv"), *args],
    )

    assert result.exit_code == 0, result.output
    assert_same(edges(result.stdout), edges((reference / name).read_text(encoding="utf-8")))
    assert "from 728 cascades (17835 adoptions, 2450 possible edges" in result.stderr


def test_own_cascades_keep_their_node_names(tmp_path: Path) -> None:
    """A researcher's node names (here numbers, as R users often have) come back as they
    were given, not re-spelled as region codes."""
    rows = ["node_name,event_time,cascade_id"]
    for cascade, order in enumerate([("10", "20", "30"), ("10", "30"), ("20", "30"), ("10", "20")]):
        rows += [f"{node},{time},c{cascade}" for time, node in enumerate(order, start=1)]
    cascades = tmp_path / "own.csv"
    cascades.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["analyze", "infer", "--cascades", str(cascades), "--n-edges", "2"]
    )
    assert result.exit_code == 0, result.output
    names = {
        row[key]
        for row in csv.DictReader(io.StringIO(result.stdout))
        for key in ("origin_node", "destination_node")
    }
    assert names and names <= {"10", "20", "30"}, names
