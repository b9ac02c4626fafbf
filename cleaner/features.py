"""Step 4: named, measurable properties of one block (length, stop words, punctuation...)."""

from __future__ import annotations

from typing import NamedTuple

import regex

from .lang import cjk_chars, tokens

#: Characters that end a sentence, in every script we know of.
TERMINALS = ".!?…。！？।॥؟۔።၊။།‼⁇⁈⁉;"
# Closing quotes and brackets that may follow the terminal character.
_CLOSERS = "\"'”’»)]}」』】›*"
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)\s*$")
_URL = regex.compile(r"https?://|www\.\w|\w@\w+\.\w")
_TERMINAL_INSIDE = regex.compile(r"[.!?…。！？।॥؟۔](?=\s|$)")


class Features(NamedTuple):
    """What the classifier knows about a block (a tuple: one is made for every line)."""

    #: Characters, CJK characters counted three times (they carry a word each).
    length: int
    words: int
    stopwords: int
    #: Share of tokens that are stop words of the document's language.
    stop_density: float
    #: Ends like a sentence (., !, ?, । ... possibly before a closing quote).
    terminal: bool
    #: How many sentence ends are inside the block.
    sentences: int
    ellipsis: bool
    has_url: bool
    #: The case-folded word tokens (`lang.tokens`), kept for the junk rules.
    tokens: tuple[str, ...]


def ends_with_terminal(text: str) -> bool:
    """True when `text` ends a sentence, ignoring trailing quotes and brackets."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINALS


def sentence_ends(text: str) -> int:
    """How many sentence ends (a terminal before a space or the end) `text` holds."""
    return len(_TERMINAL_INSIDE.findall(text))


def compute(text: str, stops: frozenset[str]) -> Features:
    """Measure `text` (one normalised block) against the stop-word list `stops`."""
    toks = tokens(text)
    n = len(toks)
    n_stop = sum(map(stops.__contains__, toks)) if stops else 0
    ascii_ = text.isascii()
    return Features(
        len(text) + (0 if ascii_ else 2 * cjk_chars(text)),
        n,
        n_stop,
        n_stop / n if n else 0.0,
        ends_with_terminal(text),
        sentence_ends(text),
        # Substring tests first: each regex needs its literal ("...", "…", "://", "www.", "@").
        ("..." in text or "…" in text) and bool(_ELLIPSIS.search(text)),
        ("://" in text or "www." in text or "@" in text) and bool(_URL.search(text)),
        tuple(toks),
    )
