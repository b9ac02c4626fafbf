"""Junk found by comparing blocks: exact repeats, and teasers of a headline ("Top NewsTitle...")."""

from __future__ import annotations

from .features import TERMINALS
from .segment import Block

#: Repeats shorter than this are left to the other rules ("Share" twice is not news).
MIN_DUPLICATE_CHARS = 20
#: A teaser must share at least this many characters with the start of the block it teases.
MIN_TEASER_CHARS = 15
MAX_TEASER_CHARS = 300
#: How far apart (in blocks) a teaser and its headline may be.
TEASER_WINDOW = 40


def _fold(text: str) -> str:
    return (text.casefold().replace("’", "'").replace("‘", "'").replace("“", '"')
            .replace("”", '"'))


def mark_repeats(blocks: list[Block], remove_duplicates: bool = True) -> None:
    """Mark later copies of a block as `duplicate`, and ellipsis teasers as `breadcrumb`."""
    folded = [_fold(b.text) for b in blocks]
    if remove_duplicates:
        seen: dict[str, int] = {}
        for b, key in zip(blocks, folded, strict=True):
            if len(key) < MIN_DUPLICATE_CHARS:
                continue
            first = seen.setdefault(key, b.index)
            if first != b.index and not (b.final or b.junk_rule):
                b.final, b.kind, b.rule = True, "duplicate", "repeat.duplicate"
                b.reason = f"repeats block {first + 1}"
    for b in blocks:
        if b.final or b.junk_rule or not b.measured.ellipsis:
            continue
        teaser = folded[b.index].rstrip(" .…")
        if not MIN_TEASER_CHARS <= len(teaser) <= MAX_TEASER_CHARS:
            continue
        lo, hi = max(0, b.index - TEASER_WINDOW), min(len(blocks), b.index + TEASER_WINDOW + 1)
        for other in range(lo, hi):
            if other == b.index or len(folded[other]) <= len(teaser) // 2:
                continue
            glued = _teaser_of(teaser, folded[other])
            if glued is None:
                continue
            b.final, b.rule = True, "repeat.teaser"
            if glued:
                b.kind = "breadcrumb"
                b.reason = (f"section name {blocks[b.index].text[:len(glued)]!r} glued to a "
                            f"teaser of block {other + 1}")
            else:
                b.kind = "duplicate"
                b.reason = f"a cut-short teaser of block {other + 1}"
            break


def _teaser_of(teaser: str, target: str) -> str | None:
    """If some tail of `teaser` starts `target`, the part of `teaser` before it; else None."""
    head = target[:MIN_TEASER_CHARS]
    pos = teaser.find(head)
    while pos >= 0:
        if target.startswith(teaser[pos:]) and (pos == 0 or teaser[pos - 1] not in TERMINALS):
            return teaser[:pos]
        pos = teaser.find(head, pos + 1)
    return None
