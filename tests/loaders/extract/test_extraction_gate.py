"""Acceptance tests for the extraction gate and multi-party events, through ``sinergi extract``.

Every article below was written for these tests. Negatives name real regions so the gazetteer
finds them, yet report no inter-regional collaboration: they must yield no event and no
learning edge. Positives pin the exact parties per ../shared/eval/ANNOTATION.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.loaders.extract.gate_texts import (
    brief,
    edges,
    events_of,
    extract_article,
    pairs,
    parties,
)


def assert_nothing(tmp_path: Path, name: str, article: str, at_least: int = 2) -> None:
    """No event and no learning edge, while the gazetteer still sees the regions named."""
    record = extract_article(tmp_path, name, article)
    codes = {r["code"] for r in record["regions"]}
    assert len(codes) >= at_least, f"{name}: the gazetteer should see the regions: {brief(record)}"
    assert record["events"] == [], f"{name}: expected no event, got {brief(record)}"
    assert record["learning"] == [], f"{name}: expected no learning edge, got {brief(record)}"


# --- Negatives --------------------------------------------------------------------------------

FOOTBALL = {
    "persib_at_arema": """Persib Bandung Bertandang ke Markas Arema FC Malam Ini

MALANG - Persib Bandung bertandang ke markas Arema FC di Stadion Kanjuruhan, Kabupaten Malang, Sabtu (18/11/2023) malam. Kunjungan skuad Maung Bandung ke Malang kali ini menjadi laga pekan ke-20 Liga 1. Pelatih Persib mengaku timnya datang untuk mencuri poin dari tuan rumah meski tanpa dua pemain inti. Ribuan suporter sudah memadati kawasan stadion sejak sore untuk menyambut rombongan tim tamu dari Kota Bandung.
""",
    "psis_at_persebaya": """PSIS Semarang Jalani Laga Tandang ke Surabaya

SURABAYA - PSIS Semarang melakoni laga tandang ke kandang Persebaya Surabaya di Stadion Gelora Bung Tomo, Minggu (3/9/2023). Rombongan tim berjuluk Laskar Mahesa Jenar itu tiba di Kota Surabaya sehari sebelumnya dan langsung menjalani latihan ringan. Manajer tim menyebut kunjungan ke Surabaya selalu menjadi ujian berat bagi para pemain muda. Ia berharap suporter dari Kota Semarang tetap tertib selama berada di Jawa Timur.
""",
}


@pytest.mark.parametrize("name", sorted(FOOTBALL))
def test_football_away_match_is_no_event(tmp_path: Path, name: str) -> None:
    assert_nothing(tmp_path, name, FOOTBALL[name])


PRESIDENT = """Presiden Tinjau Bendungan dan Irigasi di Gowa

GOWA - Presiden Joko Widodo melakukan kunjungan kerja ke Kabupaten Gowa, Sulawesi Selatan, Kamis (9/2/2023). Dalam kunjungan itu, Presiden didampingi Gubernur Sulawesi Selatan Andi Mappatoba dan Bupati Gowa Rahmat Daeng Sitaba. Presiden meninjau saluran irigasi yang baru rampung dan berdialog dengan petani di sekitar lokasi. Gubernur mengatakan kunjungan Presiden menjadi dorongan bagi pemerintah daerah untuk mempercepat perbaikan jaringan irigasi tersier.
"""


def test_president_working_visit_with_governor_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "presiden_gowa", PRESIDENT)


MINISTER = """Menteri PUPR Kunjungi Jawa Tengah, Tinjau Tanggul Jebol

SEMARANG - Menteri Pekerjaan Umum dan Perumahan Rakyat melakukan kunjungan kerja ke Provinsi Jawa Tengah, Selasa (7/3/2023). Setibanya di Bandara Ahmad Yani, Menteri disambut Gubernur Jawa Tengah dan Wali Kota Semarang. Rombongan kementerian kemudian meninjau tanggul sungai yang jebol di Kabupaten Demak. Menteri meminta balai besar wilayah sungai segera menutup tanggul sebelum puncak musim hujan.
"""


def test_minister_working_visit_to_province_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "menteri_jateng", MINISTER)


POLICE = """Polres Sidoarjo Dalami Kasus Penipuan Arisan Daring

