"""UTF-16 input (Windows Notepad's "Unicode") through `sinergi extract`: read, not skipped.

Notepad saves "Unicode" as UTF-16 LE with a byte-order mark and "Unicode big endian" as
UTF-16 BE with one; Excel's "Unicode Text" is tab-separated UTF-16 LE. Half their bytes are
NUL, which used to make the reader reject them as binary. Each file here must give exactly
the extraction its UTF-8 twin gives.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import EXIT_SKIPPED, main

ARTICLE = (
    "Bengkulu Terima Kunjungan Serang\r\n"
    "\r\n"
    "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022), untuk belajar "
    "program pasar murah di masjid. “Kami ingin meniru,” kata Wali Kota Helmi Hasan.\r\n"
)


def extract(*paths: Path) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["extract", *map(str, paths)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, rows, result.stderr


def utf8_twin(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    """The extraction of ``text`` saved as plain UTF-8 under the same file name."""
    folder = tmp_path / "utf8"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8", newline="")
    code, (row,), _ = extract(folder / name)
    assert code == 0
    return row


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16-notepad"),
        pytest.param(lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda text: text.encode("utf-32"), id="utf-32"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="utf-8-bom"),
    ],
)
def test_text_file_with_byte_order_mark_is_extracted(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    folder = tmp_path / "windows"
    folder.mkdir()
    path = folder / "kunjungan.txt"
    path.write_bytes(encode(ARTICLE))

    code, rows, stderr = extract(path)

    assert (code, stderr) == (0, "")
    (row,) = rows
    assert row == utf8_twin(tmp_path, "kunjungan.txt", ARTICLE)
    assert row["doc"] == "kunjungan"
    assert row["regions"], "the text was read: its regions are found"


def test_notepad_file_written_by_python(tmp_path: Path) -> None:
    """What the issue describes: ``open(..., encoding="utf-16")`` is Notepad's "Unicode"."""
    path = tmp_path / "notepad.txt"
    with path.open("w", encoding="utf-16", newline="") as handle:
        handle.write(ARTICLE)
    assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

    code, rows, stderr = extract(path)

    assert (code, stderr) == (0, "")
    assert rows == [utf8_twin(tmp_path, "notepad.txt", ARTICLE)]


def test_excel_unicode_text_csv(tmp_path: Path) -> None:
    """Excel's "Unicode Text": tab-separated UTF-16 LE with a BOM, read by the CSV reader."""
    body = ARTICLE.replace("\r\n", " ").strip()
    table = f"id\ttitle\ttext\r\nk1\tKunjungan\t{body}\r\n"
    path = tmp_path / "ekspor.csv"
    path.write_bytes(table.encode("utf-16"))

    code, rows, stderr = extract(path)

    assert (code, stderr) == (0, "")
    assert [row["doc"] for row in rows] == ["k1"]
    assert rows[0]["regions"], "the text column was read"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        # No byte-order mark: nothing says it is UTF-16 (Notepad always writes one).
        (ARTICLE.encode("utf-16-le"), "binary file (NUL bytes), not text"),
        # A mark, then an odd number of bytes: a cut-off file, named as such.
        (
            codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")[:-1],
            "starts with a UTF-16 byte-order mark but is not valid UTF-16",
        ),
    ],
    ids=["no-bom", "truncated"],
)
def test_unreadable_utf16_is_skipped_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    good = tmp_path / "baik.txt"
    good.write_text(ARTICLE, encoding="utf-16")
    bad = tmp_path / "rusak.txt"
    bad.write_bytes(content)

    code, rows, stderr = extract(good, bad)

    assert code == EXIT_SKIPPED
    assert [row["doc"] for row in rows] == ["baik"]
    assert f"skipped {bad}: {reason}" in stderr
