"""Junk found by comparing blocks: exact repeats, and teasers of a headline ("Top NewsTitle...")."""

from __future__ import annotations

from . import _core
from .segment import Block


def mark_repeats(blocks: list[Block], ellipsis: list[bool], remove_duplicates: bool = True
                 ) -> None:
    """Mark later copies of a block as `duplicate`, and ellipsis teasers of a block nearby
    as `breadcrumb` (a section name glued before them) or `duplicate`; found by the compiled
    core (`src/repeats.rs`) in one call. `ellipsis`: which blocks end in "..." or "…" (their
    `Features.ellipsis`)."""
    marks = _core.mark_repeats([b.text for b in blocks], [b.final for b in blocks],
                               [b.junk_rule for b in blocks], ellipsis, remove_duplicates)
    for b, mark in zip(blocks, marks, strict=True):
        if mark is None:
            continue
        what, other, glued = mark
        b.final = True
        if what == "duplicate":
            b.kind, b.rule, b.reason = "duplicate", "repeat.duplicate", f"repeats block {other + 1}"
            b.copy_of = other
        elif glued:
            b.kind, b.rule = "breadcrumb", "repeat.teaser"
            b.reason = (f"section name {b.text[:glued]!r} glued to a teaser of block "
                        f"{other + 1}")
        else:
            b.kind, b.rule = "duplicate", "repeat.teaser"
            b.reason = f"a cut-short teaser of block {other + 1}"


def copies(texts: list[str], rules: list[str], final: list[bool], junk: list[bool]
           ) -> list[int]:
    """For each block a duplicate mark fell on, the index of the block it repeats, else -1:
    `Block.copy_of` found again for the training build, whose cached pages keep each
    block's text, rule id, finality and junk flag (after the marks) but not the marks. The
    core marks the blocks again as they stood before (a repeat's finality undone)."""
    before = [f and not r.startswith("repeat.") for f, r in zip(final, rules, strict=True)]
    marks = _core.mark_repeats(texts, before, junk, [False] * len(texts), True)
    return [m[1] if m is not None and r == "repeat.duplicate" else -1
            for m, r in zip(marks, rules, strict=True)]
