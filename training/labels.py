"""Step 2 of the training build: label each block of a rendering from the page's gold text.

The gold is the human-made article body; a rendering's block is article text when most of
its 4-token shingles (the benchmark metric's unit, `\\w+` tokens, case-folded) occur in the
gold. A block too short for a shingle is article text when its tokens occur in a row in the
gold and it is most of a gold line, so that a menu word that happens to occur in the
article ("Home") is not; or, read in its place on the page (`Gold.labels`), when it
completes a gold shingle with the tokens of the blocks around it: a renderer that puts
each inline element on a line of its own splits a sentence into fragments ("the", "new
law", "was passed"), and each fragment is article text because the metric's shingles run
across it. A short block is article text only where it stands in the gold's order
(`Gold.labels`): a menu's "Hair" is not, when the article's "Hair" heading is further down
the gold than the long lines after the menu. Whitespace and line breaks never
matter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import lxml.html

_TOKEN = re.compile(r"\w+")
#: Share of a block's shingles found in the gold for the block to count as article text.
MIN_SHINGLE_SHARE = 0.5
#: A short block must cover at least this share of the gold line it occurs in.
MIN_LINE_SHARE = 0.5
#: The most places in the gold a block is tried at on the chain (`Gold.places`; also the
#: most occurrences of a shingle that vote for a long block's place): a word the gold
#: repeats more often is a common word, and its first places are as good as any. Between
#: its neighbours (`Gold.bracketed`) a short block is looked for at every occurrence.
MAX_PLACES = 50


class _PrefixMax:
    """A Fenwick tree of the best (value, node) ending at or before each gold offset."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree = [(0, -1)] * (size + 1)

    def raise_to(self, place: int, value: int, node: int) -> None:
        i = place + 1
        while i <= self.size:
            if value > self.tree[i][0]:
                self.tree[i] = (value, node)
            i += i & -i

    def best(self, place: int) -> tuple[int, int]:
        i, out = place + 1, (0, -1)
        while i > 0:
            if self.tree[i][0] > out[0]:
                out = self.tree[i]
            i -= i & -i
        return out


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


