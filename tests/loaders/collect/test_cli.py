"""The ``sinergi collect`` command line: clear usage errors, help, and a fast start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import main
from tests.cli.test_cli_startup import HEAVY, imported_after, loaded
from tests.loaders.collect.conftest import USER_AGENT

SEED = ["https://warta.example/", "--out", "a.jsonl", "--user-agent", USER_AGENT]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["https://warta.example/", "--out", "a.jsonl"], "Missing option '--user-agent'"),
        (
            ["https://warta.example/", "--out", "a.jsonl", "--user-agent", "python"],
            "--user-agent must name a contact",
        ),
        (["--out", "a.jsonl", "--user-agent", USER_AGENT], "give URLS to collect from"),
        ([*SEED, "--since", "2024-02-01", "--until", "2024-01-01"], "--since is after --until"),
        ([*SEED, "--store", "s"], "add --ingest"),
    ],
)
def test_usage_errors_are_one_clear_line(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SINERGI_USER_AGENT", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["collect", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "a.jsonl").exists()


def test_urls_from_a_file_and_the_environment_user_agent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--urls FILE with comments; SINERGI_USER_AGENT instead of --user-agent."""
    monkeypatch.setenv("SINERGI_USER_AGENT", USER_AGENT)
    urls = tmp_path / "urls.txt"
    urls.write_text("# portal\nftp://warta.example/berkas  # not http\n\n", encoding="utf-8")
    out = tmp_path / "a.jsonl"
    result = CliRunner().invoke(main, ["collect", "--urls", str(urls), "--out", str(out), "-q"])
    assert result.exit_code == 3  # the one URL is named as invalid, nothing is fetched
    report = out.with_suffix(".report.csv").read_text(encoding="utf-8")
    assert "ftp://warta.example/berkas,invalid-url" in report


def test_help_has_examples() -> None:
    result = CliRunner().invoke(main, ["collect", "--help"])
    assert result.exit_code == 0
    assert "sinergi collect https://" in result.stdout and "--relevant-only" in result.stdout


def test_help_imports_no_heavy_module() -> None:
    code = "from sinergi.cli import main\nmain(['collect', '--help'], standalone_mode=False)"
    assert loaded(imported_after(code), HEAVY) == []
