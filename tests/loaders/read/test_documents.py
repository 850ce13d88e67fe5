"""Reading articles from .txt, .jsonl, .jsonl.gz and folders, with bad records reported."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sinergi.errors import InputError
from sinergi.loaders.read.documents import Document, Rejected, iter_documents, read_documents


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _collect(paths: list[Path]) -> tuple[list[Document], list[Rejected]]:
    errors: list[Rejected] = []
    documents = list(iter_documents(paths, on_error=errors.append))
    return documents, errors


def test_txt_title_is_first_non_empty_line_and_id_is_stem(tmp_path: Path) -> None:
    text = "\n\n   Pemkot Bengkulu Sambut Tamu  \nIsi berita pertama.\nIsi berita kedua.\n"
    path = tmp_path / "berita-bengkulu.txt"
    path.write_text(text, encoding="utf-8")

    [document] = read_documents([path])

    assert document.doc_id == "berita-bengkulu"
    assert document.title == "Pemkot Bengkulu Sambut Tamu"
    assert document.text == text
    assert document.source == str(path)


def test_txt_id_keeps_dots_inside_the_stem(tmp_path: Path) -> None:
    (tmp_path / "laporan-17.71.txt").write_text("Judul\nIsi.\n", encoding="utf-8")
    (tmp_path / "laporan-19.71.txt").write_text("Judul lain\nIsi lain.\n", encoding="utf-8")

    ids = [d.doc_id for d in read_documents([tmp_path])]

    assert ids == ["laporan-17.71", "laporan-19.71"]


def test_jsonl_accepts_doc_and_id_keys_and_metadata(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "batch.jsonl",
        [
            json.dumps({"doc": "a-1", "text": "Pemkab Serang berkunjung.", "title": "Judul A"}),
            json.dumps(
                {
                    "id": 7,
                    "text": "Pemkot Jambi menerima tamu.",
                    "url": "https://contoh.id/b",
                    "published": "2022-03-01",
                    "outlet": "Warta Contoh",
                }
            ),
        ],
    )

    first, second = read_documents([path])

    assert (first.doc_id, first.title, first.text) == (
        "a-1",
        "Judul A",
        "Pemkab Serang berkunjung.",
    )
    assert first.source == f"{path}:1"
    assert second.doc_id == "7"
    assert second.title is None
    assert (second.url, second.published, second.outlet) == (
        "https://contoh.id/b",
        "2022-03-01",
        "Warta Contoh",
    )
    assert second.source == f"{path}:2"


def test_jsonl_gz_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "arsip.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc": "gz-1", "text": "Kota Batu menerima tamu."}) + "\n")
        handle.write(json.dumps({"doc": "gz-2", "text": "Kota Serang menerima tamu."}) + "\n")

    documents = read_documents([path])

    assert [(d.doc_id, d.text) for d in documents] == [
        ("gz-1", "Kota Batu menerima tamu."),
        ("gz-2", "Kota Serang menerima tamu."),
    ]


def test_folders_are_walked_recursively_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "b" / "dalam").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Judul A\nIsi A.\n", encoding="utf-8")
    (tmp_path / "b" / "dalam" / "c.txt").write_text("Judul C\nIsi C.\n", encoding="utf-8")
    _jsonl(tmp_path / "b" / "d.jsonl", [json.dumps({"doc": "d-1", "text": "Isi D."})])
    (tmp_path / "catatan.md").write_text("# bukan artikel\n", encoding="utf-8")

    documents, errors = _collect([tmp_path])

    assert sorted(d.doc_id for d in documents) == ["a", "c", "d-1"]
    assert errors == []


def test_broken_line_is_reported_with_file_and_line_and_stream_continues(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "campur.jsonl",
        [
            json.dumps({"doc": "ok-1", "text": "Berita pertama."}),
            '{"doc": "rusak", "text": "tanpa penutup',
            json.dumps({"doc": "ok-3", "text": "Berita ketiga."}),
        ],
    )

    documents, errors = _collect([path])

    assert [d.doc_id for d in documents] == ["ok-1", "ok-3"]
    assert len(errors) == 1
    assert errors[0].source == f"{path}:2"
    assert "invalid JSON" in errors[0].reason
    assert errors[0].raw == '{"doc": "rusak", "text": "tanpa penutup'


def test_non_object_json_and_record_without_text_are_rejected(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "aneh.jsonl",
        [
            "[1, 2, 3]",
            '"hanya string"',
            json.dumps({"doc": "kosong"}),
            json.dumps({"doc": "spasi", "text": "   "}),
            json.dumps({"text": "tanpa id"}),
            json.dumps({"doc": "baik", "text": "Satu-satunya yang baik."}),
        ],
    )

    documents, errors = _collect([path])

    assert [d.doc_id for d in documents] == ["baik"]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5)]
    assert "expected a JSON object, got list" in errors[0].reason
    assert "expected a JSON object, got str" in errors[1].reason
    assert errors[2].reason == "record has no text"
    assert errors[3].reason == "record has no text"
    assert "no 'doc' or 'id'" in errors[4].reason


def test_missing_path_is_reported_and_other_paths_still_read(tmp_path: Path) -> None:
    good = tmp_path / "ada.txt"
    good.write_text("Judul\nIsi.\n", encoding="utf-8")
    missing = tmp_path / "tidak-ada.jsonl"

    documents, errors = _collect([missing, good])

    assert [d.doc_id for d in documents] == ["ada"]
    assert [(e.source, e.reason) for e in errors] == [(str(missing), "no such file or folder")]


def test_without_on_error_the_first_bad_record_raises_input_error(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "campur.jsonl",
        [
            json.dumps({"doc": "ok-1", "text": "Berita pertama."}),
            "{rusak",
            json.dumps({"doc": "ok-3", "text": "Berita ketiga."}),
        ],
    )

    stream = iter_documents([path])
    assert next(stream).doc_id == "ok-1"
    with pytest.raises(InputError, match=r"campur\.jsonl:2"):
        next(stream)


def test_read_documents_raises_for_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_documents([tmp_path / "hilang.txt"])
