"""Review sheets: the statements to check as CSV (and an offline HTML page), read back.

One row per statement, lowest confidence first. The evidence columns say what the graph
holds (and are checked when the sheet comes back: an edited evidence cell means the row
no longer says what the reviewer saw); the decision columns are the reviewer's:

==================  =======================================================================
``decision``        ``accept``, ``reject`` or ``fix`` (empty: not decided, the row is skipped)
``fix_parties``     the regions as they should be, ``role=code; role=code`` (roles as in
                    ``parties``: source/learner, host/guest/participant, owner)
``fix_reverse``     ``yes`` to swap the direction (source <-> learner, host <-> guest)
``fix_type``        ``visit``, ``agreement`` or ``forum`` (events only)
``fix_date``        ``YYYY-MM-DD``
``fix_theme``       a theme slug of ``themes.csv``
``reason``          free text: why (kept with the decision)
==================  =======================================================================

The CSV is UTF-8 with a byte order mark, so spreadsheets open Indonesian text correctly,
and every cell is quoted as needed by the ``csv`` module.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

from sinergi.errors import InputError
from sinergi.graph.curation.decisions import DECISIONS, Correction, Decision
from sinergi.graph.curation.statements import KINDS, ROLES, UNREVIEWED, Statement
from sinergi.reference import load_regions, load_themes

__all__ = [
    "DECISION_COLUMNS",
    "EVIDENCE_COLUMNS",
    "RowProblem",
    "SheetFilter",
    "parse_sheet",
    "sheet_statements",
    "write_csv",
    "write_html",
]

#: The columns that show the graph's statement; a returned sheet must leave them as they were.
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "statement",
    "type",
    "parties",
    "regions",
    "date",
    "themes",
    "label",
    "confidence",
    "rule",
    "status",
    "doc",
    "title",
    "url",
    "outlet",
    "published",
    "sentence",
    "sentence_start",
    "sentence_end",
)
#: The columns the reviewer fills.
DECISION_COLUMNS: tuple[str, ...] = (
    "decision",
    "fix_parties",
    "fix_reverse",
    "fix_type",
    "fix_date",
    "fix_theme",
    "reason",
)
#: Evidence columns compared with the graph when a sheet comes back.
_CHECKED = ("type", "parties", "doc", "sentence")


@dataclass(frozen=True, slots=True)
class SheetFilter:
    """Which statements a sheet lists (all by default)."""

    kinds: frozenset[str] = frozenset()
    theme: str | None = None
    province: str | None = None
    start: str | None = None
    end: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    unreviewed: bool = False

    def query_params(self) -> dict[str, str | list[str]]:
        """The filters as parameters of the internal query ``statements-to-review``, which
        selects in the store (unknown types, themes, regions or dates raise there)."""
        unknown = self.kinds - set(KINDS)
        if unknown:
            raise InputError(
                f"unknown statement type {sorted(unknown)}; the types are: {', '.join(KINDS)}"
            )
        params: dict[str, str | list[str]] = {}
        if self.kinds:
            params["kind"] = sorted(self.kinds)
        named = {
            "theme": self.theme,
            "province": self.province,
            "start": self.start,
            "end": self.end,
            "status": UNREVIEWED if self.unreviewed else None,
        }
        params.update({name: value for name, value in named.items() if value})
        for name, number in (
            ("min_confidence", self.min_confidence),
            ("max_confidence", self.max_confidence),
        ):
            if number is not None:
                params[name] = format(Decimal(repr(float(number))), "f")
        return params


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one row of a returned sheet was not applied (``line`` counts the header as 1)."""

    line: int
    statement: str
    problem: str

    def __str__(self) -> str:
        return f"row {self.line} ({self.statement or 'no statement'}): {self.problem}"


def _row(statement: Statement) -> dict[str, str]:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "statement": statement.iri,
        "type": statement.kind,
        "parties": statement.parties_text(),
        "regions": statement.names_text(),
        "date": text(statement.date),
        "themes": " ".join(statement.themes),
        "label": text(statement.label),
        "confidence": "" if statement.confidence is None else f"{statement.confidence:.2f}",
        "rule": text(statement.rule),
        "status": statement.status,
        "doc": text(statement.doc),
        "title": text(statement.title),
        "url": text(statement.url),
        "outlet": text(statement.outlet),
        "published": text(statement.published),
        "sentence": text(statement.sentence),
        "sentence_start": text(statement.sentence_start),
        "sentence_end": text(statement.sentence_end),
        **dict.fromkeys(DECISION_COLUMNS, ""),
    }


