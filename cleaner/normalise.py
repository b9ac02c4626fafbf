"""Step 2: normalise one block's text (Unicode repair, NFC, spaces, control characters)."""

from __future__ import annotations

import ftfy
from ftfy.badness import is_bad

from . import _core

# ftfy's own defaults, less what would change correct text: curly quotes and full-width
# CJK punctuation are content, not damage.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)

def text_looks_damaged(text: str) -> bool:
    """Cheap whole-document check: is there mojibake worth running ftfy on, line by line?

    UTF-8 read as Latin-1 or Windows-1252, the commonest mojibake, always shows a lead byte
    (Â to ô) followed by a continuation byte (U+0080-U+00BF or its Windows-1252 letters):
    "Ã©", "â€™", "Ð¿". Text without such a pair skips ftfy's slower full check, except text
    with C1 controls (Windows-1252 read as Latin-1) and Cyrillic or Greek text, whose own
    mojibake (UTF-8 read as Windows-1251) looks different. The core scans for these signs.
    """
    if text.isascii() or not _core.mojibake_hint(text):
        return False
    return "\ufffd" in text or is_bad(text)


def normalise(text: str, fix_unicode: bool = False) -> str:
    """Return `text` repaired by ftfy (if asked), then with invisible characters removed
    (zero-width joiners stay: Indic and Persian spelling needs them), every run of white
    space collapsed to one space, trimmed, in NFC (the core does all but ftfy)."""
    if fix_unicode:
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    return _core.normalise(text)
