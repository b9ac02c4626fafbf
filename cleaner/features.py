"""Step 4: named, measurable properties of one block (length, stop words, punctuation...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from . import _core
from .lang import stoplist

#: Characters that end a sentence, in every script we know of (`src/measure.rs` holds the
#: same list: `tests/test_measure.py` checks that they agree).
TERMINALS = ".!?…。！？।॥؟۔።၊။།‼⁇⁈⁉;។៕"
# Closing quotes and brackets that may follow the terminal character.
_CLOSERS = "\"'”’»)]}」』】›*"
_TERMINAL_INSIDE = regex.compile(r"[.!?…。！？।॥؟۔။។៕](?=\s|$)")
#: Thai and Lao (U+0E00-U+0EFF) write no full stop: a space ends a phrase. A run of this
#: many of their characters before a space and another of them is a sentence end, and so is
#: the end of a block that holds one and ends in their script (`src/measure.rs`).
PHRASE_CHARS = 10
_PHRASE_BREAK = regex.compile(rf"[\u0e00-\u0eff]{{{PHRASE_CHARS},}}(?=\s+[\u0e00-\u0eff])")


def _in_phrase_script(stripped: str) -> bool:
    """Whether `stripped` (closers trimmed) ends in a Thai or Lao character."""
    return bool(stripped) and "\u0e00" <= stripped[-1] <= "\u0eff"


def _phrase_ends(text: str) -> int:
    breaks = len(_PHRASE_BREAK.findall(text))
    return breaks + (breaks > 0 and _in_phrase_script(text.rstrip(_CLOSERS + " ")))


class Features(NamedTuple):
    """What the classifier knows about a block (a tuple: one is made for every line)."""

    #: Characters, CJK characters counted three times (they carry a word each).
    length: int
    #: Word tokens (`lang.tokens`).
    words: int
    stopwords: int
    #: Share of tokens that are stop words of the document's language.
    stop_density: float
    #: Ends like a sentence (., !, ?, । ... possibly before a closing quote).
    terminal: bool
    #: How many sentence ends are inside the block.
    sentences: int
    #: Ends with "..." or "…" (a teaser cut short).
    ellipsis: bool
    #: Holds a URL, "www." or an e-mail address.
    has_url: bool


def ends_with_terminal(text: str) -> bool:
    """True when `text` ends a sentence, ignoring trailing quotes and brackets."""
    stripped = text.rstrip(_CLOSERS + " ")
    return (bool(stripped) and stripped[-1] in TERMINALS) or (
        _in_phrase_script(stripped) and _PHRASE_BREAK.search(text) is not None)


def sentence_ends(text: str) -> int:
    """How many sentence ends (a terminal before a space or the end; in Thai and Lao a
    long phrase before a space, `PHRASE_CHARS`) `text` holds."""
    return len(_TERMINAL_INSIDE.findall(text)) + _phrase_ends(text)


def measure(texts: Sequence[str], folded: Sequence[str],
            stops: frozenset[str]) -> list[Features]:
    """Measure each of `texts` (normalised blocks; `folded` their `str.casefold()`) against
    the stop-word list `stops`, in one call to the compiled core."""
    rows = _core.measure(list(texts), list(folded), stoplist(stops))
    return list(map(Features._make, rows))


def compute(text: str, stops: frozenset[str]) -> Features:
    """Measure one block (`measure` for a single text)."""
    return measure([text], [text.casefold()], stops)[0]
