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


def test_cached_rows_measured_without_some_vocabulary_columns_are_widened(tmp_path) -> None:
    """`--reuse` on a cache measured before a vocabulary column existed: the build writes
    those columns anyway, so the rows get zeros there and keep every other column; rows of
    other features are refused."""
    import pickle

    import pytest

    from training.build import _load

    features = [*FEATURES, "extra"]
    missing = [VOCAB_FEATURES[0], VOCAB_WINDOWED[-1]]
    found = [f for f in features if f not in missing]
    full = np.arange(2 * len(found), dtype=float).reshape(2, -1) + 1.0
    # The HTML pages' rows hold the first-pass columns only, their extra ones apart.
    part = full[:, :-1].copy()
    path = tmp_path / "pages.pkl"
    with path.open("wb") as f:
        pickle.dump((found, [{"x": full}, {"x": part}]), f)
    wide, narrow = _load(path, features)
    at = [features.index(m) for m in missing]
    assert wide["x"].shape == (2, len(features)) and narrow["x"].shape == (2, len(features) - 1)
    assert (wide["x"][:, at] == 0).all() and (narrow["x"][:, at] == 0).all()
    assert np.array_equal(np.delete(wide["x"], at, axis=1), full)
    assert np.array_equal(np.delete(narrow["x"], at, axis=1), part)
    with path.open("wb") as f:
        pickle.dump(([*found[:-1], "other"], [{"x": full}]), f)
    with pytest.raises(SystemExit):
        _load(path, features)
