"""Acceptance tests for single extraction rules, through ``sinergi extract --format json``.

Every article below was written for these tests (title line, then a dateline). Each test
pins what ../shared/eval/ANNOTATION.md asks for one rule: a meeting of several regional
governments as a forum, an association's meeting hosted by its city, plausible official
names, school learning, destination phrasing, a quoted pronoun learner, an agreement's
place-first party order, and the document-level relevance score.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.loaders.extract.gate_texts import brief, edges, events_of, extract_article, parties

WEAK_EVIDENCE = 0.1  # relevance.WEAK_EVIDENCE_THRESHOLD: the meeting rule needs at least this


# --- 1. A meeting of three or more regional governments is a forum ----------------------------

GOVERNMENTS_MEETING = """Gubernur Jabar Pimpin Rapat Penanganan Banjir Bogor-Bekasi

BANDUNG - Gubernur Jawa Barat Ridwan Setiawan memimpin rapat terbatas dengan Pemkot Bekasi, Pemkot Bogor dan Pemkab Bogor di Gedung Sate, Senin (6/3/2023). Rapat itu membahas penanganan banjir di daerah aliran Sungai Cileungsi dan Kali Bekasi yang melintasi ketiga daerah. Gubernur meminta ketiga pemerintah daerah memperkuat koordinasi penanganan banjir, mulai dari normalisasi sungai hingga pembangunan kolam retensi. Pemprov Jawa Barat menyiapkan bantuan keuangan bagi daerah yang menuntaskan pembebasan lahan lebih dulu. Wali Kota Bekasi menyambut baik kerja sama lintas daerah tersebut karena banjir kiriman dari hulu selalu merendam permukiman warga.
"""


def test_meeting_of_several_governments_is_a_forum_of_all_of_them(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "rapat_banjir_jabar", GOVERNMENTS_MEETING)
    assert record["relevance"] >= WEAK_EVIDENCE, f"should read like collaboration: {record}"
    forums = events_of(record, "forum")
    assert len(forums) == 1, f"expected one forum: {brief(record)}"
    expected = {"32", "32.75", "32.71", "32.01"}
    assert parties(forums[0]) == expected, (
        f"forum parties should be Jabar, Kota Bekasi, Kota Bogor, Kab. Bogor: {brief(record)}"
    )
    assert forums[0]["forum"] is None, f"no association is named: {record['events']}"


TWO_GOVERNMENTS_MEETING = """Pemkot Bekasi dan Pemkab Bogor Bahas Banjir Kali Cileungsi

BEKASI - Pemkot Bekasi menggelar rapat bersama Pemkab Bogor membahas penanganan banjir di daerah aliran Sungai Cileungsi, Senin (6/3/2023). Rapat yang berlangsung di Kantor Wali Kota Bekasi itu dipimpin Sekda Kota Bekasi. Kedua daerah sepakat memperkuat koordinasi penanganan banjir, mulai dari normalisasi sungai hingga pembangunan kolam retensi. Wali Kota Bekasi menyambut baik kerja sama lintas daerah tersebut karena banjir kiriman dari hulu selalu merendam permukiman warga.
"""


def test_meeting_of_two_governments_is_no_forum(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "rapat_banjir_bekasi", TWO_GOVERNMENTS_MEETING)
    codes = {r["code"] for r in record["regions"]}
    assert {"32.75", "32.01"} <= codes, f"the gazetteer should see both: {brief(record)}"
    assert record["relevance"] >= WEAK_EVIDENCE, f"the gate must not be what stops it: {record}"
    assert events_of(record, "forum") == [], f"two governments make no forum: {brief(record)}"


# --- 2. An association's meeting is hosted by the city it meets in -----------------------------

APEKSI_MEETING = """Rapat Kerja APEKSI Wilayah I Bahas Pengelolaan Sampah Kota

PADANG - Rapat kerja Komisariat Wilayah I Asosiasi Pemerintah Kota Seluruh Indonesia (APEKSI) digelar di Kota Padang, Kamis (11/5/2023). Rapat kerja itu dihadiri Wali Kota Bukittinggi Erwin Saputra, Wali Kota Payakumbuh Rizal Fahmi dan Wali Kota Solok Zulkarnaini. Para wali kota bertukar pengalaman soal pengelolaan sampah dan penataan pasar tradisional. Hasil rapat kerja akan dibawa ke rapat kerja nasional APEKSI akhir tahun ini.
"""


def test_association_meeting_is_hosted_by_the_city_it_meets_in(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "apeksi_padang", APEKSI_MEETING)
    forums = events_of(record, "forum")
    assert len(forums) == 1, f"expected one forum: {brief(record)}"
    forum = forums[0]
    assert forum["forum"] == "APEKSI", f"the forum is APEKSI's: {record['events']}"
    assert forum["hosts"] == ["13.71"], f"Kota Padang hosts the meeting: {brief(record)}"
    assert set(forum["guests"]) == {"13.75", "13.76", "13.72"}, (
        f"guests should be Bukittinggi, Payakumbuh and Kota Solok: {brief(record)}"
    )


# --- 3. Officials: a title before an everyday word or a region name names nobody --------------

OFFICIALS = """Sleman Terima Kunjungan Kerja Pemkot Bengkulu

