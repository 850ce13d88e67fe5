"""One test per extraction rule added for real-news shapes, each with its negative case.

Texts are written for these tests; codes are Kemendagri codes from regions.csv.
"""

from __future__ import annotations

from typing import Any

from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.read.documents import Document


def run(text: str, published: str | None = None) -> dict[str, Any]:
    return extract(Document("t", text, published=published)).to_json()


def codes(result: dict[str, Any]) -> set[str]:
    return {r["code"] for r in result["regions"]}


def pairs(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["learner"], e["source"]) for e in result["learning"]}


def visits(result: dict[str, Any]) -> list[tuple[list[str], list[str]]]:
    return [(e["hosts"], e["guests"]) for e in result["events"] if e["type"] == "visit"]


def only_event(text: str, kind: str) -> dict[str, Any]:
    """The one event of type ``kind`` extracted from ``text`` (fails if not exactly one)."""
    [event] = [e for e in run(text)["events"] if e["type"] == kind]
    return event


def parties(event: dict[str, Any]) -> set[str]:
    return set(event["hosts"]) | set(event["guests"])


def test_misspelled_name_after_prefix_is_linked() -> None:
    result = run("Penandatanganan dihadiri Kab. Dharmasraja dan Bupati Sanggae kemarin.")
    assert {"13.10", "61.03"} <= codes(result)


def test_unprefixed_lookalike_is_not_linked() -> None:
    assert "61.03" not in codes(run("Warga Sanggae berkumpul di lapangan kemarin."))


def test_teaser_line_is_not_a_mention() -> None:
    text = "Pemkot Bogor menggelar rapat.\nBACA JUGA: Banjir Melanda Kota Ambon, Warga Mengungsi\nRapat selesai sore."
    assert codes(run(text)) == {"32.71"}


def test_listed_council_members_are_all_officials() -> None:
    text = "Rombongan disambut anggota DPRD Kota Balikpapan, masing-masing Budi Santoso, Rina Wati, dan Agus Salim."
    names = {o["name"] for o in run(text)["officials"]}
    assert names == {"Budi Santoso", "Rina Wati", "Agus Salim"}


def test_name_before_title_in_apposition() -> None:
    text = "Yohanes Bria, Anggota DPRD Kabupaten Kupang, ikut dalam rombongan."
    official = run(text)["officials"][0]
    assert (official["name"], official["region"]) == ("Yohanes Bria", "53.01")


def test_headline_words_are_not_names() -> None:
    text = "Wali Kota Ambon Boyong Pejabat Studi Banding ke Makassar\n\nIsi berita singkat."
    assert run(text)["officials"] == []


def test_visitors_listed_in_the_next_sentence() -> None:
    text = (
        "Wali Kota Makassar menerima kunjungan tiga kepala daerah di Balai Kota Makassar, Jumat (8/8/2025). "
        "Mereka adalah Wali Kota Dumai, Wakil Wali Kota Kendari dan Wakil Bupati Magetan. "
        "Mereka datang untuk belajar inovasi pelayanan."
    )
    result = run(text)
    assert visits(result) == [(["73.71"], ["14.72", "74.71", "35.20"])]
    assert pairs(result) == {("14.72", "73.71"), ("74.71", "73.71"), ("35.20", "73.71")}


def test_visit_from_marks_the_visitor() -> None:
    text = "Kunjungan kerja dari DPRD Kota Pekanbaru diterima di Kantor DPRD Kota Bukittinggi, Kamis (16/1/2020)."
    assert visits(run(text)) == [(["13.75"], ["14.71"])]


def test_list_of_signatories_gives_bilateral_agreements() -> None:
    text = (
        "Pemkot Bandung dan Pemkab Madiun menandatangani nota kesepahaman, Rabu (9/5/2018). "
        "Pada hari yang sama MoU juga ditandatangani Kab. Buleleng, Kab. Maros dan Kab. Nias."
    )
    agreements = {
        frozenset([*e["hosts"], *e["guests"]])
        for e in run(text)["events"]
        if e["type"] == "agreement"
    }
    assert agreements == {
        frozenset({"32.73", "35.19"}),
        frozenset({"32.73", "51.08"}),
        frozenset({"32.73", "73.09"}),
        frozenset({"32.73", "12.04"}),
    }


def test_giving_verb_flips_the_learning_direction() -> None:
    text = "Pemkot Bandung memberikan kiat-kiat kepada Pemkab Tegal soal pelayanan publik, Selasa (30/11/2021)."
    assert pairs(run(text)) == {("33.28", "32.73")}


