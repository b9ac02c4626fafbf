"""ftfy's mojibake heuristic run by the core (`normalise._badness`): the same answer as
ftfy's own `is_bad` on real pages, on text damaged the usual ways, and on strings made of
the very characters the heuristic looks at."""

from __future__ import annotations

from pathlib import Path

import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.normalise import _badness, core_pattern

ROOT = Path(__file__).resolve().parent.parent
_SEEDS = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
_SAMPLES = [
    "Привет, мир! Это обычный текст.", "Καλημέρα κόσμε, τι κάνεις;", "naïve café — “quoted”",
    "日本語のテキスト。", "Ünïcödé ß ø æ å", "× ² ³ ° µ · » «", "Œuvre Œ1", "√± ≈°",
]
_CODECS = [("latin-1", "utf-8"), ("cp1252", "utf-8"), ("cp1251", "utf-8"),
           ("mac_roman", "utf-8"), ("cp1250", "utf-8")]


def _damaged(text: str) -> list[str]:
    """`text` as UTF-8 bytes read with each wrong codec (what mojibake is)."""
    out = []
    for wrong, right in _CODECS:
        out.append(text.encode(right).decode(wrong, errors="replace"))
    return out


def test_the_pattern_translates_and_the_core_runs_it():
    assert core_pattern(BADNESS_RE.pattern) is not None
    assert isinstance(_badness(), type(_core.Matcher("a").search))


@pytest.mark.parametrize("text", [*_SAMPLES, *_SEEDS])
def test_the_core_agrees_with_ftfy_on_clean_and_damaged_text(text):
    for variant in [text, *_damaged(text), *text.splitlines()]:
        assert _badness()(variant) == is_bad(variant), variant[:80]


_OTHERS = "ÂÃÎÐØÙŒœ×²³°àµ¹¼½¾√±∂†≠®™´≤≥¥ø≈¢‚ÄìîïòôúùûπâóäêвЂВГРСў aZ09 \t\n_.,"
_ALPHABET = "".join(sorted(set("".join(MOJIBAKE_CATEGORIES.values())) | set(_OTHERS)))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_the_core_agrees_with_ftfy_on_the_characters_it_looks_at(text):
    assert _badness()(text) == is_bad(text)


def test_a_pattern_the_core_cannot_read_is_left_to_python():
    assert core_pattern(r"(?<=a)b") is None  # a look-behind
    assert core_pattern(r"\d") is None
    assert core_pattern("[ab") is None
