"""Hard-wrapped lines joined by the core (`src/unwrap.rs`, through `cleaner.unwrap`)
against the Python code it replaced, kept here as the reference: the same blocks, offsets
and width on made-up wrapped text of every kind the step distinguishes (cased and uncased
scripts, hyphen breaks, lists, indents, table rows, paragraphs with and without blank lines),
on the seeds and on real pages; and the core's reading of `str.isalpha`, `str.islower` and
`str.isupper` equal to Python's on every code point."""

from __future__ import annotations

import math
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.features import ends_with_terminal
from cleaner.segment import Block, segment
from cleaner.unwrap import join_wrapped

from .test_matrix_core import _pages

ROOT = Path(__file__).resolve().parent.parent

# --- the reference: cleaner/unwrap.py as it was (2026-12-02), with Markdown items (12-07) ---

#: Wrap widths we recognise, in characters: narrower columns are menus, wider are paragraphs.
MIN_WIDTH = 30
MAX_WIDTH = 160
#: Lines at least this share of the width may be joined to the next one.
FULL_SHARE = 0.6
#: How many distinct lines must look wrapped (too full for the next one's first word), and
#: what share of the lines at least half the width long they must be at least.
MIN_EVIDENCE = 3
LONG_SHARE = 0.15
#: The lines after those must mostly start in lower case (LOWER_SHARE of those that start
#: with a cased letter), or, where they are STRONG_LONG_SHARE of the long lines, at least
#: WEAK_LOWER_SHARE (German capitalises its nouns).
LOWER_SHARE = 0.5
STRONG_LONG_SHARE = 0.5
WEAK_LOWER_SHARE = 0.25
#: In scripts without case, the wrapped-looking lines must instead mostly end in the middle
#: of a sentence, and, as that is weaker evidence, be a larger share of the long lines.
MID_SENTENCE_SHARE = 0.6
UNCASED_CHAIN_SHARE = 0.25  # since 2026-12-07 (session 51)
UNCASED_MANY_PAIRS = 5  # ... unless this many pairs (session 52)
UNCASED_LONG_SHARE = 0.3
#: A wrap width shows as at least MIN_EVIDENCE lines in the BAND characters up to it,
#: CLIFF times as many as in the BAND characters after it. The best MAX_CANDIDATES are tried.
BAND = 10
CLIFF = 3
MAX_CANDIDATES = 3
#: A continuation line may be indented at most this much deeper than the line above.
MAX_INDENT_STEP = 4

# A new list item (lynx marks them * + o #), quoted line or heading starts a new block
# even when the line above is full. (So a wrapped line that starts with the word "o", "or"
# in Italian or Spanish, starts a new block too: the paragraph is split, nothing is lost.)
# Markdown's headings are "#" to "######" (since 2026-12-07).
_ITEM = re.compile(r"(?:[-*+•·‣◦▪–—>|o]|#{1,6}|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z]\))\s+\S")
# A Markdown list item or heading: html2text leaves them whole, longer than its width, so
# from MIN_WIDTH - BAND characters on they are neither in the histogram nor evidence
# (since 2026-12-07).
_MARKDOWN_ITEM = re.compile(r"(?:[-*+]|#{1,6}|[0-9]{1,3}\.)\s+\S")
# Scripts written without spaces between words: their lines join with no space.
_NO_SPACE = re.compile(r"[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       r"\uff00-\uffef]")
# Not in a word a wrapper moves on its own: URLs, addresses, paths, code.
_NOT_WORDS = frozenset("/@_=<>{}[]\\|")
_INDENT = " \t\u00a0\u3000"


@dataclass
class _Line:
    """What the wrap test needs to know of one line beyond its length."""

    indent: int
    #: Prose, not a table row, a URL or a list of figures: words, mostly letters.
    wordy: bool
    #: The first word, when the line starts with one (None for figures, symbols, URLs,
    #: table rows).
    first_word: str | None


