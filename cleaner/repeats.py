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


#: Repeats shorter than this are left to the other rules (`src/repeats.rs`).
MIN_DUPLICATE_CHARS = 20
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def copies(texts: list[str], rules: list[str]) -> list[int]:
    """For each block a duplicate mark fell on (rule "repeat.duplicate"), the index of the
    block it repeats, else -1: `Block.copy_of` found again from the texts alone, for the
    training build, whose cached pages keep the rule ids but not the marks. (The same
    comparison as the core's: case-folded, curly quotes straight, at least
    `MIN_DUPLICATE_CHARS` characters.)"""
    first: dict[str, int] = {}
    out = [-1] * len(texts)
    for i, (text, rule) in enumerate(zip(texts, rules, strict=True)):
        key = text.casefold().translate(_QUOTES)
        if len(key) < MIN_DUPLICATE_CHARS:
            continue
        at = first.setdefault(key, i)
        if rule == "repeat.duplicate" and at != i:
            out[i] = at
    return out
