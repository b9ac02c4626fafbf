"""Step 5: measure and judge each block on its own: features, junk rules, a context-free class.

What this pass finds is evidence: the learned labeller (`labeller`) weighs it together with
the block's neighbours and decides. Only shapes that are junk whatever their context (no
letters, a bare URL, pagination) are settled here (`Block.final`).
"""

from __future__ import annotations

import statistics

import numpy as np

from . import _core
from .blockfeatures import CLASS_COLUMNS, Evidence
from .budget import check
from .lang import stoplist
from .lexicon import lexicon
from .options import Options
from .rules import CERTAIN_RULES, Verdict, verdict_of
from .segment import Block

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"


def stop_threshold(prose: list[float], options: Options) -> float:
    """The stop-word density under which a long block is boilerplate, for this document,
    from the stop-word densities of its prose (blocks of 100 characters or more, 8 words
    or more, ending like a sentence).

    The document's own prose sets the scale, so that a language whose running text has few
    stop words in jusText's list is judged fairly.
    """
    if not prose:
        return options.stopword_density
    ref = statistics.median(prose)
    return min(options.stopword_density, options.relative_stopword_density * ref)


def classify_blocks(blocks: list[Block], stops: frozenset[str], language: str | None,
                    options: Options) -> Evidence:
    """Measures, shapes, junk rules and a context-free class for every block: the rules'
    verdicts go on the blocks, the rest is returned as arrays with the page's stop-word
    bar (`stop_threshold`; 0 without a stop-word list)."""
    # A page repeats lines (a menu above and below, "Reply" under every comment): features
    # and rules depend on the text alone, so the core measures, shapes and rules on each
    # distinct text once, all in one call.
    rows, measured, shapes, found = _core.classify_page([b.text for b in blocks],
                                                        stoplist(stops), lexicon().core)
    has_stoplist = bool(stops)
    if has_stoplist:
        prose = (measured[:, 0] >= 100) & (measured[:, 4] > 0) & (measured[:, 1] >= 8)
        threshold = stop_threshold(measured[rows[prose[rows]], 3].tolist(), options)
    else:
        threshold = 0.0
    check()
    verdicts: dict[int, Verdict] = {}
    for i, (row, text, f) in enumerate(found):
        if not i & 255:
            check()  # dates may be parsed, a few milliseconds each
        verdict = verdict_of(text, f, language)
        if verdict is not None:
            verdicts[row] = verdict
    check()
    if verdicts:
        for block, row in zip(blocks, rows.tolist(), strict=True):
            verdict = verdicts.get(row)
            if verdict is not None:
                block.kind, block.reason, block.rule = verdict.kind, verdict.reason, verdict.rule
                block.facts = dict(verdict.facts)
                block.junk_rule = verdict.final
                block.final = verdict.rule in CERTAIN_RULES
    classes = _classes(measured, threshold, has_stoplist, options)
    return Evidence(measured[rows], shapes[rows], classes[rows], threshold, has_stoplist)


def _classes(m: np.ndarray, threshold: float, has_stoplist: bool, options: Options
             ) -> np.ndarray:
    """jusText's context-free class of each row of the measures `m` (`Features` columns),
    as an index into `CLASS_COLUMNS`: short, then by stop words where the language has a
    list, else by sentence ends."""
    length, words, stopwords, density = m[:, 0], m[:, 1], m[:, 2], m[:, 3]
    terminal, sentences = m[:, 4] > 0, m[:, 5]
    long = length >= options.long_length
    good, near, short, bad = (CLASS_COLUMNS.index(c) for c in (GOOD, NEARGOOD, SHORT, BAD))
    if has_stoplist:
        is_bad = (density < threshold) | (stopwords < 2)
        is_good = np.where(long, terminal | (sentences >= 2), terminal & (words >= 8))
        cls = np.where(is_bad, bad, np.where(is_good, good, near))
    else:
        # No stop-word list for this language: sentences are the evidence.
        is_good = long & (terminal | (sentences >= 2))
        cls = np.where(is_good, good, np.where(terminal | (sentences >= 1), near, bad))
    return np.where(length < options.short_length, short, cls).astype(np.intp)