SIDOARJO - Penyidik Polres Sidoarjo mendalami kasus penipuan arisan daring yang merugikan puluhan warga, Senin (6/3/2023). Kapolres mengatakan terlapor diduga berasal dari Kota Surabaya dan sempat berpindah tempat tinggal ke Kabupaten Gresik. Polda Jawa Timur turut membantu menelusuri rekening yang dipakai untuk menampung setoran para korban. Polisi juga mempelajari pola transaksi untuk memetakan aliran dana.
"""


def test_police_investigation_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "polres_sidoarjo", POLICE)


STUDENTS = """Ratusan Mahasiswa Agam Menimba Ilmu di Padang

PADANG - Ratusan mahasiswa asal Kabupaten Agam kini belajar di sejumlah perguruan tinggi di Kota Padang. Sebagian besar dari mereka menimba ilmu di bidang kesehatan dan teknik. Untuk meringankan biaya, Pemkab Agam menyediakan asrama bagi mahasiswa yang kuliah di Padang. Seorang mahasiswa mengatakan belajar di kota besar membuka wawasannya tentang dunia kerja.
"""


def test_students_studying_in_another_city_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "mahasiswa_agam", STUDENTS)


SCHOOLS = """Kegiatan Belajar Mengajar di Garut Kembali Normal

GARUT - Kegiatan belajar mengajar di sekolah-sekolah di Kabupaten Garut kembali berjalan normal, Senin (10/1/2022). Dinas Pendidikan Kabupaten Garut memastikan seluruh ruang kelas yang rusak akibat banjir sudah diperbaiki. Sejumlah guru yang tinggal di Kota Tasikmalaya mengaku sudah bisa kembali mengajar tepat waktu. Para siswa tampak antusias belajar bersama teman-temannya setelah dua pekan libur.
"""


def test_school_teaching_and_learning_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "kbm_garut", SCHOOLS)


ACTOR = """Demi Film Terbaru, Aktor Muda Ini Pelajari Logat Solo

JAKARTA - Aktor muda Raka Pratama mempelajari peran sebagai abdi dalem keraton untuk film terbarunya. Film drama itu berlatar di Kota Yogyakarta dan Kota Surakarta pada dekade 1980-an. Selama dua bulan, Raka belajar logat dan tata krama dari seorang pelatih bahasa asal Solo. Proses syuting dijadwalkan berlangsung di Yogyakarta mulai pekan depan.
"""


def test_actor_studying_a_role_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "aktor_film", ACTOR)


ONE_GOVERNMENT_MOU = {
    "mou_polres": """Pemkab Sleman dan Polresta Sleman Teken MoU Keamanan Pasar

SLEMAN - Pemerintah Kabupaten Sleman menandatangani nota kesepahaman dengan Polresta Sleman tentang pengamanan pasar tradisional, Rabu (15/2/2023). Penandatanganan dilakukan Bupati Sleman dan Kapolresta Sleman di Pendopo Rumah Dinas Bupati. Patroli gabungan akan diutamakan di pasar-pasar yang berbatasan dengan Kabupaten Magelang. Bupati berharap kerja sama ini menekan angka pencurian di pasar.
""",
    "mou_company": """Pemkab Sidoarjo Gandeng PT KAI Tata Kawasan Stasiun

SIDOARJO - Pemkab Sidoarjo menandatangani perjanjian kerja sama dengan PT Kereta Api Indonesia (Persero) Daop 8 Surabaya, Kamis (23/2/2023). Kerja sama itu mengatur penataan kawasan parkir dan pedagang di sekitar Stasiun Sidoarjo. Penandatanganan dilakukan oleh Sekda Sidoarjo dan Executive Vice President Daop 8 Surabaya. Kedua pihak menargetkan penataan rampung sebelum arus mudik Lebaran.
""",
    "mou_ministry": """Pemprov Jawa Barat Teken Nota Kesepahaman dengan Kementerian Pertanian

BANDUNG - Pemerintah Provinsi Jawa Barat menandatangani nota kesepahaman dengan Kementerian Pertanian di Gedung Sate, Kota Bandung, Senin (13/3/2023). Nota kesepahaman itu mencakup pengembangan kawasan hortikultura dan penyediaan benih unggul bagi petani. Gubernur Jawa Barat mengatakan kerja sama ini menyasar petani di wilayah selatan provinsi. Kementerian Pertanian menyiapkan pendampingan teknis selama tiga tahun.
""",
    "mou_university": """Pemkab Malang dan Universitas Brawijaya Jalin Kerja Sama Riset

