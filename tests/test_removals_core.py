"""The removed blocks' kinds, rule ids and reasons named by the core (`src/removals.rs`,
through `cleaner.labeller.name_removed`) against the Python code it replaced, kept here as
the reference: the same names on real pages, and on pages made up of every case (captions,
comments and widget labels, hinted and ruled lines, a page without an article)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blockfeatures import SHORT_CHARS, Evidence, TextStats
from cleaner.features import Features
from cleaner.labeller import CUTOFF, block_decisions, cutoff, name_removed, score
from cleaner.options import DEFAULT_OPTIONS
from cleaner.rules import caption_like
from cleaner.segment import Block

from .test_matrix_core import page_evidence

# --- the reference ----------------------------------------------------------------------

GOOD = "good"
MAX_HEADLINE_CHARS = 160
FEW_STOPWORDS_SHARE = 0.6


def reference(blocks: list[Block], threshold: float) -> None:
    """`cleaner.labeller._name_removed` as it was (2026-12-02)."""
    kept = [b.index for b in blocks if b.cls == GOOD]
    first, last = (kept[0], kept[-1]) if kept else (len(blocks), -1)
    prose = [b.measured.stop_density for b in blocks
             if b.cls == GOOD and b.measured.terminal and b.measured.words >= 8]
    page_stop = float(np.median(prose)) if prose else threshold * 2
    under: str | None = None
    for b in blocks:
        if b.cls == GOOD:
            under = None
            continue
        if b.final:
            continue
        if b.junk_rule or b.rule in ("lexicon.menu-item", "lexicon.phrase-hint"):
            if b.rule == "lexicon.comments-label":
                under = "comments"
            elif b.kind == "section-label":
                under = "label"
            if b.junk_rule:
                b.reason = f"{b.reason}; {_evidence(b, page_stop)}"
                continue
        f = b.measured
        headline = f.length <= MAX_HEADLINE_CHARS and not f.terminal
        after = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
        if kept and first < b.index < last and caption_like(
                b.text, after is not None and after.kind == "credit" and after.cls != GOOD):
            kind, rule, where = "caption", "model.caption", "an image caption"
        elif not kept:
            kind, rule, where = "boilerplate", "model.no-article", "no article text on the page"
        elif under == "comments" and b.index > last:
            kind, rule, where = "comments", "model.comments", "below the comments label"
        elif under == "label" and headline:
            kind, rule, where = "related-list", "model.under-label", \
                "a headline listed under a widget label"
        elif b.index < first:
            kind = b.kind or ("navigation" if f.length < SHORT_CHARS else "boilerplate")
            rule, where = "model.before-article", "before the article"
        elif b.index > last:
            kind, rule, where = b.kind or "boilerplate", "model.after-article", \
                "after the article"
        else:
            kind, rule, where = b.kind or "boilerplate", "model.inside-article", \
                "between article paragraphs"
        hint = f"{b.reason}; " if b.rule in ("lexicon.menu-item", "lexicon.phrase-hint") else ""
        b.kind, b.rule = kind, rule
        b.reason = f"{hint}{where}: {_evidence(b, page_stop)}"


def _evidence(b: Block, page_stop: float) -> str:
    f = b.measured
    parts = []
    if f.words >= 3 and page_stop > 0 and f.stop_density < FEW_STOPWORDS_SHARE * page_stop:
        parts.append(f"few stop words ({f.stop_density:.2f} against {page_stop:.2f} in this "
                     "page's prose)")
    if f.length < SHORT_CHARS:
        parts.append(f"short line ({f.length} characters)")
    elif not f.terminal and f.sentences == 0:
        parts.append("no sentence in it")
    if b.p1 >= CUTOFF > b.p2:
        parts.append("its neighbours are not article text")
    parts.append(f"article score {b.p2:.2f}")
    return ", ".join(parts)


def _evidence_of(blocks: list[Block], threshold: float) -> Evidence:
    """The arrays the pipeline hands `name_removed`, from the blocks' own measures (shapes
    and classes play no part in naming)."""
    n = len(blocks)
    return Evidence.of([b.measured for b in blocks], [(0.0,) * len(TextStats._fields)] * n,
                       ["good"] * n, threshold, True)


def _agree(blocks: list[Block], threshold: float) -> None:
    want = copy.deepcopy(blocks)
    reference(want, threshold)
    name_removed(blocks, _evidence_of(blocks, threshold))
    for got, ref in zip(blocks, want, strict=True):
        assert (got.kind, got.rule, got.reason) == (ref.kind, ref.rule, ref.reason), got.text


# --- the comparisons --------------------------------------------------------------------


@pytest.mark.parametrize("page", range(30))
def test_the_core_names_as_the_reference_on_real_pages(page):
    blocks, found = page_evidence(page)
    threshold = found.threshold
    score(blocks, found)
    kept = block_decisions(blocks, cutoff(DEFAULT_OPTIONS))
    for b, k in zip(blocks, kept, strict=True):
        b.cls = GOOD if k else "bad"
    _agree(blocks, threshold)


_RULES = [("", None, False, False), ("lexicon.menu-item", "navigation", False, False),
          ("lexicon.phrase-hint", "share", False, False),
          ("lexicon.comments-label", "section-label", True, False),
          ("lexicon.line", "section-label", True, False), ("lexicon.credit", "credit", True, False),
          ("lexicon.line", "share", True, False), ("shape.bare-url", "navigation", True, True)]
_TEXTS = ["A photo of the harbour (Image: Getty)", "Short one", "x" * 180,
          "A sentence that ends like one.", "Caption above a credit line"]


@st.composite
def _pages(draw: st.DrawFn) -> tuple[list[Block], float]:
    blocks = []
    for i in range(draw(st.integers(0, 25))):
        text = draw(st.sampled_from(_TEXTS))
        rule, kind, junk, final = draw(st.sampled_from(_RULES))
        b = Block(i, 0, 0, text, text, rule=rule, kind=kind, junk_rule=junk, final=final,
                  reason=f"reason {i}" if rule else "")
        b.cls = draw(st.sampled_from([GOOD, "bad", "bad"]))
        words = draw(st.integers(0, 30))
        b.measured = Features(draw(st.integers(1, 400)), words, 0,
                              draw(st.floats(0, 1)), draw(st.booleans()),
                              draw(st.integers(0, 3)), False, False)
        b.p1, b.p2 = draw(st.floats(0, 1)), draw(st.floats(0, 1))
        blocks.append(b)
    return blocks, draw(st.floats(0, 0.5))


@settings(max_examples=500, deadline=None)
@given(_pages())
def test_the_core_names_as_the_reference_on_any_page(page):
    _agree(*page)


@pytest.mark.parametrize("value", [0.125, 0.375, 0.625, 0.875, 0.005, 0.015, 0.995, 2.675])
def test_two_decimals_round_as_python_does(value):
    b = Block(0, 0, 0, "x", "x")
    b.measured = Features(10, 1, 0, 0.0, False, 0, False, False)
    b.p1, b.p2 = 0.0, value
    _agree([b], 0.1)
