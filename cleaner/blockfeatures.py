"""The labeller's evidence: one row of numbers a block, for the whole document in one pass.

Each block is described by its own text (length, stop words, sentence ends, shares of digits,
capitals and punctuation, URL shapes, which junk rule fired: as evidence, not a verdict), by
the page (its prose's stop-word density and length, how much prose it has) and by its
neighbours (means over windows of +-1, +-3 and +-7 blocks, the distance to the nearest prose
and to the densest stretch of prose, how much prose lies before and after), and by the words
it holds, looked up in a learned junk vocabulary (`VOCAB_FEATURES`, `src/vocab.rs`: each
word's log-odds of junk, counted over the training blocks and shipped with the model), also
over its neighbours (`VOCAB_WINDOWED`). The
second pass adds the first pass's scores of the neighbours (`context_columns`).

`FEATURES` and `CONTEXT_FEATURES` name the columns; the model's manifest lists the same names,
and a test fails when they disagree.
"""

from __future__ import annotations

import gzip
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any, NamedTuple

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
    #: Markdown's (reader services and html2text write it): the share of the text a reader
    #: sees that is links' text (`[text](target)`), and a heading's level (`## Section`).
    link_share: float
    heading: float


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
             "capwords", "digits", "link_share")
_CONTEXT = (*(f"{name}~{k}" for name in _WINDOWED for k in WINDOWS),
            "prev_log_length", "next_log_length", "prev_stop_density", "next_stop_density",
            "prev_rule_any", "next_rule_any",
            "good_before_log_dist", "good_after_log_dist", "prose_mass_before", "prose_mass_after",
            "dense_signed_dist", "dense_log_dist", "comments_label_above", "label_log_dist",
            "short_run_log_len")
#: A block's words looked up in the learned vocabulary: the mean, largest and smallest
#: log-odds of junk of the words it knows, and their share of its words (`src/vocab.rs`).
VOCAB_FEATURES = ("vocab_mean", "vocab_max", "vocab_min", "vocab_known")
#: Their neighbourhood: window means (+-k blocks) of the mean, the known share and the max.
VOCAB_WINDOWED = ("vocab_mean~1", "vocab_mean~3", "vocab_known~3", "vocab_max~3")
#: Every first-pass column, in order.
FEATURES: tuple[str, ...] = (*_OWN, *_PAGE, *_CONTEXT, *VOCAB_FEATURES, *VOCAB_WINDOWED)
#: Where the vocabulary's columns and their window means lie in a first-pass row.
VOCAB_COLUMNS = slice(FEATURES.index(VOCAB_FEATURES[0]), FEATURES.index(VOCAB_WINDOWED[-1]) + 1)
#: A page whose blocks the vocabulary knows less than this share of (the mean of their
#: `vocab_known`) is scored with its vocabulary columns 0, as if its words were unknown:
#: there the few words it knows (names, English loans, words another language shares)
#: mislead. With daniel-dev left out of training (its Russian then a language the table
#: hardly knows) its Russian pages scored 0.631 with the columns, 0.740 with them 0. The
#: corpora's own languages lie above it (the 5th percentile of their renderings, each
#: described by a table of the other site folds: English 0.41-0.79, Chinese 0.30, Greek
#: 0.21, Polish 0.49, Russian 0.41). It is a way of scoring, not of training: every model
#: learns from the real columns and scores (trained on pages floored so, the labeller
#: learned what the few floored training pages did: daniel-dev left out 0.760).
KNOWN_FLOOR = 0.2
#: Where `vocab_known` lies among `VOCAB_FEATURES`.
_KNOWN = VOCAB_FEATURES.index("vocab_known")


def below_floor(vocab: np.ndarray) -> bool:
    """Whether a page's `VOCAB_FEATURES` rows `vocab` say the vocabulary knows too little
    of it to be read (`KNOWN_FLOOR`)."""
    # (numpy's mean to the bit: its sum over the count, without the wrapper's cost)
    return len(vocab) > 0 and float(vocab[:, _KNOWN].sum()) / len(vocab) < KNOWN_FLOOR


