"""Step 2 of the training build: label each block of a rendering from the page's gold text.

The gold is the human-made article body; a rendering's block is article text when most of
its 4-token shingles (the benchmark metric's unit, `\\w+` tokens, case-folded) occur in the
gold. A block too short for a shingle is article text when its tokens occur in a row in the
gold and it is most of a gold line, so that a menu word that happens to occur in the
article ("Home") is not. Whitespace and line breaks never matter.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")
#: Share of a block's shingles found in the gold for the block to count as article text.
MIN_SHINGLE_SHARE = 0.5
#: A short block must cover at least this share of the gold line it occurs in.
MIN_LINE_SHARE = 0.5


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


class Gold:
    """A page's gold text, indexed for labelling blocks."""

    def __init__(self, gold: str) -> None:
        toks = _tokens(gold)
        self.shingles = {tuple(toks[i:i + 4]) for i in range(len(toks) - 3)}
        self.lines = [tuple(_tokens(line)) for line in gold.splitlines() if line.strip()]
        self.empty = not toks

    def label(self, text: str) -> bool:
        """Whether the block `text` is article text by this gold."""
        toks = _tokens(text)
        if not toks or self.empty:
            return False
        if len(toks) >= 4:
            grams = [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]
            return sum(g in self.shingles for g in grams) >= MIN_SHINGLE_SHARE * len(grams)
        n = len(toks)
        key = tuple(toks)
        for line in self.lines:
            if len(line) >= n and n >= MIN_LINE_SHARE * len(line) and any(
                    line[i:i + n] == key for i in range(len(line) - n + 1)):
                return True
        return False


#: Token F1 between a line and the gold title for the line to count as the title.
MIN_TITLE_F1 = 0.8


def title_match(text: str, title: str) -> bool:
    """Whether the line `text` is the gold `title` (token F1 at least `MIN_TITLE_F1`, so
    that a site name glued to the headline, or a missing subtitle, still counts)."""
    a, b = _tokens(text), _tokens(title)
    if not a or not b:
        return False
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) >= MIN_TITLE_F1
