"""Junk vocabulary: loads `data/lexicon/*.toml` once and matches a block's text against it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

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
    "newsletter", "comments", "navigation",
)
# When a block holds phrases of several tables, the first table here wins.
_PHRASE_PRIORITY = ("cookie_notice", "comments", "newsletter", "advertisement", "legal",
                    "credit", "share", "section_label", "comments_label", "navigation",
                    "related_link", "byline", "timestamp")
#: Tables whose entries are hints, not verdicts: such a line between paragraphs survives.
WEAK_TABLES = frozenset({"navigation"})
#: Longest line looked up whole (labels, menu items, buttons are short).
MAX_LINE_CHARS = 100

_NON_WORD = regex.compile(r"[^\p{L}\p{M}']+")
_CJK_END = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]$")
_ROW_SPLIT = regex.compile(r"\s*[|•·»›/]\s*|\s{2,}|\s+[-–—]\s+")
_SEP = r"[\s\p{Zs}]*[:|»›>\-–—：｜]+"
# What a prefix regex may skip before the prefix itself (its leading class).
_LEAD = regex.compile(r"[\p{P}\p{S}\s]*")


def line_head(folded: str) -> str:
    """`folded` past its leading punctuation, symbols and spaces: where a prefix must start."""
    return folded[_LEAD.match(folded).end():]  # type: ignore[union-attr]


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


class Lexicon:
    """All languages' junk vocabulary, compiled for matching."""

    def __init__(self, tables: dict[str, dict[str, dict[str, list[str] | int]]]) -> None:
        self.lines: dict[str, tuple[str, str]] = {}
        self.share_words: set[str] = set()
        self.share_strong: set[str] = set()
        phrases: dict[str, list[tuple[str, str]]] = {}
        prefixes: dict[str, list[tuple[str, str, bool]]] = {}
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
                if table == "share":
                    self.share_words.update(line_key(str(w)) for w in entry.get("words", []))  # type: ignore[union-attr]
                    self.share_strong.update(line_key(str(w)) for w in entry.get("strong", []))  # type: ignore[union-attr]
                if "max_chars" in entry:
                    self.max_chars[table] = max(self.max_chars.get(table, 0),
                                                int(entry["max_chars"]))  # type: ignore[arg-type]
        # Phrases are found token by token (a dict lookup a token), not by one big regex
        # alternation, which costs a scan per phrase; symbol-only phrases ("©") by substring.
        self.phrase_index: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
        self.symbol_phrases: list[tuple[str, str, str]] = []
        for table, plist in phrases.items():
            for phrase, lang in plist:
                toks = tuple(tokens(phrase))
                if toks:
                    self.phrase_index.setdefault(toks[0], []).append((toks, table, phrase, lang))
                else:
                    self.symbol_phrases.append((phrase, table, lang))
        self.max_phrase_chars = max(self.max_chars.values(), default=300)
        self.prefix_res = {t: _prefix_regex(ps) for t, ps in prefixes.items()}
        self.prefix_lang = {t: {p: lang for p, lang, _ in ps} for t, ps in prefixes.items()}
        # A prefix regex tries every alternative at the line's start; most lines begin with
        # none of them. A line can only match when its head starts with the first few
        # characters of some prefix's own head, which a set lookup or four tell.
        self.prefix_starts = {t: _starts(p for p, _, _ in ps) for t, ps in prefixes.items()}

    def whole_line(self, text: str) -> Hit | None:
        """A hit when the whole line (or every part of a `|`-separated row) is listed."""
        if len(text) > MAX_LINE_CHARS:
            return None
        key = line_key(text)
        if not key:
            return None
        found = self.lines.get(key)
        if found:
            return Hit(found[0], key, found[1])
        words = key.split()
        if (len(words) <= 15 and self.share_strong.intersection(words)
                and all(w in self.share_words for w in words)):
            return Hit("share", key, "")
        pieces = _ROW_SPLIT.split(text)
        if len(pieces) < 2:  # not a row of several items
            return None
        parts = [k for k in map(line_key, pieces) if k]
        if len(parts) >= 2 and all(p in self.lines for p in parts):
            tables = [self.lines[p][0] for p in parts]
            best = min(tables, key=_LINE_PRIORITY.index)
            if best in ("comments_label", "section_label"):
                best = "navigation"  # a row of several labels is a menu
            return Hit(best, key, self.lines[parts[0]][1])
        return None

    def phrase(self, text: str, folded: str, toks: Sequence[str] | None = None) -> Hit | None:
        """A hit when a listed phrase occurs in a block short enough for its table. `toks`
        are `tokens(text)` when the caller has them (`tokens(folded)` is derived)."""
        n = len(text)
        if n > self.max_phrase_chars:
            return None
        found: list[Hit] = []
        for phrase, table, lang in self.symbol_phrases:
            if n <= self.max_chars.get(table, 300) and phrase in folded:
                found.append(Hit(table, phrase, lang))
        if toks is None:
            toks = tokens(folded)
        elif "’" in text:
            toks = [t.replace("’", "'") for t in toks]
        index = self.phrase_index
        for i, tok in enumerate(toks):
            for ptoks, table, phrase, lang in index.get(tok, ()):
                if (n <= self.max_chars.get(table, 300)
                        and tuple(toks[i:i + len(ptoks)]) == ptoks and phrase in folded):
                    found.append(Hit(table, phrase, lang))
        if not found:
            return None
        return min(found, key=lambda h: _PHRASE_PRIORITY.index(h.table))

    def prefix(self, table: str, folded: str, head: str | None = None) -> Hit | None:
        """A hit when the line opens with one of `table`'s prefixes; `rest` is what follows.
        `head` is `line_head(folded)` when the caller has it."""
        rx = self.prefix_res.get(table)
        if rx is None:
            return None
        starts = self.prefix_starts[table]
        if starts is not None:
            if head is None:
                head = line_head(folded)
            if not any(head[:k] in keys for k, keys in starts):
                return None
        m = rx.match(folded)
        if not m:
            return None
        phrase = m.group("p") or m.group("q")
        has_sep = bool(m.group("sep")) or m.group("q") is not None
        rest = folded[m.end():].strip(" :|»›>-–—：｜.,")
        return Hit(table, phrase, self.prefix_lang[table].get(phrase, ""), rest, has_sep)


