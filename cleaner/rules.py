"""Junk rules: decide from one block's own text whether it is certain junk, and of what kind.

Every rule returns a `Verdict` with the kind and a reason a person can read. Vocabulary comes
from the lexicon (data); the shapes (no letters, a bare URL, pagination, a prefix then a
headline, a name after "By") are tested by the compiled core (`src/rules.rs`), which judges
a whole document's blocks in one call; date lines are parsed here (`dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .budget import check
from .dates import parse_date_line, parse_date_part
from .features import Features
from .lexicon import Hit, fold, lexicon

#: Rules whose verdict holds whatever the block's context: such a line is never article text
#: (but a figure without letters, a price or a score, between two kept blocks stays:
#: `labeller.raw_decisions`).
CERTAIN_RULES = frozenset({"shape.no-letters", "shape.pagination", "shape.bare-url"})
#: Longest line taken for an image caption (captions are a sentence or two).
MAX_CAPTION_CHARS = 300


@dataclass(frozen=True)
class Verdict:
    """What a rule decided: the kind of junk, why, and whether context may overrule it."""

    kind: str
    reason: str
    final: bool = True
    #: Extra facts for metadata: {"published": "2024-06-18"} or {"author": "..."}.
    facts: tuple[tuple[str, str], ...] = ()
    #: The rule's stable id (see `RULES`): what code and metrics read, never the reason text.
    rule: str = "other"


@lru_cache(maxsize=1)
def _credit_tail() -> regex.Pattern[str]:
    """A credit in brackets closing a line ("... (Image: Getty)"), from the credit prefixes."""
    prefixes = sorted({p.strip("( ") for p in lexicon().prefix_lang.get("credit", {})}
                      - {""}, key=len, reverse=True)
    alt = "|".join(regex.escape(p) for p in prefixes) or r"(?!)"
    return regex.compile(rf"[(\[]\s*(?:{alt})\s*[:：]?[^()\[\]]{{0,80}}[)\]]\s*$",
                         regex.IGNORECASE)


def caption_like(text: str, next_is_credit: bool) -> bool:
    """An image caption: a line that closes with a bracketed credit, or a short line right
    above a credit line."""
    if len(text) > MAX_CAPTION_CHARS:
        return False
    return next_is_credit or (text.rstrip().endswith((")", "]"))
                              and bool(_credit_tail().search(text)))


def judge(text: str, feats: Features, language: str | None) -> Verdict | None:
    """Certain or likely junk by the block's own text; None when only context can tell."""
    return judge_all([text], [fold(text)], [feats.length], [feats.words], [feats.terminal],
                     language)[0]


def judge_all(texts: list[str], folded: list[str], length: list[int], words: list[int],
              terminal: list[bool], language: str | None) -> list[Verdict | None]:
    """`judge` for each of `texts` (`folded`: their `lexicon.fold`; `length`, `words`,
    `terminal`: those of their measures), in one call to the compiled core
    (`src/rules.rs`); date lines, which the core only flags, are parsed here."""
    found = lexicon().core.judge(texts, folded, length, words, terminal)
    out: list[Verdict | None] = []
    for i, (text, f) in enumerate(zip(texts, found, strict=True)):
        if not i & 255:
            check()  # dates may be parsed below, a few milliseconds each
        out.append(None if f is None else verdict_of(text, f, language))
    return out


def verdict_of(text: str, found: tuple[str, tuple[str, str, str, str, bool] | None, str, bool],
               language: str | None) -> Verdict | None:
    """The verdict on `text` from what the core's rules `found` in it (rule id, lexicon hit,
    extra fact, may be a date line): a date line when it parses as one."""
    rule, hit, extra, maybe_date = found
    date = parse_date_line(text, language) if maybe_date else None
    if date:
        # "By Jane Doe | June 18, 2024": a date line that names its author too.
        author = (("author", extra),) if rule == "lexicon.byline" and extra else ()
        return Verdict("timestamp", f"a date line ({date})",
                       facts=(("published", date), *author), rule="date-line")
    return (_verdict(rule, None if hit is None else Hit(*hit), extra, language, text)
            if rule else None)


#: The shapes' verdicts (the core names pagination in a line of numbers alone apart).
_SHAPES = {
    "shape.pagination-numbers": Verdict("navigation", "pagination numbers",
                                        rule="shape.pagination"),
    "shape.no-letters": Verdict("other", "no letters: symbols, numbers or punctuation only",
                                rule="shape.no-letters"),
    "shape.bare-url": Verdict("navigation", "a bare URL", rule="shape.bare-url"),
    "shape.pagination": Verdict("navigation", "pagination", rule="shape.pagination"),
}


def _verdict(rule: str, hit: Hit | None, extra: str, language: str | None,
             text: str) -> Verdict:
    """The verdict, with its reason, of what the core found in `text` (`rule` and the
    lexicon `hit` behind it; `extra`: a byline's author, a timestamp's rest)."""
    shape = _SHAPES.get(rule)
    if shape is not None or hit is None:
        return shape or Verdict("other", rule, rule=rule)
    phrase, lang = repr(hit.phrase), f" ({hit.lang})" if hit.lang else ""
    if rule == "lexicon.menu-item":
        return Verdict(hit.kind, f"menu item {phrase}", final=False, rule=rule)
    if rule == "lexicon.comments-label":
        return Verdict(hit.kind, f"comments label {phrase}{lang}", rule=rule)
    if rule == "lexicon.line":
        return Verdict(hit.kind, f"{hit.kind} line {phrase}{lang}", rule=rule)
    if rule == "lexicon.related-prefix":
        return Verdict("related-link", f"{phrase} followed by a headline", rule=rule)
    if rule == "lexicon.byline":
        # A byline may carry the date too ("Por María López | 12 de marzo de 2024").
        iso = parse_date_part(text, language)
        # The listed word before the name ("By Jane Doe") or after it ("홍길동 기자").
        folded = fold(text)
        named = (f"{phrase} and a name" if folded.find(hit.phrase) < folded.rfind(hit.rest)
                 else f"a name and {phrase}")
        return Verdict("byline", f"author line ({named})",
                       facts=(("author", extra), *((("published", iso),) if iso else ())),
                       rule=rule)
    if rule == "lexicon.timestamp-prefix":
        iso = parse_date_line(extra, language)
        return Verdict("timestamp", f"{phrase} and a date or time",
                       facts=(("published", iso),) if iso else (), rule=rule)
    if rule == "lexicon.credit":
        return Verdict("credit", f"credit line ({phrase})", rule=rule)
    if rule == "lexicon.phrase-hint":
        return Verdict(hit.kind, f"contains {phrase}", final=False, rule=rule)
    return Verdict(hit.kind, f"contains {phrase}{lang}", rule=rule)
