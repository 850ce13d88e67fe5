"""Reference tables shipped with sinergi: regions, themes and the extraction lexicons.

The tables are facts generated from ``../shared/data`` by ``scripts/build_data.py``; the
lexicons (``data/lexicon/*.toml``) are hand-written cue words, titles and theme keywords.
Everything is read once per process and cached, because the extractor, the RDF mapping
and the views all need the same tables.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "Region",
    "Theme",
    "load_ambiguous",
    "load_common_words",
    "load_lexicon",
    "load_regions",
    "load_themes",
    "located_in",
]

_DATA = resources.files("sinergi") / "data"


@dataclass(frozen=True, slots=True)
class Region:
    """A province, regency or city with its Kemendagri code."""

    code: str
    kind: str  # "provinsi", "kabupaten" or "kota"
    name: str
    short: str
    province_code: str
    lat: float
    lon: float
    wikidata: str
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Theme:
    """A program theme: one government affair (urusan) from ``themes.csv``."""

    slug: str
    name_id: str
    name_en: str
    group: str


@cache
def load_regions() -> dict[str, Region]:
    """All 552 regions keyed by Kemendagri code, in code order."""
    with (_DATA / "regions.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: Region(
                code=row["code"],
                kind=row["kind"],
                name=row["name"],
                short=row["short"],
                province_code=row["province_code"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                wikidata=row["wikidata"],
                aliases=tuple(a for a in row["aliases"].split(";") if a),
            )
            for row in csv.DictReader(handle)
        }


@cache
def load_themes() -> dict[str, Theme]:
    """Program themes keyed by slug."""
    with (_DATA / "themes.csv").open(encoding="utf-8") as handle:
        return {
            row["slug"]: Theme(row["slug"], row["nama"], row["label_en"], row["group"])
            for row in csv.DictReader(handle)
        }


@cache
def load_ambiguous() -> dict[str, tuple[str, ...]]:
    """Names that point to several regions (``ambiguous_names.txt``), lower-cased."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (_DATA / "ambiguous_names.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, codes = line.partition(":")
            table[name.strip().lower()] = tuple(c.strip() for c in codes.split(","))
    return table


@cache
@cache
def load_common_words() -> frozenset[str]:
    """Everyday words, mostly lower case in news (``scripts/build_common_words.py``)."""
    lines = (_DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def _split_from() -> dict[str, str]:
    return dict(load_lexicon("regions")["split_from"])


def located_in(code: str, province: str) -> bool:
    """Whether region ``code`` lies in ``province``, now or before its province was split
    from it (Kabupaten Maybrat lay in Papua Barat until Papua Barat Daya was formed)."""
    region = load_regions()[code]
    if region.kind == "provinsi":  # Papua Barat Daya does not lie in Papua Barat
        return code == province
    return region.province_code == province or _split_from().get(region.province_code) == province


def load_lexicon(name: str) -> dict[str, Any]:
    """One lexicon file ``data/lexicon/<name>.toml`` as a dict."""
    with (_DATA / "lexicon" / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
