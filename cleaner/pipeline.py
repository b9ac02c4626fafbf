"""`clean`: the driver that runs decode -> normalise -> segment -> unwrap -> classify ->
revise -> select -> metadata, and assembles the `CleanResult`."""

from __future__ import annotations

from typing import Any

import regex

from .budget import budget, check
from .classify import GOOD, classify_blocks, revise, select_region
from .decode import decode
from .errors import InputTooLarge, InvalidInput
from .lang import document_stopwords, rank_languages, stopwords, tokens
from .metadata import find_dateline, find_title
from .normalise import text_looks_damaged
from .options import DEFAULT_OPTIONS, Options
from .repeats import mark_repeats
from .result import CleanResult, Metadata, MetadataBlock, Removal
from .segment import Block, segment
from .unwrap import join_wrapped

CONTENT_TYPES = ("text/plain", "text/html")
_HTML_SNIFF = regex.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)",
    regex.IGNORECASE,
)
_TAGS = regex.compile(r"</?(?:p|div|span|a|br|li|ul|table|article|section|h[1-6]|meta|script)\b",
                      regex.IGNORECASE)


def sniff_content_type(text: str) -> str:
    """'text/html' when `text` starts like an HTML document or is dense with tags."""
    head = text[:4096]
    if _HTML_SNIFF.match(head):
        return "text/html"
    return "text/html" if len(_TAGS.findall(head)) >= 5 else "text/plain"


def _options(options: Options | None, overrides: dict[str, Any]) -> Options:
    if options is not None and not isinstance(options, Options):
        raise InvalidInput(f"options must be cleaner.Options, not {type(options).__name__}")
    base = options or DEFAULT_OPTIONS
    return base.with_overrides(**overrides) if overrides else base


