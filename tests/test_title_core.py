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
from cleaner.lexicon import SPACELESS
from cleaner.options import DEFAULT_OPTIONS
from cleaner.segment import Block
from cleaner.title import TITLE_FEATURES, candidates, opening, title_matrix, trail_end

from .conftest import SEEDS
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
    if _CJK.search(text) or SPACELESS.search(text):
        return 4 <= len(text) <= 100
    words = len(text.split())
    return 2 <= words <= 40 and not (ends_with_terminal(text) and words > 25)


#: Unicode's White_Space, which the core's `\\s` matches (Python's `\\s` also takes the
#: separators U+001C-U+001F).
_SPACE = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_SEPARATOR = regex.compile(f"{_SPACE}+[|\\-–—•·»:/]{{1,2}}{_SPACE}+|{_SPACE}*[|•·»｜]{_SPACE}*"
                           r"|(?<=[^\x00-\x7f])_|_(?=[^\x00-\x7f])")


def reference_pieces(text: str) -> list[str]:
    """The Python reference of `title::pieces`."""
    found = [p.strip() for p in _SEPARATOR.split(text)]
    found = [p for p in found if _WORD.search(p)]
    return found if len(found) >= 2 else []


def _title_case(text: str) -> float:
    words = text.split()
    return sum(w[:1].isupper() for w in words) / max(len(words), 1)


def reference_title_matrix(x: np.ndarray, blocks: list[Block], cands: list[int],
                           first_kept: int) -> tuple[np.ndarray, list[str]]:
    """The Python code `src/title.rs` replaced, and what it added since: the opening's
    share of a candidate's words, and the top line's pieces."""
    if not cands:
        return np.zeros((0, x.shape[1] + len(TITLE_FEATURES))), []
    heads = [heading_like(b) for b in blocks[min(cands[0], first_kept):cands[-1] + 1]]
    base = min(cands[0], first_kept)
    top = cands[0]
    first = next((b for b in blocks if not b.meta), None)
    own_top = first is not None and first.index != top
    top_words = set(_words(first.text if own_top else blocks[top].text))
    body = opening(blocks, first_kept)

    def in_body(own: list[str], i: int) -> float:
        others = {w for b in body if b.index != i for w in _words(b.text)}
        return sum(w in others for w in own) / max(len(own), 1)

    rows = []
    for i in cands:
        b = blocks[i]
        lo, hi = sorted((i, first_kept))
        between = sum(heads[lo + 1 - base:hi - base])
        own = _words(b.text)
        shared = sum(w in top_words for w in own) if i != top or own_top else 0
        rows.append([i - first_kept, float(heads[i - base]), b.p1, b.p2, between,
                     float(b.cls == "good"), float(i == first_kept), float(bool(b.rule)),
                     _title_case(b.text), float(i == top), math.log1p(i),
                     shared / max(len(own), 1), shared / max(len(top_words), 1),
                     0.0, 0.0, 0.0, in_body(own, i), 0.0])
    pieces = [] if blocks[top].cls == "good" else reference_pieces(blocks[top].text)
    others = {w for i in cands[1:] for w in _words(blocks[i].text)}
    for k, piece in enumerate(pieces):
        own = _words(piece)
        row = list(rows[0])
        row[1] = float(heading_like(Block(0, 0, 0, piece, piece)))
        row[8] = _title_case(piece)
        row[13:] = [1.0, k, len(pieces), in_body(own, top),
                    sum(w in others for w in own) / max(len(own), 1)]
        rows.append(row)
    at = [*cands, *[top] * len(pieces)]
    return np.hstack([x[at], np.array(rows, dtype=np.float64)]), pieces


# --- the comparisons --------------------------------------------------------------------


