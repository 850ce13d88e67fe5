"""The views and the analytics read one network, so they cannot disagree.

The diffusion view's adopters, their order and their parents are those of
``sinergi analyze cascades --form trees`` (the CLI, or ``api.diffusion.cascades_table``),
on the demo corpus and on the five-region graph of tests/graph/analysis/diffusion_fixture.py,
where regions adopt on the same day (ties) and one adopts by a learning statement that
names nothing (the owner rule). The learning and collaboration views draw exactly the
edges of ``api.learning_network`` / ``api.collaboration_network``, with one piece of
evidence per statement the network counts.
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
from sinergi.graph.analysis.formats import plain_code
from sinergi.graph.store import OxigraphStore
from sinergi.reference import load_themes
from sinergi.viz.views import build_view
from tests.graph.analysis.diffusion_fixture import build_fixture_store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store ``api.run_demo`` builds (closed again, so the CLI can open it)."""
    return api.run_demo(tmp_path_factory.mktemp("demo")).store


@pytest.fixture(scope="module")
def ties_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    opened = build_fixture_store(tmp_path_factory.mktemp("ties"))
    yield opened
    opened.close()


def _view_cascade(view: nx.MultiDiGraph) -> list[tuple[str, str | None, str, int]]:
    """(region, parent, date, depth) of a diffusion view, in the view's adoption order."""
    nodes = sorted(view.nodes(data=True), key=lambda item: item[1]["order"])
    assert [attrs["order"] for _n, attrs in nodes] == list(range(1, len(nodes) + 1))
    return [(n, a["parent"], a["adopted"], a["depth"]) for n, a in nodes]


def _tree_cascade(rows: list[dict[str, object]]) -> list[tuple[str, str | None, str, int]]:
    """The same tuples from ``--form trees`` rows (codes as files write them, ``ID-``)."""
    return [
        (
            plain_code(str(row["child"])),
            plain_code(str(row["parent"])) if row["parent"] else None,
            str(row["child_date"]),
            int(row["depth"]),  # type: ignore[call-overload]
        )
        for row in rows
    ]


def test_diffusion_view_equals_analyze_cascades_trees_on_the_demo(demo_store: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            "cascades",
            "--program",
            "pasar murah",
            "--form",
            "trees",
            "--store",
            str(demo_store),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = _tree_cascade(rows)
    assert [child for child, *_ in expected] == ["17.71", "36", "36.04"]  # the README's

    with api.open_store(demo_store) as store:
        view = build_view(store, "diffusion", program="pasar murah")
        assert _view_cascade(view) == expected
        assert view.graph["focus"] == ("17.71",)
        # Every cascade of the demo, theme by theme, agrees as well (ties included).
        trees = api.diffusion.cascades_table(store, form="trees")
        for theme in sorted({str(row["cascade_id"]) for row in trees}):
            rows = [row for row in trees if row["cascade_id"] == theme]
            assert _view_cascade(build_view(store, "diffusion", theme=theme)) == _tree_cascade(
                rows
            ), theme


@pytest.mark.parametrize(
    ("view_args", "table_args"),
    [
        ({"program": "pasar murah"}, {"by": "program", "programs": ["pasar murah"]}),
        ({"theme": "perdagangan"}, {"theme": "perdagangan"}),
        ({"theme": "kesehatan"}, {"theme": "kesehatan"}),
        (
            {"program": "pasar murah", "filters": api.ViewFilter(since="2022-01-20")},
            {"by": "program", "programs": ["pasar murah"], "start": "2022-01-20"},
        ),
    ],
)
def test_diffusion_view_equals_cascade_trees_with_ties(
    ties_store: OxigraphStore, view_args: dict, table_args: dict
) -> None:
    rows = api.diffusion.cascades_table(ties_store, form="trees", **table_args)
    view = build_view(ties_store, "diffusion", **view_args)

    assert _view_cascade(view) == _tree_cascade(rows)
    assert rows, "the fixture has a cascade for each case"


def test_ties_fixture_orders_a_learner_before_its_same_day_origin(
    ties_store: OxigraphStore,
) -> None:
    """Pangkalpinang (19.71) reports P1 on the day Bengkulu (17.71) learns it: the tree
    order is date then code, Bengkulu first; Pangkalpinang is the origin (the star), and
    Jambi (15.71) adopts P1 by a learning statement that names nothing (the owner rule),
    which the view used to leave out."""
    view = build_view(ties_store, "diffusion", program="pasar murah keliling")

    assert _view_cascade(view) == [
        ("17.71", "19.71", "2022-01-10", 1),
        ("19.71", None, "2022-01-10", 0),
        ("15.71", "19.71", "2022-02-01", 1),
    ]
    assert view.graph["focus"] == ("19.71",)
    assert [data["evidence"][0].date for _u, _v, data in view.in_edges("15.71", data=True)] == [
        "2022-02-01"
    ]


@pytest.mark.parametrize("which", ["demo", "ties"])
def test_learning_and_collaboration_views_draw_the_network_edges(
    which: str, request: pytest.FixtureRequest
) -> None:
    if which == "demo":
        store = api.open_store(request.getfixturevalue("demo_store"))
    else:
        store = request.getfixturevalue("ties_store")
    try:
        learning = api.learning_network(store)
        view = build_view(store, "learning")
        assert {(u, v): len(d["evidence"]) for u, v, d in view.edges(data=True)} == {
            (u, v): d["weight"] for u, v, d in learning.edges(data=True)
        }
        collaboration = api.collaboration_network(store)
        view = build_view(store, "collaboration")
        drawn = {(u, v, k): len(d["evidence"]) for u, v, k, d in view.edges(keys=True, data=True)}
        assert drawn == {
            (*sorted((u, v)), kind): count
            for u, v, d in collaboration.edges(data=True)
            for kind, count in d["by_type"].items()
        }
    finally:
        if which == "demo":
            store.close()


@pytest.mark.parametrize("which", ["demo", "ties"])
def test_a_theme_keeps_the_same_collaboration_links_in_the_view_and_the_projection(
    which: str, request: pytest.FixtureRequest
) -> None:
    """An event's themes are those of the programs its article reports, in the view's
    filter as in the projection's (`sinergi analyze ... --theme`)."""
    if which == "demo":
        store = api.open_store(request.getfixturevalue("demo_store"))
    else:
        store = request.getfixturevalue("ties_store")
    try:
        seen = 0
        for theme in sorted(load_themes()):
            projection = api.collaboration_projection(store, theme=theme)
            view = build_view(
                store, "collaboration", filters=api.ViewFilter(themes=frozenset({theme}))
            )
            expected = {
                (*sorted((u, v)), kind): count
                for u, v, d in projection.edges(data=True)
                for kind, count in d["by_type"].items()
            }
            drawn = {
                (u, v, k): len(d["evidence"]) for u, v, k, d in view.edges(keys=True, data=True)
            }
            assert drawn == expected, theme
            seen += bool(expected)
        assert seen, "some theme keeps some collaboration"
    finally:
        if which == "demo":
            store.close()
