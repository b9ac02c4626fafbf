"""Junk vocabulary: loads `data/lexicon/*.toml` once and compiles it for the core, which
matches every block of a document against it in one call (`src/lexicon.rs`)."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TypeAlias

import regex

from . import _core
from .lang import tokens

#: Lexicon table -> removal kind it stands for.
TABLE_KIND: dict[str, str] = {
    "comments_label": "section-label",
    "section_label": "section-label",
    "advertisement": "advertisement",
    "share": "share",
    "cookie_notice": "cookie-notice",
    "legal": "legal",
    "newsletter": "newsletter",
    "comments": "comments",
    "navigation": "navigation",
    "related_link": "related-link",
    "byline": "byline",
    "timestamp": "timestamp",
    "credit": "credit",
}
# When a whole line is listed in several tables, the first table here wins.
_LINE_PRIORITY = (
    "comments_label", "section_label", "advertisement", "share", "cookie_notice", "legal",
    "newsletter", "comments", "timestamp", "navigation",
)
# When a block holds phrases of several tables, the first table here wins.
_PHRASE_PRIORITY = ("cookie_notice", "comments", "newsletter", "advertisement", "legal",
                    "credit", "share", "section_label", "comments_label", "navigation",
                    "related_link", "byline", "timestamp")
#: Tables whose entries are hints, not verdicts: such a line between paragraphs survives.
WEAK_TABLES = frozenset({"navigation"})
#: The tables whose entries may be `suffixes`: a byline that names its author first, as
#: Korean ones do ("홍길동 기자", "Hong Gil-dong, reporter").
SUFFIX_TABLES = ("byline",)

_NON_WORD = regex.compile(r"[^\p{L}\p{M}']+")
#: Scripts written with spaces between phrases, not words (Thai, Lao, Khmer, Myanmar): a
#: listed phrase in one may stand inside a longer run of letters ("เราใช้คุกกี้เพื่อ...").
SPACELESS = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def fold(text: str) -> str:
    """The form a block is matched in: case-folded, curly apostrophes made straight."""
    return text.casefold().replace("’", "'")


def line_key(text: str) -> str:
    """The form a line is looked up in: case-folded, digits and punctuation dropped."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    return " ".join(_NON_WORD.sub(" ", text).split()).strip(" '")


@dataclass(frozen=True)
class Hit:
    """A lexicon match: the table it came from, the phrase matched, the rest of the line."""

    table: str
    phrase: str
    lang: str
    rest: str = ""
    has_sep: bool = False

    @property
    def kind(self) -> str:
        return TABLE_KIND[self.table]


def _hit(found: tuple[str, str, str, str, bool] | None) -> Hit | None:
    return None if found is None else Hit(*found)


@dataclass(frozen=True)
class Hits:
    """Everything the lexicon finds in one block (`Lexicon.scan`)."""

    line: Hit | None
    phrase: Hit | None
    #: Table -> the prefix the line opens with.
    prefixes: dict[str, Hit]


#: What `_core.Lexicon.scan` gives for one block.
_Scan: TypeAlias = "tuple[tuple | None, tuple | None, dict[str, tuple]] | None"


