"""Start-up: building the command line imports click, not the library behind the commands.

`sinergi --help` took 0.5 s, nearly all of it importing rdflib, pyoxigraph, NetworkX,
NumPy, the extractors and the views that no command had asked for yet. These tests run a
fresh interpreter and look at ``sys.modules`` afterwards, which holds whatever the machine's
speed; the wall time itself is measured by ``benchmarks/startup.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sinergi.cli import main
from tests.conftest import REPO

#: Libraries (top-level packages) and sinergi modules no command line start-up may import.
HEAVY = (
    "rdflib",
    "pyoxigraph",
    "networkx",
    "numpy",
    "scipy",
    "owlready2",
    "pyshacl",
    "trafilatura",
    "dateparser",
    "rapidfuzz",
    "charset_normalizer",
    "httpx",
    "tqdm",
    "jinja2",
    "pyvis",
    "ahocorasick",
    "sinergi.api",
    "sinergi.cli.analyze",
    "sinergi.graph",
    "sinergi.queries",
    "sinergi.loaders.extract.pipeline",
    "sinergi.viz",
)

#: What a re-ingest of unchanged articles has no use for (it reads, hashes and skips).
NOT_FOR_INGEST = (
    "sinergi.api",
    "sinergi.cli.analyze",
    "sinergi.viz",
    "sinergi.graph.store.validate",
    "sinergi.graph.analysis.diffusion",
    "sinergi.viz.views",
    "sinergi.graph.store.server",
    "networkx",
    "numpy",
    "scipy",
    "owlready2",
    "pyshacl",
    "trafilatura",
    "httpx",
    "jinja2",
)


def imported_after(code: str) -> set[str]:
    """Module names loaded after running ``code`` in a fresh interpreter."""
    script = code + "\nimport json, sys\nprint('\\n' + json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The ``names`` present in ``modules``, counting a package's submodules as the package."""
    return [n for n in names if n in modules or any(m.startswith(n + ".") for m in modules)]


def test_importing_the_command_line_imports_no_heavy_module() -> None:
    assert loaded(imported_after("import sinergi.cli"), HEAVY) == []


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["ingest", "--help"]])
def test_help_imports_no_heavy_module(args: list[str]) -> None:
    code = f"from sinergi.cli import main\nmain({args!r}, standalone_mode=False)"
    assert loaded(imported_after(code), HEAVY) == []


def test_reingest_does_not_import_the_whole_api(tmp_path: Path) -> None:
    """`sinergi ingest` imports sinergi.graph.store.ingest, not sinergi.api (views, SHACL, analytics)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Bengkulu Terima Serang\n\nPemkot Bengkulu menerima kunjungan kerja Pemkab Serang.\n",
        encoding="utf-8",
    )
    args = ["ingest", str(folder), "--store", str(tmp_path / "store"), "-q"]
    code = textwrap.dedent(
        f"""
        from sinergi.cli import main
        main({args!r}, standalone_mode=False)
        """
    )
    imported_after(code)  # the first ingest extracts and resolves
    assert loaded(imported_after(code), NOT_FOR_INGEST) == []


def test_lazy_analyze_row_matches_the_real_command() -> None:
    """`sinergi --help` lists analyze from a line kept in cli/main.py: it must stay the real one."""
    from sinergi.cli.analyze import analyze

    _, summary = main.lazy["analyze"]  # type: ignore[attr-defined]
    assert summary == (analyze.help or "").split("\n\n")[0].strip()
    listing = CliRunner().invoke(main, ["--help"]).stdout
    assert "analyze   Policy-diffusion analytics" in listing


def test_lazy_pieces_still_work() -> None:
    """The deferred command group and choice lists behave as the eager ones did."""
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", "--help"])
    assert result.exit_code == 0 and "export-network" in result.stdout
    result = runner.invoke(main, ["viz", "--view", "nowhere"])
    assert result.exit_code == 2 and "'nowhere' is not one of" in result.stderr
    assert "learning" in result.stderr
    ctx = click.Context(main)
    assert main.get_command(ctx, "analyze") is main.get_command(ctx, "analyze")
    assert main.get_command(ctx, "no-such-command") is None
