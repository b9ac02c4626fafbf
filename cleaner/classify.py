"""Steps 5 and 6: classify each block on its own, then revise every class from its context.

The first pass (`classify_blocks`) labels each block good / neargood / short / bad from its
features, or marks it junk by a rule. The second pass (`revise`) is jusText's idea: a short
line between article paragraphs is a subheading or a list item and stays; the same line among
menus goes. A last pass (`select_region`) keeps the main run of article text and says what
everything around it is (navigation before it, related lists and comments after it).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from .budget import check
from .features import Features, compute
from .options import Options
from .rules import Verdict, judge
from .segment import Block

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
#: Junk that sits inside an article without ending it: context looks through it.
INLINE_KINDS = frozenset({"related-link", "advertisement", "share", "credit", "caption",
                          "timestamp", "duplicate", "byline", "other", "navigation"})
#: Lines this long and shorter may be headlines in a related list.
MAX_HEADLINE_CHARS = 160


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
                    options: Options) -> None:
    """First pass: features, junk rules, and a context-free class for every block."""
    # A page repeats lines (a menu above and below, "Reply" under every comment): features
    # and rules depend on the text alone, so each distinct text is measured and judged once.
    measured: dict[str, Features] = {}
    judged: dict[str, Verdict | None] = {}
    feats = []
    for i, b in enumerate(blocks):
        if not i & 255:
            check()
        f = measured.get(b.text)
        if f is None:
            f = measured[b.text] = compute(b.text, stops)
        feats.append(f)
    threshold = stop_threshold(feats, options, bool(stops))
    for i, (block, f) in enumerate(zip(blocks, feats, strict=True)):
        if not i & 255:
            check()
        block.features = {"length": f.length, "words": f.words, "stop_density": f.stop_density,
                          "terminal": float(f.terminal),
                          "ellipsis": float(f.ellipsis), "sentences": f.sentences}
        verdict: Verdict | None = None
        if (f.length <= 1000 or f.has_url) and f.words <= 150:
            if block.text in judged:
                verdict = judged[block.text]
            else:
                verdict = judged[block.text] = judge(block.text, f, language)
        if verdict is not None:
            block.kind, block.reason = verdict.kind, verdict.reason
            block.facts = dict(verdict.facts)
            if verdict.final:
                block.final = True
                block.cls = BAD
                continue
        block.cls = _class_of(f, threshold, bool(stops), options)
        if verdict is not None and block.cls in (GOOD, NEARGOOD):
            block.cls = SHORT  # a menu word that reads like text: let context decide
        if not block.reason:
            block.reason = _why(block.cls, f, threshold, bool(stops))


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


def _why(cls: str, f: Features, threshold: float, has_stoplist: bool) -> str:
    if cls == BAD:
        if has_stoplist and f.stop_density < threshold:
            return f"few stop words ({f.stop_density:.2f} < {threshold:.2f})"
        return "long text with no sentence in it"
    if cls == SHORT:
        return f"short line ({f.length} characters)"
    return "paragraph-like text"


def _effective(b: Block) -> str | None:
    """A block's class as its neighbours see it; None when context looks through it."""
    if b.final and b.kind in INLINE_KINDS:
        return None
    return BAD if b.final or b.meta else b.cls


def _nearest(blocks: list[Block], step: int, skip: frozenset[str]) -> list[str]:
    """For each block, the class of the nearest block in direction `step` whose class is not
    in `skip` (and that context does not look through); BAD past the document's edge.
    One linear pass, so that long runs of short lines cost no more than paragraphs do."""
    out = [BAD] * len(blocks)
    last = BAD
    order = range(len(blocks)) if step < 0 else range(len(blocks) - 1, -1, -1)
    for i in order:
        out[i] = last
        c = _effective(blocks[i])
        if c is not None and c not in skip:
            last = c
    return out


_SKIP_SHORT = frozenset({SHORT})
_SKIP_BOTH = frozenset({SHORT, NEARGOOD})


def revise(blocks: list[Block], options: Options) -> None:
    """Second pass (jusText's context rules): settle short and neargood blocks by neighbours."""
    open_ = [b for b in blocks if not b.final and not b.meta]
    # Short blocks first, looking past near-good ones.
    prev_both, next_both = _nearest(blocks, -1, _SKIP_BOTH), _nearest(blocks, +1, _SKIP_BOTH)
    prev_short, next_short = _nearest(blocks, -1, _SKIP_SHORT), _nearest(blocks, +1, _SKIP_SHORT)
    new: dict[int, str] = {}
    for b in open_:
        if b.cls != SHORT:
            continue
        i = b.index
        prev, nxt = prev_both[i], next_both[i]
        if prev == nxt:
            new[i] = prev
        elif prev == BAD and prev_short[i] == NEARGOOD:
            new[i] = GOOD
        elif nxt == BAD and next_short[i] == NEARGOOD:
            new[i] = GOOD
        else:
            new[i] = BAD
    for b in open_:
        if b.index in new:
            b.cls = new[b.index]
            b.revised = True
    # Then near-good blocks: good unless bad on both sides.
    prev_both, next_both = _nearest(blocks, -1, _SKIP_BOTH), _nearest(blocks, +1, _SKIP_BOTH)
    for b in open_:
        if b.cls != NEARGOOD:
            continue
        b.cls = BAD if prev_both[b.index] == BAD and next_both[b.index] == BAD else GOOD
        b.revised = True
    _limit_short_runs(blocks, options.max_short_run)


