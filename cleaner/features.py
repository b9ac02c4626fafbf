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
_CASED_WORD = regex.compile(r"[\p{Lu}\p{Ll}][\p{L}\p{M}'’-]*")
_URL = regex.compile(r"https?://|www\.\w|\w@\w+\.\w")
_TERMINAL_INSIDE = regex.compile(r"[.!?…。！？।॥؟۔](?=\s|$)")
_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but by with from as is are vs via de la le el y e et "
    "und der die das von zu du des da do".split()
)
# No small word is longer than this: longer words skip the set lookup.
_SMALL_MAX = max(map(len, _SMALL_WORDS))


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
    #: Share of cased words that start with a capital (ignoring small words): headline casing.
    title_case: float
    ellipsis: bool
    has_url: bool
    #: The case-folded word tokens (`lang.tokens`), kept for the junk rules.
    tokens: tuple[str, ...] = ()


def ends_with_terminal(text: str) -> bool:
    """True when `text` ends a sentence, ignoring trailing quotes and brackets."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINALS


def title_case_share(text: str) -> float:
    """Share of cased words (minus small function words) that begin with a capital letter."""
    words = [w for w in _CASED_WORD.findall(text)
             if len(w) > _SMALL_MAX or w.casefold() not in _SMALL_WORDS]
    if not words:
        return 0.0
    # A cased word starts with \p{Lu} or \p{Ll}: str.isupper on its first letter tells which.
    return sum(1 for w in words if w[0].isupper()) / len(words)


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
        len(_TERMINAL_INSIDE.findall(text)),
        title_case_share(text) if len(text) < 400 else 0.0,
        # Substring tests first: each regex needs its literal ("...", "…", "://", "www.", "@").
        ("..." in text or "…" in text) and bool(_ELLIPSIS.search(text)),
        ("://" in text or "www." in text or "@" in text) and bool(_URL.search(text)),
        tuple(toks),
    )