MALANG - Pemkab Malang dan Universitas Brawijaya di Kota Malang menandatangani MoU pengembangan riset pertanian, Selasa (21/3/2023). Penandatanganan dilakukan Bupati Malang dan Rektor Universitas Brawijaya di kampus setempat. Melalui kerja sama itu, mahasiswa akan menjalani kuliah kerja nyata di desa-desa sentra kopi. Pemkab Malang juga akan memanfaatkan hasil riset kampus untuk menyusun kebijakan pertanian.
""",
}


@pytest.mark.parametrize("name", sorted(ONE_GOVERNMENT_MOU))
def test_mou_with_a_non_region_party_is_no_agreement(tmp_path: Path, name: str) -> None:
    assert_nothing(tmp_path, name, ONE_GOVERNMENT_MOU[name])


TOURISTS = """Libur Panjang, Kunjungan Wisatawan ke Kota Bogor Melonjak

BOGOR - Ribuan wisatawan asal Kabupaten Bekasi berkunjung ke Kota Bogor selama libur panjang akhir pekan, Minggu (19/2/2023). Dinas Kebudayaan dan Pariwisata Kota Bogor mencatat kunjungan ke Kebun Raya naik hampir dua kali lipat. Sebagian rombongan wisatawan datang menggunakan bus sejak pagi. Wali Kota Bogor meminta petugas mengatur arus kendaraan agar kemacetan tidak berkepanjangan.
"""


def test_tourist_visits_are_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "wisatawan_bogor", TOURISTS)


ONE_REGION_RAKOR = """Pemkab Klaten Gelar Rakor Penanganan Stunting

KLATEN - Pemerintah Kabupaten Klaten menggelar rapat koordinasi penanganan stunting bersama seluruh organisasi perangkat daerah (OPD), Kamis (2/3/2023). Rakor yang dipimpin Bupati Klaten itu berlangsung di Aula Kantor Bupati. Setiap OPD diminta melaporkan capaian program pendampingan keluarga berisiko stunting. Sekda Klaten menegaskan target penurunan angka stunting harus tercapai tahun ini.
"""


def test_rakor_of_one_region_with_its_own_opd_is_no_forum(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "rakor_klaten", ONE_REGION_RAKOR, at_least=1)


NOT_HAPPENED = {
    "planned": """Pemkab Kendal Rencanakan Studi Banding ke Surabaya

KENDAL - Pemerintah Kabupaten Kendal akan melakukan studi banding ke Kota Surabaya bulan depan. Studi banding itu direncanakan untuk melihat pengelolaan taman kota dan ruang terbuka hijau. Kepala Bappeda Kendal mengatakan surat permohonan sudah dikirim ke Pemkot Surabaya. Jadwal pasti kunjungan masih menunggu jawaban dari tuan rumah.
""",
    "banned": """Hemat Anggaran, Bupati Boyolali Larang Studi Banding ke Luar Daerah

BOYOLALI - Bupati Boyolali melarang seluruh OPD melakukan studi banding ke luar daerah sepanjang tahun ini, Senin (9/1/2023). Larangan itu diambil untuk menghemat anggaran yang dialihkan ke perbaikan jalan desa. Akibatnya, rencana kunjungan dinas ke Kabupaten Badung yang sempat diusulkan ikut dibatalkan. Bupati meminta OPD memanfaatkan rapat daring untuk bertukar informasi.
""",
    "hypothetical": """Studi Banding ke Purwakarta Tunggu Anggaran Perubahan

CIMAHI - Pemkot Cimahi belum memastikan jadwal studi banding penataan pedagang kaki lima. Jika anggaran perubahan disetujui DPRD, studi banding ke Kabupaten Purwakarta bisa dilakukan pada akhir tahun. Sekda Cimahi mengatakan usulan kegiatan itu masih dibahas bersama tim anggaran. Hingga kini belum ada surat resmi yang dikirim ke Purwakarta.
""",
    "wished": """Bupati Takalar Ingin Belajar Kelola Sampah dari Makassar