def _language_sample(blocks: list[Block], size: int) -> str:
    """Up to `size` characters of the longest blocks with letters, and at most 4/3 `size`
    UTF-8 bytes: the identifier walks bytes, and a script of two or three bytes a character
    (Cyrillic, Devanagari, Telugu, Han) is told apart on fewer characters than Latin text."""
    parts: list[str] = []
    total = 0
    budget = size * 4 // 3 + 1  # the first part has no newline before it
    for b in sorted(blocks, key=lambda b: len(b.text), reverse=True):
        if not any(c.isalpha() for c in b.text):
            # Numbers and punctuation only: always removed, so a second cleaning of the
            # output would not see them, and they must not sway the language either.
            continue
        budget -= 1  # the newline that joins this part to the last
        part = b.text[: size - total]
        if not part.isascii():
            data = part.encode("utf-8")[:budget]
            part = data.decode("utf-8", "ignore")
            budget -= len(data)
        else:
            part = part[:budget]
            budget -= len(part)
        parts.append(part)
        total += len(part)
        if total >= size or budget <= 0:
            break
    return "\n".join(parts)


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
    "text/html" or None to sniff; `language` (ISO 639-1) skips detection. Keyword `overrides`
    fold into `options` (see `Options`). Raises `cleaner.CleanerError` subclasses on input
    that cannot be cleaned; empty input gives an empty result.
    """
    opts = _options(options, overrides)
    if not isinstance(source, (str, bytes, bytearray, memoryview)):
        raise InvalidInput(f"source must be str or bytes, not {type(source).__name__}")
    if language is not None and not (isinstance(language, str) and 2 <= len(language) <= 3
                                     and language.isalpha()):
        raise InvalidInput(f"language must be an ISO 639-1 code like 'en', not {language!r}")
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
        return _clean(source, content_type, mime, url, language, opts)


def _clean(source: str | bytes | bytearray | memoryview, content_type: str | None,
           mime: str | None, url: str | None, language: str | None,
           opts: Options) -> CleanResult:
    warnings: list[str] = []
    encoding = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        text, encoding, warnings = decode(bytes(source), content_type)
    else:
        text = source
    check()
    if mime is None:
        mime = sniff_content_type(text)
    if mime == "text/html":
        from .html import clean_html

        result = clean_html(text, url=url, language=language, options=opts)
        result.warnings[:0] = warnings
        result.metadata.encoding = encoding
        return result
    result = clean_text(text, language=language, options=opts)
    result.metadata.url = url
    result.metadata.encoding = encoding
    result.warnings[:0] = warnings
    return result


def clean_text(text: str, language: str | None = None, options: Options = DEFAULT_OPTIONS,
               with_offsets: bool = True, extracted: bool = False) -> CleanResult:
    """Clean already-decoded raw text (the core of `clean`).

    `extracted` says an extractor already chose the blocks (the HTML path): only rule-certain
    junk goes then, and context does not second-guess the extractor.
    """
    fix = options.fix_unicode and text_looks_damaged(text)
    unwrap = options.join_wrapped_lines and not extracted
    blocks, width = _segment(text, fix, unwrap)
    meta = Metadata(content_type="text/plain")
    if not blocks:
        return CleanResult(text="", metadata=meta)
    warnings: list[str] = []
    if fix:
        warnings.append("text looked damaged (mojibake); repaired with ftfy where it helped")
    if width:
        warnings.append(f"lines looked hard-wrapped at {width} characters; "
                        "joined them back into paragraphs")
    ranked: list[tuple[str, float]] = []
    if language:
        code: str | None = language.lower()
        stops = stopwords(code)
    else:
        sample = _language_sample(blocks, options.language_sample)
        ranked = rank_languages(sample)
        code = ranked[0][0] if ranked else None
        stops = document_stopwords(ranked)
    check()
    kept = _judge(blocks, stops, code, options, extracted)
    if not language and not extracted:
        # The guess should be the article's language: cleaning the output again sees only
        # the kept text, and a guess swayed by removed lines would judge it differently.
        # So when removed lines were in the sample, guess again on the kept text, and judge
        # again if that changes the stop words (at most twice; it settles at once in
        # practice).
        for _ in range(2):
            body_blocks = _body(blocks, kept, options)
            again = (_language_sample(body_blocks, options.language_sample) if body_blocks
                     else sample)
            if again == sample:
                break
            sample, ranked = again, rank_languages(again)
            code = ranked[0][0] if ranked else None
            new_stops = document_stopwords(ranked)
            if new_stops == stops:
                break
            stops = new_stops
            blocks, _ = _segment(text, fix, unwrap)
            kept = _judge(blocks, stops, code, options, extracted)
    if language:
        meta.language, meta.language_confidence = code, None
    else:
        meta.language, meta.language_confidence = ranked[0] if ranked else (None, 0.0)
    if meta.language and not stops:
        warnings.append(f"no stop-word list for {meta.language!r}; judged by sentence shape")
    if options.extract_metadata:
        _metadata(blocks, kept, meta)
        kept = [b for b in kept if not b.meta]
    body = "\n\n".join(b.text for b in kept)
    meta.word_count = len(tokens(body))
    meta.char_count = len(body)
    removed = [
        Removal(b.raw, b.kind or "other", b.reason or "not article text",
                b.start if with_offsets else None, b.end if with_offsets else None)
        for b in blocks if not b.meta and (b.final or b.cls != GOOD)
    ]
    moved = [MetadataBlock(b.raw, b.meta, b.start if with_offsets else None,
                           b.end if with_offsets else None) for b in blocks if b.meta]
    return CleanResult(text=body, metadata=meta, removed=removed, metadata_blocks=moved,
                       warnings=warnings)


def _segment(text: str, fix: bool, unwrap: bool) -> tuple[list[Block], int | None]:
    """The blocks of `text`, hard-wrapped lines joined when `unwrap`; and the wrap width."""
    blocks = segment(text, fix_unicode=fix)
    return join_wrapped(blocks, text) if unwrap else (blocks, None)


def _judge(blocks: list[Block], stops: frozenset[str], language: str | None,
           options: Options, extracted: bool) -> list[Block]:
    """Classify every block, mark repeats, revise by context; the blocks kept, in order."""
    classify_blocks(blocks, stops, language, options)
    check()
    # Repeats in an extractor's output are the page's own (product cards, a refrain): the
    # extractor already dropped its duplicated boilerplate.
    mark_repeats(blocks, options.remove_duplicates and not extracted)
    check()
    if extracted:
        # The extractor chose these blocks: only junk certain from the block itself goes,
        # and no context rule (runs, islands, labels) second-guesses it.
        for b in blocks:
            if not b.final:
                b.cls = GOOD
    else:
        revise(blocks, options)
        select_region(blocks, options)
    check()
    return [b for b in blocks if not b.final and b.cls == GOOD]


def _body(blocks: list[Block], kept: list[Block], options: Options) -> list[Block]:
    """The kept blocks that stay in the body: less the first when it will be the title."""
    if options.extract_metadata and kept and find_title(blocks, kept[0].index) is kept[0]:
        return kept[1:]
    return kept


def _metadata(blocks: list[Block], kept: list[Block], meta: Metadata) -> None:
    """Title and date line move to metadata; the dateline and author are reported."""
    if not kept:
        return
    first_kept = kept[0].index
    title = find_title(blocks, first_kept)
    if title is not None:
        title.meta = "title"
        meta.title = title.text
        if title.index == first_kept:
            kept = kept[1:]
    anchor = title.index if title is not None else first_kept
    dated = [b for b in blocks if b.facts.get("published")]
    if dated:
        best = min(dated, key=lambda b: (abs(b.index - anchor), b.index))
        meta.published = best.facts["published"]
        if best.kind == "timestamp" and best.reason.startswith("a date line"):
            best.meta = "published"
    authors = [b for b in blocks if b.facts.get("author")]
    if authors:
        meta.author = min(authors, key=lambda b: abs(b.index - anchor)).facts["author"]
    if kept:
        meta.dateline = find_dateline(kept[0].text)
