"""The title scorer's matrix computed by the core (`src/title.rs`) against the Python code
it replaced, kept here as the reference: the same rows on real pages, and the same
headline shape on any text (Unicode spaces, East Asian scripts, long lines)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features import ends_with_terminal
from cleaner.labeller import decide
from cleaner.lang import EAST_ASIAN as _CJK
from cleaner.options import DEFAULT_OPTIONS
from cleaner.segment import Block
from cleaner.title import TITLE_FEATURES, candidates, title_matrix

from .test_matrix_core import page_evidence

# --- the reference ----------------------------------------------------------------------

_WORD = regex.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def heading_like(block: Block) -> bool:
    """The Python code `src/title.rs` replaced."""
    text = block.text
    if len(text) > 300 or text.rstrip().endswith((".", "。", "।", ":", ",", ";")):
        return False
    if _CJK.search(text):
        return 4 <= len(text) <= 100
    words = len(text.split())
    return 2 <= words <= 40 and not (ends_with_terminal(text) and words > 25)


def reference_title_matrix(x: np.ndarray, blocks: list[Block], cands: list[int],
                           first_kept: int) -> np.ndarray:
    """The Python code `src/title.rs` replaced."""
    if not cands:
        return np.zeros((0, x.shape[1] + len(TITLE_FEATURES)))
    heads = [heading_like(b) for b in blocks[min(cands[0], first_kept):cands[-1] + 1]]
    base = min(cands[0], first_kept)
    top = cands[0]
    top_words = set(_words(blocks[top].text))
    rows = []
    for i in cands:
        b = blocks[i]
        lo, hi = sorted((i, first_kept))
        between = sum(heads[lo + 1 - base:hi - base])
        words = b.text.split()
        own = _words(b.text)
        shared = sum(w in top_words for w in own) if i != top else 0
        rows.append([i - first_kept, float(heads[i - base]), b.p1, b.p2, between,
                     float(b.cls == "good"), float(i == first_kept), float(bool(b.rule)),
                     sum(w[:1].isupper() for w in words) / max(len(words), 1),
                     float(i == top), math.log1p(i), shared / max(len(own), 1),
                     shared / max(len(top_words), 1)])
    return np.hstack([x[cands], np.array(rows, dtype=np.float64)])



# --- the comparisons --------------------------------------------------------------------


@pytest.mark.parametrize("page", range(30))
def test_the_core_computes_the_reference_title_rows_on_real_pages(page):
    blocks, found = page_evidence(page)
    x = decide(blocks, found, DEFAULT_OPTIONS, extracted=False)
    kept = [b.index for b in blocks if b.cls == "good"]
    # The article's real start, and a few other places the scorer may be asked about.
    for first in {*kept[:1], 0, len(blocks) // 2, len(blocks) - 1}:
        cands = candidates(blocks, first)
        got = title_matrix(x, blocks, cands, first)
        want = reference_title_matrix(x, blocks, cands, first)
        assert got.shape == want.shape == (len(cands), x.shape[1] + len(TITLE_FEATURES))
        assert np.array_equal(got, want)


_CHARS = [*"ab Zé.。।:,;!?\"')", "\u00a0", "\x1f", "\u3000", "\u2003", "中", "한", "ー", "\n",
          "\t", "Ǆ", "ǅ", "Σ"]
_TEXT = st.text(alphabet=st.sampled_from(_CHARS), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(0, 30))
def test_the_headline_shape_is_the_reference_on_any_text(text, repeat):
    from cleaner import _core

    # The matrix's heading column for a lone candidate is the shape of its text.
    for t in (text, text * repeat):
        b = Block(0, 0, 0, t, t)
        b.p1 = b.p2 = 0.5
        b.cls = "good"
        x = np.zeros((1, 2))
        got = _core.title_matrix(x, [t], 0, [0], 0, [0.5], [0.5], [True], [False],
                                 [t.casefold()])
        want = reference_title_matrix(x, [b], [0], 0)
        assert np.array_equal(got, want), t
