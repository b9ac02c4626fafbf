"""Step 2: normalise one block's text (Unicode repair, NFC, spaces, control characters)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import ftfy
import regex
from ftfy.badness import BADNESS_RE, is_bad

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

#: Python's `\s` and `\w` on text, spelt for the core's regular expressions (whose own
#: classes differ at the edges: Rust's `\s` lacks U+001C-U+001F, its `\w` holds marks).
_PY_SPACE = r"[\t\n\x0B\x0C\r\x1C-\x1F \x85\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}" \
            r"\x{202F}\x{205F}\x{3000}]"
_PY_WORD = r"[\p{L}\p{N}_]"


def core_pattern(pattern: str) -> str | None:
    r"""A verbose Python pattern made of literals, character classes, groups, quantifiers,
    anchors and the escapes `\s`, `\w` and `\xHH` (ftfy's `BADNESS_RE`), rewritten for the
    core's regular expressions: comments and layout dropped, every other character
    escaped. None when it holds anything else, so that a future ftfy with another kind of
    pattern is run by Python as before."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = at_class_start = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            esc = pattern[i:i + 2]
            if esc == "\\x" and regex.fullmatch(r"[0-9a-fA-F]{2}", pattern[i + 2:i + 4]):
                out.append(pattern[i:i + 4])
                i += 4
            elif esc in ("\\s", "\\w") and not in_class:
                out.append(_PY_SPACE if esc == "\\s" else _PY_WORD)
                i += 2
            else:
                return None
            at_class_start = False
            continue
        if in_class:
            if c == "]" and not at_class_start:
                in_class = False
                out.append("]")
            elif (c == "^" and at_class_start) or (
                    c == "-" and not at_class_start and pattern[i + 1:i + 2] != "]"):
                out.append(c)
            else:
                out.append(f"\\x{{{ord(c):X}}}")
            at_class_start = c == "^" and at_class_start
        elif c in " \t\n\r\v\f":
            pass
        elif c == "#":
            while i < n and pattern[i] != "\n":
                i += 1
        elif c == "[":
            in_class = at_class_start = True
            out.append("[")
        elif c == "(" and pattern[i + 1:i + 2] == "?" and pattern[i + 2:i + 3] != ":":
            return None  # look-arounds, flags, named groups
        elif c in "|.()*+?{}^$,":
            out.append(c)  # the same syntax in both
        else:
            out.append(f"\\x{{{ord(c):X}}}")
        i += 1
    return None if in_class else "".join(out)


@lru_cache(maxsize=1)
def _badness() -> Callable[[str], bool]:
    """ftfy's `is_bad` (its mojibake pattern searched over the text), run by the core when
    the pattern translates (`core_pattern`), else by ftfy itself."""
    pattern = core_pattern(BADNESS_RE.pattern) if BADNESS_RE.flags & re.VERBOSE else None
    if pattern is None:
        return is_bad
    try:
        return _core.Matcher(pattern).search
    except ValueError:
        return is_bad


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
    return "\ufffd" in text or _badness()(text)


@lru_cache(maxsize=1)
def _rewritten_anyway() -> re.Pattern[str]:
    """The characters ftfy rewrites in any text, mojibake or not: its control characters
    and its ligatures (its own tables)."""
    from ftfy.chardata import CONTROL_CHARS, LIGATURES

    chars = sorted(set(CONTROL_CHARS) | set(LIGATURES))
    return re.compile("[" + "".join(re.escape(chr(c)) for c in chars) + "]")


def ftfy_leaves(line: str) -> bool:
    """Whether ftfy (with this module's settings) returns `line` unchanged:
    printable (no control, format or surrogate character), no "&" (an HTML entity), none
    of the characters ftfy rewrites anyway, already NFC, and no mojibake by ftfy's own
    check (without which it tries no re-decoding). Such lines skip ftfy."""
    if line.isascii():
        return line.isprintable() and "&" not in line
    return ("&" not in line and line.isprintable()
            and not _rewritten_anyway().search(line)
            and unicodedata.is_normalized("NFC", line) and not _badness()(line))


def normalise(text: str, fix_unicode: bool = False) -> str:
    """Return `text` repaired by ftfy (if asked), then with invisible characters removed
    (zero-width joiners stay: Indic and Persian spelling needs them), every run of white
    space collapsed to one space, trimmed, in NFC (the core does all but ftfy). ftfy is
    skipped where it would change nothing (`ftfy_leaves`): most lines of a damaged page."""
    if fix_unicode and not ftfy_leaves(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    return _core.normalise(text)