TAKALAR - Bupati Takalar berharap bisa belajar dari Kota Makassar soal pengelolaan sampah berbasis bank sampah, Rabu (1/3/2023). Ia menilai volume sampah di Takalar terus naik seiring bertambahnya penduduk. Menurut dia, sistem yang diterapkan Makassar cocok untuk kawasan perkotaan di Takalar. Namun hingga kini belum ada jadwal pertemuan dengan Pemkot Makassar.
""",
    "negated": """Pemkot Pekalongan Bantah Gelar Studi Banding ke Batang

PEKALONGAN - Sekda Pekalongan menegaskan Pemkot Pekalongan tidak pernah studi banding ke Kabupaten Batang tahun ini, Jumat (17/2/2023). Ia menanggapi kabar di media sosial yang menyebut pejabat Pemkot bepergian dengan anggaran perjalanan dinas. Menurut dia, seluruh pejabat berada di Kota Pekalongan untuk menyiapkan perayaan hari jadi kota. Pemkot meminta warga tidak mudah percaya pada kabar yang belum jelas sumbernya.
""",
}


@pytest.mark.parametrize("name", sorted(NOT_HAPPENED))
def test_planned_banned_hypothetical_wished_or_negated_is_no_event(
    tmp_path: Path, name: str
) -> None:
    assert_nothing(tmp_path, name, NOT_HAPPENED[name])


ABROAD = """Pemkot Surabaya Studi Banding Pengelolaan Sampah ke Jepang

SURABAYA - Delegasi Pemkot Surabaya melakukan studi banding ke Kota Kitakyushu, Jepang, Senin (6/2/2023). Rombongan yang dipimpin Sekda Surabaya itu mempelajari pengolahan sampah menjadi energi listrik. Pemerintah Kota Kitakyushu memaparkan teknologi insinerator yang sudah beroperasi lebih dari dua dekade. Sepulang dari Jepang, Pemkot Surabaya berencana menerapkan sebagian teknologi itu di TPA Benowo.
"""


def test_studi_banding_abroad_is_no_event(tmp_path: Path) -> None:
    assert_nothing(tmp_path, "surabaya_jepang", ABROAD, at_least=1)


NOT_A_PROGRAM = {
    "kpk": """KPK Dalami Dugaan Korupsi Proyek Jalan di Maros dan Makassar

MAKASSAR - Komisi Pemberantasan Korupsi (KPK) mendalami kasus dugaan korupsi proyek jalan di Kabupaten Maros dan Kota Makassar, Selasa (14/3/2023). Penyidik memeriksa sejumlah pejabat dinas pekerjaan umum dari kedua daerah. Juru bicara KPK mengatakan penyidik juga mempelajari dokumen lelang proyek tahun anggaran 2021. Pemeriksaan saksi akan dilanjutkan pekan depan di Jakarta.
""",
    "football_defeat": """Tim Sepak Bola Kota Batu Belajar dari Kekalahan

BATU - Tim sepak bola Kota Batu belajar dari kekalahan melawan Kabupaten Pasuruan pada laga perdana Porprov Jawa Timur, Sabtu (24/6/2023). Pelatih tim menilai lini belakang masih sering kehilangan konsentrasi di menit-menit akhir. Evaluasi langsung digelar usai pertandingan agar kesalahan yang sama tidak terulang. Tim Kota Batu masih berpeluang lolos jika memenangi dua laga sisa.
""",
}


@pytest.mark.parametrize("name", sorted(NOT_A_PROGRAM))
def test_learning_whose_object_is_not_a_program_of_another_region(
    tmp_path: Path, name: str
) -> None:
    assert_nothing(tmp_path, name, NOT_A_PROGRAM[name])


# --- Positives --------------------------------------------------------------------------------

FORUM_ATTENDEES = """Kota Malang Tuan Rumah Rakor Inflasi se-Malang Raya

