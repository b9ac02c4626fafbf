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


def text_looks_damaged(text: str) -> bool:
    """Cheap whole-document check: is there mojibake worth running ftfy on, line by line?"""
    return is_bad(text) or "\ufffd" in text


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
