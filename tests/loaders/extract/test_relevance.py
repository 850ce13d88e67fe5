"""The article relevance score: pure-Python inference of the shipped JSON model."""

from __future__ import annotations

import json
import time
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from sinergi.loaders.extract.relevance import (
    RELEVANCE_FILE,
    features,
    load_model,
    relevance_score,
    relevance_threshold,
)
from sinergi.loaders.read.documents import iter_documents
from tests.conftest import REPO

# Invented texts, written for these tests (not taken from any article).
STUDY_VISIT = (
    "Pemkab Sleman Studi Banding ke Pemkot Surabaya Pelajari Pengelolaan Sampah",
    "SURABAYA - Rombongan Pemerintah Kabupaten Sleman yang dipimpin Sekretaris Daerah "
    "melakukan studi banding ke Pemerintah Kota Surabaya, Selasa (12/3). Kunjungan kerja "
    "ini bertujuan mempelajari program bank sampah berbasis kelurahan dan layanan pengaduan "
    "warga yang sudah berjalan di Surabaya.\n\nRombongan diterima Asisten Pemerintahan Kota "
    'Surabaya di ruang rapat balai kota. "Kami ingin belajar langsung bagaimana Pemkot '
    'Surabaya mengelola sampah dari tingkat kelurahan," kata Sekda Sleman. Pemkab Sleman '
    "berencana mengadopsi inovasi tersebut dan menerapkannya di seluruh kecamatan.",
)
FOOTBALL = (
    "Persib Tundukkan Persija 2-1 di Laga Sengit",
    "BANDUNG - Persib Bandung menang 2-1 atas Persija Jakarta pada lanjutan Liga 1 di "
    "Stadion Gelora Bandung Lautan Api, Sabtu malam. Gol pembuka dicetak lewat sundulan "
    "pada menit ke-23 setelah menerima umpan silang dari sisi kanan. Persija menyamakan "
    "kedudukan melalui tendangan bebas jelang turun minum.\n\nDi babak kedua tuan rumah "
    "terus menekan dan gol kemenangan lahir dari titik penalti pada menit ke-78. Pelatih "
    "Persib memuji mental pemainnya, sementara pelatih tim tamu menyesalkan banyaknya "
    "peluang yang terbuang. Dengan hasil ini Persib naik ke posisi ketiga klasemen sementara.",
)
POLICE_CASE = (
    "Polisi Tangkap Dua Pencuri Sepeda Motor di Parkiran Pasar",
    "Jajaran Polsek Kota menangkap dua pria yang diduga mencuri sepeda motor di area parkir "
    "pasar tradisional, Rabu dini hari. Kapolsek mengatakan kedua tersangka beraksi dengan "
    "merusak kunci kontak menggunakan kunci letter T.\n\nPenangkapan berawal dari laporan "
    "seorang pedagang yang kehilangan motornya. Dari tangan pelaku, petugas menyita dua "
    "unit sepeda motor, kunci palsu, dan telepon genggam sebagai barang bukti. Kedua "
    "tersangka kini ditahan dan dijerat Pasal 363 KUHP tentang pencurian dengan pemberatan "
    "dengan ancaman hukuman tujuh tahun penjara.",
)


def sklearn_pipeline_from_json():
    """scikit-learn's own estimators, set to the shipped numbers, fed the same tokens."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = load_model()
    names = sorted(model["weights"])
    tfidf = TfidfTransformer(norm="l2", use_idf=True, sublinear_tf=True)
    tfidf.idf_ = np.array([model["idf"][name] for name in names])
    classifier = LogisticRegression()
    classifier.classes_ = np.array([0, 1])
    classifier.coef_ = np.array([[model["weights"][name] for name in names]])
    classifier.intercept_ = np.array([model["intercept"]])
    counts = CountVectorizer(analyzer=lambda doc: features(*doc), vocabulary=names)
    return Pipeline([("counts", counts), ("tfidf", tfidf), ("model", classifier)])


@pytest.mark.shared
def test_score_equals_sklearn_predict_proba(shared: Path) -> None:
    pipeline = sklearn_pipeline_from_json()
    docs = [(d.title, d.text) for d in iter_documents([shared / "corpus/dev2/docs.jsonl"])][:12]
    for doc in iter_documents([shared / "corpus/bulk/clickid-2019.jsonl.gz"]):
        docs.append((doc.title, doc.text))
        if len(docs) >= 40:
            break
    docs += [STUDY_VISIT, FOOTBALL, POLICE_CASE, (None, "teks tanpa kata yang dikenal"), (None, "")]
    expected = pipeline.predict_proba(docs)[:, 1]
    for (title, text), want in zip(docs, expected, strict=True):
        assert relevance_score(title, text) == pytest.approx(float(want), abs=1e-6)


def test_invented_study_visit_scores_above_threshold() -> None:
    assert relevance_score(*STUDY_VISIT) >= relevance_threshold()


@pytest.mark.parametrize("article", [FOOTBALL, POLICE_CASE], ids=["football", "police"])
def test_invented_unrelated_news_scores_below_threshold(article: tuple[str, str]) -> None:
    assert relevance_score(*article) < relevance_threshold()


def test_scores_are_probabilities_for_odd_input() -> None:
    for title, text in [(None, ""), ("", "   "), (None, "2019 12 31"), ("Judul", "x" * 50_000)]:
        assert 0.0 <= relevance_score(title, text) <= 1.0
    assert relevance_score(None, STUDY_VISIT[0] + "\n" + STUDY_VISIT[1]) == relevance_score(
        *STUDY_VISIT
    )


def test_long_text_stays_fast() -> None:
    text = STUDY_VISIT[1] * 2000  # ~1 MB: only the opening is read
    relevance_score(None, text)
    started = time.perf_counter()
    relevance_score(None, text)
    assert time.perf_counter() - started < 0.05


def test_model_is_plain_json_and_packaged() -> None:
    raw = (resources.files("sinergi") / "data" / RELEVANCE_FILE).read_bytes()
    assert not raw.startswith(b"\x80")  # a pickle's protocol marker
    model = json.loads(raw)
    assert set(model["weights"]) == set(model["idf"])
    assert 0 < len(model["weights"]) <= 10_000
    assert all(isinstance(w, float | int) for w in model["weights"].values())
    assert 0.0 < model["threshold"] < 1.0 and relevance_threshold() == model["threshold"]
    with (REPO / "pyproject.toml").open("rb") as handle:
        package_data = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["sinergi"]
    assert "data/*" in package_data
