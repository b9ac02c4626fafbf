"""The HTML path: render the page's visible text one block a line (`markup.visible_lines`),
run trafilatura for its main-content extraction and the page's metadata, then let the
labeller judge every visible line with the extraction and the markup as evidence
(`extractor`). Every visible line is kept or listed as removed."""

from __future__ import annotations

import re

import lxml.html
import numpy as np
from lxml import etree

from . import _core
from .budget import check
from .core import clean_text
from .errors import MalformedInput, TooManyLines, UndecodableInput
from .extractor import PageMarkup
from .lang import word_count
from .markup import visible_lines
from .options import DEFAULT_OPTIONS, Options
from .result import CleanResult, Metadata, MetadataBlock, Removal

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: libxml2's HTML parser stops building the tree at this depth and drops what lies deeper.
PARSER_DEPTH_LIMIT = 255
#: Whether a page has an element (or comment) at that depth, the root at depth 1: one XPath
#: evaluated by libxml2, not a walk in Python.
_TOO_DEEP = etree.XPath(f"boolean({'/*' * (PARSER_DEPTH_LIMIT - 1)}/node()[not(self::text())])")
#: An element with more children than this is no real page's (the dev corpora's most:
#: 1,521), and trafilatura slows down more than linearly with them (a paragraph of 50,000 /
#: 100,000 links: 4.0 / 9.7 s, most in its extraction and metadata): such a page is
#: judged on its visible text without trafilatura, with a warning.
MAX_CHILDREN = 10_000
_CROWDED = etree.XPath(f"boolean(//*[count(*) > {MAX_CHILDREN}])")
#: A page of more elements than this is judged without trafilatura too: its time grows
#: with them, some 15 us each (2,000 nests of 240 divs, 480,000 elements, 5 MB: 28 s; the
#: 10 MB the size limit allows would take a minute, which no time budget can cut short,
#: as it runs in one call). The dev corpora's largest page has 15,793.
MAX_ELEMENTS = 100_000
_ELEMENTS = etree.XPath("count(//*)")
#: A tag with more attributes than this is no real page's (the dev corpora's most: 136):
#: libxml2 checks each against those before it (20,000 in one tag took 0.35 s to parse and
#: 1.8 s to clean, 500,000 over five minutes), so such a page is refused before it is
#: parsed (`src/tags.rs` counts them in one pass).
MAX_ATTRIBUTES = 1_000


def _parse(html: str) -> tuple[object | None, object | None]:
    """(tree, page): the page as trafilatura's loader makes it (None when it declines), and
    the tree to read the visible text from (the same one, or a plain lxml parse when the
    loader declined; None when nothing parses).

    Raises `MalformedInput` when the nesting reaches the parser's depth limit: the text
    below it is gone, and cleaning what is left would lose it silently; and, before any
    parsing, when a tag holds over `MAX_ATTRIBUTES` attributes."""
    from trafilatura.utils import load_html

    if _core.most_attributes(html) > MAX_ATTRIBUTES:
        raise MalformedInput(
            f"a tag has over {MAX_ATTRIBUTES:,} attributes; parsing it would take time "
            "quadratic in their number")

    try:
        tree = load_html(html)
    except (ValueError, TypeError, RecursionError, MemoryError):
        tree = None
    page = tree
    if page is None:  # trafilatura declined it; see what a plain parser makes of it
        try:
            page = lxml.html.document_fromstring(html)
        except (ValueError, etree.ParserError):
            return None, None
    if _TOO_DEEP(page):
        raise MalformedInput(
            f"HTML is nested {PARSER_DEPTH_LIMIT} or more elements deep; the parser "
            "drops everything deeper, so the page cannot be cleaned without loss")
    return tree, page


def _crowded(html: str, page: object) -> str:
    """Why trafilatura should not read the parsed `page` of `html` (an element of over
    `MAX_CHILDREN` children, over `MAX_ELEMENTS` elements), or "". A page of fewer tags
    than a bar cannot pass it: most pages skip the tree's walks."""
    tags = html.count("<")
    if tags > MAX_CHILDREN and _CROWDED(page):
        return f"an element has over {MAX_CHILDREN:,} children"
    if tags > MAX_ELEMENTS and _ELEMENTS(page) > MAX_ELEMENTS:
        return f"the page has over {MAX_ELEMENTS:,} elements"
    return ""


