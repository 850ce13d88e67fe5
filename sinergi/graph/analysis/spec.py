"""What the rest of sinergi needs to know about an analytic: :class:`Analytic`.

An analytic is a table computed from the store: the modules of
:mod:`sinergi.graph.analysis` that hold one end with ``ANALYTIC = Analytic(...)`` (or
``ANALYTICS = (...)`` for several). The registry (:mod:`.registry`) collects them; the API
(:func:`sinergi.api.analyze`), the command line (``sinergi analyze NAME``, options built
from the :class:`Parameter` list) and ``docs/analytics.md`` (written by
``scripts/build_analytics_doc.py``) all read the spec. Adding an analytic is one module
plus its test.

Every analytic takes the common filters ``start``, ``end``, ``theme`` and ``province``
(see :mod:`sinergi.graph.analysis.projections`); those that work on adoption cascades
(``cascades=True``) also take ``by`` (``"theme"`` or ``"program"``) and ``programs``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sinergi.graph.store import GraphStore

__all__ = ["FILTERS", "Analytic", "Parameter", "Rows"]

Rows = list[dict[str, object]]

#: The filters every analytic takes, with what each keeps.
FILTERS: dict[str, str] = {
    "start": "statements dated on or after this day (YYYY-MM-DD)",
    "end": "statements dated on or before this day (YYYY-MM-DD)",
    "theme": "statements about this theme (themes.csv slug, e.g. perdagangan)",
    "province": "statements with a party in this province (e.g. 36)",
    "include_excluded": "also statements a curator rejected or replaced (sinergi curate)",
    "min_confidence": "only statements whose rule confidence is at least this (0 to 1)",
}


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of an analytic, in the library's terms.

    ``name`` is the keyword the analytic's function takes. ``type`` is ``str``, ``int``,
    ``float`` or ``bool`` (a switch); ``choices`` restrict a ``str``; ``multiple`` makes
    it a list; ``codes`` marks region codes (``ID-17.71`` is accepted as well as
    ``17.71``). ``option`` is the command-line spelling when it is not ``--name``.
    """

    name: str
    help: str
    type: type = str
    choices: tuple[str, ...] = ()
    default: Any = None
    multiple: bool = False
    codes: bool = False
    metavar: str | None = None
    option: str | None = None

    @property
    def flag(self) -> str:
        """The command-line option: ``option`` or ``--name`` with dashes."""
        return self.option or "--" + self.name.replace("_", "-")


@dataclass(frozen=True, slots=True)
class Analytic:
    """One analytic: a function ``run(store, **filters, **parameters) -> rows``.

    ``columns`` maps a table name to its columns, used for the header when there are no
    rows; ``table(options)`` says which table a call writes (the first by default, or the
    one a parameter such as ``form`` picks). ``what`` names a row in messages ("ties").
    ``example`` is one ``sinergi analyze`` command line. ``own_command`` says the command
    line writes this analytic's command by hand instead of from the spec (``infer`` also
    reads cascade files and writes a second table).
    """

    name: str
    summary: str
    description: str
    run: Callable[..., Rows]
    columns: Mapping[str, Sequence[str]]
    parameters: tuple[Parameter, ...] = ()
    cascades: bool = False
    what: str = "rows"
    example: str = ""
    pick_table: Callable[[Mapping[str, Any]], str] | None = None
    own_command: bool = False
    order: int = 100

    def table(self, options: Mapping[str, Any]) -> str:
        """The table a call with ``options`` writes (a key of ``columns``)."""
        if self.pick_table is not None:
            return self.pick_table(options)
        return next(iter(self.columns))

    def __call__(self, store: GraphStore, **options: Any) -> Rows:
        """Run the analytic on ``store``; unknown options are refused by name."""
        from sinergi.errors import SinergiError

        known = {p.name for p in self.parameters} | set(FILTERS)
        if self.cascades:
            known |= {"by", "programs"}
        unknown = sorted(set(options) - known)
        if unknown:
            names = ", ".join(f"`{name}`" for name in unknown)
            raise SinergiError(f"analytic {self.name} takes no {names}")
        return self.run(store, **options)
