"""Step 5: measure and judge each block on its own: features, junk rules, a context-free class.

What this pass finds is evidence: the learned labeller (`labeller`) weighs it together with
the block's neighbours and decides. Only shapes that are junk whatever their context (no
letters, a bare URL, pagination) are settled here (`Block.final`).
"""

from __future__ import annotations

from . import _core
from .blockfeatures import Evidence, vocabulary
from .budget import check
from .lang import stoplist
from .lexicon import lexicon
from .options import Options
from .rules import CERTAIN_RULES, verdict_of
from .segment import Block

#: Most distinct date-shaped lines a document reads as dates (`dates.parse_date_line`): a
#: date the quick forms do not cover goes to dateparser, a millisecond or two a line, so
#: 5,000 lines of French dates with times ("12 mars 2019, 10h30") took 4.7 s (2.2 s with
#: the bar) and 200,000 would take minutes. The dev corpora's renderings have at most 436
#: date lines; past the bar a line is judged as any other text (and the result's warnings
#: say how many were).
MAX_DATE_LINES = 1000


def classify_blocks(blocks: list[Block], stops: frozenset[str], language: str | None,
                    options: Options) -> Evidence:
    """Measures, shapes, junk rules and a context-free class for every block: the rules'
    verdicts go on the blocks, the rest is returned as arrays with the page's stop-word
    bar (0 without a stop-word list).

    The class is jusText's, from the block's own measures (`src/jusclass.rs`): short
    (under `Options.short_length`), then where the language has a stop-word list bad under
    the page's bar (the lower of `Options.stopword_density` and
    `Options.relative_stopword_density` times the median density of the page's prose, so
    that a language whose running text has few stop words in its list is judged fairly),
    else good or near-good by sentence ends and length (`Options.long_length`)."""
    # A page repeats lines (a menu above and below, "Reply" under every comment): features
    # and rules depend on the text alone, so the core measures, shapes and rules on each
    # distinct text once, all in one call.
    has_stoplist = bool(stops)
    measured, shapes, classes, threshold, found, known = _core.classify_page(
        [b.text for b in blocks], stoplist(stops), lexicon().core, has_stoplist,
        (options.stopword_density, options.relative_stopword_density, options.long_length,
         options.short_length), vocabulary())
    check()
    dated = 0
    for i, (text, f, where) in enumerate(found):
        if not i & 255:
            check()  # dates may be parsed, a millisecond or so each
        if f[3]:  # may be a date line
            dated += 1
            if dated > MAX_DATE_LINES:
                f = (*f[:3], False)
        verdict = verdict_of(text, f, language)
        if verdict is None:
            continue
        final = verdict.rule in CERTAIN_RULES
        for at in where:
            block = blocks[at]
            block.kind, block.reason, block.rule = verdict.kind, verdict.reason, verdict.rule
            block.facts = dict(verdict.facts)
            block.junk_rule = verdict.final
            block.final = final
    check()
    return Evidence(measured, shapes, classes, threshold, has_stoplist, known,
                    max(0, dated - MAX_DATE_LINES))
