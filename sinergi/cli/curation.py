"""Commands of the curation layer: ``review``, ``curate``, ``explain``, ``status``.

A team reviews the graph with a sheet (``review``), records each decision with who, when
and why (``curate``), reads every statement behind an edge (``explain``) and counts what
it is about to publish (``status``). See the README section "Reviewing and correcting the
graph".
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sinergi.cli.support import errors_to_clean_exit, lazy_module, open_graph, store_option

if TYPE_CHECKING:
    from sinergi import api
    from sinergi.graph.curation.explain import Explanation
else:
    api = lazy_module("sinergi.api")

from sinergi.cli.main import EXIT_SKIPPED, main

_TYPES = ("learning", "visit", "agreement", "forum", "program")


def _default_curator() -> str:
    """``$SINERGI_CURATOR``, else the login name: who made a decision is always recorded."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        login = ""
    return os.environ.get("SINERGI_CURATOR") or login


@main.command()
@click.option(
    "--type", "kinds", multiple=True, type=click.Choice(_TYPES), help="Only this type (repeatable)."
)
@click.option("--theme", metavar="SLUG", default=None, help="Only statements with this theme.")
@click.option(
    "--province",
    metavar="CODE",
    default=None,
    help="Only statements naming a region of this province (e.g. 36).",
)
@click.option(
    "--start",
    metavar="YYYY-MM-DD",
    default=None,
    help="Only statements dated on or after this day.",
)
@click.option(
    "--end", metavar="YYYY-MM-DD", default=None, help="Only statements dated on or before this day."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only statements with at least this confidence.",
)
@click.option(
    "--max-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only statements with at most this confidence.",
)
@click.option("--unreviewed", is_flag=True, help="Only statements no decision is about yet.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="At most this many rows (the least confident).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("review.csv"),
    show_default=True,
    help="The sheet (CSV).",
)
@click.option(
    "--html",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the sheet as an offline HTML page to read the evidence.",
)
@store_option
@errors_to_clean_exit
def review(
    kinds: tuple[str, ...],
    theme: str | None,
    province: str | None,
    start: str | None,
    end: str | None,
    min_confidence: float | None,
    max_confidence: float | None,
    unreviewed: bool,
    limit: int | None,
    out: Path,
    html: Path | None,
    store_dir: Path | None,
) -> None:
    """Write a review sheet: the statements to check, lowest confidence first.

    One row per learning relation, visit, agreement, forum or program with its regions,
    date, theme, rule, confidence, status, article and sentence. Fill the decision column
    (accept, reject or fix; a fix also fills fix_parties, fix_reverse, fix_type, fix_date
    or fix_theme) and reason, then run `sinergi curate SHEET`.

    \\b
    Examples:
      sinergi review --type learning --unreviewed --out learning.csv --html learning.html
      sinergi review --province 36 --max-confidence 0.7
    """
    filters = api.SheetFilter(
        kinds=frozenset(kinds),
        theme=theme,
        province=province.removeprefix("ID-") if province else None,
        start=start,
        end=end,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        unreviewed=unreviewed,
    )
    with open_graph(store_dir, read_only=True) as store:
        written = api.write_review_sheet(store, out, filters=filters, limit=limit, html=html)
    extra = f" and {html}" if html else ""
    click.echo(f"wrote {len(written)} statements to {out}{extra}")


@main.command()
@click.argument("sheet", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--curator", default=None, help="Who decides (default: $SINERGI_CURATOR, else your login name)."
)
@click.option(
    "--undo",
    "undo",
    metavar="DECISION",
    default=None,
    help="Undo this decision (its IRI or id, see --list).",
)
@click.option("--reason", default="", help="Why (with --undo).")
@click.option(
    "--list", "listing", is_flag=True, help="List every decision: when, who, what, in force or not."
)
@store_option
@errors_to_clean_exit
def curate(
    sheet: Path | None,
    curator: str | None,
    undo: str | None,
    reason: str,
    listing: bool,
    store_dir: Path | None,
) -> None:
    """Apply a filled review sheet: each decision is kept with who, when and why.

    Decisions never delete anything: each goes into its own named graph, and every answer
    (queries, analyze, views, export) leaves rejected statements out and uses corrected
    values. Rows that cannot apply (unknown region codes, edited evidence columns,
    statements no longer in the graph) are named one per line on stderr and the good rows
    still apply (exit code 3 then).

    \\b
    Examples:
      sinergi curate review.csv --curator "Dewi Lestari"
      sinergi curate --list
      sinergi curate --undo 3f2a9c0d1e4b5a6c --reason "checked again"
    """
    chosen = sum(bool(x) for x in (sheet, undo, listing))
    if chosen != 1:
        raise click.UsageError("give a SHEET to apply, or --undo DECISION, or --list")
    who = curator or _default_curator()
    if listing:
        with open_graph(store_dir, read_only=True) as store:
            decisions = api.list_decisions(store)
        for d in decisions:
            state = "in force" if d.in_force else "superseded"
            what = f"{d.decision} {d.correction}".strip()
            fields = (d.iri.rsplit("/", 1)[-1], d.when, d.curator, what, state, d.statement)
            click.echo("\t".join((*fields, d.reason)))
        click.echo(f"{len(decisions)} decisions", err=True)
        return
    if not who:
        raise click.UsageError("say who decides: --curator NAME (or set SINERGI_CURATOR)")
    with open_graph(store_dir) as store:
        if undo:
            node = api.undo_decision(store, undo, who, reason)
            click.echo(f"undone: {undo} (recorded as {node})")
            return
        assert sheet is not None
        report = api.apply_sheet(store, sheet, who)
    for problem in report.problems:
        click.echo(f"skipped {sheet} {problem}", err=True)
    click.echo(
        f"{len(report.applied)} decisions recorded, {report.unchanged} already in force, "
        f"{len(report.problems)} rows skipped"
    )
    if report.problems:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("region_a", metavar="CODE")