MALANG - Rapat koordinasi pengendalian inflasi daerah digelar di Kota Malang, Rabu (8/3/2023). Pemkot Malang bertindak sebagai tuan rumah rakor tersebut. Hadir dalam rakor itu Wali Kota Batu Rudi Santoso, Bupati Malang Hadi Prasetyo, Bupati Pasuruan Imam Syafii dan Wakil Wali Kota Pasuruan Nur Hidayat. Para kepala daerah sepakat menggelar operasi pasar bersama menjelang Ramadan.
"""


def test_forum_participants_listed_in_the_following_sentence(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "rakor_malang_raya", FORUM_ATTENDEES)
    forums = events_of(record, "forum")
    assert len(forums) == 1, f"expected one forum event, got {brief(record)}"
    expected = {"35.73", "35.79", "35.07", "35.14", "35.75"}
    assert parties(forums[0]) == expected, (
        f"forum parties should be {sorted(expected)}: {brief(record)}"
    )
    assert "35.73" in forums[0]["hosts"], f"Kota Malang is the tuan rumah: {brief(record)}"


DELEGATIONS = """Wali Kota Surabaya Terima Rombongan Sidoarjo dan Gresik

SURABAYA - Wali Kota Surabaya Bagus Santoso menerima kunjungan kerja rombongan Pemkab Sidoarjo dan Pemkab Gresik di Balai Kota Surabaya, Kamis (16/3/2023). Kedua rombongan dipimpin sekretaris daerah masing-masing. Dalam pertemuan itu, Pemkot Surabaya memaparkan sistem penanganan banjir berbasis rumah pompa. Wali Kota mengatakan penanganan banjir perlu dilakukan bersama karena ketiga daerah berbagi aliran sungai.
"""


def test_several_delegations_received_together_are_one_visit(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "rombongan_surabaya", DELEGATIONS)
    visits = events_of(record, "visit")
    assert len(record["events"]) == 1 and len(visits) == 1, f"expected one visit: {brief(record)}"
    assert visits[0]["hosts"] == ["35.78"], f"host should be Kota Surabaya: {brief(record)}"
    assert set(visits[0]["guests"]) == {"35.15", "35.25"}, (
        f"guests should be Sidoarjo and Gresik: {brief(record)}"
    )


JOINT_AGREEMENT = """Sleman, Bantul dan Kulon Progo Sepakati Pengelolaan Sampah Bersama

SLEMAN - Tiga kabupaten di Daerah Istimewa Yogyakarta meneken kesepakatan pengelolaan sampah regional, Selasa (28/2/2023). Kesepakatan bersama itu ditandatangani Bupati Sleman Hartono Wibowo, Bupati Bantul Suharyanto dan Bupati Kulon Progo Agus Triyono di Pendopo Parasamya Sleman. Dalam satu dokumen tersebut, ketiga daerah sepakat berbagi biaya operasional tempat pengolahan sampah terpadu. Kesepakatan berlaku selama lima tahun.
"""


def test_joint_agreement_of_three_regions_is_one_event(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "sampah_tiga_kabupaten", JOINT_AGREEMENT)
    agreements = events_of(record, "agreement")
    assert len(agreements) == 1, f"expected one agreement: {brief(record)}"
    expected = {frozenset(p) for p in (("34.04", "34.02"), ("34.04", "34.01"), ("34.02", "34.01"))}
    assert pairs(agreements[0]) == expected, (
        f"parties should be Sleman, Bantul, Kulon Progo: {brief(record)}"
    )


BILATERAL_MOUS = """Pemprov Jabar Teken MoU dengan Tiga Daerah Sekaligus

BANDUNG - Pemprov Jawa Barat menandatangani nota kesepahaman dengan Pemkab Garut, Pemkab Sumedang dan Pemkot Cimahi masing-masing di Gedung Sate, Jumat (10/3/2023). Setiap nota kesepahaman mengatur bantuan keuangan untuk pembangunan infrastruktur di daerah penerima. Nota kesepahaman dengan Garut dan Sumedang berfokus pada jalan, sedangkan dengan Cimahi pada penataan drainase. Penandatanganan disaksikan para kepala OPD dari keempat pemerintah daerah.
"""


def test_bilateral_mous_at_one_ceremony_are_separate_events(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "mou_jabar", BILATERAL_MOUS)
    agreements = events_of(record, "agreement")
    found = sorted(sorted(parties(e)) for e in agreements)
    expected = [["32", "32.05"], ["32", "32.11"], ["32", "32.77"]]
    assert found == expected, f"expected three bilateral agreements {expected}: {brief(record)}"


PROVINCE_AND_CAPITAL = """Pemprov Jabar dan Pemkot Bandung Sepakati Pengelolaan Terminal

