"""The labeller's evidence: one row of numbers a block, for the whole document in one pass.

Each block is described by its own text (length, stop words, sentence ends, shares of digits,
capitals and punctuation, URL shapes, which junk rule fired: as evidence, not a verdict), by
the page (its prose's stop-word density and length, how much prose it has) and by its
neighbours (means over windows of +-1, +-3 and +-7 blocks, the distance to the nearest prose
and to the densest stretch of prose, how much prose lies before and after). The second pass
adds the first pass's scores of the neighbours (`context_columns`).

`FEATURES` and `CONTEXT_FEATURES` name the columns; the model's manifest lists the same names,
and a test fails when they disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from . import _core
from .features import Features
from .segment import Block

#: Stable rule ids (`rules.Verdict.rule`, `repeats`) that become one-hot columns.
RULE_COLUMNS = ("shape.no-letters", "shape.pagination", "shape.bare-url", "lexicon.menu-item",
                "lexicon.line", "lexicon.comments-label", "date-line", "lexicon.related-prefix",
                "lexicon.byline", "lexicon.timestamp-prefix", "lexicon.credit",
                "lexicon.phrase-hint", "lexicon.phrase", "repeat.duplicate", "repeat.teaser")
#: Removal kinds a rule may name that become one-hot columns (the table the hit came from).
KIND_COLUMNS = ("navigation", "section-label", "share", "advertisement", "newsletter",
                "cookie-notice", "legal", "comments", "related-link", "byline", "timestamp",
                "credit", "breadcrumb", "duplicate", "other")
#: jusText's context-free classes, from `classify`.
CLASS_COLUMNS = ("good", "neargood", "short", "bad")
#: Context windows (+-k blocks) over which neighbours' values are averaged.
WINDOWS = (1, 3, 7)
#: Length under which a block counts as a short line (as in `Options.short_length`).
SHORT_CHARS = 70
#: Distances in blocks are capped here (further is "far").
FAR = 60


class TextStats(NamedTuple):
    """Shape measures of one block's text (computed once per distinct text)."""

    digits: float
    upper: float
    punct: float
    capwords: float
    bullet: float
    colon_end: float
    separators: float
    east_asian: float
    handle: float
    email: float
    mean_word: float


def text_stats(texts: Sequence[str], words: Sequence[int]) -> list[TextStats]:
    """The shares and shapes of each of `texts` (`words`: their token counts), measured by
    the compiled core (`src/shapes.rs`) in one call."""
    if not texts:
        return []
    return list(map(TextStats._make, _core.text_stats(list(texts), list(words)).tolist()))


_OWN = ("log_length", "log_words", "stop_density", "log_stopwords", "terminal", "sentences",
        "ellipsis", "has_url", *TextStats._fields, "blank_before", "position", "repeats",
        "stop_vs_page", "length_vs_page", "rule_final", "rule_any",
        *(f"rule={r}" for r in RULE_COLUMNS), *(f"kind={k}" for k in KIND_COLUMNS),
        *(f"class={c}" for c in CLASS_COLUMNS))
_PAGE = ("page_log_blocks", "page_stop_density", "page_prose_share", "page_has_stoplist",
         "page_log_prose_length", "page_east_asian")
#: Block values whose window means describe the neighbourhood.
_WINDOWED = ("log_length", "stop_density", "terminal", "class=good", "class=short", "rule_any",
             "capwords", "digits")
_CONTEXT = (*(f"{name}~{k}" for name in _WINDOWED for k in WINDOWS),
            "prev_log_length", "next_log_length", "prev_stop_density", "next_stop_density",
            "prev_rule_any", "next_rule_any",
            "good_before_log_dist", "good_after_log_dist", "prose_mass_before", "prose_mass_after",
            "dense_signed_dist", "dense_log_dist", "comments_label_above", "label_log_dist",
            "short_run_log_len")
