"""`sinergi viz`: every view, its options, and clean usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import main
from tests.viz.corpus import write_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("cli-viz")
    path = str(root / "store")
    result = CliRunner().invoke(main, ["ingest", str(write_corpus(root)), "--store", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def data_of(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    match = re.search(r'id="sinergi-data">(.*?)</script>', page, re.DOTALL)
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize(
    ("args", "nodes", "edges"),
    [
        (["--view", "learning"], 9, 5),
        (["--view", "collaboration"], 12, 8),
        (["--view", "diffusion", "--program", "pasar murah"], 3, 2),
        (["--view", "diffusion", "--theme", "lingkungan-hidup"], 2, 1),
        (["--view", "ego", "--region", "33.01", "--depth", "2"], 3, 4),
        (["--view", "learning", "--start", "2021-01-01", "--end", "2023-12-31"], 3, 2),
        # --since/--until: the old names of --start/--end, hidden but still working
        (["--view", "learning", "--since", "2021-01-01", "--until", "2023-12-31"], 3, 2),
        (["--view", "learning", "--theme", "perdagangan", "--theme", "keuangan"], 5, 3),
        (["--view", "collaboration", "--type", "forum"], 3, 3),
        (["--view", "learning", "--province", "33", "--min-evidence", "2"], 2, 1),
    ],
)
def test_views_and_filters(
    store: str, tmp_path: Path, args: list[str], nodes: int, edges: int
) -> None:
    out = tmp_path / "view.html"
    code, output = run("viz", *args, "--out", str(out), "--store", store)
    assert code == 0, output
    assert output.strip() == f"wrote {out}"
    data = data_of(out)
    assert (len(data["nodes"]), len(data["edges"])) == (nodes, edges)


def test_display_options(store: str, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    code, output = run(
        "viz", "--view", "ego", "--region", "33.02", "--size", "pagerank", "--color", "island",
        "--layout", "force", "--title", "Banyumas <dan> tetangganya", "--out", str(out),
        "--store", store,
    )  # fmt: skip
    assert code == 0, output
    data = data_of(out)
    assert data["initial"] == {"layout": "force", "size": "pagerank", "colour": "island"}
    assert data["title"] == "Banyumas <dan> tetangganya"
    assert "<title>Banyumas &lt;dan&gt; tetangganya</title>" in out.read_text(encoding="utf-8")


def test_default_output_name(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("viz", "--view", "collaboration", "--store", store)
    assert code == 0 and (tmp_path / "collaboration.html").is_file(), output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "diffusion"], "needs --program TEXT or --theme SLUG"),
        (["--view", "diffusion", "--theme", "pangan", "--theme", "sosial"], "one --theme"),
        (["--view", "ego"], "needs --region CODE"),
        (["--view", "learning", "--region", "33.02"], "only apply to --view ego"),
        (["--view", "learning", "--program", "x"], "only applies to --view diffusion"),
        (["--view", "learning", "--layout", "timeline"], "only applies to --view diffusion"),
        (["--view", "nope"], "Invalid value for '--view'"),
        (["--start", "2021-01-01", "--since", "2022-01-01"], "--start or its old name --since"),
    ],
)
def test_usage_errors_exit_2(store: str, args: list[str], message: str) -> None:
    code, output = run("viz", *args, "--store", store)
    assert code == 2 and message in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "ego", "--region", "99.99"], "not a Kemendagri region code"),
        (["--view", "diffusion", "--theme", "nope"], "unknown theme"),
        (["--view", "learning", "--province", "33.02"], "not a province code"),
        (["--view", "learning", "--since", "kemarin"], "not a YYYY-MM-DD date"),
        (["--view", "learning", "--start", "kemarin"], "not a YYYY-MM-DD date"),
    ],
)
def test_bad_values_are_one_line_errors(store: str, args: list[str], message: str) -> None:
    code, output = run("viz", *args, "--store", store)
    assert code == 1 and message in output and "Traceback" not in output
