"""The compiled junk rules (`src/rules.rs`, through `cleaner.rules.judge_all`) against the
Python rules they replaced, kept here as the reference: the same verdict (kind, reason,
rule id, facts, finality) for any text, real lines and lexicon entries included."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.dates import parse_date_line, parse_date_part
from cleaner.features import Features, compute, ends_with_terminal, measure
from cleaner.lang import EAST_ASIAN as _CJK
from cleaner.lang import stopwords
from cleaner.lexicon import WEAK_TABLES, Hit, Hits, fold, lexicon
from cleaner.rules import Verdict, judge, judge_all

from .test_measure_lexicon import ENTRIES, _lexicon_like, _seed_lines

# --- the reference -------------------------------------------------------------------------

_ONLY_SYMBOLS = regex.compile(r"^[\p{P}\p{S}\p{N}\s]+$")
_URL_ONLY = regex.compile(r"^(?:https?://|www\.)\S+$")
_PAGINATION = regex.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of|из|von|de|di|sur|z)\s*\d{1,4})?$|^(?:\d{1,3}\s+){2,}+\d{1,3}$",
    regex.IGNORECASE,
)
_NAME_WORD = regex.compile(r"^[\p{Lu}][\p{L}\p{M}.'’-]*$")
_NAME_JOINERS = frozenset("and & und et y e i и і ve og en van von de der da di del la le bin al "
                          "el ibn".split())
_BYLINE_SPLIT = regex.compile(
    r"(?:(?<!\s)|\G)\s*[|•·,]\s*|(?:(?<!\s)|\G)\s+[–—-]\s+")
PROSE_WORDS = 12
MAX_RELATED_LINK_CHARS = 250
NO_HITS = Hits(None, None, {})


def _headline_like(rest: str, original: str) -> bool:
    if len(original) > MAX_RELATED_LINK_CHARS:
        return False
    if _CJK.search(rest):
        return 2 <= len(rest) <= 80
    words = rest.split()
    return 2 <= len(words) <= 30 and not original.rstrip().endswith(".")


def _name_like(rest: str) -> bool:
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
        return len(words) <= 5
    return sum(1 for w in cased if _NAME_WORD.match(w)) / len(cased) >= 0.75


def _original_rest(text: str, hit: Hit) -> str:
    if len(text.casefold()) != len(text) or not hit.rest:
        return hit.rest
    folded = text.casefold()
    pos = folded.rfind(hit.rest)
    return text[pos:pos + len(hit.rest)] if pos >= 0 else hit.rest


def reference(text: str, feats: Features, language: str | None) -> Verdict | None:
    """The Python rules as they were (`cleaner.rules.judge_scanned`, 2026-12-02)."""
    hits = lexicon().scan([text], [fold(text)])[0] or NO_HITS
    if not text[:1].isalpha() and _ONLY_SYMBOLS.match(text):
        if _PAGINATION.match(text.strip()):
            return Verdict("navigation", "pagination numbers", rule="shape.pagination")
        # Since 2026-12-07 (session 51) a date in figures is a date line.
        date = parse_date_line(text, language)
        if date:
            return Verdict("timestamp", f"a date line ({date})", facts=(("published", date),),
                           rule="date-line")
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
    rel = hits.prefixes.get("related_link")
    related = rel is not None and _headline_like(rel.rest, text) and bool(
        rel.has_sep or len(rel.rest.split()) >= 3 or _CJK.search(rel.rest))
    by, author = hits.prefixes.get("byline"), None
    if not related and feats.length <= 200 and by is not None and by.rest:
        rest = _original_rest(text, by)
        if _name_like(rest) and not ends_with_terminal(text.rstrip(".")):
            author = _BYLINE_SPLIT.split(rest, maxsplit=1)[0].strip()
    named = f"{by.phrase!r} and a name" if by is not None else ""
    if not related and feats.length <= 200 and author is None:
        # Since 2026-12-07 (session 51) a name and a listed suffix ("홍길동 기자") too.
        by = lexicon().suffix("byline", fold(text))
        if by is not None:
            rest = _original_rest(text, by)
            if len(rest.split()) <= 2 and _name_like(rest):
                author = _BYLINE_SPLIT.split(rest, maxsplit=1)[0].strip()
                named = f"a name and {by.phrase!r}"
    date = parse_date_line(text, language)
    if date:
        # Since 2026-12-07 a byline's date line names its author too.
        named = (("author", author),) if author else ()
        return Verdict("timestamp", f"a date line ({date})",
                       facts=(("published", date), *named), rule="date-line")
    if related:
        return Verdict("related-link", f"{rel.phrase!r} followed by a headline",
                       rule="lexicon.related-prefix")
    if feats.length <= 200:
        if author is not None:
            # Since 2026-12-07 with the date one of its parts states, if any.
            iso = parse_date_part(text, language)
            return Verdict("byline", f"author line ({named})",
                           facts=(("author", author), *((("published", iso),) if iso else ())),
                           rule="lexicon.byline")
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
            return Verdict(ph.kind, f"contains {ph.phrase!r}", final=False,
                           rule="lexicon.phrase-hint")
        return Verdict(ph.kind, f"contains {ph.phrase!r}" + (f" ({ph.lang})" if ph.lang else ""),
                       rule="lexicon.phrase")
    return None


def _agree(texts: list[str], language: str | None = "en") -> None:
    """One call of the core over `texts` gives, text by text, the reference's verdicts."""
    stops = stopwords(language)
    feats = measure(texts, [t.casefold() for t in texts], stops)
    got = judge_all(texts, [fold(t) for t in texts], [f.length for f in feats],
                    [f.words for f in feats], [f.terminal for f in feats], language)
    for text, f, verdict in zip(texts, feats, got, strict=True):
        assert verdict == reference(text, f, language), text


