"""Every input format and every kind of bad input, through the public reader.

Good records always arrive; each bad one is reported once with its place and reason.
All inputs are written by the tests.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sinergi.errors import InputError
from sinergi.loaders.read.documents import (
    MAX_TEXT_CHARACTERS,
    Document,
    ReadOptions,
    Rejected,
    iter_documents,
)

ARTICLE = "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022). " * 3


def collect(
    paths: list[Path], options: ReadOptions | None = None
) -> tuple[list[Document], list[Rejected]]:
    errors: list[Rejected] = []
    documents = list(iter_documents(paths, on_error=errors.append, options=options))
    return documents, errors


PAGE = f"""<html><head><title>Bengkulu Terima Tamu dari Serang</title>
<link rel="canonical" href="https://berita.contoh/daerah/123">
<meta property="article:published_time" content="2022-03-09T08:00:00+07:00"></head>
<body><nav><a href="/">Beranda</a> | <a href="/daerah">Daerah</a> | Menu Banten Jabar Jatim</nav>
<article><h1>Bengkulu Terima Tamu dari Serang</h1><p>{ARTICLE}</p>
<p>Rombongan ingin belajar pengelolaan pasar dari Kota Bengkulu selama dua hari kunjungan.</p>
</article><div class="comments">Komentar pembaca: mantap Kota Ambon</div>
<footer>Hak cipta redaksi</footer></body></html>"""


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "berita.html").write_text(PAGE, encoding="utf-8")
    (document,), errors = collect([tmp_path / "berita.html"])
    assert errors == []
    assert document.doc_id == "berita"
    assert document.title == "Bengkulu Terima Tamu dari Serang"
    assert document.url == "https://berita.contoh/daerah/123"
    assert document.published == "2022-03-09"
    assert "belajar pengelolaan pasar" in document.text
    assert "Beranda" not in document.text and "Komentar" not in document.text


def test_html_page_without_article_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "kosong.html").write_text("<html><body><nav>Menu</nav></body></html>", "utf-8")
    documents, errors = collect([tmp_path / "kosong.html"])
    assert documents == []
    assert [e.reason for e in errors] == ["no article text found in the HTML page"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", "\t")],
)
def test_csv_dialects_and_encodings(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [
        ["id", "judul", "isi"],
        ["c1", "Kafé Rakyat", ARTICLE],
        ["c2", "Dua", "Isi kedua — ringkas."],
    ]
    path = tmp_path / "berita.csv"
    path.write_bytes(
        "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows).encode(encoding)
    )
    options = ReadOptions(text_column="isi", title_column="judul")
    documents, errors = collect([path], options)
    assert errors == []
    assert [(d.doc_id, d.title) for d in documents] == [("c1", "Kafé Rakyat"), ("c2", "Dua")]
    assert documents[1].text == "Isi kedua — ringkas."


def test_csv_without_text_column_names_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "salah.csv"
    path.write_text("id,judul\n1,Satu\n", encoding="utf-8")
    documents, errors = collect([path])
    assert documents == []
    assert "no text column 'text' (columns: id, judul)" in errors[0].reason


def test_csv_row_without_text_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "campur.csv"
    path.write_text(f"id,text\n1,{ARTICLE}\n2,\n3,Isi ketiga.\n", encoding="utf-8")
    documents, errors = collect([path])
    assert [d.doc_id for d in documents] == ["1", "3"]
    assert [(e.source, e.reason) for e in errors] == [(f"{path}:3", "record has no text")]


def test_windows_1252_text_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "lama.txt"
    path.write_bytes("Judul “Kutipan”\nKafé di Kota Bengkulu dibuka.\n".encode("cp1252"))
    (document,), errors = collect([path])
    assert errors == []
    assert document.title == "Judul “Kutipan”"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
        ("kosong.txt", b"", "empty file"),
        ("spasi.txt", b"   \n\n  ", "empty file"),
    ],
)
def test_unreadable_text_files_are_rejected(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(content)
    documents, errors = collect([tmp_path / name])
    assert documents == []
    assert [e.reason for e in errors] == [reason]


def test_jsonl_with_every_kind_of_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "ok-1", "text": ARTICLE}).encode(),
        b'{"doc": "rusak", "text": "tanpa',
        b"[1, 2, 3]",
        json.dumps({"doc": "tanpa-teks"}).encode(),
        json.dumps({"doc": "kosong", "text": ""}).encode(),
        json.dumps({"doc": "besar", "text": "a" * (MAX_TEXT_CHARACTERS + 1)}).encode(),
        b'{"doc": "latin", "text": "caf\xe9"}',
        json.dumps({"doc": "ok-1", "text": "teks lain dengan id yang sama"}).encode(),
        json.dumps({"doc": "ok-1", "text": ARTICLE}).encode(),
        json.dumps({"id": 8, "text": "Berita kedelapan."}).encode(),
    ]
    path = tmp_path / "campur.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    documents, errors = collect([path])
    assert [d.doc_id for d in documents] == ["ok-1", "8"]
    reasons = {e.source.rsplit(":", 1)[1]: e.reason for e in errors}
    assert reasons["2"].startswith("invalid JSON")
    assert reasons["3"] == "expected a JSON object, got list"
    assert reasons["4"] == "record has no text"
    assert reasons["5"] == "record has no text"
    assert "exceeds the 1,000,000 limit" in reasons["6"]
    assert reasons["7"].startswith("not UTF-8")
    assert reasons["8"].startswith("duplicate id 'ok-1' with a different text")
    assert "9" not in reasons  # an exact repeat is skipped silently
    assert (
        next(e for e in errors if e.source.endswith(":2")).raw == '{"doc": "rusak", "text": "tanpa'
    )


def test_missing_path_and_unknown_type(tmp_path: Path) -> None:
    (tmp_path / "foto.png").write_bytes(b"\x89PNG")
    documents, errors = collect([tmp_path / "tidak-ada", tmp_path / "foto.png"])
    assert documents == []
    assert errors[0].reason == "no such file or folder"
    assert errors[1].reason.startswith("unknown file type")


def test_without_handler_the_first_bad_record_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_documents([tmp_path / "tidak-ada"]))
