"""The text core: segment -> unwrap -> classify -> label -> metadata, on decoded text.

Both doors use it: `pipeline.clean` for raw text, `html.clean_html` for the text an
extractor pulled out of a page.
"""

from __future__ import annotations

from . import _core
from .blockfeatures import Evidence
from .budget import check
from .classify import MAX_DATE_LINES, classify_blocks
from .extractor import PageMarkup
from .labeller import BAD, GOOD, block_decisions, confidence, cutoff, decide, find_title
from .lang import document_stopwords, rank_languages, stopwords, word_count
from .metadata import find_dateline
from .normalise import text_looks_damaged
from .options import DEFAULT_OPTIONS, Options
from .recode import Recoding, legacy_recoding
from .repeats import mark_repeats
from .result import CleanResult, Metadata, MetadataBlock, Removal, removals
from .segment import Block, segment_joined
from .title import TITLE_BEFORE, plain_title

#: A block whose characters are more than this share punctuation and symbols, or more
#: than `SAMPLE_MAX_DIGITS` digits, is not prose (a leaked script, a JSON blob, a list of
#: ids): the language sample takes prose blocks first. No gold paragraph of 200+
#: characters in the dev corpora passes 0.2 but wcxb-dev's code samples (0.25%); Chinese
#: prose, the most punctuated, passes 0.15 in 4% of them.
SAMPLE_MAX_SYMBOLS = 0.2
SAMPLE_MAX_DIGITS = 0.3


def _language_sample(blocks: list[Block], size: int) -> str:
    """Up to `size` characters of the longest blocks with letters, and at most 4/3 `size`
    UTF-8 bytes: the identifier walks bytes, and a script of two or three bytes a character
    (Cyrillic, Devanagari, Telugu, Han) is told apart on fewer characters than Latin text.
    Prose blocks come first (see `SAMPLE_MAX_SYMBOLS`): the longest lines of a scrape are
    often a leaked script or JSON blob, which the identifier reads as English or as no
    language; the others only when no prose block has letters. A block without letters
    (numbers and punctuation only) is never sampled: it holds no word of any language, and
    it is mostly removed (a figure inside the article stays, `labeller.raw_decisions`), so
    a second cleaning of the output samples what the first did. Made by the compiled core
    (`src/sample.rs`)."""
    return _core.language_sample([b.text for b in blocks], size, SAMPLE_MAX_SYMBOLS,
                                 SAMPLE_MAX_DIGITS)


