"""The page as a scraper sees it: its visible text, one block a line, and where each line
stands in the markup (`visible_lines`). The HTML path judges these lines."""

from __future__ import annotations

import re

import numpy as np
from lxml import etree

#: Elements that start a new line when a page is rendered to text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
    "tr ul option button label".split()
)
#: Table cells: a row is one line, its cells apart by a space, as most renderers (and the
#: corpora's gold) write a table; a line a cell would leave a column of bare numbers.
CELL_TAGS = frozenset(("td", "th"))
#: Elements whose text is never shown.
HIDDEN_TAGS = frozenset("head script style noscript template svg iframe object select".split())


#: Where a line stands in the page's markup, as the share of its characters under each:
#: a link, a heading, a list item, a table cell, a paragraph; inside the article (an
#: <article> or <main>, or a class or id such as "content" or "post"), navigation, a header,
#: a footer, a sidebar, comments, a related list, share buttons, an advertisement, a form, a
#: figure. Classic boilerplate evidence (boilerpipe's link density); the labeller weighs it
#: on HTML pages (`extractor.EXTRACTOR_FEATURES`).
MARKUP_FEATURES = ("in_link", "in_heading", "in_list_item", "in_table_cell", "in_paragraph",
                   "in_article", "in_nav", "in_header", "in_footer", "in_sidebar",
                   "in_comments", "in_related", "in_share", "in_ad", "in_form", "in_figure")
_BIT = {name: 1 << i for i, name in enumerate(MARKUP_FEATURES)}
_TAG_BITS = {"a": _BIT["in_link"], "li": _BIT["in_list_item"], "dt": _BIT["in_list_item"],
             "dd": _BIT["in_list_item"], "td": _BIT["in_table_cell"],
             "th": _BIT["in_table_cell"], "p": _BIT["in_paragraph"],
             "article": _BIT["in_article"], "main": _BIT["in_article"],
             "nav": _BIT["in_nav"], "header": _BIT["in_header"], "footer": _BIT["in_footer"],
             "aside": _BIT["in_sidebar"], "form": _BIT["in_form"], "button": _BIT["in_form"],
             "label": _BIT["in_form"], "figure": _BIT["in_figure"],
             "figcaption": _BIT["in_figure"],
             **{f"h{i}": _BIT["in_heading"] for i in range(1, 7)}}
#: Words of class and id values (a prefix of one of their tokens) and what they mark.
_CLASS_WORDS = (
    ("article content post entry story", "in_article"),
    ("nav menu breadcrumb", "in_nav"), ("header masthead topbar", "in_header"),
    ("footer copyright", "in_footer"), ("sidebar widget aside", "in_sidebar"),
    ("comment disqus respond", "in_comments"),
    ("related recommend popular trending more-", "in_related"),
    ("share sharing social follow", "in_share"),
    ("advert sponsor promo banner", "in_ad"), ("caption figure", "in_figure"),
)
_CLASS_RE = re.compile("|".join(
    f"(?P<{name}>(?<![a-z])(?:{'|'.join(re.escape(w) for w in words.split())}))"
    for words, name in _CLASS_WORDS))
_AD_TOKEN = re.compile(r"(?<![a-z])ads?(?![a-z])")


def _own_bits(el: object, tag: str) -> int:
    """The markup bits an element sets for the text inside it: its tag's, and its class and
    id's (a page repeats a few of each, so each combination is read once)."""
    key = (tag, el.get("class"), el.get("id"))  # type: ignore[attr-defined]
    bits = _BITS_SEEN.get(key)
    if bits is None:
        bits = _TAG_BITS.get(tag, 0)
        names = f"{key[1] or ''} {key[2] or ''}".lower()
        if names.strip():
            for m in _CLASS_RE.finditer(names):
                bits |= _BIT[m.lastgroup]  # type: ignore[index]
            if _AD_TOKEN.search(names):
                bits |= _BIT["in_ad"]
        if len(_BITS_SEEN) < 100_000:
            _BITS_SEEN[key] = bits
    return bits


_BITS_SEEN: dict[tuple[str, str | None, str | None], int] = {}


def visible_lines(tree: object) -> tuple[list[str], np.ndarray]:
    """The page's whole visible text, one block a line (what a scraper would have pulled),
    and where each line stands in the markup: one row of `MARKUP_FEATURES` a line."""
    pieces: list[tuple[str, int]] = []  # text and its markup bits; "" with -1: a line break
    stack = [0]
    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in HIDDEN_TAGS or not tag:
                if tag:
                    walker.skip_subtree()
                    stack.append(stack[-1])  # its end event comes all the same
                continue
            stack.append(stack[-1] | _own_bits(el, tag))
            if tag in BLOCK_TAGS:
                pieces.append(("", -1))
            elif tag in CELL_TAGS:
                pieces.append((" ", 0))
            if el.text:
                pieces.append((el.text, stack[-1]))
        else:
            if tag:  # a comment or processing instruction pushed nothing; its tail shows
                stack.pop()
            if tag in BLOCK_TAGS:
                pieces.append(("", -1))
            elif tag in CELL_TAGS:
                pieces.append((" ", 0))
            if el.tail and el is not tree:
                pieces.append((el.tail, stack[-1]))
    pieces.append(("", -1))
    texts: list[str] = []
    rows: list[list[float]] = []
    line: list[str] = []
    chars: dict[int, int] = {}  # characters of this line under each combination of bits
    total = 0
    for text, bits in pieces:
        if bits >= 0:
            line.append(text)
            n = len(text) - text.count(" ")
            total += n
            if bits and n:
                chars[bits] = chars.get(bits, 0) + n
            continue
        if line:
            joined = " ".join("".join(line).split())
            if joined:
                counts = [0] * len(MARKUP_FEATURES)
                for combined, n in chars.items():
                    for i in range(len(MARKUP_FEATURES)):
                        if combined >> i & 1:
                            counts[i] += n
                texts.append(joined)
                rows.append([c / total if total else 0.0 for c in counts])
            line, chars, total = [], {}, 0
    return texts, np.array(rows, dtype=np.float64).reshape(len(texts), len(MARKUP_FEATURES))


def visible_text(tree: object) -> str:
    """The page's whole visible text, one block a line (`visible_lines`)."""
    return "\n".join(visible_lines(tree)[0])
