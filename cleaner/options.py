"""`Options`: every tunable of the cleaner, with its default, in one immutable object."""

from __future__ import annotations

from typing import Any, NamedTuple

from .errors import InvalidInput

#: The largest number an option takes: counts and lengths reach the compiled core as
#: unsigned integers, and no setting needs more.
MAX_NUMBER = 2**31 - 1


class Options(NamedTuple):
    """How `clean` behaves. Build one with keyword arguments, or pass overrides to `clean`.

    >>> Options(keep_captions=True).keep_captions
    True
    """

    #: Largest accepted input: bytes for `bytes`, characters for `str` (10 MB).
    max_input_size: int = 10_000_000
    #: Most non-blank lines a text may have (`TooManyLines` above). The cleaner holds a few
    #: kilobytes a line while it judges the page: a 10 MB text of one-character lines would
    #: take over 10 GB. Ten megabytes of real pages' text are some 140,000 lines (the
    #: largest page of the dev corpora has 3,351).
    max_lines: int = 200_000
    #: Repair mojibake and other Unicode damage with ftfy (only where it looks damaged).
    fix_unicode: bool = True
    #: A block shorter than this (in characters; CJK characters count triple) is "short".
    short_length: int = 70
    #: A block at least this long with enough stop words is "good" on its own.
    long_length: int = 200
    #: Stop-word density under which a long block is boilerplate. The bar actually used is the
    #: lower of this and `relative_stopword_density` times the document's own prose density,
    #: so that languages whose words rarely are stop words (Telugu, Finnish) are not dropped.
    stopword_density: float = 0.30
    #: See `stopword_density`.
    relative_stopword_density: float = 0.5
    #: Short lines kept between article paragraphs (subheadings, list items) may be at most
    #: this many blocks away from article text on both sides.
    max_short_run: int = 12
    #: A separate run of article-like text is kept when it holds at least this share of the
    #: main run's characters; smaller islands far from the article are boilerplate.
    min_island_share: float = 0.25
    #: Join lines hard-wrapped at a fixed width (mail, plain-text files, lynx or html2text
    #: dumps) back into paragraphs before judging them, and lines cut inside sentences
    #: where a link began or ended (one text node a line) (raw text only; `cleaner.unwrap`).
    join_wrapped_lines: bool = True
    #: Keep less: only blocks the labeller is surer of (fewer junk lines, some article lost),
    #: as trafilatura's option of the same name; on HTML, trafilatura's extraction is run
    #: with it too.
    favor_precision: bool = False
    #: Keep more: blocks the labeller is less sure of (more of the article, more junk).
    favor_recall: bool = False
    #: Keep image captions and photo credits in the body instead of removing them.
    keep_captions: bool = False
    #: Raw text written as Markdown (reader services, html2text): keep the article's links
    #: as written (`[text](https://...)`), as trafilatura's option of the same name keeps
    #: them; by default each is written as its text. Removed blocks are always listed as
    #: written.
    include_links: bool = False
    #: Raw text written as Markdown: keep the article's images as written (`![alt](src)`,
    #: in its blocks and on lines of their own between its first and last block), as
    #: trafilatura's option of the same name keeps them. By default a block is judged and
    #: written without its images, and a line of nothing but images is removed (kind
    #: "image").
    include_images: bool = False
    #: Keep one copy of a block repeated word for word: the first the labeller keeps.
    remove_duplicates: bool = True
    #: Report title, date line and dateline in metadata (title and date line leave the body).
    extract_metadata: bool = True
    #: Characters of text sampled (longest blocks with letters first) for language
    #: identification; at most 4/3 as many UTF-8 bytes (see `pipeline._language_sample`).
    language_sample: int = 1500
    #: For HTML input: when trafilatura finds no main content, judge the page's visible text
    #: without its vote; when off, keep nothing (every visible line is listed as removed).
    html_fallback: bool = True
    #: Give up with `TimeBudgetExceeded` after this many seconds (0: no limit). Checked
    #: between steps and every few hundred blocks, so the overrun is small but not zero.
    time_budget: float = 0.0

    def with_overrides(self, **overrides: Any) -> Options:
        """Return a copy with `overrides` folded in; unknown names raise `InvalidInput`."""
        unknown = sorted(set(overrides) - set(self._fields))
        if unknown:
            raise InvalidInput(f"unknown option(s): {', '.join(unknown)}")
        for name, value in overrides.items():
            default = type(self)._field_defaults[name]
            expected = type(default)
            ok = isinstance(value, expected) and not (
                expected is not bool and isinstance(value, bool)
            )
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                ok = True
                value = float(value)
                overrides[name] = value
            # JSON Schema's integer is any number without a fraction: 734000.0 is one.
            if expected is int and isinstance(value, float) and value.is_integer():
                ok = True
                value = int(value)
                overrides[name] = value
            if not ok:
                raise InvalidInput(
                    f"option {name} must be {expected.__name__}, not {type(value).__name__}"
                )
        out = self._replace(**overrides)
        if out.favor_precision and out.favor_recall:
            raise InvalidInput("favor_precision and favor_recall cannot both be set")
        return out.checked()

    def checked(self) -> Options:
        """Self, when every number is in range (from 0 to `MAX_NUMBER`); else `InvalidInput`
        naming the option (a negative count would reach the core as a huge one, or fail).
        The options last found in range are remembered (they cannot change): a server or a
        batch passes the same object with every document."""
        if self is _last_checked[0]:
            return self
        for name, value in zip(self._fields, self, strict=True):
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if not 0 <= value <= MAX_NUMBER:  # NaN fails too
                raise InvalidInput(f"option {name} must be from 0 to {MAX_NUMBER}, not {value!r}")
        _last_checked[0] = self
        return self


#: The `Options` object `checked` last found in range.
_last_checked: list[Options | None] = [None]

DEFAULT_OPTIONS = Options()
