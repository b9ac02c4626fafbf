"""The compiled shape measures (`src/shapes.rs`) against the regex definitions they replaced,
kept here as the reference: the same thirteen numbers on any text."""

from __future__ import annotations

import math

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.blockfeatures import TextStats, text_stats

_DIGITS = regex.compile(r"\p{N}+")
_UPPERS = regex.compile(r"\p{Lu}+")
_LETTERS = regex.compile(r"\p{L}+")
_PUNCTS = regex.compile(r"[\p{P}\p{S}]+")
_EAST_ASIAN_RUNS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
_ASCII_DIGITS = b"0123456789"
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + bytes(range(ord("a"), ord("z") + 1))
#: Every ASCII character in Unicode's P (punctuation) or S (symbol) categories.
_ASCII_PUNCT = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_CAPWORD = regex.compile(r"(?:^|\s)\p{Lu}")
_BULLET = regex.compile(r"^(?:[-*•·▪►●◦–—+>]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\(\d{1,3}\)\s)")
_SEPARATORS = regex.compile(r"\s[|•·»›/]\s|\s{2,}")
_HANDLE = regex.compile(r"(?:^|\s)[@#]\w")
_EMAIL = regex.compile(r"\w@\w+\.\w")
#: A Markdown inline link (not an image): its text, then its target (no white space, one
#: level of parentheses) and an optional title after a non-empty target.
_TARGET_PART = r'(?:[^ \t\n\r<>()]|\([^ \t\n\r<>()]*\))'
_TARGET = r'(?:' + _TARGET_PART + r'+ "[^"]*"|' + _TARGET_PART + r'*)'
#: An image (`![alt](src)`); inside a link's text it is passed over whole.
_IMAGE = r'!\[[^\[\]\n\r]*\]\(' + _TARGET + r'\)'
_LINK = regex.compile(r'(?<!!)\[((?:[^\[\]\n\r]|' + _IMAGE + r')*)\]\(' + _TARGET + r'\)')
_HEADING = regex.compile(r"#{1,6}(?=[ \t]|\Z)")


def _count(pattern: regex.Pattern[str], text: str) -> int:
    """How many characters of `text` the one-character class `pattern` + "+" matches."""
    return sum(map(len, pattern.findall(text)))


def reference(text: str, words: int) -> TextStats:
    """The shares and shapes of `text`, `words` being its token count."""
    n = max(len(text), 1)
    if text.isascii():
        # Counting by deleting bytes is exact for ASCII and much faster than a regex.
        data = text.encode("ascii")
        letters = n - len(data.translate(None, _ASCII_LETTERS)) if text else 0
        digits = len(data) - len(data.translate(None, _ASCII_DIGITS))
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        punct = len(data) - len(data.translate(None, _ASCII_PUNCT))
        east_asian = 0
    else:
        letters = _count(_LETTERS, text)
        digits = _count(_DIGITS, text)
        upper = _count(_UPPERS, text)
        punct = _count(_PUNCTS, text)
        east_asian = _count(_EAST_ASIAN_RUNS, text)
    spaced = text.count(" ") + 1
    links = list(_LINK.finditer(text))
    linked = sum(len(m.group(1)) for m in links)
    shown = len(text) - sum(len(m.group(0)) - len(m.group(1)) for m in links)
    heading = _HEADING.match(text)
    return TextStats(
        digits / n,
        upper / (letters or 1),
        punct / n,
        (len(_CAPWORD.findall(text)) if upper else 0) / spaced,
        float(bool(_BULLET.match(text))),
        float(text.rstrip().endswith((":", "："))),
        float(len(_SEPARATORS.findall(text))),
        east_asian / n,
        float(("@" in text or "#" in text) and bool(_HANDLE.search(text))),
        float("@" in text and bool(_EMAIL.search(text))),
        (len(text) - spaced + 1) / max(words, 1),
        linked / max(shown, 1) if links else 0.0,
        float(len(heading.group(0))) if heading else 0.0,
    )


CASES = [
    "", " ", "Hello World", "• Item one", "12) Twelve", "(3) three", "a) first",
    "Home | News | Sport", "Home  » Sport", "Follow @example and #news", "mail me: a@b.co",
    "中文标点。、「引用」", "ひらがなとカタカナ", "한국어 문장입니다.", "Ends with a colon：",
    "Ends with a colon:\u2003", "tab\tseparated\u001fvalue", "ΑΘΗΝΑ Ελλάδα", "१२३ हिंदी।",
    "МОСКВА, 28 ноября. Новости", "x" * 500, "ǅungla Ǆ", "À la carte — Ça va",
    "* [Home](/) * [World](https://x.org/world \"All\")", "See [the map](https://x.org/a_(b)).",
    "![photo](https://x.org/p.jpg) [Más](/más)", "[a](b c) [](https://x.org)", "# Title",
    "### Section ###", "#hashtag", "####### seven", "C# and F#",
]


def _same(a: TextStats, b: TextStats) -> bool:
    return all(math.isclose(x, y, rel_tol=0, abs_tol=1e-12) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("text", CASES)
def test_compiled_shapes_match_the_reference(text):
    words = len(text.split())
    assert _same(text_stats([text], [words])[0], reference(text, words))


# Characters assigned by Python's own `unicodedata` (Unicode 14 in 3.11), which both engines'
# tables know. (`regex` knows a newer Unicode than Rust's `regex` crate: a character
# assigned only lately is a symbol to one and unassigned to the other.)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=80),
       st.integers(min_value=0, max_value=40))
def test_compiled_shapes_match_the_reference_on_any_text(text, words):
    assert _same(text_stats([text], [words])[0], reference(text, words))


# Mostly white space, separators and capitals: where capitalised words and separators
# (counted in one hand-written pass, not by the two regexes) could part ways.
_SPACED = st.sampled_from(list(" \t\u00a0\u2003\n\x1c\u3000|•·»›/AZÉaz中@#.1"))
# Markdown's link and heading marks among letters and spaces: where the compiled parser and
# the reference pattern could part ways.
_MARKED = st.sampled_from([*"[]()!#\" \tab\n<>é/", "](", "[a](", "](/x)", "# ", "![",
                          "![a](/i.png)"])


@settings(max_examples=1000, deadline=None)
@given(st.text(_SPACED, max_size=30))
def test_capitals_and_separators_match_the_reference_around_white_space(text):
    assert _same(text_stats([text], [3])[0], reference(text, 3))


@settings(max_examples=1000, deadline=None)
@given(st.lists(_MARKED, max_size=25).map("".join))
def test_links_and_headings_match_the_reference(text):
    assert _same(text_stats([text], [3])[0], reference(text, 3))


def test_one_call_measures_many_texts_in_order():
    texts = ["Hello World", "中文", ""]
    assert text_stats(texts, [2, 2, 0]) == [reference(t, w) for t, w in zip(texts, [2, 2, 0],
                                                                         strict=True)]
    assert text_stats([], []) == []


# ASCII alone takes the core's byte counts (`text_stats`' `is_ascii` path in src/shapes.rs),
# not the per-character class table.
_ASCII = st.sampled_from(list(" \t\n\r\x0b\x1c\x1f|/:AZaz@#.1-*()_"))


@settings(max_examples=1000, deadline=None)
@given(st.text(_ASCII, max_size=30))
def test_ascii_text_matches_the_reference(text):
    assert _same(text_stats([text], [3])[0], reference(text, 3))
