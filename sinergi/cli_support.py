"""Pieces shared by the command-line modules (``cli`` and ``cli_analyze``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from sinergi.errors import SinergiError

__all__ = ["errors_to_clean_exit"]


def errors_to_clean_exit(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into a one-line message and exit code 1 instead of a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SinergiError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
