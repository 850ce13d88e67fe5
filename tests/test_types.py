"""The package type checks clean: mypy, configured in pyproject.toml, runs with the tests."""

from __future__ import annotations

import pytest

from tests.conftest import REPO


def test_mypy_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e '.[test]')")
    monkeypatch.chdir(REPO)  # the configured files are relative to the repository
    stdout, stderr, status = api.run(["--config-file", str(REPO / "pyproject.toml")])
    assert status == 0, stdout + stderr
