"""The view registry: every view is one module whose spec the API, the CLI and the docs read.

A view added to the registry (here a toy one, put in for the test) is offered by
`sinergi viz --view`, checked against its own arguments and written with its own title,
with no change to the command line or the page code.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from sinergi import api
from sinergi.cli import main
from sinergi.errors import SinergiError
from sinergi.graph.store import GraphStore, OxigraphStore
from sinergi.viz import views
from sinergi.viz.views import ViewFilter, ViewSpec, learning_view
from tests.conftest import REPO
from tests.viz.corpus import build_store


def _toy(store: GraphStore, filters: ViewFilter, region: str) -> nx.MultiDiGraph:
    graph = learning_view(store, filters)
    graph.graph["view"] = "toy"
    return graph


TOY = ViewSpec(
    name="toy",
    title="Toy view for the registry test",
    summary="the learning view under another name",
    build=_toy,
    arguments=("region",),
    needs_one_of=("region",),
)


@pytest.fixture
def with_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(views.VIEWS, "toy", TOY)
    monkeypatch.setattr(views, "VIEW_NAMES", (*views.VIEW_NAMES, "toy"))


def test_every_module_with_a_spec_is_registered() -> None:
    modules = {path.stem for path in (REPO / "sinergi" / "viz" / "views").glob("*.py")}
    assert set(views.VIEWS) <= modules
    assert {"learning", "collaboration", "diffusion", "ego"} <= set(views.VIEWS)
    assert views.VIEW_NAMES[0] == "learning"  # the default of `sinergi viz --view`
    assert api.VIEWS == views.VIEW_NAMES


def test_every_view_is_documented() -> None:
    text = (REPO / "docs" / "views.md").read_text(encoding="utf-8")
    missing = [name for name in views.VIEWS if f"| `{name}" not in text]
    assert missing == []


def test_a_registered_view_goes_through_the_cli(with_toy: None, tmp_path: Path) -> None:
    built = build_store(tmp_path / "corpus")
    store = str(built.path)
    built.close()
    runner = CliRunner()
    out = tmp_path / "toy.html"
    help_text = " ".join(runner.invoke(main, ["viz", "--help"]).output.split())
    assert "toy: the learning view under another name (--region)" in help_text

    refused = runner.invoke(main, ["viz", "--view", "toy", "--store", store])
    assert refused.exit_code == 2 and "--view toy needs --region CODE" in refused.output
    wrong = runner.invoke(main, ["viz", "--view", "learning", "--region", "17.71", "--store", store])
    assert wrong.exit_code == 2
    assert "only appl" in wrong.output

    made = runner.invoke(
        main, ["viz", "--view", "toy", "--region", "17.71", "--out", str(out), "--store", store]
    )
    assert made.exit_code == 0, made.output
    assert "Toy view for the registry test" in out.read_text(encoding="utf-8")


def test_the_api_checks_the_view_arguments(with_toy: None, viz_store: OxigraphStore) -> None:
    with pytest.raises(SinergiError, match="the toy view needs a region code"):
        views.build_view(viz_store, "toy")
    with pytest.raises(SinergiError, match="the learning view takes no `program`"):
        views.build_view(viz_store, "learning", program="pasar murah")
    graph = views.build_view(viz_store, "toy", region="17.71")
    assert graph.graph["view"] == "toy"
    assert set(graph.edges()) == set(learning_view(viz_store).edges())