def _limit_short_runs(blocks: list[Block], limit: int) -> None:
    """A long run of short lines between paragraphs is a menu or a list of links, not text."""
    run: list[Block] = []
    for b in [*blocks, None]:
        if b is not None and not b.final and not b.meta and b.cls == GOOD and b.revised \
                and b.features.get("length", 0) < 70:
            run.append(b)
            continue
        if len(run) > limit:
            for r in run:
                r.cls = BAD
                r.reason = f"one of {len(run)} short lines in a row"
        run = []


def select_region(blocks: list[Block], options: Options) -> None:
    """Keep the main run of article text and any large island; name what the rest is."""
    runs: list[list[Block]] = []
    current: list[Block] = []
    barrier_after: set[int] = set()
    for b in blocks:
        if b.meta:
            continue
        if not b.final and b.cls == GOOD:
            current.append(b)
        elif b.final and b.kind in INLINE_KINDS:
            continue
        else:
            if current:
                runs.append(current)
                current = []
            if b.final and b.kind == "section-label" and "comments label" in b.reason:
                barrier_after.add(b.index)
    if current:
        runs.append(current)
    if not runs:
        for b in blocks:
            if not b.final and not b.meta:
                _remove(b, "boilerplate" if b.cls == BAD else b.kind or "boilerplate",
                        b.reason if b.cls == BAD else "no article text found around it")
        return
    mass = [sum(len(b.text) for b in r) for r in runs]
    main = max(range(len(runs)), key=mass.__getitem__)
    main_start, main_end = runs[main][0].index, runs[main][-1].index
    comments_from = min((i for i in barrier_after if i > main_end), default=None)
    kept: set[int] = set()
    for k, run in enumerate(runs):
        if k == main:
            kept.update(b.index for b in run)
            continue
        after_comments = comments_from is not None and run[0].index > comments_from
        if not after_comments and mass[k] >= options.min_island_share * mass[main] \
                and _joins(blocks, run, main_start, main_end):
            kept.update(b.index for b in run)
            continue
        for b in run:
            if after_comments:
                _remove(b, "comments", "text below the comments label")
            else:
                _remove(b, "boilerplate",
                        f"a small run of text ({mass[k]} characters) apart from the article")
    _name_leftovers(blocks, kept, min(kept), max(kept))


def _joins(blocks: list[Block], run: list[Block], start: int, end: int) -> bool:
    """An island joins the article unless a widget label or comments stand between them."""
    lo, hi = (run[-1].index, start) if run[-1].index < start else (end, run[0].index)
    return not any(b.final and b.kind == "section-label" for b in blocks[lo:hi])


def _remove(b: Block, kind: str, reason: str) -> None:
    b.cls = BAD
    b.kind = kind
    b.reason = reason
    b.final = True


def _name_leftovers(blocks: list[Block], kept: set[int], first: int, last: int) -> None:
    """Give every removed, not-yet-named block a kind from where it stands: under a comments
    label it is a comment, under another widget label a listed headline, above the article
    navigation, elsewhere boilerplate."""
    under: str | None = None  # "comments" or "label": the last label above, since text
    for b in blocks:
        if b.meta:
            continue
        if b.index in kept:
            under = None
            continue
        if b.final:
            if b.kind == "section-label":
                under = "comments" if "comments label" in b.reason else "label"
            continue
        f = b.features
        headline = f.get("length", 0) <= MAX_HEADLINE_CHARS and not f.get("terminal", 0)
        if under == "comments" and b.index > last:
            _remove(b, "comments", "below the comments label")
        elif under == "label" and headline:
            _remove(b, "related-list", "a headline listed under a widget label")
        elif b.index < first:
            kind = b.kind or ("navigation" if f.get("length", 0) < 70 else "boilerplate")
            _remove(b, kind, f"before the article: {b.reason}")
        elif b.index > last:
            _remove(b, b.kind or "boilerplate", f"after the article: {b.reason}")
        else:
            _remove(b, b.kind or "boilerplate", b.reason)
