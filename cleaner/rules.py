"""Junk rules: decide from one block's own text whether it is certain junk, and of what kind.

Every rule returns a `Verdict` with the kind and a reason a person can read. Vocabulary comes
from the lexicon (data); the shapes (a prefix then a headline, a name after "By") live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .dates import parse_date_line
from .features import Features, ends_with_terminal
from .lang import EAST_ASIAN as _CJK
from .lexicon import WEAK_TABLES, Hit, Hits, fold, lexicon

_ONLY_SYMBOLS = regex.compile(r"^[\p{P}\p{S}\p{N}\s]+$")
_URL_ONLY = regex.compile(r"^(?:https?://|www\.)\S+$")
_PAGINATION = regex.compile(
    # Possessive ({2,}+): every number but the last has white space after it, so giving an
    # iteration back never helps, and not trying it keeps a long run of numbers linear.
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of|из|von|de|di|sur|z)\s*\d{1,4})?$|^(?:\d{1,3}\s+){2,}+\d{1,3}$",
    regex.IGNORECASE,
)
_NAME_WORD = regex.compile(r"^[\p{Lu}][\p{L}\p{M}.'’-]*$")
_NAME_JOINERS = frozenset("and & und et y e i и і ve og en van von de der da di del la le bin al "
                          "el ibn".split())
# "Jane Doe | June 18" or "Jane Doe, Reuters": the name is what comes before the separator.
_BYLINE_SPLIT = regex.compile(  # linear: see dates._SPLIT
    r"(?:(?<!\s)|\G)\s*[|•·,]\s*|(?:(?<!\s)|\G)\s+[–—-]\s+")
#: A block with this many words ending like a sentence is prose: a phrase in it is only a hint.
PROSE_WORDS = 12
#: Rules whose verdict holds whatever the block's context: such a line is never article text.
CERTAIN_RULES = frozenset({"shape.no-letters", "shape.pagination", "shape.bare-url"})
#: Longest line taken for an image caption (captions are a sentence or two).
MAX_CAPTION_CHARS = 300
#: Longest line that may be a headline pointed to by "See also ...".
MAX_RELATED_LINK_CHARS = 250


#: What `Lexicon.scan` gives for a text it found nothing in.
NO_HITS = Hits(None, None, {})


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


def _headline_like(rest: str, original: str) -> bool:
    """What follows "See also" is a headline: a handful of words, not a finished sentence."""
    if len(original) > MAX_RELATED_LINK_CHARS:
        return False
    if _CJK.search(rest):
        return 2 <= len(rest) <= 80
    words = rest.split()
    return 2 <= len(words) <= 30 and not original.rstrip().endswith(".")


def _name_like(rest: str) -> bool:
    """A byline's rest: one to a few names ("Jane Doe and John Roe", "Jane Doe, Reuters")."""
    rest = _BYLINE_SPLIT.split(rest, maxsplit=1)[0].strip()
    if not rest:
        return False
    words = rest.split()
    if _CJK.search(rest):
        return len(rest) <= 20
    if not 1 <= len(words) <= 8:
        return False
    cased = [w for w in words if w.casefold() not in _NAME_JOINERS]
    if not cased:
        return False
    if not regex.search(r"\p{Lu}", rest) and not regex.search(r"\p{Ll}", rest):
        return len(words) <= 5  # scripts without case: trust the prefix and the length
    return sum(1 for w in cased if _NAME_WORD.match(w)) / len(cased) >= 0.75


def _original_rest(text: str, hit: Hit) -> str:
    """`hit.rest` in the original casing (case folding rarely changes lengths)."""
    if len(text.casefold()) != len(text) or not hit.rest:
        return hit.rest
    folded = text.casefold()
    pos = folded.rfind(hit.rest)
    return text[pos:pos + len(hit.rest)] if pos >= 0 else hit.rest


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
    return judge_scanned(text, feats, language, lexicon().scan([text], [fold(text)])[0])