class Lexicon:
    """All languages' junk vocabulary, compiled for matching."""

    def __init__(self, tables: dict[str, dict[str, dict[str, list[str] | int]]]) -> None:
        self.lines: dict[str, tuple[str, str]] = {}
        self.share_words: set[str] = set()
        self.share_strong: set[str] = set()
        phrases: dict[str, list[tuple[str, str]]] = {}
        prefixes: dict[str, list[tuple[str, str, bool]]] = {}
        suffixes: dict[str, list[tuple[str, str]]] = {}
        self.max_chars: dict[str, int] = {}
        for lang, data in sorted(tables.items()):
            for table, entry in data.items():
                if table not in TABLE_KIND:
                    raise ValueError(f"lexicon {lang}: unknown table {table!r}")
                for phrase in entry.get("lines", []):  # type: ignore[union-attr]
                    key = line_key(str(phrase))
                    old = self.lines.get(key)
                    if old is None or _LINE_PRIORITY.index(table) < _LINE_PRIORITY.index(old[0]):
                        self.lines[key] = (table, lang)
                for phrase in entry.get("phrases", []):  # type: ignore[union-attr]
                    phrases.setdefault(table, []).append((str(phrase).casefold(), lang))
                for phrase in entry.get("prefixes", []):  # type: ignore[union-attr]
                    prefixes.setdefault(table, []).append((str(phrase).casefold(), lang, False))
                for phrase in entry.get("prefixes_sep", []):  # type: ignore[union-attr]
                    prefixes.setdefault(table, []).append((str(phrase).casefold(), lang, True))
                if "suffixes" in entry and table not in SUFFIX_TABLES:
                    raise ValueError(f"lexicon {lang}: {table} has suffixes, which only "
                                     f"{', '.join(SUFFIX_TABLES)} may have")
                for phrase in entry.get("suffixes", []):  # type: ignore[union-attr]
                    suffixes.setdefault(table, []).append((str(phrase).casefold(), lang))
                if table == "share":
                    self.share_words.update(line_key(str(w)) for w in entry.get("words", []))  # type: ignore[union-attr]
                    self.share_strong.update(line_key(str(w)) for w in entry.get("strong", []))  # type: ignore[union-attr]
                if "max_chars" in entry:
                    self.max_chars[table] = max(self.max_chars.get(table, 0),
                                                int(entry["max_chars"]))  # type: ignore[arg-type]
        # Phrases are found token by token (a dict lookup a token), not by one big regex
        # alternation, which costs a scan per phrase; symbol-only phrases ("©") by substring,
        # and so are phrases in a script written without spaces between words
        # (`SPACELESS`), whose tokens are whole phrases of a page's text, not its words.
        self.phrase_index: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
        self.symbol_phrases: list[tuple[str, str, str]] = []
        for table, plist in phrases.items():
            for phrase, lang in plist:
                toks = tuple(tokens(phrase))
                if toks and not SPACELESS.search(phrase):
                    self.phrase_index.setdefault(toks[0], []).append((toks, table, phrase, lang))
                else:
                    self.symbol_phrases.append((phrase, table, lang))
        self.max_phrase_chars = max(self.max_chars.values(), default=300)
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.prefix_lang = {t: {p: lang for p, lang, _ in ps} for t, ps in prefixes.items()}

    @cached_property
    def core(self) -> _core.Lexicon:
        """The tables compiled for matching (`src/lexicon.rs`)."""
        return _core.Lexicon(
            self.lines, self.share_words, self.share_strong,
            [entry for entries in self.phrase_index.values() for entry in entries],
            self.symbol_phrases, self.max_chars, self.max_phrase_chars, self.prefixes,
            self.suffixes,
            list(_LINE_PRIORITY), list(_PHRASE_PRIORITY))

    def scan(self, texts: Sequence[str], folded: Sequence[str]) -> list[Hits | None]:
        """Every hit in each of `texts` (`folded`: their `fold`), None for a text with none:
        one call to the core for a whole document."""
        found: list[_Scan] = self.core.scan(list(texts), list(folded))
        return [None if f is None else Hits(_hit(f[0]), _hit(f[1]),
                                            {t: Hit(*h) for t, h in f[2].items()})
                for f in found]

    def whole_line(self, text: str) -> Hit | None:
        """A hit when the whole line (or every part of a `|`-separated row) is listed."""
        return _hit(self.core.whole_line(text, fold(text)))

    def phrase(self, text: str) -> Hit | None:
        """A hit when a listed phrase occurs in a block short enough for its table."""
        return _hit(self.core.phrase(text, fold(text)))

    def prefix(self, table: str, folded: str) -> Hit | None:
        """A hit when the line, `fold`ed, opens with one of `table`'s prefixes (after
        punctuation, symbols and spaces); `rest` is what follows."""
        return _hit(self.core.prefix(table, folded))

    def suffix(self, table: str, folded: str) -> Hit | None:
        """A hit when the line, `fold`ed, ends with one of `table`'s suffixes as a word of
        its own (before any e-mail address, punctuation and symbols); `rest` is what stands
        before it ("홍길동 기자 hong@example.com": "홍길동")."""
        return _hit(self.core.suffix(table, folded))


def _load() -> dict[str, dict[str, dict[str, list[str] | int]]]:
    root = resources.files("cleaner") / "data" / "lexicon"
    tables = {}
    for entry in root.iterdir():
        if entry.name.endswith(".toml"):
            tables[entry.name[:-5]] = tomllib.loads(entry.read_text(encoding="utf-8"))
    return tables


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The package's lexicon, loaded and compiled on first use."""
    return Lexicon(_load())