def clean_text(text: str, language: str | None = None, options: Options = DEFAULT_OPTIONS,
               with_offsets: bool = True, extracted: bool = False,
               page: PageMarkup | None = None) -> CleanResult:
    """Clean already-decoded raw text (the core of `clean`).

    `page` is what an HTML page adds when `text` is its visible text (the extractor's text and
    each line's markup): the labeller weighs it too (`extractor`). `extracted` says an
    extractor already chose the blocks (an HTML page with no visible lines of its own): then a
    rule's verdict removes a block only where the labeller agrees, and nothing else goes.
    """
    recoding = legacy_recoding(text) if options.fix_unicode else None
    fix = options.fix_unicode and recoding is None and text_looks_damaged(text)
    unwrap = options.join_wrapped_lines and not extracted
    # Raw text may be Markdown: wrapped links and images joined back, images taken out
    # (`segment_joined`). Not an HTML page's lines, which stay aligned with its markup, nor
    # an extractor's text, which has no Markdown.
    markdown = page is None and not extracted
    blocks, pictures, width, inline = _segment(text, fix, unwrap, recoding, markdown,
                                               options.max_lines)
    meta = Metadata(content_type="text/plain")
    if not blocks:
        return CleanResult(text="", metadata=meta, removed=_removed([], pictures, with_offsets))
    warnings: list[str] = []
    if fix:
        warnings.append("text looked damaged (mojibake); repaired with ftfy where it helped")
    if recoding:
        warnings.append(f"text looked like {recoding.encoding} read as {recoding.misread} "
                        f"(mojibake); read it again as {recoding.encoding}")
    if width:
        warnings.append(f"lines looked hard-wrapped at {width} characters; "
                        "joined them back into paragraphs")
    if inline:
        warnings.append("lines were cut inside sentences (one text node a line); "
                        "joined them back")
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
    kept, title, words, unread = _judge(blocks, stops, code, options, extracted, page,
                                        markdown)
    if not language and not extracted:
        # The guess should be the article's language: cleaning the output again sees only
        # the kept text, and a guess swayed by removed lines would judge it differently.
        # So when removed lines were in the sample, guess again on the kept text, and judge
        # again if that changes the stop words (at most twice; it settles at once in
        # practice).
        for _ in range(2):
            body_blocks = _body(kept, title[0] if title else None)
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
            blocks, pictures, *_ = _segment(text, fix, unwrap, recoding, markdown,
                                            options.max_lines)
            kept, title, words, unread = _judge(blocks, stops, code, options, extracted,
                                                page, markdown)
    if language:
        meta.language, meta.language_confidence = code, None
    else:
        meta.language, meta.language_confidence = ranked[0] if ranked else (None, 0.0)
    if unread:
        warnings.append(f"{unread:,} date-like lines past the first {MAX_DATE_LINES:,} were "
                        "judged without reading their dates")
    if meta.language and not stops:
        warnings.append(f"no stop-word list for {meta.language!r}; judged by sentence shape")
    if not extracted and _rescued(blocks, kept, cutoff(options)):
        warnings.append("no block scored as article text; kept the page's likeliest blocks "
                        "(a low confidence: check this page)")
    meta.confidence = confidence(blocks)
    if options.extract_metadata:
        _metadata(blocks, kept, title, meta)
        kept = [b for b in kept if not b.meta]
    # The body's tokens are its blocks' (none crosses the blank line between two blocks),
    # counted when the blocks were measured.
    counts = [words[b.index] for b in kept]
    meta.word_count = sum(counts)
    texts = [b.text for b in kept]
    if not options.include_links and markdown:
        texts, linked = _plain_links(texts, counts)
        if linked:
            meta.word_count += linked[1]
            warnings.append(f"Markdown links in {linked[0]} kept block(s) written as their "
                            "text (include_links keeps them)")
        if meta.title:
            meta.title = written_texts([meta.title])[0]
    pictured = sum(1 for b in kept if b.images)
    if options.include_images and (pictured or pictures):
        # The article starts at its headline when the title is one (as `_metadata` says).
        top = kept[0].start if kept else 0
        if title and kept and kept[0].index - title[0].index <= TITLE_BEFORE:
            top = min(top, title[0].start)
        texts = _with_images(kept, texts, pictures, options.include_links, top)
    elif pictured:
        warnings.append(f"Markdown images in {pictured} kept block(s) left out of the text "
                        "(include_images keeps them)")
    body = "\n\n".join(texts)
    meta.char_count = len(body)
    removed = _removed(blocks, pictures, with_offsets)
    moved = [MetadataBlock(b.raw, b.meta, b.start if with_offsets else None,
                           b.end if with_offsets else None) for b in blocks if b.meta]
    return CleanResult(text=body, metadata=meta, removed=removed, metadata_blocks=moved,
                       warnings=warnings)


def _removed(blocks: list[Block], pictures: list[Block], with_offsets: bool) -> list[Removal]:
    """The removals, in the input's order: the judged blocks not kept (and not metadata),
    and the picture blocks not kept."""
    gone = [b for b in blocks if not b.meta and b.cls != GOOD]
    if pictures:
        gone = sorted(gone + [b for b in pictures if b.cls != GOOD], key=lambda b: b.start)
    return removals(
        (b.raw, b.kind or "other", b.reason or "not article text",
         b.start if with_offsets else None, b.end if with_offsets else None, b.rule or "other")
        for b in gone)


def _with_images(kept: list[Block], texts: list[str], pictures: list[Block],
                 links: bool, top: int) -> list[str]:
    """The body's texts with their Markdown images (`include_images`): a kept block's
    images where they stood (its links written as `texts` writes them, `links` keeping
    them), and the picture blocks that stand inside the article, between `top` (where its
    title or first kept block starts) and its last kept block, in the input's order.
    Images are no words: the word count stays."""
    out = [t if b.images is None else b.images if links else written_texts([b.images])[0]
           for b, t in zip(kept, texts, strict=True)]
    if not kept or not pictures:
        return out
    inside = [b for b in pictures if top < b.start < kept[-1].start]
    for b in inside:
        b.cls, b.kind, b.reason, b.rule = GOOD, None, "", ""
    merged = sorted([*((b.start, t) for b, t in zip(kept, out, strict=True)),
                     *((b.start, b.images or b.text) for b in inside)])
    return [t for _, t in merged]


