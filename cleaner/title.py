"""The title: a learned scorer picks the headline among the lines around the article's start.

Candidates are the blocks from `TITLE_BEFORE` above the first kept block to `TITLE_AFTER`
into the article. Each is described by its first-pass row (`blockfeatures.FEATURES`), the
labeller's scores, where it stands relative to the article, whether it is shaped like a
headline, and how many headline-shaped lines stand between it and the article. Trained on
the dev pages whose gold has a title (`training.build`), it learns that a breadcrumb trail,
a byline, a reading time, a share label or a caption is not the headline.
"""

from __future__ import annotations

import numpy as np

from .metadata import heading_like
from .segment import Block
from .trees import Forest

#: How many blocks above the article's first kept block, and into it, may hold the title.
TITLE_BEFORE = 12
TITLE_AFTER = 2
#: Lowest title score that names a title; under it the page has none we trust. The scorer
#: sees about a dozen candidates a page, one of them at most the title, so its
#: probabilities are low, and the share of right titles rises as the cut-off falls (the
#: manifest's `title_cutoff_curve`: 0.21 at 0.5, 0.41 at 0.05). A wrong title costs a user
#: more than none, which that share does not count, so the cut stays above zero.
TITLE_CUTOFF = 0.03
TITLE_FEATURES = ("offset", "heading_like", "p1", "p2", "headings_between", "kept",
                  "is_first_kept", "rule_any_here", "title_case")


def candidates(blocks: list[Block], first_kept: int) -> list[int]:
    """Indices of the blocks that may hold the title, nearest the article first."""
    lo = max(0, first_kept - TITLE_BEFORE)
    hi = min(len(blocks), first_kept + TITLE_AFTER + 1)
    return [i for i in range(lo, hi) if not blocks[i].meta and not blocks[i].final]


def title_matrix(x: np.ndarray, blocks: list[Block], cands: list[int],
                 first_kept: int) -> np.ndarray:
    """One row a candidate: its first-pass row, then the columns named in `TITLE_FEATURES`."""
    if not cands:
        return np.zeros((0, x.shape[1] + len(TITLE_FEATURES)))
    heads = [heading_like(b) for b in blocks[min(cands[0], first_kept):cands[-1] + 1]]
    base = min(cands[0], first_kept)
    rows = []
    for i in cands:
        b = blocks[i]
        lo, hi = sorted((i, first_kept))
        between = sum(heads[lo + 1 - base:hi - base])
        words = b.text.split()
        rows.append([i - first_kept, float(heads[i - base]), b.p1, b.p2, between,
                     float(b.cls == "good"), float(i == first_kept), float(bool(b.rule)),
                     sum(w[:1].isupper() for w in words) / max(len(words), 1)])
    return np.hstack([x[cands], np.array(rows, dtype=np.float64)])


def choose_title(blocks: list[Block], x: np.ndarray, first_kept: int,
                 scorer: Forest) -> Block | None:
    """The block most likely to be the headline, if its score reaches `TITLE_CUTOFF`."""
    cands = candidates(blocks, first_kept)
    if not cands:
        return None
    scores = scorer.predict(title_matrix(x, blocks, cands, first_kept))
    best = int(np.argmax(scores))
    return blocks[cands[best]] if scores[best] >= TITLE_CUTOFF else None