class Gold:
    """A page's gold text, indexed for labelling blocks."""

    def __init__(self, gold: str) -> None:
        toks = _tokens(gold)
        self.tokens = toks
        #: Each gold shingle and the offsets it starts at.
        self.shingles: dict[tuple[str, ...], list[int]] = {}
        for j in range(len(toks) - 3):
            self.shingles.setdefault(tuple(toks[j:j + 4]), []).append(j)
        self._where: dict[str, list[int]] = {}  # each gold token and its offsets
        for j, word in enumerate(toks):
            self._where.setdefault(word, []).append(j)
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
        runs into the blocks before or after it; a short block only where it stands in
        the gold's order: on the heaviest chain through the gold (`in_order`) or between
        its long neighbours' places (`bracketed`). On the dev renderings this took 23,651
        of wcxb-dev's 727,740 article labels (menus, price lists, tabs whose words the
        article has), 535 of daniel-dev's, 86 of aeb's; keeping exactly the blocks so
        labelled scores (shingle F1) 0.9439 -> 0.9477 on wcxb-dev, 0.9575 -> 0.9583 on
        daniel-dev, 0.9878 -> 0.9880 on aeb, recall never lower."""
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
        # A short block's every occurrence, a long block's `places`, once for both tests.
        found = [(self._occurrences(t) if len(t) < 4 else self.places(t)) if yes else []
                 for t, yes in zip(toks, out, strict=True)]
        ordered = self.in_order(toks, found) | self.bracketed(toks, found)
        return [yes and (len(t) >= 4 or i in ordered)
                for i, (t, yes) in enumerate(zip(toks, out, strict=True))]

    def places(self, toks: list[str]) -> list[int]:
        """Where in the gold a block's tokens may stand (token offsets, ascending): a
        short block's every occurrence, a long block's starts that most of its shingles
        agree on (each occurrence of a shingle votes for the start it implies; those with
        at least half the best's votes: a gold that repeats a passage, a meal plan's
        "1 scoop, 1 cup" twice, has two). At most `MAX_PLACES`."""
        n = len(toks)
        if n < 4:
            return self._occurrences(toks)[:MAX_PLACES]
        votes: Counter[int] = Counter()
        for k in range(n - 3):
            for j in self.shingles.get(tuple(toks[k:k + 4]), ())[:MAX_PLACES]:
                votes[max(j - k, 0)] += 1  # a block that starts before the gold
        if not votes:
            return []
        best = max(votes.values())
        return sorted(j for j, v in votes.most_common(MAX_PLACES) if 2 * v >= best)

    def _occurrences(self, toks: list[str]) -> list[int]:
        """Every offset where the gold has the short block's tokens, ascending."""
        if not toks:
            return []
        n = len(toks)
        return [j for j in self._where.get(toks[0], ()) if self.tokens[j:j + n] == toks]

    def bracketed(self, toks: list[list[str]], found: list[list[int]]) -> set[int]:
        """The short article blocks (by index) that stand between their neighbours in the
        gold, `found` holding each article block's places (`labels`; none for the rest):
        at one of their occurrences between the first place of the nearest long
        article block before them on the page and the last place of the nearest one
        after. Each copy of an article a page repeats keeps its headings this way, which
        one chain through the page (`in_order`) would take from one copy."""
        spans = [(at[0], at[-1]) if at and len(t) >= 4 else None
                 for t, at in zip(toks, found, strict=True)]
        before, last = [], -1
        for span in spans:
            before.append(last)
            if span is not None:
                last = span[0]
        after, nxt = [0] * len(toks), len(self.tokens)
        for i in range(len(toks) - 1, -1, -1):
            after[i] = nxt
            span = spans[i]
            if span is not None:
                nxt = span[1]
        out = set()
        for i, (t, at) in enumerate(zip(toks, found, strict=True)):
            if at and len(t) < 4:
                k = bisect_left(at, before[i])
                if k < len(at) and at[k] <= after[i]:
                    out.add(i)
        return out

    def in_order(self, toks: list[list[str]], found: list[list[int]]) -> set[int]:
        """The article blocks (by index) on the heaviest chain that reads the gold in
        order, `found` holding each article block's places (`labels`; none for the rest):
        each block at one of its places (a short block at its first `MAX_PLACES`), each
        place at or after the one before, a block weighing its tokens, ties going to the
        earlier blocks."""
        n = len(toks)
        if not n or self.empty:
            return set()
        tree = _PrefixMax(len(self.tokens))
        nodes: list[tuple[int, int]] = []  # (block, the node before it or -1)
        for i, (mine, at) in enumerate(zip(toks, found, strict=True)):
            # Weight first; among equal weights the chain whose blocks come earlier.
            weight = len(mine) * n * n - i
            ends = []
            for place in at[:MAX_PLACES]:
                value, before = tree.best(place)
                nodes.append((i, before))
                ends.append((place, value + weight, len(nodes) - 1))
            for place, value, node in ends:  # after all: one place a block
                tree.raise_to(place, value, node)
        on, node = set(), tree.best(len(self.tokens) - 1)[1]
        while node != -1:
            on.add(nodes[node][0])
            node = nodes[node][1]
        return on

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


#: A title's tokens: a run of word characters (underscores apart), but each Han or kana
#: character one of its own. Chinese and Japanese write no spaces, so `\w+` makes a whole
#: headline one token, and one added character ("(图)", a site's name after "_") would make
#: a right title wrong.
_TITLE_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
                          r"|[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def title_tokens(text: str) -> list[str]:
    """The tokens `title_match` compares (`_TITLE_TOKEN`), case-folded."""
    return _TITLE_TOKEN.findall(text.casefold())


def title_match(text: str, title: str) -> bool:
    """Whether the line `text` is the gold `title` (token F1 at least `MIN_TITLE_F1`, so
    that a site name glued to the headline, or a missing subtitle, still counts)."""
    a, b = title_tokens(text), title_tokens(title)
    if not a or not b:
        return False
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) >= MIN_TITLE_F1


#: What separates a headline from the site's name in a page's <title> or og:title
#: ("Headline | Site", "Site - Headline"; as Chinese sites write them, "Headline_Section_Site",
#: "Headline｜Site" and "Headline--Section").
_TITLE_SEPARATOR = re.compile(r"\s+[|–—:·»-]\s+|\s+::\s+|\s*[｜〉]\s*|--"
                              r"|(?<=[^\x00-\x7f])_|_(?=[^\x00-\x7f])")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _first_line(heading: lxml.html.HtmlElement) -> str:
    """The first line of a heading's text, where a `<br>` ends it: the headline, without the
    subtitle and date some sites put under it in the same `<h1>` ("Headline<br><small>What
    it means</small> 04.01.12"), which every renderer writes on a line of its own."""
    for br in heading.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = (_one_line(line) for line in heading.text_content().split("\n"))
    return next((line for line in lines if line), "")


