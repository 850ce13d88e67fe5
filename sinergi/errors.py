"""The exceptions sinergi raises; the command line turns each into a one-line error."""

from __future__ import annotations

__all__ = ["InputError", "QueryError", "SinergiError", "StoreError"]


class SinergiError(Exception):
    """Base class: an error the user can act on, reported without a traceback."""


class InputError(SinergiError):
    """An input file or record cannot be read."""


class StoreError(SinergiError):
    """The graph store cannot be opened or written."""


class QueryError(SinergiError):
    """A query is unknown, malformed or given bad parameters."""