SLEMAN - Bupati Sleman Kustini Sri Purnomo menerima kunjungan kerja rombongan Pemkot Bengkulu di Pendopo Parasamya, Selasa (14/3/2023). Rombongan datang untuk mempelajari pengelolaan destinasi wisata berbasis desa.
Baca juga: Wali Kota Bengkulu Berkunjung ke Yogyakarta Bahas Pariwisata
Dalam pertemuan itu, kedua daerah membahas peluang kerja sama promosi wisata. Usulan kerja sama akan dikaji oleh OPD terkait lalu diserahkan kepada Bupati. Nantinya, Bupati yang menentukan bidang kerja sama yang diprioritaskan.
"""


def test_title_before_an_everyday_word_or_a_region_name_is_no_official(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "sleman_bengkulu", OFFICIALS)
    found = {(o["name"], o["region"]) for o in record["officials"]}
    assert found == {("Kustini Sri Purnomo", "34.04")}, (
        f"only Bupati Sleman Kustini Sri Purnomo is a named official, not 'Bengkulu "
        f"Berkunjung' or 'Nantinya': {found}"
    )


# --- 4. School learning is not a region learning from another ---------------------------------

SCHOOL_HOURS = """Jam Belajar Siswa di Sidoarjo Dimundurkan Setengah Jam

SIDOARJO - Jam belajar siswa di Kabupaten Sidoarjo dimundurkan setengah jam mulai Senin (8/1/2024), menyesuaikan jadwal masuk sekolah di Kota Surabaya. Kepala Dinas Pendidikan Sidoarjo Agus Salim mengatakan keputusan itu diambil setelah berkoordinasi dengan Pemkot Surabaya soal kepadatan lalu lintas di perbatasan kedua daerah. Pemkab Sidoarjo memastikan kegiatan belajar mengajar di sekolah-sekolah yang berbatasan dengan Kota Surabaya tetap berlangsung lima hari dalam sepekan. Orang tua diminta menyesuaikan jadwal antar jemput anak.
"""


def test_school_hours_and_teaching_are_no_learning(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "jam_belajar_sidoarjo", SCHOOL_HOURS)
    codes = {r["code"] for r in record["regions"]}
    assert {"35.15", "35.78"} <= codes, f"the gazetteer should see both: {brief(record)}"
    assert record["learning"] == [], f"school learning gives no edge: {brief(record)}"


# --- 5. "X menjadi tujuan studi banding Y": X hosts, Y visits and learns ----------------------

DESTINATION = """Pemkab Halmahera Timur Lirik Bank Sampah Kabupaten Semarang

UNGARAN - Kabupaten Semarang menjadi tujuan studi banding Pemkab Halmahera Timur tentang pengelolaan bank sampah, Rabu (15/3/2023). Rombongan yang dipimpin Sekda Halmahera Timur diterima Wakil Bupati Semarang di ruang rapat bupati. Dinas Lingkungan Hidup Kabupaten Semarang memaparkan cara warga menabung sampah terpilah dan menukarnya dengan sembako. Sekda Halmahera Timur mengatakan program serupa cocok diterapkan di desa-desa pesisir.
"""


def test_destination_of_a_study_visit_is_its_host(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "haltim_semarang", DESTINATION)
    visits = [(v["hosts"], v["guests"]) for v in events_of(record, "visit")]
    assert len(record["events"]) == 1 and visits == [(["33.22"], ["82.06"])], (
        f"one visit, host Kab. Semarang, guest Halmahera Timur (not also reversed): {brief(record)}"
    )
    assert edges(record) == {("82.06", "33.22")}, (
        f"Halmahera Timur learns from Kabupaten Semarang: {brief(record)}"
    )


# --- 6-7. An MoU signed at one party's office, with a quoted pronoun learner -------------------

MOU = """Pemkab Sumbawa dan Banyuwangi Teken MoU Pengembangan Desa