#: Every first-pass column, in order.
FEATURES: tuple[str, ...] = (*_OWN, *_PAGE, *_CONTEXT)
#: Columns the second pass adds: the first pass's scores around each block.
CONTEXT_FEATURES: tuple[str, ...] = (
    "p1", *(f"p1~{k}" for k in WINDOWS), "p1_prev", "p1_next", "p1_max_before3",
    "p1_max_after3", "p1_mass_before", "p1_mass_after", "p1_kept_before_log_dist",
    "p1_kept_after_log_dist", "p1_between", "p1_page_mean", "p1_page_kept_share")


def window_mean(values: np.ndarray, k: int) -> np.ndarray:
    """The mean of `values` over +-`k` positions around each position (fewer at the edges);
    for a 2-D `values`, of each column."""
    n = len(values)
    cs = np.concatenate((np.zeros((1, *values.shape[1:])), np.cumsum(values, axis=0)))
    idx = np.arange(n)
    lo = np.maximum(idx - k, 0)
    hi = np.minimum(idx + k + 1, n)
    count = (hi - lo).reshape(-1, *([1] * (values.ndim - 1)))
    return (cs[hi] - cs[lo]) / count


def _distance_to(mask: np.ndarray, forward: bool) -> np.ndarray:
    """Blocks to the nearest position where `mask` holds, strictly before (or after) each;
    FAR if there is none."""
    n = len(mask)
    idx = np.arange(n)
    if forward:
        at = np.where(mask, idx, n + FAR)
        nearest = np.minimum.accumulate(at[::-1])[::-1]
        gap = np.concatenate((nearest[1:], [n + FAR])) - idx
    else:
        at = np.where(mask, idx, -FAR - 1)
        nearest = np.maximum.accumulate(at) if n else at
        gap = idx - np.concatenate(([-FAR - 1], nearest[:-1]))
    return np.minimum(gap, FAR).astype(float)


def _run_length(mask: np.ndarray) -> np.ndarray:
    """For each position, the length of the run of `mask` it is in (0 outside runs)."""
    inside = np.asarray(mask, dtype=bool)
    starts = inside & ~np.concatenate(([False], inside[:-1]))
    run_id = np.cumsum(starts) - 1
    lengths = np.bincount(run_id[inside], minlength=int(starts.sum())).astype(float)
    out = np.zeros(len(inside))
    out[inside] = lengths[run_id[inside]]
    return out


