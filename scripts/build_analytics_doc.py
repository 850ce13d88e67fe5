"""Write ``docs/analytics.md`` from the registry of analytics.

    python scripts/build_analytics_doc.py            # rewrite docs/analytics.md
    python scripts/build_analytics_doc.py --check    # exit 1 if it is out of date

Each registered analytic (:mod:`sinergi.graph.analysis.registry`) gets a section: what it
computes, its ``sinergi analyze`` and Python forms, its parameters and the columns of
every table it writes. A new analytic module appears here when this script is run; the
tests fail while the page is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sinergi.graph.analysis.registry import analytics
from sinergi.graph.analysis.spec import FILTERS, Analytic, Parameter

DOC = Path(__file__).resolve().parents[1] / "docs" / "analytics.md"

HEADER = """# Analytics

Generated from the registry of analytics by `scripts/build_analytics_doc.py`; do not edit
by hand. Each analytic is one module of `sinergi/graph/analysis/` that declares an
`ANALYTIC` (see `sinergi/graph/analysis/spec.py`): the command line, the Python API and
this page are built from it.

Every analytic takes the filters below, as options of `sinergi analyze NAME` and as
keyword arguments of `api.analyze(store, NAME, ...)`. The cascade analytics also take
`--by theme|program` and `--program WORDS` (repeatable; Python: `by=`, `programs=[...]`).
Tables are CSV (`--out FILE`, or standard output); region codes are written `ID-<code>`.

| filter | keeps |
|---|---|
"""


def _parameter_row(parameter: Parameter) -> str:
    value = parameter.type.__name__ if parameter.type is not bool else "switch"
    if parameter.choices:
        value = " \\| ".join(f"`{choice}`" for choice in parameter.choices)
    if parameter.multiple:
        value += " (repeatable; a list)"
    default = "" if parameter.default is None else f"`{parameter.default}`"
    return f"| `{parameter.flag}` | `{parameter.name}` | {value} | {default} | {parameter.help} |"


def _section(analytic: Analytic) -> str:
    lines = [f"## {analytic.name}", "", analytic.summary, "", analytic.description, ""]
    lines.append(f"- Command line: `{analytic.example or 'sinergi analyze ' + analytic.name}`")
    lines.append(f'- Python: `api.analyze(store, "{analytic.name}", ...)`')
    if analytic.cascades:
        lines.append("- Works on adoption cascades (`--by`, `--program`).")
    lines.append("")
    if analytic.parameters:
        lines += [
            "| option | Python | value | default | meaning |",
            "|---|---|---|---|---|",
            *(_parameter_row(p) for p in analytic.parameters),
            "",
        ]
    for table, columns in analytic.columns.items():
        listed = ", ".join(f"`{column}`" for column in columns)
        lines.append(f"Table `{table}`: {listed}.")
        lines.append("")
    return "\n".join(lines)


def render() -> str:
    """The whole page."""
    filters = "\n".join(
        f"| `--{name.replace('_', '-')}` | {text} |" for name, text in FILTERS.items()
    )
    sections = "\n".join(_section(analytic) for analytic in analytics().values())
    return HEADER + filters + "\n\n" + sections


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC.name} is out of date: run python scripts/build_analytics_doc.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
