"""Score the extractor on a gold corpus and measure it on the bulk corpus.

Usage (from the repository root, with ../shared beside it)::

    python benchmarks/extraction.py                 # dev set and seeds, score tables
    python benchmarks/extraction.py --bulk          # also: bulk throughput and false positives

Scores come from ``../shared/eval/score.py`` itself (run as a subprocess), so the figures
are exactly the ones the issue tracker uses. The bulk measurement reports articles per
second of extraction alone (one process) and, among the bulk articles that contain none of
the ANNOTATION.md collaboration cues, the share for which sinergi still reports an event
or a learning edge (the false-positive rate; the target is at most 0.5 %).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from sinergi.evaluation import TARGETS, score_corpus
from sinergi.loaders.documents import iter_documents
from sinergi.loaders.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = {
    "dev": (SHARED / "corpus/dev/docs.jsonl", SHARED / "corpus/dev/gold.jsonl"),
    "seeds": (SHARED / "corpus/seeds/text", SHARED / "corpus/seeds/gold.jsonl"),
}
# The guide's own cue list (ANNOTATION.md), independent of sinergi's lexicons, so the
# false-positive rate is not measured against the extractor's own vocabulary.
GUIDE_CUES = re.compile(
    r"studi banding|study banding|studi tiru|kunjungan kerja|kunker|benchmarking|belajar|"
    r"menimba ilmu|meniru|mengadopsi|kiat|tutor|nota kesepahaman|mou|perjanjian kerja ?sama|"
    r"apeksi|apkasi|appsi|rakor|rapat koordinasi|sharing session|kerja ?sama|berkunjung|"
    r"kunjungan|mengunjungi",
    re.IGNORECASE,
)


def score(corpus: str) -> dict:
    """Extract the corpus and score it with score.py; returns score.py's JSON."""
    source, gold = CORPORA[corpus]
    return score_corpus(source, gold, SHARED / "eval/score.py")


def print_table(corpus: str, result: dict) -> None:
    print(f"\n{corpus}: {result['docs']} documents")
    print(f"{'facet':<16}{'P':>7}{'R':>7}{'F1':>7}{'target':>8}  met")
    for facet, s in result["scores"].items():
        target = TARGETS[corpus].get(facet)
        met = "" if target is None else ("yes" if s["f1"] >= target else "NO")
        shown = f"{target:.2f}" if target is not None else ""
        print(
            f"{facet:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{shown:>8}  {met}"
        )


def bulk() -> None:
    """Throughput and false-positive rate on the unlabelled bulk corpus."""
    path = SHARED / "corpus/bulk/clickid-2019.jsonl.gz"
    started = time.perf_counter()
    total = without_cues = false_positives = with_events = 0
    for document in iter_documents([path]):
        extraction = extract(document)
        total += 1
        found = bool(extraction.events or extraction.learning)
        with_events += found
        if not GUIDE_CUES.search(document.text):
            without_cues += 1
            false_positives += found
    seconds = time.perf_counter() - started
    print(
        f"\nbulk: {total} articles in {seconds:.1f} s = "
        f"{total / seconds:.0f} articles/s (1 process)"
    )
    print(
        f"articles with an event or learning edge: {with_events} "
        f"({100 * with_events / total:.2f} %)"
    )
    rate = 100 * false_positives / max(without_cues, 1)
    print(
        f"without any guide cue: {without_cues}; of those with an event/learning: "
        f"{false_positives} = {rate:.2f} % (target <= 0.5 %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", action="store_true", help="also run over the bulk corpus")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit("../shared is not beside the repository")
    for corpus in CORPORA:
        print_table(corpus, score(corpus))
    if args.bulk:
        bulk()


if __name__ == "__main__":
    main()
