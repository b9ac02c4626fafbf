"""The compiled feature matrices (`src/matrix.rs`) against the numpy code they replaced,
kept here as the reference: the very same numbers, to the last bit, on real pages and on
random ones (the logarithms are numpy's in both: the trees were trained on them)."""

from __future__ import annotations

import gzip
import json
import os
import statistics
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.blockfeatures import (
    _OWN,
    _WINDOWED,
    CLASS_COLUMNS,
    CONTEXT_FEATURES,
    FAR,
    FEATURES,
    KIND_COLUMNS,
    RULE_COLUMNS,
    SHORT_CHARS,
    VOCAB_FEATURES,
    WINDOWS,
    Evidence,
    TextStats,
    block_matrix,
    context_columns,
    text_stats,
)
from cleaner.classify import classify_blocks
from cleaner.core import evidence
from cleaner.features import Features, measure
from cleaner.lang import document_stopwords, rank_languages
from cleaner.options import DEFAULT_OPTIONS, Options
from cleaner.rules import CERTAIN_RULES, judge_all
from cleaner.segment import Block
from cleaner.unwrap import join_wrapped

ROOT = Path(__file__).resolve().parent.parent

# --- the reference ----------------------------------------------------------------------

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


def reference_block_matrix(blocks: Sequence[Block], feats: Sequence[Features],
                 stats: Sequence[TextStats], threshold: float, has_stoplist: bool,
                 vocab: np.ndarray | None = None) -> np.ndarray:
    """The numpy code `src/matrix.rs` replaced, then the vocabulary's columns (`vocab`,
    none known when not given), which `block_matrix` appends."""
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
    if vocab is None:
        vocab = np.zeros((n, len(VOCAB_FEATURES)))
    vocab = vocab.reshape(n, len(VOCAB_FEATURES))
    around = np.column_stack([window_mean(vocab[:, 0], 1), window_mean(vocab[:, 0], 3),
                              window_mean(vocab[:, 3], 3), window_mean(vocab[:, 1], 3)])
    return np.ascontiguousarray(np.column_stack([own, page, context, vocab, around]),
                                dtype=np.float64)


