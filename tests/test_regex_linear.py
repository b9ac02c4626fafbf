"""Patterns rewritten to run in linear time (scripts/regex_safety.py found them quadratic on
long runs of spaces or numbers) give the same answers as the originals, which stay here as
the reference. (The byline split and pagination patterns were rewritten the same way, then
moved to the compiled core, whose regex crate runs in linear time by construction; their
Python forms are the reference in tests/test_rules_core.py.)"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dates import _SPLIT

from .test_rules_core import _BYLINE_SPLIT, _PAGINATION

ORIGINAL_SPLIT = regex.compile(r"\s*[|•·]\s*|\s+[–—]\s+")
ORIGINAL_BYLINE = regex.compile(r"\s*[|•·,]\s*|\s+[–—-]\s+")
ORIGINAL_PAGINATION = regex.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of|из|von|de|di|sur|z)\s*\d{1,4})?$"
    r"|^(?:\d{1,3}\s+){2,}\d{1,3}$", regex.IGNORECASE)

# Lines made of what the patterns look at: spaces, separators, dashes, digits, words.
PIECES = st.sampled_from([" ", "  ", "\t", "\u00a0", "|", "•", "·", ",", "-", "–", "—", "1",
                          "12", "123", "1234", "page", "of", "/", "a", "Jane", "Doe", "\n"])
LINES = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_same_splits_and_matches(line: str) -> None:
    assert _SPLIT.split(line) == ORIGINAL_SPLIT.split(line)
    assert _BYLINE_SPLIT.split(line) == ORIGINAL_BYLINE.split(line)
    assert _BYLINE_SPLIT.split(line, maxsplit=1) == ORIGINAL_BYLINE.split(line, maxsplit=1)
    stripped = line.strip()
    assert bool(_PAGINATION.match(stripped)) == bool(ORIGINAL_PAGINATION.match(stripped))


def test_known_lines() -> None:
    assert _SPLIT.split("June 18, 2024 | 10:30 IST") == ["June 18, 2024", "10:30 IST"]
    assert _BYLINE_SPLIT.split("Jane Doe, Reuters", maxsplit=1)[0] == "Jane Doe"
    assert _PAGINATION.match("1 2 3 4 5") and not _PAGINATION.match("1 2 3 a")
