"""Step 2 of the training build: label each block of a rendering from the page's gold text.

The gold is the human-made article body; a rendering's block is article text when most of
its 4-token shingles (the benchmark metric's unit, `\\w+` tokens, case-folded) occur in the
gold. A block too short for a shingle is article text when its tokens occur in a row in the
gold and it is most of a gold line, so that a menu word that happens to occur in the
article ("Home") is not; or, read in its place on the page (`Gold.labels`), when it
completes a gold shingle with the tokens of the blocks around it: a renderer that puts
each inline element on a line of its own splits a sentence into fragments ("the", "new
law", "was passed"), and each fragment is article text because the metric's shingles run
across it. Whitespace and line breaks never matter.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html

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
        return self._alone(_tokens(text))

    def _alone(self, toks: list[str]) -> bool:
        """`label` of a block already split into tokens."""
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

    def labels(self, texts: list[str]) -> list[bool]:
        """Whether each block of a page, in page order, is article text: `label`, and a
        short block is also article text when a gold shingle covers all its tokens and
        runs into the blocks before or after it."""
        toks = [_tokens(t) for t in texts]
        out = []
        for i, mine in enumerate(toks):
            n = len(mine)
            if self._alone(mine):
                out.append(True)
            elif n == 0 or n >= 4 or self.empty:
                out.append(False)
            else:
                out.append(self._completes(toks, i))
        return out

    def _completes(self, toks: list[list[str]], i: int) -> bool:
        """Whether block `i`'s tokens, with up to 3 tokens taken from the nearest blocks
        on either side, make a gold shingle that contains all of them."""
        n = len(toks[i])
        before = [w for t in toks[max(0, i - 3):i] for w in t][-(4 - n):]
        after = [w for t in toks[i + 1:i + 4] for w in t][:4 - n]
        seq = before + toks[i] + after
        first = max(0, len(before) + n - 4)
        last = min(len(before), len(seq) - 4)
        return any(tuple(seq[s:s + 4]) in self.shingles for s in range(first, last + 1))


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


#: What separates a headline from the site's name in a page's <title> or og:title
#: ("Headline | Site", "Site - Headline").
_TITLE_SEPARATOR = re.compile(r"\s+[|–—:·»-]\s+|\s+::\s+")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def markup_title(html: str) -> str | None:
    """The page's headline as its own markup states it, for pages whose corpus has no gold
    title: an <h1> that the og:title (or twitter:title) or the <title> agrees with (most of
    its tokens in it; the fullest such <h1>), else the longest part of that og:title or
    <title> once split at a separator ("Headline | Site"). None when the markup names no
    headline. On the wcxb-dev pages, which have gold titles, this agrees with the gold
    (token F1 >= 0.8) on 82% (1,205 of the 1,475 it names; 22 it cannot)."""
    try:
        doc = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None

    def first(xpath: str) -> str:
        found = doc.xpath(xpath)
        return _one_line(str(found[0])) if found else ""

    social = (first('//meta[@property="og:title"]/@content')
              or first('//meta[@name="twitter:title"]/@content'))
    refs = [r for r in (social, _one_line(doc.findtext(".//title"))) if r]
    agreeing = []
    for h in doc.xpath("//h1"):
        text = _one_line(h.text_content())
        words = set(_tokens(text))
        if not 2 <= len(words) <= 40 and text.isascii():
            continue
        if words and any(len(words & set(_tokens(r))) >= 0.8 * len(words) for r in refs):
            agreeing.append((len(words), text))
    if agreeing:  # the fullest: a site's name in an <h1> of its own agrees too
        return max(agreeing, key=lambda a: a[0])[1]
    for r in refs:
        best = max(_TITLE_SEPARATOR.split(r), key=len)
        if len(_tokens(best)) >= 2:
            return best.strip()
    return None