def _trafilatura(tree: object, url: str | None, options: Options = DEFAULT_OPTIONS
                 ) -> object | None:
    """trafilatura's extraction of the main content (and metadata), in its fast mode (no
    second opinion from its readability and jusText fallbacks); with `favor_precision`,
    trafilatura's own precision mode.

    The extraction is one vote among the labeller's evidence, not the answer
    (`extractor`), and the fast mode's vote serves it better. HTML pass F1 on folds grouped
    by site, aeb / wcxb-dev / daniel-dev, trained on each mode's votes (2026-12-03): fast
    0.950 / 0.835 / 0.923, default 0.948 / 0.836 / 0.917; trafilatura alone 0.962 / 0.796 /
    0.833 fast, 0.960 / 0.817 / 0.850 default. The fast mode took 12 / 50 / 24 ms a page
    against 19 / 65 / 36. trafilatura's favor_recall is not passed on: it lowered recall on
    wcxb-dev (0.804 to 0.781, 2026-12-03)."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=True,
                                           include_comments=False, include_tables=True,
                                           favor_precision=options.favor_precision,
                                           fast=True)
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
        return None


def _metadata(tree: object, url: str | None) -> object | None:
    """trafilatura's reading of the page's metadata alone (title, date, author, site), for
    a page whose main content it did not find."""
    from trafilatura.metadata import extract_metadata

    try:
        return extract_metadata(tree, default_url=url)
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
        return None


def clean_html(html: str, url: str | None = None, language: str | None = None,
               options: Options | None = None) -> CleanResult:
    """Clean an HTML page: the labeller judges its whole visible text, one block a line, with
    trafilatura's extraction and each line's markup as evidence (`extractor`). Removal
    offsets are None: they would point into a rendering the caller never saw."""
    opts = options or DEFAULT_OPTIONS
    if "\x00" in html[:4096]:
        raise UndecodableInput("HTML contains NUL characters; it looks like binary data")
    warnings: list[str] = []
    tree, page = _parse(html)
    lines, rows = (visible_lines(page, opts.max_lines) if page is not None
                   else ([], np.zeros((0, 0))))
    if len(lines) > opts.max_lines:  # refused before the extractor's slower passes
        raise TooManyLines(opts.max_lines)
    page_text = "\n".join(lines)  # before the extractor prunes the tree
    check()
    crowded = "" if page is None else _crowded(html, page)
    if crowded:
        tree = None
        warnings.append(f"{crowded}: trafilatura's extraction and metadata were skipped "
                        "(their time grows with them); judged the page's visible text "
                        "without them")
    doc = _trafilatura(tree, url, opts) if tree is not None else None
    check()
    extracted = getattr(doc, "text", None) or ""
    if not page_text.strip():
        # No visible lines of our own (text only where the extractor looks, say): clean what
        # the extractor found.
        result = clean_text(extracted, language=language, options=opts, with_offsets=False,
                            extracted=True)
    elif not extracted.strip() and not opts.html_fallback and not crowded:
        result = _nothing_kept(lines)
        warnings.append("trafilatura found no main content; nothing kept (html_fallback is "
                        "off)")
    else:
        if not extracted.strip() and not crowded:
            warnings.append("trafilatura found no main content; judged the page's visible "
                            "text without it")
        result = clean_text(page_text, language=language, options=opts, with_offsets=False,
                            page=PageMarkup.of(lines, rows, extracted))
    meta = result.metadata
    meta.content_type = "text/html"
    if doc is None and tree is not None:
        # No main content, but the page still names its title, date and author: without
        # them the title scorer would pick among visible lines that hold no <title> (a
        # navigation line "Home World" over the <h1>, on a toy page).
        doc = _metadata(tree, url)
    if doc is not None:
        title = getattr(doc, "title", None)
        if title:
            meta.title = title
            _drop_title_from_body(result, title)
        date = getattr(doc, "date", None)
        if date and _ISO_DATE.match(str(date)):
            meta.published = str(date)
        meta.author = getattr(doc, "author", None) or meta.author
        meta.site_name = getattr(doc, "sitename", None)
        meta.description = getattr(doc, "description", None)
        meta.url = url or getattr(doc, "url", None)
    else:
        meta.url = url
    result.warnings[:0] = warnings
    return result


def _nothing_kept(lines: list[str]) -> CleanResult:
    """Every visible line removed: trafilatura found no main content and the caller asked for
    no fallback (`Options.html_fallback`)."""
    return CleanResult(text="", metadata=Metadata(content_type="text/html"), removed=[
        Removal(line, "boilerplate", "trafilatura found no main content, and html_fallback is "
                "off", None, None, "html.no-main-content") for line in lines])


def _drop_title_from_body(result: CleanResult, title: str) -> None:
    """The extractor often repeats the headline as the first paragraph; that is metadata."""
    paragraphs = result.paragraphs
    if paragraphs and paragraphs[0].strip() == title.strip():
        result.metadata_blocks.append(MetadataBlock(paragraphs[0], "title"))
        result.text = "\n\n".join(paragraphs[1:])
        result.metadata.char_count = len(result.text)
        result.metadata.word_count = word_count(result.text)