class _Page:
    """The blocks of one document, with their lengths, a histogram of them, and the facts
    of a line worked out only when the wrap test gets that far."""

    def __init__(self, blocks: list[Block], source: str) -> None:
        self.blocks = blocks
        self.source = source
        self.lengths = [len(b.text) for b in blocks]
        hist = [0] * (MAX_WIDTH + BAND + 2)
        for n, b in zip(self.lengths, blocks, strict=True):
            if n < len(hist) and (n + BAND <= MIN_WIDTH or not _MARKDOWN_ITEM.match(b.text)):
                hist[n] += 1
        self.hist = hist
        #: sums[k]: how many lines are shorter than k characters (k up to the histogram).
        self.sums = [0]
        for count in hist:
            self.sums.append(self.sums[-1] + count)
        self._lines: dict[int, _Line] = {}
        #: No blank lines between paragraphs: see `continues`.
        self.unparagraphed = not any(b.blank_before for b in blocks[1:])

    def count(self, low: int, high: int) -> int:
        """How many lines are low to high characters long (both included)."""
        return self.sums[high + 1] - self.sums[max(low, 0)]

    def line(self, i: int) -> _Line:
        line = self._lines.get(i)
        if line is None:
            block = self.blocks[i]
            text, source = block.text, self.source
            indent = 0
            while indent < 80 and block.start > indent and \
                    source[block.start - indent - 1] in _INDENT:
                indent += 1
            tab = "\t" in block.raw  # table cells
            spaces = text.count(" ")
            wordy = not tab and (spaces >= 1 or bool(_NO_SPACE.search(text))) and \
                2 * sum(map(str.isalpha, text)) >= len(text) - spaces
            head = text.split(" ", 1)[0]
            word = not tab and head[0].isalpha() and _NOT_WORDS.isdisjoint(head)
            line = self._lines[i] = _Line(indent, wordy, head if word else None)
        return line

    def continues(self, i: int, width: int) -> bool:
        """Should line i + 1 be joined to line i: was it wrapped off it? Without blank lines
        between paragraphs, a capitalised line may start the next paragraph: it is not."""
        return self.wrapped(i, width) and not (
            self.unparagraphed and str(self.line(i + 1).first_word)[0].isupper())

    def wrapped(self, i: int, width: int) -> bool:
        """Does line i + 1 look wrapped off line i: is line i too full for its first word?"""
        nxt = self.blocks[i + 1]
        n = self.lengths[i]
        if nxt.blank_before or not width * FULL_SHARE <= n <= width:
            return False
        head = nxt.text.split(" ", 1)[0]
        if _NO_SPACE.match(head):
            if n < width:
                return False
        elif n + (0 if _hyphen_break(self.blocks[i].text) else 1) + \
                len(_first_piece(head)) <= width:
            return False
        line, after = self.line(i), self.line(i + 1)
        return line.wordy and after.first_word is not None and \
            after.indent <= line.indent + MAX_INDENT_STEP and not _ITEM.match(nxt.text)


def reference_wrap_width(blocks: list[Block], source: str) -> int | None:
    """The width the lines of `blocks` (cut from `source`) were hard-wrapped at, or None when
    they were not."""
    if len(blocks) <= MIN_EVIDENCE:
        return None
    return _wrap_width(_Page(blocks, source))


def _wrap_width(page: _Page) -> int | None:
    best, best_pairs = None, 0
    for width in _candidates(page):
        pairs = _evidence(page, width)
        if pairs > best_pairs:
            best, best_pairs = width, pairs
    return best


def _candidates(page: _Page) -> list[int]:
    """Widths where many lines end just below and few just above: a wrapper's cliff. Lines
    longer than the width (a headline, a URL, a table row) are allowed, but not right above
    it. The best few, best first."""
    scored = []
    for width in range(MIN_WIDTH, MAX_WIDTH + 1):
        if page.hist[width]:
            below = page.count(width + 1 - BAND, width)
            above = page.count(width + 1, width + BAND)
            if below >= MIN_EVIDENCE and below >= CLIFF * above:
                scored.append((below - CLIFF * above, width))
    return [width for _, width in sorted(scored, reverse=True)[:MAX_CANDIDATES]]


def _evidence(page: _Page, width: int) -> int:
    """How many distinct lines look wrapped at `width`, less CLIFF for every line a little
    longer that looks wrapped too (the width is then too small); 0 unless the lines after
    them mostly go on in the middle of a sentence, as a wrapper leaves them."""
    low = math.ceil(width * FULL_SHARE)
    long = page.count(math.ceil(width / 2), width)
    full = page.count(low, width)  # at most this many lines can look wrapped
    if full < MIN_EVIDENCE or full < LONG_SHARE * long:
        return 0
    seen: set[tuple[str, str]] = set()
    mid = lower = cased = uncased = over = chained = 0
    blocks, lengths = page.blocks, page.lengths
    for i in range(len(blocks) - 1):
        n = lengths[i]
        if width < n <= width + BAND and page.wrapped(i, n):
            first = page.line(i + 1).first_word
            over += first is not None and first[0].islower()
        if not low <= n <= width or not page.wrapped(i, width) or \
                _MARKDOWN_ITEM.match(blocks[i].text):
            continue
        pair = (blocks[i].text, blocks[i + 1].text)
        if pair in seen:
            continue
        seen.add(pair)
        mid += not ends_with_terminal(blocks[i].text)
        chained += i + 2 < len(blocks) and page.wrapped(i + 1, width)
        first = page.line(i + 1).first_word
        if first is None:
            continue
        if first[0].islower():
            lower += 1
            cased += 1
        elif first[0].isupper():
            cased += 1
        else:
            uncased += 1
    pairs = len(seen)
    if pairs < MIN_EVIDENCE:
        return 0
    if cased >= uncased:
        wrapped = cased >= MIN_EVIDENCE and (
            (lower >= LOWER_SHARE * cased and pairs >= LONG_SHARE * long)
            or (lower >= WEAK_LOWER_SHARE * cased and pairs >= STRONG_LONG_SHARE * long))
    else:
        wrapped = (mid >= MID_SENTENCE_SHARE * pairs and pairs >= UNCASED_LONG_SHARE * long
                   and (chained >= UNCASED_CHAIN_SHARE * pairs or pairs >= UNCASED_MANY_PAIRS))
    return pairs - CLIFF * over if wrapped else 0


