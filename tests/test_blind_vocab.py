"""The build's blinded vocabulary (`training.build.BLIND_VOCAB_SHARE`): the labeller's passes
learn from a share of the renderings as if the vocabulary knew none of their words."""

from __future__ import annotations

import numpy as np

from cleaner.blockfeatures import FEATURES, VOCAB_FEATURES, VOCAB_WINDOWED
from cleaner.labeller import model
from training.build import BLIND_VOCAB_SHARE, blind_rows, blinded


def _rendering(i: int, rows: int, renderer: str = "resiliparse") -> dict:
    return {"corpus": "aeb", "id": f"page-{i}", "renderer": renderer, "y": np.zeros(rows)}


def test_only_the_vocabulary_columns_of_the_chosen_rows_are_zeroed() -> None:
    x = np.arange(3 * len(FEATURES), dtype=float).reshape(3, -1) + 1.0
    before = x.copy()
    blinded(x, np.array([False, True, False]))
    vocab = [FEATURES.index(f) for f in (*VOCAB_FEATURES, *VOCAB_WINDOWED)]
    rest = [i for i in range(len(FEATURES)) if i not in vocab]
    assert (x[1, vocab] == 0).all()
    assert (x[1, rest] == before[1, rest]).all()
    assert (x[[0, 2]] == before[[0, 2]]).all()


def test_whole_renderings_are_blinded_the_same_every_build() -> None:
    pages = [_rendering(i, 1 + i % 4) for i in range(2000)]
    rows = blind_rows(pages, share=0.5)
    assert (rows == blind_rows(pages, share=0.5)).all()
    assert not blind_rows(pages, share=0.0).any()
    at = 0
    chosen = []
    for p in pages:
        mine = rows[at:at + len(p["y"])]
        assert mine.all() or not mine.any()  # a rendering is blinded whole or not at all
        chosen.append(bool(mine[0]))
        at += len(p["y"])
    assert abs(np.mean(chosen) - 0.5) < 0.05
    # Another rendering of the same page is drawn apart.
    other = blind_rows([_rendering(i, 1, "inscriptis") for i in range(2000)], share=0.5)
    assert (other != np.array(chosen)).any()


def test_the_manifest_records_the_share_the_model_was_built_with() -> None:
    """A model built before the share existed blinded nothing, as a share of 0 does."""
    m = model().manifest["vocabulary"]
    assert m.get("blinded_share", 0.0) == BLIND_VOCAB_SHARE
    assert abs(m.get("blinded_rows", 0.0) - BLIND_VOCAB_SHARE) < 0.05