@dataclass(frozen=True)
class Headings:
    """What a page's markup says its headline is: the first line of each `<h1>`
    (`_first_line`) and the og:title (or twitter:title) and `<title>`, each on one line."""

    h1: tuple[str, ...]
    refs: tuple[str, ...]

    def pieces(self) -> set[str]:
        """The parts of `refs` between separators ("Headline | Site"), case-folded."""
        return {p.strip().casefold() for r in self.refs for p in _TITLE_SEPARATOR.split(r)
                if p.strip()}


def headings(html: str) -> Headings | None:
    """The page's `Headings`; None when it does not parse."""
    try:
        doc = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None

    def first(xpath: str) -> str:
        found = doc.xpath(xpath)
        return _one_line(str(found[0])) if found else ""

    social = (first('//meta[@property="og:title"]/@content')
              or first('//meta[@name="twitter:title"]/@content'))
    refs = tuple(r for r in (social, _one_line(doc.findtext(".//title"))) if r)
    return Headings(tuple(_first_line(h) for h in doc.xpath("//h1")), refs)


def markup_title(html: str) -> str | None:
    """The page's headline as its own markup states it, for pages whose corpus has no gold
    title: an <h1> that the og:title (or twitter:title) or the <title> agrees with (most of
    its tokens in it; the fullest such <h1>), else the longest part of that og:title or
    <title> once split at a separator ("Headline | Site"). None when the markup names no
    headline. An <h1> is read to its first `<br>` (`_first_line`); Chinese and Japanese
    headlines are compared by character (`title_tokens`). A corpus's pages are read with
    `markup_titles`, which rules out what a site's pages share. On the wcxb-dev pages,
    which have gold titles, this agrees with the gold (`title_match`) on 81% (1,200 of the
    1,475 it names; 22 it cannot; `markup_titles`, with each site's shared texts: 1,200 of
    1,468). Before the first-line reading and the Chinese separators and tokens
    (session 41) 1,205 of 1,475; on daniel-dev those changed 96 of the 198 Chinese pages'
    titles (30 from none, most of the rest without "_财经_凤凰网") and 11 of its 647
    others (a Russian headline without the subtitle and date under it, a logo's "The
    Globe and Mail" no more on four), and 2 of aeb's 181."""
    found = headings(html)
    return None if found is None else title_of(found)


def title_of(found: Headings, site: frozenset[str] = frozenset()) -> str | None:
    """`markup_title` of a page's `Headings`, never one of the case-folded texts `site`
    holds (`site_texts`: the site's, not the page's)."""
    agreeing = []
    for text in found.h1:
        words = set(title_tokens(text))
        if (not 2 <= len(words) <= 40 and text.isascii()) or text.casefold() in site:
            continue
        if words and any(len(words & set(title_tokens(r))) >= 0.8 * len(words)
                         for r in found.refs):
            agreeing.append((len(words), text))
    if agreeing:  # the fullest: a site's name in an <h1> of its own agrees too
        return max(agreeing, key=lambda a: a[0])[1]
    for r in found.refs:
        parts = [p for p in _TITLE_SEPARATOR.split(r) if p.strip().casefold() not in site]
        best = max(parts, key=len, default="")
        if len(title_tokens(best)) >= 2:
            return best.strip()
    return None


def site_texts(pages: list[Headings | None]) -> frozenset[str]:
    """The texts that are a site's, not a page's, from the `Headings` of its pages: an
    `<h1>` or a piece of the `<title>` that two pages with different titles share (the
    logo's `<h1>`, "The Globe and Mail", "_财经_凤凰网"), case-folded. A site's name in a
    heading of its own agrees with its pages' `<title>`, and a `<title>` of three pieces
    ("Headline_Section_Site") may have a longer one than the headline."""
    seen: dict[str, set[tuple[str, ...]]] = {}
    for found in pages:
        if found is None:
            continue
        for text in {h.casefold() for h in found.h1} | found.pieces():
            seen.setdefault(text, set()).add(found.refs)
    return frozenset(t for t, refs in seen.items() if len(refs) > 1)


def markup_titles(pages: list[tuple[str, str]]) -> list[str | None]:
    """`markup_title` of each (site, html), with the texts its site's other pages share
    (`site_texts`) ruled out."""
    found = [headings(html) for _, html in pages]
    by_site: dict[str, list[Headings | None]] = {}
    for (site, _), h in zip(pages, found, strict=True):
        by_site.setdefault(site, []).append(h)
    shared = {site: site_texts(hs) for site, hs in by_site.items()}
    return [None if h is None else title_of(h, shared[site])
            for (site, _), h in zip(pages, found, strict=True)]