def test_host_that_learns_from_its_visitor() -> None:
    text = (
        "Pemkab Lombok Tengah melakukan studi tiru ke Kota Malang, Rabu (24/1/2024). "
        "Kunjungan itu menjadi pembelajaran bagi Kota Malang tentang promosi wisata."
    )
    assert ("35.73", "52.02") in pairs(run(text))


def test_province_locating_a_city_is_no_party() -> None:
    text = (
        "Pemkab Klaten studi banding ke Pemkot Mataram, Nusa Tenggara Barat, Selasa (18/10/2016)."
    )
    result = run(text)
    assert visits(result) == [(["52.71"], ["33.10"])]
    assert pairs(result) == {("33.10", "52.71")}


def test_regency_visiting_its_own_province_keeps_both() -> None:
    text = "Pemkab Serang melakukan studi tiru ke Pemprov Banten, Jumat (14/11/2025)."
    assert visits(run(text)) == [(["36"], ["36.04"])]


def test_study_purpose_is_not_a_program_of_the_host() -> None:
    text = (
        "Pemkab Kebumen studi banding ke Kota Jambi, Senin (4/9/2017). "
        "Kunjungan itu untuk belajar pengelolaan retribusi parkir dan pengelolaan sampah."
    )
    assert run(text)["programs"] == []


def test_presented_program_belongs_to_the_host() -> None:
    text = (
        "Pemkab Kebumen studi banding ke Kota Jambi, Senin (4/9/2017). "
        "Dinas Perhubungan Kota Jambi memaparkan program parkir berlangganan yang sudah diterapkan."
    )
    programs = {(p["owner"], p["theme"]) for p in run(text)["programs"]}
    assert programs == {("15.71", "perhubungan")}


def test_speaker_describes_own_program() -> None:
    text = (
        "Pemkot Bengkulu melakukan kunjungan kerja ke Kota Pangkalpinang untuk belajar, Kamis (24/2/2022).\n\n"
        "Wali Kota Bengkulu Helmi Hasan memaparkan pengalaman daerahnya.\n\n"
        "“Kami mengangkat anak yatim menjadi anak para pejabat,” ujarnya."
    )
    programs = {(p["owner"], p["theme"]) for p in run(text)["programs"]}
    assert ("17.71", "sosial") in programs


def test_first_person_statement_without_collaboration_is_no_program() -> None:
    text = "Wali Kota Bengkulu Helmi Hasan meresmikan taman. “Kami mengangkat anak yatim,” ujarnya."
    assert run(text)["programs"] == []


_SIGNING = (
    "Pemkab Sleman dan Pemkot Magelang menandatangani nota kesepahaman kerja sama bidang "
    "pariwisata di Sleman, Senin (6/5/2024). Kerja sama meliputi promosi bersama dan "
    "pelatihan pemandu wisata. Bupati Sleman menyebut paket wisata akan dijual bersama. "
    "Pemandu dari kedua daerah akan dilatih pada Juni. Anggaran disiapkan dari APBD "
    "masing-masing. "
)


def test_exchange_said_later_of_the_only_agreement_goes_both_ways() -> None:
    """A signatory saying further down that the agreement is a way to learn from each other
    points back at it: edges both ways, however far from the signing sentence."""
    text = _SIGNING + "Menurutnya, nota kesepahaman ini menjadi wadah untuk saling belajar."
    assert pairs(run(text)) == {("34.04", "33.71"), ("33.71", "34.04")}


def test_exchange_maxim_far_from_the_agreement_gives_no_edge() -> None:
    """The same cue as a general maxim points at nothing: no edge."""
    text = _SIGNING + "Menurutnya, daerah hanya bisa maju lewat kolaborasi dan saling belajar."
    assert pairs(run(text)) == set()


def test_people_brought_along_by_a_government_do_not_take_its_visit() -> None:
    """Journalists "bersama" a city government are its companions: the city visits. The
    same journalists as the clause's own subject make it theirs: no visit."""
    along = (
        "Pemkot Pekalongan bersama para pengurus persatuan wartawan melakukan kunjungan kerja "
        "ke Kota Salatiga, Kamis (4/7/2024)."
    )
    assert visits(run(along)) == [(["33.73"], ["33.75"])]
    alone = (
        "Para pengurus persatuan wartawan Pekalongan melakukan kunjungan kerja ke Kota "
        "Salatiga, Kamis (4/7/2024)."
    )
    assert visits(run(alone)) == []


