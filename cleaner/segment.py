"""Step 3: cut the decoded input into blocks (one a line), each with its offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .normalise import normalise

# Everything str.splitlines() treats as a line boundary.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_BOUNDARY = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Stripped from both ends of a line: all Unicode white space plus invisible marks.
# (str.strip with a set is linear; a regex anchored at the end is not, on long space runs.)
EDGE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\ufeff"


@dataclass(eq=False)
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
    #: The context-free class from the block's own features (`classify`): "good", "neargood",
    #: "short" or "bad"; evidence for the labeller.
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
    #: The labeller's first- and second-pass probabilities that the block is article text.
    p1: float = 0.0
    p2: float = 0.0
    #: "title" or "published" when the block moved to metadata.
    meta: str | None = None
    #: True once the context pass changed or confirmed the class.
    revised: bool = False
    features: dict[str, float] = field(default_factory=dict)
    #: The block's measures (`features.Features`) and shape shares (`blockfeatures.TextStats`).
    measured: Any = None
    stats: Any = None
    #: Facts a rule found in the block ({"published": ..., "author": ...}).
    facts: dict[str, str] = field(default_factory=dict)


def segment(text: str, fix_unicode: bool = False) -> list[Block]:
    """Split `text` into blocks; blank lines are dropped but remembered as `blank_before`."""
    blocks: list[Block] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        line = m.group()
        s = m.start() + len(line) - len(line.lstrip(EDGE))
        e = m.end() - (len(line) - len(line.rstrip(EDGE)))
        if e <= s:
            continue
        raw = text[s:e]
        if not fix_unicode and raw.isascii() and raw.isprintable() and "  " not in raw:
            norm = raw  # already what `normalise` returns: nothing to strip, fold or join
        else:
            norm = normalise(raw, fix_unicode)
            if not norm:
                continue
        # A one-character gap holds at most one line break, so no blank line.
        blank = not blocks or (s - prev_end > 1 and len(_BOUNDARY.findall(text, prev_end, s)) >= 2)
        blocks.append(Block(len(blocks), s, e, raw, norm, blank_before=blank))
        prev_end = e
    return blocks