def reference_context_columns(p1: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The numpy code `src/matrix.rs` replaced."""
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


# --- the comparisons --------------------------------------------------------------------


def _same(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape
    assert np.array_equal(got, want), np.argwhere(got != want)[:5]


_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
               "article", "header", "footer", "nav", "aside", "ul", "ol", "table", "blockquote")


def _render(html: str) -> str:
    """A page's whole visible text, a line a block element (lxml, which the tests have)."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for gone in root.xpath("//script|//style|//noscript|//template"):
        gone.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


@lru_cache(maxsize=1)
def _pages() -> tuple[str, ...]:
    """The seeds, and the first pages of a corpus when it is here, rendered whole."""
    pages = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    corpora = Path(os.environ.get("CLEANER_CORPORA", ROOT.parent / "shared" / "corpora"))
    path = corpora / "wcxb-dev.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for _, line in zip(range(25), fh, strict=False):
                pages.append(_render(json.loads(line)["html"]))
    return tuple(pages)


def page_evidence(page: int) -> tuple[list[Block], Evidence]:
    """What the labeller sees of page number `page` of `_pages` (skips when there are
    fewer pages)."""
    pages = _pages()
    if page >= len(pages):
        pytest.skip("fewer pages here")
    return evidence(pages[page])


@pytest.mark.parametrize("page", range(30))
def test_the_core_computes_the_reference_matrices_on_real_pages(page):
    blocks, found = page_evidence(page)
    threshold, has_stoplist = found.threshold, found.has_stoplist
    feats, stats = [b.measured for b in blocks], [b.stats for b in blocks]
    x = block_matrix(blocks, found)
    assert x.shape == (len(blocks), len(FEATURES))
    _same(x, reference_block_matrix(blocks, feats, stats, threshold, has_stoplist, found.vocab))
    p1 = np.random.default_rng(page).random(len(blocks))
    length = np.array([f.length for f in feats], dtype=float)
    _same(context_columns(p1, length), reference_context_columns(p1, length))
    assert context_columns(p1, length).shape == (len(blocks), len(CONTEXT_FEATURES))


def reference_threshold(feats: Sequence[Features], options: Options, has_stoplist: bool
                        ) -> float:
    """`classify.stop_threshold` as it was (2026-12-02), from the blocks' measures."""
    if not has_stoplist:
        return 0.0
    prose = [f.stop_density for f in feats if f.length >= 100 and f.terminal and f.words >= 8]
    if not prose:
        return options.stopword_density
    ref = statistics.median(prose)
    return min(options.stopword_density, options.relative_stopword_density * ref)


def reference_class(f: Features, threshold: float, has_stoplist: bool, options: Options) -> str:
    """`classify._class_of` as it was (2026-12-02), a block at a time."""
    if f.length < options.short_length:
        return "short"
    if has_stoplist:
        if f.stop_density < threshold or f.stopwords < 2:
            return "bad"
        if f.length >= options.long_length:
            return "good" if f.terminal or f.sentences >= 2 else "neargood"
        return "good" if f.terminal and f.words >= 8 else "neargood"
    if f.length >= options.long_length and (f.terminal or f.sentences >= 2):
        return "good"
    return "neargood" if f.terminal or f.sentences >= 1 else "bad"


@pytest.mark.parametrize("page", range(30))
@pytest.mark.parametrize("has_stoplist", [True, False])
def test_the_page_arrays_are_the_blocks_own_measures(page, has_stoplist):
    """`classify_blocks` measures a page's distinct lines in one call and hands the
    labeller arrays: row for row they are `measure`, `text_stats` and the class of each
    block alone, the stop-word bar is the reference's, and each block carries the verdict
    the rules give it alone."""
    pages = _pages()
    if page >= len(pages):
        pytest.skip("fewer pages here")
    blocks, _ = join_wrapped(pages[page])
    ranked = rank_languages(" ".join(b.text for b in blocks)[:1500])
    stops = document_stopwords(ranked) if has_stoplist else frozenset()
    found = classify_blocks(blocks, stops, ranked[0][0] if ranked else None, DEFAULT_OPTIONS)
    feats = measure([b.text for b in blocks], [b.text.casefold() for b in blocks], stops)
    threshold = reference_threshold(feats, DEFAULT_OPTIONS, bool(stops))
    assert found.threshold == threshold
    assert found.has_stoplist == bool(stops)
    want = Evidence.of(feats, text_stats([b.text for b in blocks], [f.words for f in feats]),
                       [reference_class(f, threshold, bool(stops), DEFAULT_OPTIONS)
                        for f in feats], threshold, bool(stops))
    assert np.array_equal(found.measured, want.measured)
    assert np.array_equal(found.stats, want.stats)
    assert np.array_equal(found.classes, want.classes)
    # The rules' verdicts, as one call of `judge_all` a block gives them (lines of at most
    # 1,000 characters or with a URL, and at most 150 words, are judged).
    language = ranked[0][0] if ranked else None
    for b, f in zip(blocks, feats, strict=True):
        judged = (f.length <= 1000 or f.has_url) and f.words <= 150
        verdict = judge_all([b.text], [b.text.casefold().replace("’", "'")], [f.length],
                            [f.words], [f.terminal], language)[0] if judged else None
        if verdict is None:
            assert (b.rule, b.kind, b.final, b.junk_rule) == ("", None, False, False)
        else:
            assert (b.rule, b.kind, b.reason, b.junk_rule, b.facts) == (
                verdict.rule, verdict.kind, verdict.reason, verdict.final, dict(verdict.facts))
            assert b.final == (verdict.rule in CERTAIN_RULES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 800), st.integers(0, 200), st.integers(0, 60),
                          st.floats(0, 1), st.booleans(), st.integers(0, 5)), max_size=40),
       st.booleans())
def test_the_classes_are_the_reference_on_any_measures(rows, has_stoplist):
    """The core's classes and stop-word bar (`classify_page`) are the block-at-a-time
    reference's, on any measures."""
    feats = [Features(n, w, min(s, w), d, t, k, False, False) for n, w, s, d, t, k in rows]
    o = DEFAULT_OPTIONS
    got, bar = _core.page_classes(
        Evidence.of(feats, [(0.0,) * len(TextStats._fields)] * len(feats),
                    ["good"] * len(feats), 0.0, has_stoplist).measured.reshape(-1, 8), has_stoplist,
        (o.stopword_density, o.relative_stopword_density, o.long_length, o.short_length))
    assert bar == reference_threshold(feats, o, has_stoplist)
    want = [CLASS_COLUMNS.index(reference_class(f, bar, has_stoplist, o)) for f in feats]
    assert got == want