def test_visitors_enumerated_after_a_count_of_regions() -> None:
    """ "Kedua daerah itu yakni A dan B": the sentence after the visit lists its guests,
    here in a text wrapped mid-sentence."""
    text = (
        "PEKALONGAN - Pemkot Pekalongan menerima kunjungan dua daerah\n"
        "yang datang untuk belajar tata kelola pasar, Senin (3/6/2024).\n"
        "Kedua daerah itu yakni Pemkab Blora dan Pemkot\n"
        "Salatiga. Rombongan diterima di ruang rapat dan\n"
        "berdiskusi selama dua jam dengan dinas terkait. Mereka\n"
        "juga meninjau pasar induk dan\n"
        "los pedagang ikan.\n"
    )
    result = run(text)
    assert visits(result) == [(["33.75"], ["33.16", "33.73"])]
    assert pairs(result) == {("33.16", "33.75"), ("33.73", "33.75")}


def test_a_benchmark_for_another_government_is_learning() -> None:
    """ "menjadi benchmark bagi Pemprov X": X learns from the subject (as with "rujukan");
    a market benchmark names no learning government."""
    text = (
        "Pemprov Jawa Timur dan Pemprov Bali menandatangani nota kesepahaman di Surabaya, "
        "Selasa (2/4/2024). Sistem merit Pemprov Jawa Timur menjadi benchmark bagi Pemprov "
        "Bali dalam menata aparatur."
    )
    assert ("51", "35") in pairs(run(text))
    market = (
        "Pemkot Medan dan Pemkab Deli Serdang menandatangani nota kesepahaman di Medan, "
        "Selasa (2/4/2024). Suku bunga acuan menjadi benchmark bagi perbankan di Medan."
    )
    assert pairs(run(market)) == set()


def test_provinces_said_to_attend_a_forum_are_its_participants() -> None:
    """ "Provinsi X diwakili Sekda ...": a region attending a rakor attends as a government,
    even when no title names it so; a list of regions after the rakor about something else
    ("tiga kabupaten yang menetapkan status siaga, yakni ...") adds no participant."""
    text = (
        "Rapat koordinasi gubernur se-Kalimantan digelar di Kota Samarinda, Senin (8/7/2024). "
        "Rapat dihadiri Gubernur Kalimantan Timur dan Gubernur Kalimantan Selatan. "
        "Provinsi Kalimantan Barat dan Provinsi Kalimantan Tengah diwakili sekretaris daerah. "
        "Sejauh ini tiga kabupaten menetapkan status siaga banjir, yakni Kabupaten Paser, "
        "Kabupaten Berau dan Kabupaten Kutai Barat."
    )
    forum = only_event(text, "forum")
    assert parties(forum) == {"64", "63", "61", "62"}


_FILLER = " ".join(f"Pembahasan bagian {n} berjalan lancar." for n in range(1, 10))


def test_attendance_after_the_forums_last_mention_names_its_participants() -> None:
    """A roll call may come long after the forum's first sentence, right after the article
    returns to it ("Raker diikuti ... Adapun yang hadir ..."): its regions take part."""
    text = (
        "Gubernur Jawa Tengah membuka rapat kerja bupati dan wali kota se-Jawa Tengah di "
        f"Kota Semarang, Senin (8/7/2024). {_FILLER} Raker tahun ini diikuti lengkap oleh "
        "para kepala daerah. Adapun yang hadir antara lain Bupati Kudus, Bupati Pati dan "
        "Wali Kota Salatiga."
    )
    forum = only_event(text, "forum")
    assert {"33.19", "33.18", "33.73"} <= set(forum["guests"])


def test_a_list_long_after_an_agreement_names_no_signatory() -> None:
    """Lists ("yakni") must follow an agreement's first sentence closely; a later list of
    regions names no signatory, however often the agreement is mentioned again."""
    text = (
        "Pemkab Kudus dan Pemkab Pati menandatangani nota kesepahaman di Kudus, Senin "
        f"(8/7/2024). {_FILLER} Nota kesepahaman Pemkab Kudus dan Pemkab Pati itu berlaku "
        "lima tahun. Daerah lain "
        "yang pernah menjadi tuan rumah festival yakni Pemkab Demak dan Pemkab Jepara."
    )
    agreement = only_event(text, "agreement")
    assert parties(agreement) == {"33.19", "33.18"}


def test_a_meeting_counted_in_regions_is_a_forum_of_those_said_to_attend() -> None:
    """ "Empat provinsi ... menggelar rapat gabungan" with the next sentence naming them as
    attending is a forum of those four; the same count with no one named is no event."""
    meeting = (
        "Empat provinsi yang tergabung dalam forum kerja sama daerah menggelar rapat gabungan "
        "di Kota Mataram, Senin (8/7/2024). Perwakilan dari Provinsi Bali, Nusa Tenggara "
        "Barat, Nusa Tenggara Timur dan Jawa Timur yang hadir membahas rencana aksi bersama."
    )
    forum = only_event(meeting, "forum")
    assert parties(forum) == {"51", "52", "53", "35"}
    unnamed = (
        "Empat provinsi yang tergabung dalam forum kerja sama daerah menggelar rapat gabungan "
        "di Kota Mataram, Senin (8/7/2024). Rapat membahas rencana aksi bersama."
    )
    assert run(unnamed)["events"] == []


