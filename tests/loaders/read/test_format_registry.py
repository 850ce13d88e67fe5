"""Input formats are a registry: a reader module on the formats package path is read by
`sinergi extract` (and so by ingest and the API) and listed in their help, with no other
change."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from sinergi.loaders.read.documents import readers
from tests.conftest import REPO

MARKDOWN_READER = '''
from sinergi.loaders.read.documents import Document

EXTENSIONS = (".md",)
DESCRIPTION = "a Markdown article, its heading the title"


def read_markdown(path, report, options):
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].lstrip("# ").strip()
    yield Document(doc_id=path.stem, text="\\n".join(lines[1:]).strip(), title=title,
                   source=str(path))


READER = read_markdown
'''


def test_every_shipped_reader_is_registered() -> None:
    endings = set(readers())
    assert {".txt", ".jsonl", ".json", ".ndjson", ".html", ".htm", ".csv", ".tsv"} == endings


def test_a_new_reader_module_is_picked_up(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "markdown.py").write_text(textwrap.dedent(MARKDOWN_READER), encoding="utf-8")
    article = tmp_path / "kunjungan.md"
    article.write_text(
        "# Pemkab Serang belajar ke Kota Bengkulu\n\n"
        "Bupati Serang memimpin studi banding ke Pemerintah Kota Bengkulu untuk "
        "mempelajari program pasar murah di masjid.\n",
        encoding="utf-8",
    )
    script = textwrap.dedent(
        f"""
        import sinergi.loaders.read.formats as formats
        formats.__path__.append({str(plugins)!r})
        from sinergi.cli import main
        main(["extract", {str(article)!r}], standalone_mode=False)
        main(["ingest", "--help"])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    first, _, help_text = done.stdout.partition("\n")
    assert ".md  " in help_text and "a Markdown article, its heading the title" in help_text
    extraction = json.loads(first)
    assert extraction["doc"] == "kunjungan"
    codes = {region["code"] for region in extraction["regions"]}
    assert {"36.04", "17.71"} <= codes