BANDUNG - Gubernur Jawa Barat Dedi Kurniawan dan Wali Kota Bandung Arif Setiadi menandatangani perjanjian kerja sama pengelolaan Terminal Cicaheum, Selasa (14/2/2023). Melalui perjanjian itu, Pemprov Jawa Barat menyerahkan pengelolaan harian terminal kepada Pemkot Bandung. Gubernur mengatakan pembagian peran ini mempercepat revitalisasi terminal. Wali Kota Bandung menargetkan penataan terminal selesai akhir tahun.
"""


def test_province_and_its_capital_city_are_distinct_parties(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "jabar_bandung", PROVINCE_AND_CAPITAL)
    agreements = events_of(record, "agreement")
    assert len(agreements) == 1, f"expected one agreement: {brief(record)}"
    assert parties(agreements[0]) == {"32", "32.73"}, (
        f"Jawa Barat (32) and Kota Bandung (32.73) must both be parties: {brief(record)}"
    )


STUDY_VISIT = """Pemkab Purwakarta Pelajari Bank Sampah Kota Bogor

BOGOR - Pemkab Purwakarta studi banding ke Pemkot Bogor untuk mempelajari program bank sampah kelurahan, Rabu (22/2/2023). Rombongan dipimpin Asisten Pemerintahan Purwakarta dan diterima Sekda Kota Bogor di Balai Kota. Pemkot Bogor memaparkan cara warga menukar sampah terpilah dengan tabungan emas. Purwakarta berencana menerapkan program serupa di sepuluh kelurahan tahun depan.
"""


def test_studi_banding_gives_a_visit_and_learning(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "purwakarta_bogor", STUDY_VISIT)
    visits = events_of(record, "visit")
    summary = [(v["hosts"], v["guests"]) for v in visits]
    assert summary == [(["32.71"], ["32.14"])], (
        f"visit host Bogor, guest Purwakarta: {brief(record)}"
    )
    assert edges(record) == {("32.14", "32.71")}, (
        f"Purwakarta learns from Kota Bogor: {brief(record)}"
    )


EXCHANGE = """Denpasar dan Badung Teken MoU, Sepakat Saling Bertukar Program

DENPASAR - Pemkot Denpasar dan Pemkab Badung menandatangani nota kesepahaman kerja sama pembangunan daerah, Senin (20/2/2023). Penandatanganan dilakukan Wali Kota Denpasar Made Arsana dan Bupati Badung Nyoman Sudira di Gedung Dharma Negara Alaya. Setelah penandatanganan, Pemkot Denpasar dan Pemkab Badung sepakat saling bertukar program unggulan di bidang pelayanan publik. Denpasar akan berbagi layanan perizinan daring, sementara Badung berbagi pengelolaan pajak hotel.
"""


def test_agreement_to_exchange_programs_gives_learning_both_ways(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "denpasar_badung", EXCHANGE)
    agreements = events_of(record, "agreement")
    assert [parties(e) for e in agreements] == [{"51.71", "51.03"}], (
        f"one agreement Denpasar-Badung: {brief(record)}"
    )
    assert edges(record) == {("51.71", "51.03"), ("51.03", "51.71")}, (
        f"exchange should give learning both ways: {brief(record)}"
    )


HOST_LEARNS = """Pemkab Batang Studi Banding Pelayanan Terpadu ke Kota Semarang

SEMARANG - Rombongan Pemkab Batang melakukan studi banding ke Kota Semarang untuk mempelajari mal pelayanan publik, Kamis (9/3/2023). Rombongan dipimpin Bupati Batang Wahyu Nugroho dan diterima Wali Kota Semarang Ratna Dewi di Balai Kota. Wali Kota Semarang mengatakan pihaknya juga belajar dari Kabupaten Batang soal percepatan perizinan kawasan industri. Kedua daerah berjanji terus berbagi pengalaman.
"""


def test_host_that_learns_from_its_visitor_gives_learning_both_ways(tmp_path: Path) -> None:
    record = extract_article(tmp_path, "batang_semarang", HOST_LEARNS)
    visits = events_of(record, "visit")
    summary = [(v["hosts"], v["guests"]) for v in visits]
    assert summary == [(["33.74"], ["33.25"])], (
        f"visit host Semarang, guest Batang: {brief(record)}"
    )
    assert edges(record) == {("33.25", "33.74"), ("33.74", "33.25")}, (
        f"learning should run both ways: {brief(record)}"
    )