def _first_piece(word: str) -> str:
    """What of `word` had to fit on the line above: a wrapper may break a compound after a
    hyphen between letters ("long-" "term"), so only up to the first such hyphen."""
    at = word.find("-", 1)
    while 0 < at < len(word) - 1:
        if word[at - 1].isalpha() and word[at + 1].isalpha():
            return word[:at + 1]
        at = word.find("-", at + 1)
    return word


def _hyphen_break(line: str) -> bool:
    return len(line) > 1 and line[-1] == "-" and line[-2].isalpha()


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if _hyphen_break(text) or _NO_SPACE.match(text[-1]) or _NO_SPACE.match(part[0]):
            text += part
        else:
            text += " " + part
    return text


def reference_join_wrapped(blocks: list[Block], source: str) -> tuple[list[Block], int | None]:
    """Join hard-wrapped lines of `blocks` (cut from `source`) into one block a paragraph.

    Returns the new blocks and the wrap width found (None, and `blocks` unchanged, when the
    document is not hard-wrapped). A joined block spans its lines in `source`: its `raw` is
    that slice, line breaks included, and its `text` the lines joined by spaces (by nothing
    after a hyphen or next to Chinese or Japanese).
    """
    if len(blocks) <= MIN_EVIDENCE:
        return blocks, None
    page = _Page(blocks, source)
    width = _wrap_width(page)
    if width is None:
        return blocks, None
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j + 1 < len(blocks) and page.continues(j, width):
            j += 1
        first = blocks[i]
        if j > i:
            last = blocks[j]
            first = Block(len(out), first.start, last.end, source[first.start:last.end],
                          _join([b.text for b in blocks[i:j + 1]]),
                          blank_before=first.blank_before)
        else:
            first.index = len(out)
        out.append(first)
        i = j + 1
    return out, width

# --- the comparison ---------------------------------------------------------------------


def _spans(blocks: list[Block]) -> list[tuple[int, int, str, str, bool]]:
    return [(b.start, b.end, b.raw, b.text, b.blank_before) for b in blocks]


def _agree(text: str) -> None:
    want_blocks, want_width = reference_join_wrapped(segment(text), text)
    got_blocks, got_width = join_wrapped(text)
    assert got_width == want_width
    assert _spans(got_blocks) == _spans(want_blocks)
    assert [b.index for b in got_blocks] == list(range(len(got_blocks)))


_WORDS = ["the", "council", "voted", "on", "a", "budget", "that", "increases", "spending",
          "Public", "Transport", "and", "critics", "said", "it", "relies", "on", "forecasts.",
          "which", "were", "published", "last", "year.", "long-term", "well-known", "x-",
          "-dash", "Élan", "über", "straße", "Ärger", "«quoted»", "http://example.com/a_b",
          "user@example.com", "1999", "(a)", "o", "#tag", "ΟΔΟΣ", "δρόμος", "дорога", "Москва",
          "मुंबई", "తెలుగు", "中文的句子", "日本語の文", "한국어", "ǅemal", "ﬁnal", "'quote'"]
_WORD = st.sampled_from(_WORDS)
_PARAGRAPH = st.lists(_WORD, min_size=5, max_size=120).map(" ".join)
_PREFIX = st.sampled_from(["", "", "", "  ", "\t", "- ", "* ", "> ", "1. ", "(b) ", "o ",
                           "\u00a0\u00a0", "\u3000", "      "])


@st.composite
def _wrapped_pages(draw: st.DrawFn) -> str:
    width = draw(st.integers(25, 170))
    out = []
    for paragraph in draw(st.lists(_PARAGRAPH, min_size=2, max_size=10)):
        lines = textwrap.wrap(paragraph, width, break_on_hyphens=draw(st.booleans())) or [""]
        if draw(st.booleans()):
            lines = [draw(_PREFIX) + line for line in lines]
        if draw(st.integers(0, 5)) == 0:
            lines.insert(draw(st.integers(0, len(lines))), "\t".join(draw(
                st.lists(_WORD, min_size=1, max_size=4))))
        out.append("\n".join(lines))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return sep.join(out)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_wrapped_pages())
def test_the_core_joins_as_the_reference_on_wrapped_text(text):
    _agree(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_the_core_joins_as_the_reference_on_any_text(text):
    _agree(text)


@pytest.mark.parametrize("page", range(30))
def test_the_core_joins_as_the_reference_on_real_pages(page):
    pages = _pages()
    if page >= len(pages):
        pytest.skip("fewer pages here")
    _agree(pages[page])
    # The same page hard-wrapped as a text dump would be.
    for width in (40, 72):
        _agree("\n".join(textwrap.fill(line, width) for line in pages[page].splitlines()))


def test_the_core_reads_letters_and_case_as_python_does_on_every_code_point():
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    got = _core.char_kinds("".join(chars))
    want = [c.isalpha() | c.islower() << 1 | c.isupper() << 2 for c in chars]
    differ = [hex(ord(c)) for c, a, b in zip(chars, got, want, strict=True) if a != b]
    assert differ == []