def test_comparative_study_words_are_visits_to_learn() -> None:
    """ "kaji tiru", "studi komparatif" and "kunjungan studi" are the guide's studi banding:
    a visit and a learning edge; students on a study visit are no government."""
    for cue in ("kaji tiru", "studi komparatif", "kunjungan studi"):
        text = f"Pemkab Klaten melakukan {cue} ke Pemkot Surakarta, Rabu (10/7/2024)."
        result = run(text)
        assert visits(result) == [(["33.72"], ["33.10"])], cue
        assert pairs(result) == {("33.10", "33.72")}, cue
    students = (
        "Siswa SMA asal Klaten melakukan kunjungan studi ke Kota Surakarta, Rabu (10/7/2024)."
    )
    assert run(students)["events"] == [] and pairs(run(students)) == set()


def test_an_agreement_to_transfer_knowledge_goes_both_ways() -> None:
    """ "alih pengetahuan dan pengalaman" is an exchange of experience (the guide's edges
    both ways); being open to such an exchange ("membuka diri terhadap") is a stance."""
    signing = (
        "Pemkab Ngawi dan Pemkot Depok menandatangani nota kesepahaman di Depok, Kamis "
        "(11/7/2024). "
    )
    agreed = signing + "Kerja sama itu untuk alih pengetahuan dan pengalaman antar aparatur."
    assert pairs(run(agreed)) == {("35.21", "32.76"), ("32.76", "35.21")}
    open_to = signing + "Pemkot Depok membuka diri terhadap pertukaran pengetahuan antardaerah."
    assert pairs(run(open_to)) == set()


def test_a_banned_activity_is_no_event_however_long_the_list() -> None:
    """A ban governs every activity it lists, even past the five words a plan word reaches;
    the same list reported as done is a visit."""
    banned = (
        "Pemkab Boyolali melarang seluruh perangkat daerah, mulai dari camat hingga kepala "
        "desa, untuk melaksanakan bimbingan teknis, pelatihan, rapat, dan studi tiru ke Kota "
        "Yogyakarta, Senin (15/7/2024)."
    )
    assert run(banned)["events"] == [] and pairs(run(banned)) == set()
    done = "Pemkab Boyolali melaksanakan studi tiru ke Kota Yogyakarta, Senin (15/7/2024)."
    assert visits(run(done)) == [(["34.71"], ["33.09"])]


def test_a_province_split_since_still_locates_its_old_regencies() -> None:
    """ "Kabupaten Maybrat, Papua Barat" (written before Papua Barat Daya was formed) only
    locates Maybrat; listed after Papua Barat Daya, Papua Barat is a party of its own."""
    visit = (
        "Pemkab Maybrat, Papua Barat, melakukan studi banding ke Pemkot Jayapura, Rabu (6/3/2019)."
    )
    assert visits(run(visit)) == [(["91.71"], ["96.05"])]
    forum = (
        "Rapat koordinasi gubernur se-Tanah Papua digelar di Kota Jayapura, Selasa "
        "(15/4/2025). Rapat dihadiri Gubernur Papua Barat Daya, Papua Barat dan Gubernur Papua."
    )
    event = only_event(forum, "forum")
    assert {"96", "92", "91"} <= parties(event)


def test_located_in_knows_the_provinces_split_since() -> None:
    from sinergi.reference import located_in

    assert located_in("96.05", "96") and located_in("96.05", "92")
    assert located_in("65.71", "64") and not located_in("65.71", "91")
    assert not located_in("96", "92") and located_in("92", "92")


def test_degrees_after_names_neither_end_a_list_nor_hide_an_apposition() -> None:
    """Academic degrees ("S.Sos", "S.IP", "SH") between listed names, or between a name and
    the title after it, are skipped, not read as names."""
    listed = (
        "Rombongan disambut anggota DPRD Kota Balikpapan, Budi Santoso, S.Sos, Rina Wati, "
        "S.Hut, SH, dan Agus Salim."
    )
    names = {o["name"] for o in run(listed)["officials"]}
    assert names == {"Budi Santoso", "Rina Wati", "Agus Salim"}
    apposition = "Yohanes Bria, S.IP, Wakil Ketua DPRD Kabupaten Kupang, ikut dalam rombongan."
    official = run(apposition)["officials"][0]
    assert (official["name"], official["region"]) == ("Yohanes Bria", "53.01")
