"""Step 5: measure and judge each block on its own: features, junk rules, a context-free class.

What this pass finds is evidence: the learned labeller (`labeller`) weighs it together with
the block's neighbours and decides. Only shapes that are junk whatever their context (no
letters, a bare URL, pagination) are settled here (`Block.final`).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from .blockfeatures import TextStats, text_stats
from .budget import check
from .features import Features, measure
from .options import Options
from .rules import CERTAIN_RULES, Verdict, judge_all
from .segment import Block

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"


def stop_threshold(feats: Sequence[Features], options: Options, has_stoplist: bool) -> float:
    """The stop-word density under which a long block is boilerplate, for this document.

    The document's own prose (long blocks ending like sentences) sets the scale, so that a
    language whose running text has few stop words in jusText's list is judged fairly.
    """
    if not has_stoplist:
        return 0.0
    prose = [f.stop_density for f in feats if f.length >= 100 and f.terminal and f.words >= 8]
    if not prose:
        return options.stopword_density
    ref = statistics.median(prose)
    return min(options.stopword_density, options.relative_stopword_density * ref)


def classify_blocks(blocks: list[Block], stops: frozenset[str], language: str | None,
                    options: Options) -> float:
    """Features, junk rules and a context-free class for every block; returns the page's
    stop-word bar (`stop_threshold`)."""
    # A page repeats lines (a menu above and below, "Reply" under every comment): features
    # and rules depend on the text alone, so each distinct text is measured and judged once,
    # and the core measures and scans all of them in one call each.
    distinct = list(dict.fromkeys(b.text for b in blocks))
    folded = [t.casefold() for t in distinct]
    measured = measure(distinct, folded, stops)
    feats_of = dict(zip(distinct, measured, strict=True))
    threshold = stop_threshold([feats_of[b.text] for b in blocks], options, bool(stops))
    shapes = text_stats(distinct, [f.words for f in measured])
    # Rules look at lines, not at long paragraphs (a URL in one may still make it junk).
    judged = [i for i, f in enumerate(measured)
              if (f.length <= 1000 or f.has_url) and f.words <= 150]
    check()
    verdicts: list[Verdict | None] = [None] * len(distinct)
    for i, verdict in zip(judged, judge_all(
            [distinct[i] for i in judged], [folded[i].replace("’", "'") for i in judged],
            [measured[i] for i in judged], language), strict=True):
        verdicts[i] = verdict
    check()
    has_stoplist = bool(stops)
    per_text: dict[str, tuple[Features, TextStats, str, Verdict | None]] = {
        text: (f, shape, _class_of(f, threshold, has_stoplist, options), verdict)
        for text, f, shape, verdict in zip(distinct, measured, shapes, verdicts, strict=True)}
    for block in blocks:
        block.measured, block.stats, block.cf_class, verdict = per_text[block.text]
        if verdict is not None:
            block.kind, block.reason, block.rule = verdict.kind, verdict.reason, verdict.rule
            block.facts = dict(verdict.facts)
            block.junk_rule = verdict.final
            block.final = verdict.rule in CERTAIN_RULES
    return threshold


def _class_of(f: Features, threshold: float, has_stoplist: bool, options: Options) -> str:
    if f.length < options.short_length:
        return SHORT
    if has_stoplist:
        if f.stop_density < threshold or f.stopwords < 2:
            return BAD
        if f.length >= options.long_length:
            return GOOD if f.terminal or f.sentences >= 2 else NEARGOOD
        return GOOD if f.terminal and f.words >= 8 else NEARGOOD
    # No stop-word list for this language: sentences are the evidence.
    if f.length >= options.long_length and (f.terminal or f.sentences >= 2):
        return GOOD
    return NEARGOOD if f.terminal or f.sentences >= 1 else BAD
