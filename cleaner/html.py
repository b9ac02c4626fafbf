"""The HTML path: extract the main content with trafilatura (jusText as a fallback), take
the page's metadata, then run the text cleaning over the extracted blocks."""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree

from .budget import check
from .errors import MalformedInput, UndecodableInput
from .lang import _justext_names, detect_language, stopwords, tokens
from .options import DEFAULT_OPTIONS, Options
from .result import CleanResult, MetadataBlock

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: libxml2's HTML parser stops building the tree at this depth and drops what lies deeper.
PARSER_DEPTH_LIMIT = 255


def _parse(html: str) -> object | None:
    """The page as an lxml tree (trafilatura's own loader), or None when it is not HTML.

    Raises `MalformedInput` when the nesting reaches the parser's depth limit: the text
    below it is gone, and cleaning what is left would lose it silently."""
    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        tree = load_html(html)
    except (ValueError, TypeError, RecursionError, MemoryError):
        tree = None
    probe = tree
    if probe is None:  # trafilatura declined it; check the depth of what a parser makes of it
        try:
            probe = lxml.html.document_fromstring(html)
        except (ValueError, etree.ParserError):
            return None
    depth = 0
    for event, _ in etree.iterwalk(probe, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth >= PARSER_DEPTH_LIMIT:
                raise MalformedInput(
                    f"HTML is nested {PARSER_DEPTH_LIMIT} or more elements deep; the parser "
                    "drops everything deeper, so the page cannot be cleaned without loss")
        else:
            depth -= 1
    return tree


def _trafilatura(tree: object, url: str | None) -> object | None:
    import trafilatura

    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=True,
                                           include_comments=False, include_tables=True)
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
        return None


def _justext(html: str, language: str | None) -> str:
    import justext

    name = _justext_names().get(language or "", "English")
    try:
        paragraphs = justext.justext(html, justext.get_stoplist(name))
    except Exception:
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _visible_text(html: str) -> str:
    import trafilatura

    try:
        return trafilatura.html2txt(html) or ""
    except (ValueError, TypeError, RecursionError):
        return ""


def clean_html(html: str, url: str | None = None, language: str | None = None,
               options: Options | None = None) -> CleanResult:
    """Clean an HTML page. Removal offsets are None: blocks come from the extractor."""
    from .pipeline import clean_text  # the pipeline imports this module lazily

    opts = options or DEFAULT_OPTIONS
    if "\x00" in html[:4096]:
        raise UndecodableInput("HTML contains NUL characters; it looks like binary data")
    warnings: list[str] = []
    tree = _parse(html)
    check()
    doc = _trafilatura(tree, url) if tree is not None else None
    check()
    text = getattr(doc, "text", None) or ""
    if not text.strip() and opts.html_fallback:
        lang = language or detect_language(_visible_text(html)[:opts.language_sample])[0]
        if not stopwords(lang):
            lang = None
        text = _justext(html, lang)
        warnings.append("trafilatura found no main content; used jusText's instead")
    result = clean_text(text, language=language, options=opts, with_offsets=False,
                        extracted=True)
    meta = result.metadata
    meta.content_type = "text/html"
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


def _drop_title_from_body(result: CleanResult, title: str) -> None:
    """The extractor often repeats the headline as the first paragraph; that is metadata."""
    paragraphs = result.paragraphs
    if paragraphs and paragraphs[0].strip() == title.strip():
        result.metadata_blocks.append(MetadataBlock(paragraphs[0], "title"))
        result.text = "\n\n".join(paragraphs[1:])
        result.metadata.char_count = len(result.text)
        result.metadata.word_count = len(tokens(result.text))
