"""`clean`: the front door. Validates the call, decodes bytes, sniffs text from HTML and
hands the text to the core (`core.clean_text`) or the HTML path (`html.clean_html`)."""

from __future__ import annotations

from typing import Any

import regex

from . import _core
from .budget import budget, check
from .core import clean_text
from .decode import decode
from .errors import InputTooLarge, InternalError, InvalidInput
from .html import clean_html
from .langtags import primary_language
from .options import DEFAULT_OPTIONS, Options
from .result import CleanResult

CONTENT_TYPES = ("text/plain", "text/html")
#: A document's own doctype or html, head or body tag, wherever it stands in the first 4 KB
#: (after comments, an XML declaration or a script: 55 of the 2,523 dev pages open so). No
#: raw rendering of the 12,615 of the dev corpora has one there.
_DOCUMENT = regex.compile(r"<!doctype\s+html|<(?:html|head|body)[\s>]", regex.IGNORECASE)
#: Tags that make a fragment a candidate for HTML when five are in its first 4 KB. Not
#: `script` nor `meta`: those leak into raw text (an ad's `<script src=...>` line, a
#: `<noscript>` pixel), and with them 67 of the 12,615 raw dev renderings were taken for
#: HTML; without them 46, and 59 of 4,675 pieces of real pages' bodies are no longer (their
#: first 4 KB held little but scripts; a whole page opens with its doctype or <html>,
#: which always counts).
_TAGS = regex.compile(r"</?(?:p|div|span|a|br|li|ul|table|article|section|h[1-6])\b",
                      regex.IGNORECASE)
#: Tags that mark a block up: an HTML fragment has them throughout its text, raw text with
#: a leaked ad or tracking line has them on a line or two, if at all.
_BLOCK_TAGS = regex.compile(
    r"<(?:/?(?:p|div|li|h[1-6]|td|tr)|/(?:ul|ol|table|section|article|blockquote|pre|dd|dt)"
    r"|br)\b", regex.IGNORECASE)
#: Any tag (no `<` inside, at most 400 characters: a text of unclosed `<` costs one pass).
_ANY_TAG = regex.compile(r"</?[a-zA-Z][^<>\n]{0,400}>")
#: Where a script or style element opens or closes: their contents are code, not lines.
_CODE_EDGE = regex.compile(r"<(/?)(?:script|style)\b", regex.IGNORECASE)
#: A fragment is HTML when at least this share of its lines (scripts and styles aside)
#: carries a block tag, or this share any tag. Measured on the dev corpora: of the 46 raw
#: renderings with tags dense enough for `_TAGS` (their F1 cleaned as HTML 0.346, as text
#: 0.867), 38 fall under both bars; of 4,596 pieces of real pages' bodies that pass
#: `_TAGS`, 3 do (pieces nearly all JavaScript). Counting block tags rather than lines
#: with one: 34 and 4 (a leaked widget puts 90 `<li>` on one line).
FRAGMENT_BLOCK_LINES = 0.05
FRAGMENT_TAG_LINES = 0.1


def sniff_content_type(text: str) -> str:
    """'text/html' when `text` is an HTML document (`_DOCUMENT`), or is a fragment dense with
    tags that marks its blocks up (`FRAGMENT_BLOCK_LINES`); raw text with a few leaked
    tags is 'text/plain'."""
    head = text[:4096]
    if _DOCUMENT.search(head):
        return "text/html"
    if len(_TAGS.findall(head)) < 5:
        return "text/plain"
    return "text/html" if _marks_up_blocks(text) else "text/plain"