SUMBAWA BESAR - Pemkab Sumbawa dan Pemkab Banyuwangi menandatangani nota kesepahaman tentang pengembangan desa wisata dan pengelolaan dana desa di Kantor Bupati Banyuwangi, Kamis (16/2/2023). Nota kesepahaman itu ditandatangani Bupati Sumbawa Mahmud Arifin dan Bupati Banyuwangi Ika Fitriani. Kerja sama tersebut mencakup pendampingan aparatur desa dan promosi wisata bersama. "Kami belajar dari Banyuwangi soal dana desa," ujar Sekda Kabupaten Sumbawa Muhammad Ikhsan. Ia menambahkan, sejumlah kepala desa di Sumbawa akan magang di desa-desa Banyuwangi tahun ini.
"""


def test_quoted_we_learn_is_the_speakers_region(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "sumbawa_banyuwangi_kami", MOU)
    assert edges(record) == {("52.04", "35.10")}, (
        f"Sumbawa (the Sekda quoted) learns from Banyuwangi: {brief(record)}"
    )


def test_agreement_lists_the_signing_place_first(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "sumbawa_banyuwangi_mou", MOU)
    agreements = [(a["hosts"], a["guests"]) for a in events_of(record, "agreement")]
    assert agreements == [(["35.10"], ["52.04"])], (
        f"signed at Kantor Bupati Banyuwangi: hosts Banyuwangi, guests Sumbawa: {brief(record)}"
    )


# --- 9. Every record carries a document-level relevance score ---------------------------------

NOT_COLLABORATION = """Harga Cabai Rawit di Pasar Kota Kediri Turun

KEDIRI - Harga cabai rawit di sejumlah pasar tradisional Kota Kediri turun dalam sepekan terakhir, Selasa (4/4/2023). Pedagang menyebut pasokan dari petani di Kabupaten Kediri mulai melimpah setelah panen raya. Seorang pembeli mengaku lega karena harga kebutuhan dapur tidak lagi melonjak menjelang Lebaran.
"""


@pytest.mark.parametrize(
    ("name", "article"),
    [("rapat_banjir_jabar", GOVERNMENTS_MEETING), ("cabai_kediri", NOT_COLLABORATION)],
)
def test_record_has_relevance_between_zero_and_one(tmp_path: Path, name: str, article: str) -> None:
    record = extract_article(tmp_path, name, article)
    score = record.get("relevance")
    assert isinstance(score, int | float) and not isinstance(score, bool), (
        f"relevance should be a number: {score!r}"
    )
    assert 0.0 <= score <= 1.0, f"relevance should lie in [0, 1]: {score}"


ABROAD_FROM_ANOTHER_DATELINE = """Pemkot Surabaya Pelajari Pengolahan Sampah di Jepang

JAKARTA - Wali Kota Surabaya bersama rombongan Pemkot Surabaya melakukan studi banding ke Kitakyushu, Jepang, pekan lalu. Kunjungan kerja itu untuk mempelajari pengolahan sampah berbasis teknologi. Gubernur Jawa Timur menyambut baik langkah tersebut.
"""

DISTRICT_TOUR = """Bupati Sleman Kunjungi Tiga Kecamatan

SLEMAN - Bupati Sleman melanjutkan kunjungan kerja ke wilayah utara, yakni Kecamatan Turi, Pakem, Bantul dan Cangkringan, Selasa (5/3/2024). Bupati menyerahkan bantuan bibit kepada kelompok tani di setiap kecamatan.
"""


def test_study_visit_abroad_is_not_hosted_by_the_dateline(tmp_path: Path) -> None:
    """A destination after the cue that is no Indonesian region: the visit went elsewhere,
    so the dateline region (where the reporter files from) is not its host."""
    record = extract_article(tmp_path, "abroad", ABROAD_FROM_ANOTHER_DATELINE)
    assert not record["events"] and not record["learning"], brief(record)


def test_a_list_of_districts_is_no_region(tmp_path: Path) -> None:
    """'Kecamatan Turi, Pakem, Bantul dan Cangkringan': the list continues with districts,
    so 'Bantul' here is not Kabupaten Bantul, and a tour inside one regency is no visit."""
    record = extract_article(tmp_path, "districts", DISTRICT_TOUR)
    assert "34.02" not in {r["code"] for r in record["regions"]}, brief(record)
    assert not record["events"], brief(record)


NEAR_MISSES = {
    "company_visit": """Pemkab Sleman Studi Banding ke Pabrik Pengolahan Sampah

SLEMAN - Pemkab Sleman melakukan studi banding ke PT Sinar Bersih di Kota Surabaya, Rabu (6/3/2024), untuk mempelajari teknologi pengolahan sampah milik perusahaan itu.
""",
    "ministry_visit": """DPRD Kendal Kunker ke Kemendagri

KENDAL - Komisi A DPRD Kabupaten Kendal melakukan kunjungan kerja ke Kementerian Dalam Negeri di Jakarta, Senin (4/3/2024). Kunjungan itu untuk berkonsultasi tentang penataan desa, kata Ketua Komisi A.
""",
    "postponed": """Pemkot Bogor Tunda Kunjungan ke Bandung

BOGOR - Wali Kota Bogor menyatakan kunjungan kerja Pemkot Bogor ke Pemkot Bandung ditunda hingga tahun depan karena anggaran dipangkas.
""",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_give_no_edge(tmp_path: Path, name: str) -> None:
    """A company or a ministry visited in another region's city, or a visit called off
    after the cue ("ditunda"): no event and no learning edge."""
    record = extract_article(tmp_path, name, NEAR_MISSES[name])
    assert len({r["code"] for r in record["regions"]}) >= 2, brief(record)
    assert not record["events"] and not record["learning"], brief(record)
