"""Regenerate the reference tables shipped in ``sinergi/data`` from ``../shared/data``.

The region, ambiguity and theme tables are facts (Kemendagri codes, names, Wikidata ids,
urusan list); sinergi ships a validated copy so that it works without ``../shared``. Run
from the repository root::

    python scripts/build_data.py [--shared ../shared]

The script checks the invariants the extractor relies on (552 regions, unique codes, every
kabupaten/kota inside an existing province, every ambiguous code known) before writing.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sinergi" / "data"
REGION_COLUMNS = [
    "code",
    "kind",
    "name",
    "short",
    "province_code",
    "lat",
    "lon",
    "wikidata",
    "aliases",
]


def build_regions(source: Path) -> str:
    """Validate ``regions.csv`` and return it re-serialised with the expected columns."""
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    codes = {r["code"] for r in rows}
    if len(rows) != 552 or len(codes) != len(rows):
        raise SystemExit(f"regions.csv: expected 552 unique codes, found {len(codes)}/{len(rows)}")
    for r in rows:
        if r["province_code"] not in codes:
            raise SystemExit(f"regions.csv: {r['code']} has unknown province {r['province_code']}")
        if r["kind"] not in {"provinsi", "kabupaten", "kota"}:
            raise SystemExit(f"regions.csv: {r['code']} has unknown kind {r['kind']}")
        float(r["lat"]), float(r["lon"])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=REGION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in sorted(rows, key=lambda r: [int(p) for p in r["code"].split(".")]):
        writer.writerow({c: r[c] for c in REGION_COLUMNS})
    return buf.getvalue()


def build_ambiguous(source: Path, codes: set[str]) -> str:
    """Validate ``ambiguous_names.txt`` (``NAME: CODE, CODE``) against the region codes."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, _, rest = line.partition(":")
            unknown = {c.strip() for c in rest.split(",")} - codes
            if unknown:
                raise SystemExit(f"ambiguous_names.txt: unknown codes {unknown} in {line!r}")
    return source.read_text(encoding="utf-8")


def build_themes(source: Path) -> str:
    """Validate ``themes.csv`` (``slug,nama,label_en,group``) and return it unchanged."""
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    if not rows or set(rows[0]) != {"slug", "nama", "label_en", "group"}:
        raise SystemExit("themes.csv: unexpected columns")
    return source.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = args.shared / "data"
    regions = build_regions(data / "regions.csv")
    codes = {row["code"] for row in csv.DictReader(io.StringIO(regions))}
    outputs = {
        "regions.csv": regions,
        "ambiguous_names.txt": build_ambiguous(data / "ambiguous_names.txt", codes),
        "themes.csv": build_themes(data / "themes.csv"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote sinergi/data/{name} ({len(text.splitlines())} lines)")


if __name__ == "__main__":
    main()