# --- examples ------------------------------------------------------------------------------

#: Lines in the shapes the rules look for, and near misses.
CASES = [
    "1 2 3 4 5", "Page 2 of 14", "page 3", "« 1 2 3 »", "12 / 40", "—", "2024", "1 2 3 a",
    "https://example.org/a?b=c", "www.example.org", "https://example.org and more",
    "See also: The council votes on the budget", "See also: budget", "Read more » Ten things",
    "Related: 市议会投票", "By Jane Doe", "By Jane Doe, Reuters", "By Jane Doe | June 18, 2024",
    "By Jane Doe - Reuters", "By the way, this is a sentence.", "by jane doe and john roe",
    "By O’Neil McCarthy", "Von Jürgen STRAẞE", "Posted on June 18, 2024", "Updated: 10:30 IST",
    "Published 18.06.2024 10:30", "Photo: AP", "Photo: Getty Images / Jane Doe",
    "Image credit Reuters.", "June 18, 2024", "18 जून 2024, 10:30 IST", "Tue, 18 Jun 2024",
    "We use cookies to improve your experience.", "Share on Facebook", "Home", "Comments",
    "This article mentions that we use cookies to track visitors in a long enough sentence.",
    "© 2024 Example Media. All rights reserved.", "Subscribe to our newsletter",
    "Leave a comment", "Advertisement", "Jane Doe\u001f, Reuters", "Ⅻ", "² 3",
    "28.11.2011 16:08", "2018-08-16", "12/3/2024", "12.03.2024", "1.2.3", "2024",
    "홍길동 기자", "마리아 로페스 기자 maria@example.com", "[서울=뉴시스] 홍길동 기자",
    "북한에 억류된 미국 기자", "대통령 기자회견", "홍길동·김철수 기자", "홍길동 기자 2024.03.12",
]


def test_core_matches_the_reference_on_cases():
    _agree(CASES)
    _agree(CASES, None)
    _agree(CASES, "de")


def test_core_matches_the_reference_on_real_lines():
    _agree(_seed_lines())
    _agree(ENTRIES)
    _agree([e.title() for e in ENTRIES])
    _agree([f"{p} Jane Doe" for p in ENTRIES[::4]] + [f"{p}: 12 June 2024" for p in ENTRIES[::4]])


_PIECES = st.sampled_from([" ", "  ", "\u00a0", "|", "•", "·", ",", "-", "–", "—", ":", ".",
                           "1", "12", "2024", "page", "of", "/", "By", "Jane", "DOE", "and",
                           "See also", "Photo", "’", "中文", "Updated", "June", "http://x.y",
                           "05", "1899", "١٢", "٢٠١٩", "१९", "²", "기자", "홍길동", "a@b.c"])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_lexicon_like(), st.lists(_PIECES, max_size=12).map("".join),
                          st.text(max_size=30)), min_size=1, max_size=8))
def test_core_matches_the_reference_on_any_text(texts):
    _agree([t for t in texts if t])


def test_one_text_alone_is_judged_as_in_a_document():
    for text in CASES:
        f = compute(text, stopwords("en"))
        assert judge(text, f, "en") == reference(text, f, "en")
