"""How likely an article reports collaboration or learning between regional governments.

Most news never mentions two regional governments working together, so a cheap score per
article lets ingest tell the few candidates from the bulk before the rule extractor runs,
and lets a reviewer sort a large corpus by it. The score is a logistic regression over
lower-cased word unigrams and bigrams (sublinear tf-idf, L2-normalised), trained by
``scripts/train_relevance.py`` with scikit-learn on the labelled corpora and 20k unlabelled
national news articles. The fitted model ships as plain JSON (``data/relevance.json``: no
pickle) and is evaluated here in pure Python, so inference needs neither scikit-learn nor
numpy and costs a fraction of a millisecond per article.

:func:`features` is the tokenizer the training script uses too: keep the two in step by
changing it only together with a retrain.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

__all__ = [
    "MAX_CHARS",
    "RELEVANCE_FILE",
    "STOP_WORDS",
    "TOKEN_PATTERN",
    "WEAK_EVIDENCE_THRESHOLD",
    "features",
    "load_model",
    "relevance_score",
    "relevance_threshold",
]

RELEVANCE_FILE = "relevance.json"
"""File name of the shipped model inside ``sinergi/data``."""

TOKEN_PATTERN = r"[a-z]{2,}"
"""A token: two or more ASCII letters of the lower-cased text (anything else splits tokens)."""

STOP_WORDS = frozenset(
    {
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "agu",
        "agt",
        "sep",
        "sept",
        "okt",
        "nov",
        "des",
        "com",
        "www",
        "http",
        "https",
        "co",
        "id",
        "html",
    }
)
"""Dropped before bigrams are formed: month names and web address parts say when and where
an article was scraped (the unlabelled training news is nearly all of September 2019), not
what it reports."""

MAX_CHARS = 4000
"""Only the title and the first this many characters of the text are read."""

_TOKEN = re.compile(TOKEN_PATTERN)


def features(title: str | None, text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """The unigrams and bigrams ("a b") of the lower-cased title and text opening, in order."""
    body = text[:max_chars]
    found = _TOKEN.findall((f"{title}\n{body}" if title else body).lower())
    tokens = [token for token in found if token not in STOP_WORDS]
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


@cache
def load_model() -> dict[str, Any]:
    """The shipped model as its parsed JSON, read once per process."""
    data = resources.files("sinergi") / "data" / RELEVANCE_FILE
    model: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    tokenizer = model["tokenizer"]
    expected = {
        "pattern": TOKEN_PATTERN,
        "stop_words": sorted(STOP_WORDS),
        "max_chars": MAX_CHARS,
    }
    if any(tokenizer.get(key) != value for key, value in expected.items()):
        raise ValueError(f"{RELEVANCE_FILE} was trained with another tokenizer: {tokenizer}")
    return model


@cache
def _table() -> tuple[dict[str, tuple[float, float]], float]:
    """feature -> (weight, idf) and the intercept."""
    model = load_model()
    idf: dict[str, float] = model["idf"]
    table = {name: (weight, idf[name]) for name, weight in model["weights"].items()}
    return table, float(model["intercept"])


WEAK_EVIDENCE_THRESHOLD = 0.1
"""The score the weakest event rules need (a meeting of governments without a forum cue, a
forum's venue taken as its host). Trained without dev2, the model kept 92.5 % of dev2's
positive articles at 0.1 and 0.5-1.7 % of bulk news (``scripts/train_relevance.py``):
these rules fire on little text evidence, so they also need the article to read like
collaboration news."""


def relevance_threshold() -> float:
    """Scores at or above this flag an article (CV recall on labelled positives >= 0.97)."""
    return float(load_model()["threshold"])


def relevance_score(title: str | None, text: str) -> float:
    """Probability in [0, 1] that the article reports inter-regional collaboration.

    The same arithmetic as the training pipeline: counts of the selected features,
    sublinear tf (1 + ln count) times idf, L2 normalisation, then the logistic function
    of the weighted sum plus the intercept.
    """
    table, intercept = _table()
    counts: dict[str, int] = {}
    for feature in features(title, text):
        if feature in table:
            counts[feature] = counts.get(feature, 0) + 1
    dot = norm = 0.0
    for feature, count in counts.items():
        weight, idf = table[feature]
        value = (1.0 + math.log(count)) * idf
        dot += value * weight
        norm += value * value
    z = intercept + (dot / math.sqrt(norm) if norm > 0.0 else 0.0)
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    odds = math.exp(z)
    return odds / (1.0 + odds)
