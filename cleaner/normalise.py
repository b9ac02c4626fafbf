"""Step 2: normalise one block's text (Unicode repair, NFC, spaces, control characters)."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

# ftfy's own defaults, less what would change correct text: curly quotes and full-width
# CJK punctuation are content, not damage.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)

# Spaces of every width become one ASCII space; invisible characters that carry no meaning go.
# Zero-width (non-)joiners stay: Indic and Persian spelling needs them.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e\x00-\x08\x0e-\x1f\x7f-\x9f]")


# UTF-8 read as Latin-1 or Windows-1252, the commonest mojibake, always shows a lead byte
# (Â to ô) followed by a continuation byte (U+0080-U+00BF or its Windows-1252 letters):
# "Ã©", "â€™", "Ð¿". Text without such a pair skips ftfy's slower full check, except text
# with C1 controls (Windows-1252 read as Latin-1) and Cyrillic or Greek text, whose own
# mojibake (UTF-8 read as Windows-1251) looks different.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021"
    "\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013"
    "\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]|[\u0080-\u009f\u0370-\u04ff\ufffd]"
)


def text_looks_damaged(text: str) -> bool:
    """Cheap whole-document check: is there mojibake worth running ftfy on, line by line?"""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return False
    return "\ufffd" in text or is_bad(text)


def normalise(text: str, fix_unicode: bool = False) -> str:
    """Return `text` repaired (if asked), NFC, with invisible characters removed and every
    run of white space collapsed to one space, trimmed."""
    if fix_unicode:
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