def write_csv(statements: Sequence[Statement], out: Path) -> Path:
    """The sheet as CSV (UTF-8 with BOM, one row per statement)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*EVIDENCE_COLUMNS, *DECISION_COLUMNS])
        writer.writeheader()
        for statement in statements:
            writer.writerow(_row(statement))
    return out


def write_html(statements: Sequence[Statement], out: Path, title: str) -> Path:
    """The sheet as one offline HTML page where a reviewer reads the evidence, decides, and
    downloads the filled sheet as CSV (the same columns as :func:`write_csv`), which
    ``sinergi curate`` applies. Plain HTML and a few lines of script: no network needed."""
    rows = [_row(statement) for statement in statements]
    data = json.dumps(
        {"columns": [*EVIDENCE_COLUMNS, *DECISION_COLUMNS], "rows": rows}, ensure_ascii=False
    ).replace("</", "<\\/")
    template = (resources.files("sinergi.graph.curation") / "assets" / "review.html").read_text(
        encoding="utf-8"
    )
    page = (
        template.replace("@@TITLE@@", html.escape(title))
        .replace("@@COUNT@@", str(len(rows)))
        .replace("@@DATA@@", data)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


#: What a statement cell must look like to be looked up (the query binds it as an IRI).
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]+')


def sheet_statements(path: Path) -> list[str]:
    """The statement IRIs a filled sheet names, in its order: what applying it must read.

    A cell that is no IRI is left out here; its row is then reported as naming no
    statement of the graph, as any edited evidence column would be.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = ((row.get("statement") or "").strip() for row in csv.DictReader(handle))
        return [iri for iri in dict.fromkeys(cells) if _IRI.fullmatch(iri)]


def parse_sheet(
    path: Path, statements: Mapping[str, Statement], curator: str
) -> tuple[list[Decision], list[RowProblem]]:
    """The decisions a filled sheet asks for, and a problem for each row that cannot apply.

    ``statements`` are the graph's statements by IRI. Rows without a decision are skipped;
    a bad row is reported and the good rows around it still apply.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("statement", "decision") if c not in (reader.fieldnames or [])]
        if missing:
            return [], [RowProblem(1, "", f"the sheet has no column {', '.join(missing)}")]
        decisions, problems = [], []
        for line, row in enumerate(reader, start=2):
            cells = {k: (v or "").strip() for k, v in row.items() if k}
            iri = cells.get("statement", "")
            try:
                decision = _decision(cells, statements, curator)
            except ValueError as error:
                problems.append(RowProblem(line, iri, str(error)))
                continue
            if decision is not None:
                decisions.append(decision)
    return decisions, problems


def _decision(
    cells: Mapping[str, str], statements: Mapping[str, Statement], curator: str
) -> Decision | None:
    choice = cells.get("decision", "").lower()
    fixes = {c: cells.get(c, "") for c in DECISION_COLUMNS if c.startswith("fix_")}
    if not choice:
        if any(fixes.values()):
            raise ValueError("fix columns are filled but the decision is empty")
        return None
    if choice not in DECISIONS:
        raise ValueError(f"decision {choice!r} is not one of {', '.join(DECISIONS)}")
    iri = cells.get("statement", "")
    statement = statements.get(iri)
    if statement is None:
        raise ValueError("the statement is no longer in the graph (re-extracted away?)")
    graph_row = _row(statement)
    for column in _CHECKED:
        if column in cells and cells[column] != graph_row[column]:
            raise ValueError(
                f"evidence column {column} was edited: the sheet says {cells[column]!r}, "
                f"the graph {graph_row[column]!r}"
            )
    correction = _correction(fixes, statement)
    if choice == "fix" and not correction:
        raise ValueError(
            "decision fix needs a fix_parties, fix_reverse, fix_type, fix_date or fix_theme value"
        )
    if choice != "fix" and correction:
        raise ValueError(f"fix columns are filled but the decision is {choice}")
    return Decision(iri, choice, curator, cells.get("reason", ""), correction)


def _correction(fixes: Mapping[str, str], statement: Statement) -> Correction:
    parties: list[tuple[str, str]] = []
    regions = load_regions()
    for item in filter(None, (p.strip() for p in fixes["fix_parties"].split(";"))):
        role, sep, code = (part.strip() for part in item.partition("="))
        if not sep:
            raise ValueError(f"fix_parties item {item!r} is not role=code")
        if role not in ROLES[statement.kind]:
            roles = ", ".join(ROLES[statement.kind])
            raise ValueError(f"fix_parties role {role!r} is not one of {roles}")
        code = code.removeprefix("ID-")
        if code not in regions:
            raise ValueError(f"fix_parties code {code!r} is not a Kemendagri region code")
        parties.append((role, code))
    reverse = fixes["fix_reverse"].lower()
    if reverse not in ("", "yes", "no", "y", "n", "true", "false", "1", "0"):
        raise ValueError(f"fix_reverse {fixes['fix_reverse']!r} is not yes or no")
    kind = fixes["fix_type"].lower() or None
    if kind is not None:
        if statement.kind not in ("visit", "agreement", "forum"):
            raise ValueError("fix_type changes only an event's type")
        if kind not in KINDS[1:4]:
            raise ValueError(f"fix_type {kind!r} is not visit, agreement or forum")
    day = fixes["fix_date"] or None
    if day is not None:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise ValueError(f"fix_date {day!r} is not a YYYY-MM-DD date") from None
    theme = fixes["fix_theme"] or None
    if theme is not None and theme not in load_themes():
        raise ValueError(f"fix_theme {theme!r} is not a theme of themes.csv")
    return Correction(
        parties=tuple(parties),
        reverse=reverse in ("yes", "y", "true", "1"),
        kind=kind,
        date=day,
        theme=theme,
    )