def floored(x: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """`x` (first-pass rows, a copy the caller owns) with the vocabulary columns of `rows`
    (a mask; None: every row) set to 0; the labeller scores such rows as a page the
    vocabulary cannot read."""
    if rows is None:
        x[:, VOCAB_COLUMNS] = 0.0
    elif rows.any():
        x[rows, VOCAB_COLUMNS] = 0.0
    return x


#: The vocabulary's file in the model directory, written by `python -m training.build`.
VOCABULARY_FILE = "vocab.tsv.gz"


@lru_cache(maxsize=1)
def vocabulary() -> _core.Vocabulary:
    """The shipped junk vocabulary, loaded on first use."""
    path = resources.files("cleaner") / "data" / "model" / VOCABULARY_FILE
    return _core.Vocabulary(gzip.decompress(path.read_bytes()).decode("utf-8"))
#: Columns the second pass adds: the first pass's scores around each block.
CONTEXT_FEATURES: tuple[str, ...] = (
    "p1", *(f"p1~{k}" for k in WINDOWS), "p1_prev", "p1_next", "p1_max_before3",
    "p1_max_after3", "p1_mass_before", "p1_mass_after", "p1_kept_before_log_dist",
    "p1_kept_after_log_dist", "p1_between", "p1_page_mean", "p1_page_kept_share")


@dataclass(frozen=True)
class Evidence:
    """What the labeller reads of a page's blocks besides their text and rules, one row a
    block: the measures (`Features` columns, booleans as 0 and 1), the shapes (`TextStats`
    columns) and the context-free class (an index into `CLASS_COLUMNS`); and the page's
    stop-word bar. Arrays, not an object a block: the pipeline hands them from core call to
    core call."""

    measured: np.ndarray
    stats: np.ndarray
    classes: np.ndarray
    threshold: float
    has_stoplist: bool
    #: The blocks' `VOCAB_FEATURES` rows.
    vocab: np.ndarray = field(repr=False)
    #: Date-shaped lines not read as dates, past `classify.MAX_DATE_LINES`.
    unread_dates: int = 0

    @classmethod
    def of(cls, feats: Sequence[Features], stats: Sequence[TextStats], classes: Sequence[str],
           threshold: float, has_stoplist: bool,
           vocab: np.ndarray | None = None) -> Evidence:
        """From one `Features`, `TextStats` and class name a block (tests and tools; no
        `vocab` rows: the words known to no vocabulary)."""
        if vocab is None:
            vocab = np.zeros((len(feats), len(VOCAB_FEATURES)))
        return cls(_rows(feats, len(Features._fields)), _rows(stats, len(TextStats._fields)),
                   np.array([_CLASS_INDEX[c] for c in classes], dtype=np.intp).reshape(-1),
                   threshold, has_stoplist, vocab)

    def column(self, name: str) -> np.ndarray:
        """One `Features` column (a block's `length`, `words`, ...)."""
        return self.measured[:, Features._fields.index(name)]

    def attach(self, blocks: Sequence[Block]) -> None:
        """Give each block its own `Features`, `TextStats` and class name (`Block.measured`,
        `stats`, `cf_class`): for the training build and the tests, which read them a block
        at a time."""
        for b, m, st, c in zip(blocks, self.measured.tolist(), self.stats.tolist(),
                               self.classes.tolist(), strict=True):
            b.measured = Features(int(m[0]), int(m[1]), int(m[2]), m[3], bool(m[4]), int(m[5]),
                                  bool(m[6]), bool(m[7]))
            b.stats = TextStats._make(st)
            b.cf_class = CLASS_COLUMNS[c]


def block_matrix(blocks: Sequence[Block], evidence: Evidence, spare: int = 0) -> np.ndarray:
    """The first-pass feature matrix of a document: one row a block, columns `FEATURES`
    (then `spare` columns of zeros, room for the second pass's), computed by the compiled
    core (`src/matrix.rs`) in one call.

    The logarithms are numpy's, handed to the core: numpy's vectorised ones differ from
    the C library's in the last bit, and the shipped trees were trained on numpy's.
    """
    n = len(blocks)
    texts = [b.text for b in blocks]
    counts = Counter(texts)
    # A rule's column, kind and finality count only on a block a rule fired on.
    rule = [_RULE_INDEX.get(b.rule, -1) for b in blocks]  # no rule: "", not in the index
    kind = [_KIND_INDEX.get(b.kind or "", -1) if b.rule else -1 for b in blocks]
    final = [bool(b.rule) and b.final for b in blocks]
    measured = evidence.measured
    length, words, stopwords = measured[:, 0], measured[:, 1], measured[:, 2]
    # The core finds the page's prose itself; its median length is found here too, only to
    # take numpy's log of it (tests/test_matrix_core.py compares every column to the bit).
    prose = (length >= 100) & (measured[:, 4] > 0) & (words >= 8)
    # (statistics.median: the same value as numpy's, a few times quicker on a page's blocks)
    lengths = length[prose].tolist()
    prose_len = float(statistics.median(lengths)) if lengths else 0.0
    logs = np.column_stack([np.log1p(length), np.log1p(words), np.log1p(stopwords),
                            np.log(np.fromiter(map(counts.__getitem__, texts), np.float64,
                                               n))])
    return _core.block_matrix(
        np.ascontiguousarray(measured), np.ascontiguousarray(evidence.stats),
        np.ascontiguousarray(evidence.vocab),
        [b.blank_before for b in blocks], rule, kind, evidence.classes.tolist(), final, logs,
        _SMALL_LOGS if n <= FAR else np.log1p(np.arange(n + 1, dtype=np.float64)),
        float(np.log1p(prose_len)),
        evidence.has_stoplist, spare)


def _rows(tuples: Sequence[tuple[Any, ...]], width: int) -> np.ndarray:
    """Equal-length tuples of numbers as a float64 matrix (three times quicker than
    `np.array` on a list of tuples)."""
    n = len(tuples)
    return np.fromiter(chain.from_iterable(tuples), np.float64, n * width).reshape(n, width)


def context_columns(p1: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The second pass's extra columns (`CONTEXT_FEATURES`) from first-pass scores `p1`
    and the blocks' lengths, computed by the compiled core."""
    return _core.context_columns(np.ascontiguousarray(p1, dtype=np.float64),
                                 np.ascontiguousarray(length, dtype=np.float64), _SMALL_LOGS)


_RULE_INDEX = {r: i for i, r in enumerate(RULE_COLUMNS)}
_KIND_INDEX = {k: i for i, k in enumerate(KIND_COLUMNS)}
_CLASS_INDEX = {c: i for i, c in enumerate(CLASS_COLUMNS)}
#: log1p of the distances in blocks, 0 to FAR, as numpy computes them.
_SMALL_LOGS = np.log1p(np.arange(FAR + 1, dtype=np.float64))
