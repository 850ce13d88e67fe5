"""Score the extractor on the gold corpora and review what it flags in the bulk corpus.

Usage (from the repository root, with ../shared beside it)::

    python benchmarks/extraction.py                      # dev, dev2 and seeds score tables
    python benchmarks/extraction.py --corpus dev2        # only some corpora (repeatable)
    python benchmarks/extraction.py --bulk               # also: bulk run, review file
    python benchmarks/extraction.py --bulk --review FILE --review-md FILE.md
    python benchmarks/extraction.py --judgements FILE    # bulk run, checked against a reviewer

Scores come from ``../shared/eval/score.py`` itself (run as a subprocess), so the figures
are exactly the ones the issue tracker uses. ``dev`` and ``seeds`` are shown against
``benchmarks/evaluation.py``'s ``TARGETS``; ``dev2`` (articles no rule was written on) against
``UNSEEN_TARGETS``.

``--bulk`` extracts every article of ``corpus/bulk/clickid-2019.jsonl.gz`` in one process
and reports articles per second (reading, extraction and review writing), how many articles
are flagged (at least one event or learning edge) and, among the articles that contain none
of the ANNOTATION.md collaboration cues, how many are flagged all the same (the
false-positive rate; the target is at most 0.5 %). Each flagged article becomes one JSON line
of the review file (``--review``, default ``bulk-review.jsonl`` in the current folder): doc,
title, url, and its events and learning edges with rule, confidence and evidence sentence.
``--review-md`` writes the same as a Markdown list for people to read.

``--judgements FILE`` (implies ``--bulk``) reads a reviewer's JSON Lines verdicts
``{"doc": ..., "genuine": true/false, "why": ...}`` and prints the precision among the judged
flagged articles, the flagged articles not judged yet, and how many of the articles judged
genuine are still flagged (so a rule change that loses one shows).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation import TARGETS, UNSEEN_TARGETS, score_corpus  # noqa: E402
from sinergi.loaders.extract.pipeline import Extraction, extract  # noqa: E402
from sinergi.loaders.read.documents import Document, iter_documents  # noqa: E402
from sinergi.reference import load_regions  # noqa: E402

SHARED = ROOT.parent / "shared"
BULK = SHARED / "corpus/bulk/clickid-2019.jsonl.gz"
SHOWN_IDS = 10  # unjudged or lost doc ids listed


@dataclass(frozen=True, slots=True)
class Corpus:
    """A gold corpus: its articles, its gold annotations and the F1 targets it is held to."""

    source: Path
    gold: Path
    targets: Mapping[str, float]


CORPORA = {
    "dev": Corpus(
        SHARED / "corpus/dev/docs.jsonl", SHARED / "corpus/dev/gold.jsonl", TARGETS["dev"]
    ),
    "dev2": Corpus(
        SHARED / "corpus/dev2/docs.jsonl", SHARED / "corpus/dev2/gold.jsonl", UNSEEN_TARGETS
    ),
    "seeds": Corpus(
        SHARED / "corpus/seeds/text", SHARED / "corpus/seeds/gold.jsonl", TARGETS["seeds"]
    ),
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


def score(name: str) -> dict:
    """Extract the corpus and score it with score.py; returns score.py's JSON."""
    corpus = CORPORA[name]
    return score_corpus(corpus.source, corpus.gold, SHARED / "eval/score.py")


def print_table(name: str, result: dict) -> None:
    """P/R/F1 of every facet score.py returns, with the corpus's target where it has one."""
    targets = CORPORA[name].targets
    print(f"\n{name}: {result['docs']} documents")
    print(f"{'facet':<16}{'P':>7}{'R':>7}{'F1':>7}{'target':>8}  met")
    for facet, s in result["scores"].items():
        target = targets.get(facet)
        met = "" if target is None else ("yes" if s["f1"] >= target else "NO")
        shown = f"{target:.2f}" if target is not None else ""
        print(
            f"{facet:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{shown:>8}  {met}"
        )


@dataclass(slots=True)
class BulkRun:
    """Counts of one pass of the extractor over a stream of articles."""

    articles: int = 0
    seconds: float = 0.0
    flagged: list[str] = field(default_factory=list)  # doc ids, in corpus order
    without_cues: int = 0
    flagged_without_cues: int = 0


def review_record(extraction: Extraction) -> dict[str, Any] | None:
    """The review line of a flagged article (an event or learning edge), else None."""
    if not extraction.events and not extraction.learning:
        return None
    data = extraction.to_json()
    sentences = extraction.context.sentences

    def sentence(item: dict[str, Any]) -> str:
        return sentences[item["evidence"]["sentence"]].text

    document = extraction.document
    events = [
        {k: e[k] for k in ("type", "hosts", "guests", "forum", "rule", "confidence", "evidence")}
        | {"sentence": sentence(e)}
        for e in data["events"]
    ]
    learning = [
        {k: edge[k] for k in ("learner", "source", "rule", "confidence", "evidence")}
        | {"sentence": sentence(edge)}
        for edge in data["learning"]
    ]
    return {
        "doc": document.doc_id,
        "title": document.title,
        "url": document.url,
        "events": events,
        "learning": learning,
    }


def _region(code: str) -> str:
    region = load_regions().get(code)
    return f"{region.name} ({code})" if region else code


