"""The build's line-by-line measure (`training.build.line_scores`): issue 10's hand-labelled
measure (article lines kept, junk lines removed, whole page right) on the dev renderings."""

from __future__ import annotations

import numpy as np

from training.build import SHORT_LINE, line_scores


def _page(labels: list[int], lengths: list[int], renderer: str = "resiliparse",
          corpus: str = "aeb") -> dict:
    return {"y": np.array(labels, dtype=np.float32), "renderer": renderer, "corpus": corpus,
            "texts": ["x" * n for n in lengths]}


def test_lines_are_counted_alike_whatever_their_length() -> None:
    long, short = SHORT_LINE + 30, SHORT_LINE - 60
    pages = [_page([1, 1, 0, 0], [long, short, short, long]),
             _page([1, 0], [long, short])]
    # Page 1: the long article line kept, the short one lost; the short junk line removed,
    # the long one kept. Page 2: exactly right.
    kept = np.array([1, 0, 0, 1, 1, 0], dtype=float)
    rows = [slice(0, 4), slice(4, 6)]
    got = line_scores(pages, kept, rows)["aeb"]
    assert got["body_kept"] == round(2 / 3, 4)
    assert got["junk_removed"] == round(2 / 3, 4)
    assert (got["short_body_kept"], got["long_body_kept"]) == (0.0, 1.0)
    assert (got["short_junk_removed"], got["long_junk_removed"]) == (1.0, 0.0)
    assert got["exact_pages"] == 0.5
    assert got["pages"] == 2


def test_damaged_copies_are_left_out_and_corpora_kept_apart() -> None:
    pages = [_page([1], [100]), _page([1], [100], renderer="resiliparse+crlf"),
             _page([0], [10], corpus="wcxb-dev")]
    kept = np.array([1, 0, 1], dtype=float)
    got = line_scores(pages, kept, [slice(0, 1), slice(1, 2), slice(2, 3)])
    assert got["aeb"]["body_kept"] == 1.0 and got["aeb"]["pages"] == 1
    assert got["wcxb-dev"]["junk_removed"] == 0.0
    assert got["wcxb-dev"]["body_kept"] == 0.0  # no article lines: nothing to keep