#: How many characters of a line's head the prefix pre-check compares.
_START_CHARS = 4


def _starts(prefixes: Iterable[str]) -> tuple[tuple[int, frozenset[str]], ...] | None:
    """For the pre-check: the first `_START_CHARS` characters of each prefix's head (all of
    a shorter head), grouped by length; None when some prefix is all punctuation, so that
    no line can be ruled out cheaply. A line can match only if its head starts with one."""
    by_length: dict[int, set[str]] = {}
    for p in prefixes:
        head = line_head(p)
        if not head:
            return None
        key = head[:_START_CHARS]
        by_length.setdefault(len(key), set()).add(key)
    return tuple((k, frozenset(keys)) for k, keys in sorted(by_length.items()))


def _prefix_regex(prefixes: list[tuple[str, str, bool]]) -> regex.Pattern[str]:
    free = sorted({p for p, _, sep in prefixes if not sep}, key=len, reverse=True)
    need = sorted({p for p, _, sep in prefixes if sep}, key=len, reverse=True)
    # A free prefix must end at a word boundary (unless it ends in a CJK character).
    free_alt = "|".join(
        regex.escape(p) + ("" if _CJK_END.search(p) else r"(?![\p{L}\p{M}\p{N}])") for p in free
    ) or r"(?!)"
    need_alt = "|".join(regex.escape(p) for p in need) or r"(?!)"
    return regex.compile(
        rf"[\p{{P}}\p{{S}}\s]*(?:(?P<p>{free_alt})(?P<sep>{_SEP})?|(?P<q>{need_alt}){_SEP})"
    )


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