def markdown_entry(record: dict[str, Any]) -> str:
    """One flagged article as a Markdown list item: title, then each edge with its sentence."""
    title = record["title"] or "(no title)"
    link = f", <{record['url']}>" if record["url"] else ""
    lines = [f"- **{title}** (`{record['doc']}`{link})"]
    for e in record["events"]:
        hosts = ", ".join(map(_region, e["hosts"])) or "?"
        guests = ", ".join(map(_region, e["guests"])) or "?"
        forum = f" at {e['forum']}" if e["forum"] else ""
        lines.append(
            f"  - event {e['type']}{forum}: hosts {hosts}; guests {guests} "
            f"[{e['rule']}, {e['confidence']}]"
        )
        lines.append(f"    > {e['sentence']}")
    for edge in record["learning"]:
        lines.append(
            f"  - learning: {_region(edge['learner'])} learns from {_region(edge['source'])} "
            f"[{edge['rule']}, {edge['confidence']}]"
        )
        lines.append(f"    > {edge['sentence']}")
    return "\n".join(lines) + "\n"


def write_review(
    documents: Iterable[Document], review: Path, markdown: Path | None = None
) -> BulkRun:
    """Extract ``documents``, write a review line (and Markdown item) per flagged article."""
    run = BulkRun()
    started = time.perf_counter()
    with ExitStack() as stack:
        out = stack.enter_context(review.open("w", encoding="utf-8"))
        md: TextIO | None = None
        if markdown is not None:
            md = stack.enter_context(markdown.open("w", encoding="utf-8"))
            md.write("# Articles with an event or learning edge\n\n")
        for document in documents:
            record = review_record(extract(document))
            run.articles += 1
            if not GUIDE_CUES.search(document.text):
                run.without_cues += 1
                run.flagged_without_cues += record is not None
            if record is None:
                continue
            run.flagged.append(document.doc_id)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if md is not None:
                md.write(markdown_entry(record))
    run.seconds = time.perf_counter() - started
    return run


def print_bulk(run: BulkRun, review: Path, markdown: Path | None) -> None:
    """Throughput, flagged share and false-positive rate of a bulk run, and its files."""
    rate = run.articles / run.seconds if run.seconds else 0.0
    print(f"\nbulk: {run.articles} articles in {run.seconds:.1f} s = {rate:.0f} articles/s")
    print("(one process: reading, extraction and review writing)")
    flagged = len(run.flagged)
    print(
        f"flagged (an event or learning edge): {flagged} "
        f"({100 * flagged / max(run.articles, 1):.2f} %)"
    )
    fp_rate = 100 * run.flagged_without_cues / max(run.without_cues, 1)
    print(
        f"without any guide cue: {run.without_cues}; of those flagged: "
        f"{run.flagged_without_cues} = {fp_rate:.2f} % (target <= 0.5 %)"
    )
    print(f"review file: {review.resolve()}")
    if markdown is not None:
        print(f"review Markdown: {markdown.resolve()}")


def load_judgements(path: Path) -> dict[str, bool]:
    """A reviewer's verdicts, doc id -> genuine; a later line for the same doc wins."""
    verdicts: dict[str, bool] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item.get("doc"), str) or not isinstance(item.get("genuine"), bool):
                sys.exit(f"{path}:{number}: expected {{'doc': str, 'genuine': bool, 'why': str}}")
            verdicts[item["doc"]] = item["genuine"]
    return verdicts


def _ids(docs: list[str]) -> str:
    return ", ".join(docs[:SHOWN_IDS]) if docs else "-"


def print_judgements(flagged: list[str], verdicts: Mapping[str, bool]) -> None:
    """Precision among the judged flagged articles and recall of the articles judged genuine."""
    judged = [doc for doc in flagged if doc in verdicts]
    genuine = sum(verdicts[doc] for doc in judged)
    unjudged = [doc for doc in flagged if doc not in verdicts]
    precision = f"{genuine / len(judged):.3f}" if judged else "n/a"
    print(f"\njudgements: {len(verdicts)} verdicts")
    print(
        f"flagged {len(flagged)}, judged {len(judged)}, genuine {genuine}, "
        f"precision among judged {precision}"
    )
    print(f"flagged, not judged yet: {len(unjudged)}; first {SHOWN_IDS}: {_ids(unjudged)}")
    still = set(flagged)
    marked = [doc for doc, good in verdicts.items() if good]
    lost = [doc for doc in marked if doc not in still]
    kept = len(marked) - len(lost)
    share = f" = {kept / len(marked):.3f}" if marked else ""
    print(f"judged genuine: {len(marked)}; still flagged: {kept}{share}")
    print(f"judged genuine, no longer flagged: {len(lost)}; first {SHOWN_IDS}: {_ids(lost)}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        action="append",
        choices=list(CORPORA),
        help="score only this gold corpus (repeatable; default: all)",
    )
    parser.add_argument("--bulk", action="store_true", help="also run over the bulk corpus")
    parser.add_argument(
        "--review",
        type=Path,
        default=Path("bulk-review.jsonl"),
        help="review file of the bulk run, one JSON line per flagged article",
    )
    parser.add_argument("--review-md", type=Path, help="also write the review as Markdown")
    parser.add_argument(
        "--judgements", type=Path, help="a reviewer's JSON Lines verdicts (implies --bulk)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not SHARED.is_dir():
        sys.exit("../shared is not beside the repository")
    verdicts = load_judgements(args.judgements) if args.judgements else None
    for name in dict.fromkeys(args.corpus or CORPORA):
        print_table(name, score(name))
    if args.bulk or verdicts is not None:
        run = write_review(iter_documents([BULK]), args.review, args.review_md)
        print_bulk(run, args.review, args.review_md)
        if verdicts is not None:
            print_judgements(run.flagged, verdicts)


if __name__ == "__main__":
    main()
