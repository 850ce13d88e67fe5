"""Events, learning edges and programs through the public extractor and its JSON contract."""

from __future__ import annotations

from typing import Any

from sinergi.loaders.extract.pipeline import extract
from sinergi.loaders.extract.sentences import split_sentences
from sinergi.loaders.read.documents import Document

FACETS = ("regions", "officials", "events", "learning", "programs")


def run(text: str, doc_id: str = "uji") -> dict[str, Any]:
    """The extraction's JSON, after checking every item's evidence points into ``text``."""
    result = extract(Document(doc_id, text)).to_json()
    sentences = split_sentences(text)
    for facet in FACETS:
        for item in result[facet]:
            evidence = item["evidence"]
            sentence = sentences[evidence["sentence"]]
            assert 0 <= evidence["start"] < evidence["end"] <= len(text), (facet, item)
            assert sentence.start <= evidence["start"] < sentence.end, (facet, item)
            assert evidence["end"] <= sentence.end, (facet, item)
    return result


def visits(result: dict[str, Any]) -> list[tuple[list[str], list[str], str | None]]:
    return [(e["hosts"], e["guests"], e["date"]) for e in result["events"] if e["type"] == "visit"]


def edges(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["learner"], e["source"]) for e in result["learning"]}


def test_host_verb_splits_host_from_guest() -> None:
    result = run("Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022).")

    assert [e["type"] for e in result["events"]] == ["visit"]
    assert visits(result) == [(["17.71"], ["36.04"], "2022-03-09")]
    assert result["events"][0]["evidence"] == {"sentence": 0, "start": 0, "end": 72}


def test_passive_host_verb_puts_the_host_after_it() -> None:
    text = (
        "Rombongan Pemkab Serang disambut Wali Kota Bengkulu saat kunjungan kerja, Rabu (9/3/2022)."
    )

    assert visits(run(text)) == [(["17.71"], ["36.04"], "2022-03-09")]


def test_host_named_again_as_venue_is_not_a_guest() -> None:
    text = (
        "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang di Balai Kota Bengkulu, "
        "Rabu (9/3/2022)."
    )

    assert visits(run(text)) == [(["17.71"], ["36.04"], "2022-03-09")]


def test_studi_banding_ke_gives_direction_and_learning() -> None:
    text = "Rombongan Pemkab Kepahiang melakukan studi banding ke Kota Pangkalpinang, Kamis (10/3/2022)."

    result = run(text)

    assert visits(result) == [(["19.71"], ["17.08"], "2022-03-10")]
    assert edges(result) == {("17.08", "19.71")}


def test_learning_cue_elsewhere_makes_the_guest_learn_from_the_host() -> None:
    text = (
        "Pemkot Pangkalpinang menerima kunjungan kerja Pemkab Kepahiang, Kamis (24/2/2022). "
        "Kunjungan itu bertujuan mempelajari pengelolaan sampah."
    )

    result = run(text)

    assert visits(result) == [(["19.71"], ["17.08"], "2022-02-24")]
    [edge] = result["learning"]
    assert (edge["learner"], edge["source"], edge["event"]) == ("17.08", "19.71", 0)
    assert edge["evidence"]["sentence"] == 1


def test_courtesy_visit_is_a_visit_without_learning() -> None:
    text = (
        "Wali Kota Bengkulu menerima kunjungan silaturahmi Bupati Bekasi di rumah dinas, "
        "Senin (14/3/2022). Pertemuan berlangsung hangat dan penuh keakraban."
    )

    result = run(text)

    assert visits(result) == [(["17.71"], ["32.16"], "2022-03-14")]
    assert result["learning"] == []
    assert result["programs"] == []


def test_planned_visit_is_neither_event_nor_learning() -> None:
    text = (
        "Pemkab Kepahiang akan melakukan studi banding ke Kota Pangkalpinang bulan depan. "
        "Rencana itu disampaikan Bupati Kepahiang Hidayattullah Sjahid."
    )

    result = run(text)

    assert {r["code"] for r in result["regions"]} == {"17.08", "19.71"}
    assert result["events"] == []
    assert result["learning"] == []
    assert result["programs"] == []


def test_mou_with_program_exchange_gives_agreement_and_learning_both_ways() -> None:
    text = (
        "Pemprov Banten dan Pemprov Bengkulu menandatangani nota kesepahaman di Kota Serang, "
        "Selasa (15/3/2022). Kedua provinsi sepakat saling bertukar program unggulan."
    )

    result = run(text)

    [event] = result["events"]
    assert event["type"] == "agreement"
    assert {*event["hosts"], *event["guests"]} == {"36", "17"}
    assert event["date"] == "2022-03-15"
    assert edges(result) == {("36", "17"), ("17", "36")}
    assert all(e["evidence"]["sentence"] == 1 for e in result["learning"])


def test_forum_lists_participants_and_association() -> None:
    text = (
        "Wali Kota Bengkulu dan Wali Kota Jambi menghadiri rakor APEKSI di Kota Padang, "
        "Kamis (10/3/2022)."
    )

    [event] = run(text)["events"]

    assert event["type"] == "forum"
    assert event["forum"] == "APEKSI"
    assert set(event["guests"]) >= {"17.71", "15.71"}


def test_program_in_a_collaboration_gets_owner_and_theme() -> None:
    text = (
        "Pemprov Banten melakukan studi banding ke Provinsi Bengkulu, Jumat (18/3/2022). "
        "Rombongan mempelajari program pasar murah yang digelar Pemprov Bengkulu setiap pekan."
    )

    result = run(text)

    assert edges(result) == {("36", "17")}
    [program] = result["programs"]
    assert (program["owner"], program["theme"]) == ("17", "perdagangan")
    assert "pasar murah" in program["label"]
    assert program["evidence"]["sentence"] == 1


def test_program_owner_falls_back_to_the_learning_source() -> None:
    text = (
        "Pemkot Pangkalpinang menerima kunjungan kerja Pemkab Kepahiang, Kamis (24/2/2022). "
        "Rombongan mempelajari pengelolaan bank sampah di sana."
    )

    [program] = run(text)["programs"]

    assert (program["owner"], program["theme"]) == ("19.71", "lingkungan-hidup")


def test_program_without_collaboration_is_not_reported() -> None:
    text = (
        "Pemkot Bandung meluncurkan program pasar murah di setiap kecamatan, Senin (21/3/2022). "
        "Warga menyambut baik program pasar murah tersebut."
    )

    result = run(text)

    assert [r["code"] for r in result["regions"]] == ["32.73"]
    assert result["events"] == []
    assert result["learning"] == []
    assert result["programs"] == []


def test_to_json_contract_keys() -> None:
    text = "Pemkot Bengkulu menerima kunjungan kerja Pemkab Serang, Rabu (9/3/2022)."

    result = run(text, doc_id="kontrak")

    assert result["doc"] == "kontrak"
    assert result["published"] is None
    assert {"doc", "published", *FACETS} <= set(result)
    assert result["regions"][0]["name"] == "Kota Bengkulu"
    assert set(result["events"][0]) >= {"type", "date", "hosts", "guests", "forum", "evidence"}
