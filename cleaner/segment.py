"""Step 3: cut the decoded input into blocks (one a line), each with its offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _core
from .errors import TooManyLines
from .normalise import normalise
from .recode import Recoding

#: What the core strips from both ends of a line: all Unicode white space (`str.isspace`)
#: plus invisible marks (`tests/test_segment_core.py` checks the two agree).
EDGE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\ufeff"


#: Why a line of nothing but Markdown images is removed.
PICTURE_REASON = "an image with no text of its own (include_images keeps it in the article)"


@dataclass(eq=False, slots=True)
class Block:
    """A non-blank line of the input: where it is, its raw and normalised text, and what each
    pass found (one field a pass, as jusText keeps `cf_class` and `class_type` apart).
    """

    index: int
    start: int
    end: int
    raw: str
    text: str
    blank_before: bool = False
    #: The normalised text with its Markdown images, when it had any: `text` is then what a
    #: reader reads of it, without them (`segment_joined`'s `pictures`).
    images: str | None = None
    #: The context-free class from the block's own features (`classify`): "good", "neargood",
    #: "short" or "bad". Like `measured` and `stats`, set only by `core.evidence` (for the
    #: training build and the tests): the pipeline hands these on as arrays
    #: (`blockfeatures.Evidence`).
    cf_class: str = "bad"
    #: The decision: "good" (kept) or "bad" (removed).
    cls: str = "bad"
    kind: str | None = None
    reason: str = ""
    #: The stable id of the rule that fired on the block (`rules.Verdict.rule`), or of the
    #: decision that removed it; "" while none has.
    rule: str = ""
    #: Set when a rule judged the block junk from its own text (a lexicon line, a byline, a
    #: date line); the labeller weighs it as evidence.
    junk_rule: bool = False
    #: Set when the block is certain junk whatever its context (no letters, a bare URL,
    #: pagination, a repeat); lexicon hits are evidence for the labeller, not verdicts.
    final: bool = False
    #: For a later copy of a block ("repeat.duplicate"), the index of the first: the
    #: labeller keeps at most one copy, the first it would keep (`labeller.raw_decisions`).
    copy_of: int = -1
    #: The labeller's first- and second-pass probabilities that the block is article text.
    p1: float = 0.0
    p2: float = 0.0
    #: On an HTML page's visible text, how much of the block the extractor kept
    #: (`extractor.votes`; NaN when it kept nothing); None on raw text.
    vote: float | None = None
    #: "title", "published" or "author" when the block moved to metadata.
    meta: str | None = None
    #: The block's measures (`features.Features`) and shape shares (`blockfeatures.TextStats`);
    #: see `cf_class`.
    measured: Any = None
    stats: Any = None
    #: Facts a rule found in the block ({"published": ..., "author": ...}).
    facts: dict[str, str] = field(default_factory=dict)


def segment(text: str, fix_unicode: bool = False) -> list[Block]:
    """Split `text` into blocks, one a line as `str.splitlines` cuts, stripped of white space
    and invisible marks at both ends and normalised (`normalise`); blank lines are dropped
    but remembered as `blank_before`. The core cuts and normalises; with `fix_unicode`, each
    line is first repaired by ftfy (`normalise`), which the core calls back."""
    return segment_joined(text, fix_unicode, unwrap=False)[0]


def segment_joined(text: str, fix_unicode: bool = False, unwrap: bool = True,
                   inline: bool = False, recoding: Recoding | None = None,
                   pictures: list[Block] | None = None, max_lines: int | None = None
                   ) -> tuple[list[Block], int | None, bool]:
    """`segment`, and with `unwrap` hard-wrapped lines joined back into one block a
    paragraph (`cleaner.unwrap`); with `inline`, lines cut inside a sentence where a link
    or an emphasis began or ended ("for the " / "Browns" / "' game", one text node a line)
    joined back too. Also the width lines were wrapped at (None when they were not) and
    whether any line was joined inline. A joined block's `raw` spans its lines, line breaks
    included. With `recoding` (legacy-encoded text misread, `cleaner.recode`), each line is
    read again before it is normalised (its `raw` stays the input's).

    With a `pictures` list, the text is read as Markdown may be written: lines a hard wrap
    cut inside a link or an image are joined back, and images are markup, not text: each
    line is judged without them (`Block.images` keeps its text with them), and the lines of
    nothing but images (a photo, a gallery, a linked logo) are appended to `pictures` as
    blocks removed as kind "image" (`src/markdown.rs`).

    A text of more than `max_lines` non-blank lines raises `TooManyLines` as soon as the
    core has cut one line over the limit (before any is joined, and before the rest are
    cut)."""
    fix = (None if recoding is None and not fix_unicode
           else _fixed if recoding is None else lambda line: normalise(recoding(line)))
    try:
        lines, found, width, joined = _core.segment(text, fix, unwrap, inline,
                                                    markdown=pictures is not None,
                                                    max_lines=max_lines)
    except _core.TooManyLines:
        raise TooManyLines(max_lines or 0) from None
    if pictures is not None:
        pictures += [Block(-1, start, end, text[start:end], norm, kind="image",
                           rule="shape.image", reason=PICTURE_REASON)
                     for start, end, norm in found]
    return [Block(i, start, end, text[start:end], norm, blank, images)
            for i, (start, end, norm, blank, images) in enumerate(lines)], width, joined


def _fixed(line: str) -> str:
    return normalise(line, fix_unicode=True)
