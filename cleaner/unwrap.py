"""Step 3b: join lines that were hard-wrapped at a fixed width back into paragraphs.

Mail archives, plain-text files and the text dumps of lynx, w3m or html2text break every
paragraph into lines of at most N characters. Judged a line at a time, such a paragraph is a
run of "short lines" and would go. A greedy wrapper leaves a fingerprint that ordinary text
does not have:

- many lines end just below one width N and few just above it (a cliff);
- each such line is so full that the next line's first word would not have fitted on it;
- and the next line goes on in the middle of a sentence (in lower case, where the script
  has case).

Where a document shows that fingerprint, every line too full for the next one's first word
is joined to it; nothing else changes. Lists, quotes, indented code, table rows and menus
are left alone.

The compiled core does the work as it segments (`src/unwrap.rs`, thresholds there); the
Python definitions it replaced are the reference in `tests/test_unwrap_core.py`.

The same step joins lines cut inside a sentence by a renderer that puts every text node on
its own line (BeautifulSoup's `get_text("\n")`: "for the " / "Browns" / "' game"), on pages
that show several such cuts (`segment.segment_joined` with `inline`, `unwrap::join_inline`).
"""

from __future__ import annotations

from .segment import Block, segment_joined


def join_wrapped(text: str, fix_unicode: bool = False) -> tuple[list[Block], int | None]:
    """The blocks of `text` (`segment.segment`) with hard-wrapped lines joined into one block
    a paragraph, and the width they were wrapped at (None, and the blocks as `segment` cuts
    them, when they were not). A joined block spans its lines in `text`: its `raw` is that
    slice, line breaks included, and its `text` the lines joined by spaces (by nothing after
    a hyphen or next to Chinese or Japanese)."""
    return segment_joined(text, fix_unicode, unwrap=True)[:2]


def wrap_width(text: str) -> int | None:
    """The width the lines of `text` were hard-wrapped at, or None when they were not."""
    return join_wrapped(text)[1]