@click.argument("region_b", metavar="CODE")
@click.option(
    "--type", "kind", type=click.Choice(_TYPES), default=None, help="Only this type of statement."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@store_option
@errors_to_clean_exit
def explain(
    region_a: str, region_b: str, kind: str | None, output_format: str, store_dir: Path | None
) -> None:
    """Every statement behind the link between two regions, with its evidence.

    For each: the sentence, the article's title, URL, outlet and date, the sentence's
    character offsets, how the sentence writes each region next to its code, the rule and
    its confidence, and the curation status.

    Example: sinergi explain 17.71 36.04 --type learning
    """
    with open_graph(store_dir, read_only=True) as store:
        found = api.explain_pair(store, region_a, region_b, kind)
    if output_format == "json":
        click.echo(json.dumps([_explanation_json(e) for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no statement names both {region_a} and {region_b}")
        return
    for number, explanation in enumerate(found, start=1):
        s = explanation.statement
        click.echo(f"[{number}] {s.kind} {s.names_text()} ({s.parties_text()})")
        confidence = _confidence(s.confidence)
        click.echo(
            f"    date {s.date or '-'}; status {s.status}; rule {s.rule or '-'}; "
            f"confidence {confidence}"
        )
        for party in s.parties:
            written = (
                ", ".join(f'"{text}"' for text in explanation.mentions.get(party.code, []))
                or "(not in the sentence)"
            )
            click.echo(f"    {party.role} {party.code} {party.name}: {written}")
        where = f"{s.outlet or '-'}, {s.published or '-'}"
        click.echo(f"    article {s.doc or '-'}: {s.title or '-'} ({where}) {s.url or ''}".rstrip())
        span = f"{s.sentence_start}-{s.sentence_end}"
        click.echo(f"    sentence {s.sentence_index} [{span}]: {s.sentence or '-'}")
        click.echo(f"    statement {s.iri}")


def _confidence(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _explanation_json(explanation: Explanation) -> dict[str, object]:
    s = explanation.statement
    return {
        "statement": s.iri,
        "type": s.kind,
        "parties": [
            {
                "role": p.role,
                "code": p.code,
                "name": p.name,
                "mentions": explanation.mentions.get(p.code, []),
            }
            for p in s.parties
        ],
        "date": s.date,
        "themes": s.themes,
        "status": s.status,
        "rule": s.rule,
        "confidence": s.confidence,
        "article": {
            "doc": s.doc,
            "title": s.title,
            "url": s.url,
            "outlet": s.outlet,
            "published": s.published,
        },
        "sentence": {
            "index": s.sentence_index,
            "start": s.sentence_start,
            "end": s.sentence_end,
            "text": s.sentence,
        },
    }


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
@errors_to_clean_exit
def status(output_format: str, store_dir: Path | None) -> None:
    """Summarise the graph a team is about to publish.

    Statements per type, and how many are accepted, rejected, corrected (replaced by a
    fix), corrections, withdrawn and unreviewed; the confidence of the extracted
    statements in bins; decisions in force, and those whose statement is gone.

    Example: sinergi status --store my-store
    """
    with open_graph(store_dir, read_only=True) as store:
        report = api.curation_status(store)
    rows = report.rows()
    if output_format == "json":
        data = {
            "statements": rows,
            "confidence": {k: dict(v) for k, v in report.confidence.items()},
            "decisions": report.decisions,
            "decisions_in_force": report.decisions_in_force,
            "orphaned_decisions": report.orphaned,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    columns = list(rows[0])
    if output_format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        click.echo("  ".join(str(row[c]).ljust(widths[c]) for c in columns))
    click.echo("")
    click.echo("confidence of extracted statements:")
    for kind, bins in sorted(report.confidence.items()):
        spread = ", ".join(f"{b}: {n}" for b, n in sorted(bins.items()))
        click.echo(f"  {kind}: {spread}")
    click.echo(f"decisions: {report.decisions} recorded, {report.decisions_in_force} in force")
    for orphan in report.orphaned:
        click.echo(f"orphaned decision (its statement is gone): {orphan}")
