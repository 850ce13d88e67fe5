"""Bad input through `sinergi extract` and `sinergi ingest`: good records land, each bad one
is named once on stderr and kept verbatim in --errors, exit code 3, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sinergi.cli import EXIT_SKIPPED, main

GOOD = "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022), untuk belajar."


@pytest.fixture()
def inputs(tmp_path: Path) -> tuple[list[Path], int]:
    """Every kind of bad input the issue lists, beside good records; returns (paths, bad count)."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    lines = [
        json.dumps({"doc": "good-1", "text": GOOD}).encode(),
        b'{"doc": "broken", "text": "no end',
        b'"just a string"',
        json.dumps({"doc": "no-text"}).encode(),
        json.dumps({"doc": "empty", "text": ""}).encode(),
        json.dumps({"doc": "huge", "text": "kata " * 2_100_000}).encode(),
        json.dumps({"doc": "good-1", "text": "another text under the same id"}).encode(),
        b'{"doc": "latin", "text": "caf\xe9"}',
        json.dumps({"doc": "good-2", "text": GOOD}).encode(),
    ]
    (folder / "campur.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (folder / "kosong.txt").write_bytes(b"")
    (folder / "halaman.html").write_text("<html><body><nav>Menu</nav></body></html>", "utf-8")
    (folder / "tabel.csv").write_text("id,judul\n1,Tanpa teks\n", encoding="utf-8")
    (folder / "baik.txt").write_text(f"Judul Baik\n\n{GOOD}\n", encoding="utf-8")
    bad = 7 + 4 + 1  # seven bad JSONL lines, four bad files, one missing path
    return [folder, tmp_path / "tidak-ada.jsonl"], bad


def check_rejections(stderr: str, errors_file: Path, bad: int) -> None:
    assert "Traceback" not in stderr
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == bad, stderr
    assert any("campur.jsonl:2: invalid JSON" in line for line in skipped)
    records = [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]
    assert len(records) == bad
    broken = next(r for r in records if r["source"].endswith("campur.jsonl:2"))
    assert broken["raw"] == '{"doc": "broken", "text": "no end'


def test_extract_keeps_good_records_and_names_bad_ones(inputs, tmp_path: Path) -> None:
    paths, bad = inputs
    errors_file = tmp_path / "ditolak.jsonl"
    result = CliRunner().invoke(main, ["extract", *map(str, paths), "--errors", str(errors_file)])
    assert result.exit_code == EXIT_SKIPPED
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == ["baik", "good-1", "good-2"]
    check_rejections(result.stderr, errors_file, bad)


def test_ingest_keeps_good_records_and_names_bad_ones(inputs, tmp_path: Path) -> None:
    paths, bad = inputs
    errors_file = tmp_path / "ditolak.jsonl"
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            *map(str, paths),
            "--store",
            str(store),
            "--errors",
            str(errors_file),
            "-j",
            "1",
        ],
    )
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert "3 added" in result.stdout
    check_rejections(result.stderr, errors_file, bad)
    listed = CliRunner().invoke(
        main, ["query", "learning", "--store", str(store), "--format", "csv"]
    )
    assert "ID-36.04,Kabupaten Serang,ID-17.71,Kota Bengkulu" in listed.stdout


def test_csv_columns_are_chosen_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "berita.csv"
    path.write_text(f"kode;isi\nk1;{GOOD}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["extract", str(path), "--text-column", "isi", "--id-column", "kode"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["doc"] == "k1"
