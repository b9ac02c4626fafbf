"""Types of the compiled core (`src/lib.rs`), built by maturin with the package."""

from collections.abc import Callable

import numpy as np

class Forest:
    """Trees laid out as complete binary trees of one depth (see `cleaner.trees`)."""

    width: int

    def __init__(self, feature: np.ndarray, threshold: np.ndarray, leaves: np.ndarray,
                 depth: int, bias: float) -> None: ...
    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed log-odds of each row of `x`; releases the GIL."""

def smooth(p: list[float], chars: list[int], cut: float, stay: float) -> list[bool]:
    """The likeliest keep / remove path for probabilities `p` of blocks `chars` characters
    long; releases the GIL."""

def name_removed(kept: list[bool], final_: list[bool], junk_rule: list[bool], rule: list[str],
                 kind: list[str], reason: list[str],
                 measures: tuple[list[int], list[int], list[bool], list[int], list[float]],
                 p1: list[float], p2: list[float], caption: list[bool], cutoff: float,
                 short_chars: int, threshold: float) -> list[tuple[str, str, str] | None]:
    """Each removed block's new (kind, rule id, reason), None where it keeps its own;
    releases the GIL."""

def mark_repeats(texts: list[str], final_: list[bool], junk_rule: list[bool],
                 ellipsis: list[bool], remove_duplicates: bool
                 ) -> list[tuple[str, int, int] | None]:
    """Which blocks repeat another: None, ("duplicate", earlier block, 0) or ("teaser",
    block teased, characters glued before the teaser); releases the GIL."""

def char_kinds(text: str) -> list[int]:
    """How the core reads `str.isalpha`, `islower`, `isupper` of each character (bits 1, 2,
    4; for the tests)."""

def casefold(text: str) -> str:
    """`str.casefold` as the core computes it."""

def plain_links(texts: list[str]) -> list[str | None]:
    """Each text with its Markdown links written as their text; None where it has none."""

def decisions(p: list[float], chars: list[int], junk: list[bool], final_: list[bool],
              hinted: list[bool], copy_of: list[int], figures: list[bool],
              bars: tuple[float, float, float, float, float], rescue: bool,
              short_chars: int) -> list[bool]:
    """Which blocks of raw text are kept (`labeller.raw_decisions`)."""

def textless_links(texts: list[str]) -> list[bool]:
    """Which texts are nothing but Markdown links with no text (an icon's link)."""

def without_images(texts: list[str]) -> list[str | None]:
    """Each text without its Markdown images (a linked image with its link); None where it
    has none, "" where it is nothing but images."""

def text_stats(texts: list[str], words: list[int]) -> np.ndarray:
    """The shape shares of each text (`blockfeatures.TextStats`), one row a text."""

def block_matrix(measures: np.ndarray, stats: np.ndarray, vocab: np.ndarray,
                 blank_before: list[bool],
                 rule: list[int], kind: list[int], cls: list[int], rule_final: list[bool],
                 logs: np.ndarray, small: np.ndarray, log_prose_len: float,
                 has_stoplist: bool, spare: int = 0) -> np.ndarray:
    """The labeller's first-pass matrix (`blockfeatures.block_matrix`), one row a block,
    each followed by `spare` zeros."""

def context_columns(p1: np.ndarray, length: np.ndarray, small: np.ndarray, /) -> np.ndarray:
    """The second pass's extra columns (`blockfeatures.context_columns`)."""

def confidence_row(p: list[float], p1: list[float], chars: list[float], kept: list[bool],
                   logs: list[float], /) -> list[float]:
    """The page-confidence model's row (`labeller.confidence_features`)."""

def title_matrix(x: np.ndarray, texts: list[str], base: int, cands: list[int],
                 first_kept: int, p1: list[float], p2: list[float], kept: list[bool],
                 rule: list[bool], folded: list[str], body: list[str],
                 body_at: list[int], first_line: str | None = None, /
                 ) -> tuple[np.ndarray, list[str]]:
    """The title scorer's rows (`title.title_matrix`), one a candidate, then one a piece of
    the top candidate's text; and those pieces. `first_line`: the page's first block,
    case-folded, when it is no candidate."""

def most_attributes(html: str) -> int:
    """The most attributes any start tag of raw `html` holds (words after its name outside
    quoted values); releases the GIL."""

def visible_lines(xml: bytes, max_lines: int | None = None) -> tuple[list[str], np.ndarray]:
    """An HTML page's visible lines and their `markup.MARKUP_FEATURES` rows, from the
    canonical XML of its parsed tree (`markup.visible_lines`), no more once over
    `max_lines`; releases the GIL."""

class StopList:
    """A stop-word list (case-folded words), made once per list."""

    def __init__(self, words: set[str] | frozenset[str]) -> None: ...
    def __len__(self) -> int: ...

def measure(texts: list[str], folded: list[str], stops: StopList
            ) -> list[tuple[int, int, int, float, bool, int, bool, bool]]:
    """Each text's measures in `features.Features` order; `folded` are their case foldings."""

_Hit = tuple[str, str, str, str, bool]
_Judged = tuple[str, _Hit | None, str, bool]

class Lexicon:
    """Every language's junk vocabulary, compiled (see `cleaner.lexicon.Lexicon.core`)."""

    def __init__(self, lines: dict[str, tuple[str, str]], share_words: set[str],
                 share_strong: set[str],
                 phrases: list[tuple[tuple[str, ...], str, str, str]],
                 symbol_phrases: list[tuple[str, str, str]], max_chars: dict[str, int],
                 max_phrase_chars: int, prefixes: dict[str, list[tuple[str, str, bool]]],
                 suffixes: dict[str, list[tuple[str, str]]],
                 line_priority: list[str], phrase_priority: list[str]) -> None: ...
    def whole_line(self, text: str, folded: str) -> _Hit | None: ...
    def phrase(self, text: str, folded: str) -> _Hit | None: ...
    def prefix(self, table: str, folded: str) -> _Hit | None: ...
    def suffix(self, table: str, folded: str) -> _Hit | None: ...
    def scan(self, texts: list[str], folded: list[str]
             ) -> list[tuple[_Hit | None, _Hit | None, dict[str, _Hit]] | None]:
        """Every hit of each text (None for a text with none); releases the GIL."""
    def judge(self, texts: list[str], folded: list[str], length: list[int], words: list[int],
              terminal: list[bool]) -> list[tuple[str, _Hit | None, str, bool] | None]:
        """What the junk rules find in each text: None, or (rule id, lexicon hit, extra
        fact, may be a date line); releases the GIL."""

class Vocabulary:
    """The learned junk vocabulary: word -> log-odds of junk (`src/vocab.rs`)."""

    def __init__(self, text: str) -> None:
        """From the shipped file's text, one "word<TAB>log-odds" a line."""
    @staticmethod
    def from_pairs(words: list[str], values: list[float]) -> Vocabulary: ...
    def __len__(self) -> int: ...
    def columns(self, texts: list[str]) -> np.ndarray:
        """Each text's `VOCAB_FEATURES` row; releases the GIL."""

def count_words(texts: list[str], label: list[int], fold: list[int], site: list[int],
                folds: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every word of `texts` with the blocks holding it by fold and label (words x folds*2,
    junk then article) and the sites holding it by fold (words x folds)."""

def classify_page(texts: list[str], stops: StopList, lexicon: Lexicon, has_stoplist: bool,
                  bars: tuple[float, float, float, float], vocabulary: Vocabulary
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float,
                             list[tuple[str, _Judged, list[int]]], np.ndarray]:
    """A page's blocks measured, shaped, classed and ruled on, each distinct text measured
    once: each block's `Features` (booleans as 0 and 1) and `TextStats` rows and jusText
    class (from `bars`: `Options.stopword_density`, `relative_stopword_density`,
    `long_length`, `short_length`), the page's stop-word bar, (text, finding, blocks)
    where a rule found something in a distinct text, and each block's `VOCAB_FEATURES`
    row from `vocabulary`."""

def page_classes(measured: np.ndarray, has_stoplist: bool,
                 bars: tuple[float, float, float, float]) -> tuple[list[int], float]:
    """Each block's jusText class and the page's stop-word bar from its `Features` rows, as
    `classify_page` finds them."""

class LangId:
    """py3langid's model (DFA over bytes, naive Bayes), evaluated by the core."""

    def __init__(self, nextmove: np.ndarray, row: np.ndarray, output: np.ndarray,
                 ptc: np.ndarray, pc: np.ndarray, classes: list[str]) -> None: ...
    def rank(self, sample: bytes, top: int | None = None) -> list[tuple[str, float]]:
        """Every language with its probability, likeliest first (the first `top` when
        given); releases the GIL."""

def tokens(folded: str) -> list[str]:
    """The word tokens of the case-folded `folded`; releases the GIL."""

def count_tokens(folded: str) -> int:
    """How many word tokens the case-folded `folded` holds; releases the GIL."""

def mojibake_hint(text: str) -> bool:
    """Whether `text` shows a sign of mojibake (see `cleaner.normalise`); releases the GIL."""

def segment(text: str, fix: Callable[[str], str] | None = None, unwrap: bool = False,
            inline: bool = False, markdown: bool = False, max_lines: int | None = None
            ) -> tuple[list[tuple[int, int, str, bool, str | None]], list[tuple[int, int, str]],
                       int | None, bool]:
    """Each block's (start, end, text, blank line before, its text with its Markdown images
    or None), offsets in code points; the text normalised, or made by `fix` when given (the
    GIL is released when it is not). With `markdown`, lines a hard wrap cut inside a link or
    an image are joined back, lines of nothing but images go apart (the second list: start,
    end, text) and the others are judged without their images. With `unwrap`, hard-wrapped
    lines are joined into one block a paragraph; with `inline`, lines cut inside a sentence
    where a link began or ended. Also the width lines were wrapped at (None when they were
    not, or not asked) and whether any line was joined inline."""

def normalise(text: str) -> str:
    """`text` without invisible characters, white space runs made one space, trimmed, NFC."""

def language_sample(texts: list[str], size: int, max_symbols: float,
                    max_digits: float) -> str:
    """The language identifier's sample of a page's blocks (`cleaner.core._language_sample`):
    up to `size` characters of the longest with letters, at most 4/3 `size` UTF-8 bytes,
    prose (at most `max_symbols` punctuation and `max_digits` digits) first; releases the
    GIL."""

def symbols_and_digits(text: str) -> tuple[int, int]:
    """How many characters of `text` are punctuation or symbols (`[^\\w\\s]`), and how many
    digits (`\\d`)."""

def latin1_run(text: str, n: int) -> bool:
    """Whether `text` has `n` characters of U+0080-U+00FF in a row, no-break spaces aside;
    releases the GIL."""

class CoreError(RuntimeError):
    """A panic in the core, caught at its boundary (`cleaner.clean` raises InternalError)."""

class TooManyLines(ValueError):
    """`segment` cut more than `max_lines` blocks (`cleaner.clean` raises TooManyLines)."""

def _panic(message: str) -> None:
    """Panics on purpose (for the tests): raises CoreError."""

class Matcher:
    """A regular expression run by the core (linear time); ValueError if it does not compile."""

    def __init__(self, pattern: str) -> None: ...
    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in `text`; releases the GIL."""