def _shares_around(mass: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of the total `mass` strictly before and strictly after each position."""
    total = mass.sum() or 1.0
    before = np.concatenate(([0.0], np.cumsum(mass)[:-1]))
    after = total - before - mass
    return before / total, after / total


def block_matrix(blocks: Sequence[Block], feats: Sequence[Features],
                 stats: Sequence[TextStats], threshold: float, has_stoplist: bool) -> np.ndarray:
    """The first-pass feature matrix of a document: one row a block, columns `FEATURES`."""
    n = len(blocks)
    length = np.array([f.length for f in feats], dtype=float)
    words = np.array([f.words for f in feats], dtype=float)
    stop = np.array([f.stop_density for f in feats])
    terminal = np.array([f.terminal for f in feats], dtype=float)
    sentences = np.array([min(f.sentences, 20) for f in feats], dtype=float)
    prose = (length >= 100) & (terminal > 0) & (words >= 8)
    prose_stop = float(np.median(stop[prose])) if prose.any() else 0.0
    prose_len = float(np.median(length[prose])) if prose.any() else 0.0
    counts = Counter(b.text for b in blocks)
    rule_index = {r: i for i, r in enumerate(RULE_COLUMNS)}
    kind_index = {k: i for i, k in enumerate(KIND_COLUMNS)}
    class_index = {c: i for i, c in enumerate(CLASS_COLUMNS)}
    rules = np.zeros((n, len(RULE_COLUMNS)))
    kinds = np.zeros((n, len(KIND_COLUMNS)))
    classes = np.zeros((n, len(CLASS_COLUMNS)))
    rule_final = np.zeros(n)
    for i, b in enumerate(blocks):
        if b.rule:
            j = rule_index.get(b.rule)
            if j is not None:
                rules[i, j] = 1.0
            k = kind_index.get(b.kind or "")
            if k is not None:
                kinds[i, k] = 1.0
            rule_final[i] = float(b.final)
        classes[i, class_index[b.cf_class]] = 1.0
    rule_any = (rules.sum(axis=1) > 0).astype(float)
    log_length = np.log1p(length)
    own = np.column_stack([
        log_length, np.log1p(words), stop,
        np.log1p([f.stopwords for f in feats]), terminal, sentences,
        [f.ellipsis for f in feats], [f.has_url for f in feats],
        np.array(stats, dtype=float).reshape(n, len(TextStats._fields)),
        [b.blank_before for b in blocks], np.arange(n) / max(n - 1, 1),
        np.log([counts[b.text] for b in blocks]),
        stop / prose_stop if prose_stop else np.zeros(n),
        length / prose_len if prose_len else np.zeros(n),
        rule_final, rule_any, rules, kinds, classes,
    ])
    prose_mass = np.where(prose | (classes[:, 0] > 0), length, 0.0)
    page = np.tile([np.log1p(n), prose_stop, prose_mass.sum() / (length.sum() or 1.0),
                    float(has_stoplist), np.log1p(prose_len),
                    float(np.mean([s.east_asian for s in stats]))], (n, 1))
    chosen = own[:, [_OWN.index(name) for name in _WINDOWED]]
    means = [window_mean(chosen, k) for k in WINDOWS]  # one cumulative sum a window size
    windowed = [means[j][:, i] for i in range(len(_WINDOWED)) for j in range(len(WINDOWS))]
    good = classes[:, 0] > 0
    before, after = _shares_around(prose_mass)
    dense = window_mean(prose_mass, 7)
    centre = int(np.argmax(dense)) if n else 0
    signed = (np.arange(n) - centre) / max(n, 1)
    comments = np.maximum.accumulate(rules[:, rule_index["lexicon.comments-label"]]) \
        if n else np.zeros(0)
    labels = (kinds[:, kind_index["section-label"]] > 0)
    short = length < SHORT_CHARS
    context = np.column_stack([
        *windowed,
        np.concatenate(([0.0], log_length[:-1])), np.concatenate((log_length[1:], [0.0])),
        np.concatenate(([0.0], stop[:-1])), np.concatenate((stop[1:], [0.0])),
        np.concatenate(([0.0], rule_any[:-1])), np.concatenate((rule_any[1:], [0.0])),
        np.log1p(_distance_to(good, forward=False)), np.log1p(_distance_to(good, forward=True)),
        before, after, signed, np.log1p(np.abs(np.arange(n) - centre)),
        comments, np.log1p(_distance_to(labels, forward=False)),
        np.log1p(_run_length(short)),
    ])
    return np.ascontiguousarray(np.column_stack([own, page, context]), dtype=np.float64)


def context_columns(p1: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The second pass's extra columns (`CONTEXT_FEATURES`) from first-pass scores `p1`."""
    n = len(p1)
    kept = p1 >= 0.5
    mass = p1 * length
    before, after = _shares_around(mass)
    prev = np.concatenate(([0.0], p1[:-1]))
    nxt = np.concatenate((p1[1:], [0.0]))
    pad = np.concatenate(([0.0] * 3, p1, [0.0] * 3))
    max_before = np.max(np.stack([pad[i:i + n] for i in range(3)]), axis=0)
    max_after = np.max(np.stack([pad[i + 4:i + 4 + n] for i in range(3)]), axis=0)
    dist_before = _distance_to(kept, forward=False)
    dist_after = _distance_to(kept, forward=True)
    return np.column_stack([
        p1, *(window_mean(p1, k) for k in WINDOWS), prev, nxt, max_before, max_after,
        before, after, np.log1p(dist_before), np.log1p(dist_after),
        np.maximum(dist_before, dist_after) < FAR,
        np.full(n, p1.mean() if n else 0.0), np.full(n, kept.mean() if n else 0.0),
    ]).astype(np.float64)