def _marks_up_blocks(text: str) -> bool:
    """Whether `FRAGMENT_BLOCK_LINES` of the lines of `text`, scripts and styles aside,
    carry a block tag or `FRAGMENT_TAG_LINES` any tag (one pass: the code's ends are paired
    in order, not by a pattern that could search to the end from each opening)."""
    parts, at, inside = [], 0, False
    for m in _CODE_EDGE.finditer(text):
        if not inside and not m.group(1):
            parts.append(text[at:m.start()])
            inside = True
        elif inside and m.group(1):
            end = text.find(">", m.end())
            at = m.end() if end < 0 else end + 1
            inside = False
    if not inside:
        parts.append(text[at:])
    lines = [line for part in parts for line in part.splitlines() if line.strip()]
    if not lines:
        return True
    blocks = sum(1 for line in lines if _BLOCK_TAGS.search(line))
    tagged = sum(1 for line in lines if _ANY_TAG.search(line))
    return (blocks >= FRAGMENT_BLOCK_LINES * len(lines)
            or tagged >= FRAGMENT_TAG_LINES * len(lines))


def _options(options: Options | None, overrides: dict[str, Any]) -> Options:
    if options is not None and not isinstance(options, Options):
        raise InvalidInput(f"options must be cleaner.Options, not {type(options).__name__}")
    base = options or DEFAULT_OPTIONS
    return base.with_overrides(**overrides) if overrides else base.checked()


def clean(
    source: str | bytes,
    content_type: str | None = None,
    url: str | None = None,
    language: str | None = None,
    options: Options | None = None,
    **overrides: Any,
) -> CleanResult:
    """Clean one scraped page: return the article text, its metadata and what was removed.

    `source` is raw text (or HTML) as `str` or `bytes`; `content_type` is "text/plain",
    "text/html" or None to sniff; `language` (an ISO 639-1 code or a BCP 47 tag whose primary
    subtag is one: "en", "pt-BR") skips detection. Keyword `overrides`
    fold into `options` (see `Options`). Raises `cleaner.CleanerError` subclasses on input
    that cannot be cleaned; empty input gives an empty result.
    """
    opts = _options(options, overrides)
    if opts.favor_precision and opts.favor_recall:
        raise InvalidInput("favor_precision and favor_recall cannot both be set")
    if not isinstance(source, (str, bytes, bytearray, memoryview)):
        raise InvalidInput(f"source must be str or bytes, not {type(source).__name__}")
    if language is not None:
        language = primary_language(language)
    mime = None
    if content_type is not None:
        if not isinstance(content_type, str):
            raise InvalidInput("content_type must be a string")
        mime = content_type.split(";")[0].strip().lower()
        if mime not in CONTENT_TYPES:
            raise InvalidInput(f"content_type must be one of {', '.join(CONTENT_TYPES)}, "
                               f"not {content_type!r}")
    if len(source) > opts.max_input_size:
        raise InputTooLarge(len(source), opts.max_input_size)
    with budget(opts.time_budget):
        try:
            return _clean(source, content_type, mime, url, language, opts)
        except _core.CoreError as exc:  # a panic in the core, caught at its boundary
            raise InternalError(str(exc)) from exc


_SURROGATE = regex.compile("[\ud800-\udfff]")


def _clean(source: str | bytes | bytearray | memoryview, content_type: str | None,
           mime: str | None, url: str | None, language: str | None,
           opts: Options) -> CleanResult:
    warnings: list[str] = []
    encoding = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        text, encoding, warnings = decode(bytes(source), content_type)
    else:
        text = source
        if not text.isascii() and _SURROGATE.search(text):
            # Lone surrogates are not text (no encoding can hold them); one for one keeps
            # every offset.
            text = _SURROGATE.sub("\ufffd", text)
            warnings.append("lone surrogates (not text) replaced by U+FFFD")
    check()
    if mime is None:
        mime = sniff_content_type(text)
    if mime == "text/html":
        result = clean_html(text, url=url, language=language, options=opts)
        result.warnings[:0] = warnings
        result.metadata.encoding = encoding
        return result
    result = clean_text(text, language=language, options=opts)
    result.metadata.url = url
    result.metadata.encoding = encoding
    result.warnings[:0] = warnings
    return result