@pytest.mark.parametrize("page", range(30))
def test_the_core_computes_the_reference_title_rows_on_real_pages(page):
    blocks, found = page_evidence(page)
    x = decide(blocks, found, DEFAULT_OPTIONS, extracted=False)
    kept = [b.index for b in blocks if b.cls == "good"]
    # The article's real start, and a few other places the scorer may be asked about.
    for first in {*kept[:1], 0, len(blocks) // 2, len(blocks) - 1}:
        cands = candidates(blocks, first)
        got, at, offered = title_matrix(x, blocks, cands, first)
        want, pieces = reference_title_matrix(x, blocks, cands, first)
        rows = len(cands) + len(pieces)
        assert got.shape == want.shape == (rows, x.shape[1] + len(TITLE_FEATURES))
        assert np.array_equal(got, want)
        assert at == [*cands, *[cands[0]] * len(pieces)]
        assert offered == [*(trail_end(blocks[i].text) for i in cands), *pieces]
        # The labeller hands a view of a wider matrix; any layout reads the same rows.
        assert not x.flags.c_contiguous
        for layout in (np.ascontiguousarray(x), np.asfortranarray(x)):
            assert np.array_equal(title_matrix(layout, blocks, cands, first)[0], got)


def test_a_removed_first_line_is_what_the_candidates_words_are_compared_with():
    """A truncated repeat of the headline at the top ("Top NewsHeadline..."), removed for
    certain, is no candidate; the headline's share of its words is still counted (before,
    the first candidate, the headline itself, was the reference and shared nothing)."""
    texts = ["Top NewsCouncil delays the budget vote again...",
             "Council delays the budget vote again amid protests",
             "The council met on Tuesday and put off the vote for a week, officials said."]
    blocks = [Block(i, 0, 0, t, t) for i, t in enumerate(texts)]
    for b in blocks:
        b.p1 = b.p2 = 0.5
        b.cls = "good"
    blocks[0].cls, blocks[0].final, blocks[0].rule = "bad", True, "repeat.teaser"
    x = np.zeros((3, 2))
    cands = candidates(blocks, 1)
    assert cands == [1, 2]
    got, _, _ = title_matrix(x, blocks, cands, 1)
    want, _ = reference_title_matrix(x, blocks, cands, 1)
    assert np.array_equal(got, want)
    share = got[:, x.shape[1] + TITLE_FEATURES.index("share_in_first")]
    # All but "council" (glued to "News"), "amid" and "protests".
    assert share[0] == pytest.approx(5 / 8)
    blocks[0].meta = "title"  # moved to metadata: the first candidate is the reference
    got, _, _ = title_matrix(x, blocks, cands, 1)
    assert got[0, x.shape[1] + TITLE_FEATURES.index("share_in_first")] == 0


_CHARS = [*"ab Zé.。।:,;!?\"')|-/·»_｜", "\u2013", "\u00a0", "\x1f", "\u3000", "\u2003", "中",
          "한", "ー", "\n", "\t", "Ǆ", "ǅ", "Σ"]
_TEXT = st.text(alphabet=st.sampled_from(_CHARS), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(0, 30))
def test_the_headline_shape_is_the_reference_on_any_text(text, repeat):
    from cleaner import _core

    # The matrix's heading column for a lone candidate is the shape of its text; its
    # pieces ("Headline | Site", offered when it was removed) are the reference's.
    for t, kept in ((text, True), (text * repeat, False)):
        b = Block(0, 0, 0, t, t)
        b.p1 = b.p2 = 0.5
        b.cls = "good" if kept else "bad"
        x = np.zeros((1, 2))
        got, pieces = _core.title_matrix(x, [t], 0, [0], 0, [0.5], [0.5], [kept], [False],
                                         [t.casefold()], [t.casefold()], [0], None)
        want, want_pieces = reference_title_matrix(x, [b], [0], 0)
        assert np.array_equal(got, want), t
        assert pieces == want_pieces, t


def test_a_markdown_headings_marks_leave_the_title(monkeypatch):
    """Markdown input (html2text, reader services): a title "# Headline" is "Headline"
    (html2text's renderings of the dev pages: 1,788 of 2,523 titles had the marks)."""
    import cleaner.core
    from cleaner import clean
    from cleaner.title import plain_title

    assert plain_title("# Headline") == "Headline"
    assert plain_title("  ## Headline ##") == "Headline"
    assert plain_title("### Big #1 news") == "Big #1 news"
    assert plain_title("## C#") == "C#"
    for text in ("#hashtag", "C# is great", "####### seven", "# "):
        assert plain_title(text) == text

    real = cleaner.core.find_title

    def marked(blocks, x):
        found = real(blocks, x)
        return None if found is None else (found[0], f"# {found[1]}")

    text = (SEEDS[3]).read_text("utf-8")
    title = clean(text).metadata.title
    monkeypatch.setattr(cleaner.core, "find_title", marked)
    assert title and clean(text).metadata.title == title