_block = st.tuples(
    st.integers(0, 3000), st.integers(0, 300), st.integers(0, 100), st.floats(0, 1),
    st.booleans(), st.integers(0, 40), st.booleans(), st.booleans(),
    st.lists(st.floats(0, 1), min_size=len(TextStats._fields),
             max_size=len(TextStats._fields)),
    st.sampled_from(["", *RULE_COLUMNS, "model.other"]), st.sampled_from([None, *KIND_COLUMNS]),
    st.sampled_from(CLASS_COLUMNS), st.booleans(), st.booleans(), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(st.lists(_block, min_size=1, max_size=160), st.booleans())
def test_the_core_computes_the_reference_matrices_on_any_page(rows, has_stoplist):
    blocks, feats, stats = [], [], []
    for i, (length, words, stop, density, terminal, sentences, ellipsis, url, shape, rule,
            kind, cls, final, blank, text) in enumerate(rows):
        b = Block(i, 0, 0, f"text {text}", f"text {text}")
        b.rule, b.kind, b.cf_class, b.final, b.blank_before = rule, kind, cls, final, blank
        blocks.append(b)
        feats.append(Features(length, words, min(stop, words), density, terminal, sentences,
                              ellipsis, url))
        stats.append(TextStats(*shape))
    # The vocabulary's columns: any numbers will do (the shapes' first four).
    vocab = np.array([s[:4] for s in stats], dtype=np.float64).reshape(-1, 4)
    with np.errstate(over="ignore"):  # a tiny stop-word density makes both sides inf
        want = reference_block_matrix(blocks, feats, stats, 0.3, has_stoplist, vocab)
    _same(block_matrix(blocks, Evidence.of(feats, stats, [b.cf_class for b in blocks], 0.3,
                                           has_stoplist, vocab)), want)
    p1 = np.array([f.stop_density for f in feats])
    length = np.array([f.length for f in feats], dtype=float)
    _same(context_columns(p1, length), reference_context_columns(p1, length))


def test_an_empty_page_has_empty_matrices():
    # (The numpy code failed on one; the cleaner never asks, but the core answers.)
    assert block_matrix([], Evidence.of([], [], [], 0.3, True)).shape == (0, len(FEATURES))
    assert context_columns(np.zeros(0), np.zeros(0)).shape == (0, len(CONTEXT_FEATURES))


def test_bad_arguments_are_value_errors():
    def call(**changed):
        args = {"measures": np.zeros((1, 8)), "rule": [-1], "logs": np.zeros((1, 4)),
                "small": np.zeros(61), "vocab": np.zeros((1, 4))} | changed
        return _core.block_matrix(args["measures"], np.zeros((1, len(TextStats._fields))),
                                  args["vocab"], [False], args["rule"], [-1], [0], [False],
                                  args["logs"], args["small"], 0.0, True)

    assert call().shape == (1, len(FEATURES))
    with pytest.raises(ValueError, match="vocab"):
        call(vocab=np.zeros((1, 3)))
    with pytest.raises(ValueError, match="measures"):
        call(measures=np.zeros((1, 3)))
    with pytest.raises(ValueError, match="rule index"):
        call(rule=[99])
    with pytest.raises(ValueError, match="logs"):
        call(logs=np.zeros((2, 4)))
    with pytest.raises(ValueError, match="small"):
        call(small=np.zeros(10))
    with pytest.raises(ValueError, match="differ"):
        _core.context_columns(np.zeros(2), np.zeros(3), np.zeros(61))


def test_window_mean_averages_over_the_neighbours_present():
    assert window_mean(np.array([1.0, 2.0, 3.0, 4.0]), 1).tolist() == [1.5, 2.0, 3.0, 3.5]


def test_distances_and_runs_count_blocks_to_the_nearest_marked_one():
    mask = np.array([False, True, False, False, True])
    assert _distance_to(mask, forward=False).tolist() == [FAR, FAR, 1, 2, 3]
    assert _distance_to(mask, forward=True).tolist() == [1, 3, 2, 1, FAR]
    assert _run_length(np.array([True, True, False, True])).tolist() == [2, 2, 0, 1]