def evidence(text: str, options: Options = DEFAULT_OPTIONS, stop_words: bool = True
             ) -> tuple[list[Block], Evidence]:
    """What the labeller sees of raw `text` before it decides: the blocks as `clean_text`
    segments and rules on them (language guessed once), each with its own measures attached
    (`Evidence.attach`), and the page's evidence arrays. For building training data; without
    `stop_words`, as a page in a language with no stop-word list is seen."""
    recoding = legacy_recoding(text) if options.fix_unicode else None
    blocks, *_ = _segment(text, options.fix_unicode and recoding is None
                          and text_looks_damaged(text), options.join_wrapped_lines, recoding,
                          markdown=True, max_lines=options.max_lines)
    ranked = rank_languages(_language_sample(blocks, options.language_sample))
    stops = document_stopwords(ranked) if stop_words else frozenset()
    found = classify_blocks(blocks, stops, ranked[0][0] if ranked else None, options)
    mark_repeats(blocks, _ellipsis(found), options.remove_duplicates)
    found.attach(blocks)
    return blocks, found


def _ellipsis(evidence: Evidence) -> list[bool]:
    return (evidence.column("ellipsis") > 0).tolist()


def _segment(text: str, fix: bool, unwrap: bool, recoding: Recoding | None = None,
             markdown: bool = False, max_lines: int | None = None
             ) -> tuple[list[Block], list[Block], int | None, bool]:
    """The blocks of `text` (each line read again by `recoding` when given, else repaired
    by ftfy when `fix`), hard-wrapped lines and lines cut inside sentences joined when
    `unwrap`, with `markdown` read as Markdown may be written (`segment_joined`): the blocks to
    judge, the picture blocks, the wrap width, and whether lines were joined inline. Over
    `max_lines` lines, `TooManyLines`."""
    pictures: list[Block] = []
    blocks, width, inline = segment_joined(text, fix, unwrap, inline=unwrap, recoding=recoding,
                                           pictures=pictures if markdown else None,
                                           max_lines=max_lines)
    return blocks, pictures, width, inline


def _judge(blocks: list[Block], stops: frozenset[str], language: str | None,
           options: Options, extracted: bool, page: PageMarkup | None = None,
           markdown: bool = False
           ) -> tuple[list[Block], tuple[Block, str] | None, list[int], int]:
    """Measure and rule on every block, mark repeats, let the labeller decide; the blocks
    kept, in order, the title's block and the title (chosen once here: the language check
    and the metadata step both need it), and every block's word count (`lang.word_count`
    of its text); and how many date-like lines were not read as dates
    (`classify.MAX_DATE_LINES`). With `markdown`, a kept block of nothing but links with no
    text goes (`_drop_textless_links`)."""
    found = classify_blocks(blocks, stops, language, options)
    check()
    # Repeats in an extractor's output are the page's own (product cards, a refrain): the
    # extractor already dropped its duplicated boilerplate.
    mark_repeats(blocks, _ellipsis(found), options.remove_duplicates and not extracted)
    check()
    x = decide(blocks, found, options, extracted, page)
    check()
    if markdown:
        _drop_textless_links(blocks)
    title = find_title(blocks, x) if options.extract_metadata else None
    if title is not None:
        _drop_title_copies(blocks, title[0])
    words = found.column("words").astype(int).tolist()
    return [b for b in blocks if b.cls == GOOD], title, words, found.unread_dates


#: Why a kept block of nothing but Markdown links with no text is removed.
TEXTLESS_REASON = "links with no text (an icon's or a logo's): nothing to read"


