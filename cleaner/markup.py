"""The page as a scraper sees it: its visible text, one block a line, and where each line
stands in the markup (`visible_lines`). The HTML path judges these lines."""

from __future__ import annotations

import numpy as np
from lxml import etree

from . import _core

#: Where a line stands in the page's markup, as the share of its characters under each:
#: a link, a heading, a list item, a table cell, a paragraph; inside the article (an
#: <article> or <main>, or a class or id such as "content" or "post"), navigation, a header,
#: a footer, a sidebar, comments, a related list, share buttons, an advertisement, a form, a
#: figure. Classic boilerplate evidence (boilerpipe's link density); the labeller weighs it
#: on HTML pages (`extractor.EXTRACTOR_FEATURES`).
MARKUP_FEATURES = ("in_link", "in_heading", "in_list_item", "in_table_cell", "in_paragraph",
                   "in_article", "in_nav", "in_header", "in_footer", "in_sidebar",
                   "in_comments", "in_related", "in_share", "in_ad", "in_form", "in_figure")


def visible_lines(tree: object, max_lines: int | None = None
                  ) -> tuple[list[str], np.ndarray]:
    """The page's whole visible text, one block a line (what a scraper would have pulled),
    and where each line stands in the markup: one row of `MARKUP_FEATURES` a line.

    Block elements (p, div, li, h1-h6, br, tr...) start a line; a table row is one line, its
    cells apart by a space; script, style, head, svg, iframe, select and the like show
    nothing. The core reads the tree's canonical XML (`src/markup.rs`): one C call to write
    it, one pass to read it, where a walk of the tree in Python cost four times as much.
    Past `max_lines` lines the reading stops (the caller refuses such a page)."""
    try:
        xml = etree.tostring(tree, method="c14n")
    except (etree.LxmlError, ValueError):
        # A tree canonical XML cannot express: XML as lxml writes it reads the same way
        # (it adds an id beside an <a name> on XHTML pages).
        xml = etree.tostring(tree, method="xml", encoding="utf-8", with_tail=False)
    return _core.visible_lines(xml, max_lines)


def visible_text(tree: object) -> str:
    """The page's whole visible text, one block a line (`visible_lines`)."""
    return "\n".join(visible_lines(tree)[0])
