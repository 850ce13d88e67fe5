"""The analytics registry: each analytic is one module whose spec the CLI, API and docs read.

A module with an ``ANALYTIC`` put on the analysis package's path (here a toy written in a
temporary folder) becomes `sinergi analyze NAME` and `api.analyze(store, NAME)` with no
other change; docs/analytics.md is the page the registry generates.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi import api
from sinergi.cli import main
from sinergi.cli.analyze import analyze as analyze_group
from sinergi.errors import SinergiError
from sinergi.graph.analysis import diffusion
from sinergi.graph.store import OxigraphStore
from tests.conftest import REPO
from tests.graph.analysis.diffusion_fixture import build_fixture_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    built = build_fixture_store(tmp_path_factory.mktemp("registry"))
    yield built
    built.close()


def test_the_registry_holds_every_analytic() -> None:
    names = list(api.analytics())
    assert names == ["cascades", "paths", "infer", "leaders", "panel", "lags"]
    assert set(names) <= set(analyze_group.commands)


def test_docs_are_the_generated_page() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_analytics_doc", REPO / "scripts" / "build_analytics_doc.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (REPO / "docs" / "analytics.md").read_text(encoding="utf-8")
    assert page == module.render(), "run python scripts/build_analytics_doc.py"
    for name in api.analytics():
        assert f"## {name}\n" in page


def test_api_analyze_is_the_recipe(store: OxigraphStore) -> None:
    assert api.analyze(store, "leaders", theme="perdagangan") == diffusion.leaders_table(
        store, theme="perdagangan"
    )
    trees = api.analyze(store, "cascades", form="trees", by="program", programs=["pasar murah"])
    assert trees == diffusion.cascades_table(
        store, form="trees", by="program", programs=["pasar murah"]
    )
    assert trees, "the fixture has a pasar murah cascade"


def test_api_analyze_refuses_what_the_analytic_does_not_take(store: OxigraphStore) -> None:
    with pytest.raises(SinergiError, match="analytic leaders takes no `form`"):
        api.analyze(store, "leaders", form="wide")
    with pytest.raises(SinergiError, match="unknown analytic 'ranking'"):
        api.analyze(store, "ranking")


def test_cli_table_is_the_api_table(store: OxigraphStore) -> None:
    rows = api.analyze(store, "lags", by="theme")
    result = CliRunner().invoke(main, ["analyze", "lags", "--store", str(store.path)])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == len(rows) > 0
    assert list(table[0]) == list(api.analytics()["lags"].columns["lags"])


TOY_MODULE = '''
from sinergi.graph.analysis.projections import learning_projection
from sinergi.graph.analysis.spec import Analytic, Parameter


def degree_table(store, *, top=3, **filters):
    graph = learning_projection(store, **filters)
    ranked = sorted(graph.out_degree(), key=lambda item: (-item[1], item[0]))
    return [{"region": code, "teaches": degree} for code, degree in ranked[:top]]


ANALYTIC = Analytic(
    name="teachers",
    summary="The regions most learned from.",
    description="Out-degree in the learning network.",
    run=degree_table,
    columns={"teachers": ("region", "teaches")},
    parameters=(Parameter("top", "How many regions.", type=int, default=3),),
)
'''


def test_a_new_analytic_module_is_picked_up(store: OxigraphStore, tmp_path: Path) -> None:
    """The toy module, on the package path, is a command and an API call at once."""
    (tmp_path / "teachers.py").write_text(textwrap.dedent(TOY_MODULE), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sinergi.graph.analysis as package
        package.__path__.append({str(tmp_path)!r})
        from sinergi import api
        from sinergi.cli import main
        store = api.open_store({str(store.path)!r}, read_only=True)
        print("api", api.analyze(store, "teachers", top=1))
        store.close()
        main(["analyze", "teachers", "--top", "2", "--store", {str(store.path)!r}])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("api [{'region': ")
    assert lines[1] == "region,teaches"
    assert len(lines) == 4 and lines[2].startswith("ID-")