def _drop_textless_links(blocks: list[Block]) -> None:
    """Remove the kept blocks that are nothing but Markdown links with no text
    ("[](https://x.org/)", as reader services write an icon's link): the labeller judges
    them as it was trained, among their neighbours, but one it keeps between two paragraphs
    would print as markup with nothing to read. 12,329 such lines stand on 2,064 of the
    2,523 dev pages rendered by html2text; before this, 845 stayed in the text of 44 of the
    first 400 (684 of them on one product listing)."""
    kept = [b for b in blocks if b.cls == GOOD and "](" in b.text]
    if not kept:
        return
    for b, textless in zip(kept, _core.textless_links([b.text for b in kept]), strict=True):
        if textless:
            b.cls, b.kind, b.rule, b.reason = BAD, "navigation", "shape.empty-link", TEXTLESS_REASON


def _drop_title_copies(blocks: list[Block], title: Block) -> None:
    """Remove the kept copies of the title's block: the title moves to metadata, and the
    labeller keeps one copy of a repeated block (`labeller.raw_decisions`), which may be a
    later one (a headline printed twice above the article)."""
    for b in blocks:
        if b.copy_of == title.index and b.cls == GOOD:
            b.cls = BAD
            b.reason = f"repeats the title (block {title.index + 1})"


def written_texts(texts: list[str]) -> list[str]:
    """`texts` as the cleaner writes kept blocks out by default: Markdown links as their
    text (`src/markdown.rs`; `Options.include_links` keeps them), the same objects where a
    text has none. (The training build labels blocks by these too.)"""
    return [t if p is None else p for t, p in zip(texts, _core.plain_links(texts), strict=True)]


def _plain_links(texts: list[str], counts: list[int]
                 ) -> tuple[list[str], tuple[int, int] | None]:
    """`written_texts`; and, when a text changed, how many did and by how many words
    (`counts`: each text's words)."""
    out = written_texts(texts)
    changed = [(w, n) for w, t, n in zip(out, texts, counts, strict=True) if w is not t]
    if not changed:
        return texts, None
    return out, (len(changed), sum(word_count(w) - n for w, n in changed))


def _rescued(blocks: list[Block], kept: list[Block], cut: float) -> bool:
    """Whether raw text kept only what the rescue of an empty page kept
    (`labeller.raw_decisions`). A page that kept a block over the cut-off was not rescued;
    only when none was is the decision made again without the rescue."""
    if not kept or max(b.p2 for b in kept) >= cut:
        return False
    return not any(block_decisions(blocks, cut, rescue=False))


def _body(kept: list[Block], title: Block | None) -> list[Block]:
    """The kept blocks that stay in the body: less the first when it will be the title."""
    if kept and title is kept[0]:
        return kept[1:]
    return kept


def _metadata(blocks: list[Block], kept: list[Block], found: tuple[Block, str] | None,
              meta: Metadata) -> None:
    """Title and date line move to metadata; the dateline and author are reported. The
    title's whole block moves, also when the title is a piece of it ("Headline | Site")."""
    if not kept:
        return
    # Dates and authors are looked for near the headline, or near the article's start when
    # the title came from the page's first line far above it.
    anchor = kept[0].index
    if found is not None:
        title, meta.title = found[0], plain_title(found[1])
        title.meta = "title"
        kept = [b for b in kept if b is not title]
        if anchor - title.index <= TITLE_BEFORE:
            anchor = title.index
    dated = [b for b in blocks if b.facts.get("published")]
    if dated:
        best = min(dated, key=lambda b: (abs(b.index - anchor), b.index))
        meta.published = best.facts["published"]
        # A bare date line leaves the body for metadata; so does a kept one with a prefix
        # ("Updated: June 18, 2024"): the labeller keeps such a line above a short text.
        # A kept one that is all the body stays there, as a byline does (below).
        if (best.rule == "date-line" or (best.rule == "lexicon.timestamp-prefix"
                                         and best.cls == GOOD)) and (
                best.cls != GOOD or any(b is not best and not b.meta for b in kept)):
            best.meta = "published"
    authors = [b for b in blocks if b.facts.get("author")]
    if authors:
        best = min(authors, key=lambda b: abs(b.index - anchor))
        meta.author = best.facts["author"]
        # A kept byline ("By Jane Doe" above a short text) leaves the body as the date
        # line does, unless it is all the body has: its name is the author.
        if best.rule == "lexicon.byline" and best.cls == GOOD and any(
                b is not best and not b.meta for b in kept):
            best.meta = "author"
    kept = [b for b in kept if not b.meta]
    if kept:
        meta.dateline = find_dateline(kept[0].text)
