"""pandas DataFrames of query results and analytics rows, with proper column types.

Why a converter of our own rather than ``pd.DataFrame(result.values())``: that guesses
types from Python values, so a SPARQL ``xsd:date`` arrives as a string, an
``xsd:decimal`` as an ``object`` column of ``Decimal``, and the analytics rows (written
for CSV, with ``""`` for a missing cell) turn an integer column with one blank into
``object``. Worse, anything that later re-parses the table (``read_csv``) makes the
Kemendagri code ``"32.10"`` the float ``32.1``. Here:

* a :class:`~sinergi.graph.store.QueryResult` is typed by its RDF datatypes:
  ``xsd:date``/``xsd:dateTime`` -> ``datetime64``, ``xsd:decimal``/``double``/``float``
  -> ``float64``, ``xsd:integer`` (and its subtypes) -> ``Int64``, ``xsd:boolean`` ->
  ``boolean``, IRIs and every other literal -> pandas ``string``. Plain string literals
  stay strings even when they look like numbers, so region codes are never numbers. An
  ill-typed literal (``xsd:date("undated")``, which the ``learning`` query uses for "no
  date") is missing in a typed column. A column that mixes kinds falls back to strings
  of the lexical forms (integers mixed with decimals become floats). A column with no
  value at all (an empty result) is ``string``: there is no datatype to go by.
* analytics rows (lists of dicts from :mod:`sinergi.graph.analysis.diffusion`) are typed by their
  values, with ``""``/``None`` as missing: ``bool`` -> ``boolean``, ``int`` -> ``Int64``,
  ``float``/``Decimal`` -> ``float64``, ``date``/``datetime`` objects and ISO
  ``YYYY-MM-DD`` strings -> ``datetime64``, lists and dicts stay Python objects, other
  strings -> ``string``. Columns that hold region codes or other identifiers (``region``,
  ``origin``, ``parent``, ``cascade_id``, ``*_code``, ...) and joined lists (``path``,
  ``dates``) are always strings, whatever their values look like.

Dates are ``datetime64[s]``: day precision fits, and unlike nanoseconds the range holds
the ``0001-01-01``/``9999-12-31`` sentinels some queries compare against.

pandas is an optional dependency (``pip install 'sinergi[frames]'``); it is imported only
when a frame is built, so the rest of sinergi never pays for it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from sinergi.errors import SinergiError
from sinergi.graph.store import QueryResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CODE_COLUMNS",
    "MissingDependencyError",
    "query_frame",
    "rows_frame",
    "to_dataframe",
]

#: Columns of the analytics tables that hold codes, identifiers or joined text: always
#: ``string`` dtype, never numbers or dates (``path``/``dates`` are ``" > "``-joined).
CODE_COLUMNS: frozenset[str] = frozenset(
    {
        "region",
        "origin",
        "destination",
        "target",
        "source",
        "learner",
        "node",
        "node_name",
        "child",
        "parent",
        "origin_node",
        "destination_node",
        "province",
        "owner",
        "cascade_id",
        "program",
        "theme",
        "path",
        "dates",
        "how",
        "name",
        "kind",
        "doc",
        "url",
    }
)
_CODE_SUFFIXES = ("_code", "_node", "_name", "_id", "_iri")
#: Names that mean a date (used only when a column has no value to infer from, so an
#: empty table still gets the dtype a full one would have).
_DATE_NAMES = frozenset({"date", "arrival", "first", "last", "first_reported", "first_learned"})
_INTEGER_NAMES = frozenset({"event_time", "hops", "depth", "lag_days", "evidence", "period"})

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_INTEGER_TYPES = frozenset(
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset(str(XSD[name]) for name in ("decimal", "double", "float"))
_DATETIME_TYPES = frozenset(str(XSD[name]) for name in ("dateTime", "dateTimeStamp"))
_DATE_TYPE = str(XSD.date)
_BOOLEAN_TYPE = str(XSD.boolean)

# Cell kinds; a column gets the dtype of the kind all its present cells share.
_MISSING, _STRING, _INTEGER, _FLOAT, _BOOLEAN, _DATE, _DATETIME, _OBJECT = (
    "missing",
    "string",
    "integer",
    "float",
    "boolean",
    "date",
    "datetime",
    "object",
)


class MissingDependencyError(SinergiError, ImportError):
    """An optional dependency (here pandas) is not installed; the message says how to add it."""


def to_dataframe(
    data: QueryResult | Iterable[Mapping[str, Any]] | Any,
    *,
    columns: Sequence[str] | None = None,
    strings: Iterable[str] = (),
) -> pd.DataFrame:
    """A typed DataFrame of a query result, of analytics rows, or of a report with ``rows``.

    ``data`` is a :class:`~sinergi.graph.store.QueryResult` (typed by RDF datatype), a
    list (or any iterable) of dict rows as the analytics return them, or an object with
    such a ``rows`` list (:class:`~sinergi.graph.analysis.diffusion.InferenceReport`). ``columns``
    fixes the columns and their order (default: the query's variables, or the keys in
    first-seen order), so an empty table still has its header, e.g.
    ``to_dataframe(rows, columns=diffusion.COLUMNS["leaders"])``. ``strings`` names more
    columns to keep as strings (your own code-like columns). See the module docstring
    for the type rules.
    """
    if isinstance(data, QueryResult):
        return query_frame(data, columns=columns, strings=strings)
    if isinstance(data, Mapping):
        raise TypeError("to_dataframe takes rows (a list of dicts), not a single dict")
    rows = getattr(data, "rows", data)
    if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
        raise TypeError(
            f"to_dataframe takes a QueryResult or a list of dict rows, not {type(data).__name__}"
        )
    return rows_frame(rows, columns=columns, strings=strings)


def query_frame(
    result: QueryResult, *, columns: Sequence[str] | None = None, strings: Iterable[str] = ()
) -> pd.DataFrame:
    """A DataFrame of a SELECT result, each column typed by the RDF datatypes in it."""
    pd = _pandas()
    names = list(columns) if columns is not None else list(result.variables)
    keep_strings = set(strings)
    data: dict[str, Any] = {}
    for name in names:
        cells = [row.get(name) for row in result.rows]
        if name in keep_strings:
            data[name] = _strings(pd, [_lexical(term) for term in cells])
            continue
        kinds = {_term_kind(term) for term in cells} - {_MISSING}
        data[name] = _term_column(pd, cells, kinds)
    return pd.DataFrame(data, columns=names, index=pd.RangeIndex(len(result.rows)))


def rows_frame(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    strings: Iterable[str] = (),
) -> pd.DataFrame:
    """A DataFrame of analytics rows, each column typed by its values (``""`` = missing)."""
    pd = _pandas()
    table = list(rows)
    for row in table:
        if not isinstance(row, Mapping):
            raise TypeError(f"each row must be a dict, not {type(row).__name__}")
    names = (
        list(columns) if columns is not None else list(dict.fromkeys(k for r in table for k in r))
    )
    keep_strings = set(strings)
    data: dict[str, Any] = {}
    for name in names:
        cells = [row.get(name) for row in table]
        if name in keep_strings or _is_code_column(name):
            data[name] = _strings(pd, [None if _missing(v) else _text(v) for v in cells])
            continue
        data[name] = _value_column(pd, name, cells)
    return pd.DataFrame(data, columns=names, index=pd.RangeIndex(len(table)))


# ----------------------------------------------------------------------------------------
# Query results: RDF terms
# ----------------------------------------------------------------------------------------


def _term_kind(term: Any) -> str:
    if term is None:
        return _MISSING
    if not isinstance(term, Literal):
        return _STRING  # IRIs and blank nodes
    datatype = str(term.datatype) if term.datatype is not None else None
    if datatype in _INTEGER_TYPES:
        return _INTEGER
    if datatype in _FLOAT_TYPES:
        return _FLOAT
    if datatype == _DATE_TYPE:
        return _DATE
    if datatype in _DATETIME_TYPES:
        return _DATETIME
    if datatype == _BOOLEAN_TYPE:
        return _BOOLEAN
    return _STRING


def _term_column(pd: Any, cells: list[Any], kinds: set[str]) -> Any:
    if not kinds or kinds == {_STRING} or not kinds <= _TYPED_KINDS:
        return _strings(pd, [_lexical(term) for term in cells])
    values = [_term_value(term) for term in cells]
    if kinds == {_INTEGER}:
        return pd.array(values, dtype="Int64")
    if kinds <= {_INTEGER, _FLOAT}:
        return pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
    if kinds == {_BOOLEAN}:
        return pd.array(values, dtype="boolean")
    if kinds == {_DATE}:
        return _dates(pd, values)
    if kinds <= {_DATE, _DATETIME}:
        return _datetimes(pd, values)
    return _strings(pd, [_lexical(term) for term in cells])


_TYPED_KINDS = frozenset({_INTEGER, _FLOAT, _BOOLEAN, _DATE, _DATETIME})


def _term_value(term: Any) -> Any:
    """The Python value of a typed literal; None when unbound or ill-typed."""
    if term is None or getattr(term, "ill_typed", False):
        return None
    value = term.toPython()
    return None if isinstance(value, Literal) else value


def _lexical(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef | Literal):
        return str(term)
    return str(term)


# ----------------------------------------------------------------------------------------
# Analytics rows: Python values
# ----------------------------------------------------------------------------------------


def _is_code_column(name: str) -> bool:
    return name in CODE_COLUMNS or name.endswith(_CODE_SUFFIXES)


def _missing(value: Any) -> bool:
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in {"NAType", "NaTType"}


def _value_kind(value: Any) -> str:
    if _missing(value):
        return _MISSING
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return _BOOLEAN
    if isinstance(value, int) or _numpy_kind(value) == "i":
        return _INTEGER
    if isinstance(value, float | Decimal) or _numpy_kind(value) == "f":
        return _FLOAT
    if isinstance(value, datetime):
        return _DATETIME
    if isinstance(value, date):
        return _DATE
    if isinstance(value, str):
        return _DATE if _iso_date(value) is not None else _STRING
    if isinstance(value, list | tuple | set | frozenset | dict):
        return _OBJECT
    return _STRING


def _numpy_kind(value: Any) -> str | None:
    """``"i"``/``"u"`` -> ``"i"``, ``"f"`` for numpy scalars (without importing numpy)."""
    dtype = getattr(value, "dtype", None)
    kind = getattr(dtype, "kind", None)
    return "i" if kind in ("i", "u") else kind


def _iso_date(value: str) -> date | None:
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _value_column(pd: Any, name: str, cells: list[Any]) -> Any:
    kinds = {_value_kind(v) for v in cells} - {_MISSING}
    present = [None if _missing(v) else v for v in cells]
    if not kinds:
        if name in _DATE_NAMES or name.endswith("_date"):
            return _dates(pd, present)
        if name in _INTEGER_NAMES or name.endswith("_days"):
            return pd.array(present, dtype="Int64")
        return _strings(pd, present)
    if kinds == {_INTEGER}:
        return pd.array([None if v is None else int(v) for v in present], dtype="Int64")
    if kinds <= {_INTEGER, _FLOAT}:
        return pd.array([math.nan if v is None else float(v) for v in present], dtype="float64")
    if kinds == {_BOOLEAN}:
        return pd.array([None if v is None else bool(v) for v in present], dtype="boolean")
    if kinds == {_DATE}:
        return _dates(pd, [v if not isinstance(v, str) else _iso_date(v) for v in present])
    if kinds <= {_DATE, _DATETIME}:
        return _datetimes(pd, [v if not isinstance(v, str) else _iso_date(v) for v in present])
    if _OBJECT in kinds:
        column = pd.Series(present, dtype="object")
        return column.where(column.notna(), None)
    return _strings(pd, [None if v is None else _text(v) for v in present])


def _text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ----------------------------------------------------------------------------------------
# Column builders
# ----------------------------------------------------------------------------------------


def _strings(pd: Any, values: list[str | None]) -> Any:
    return pd.array(values, dtype=pd.StringDtype())


def _dates(pd: Any, values: list[Any]) -> Any:
    """``datetime64[s]`` of dates (a datetime keeps its day only when given a plain date)."""
    import numpy as np

    days = [
        np.datetime64("NaT", "s")
        if v is None
        else np.datetime64(v.date() if isinstance(v, datetime) else v, "D").astype("M8[s]")
        for v in values
    ]
    return pd.Series(np.array(days, dtype="datetime64[s]"))


def _datetimes(pd: Any, values: list[Any]) -> Any:
    """Dates and times together; timezone-aware values make the column UTC."""
    aware = any(isinstance(v, datetime) and v.tzinfo is not None for v in values)
    stamps = [
        None if v is None else (v if isinstance(v, datetime) else datetime(v.year, v.month, v.day))
        for v in values
    ]
    return pd.Series(pd.to_datetime(pd.Series(stamps, dtype="object"), utc=aware))


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise MissingDependencyError(
            "DataFrames need pandas, an optional dependency of sinergi: "
            "pip install 'sinergi[frames]' (or pip install 'pandas>=2.0')"
        ) from exc
    return pandas
