"""Step 8: metadata from raw text: the agency dateline. (The headline shape the title
scorer uses is the core's, `src/title.rs`.)"""

from __future__ import annotations

import regex

# News-agency datelines that open a story. Each pattern's group "dl" is the dateline.
_PLACE = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}"
_WORD = r"[\p{L}\p{M}][\p{L}\p{M}.'’\u200c\u200d-]*"
_ANY_PLACE = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_MONTH = r"[\p{L}\p{M}]{3,10}\.?"
_DAY_MONTH = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_AGENCY = r"\((?:[\p{Lu}][\p{L}\p{M}&.' /-]{1,30})\)"
_DATELINES = [
    # "Washington [US], June 19 :" — place, [country], date, then a colon or dash.
    regex.compile(rf"^(?P<dl>{_ANY_PLACE}\s*\[[^\]\n]{{1,40}}\],\s*{_DAY_MONTH})\s*[:–—-]\s"),
    # "వాషింగ్టన్ [యుఎస్]," — place and [country] alone.
    regex.compile(rf"^(?P<dl>{_ANY_PLACE}\s*\[[^\]\n]{{1,40}}\])\s*[,:–—-]\s"),
    # "MOSCOW (Reuters) -", "Washington, June 19 (IANS):", "(Reuters) —"
    regex.compile(rf"^(?P<dl>(?:{_PLACE}(?:,\s*{_PLACE})?(?:,\s*{_DAY_MONTH})?\s+)?{_AGENCY})"
                  rf"\s*[:–—-]?\s"),
    # "NEW DELHI:", "WASHINGTON —", "LONDON, June 19 -" — a place in capitals.
    regex.compile(r"^(?P<dl>\p{Lu}[\p{Lu}\p{M}.'’ -]{2,30}\p{Lu}"
                  rf"(?:,\s*(?:\p{{Lu}}[\p{{L}}\p{{M}}. ]{{1,30}}|{_DAY_MONTH}))?)\s*[:–—]\s"
                  r"|^(?P<dl>\p{Lu}[\p{Lu}\p{M}.'’ ]{2,30}\p{Lu})\s+-\s"),
    # "Washington, June 19:" — a place and a date, then a colon.
    regex.compile(rf"^(?P<dl>{_PLACE},\s*{_DAY_MONTH})\s*[:–—]\s"),
]


def find_dateline(text: str) -> str | None:
    """The dateline that opens `text` ("MOSCOW (Reuters)"), or None."""
    head = text[:160]
    for rx in _DATELINES:
        m = rx.match(head)
        if m:
            return m.group("dl").strip(" ,")
    return None
