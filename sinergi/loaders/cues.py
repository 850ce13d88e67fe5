"""Compile lexicon phrase lists into word-boundary regular expressions.

Every rule family (events, learning, programs) matches its cue words the same way:
case-insensitive, on word boundaries, any run of white space between words. Keeping that
in one function means a lexicon entry behaves identically wherever it is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["phrase_pattern"]


@lru_cache(maxsize=128)
def _compile(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if phrase.endswith("*") else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` as whole words, longest first."""
    return _compile(tuple(phrases))