def judge_scanned(text: str, feats: Features, language: str | None,
                  hits: Hits | None) -> Verdict | None:
    """`judge`, given what the lexicon found in `text` (`Lexicon.scan`, which takes a whole
    document at once; None when it found nothing)."""
    if hits is None:
        hits = NO_HITS
    # Each shape test below first checks, with string methods, the one thing its regex
    # needs at the start of the line (most lines open with a letter and fail all three).
    if not text[:1].isalpha() and _ONLY_SYMBOLS.match(text):
        if _PAGINATION.match(text.strip()):
            return Verdict("navigation", "pagination numbers", rule="shape.pagination")
        return Verdict("other", "no letters: symbols, numbers or punctuation only",
                       rule="shape.no-letters")
    if text.startswith(("http", "www.")) and _URL_ONLY.match(text):
        return Verdict("navigation", "a bare URL", rule="shape.bare-url")
    stripped = text.strip()
    if (stripped[:1].isdigit() or stripped[:4].lower() == "page") and _PAGINATION.match(stripped):
        return Verdict("navigation", "pagination", rule="shape.pagination")

    hit = hits.line
    if hit is not None:
        if hit.table in WEAK_TABLES:
            return Verdict(hit.kind, f"menu item {hit.phrase!r}", final=False,
                           rule="lexicon.menu-item")
        label = "comments label" if hit.table == "comments_label" else f"{hit.kind} line"
        rule = "lexicon.comments-label" if hit.table == "comments_label" else "lexicon.line"
        return Verdict(hit.kind, f"{label} {hit.phrase!r}" + (f" ({hit.lang})" if hit.lang else ""),
                       rule=rule)

    date = parse_date_line(text, language)
    if date:
        return Verdict("timestamp", f"a date line ({date})", facts=(("published", date),),
                       rule="date-line")

    rel = hits.prefixes.get("related_link")
    if rel is not None and _headline_like(rel.rest, text) and (
            rel.has_sep or len(rel.rest.split()) >= 3 or _CJK.search(rel.rest)):
        return Verdict("related-link", f"{rel.phrase!r} followed by a headline",
                       rule="lexicon.related-prefix")

    if feats.length <= 200:
        by = hits.prefixes.get("byline")
        if by is not None and by.rest:
            rest = _original_rest(text, by)
            if _name_like(rest) and not ends_with_terminal(text.rstrip(".")):
                author = _BYLINE_SPLIT.split(rest, maxsplit=1)[0].strip()
                return Verdict("byline", f"author line ({by.phrase!r} and a name)",
                               facts=(("author", author),), rule="lexicon.byline")
        ts = hits.prefixes.get("timestamp")
        if ts is not None and ts.rest and regex.search(r"\d", ts.rest) and feats.words <= 14:
            iso = parse_date_line(_original_rest(text, ts), language)
            facts = (("published", iso),) if iso else ()
            return Verdict("timestamp", f"{ts.phrase!r} and a date or time", facts=facts,
                           rule="lexicon.timestamp-prefix")
        cr = hits.prefixes.get("credit")
        if cr is not None and cr.rest and (cr.has_sep or feats.words <= 8) and not (
                feats.terminal and not cr.has_sep):
            return Verdict("credit", f"credit line ({cr.phrase!r})", rule="lexicon.credit")

    ph = hits.phrase
    if ph is not None:
        if ph.table in WEAK_TABLES or (feats.terminal and feats.words >= PROSE_WORDS):
            # Inside a full sentence the phrase is a hint: an article may discuss cookies.
            return Verdict(ph.kind, f"contains {ph.phrase!r}", final=False,
                           rule="lexicon.phrase-hint")
        return Verdict(ph.kind, f"contains {ph.phrase!r}" + (f" ({ph.lang})" if ph.lang else ""),
                       rule="lexicon.phrase")
    return None
