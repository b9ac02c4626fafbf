"""Repeats and teasers found by the core (`src/repeats.rs`, through
`cleaner.repeats.mark_repeats`) against the Python code it replaced, kept here as the
reference: the same marks and reasons on real pages and on made-up ones, and the core's case
folding equal to `str.casefold` on every code point."""

from __future__ import annotations

import copy
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.features import TERMINALS, Features
from cleaner.repeats import copies, mark_repeats
from cleaner.segment import Block

from .test_matrix_core import page_evidence

# --- the reference ----------------------------------------------------------------------

MIN_DUPLICATE_CHARS = 20
MIN_TEASER_CHARS = 15
MAX_TEASER_CHARS = 300
TEASER_WINDOW = 40


def _fold(text: str) -> str:
    return (text.casefold().replace("’", "'").replace("‘", "'").replace("“", '"')
            .replace("”", '"'))


def reference(blocks: list[Block], remove_duplicates: bool = True) -> None:
    """`cleaner.repeats.mark_repeats` as it was (2026-12-02)."""
    folded = [_fold(b.text) for b in blocks]
    if remove_duplicates:
        seen: dict[str, int] = {}
        for b, key in zip(blocks, folded, strict=True):
            if len(key) < MIN_DUPLICATE_CHARS:
                continue
            first = seen.setdefault(key, b.index)
            if first != b.index and not (b.final or b.junk_rule):
                b.final, b.kind, b.rule = True, "duplicate", "repeat.duplicate"
                b.reason = f"repeats block {first + 1}"
    for b in blocks:
        if b.final or b.junk_rule or not b.measured.ellipsis:
            continue
        teaser = folded[b.index].rstrip(" .…")
        if not MIN_TEASER_CHARS <= len(teaser) <= MAX_TEASER_CHARS:
            continue
        lo, hi = max(0, b.index - TEASER_WINDOW), min(len(blocks), b.index + TEASER_WINDOW + 1)
        for other in range(lo, hi):
            if other == b.index or len(folded[other]) <= len(teaser) // 2:
                continue
            glued = _teaser_of(teaser, folded[other])
            if glued is None:
                continue
            b.final, b.rule = True, "repeat.teaser"
            if glued:
                b.kind = "breadcrumb"
                b.reason = (f"section name {blocks[b.index].text[:len(glued)]!r} glued to a "
                            f"teaser of block {other + 1}")
            else:
                b.kind = "duplicate"
                b.reason = f"a cut-short teaser of block {other + 1}"
            break


def _teaser_of(teaser: str, target: str) -> str | None:
    head = target[:MIN_TEASER_CHARS]
    pos = teaser.find(head)
    while pos >= 0:
        if target.startswith(teaser[pos:]) and (pos == 0 or teaser[pos - 1] not in TERMINALS):
            return teaser[:pos]
        pos = teaser.find(head, pos + 1)
    return None


def _state(b: Block) -> tuple:
    return b.final, b.kind, b.rule, b.reason


def _agree(blocks: list[Block], remove_duplicates: bool = True) -> None:
    want = copy.deepcopy(blocks)
    reference(want, remove_duplicates)
    mark_repeats(blocks, [b.measured.ellipsis for b in blocks], remove_duplicates)
    assert [_state(b) for b in blocks] == [_state(b) for b in want]
    # Each later copy knows the first (the labeller keeps one copy), and the training
    # build finds the same from what its cache keeps of the blocks.
    assert [f"repeats block {b.copy_of + 1}" if b.copy_of >= 0 else None for b in blocks] == [
        b.reason if b.rule == "repeat.duplicate" else None for b in want]
    assert copies([b.text for b in blocks], [b.rule for b in blocks],
                  [b.final for b in blocks], [b.junk_rule for b in blocks]) == [
        b.copy_of for b in blocks]


# --- the comparisons --------------------------------------------------------------------


@pytest.mark.parametrize("page", range(30))
def test_the_core_marks_as_the_reference_on_real_pages(page):
    blocks, *_ = page_evidence(page)
    for b in blocks:  # as `evidence` left them, before its own marking
        if b.rule.startswith("repeat."):
            b.final, b.kind, b.rule, b.reason, b.copy_of = False, None, "", "", -1
    _agree(copy.deepcopy(blocks))
    _agree(blocks, remove_duplicates=False)


_LINES = ["Russia’s Putin is set to make a rare visit to North Korea",
          "Top NewsRussia's Putin is set to make a...", "Russia's putin is set to make…",
          "Home. Russia's Putin is set to…", "STRASSE und Straße im Überblick heute",
          "straße und strasse im überblick heute", "Share", "ΟΔΟΣ ΚΑΙ ΔΡΟΜΟΣ ΣΤΗΝ ΠΟΛΗ ΣΗΜΕΡΑ",
          "οδοσ και δρομοσ στην πολη σημερα...", "Read more...", "“Quoted headline of the day”"]


@st.composite
def _pages(draw: st.DrawFn) -> list[Block]:
    blocks = []
    for i in range(draw(st.integers(0, 60))):
        text = draw(st.one_of(st.sampled_from(_LINES), st.text(max_size=40)))
        b = Block(i, 0, 0, text, text, final=draw(st.booleans()) and draw(st.booleans()),
                  junk_rule=draw(st.booleans()) and draw(st.booleans()))
        b.measured = Features(len(text), 1, 0, 0.0, False, 0,
                              text.rstrip().endswith(("...", "…")), False)
        blocks.append(b)
    return blocks


@settings(max_examples=500, deadline=None)
@given(_pages(), st.booleans())
def test_the_core_marks_as_the_reference_on_any_page(blocks, remove_duplicates):
    _agree(blocks, remove_duplicates)


def test_case_folding_is_pythons_on_every_code_point():
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    text = "".join(chars)
    assert _core.casefold(text) == text.casefold()
