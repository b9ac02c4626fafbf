"""Recognising and parsing date lines ("Jun 18, 2024", "Updated: 18 जून 2024, 10:30 IST")."""

from __future__ import annotations

import warnings
from datetime import datetime
from functools import lru_cache

import regex

# Cheap gate before the (slow) parser: a year, or a numeric day/month/year.
_DATEISH = regex.compile(
    r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)"
)
_SPLIT = regex.compile(r"\s*[|•·]\s*|\s+[–—]\s+")
# Trailing time-zone words dateparser does not know ("IST" it does; "hrs", "GMT+5:30" vary).
_TAIL = regex.compile(r"\s*(?:hrs|hours|h)\.?$", regex.IGNORECASE)
#: Longest line taken for a date line.
MAX_DATE_LINE = 80


#: Share of a date line's words that hold digits ("Jun 18, 2024": two of three). Headlines
#: that mention a year ("Election 2024 results") fall below it and skip the slow parser.
MIN_DIGIT_SHARE = 0.3
_WORDS = regex.compile(r"\w+")


def looks_like_date(text: str) -> bool:
    """A fast test: short, date-shaped, and made mostly of numbers. A date has a day and a
    year, so a lone year ("Election 2020", "© 2019 Digg") is not one."""
    if len(text) > MAX_DATE_LINE or not _DATEISH.search(text):
        return False
    words = _WORDS.findall(text)
    numeric = sum(1 for w in words if any(c.isdigit() for c in w))
    return numeric >= MIN_DIGIT_SHARE * len(words) and (
        len(_NUMBERS.findall(text)) >= 2)


_NUMBERS = regex.compile(r"\d+")
_MONTHS = {m: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# The unambiguous English and ISO forms most pages use, parsed without dateparser:
# "June 18, 2024", "Tue, 18 Jun 2024 10:30 pm EDT", "2024-06-18T10:30:00Z".
_FAST = regex.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<mo3>\d{1,2})-(?P<d3>\d{1,2}))"
    r"(?:(?:,?\s+(?:at\s+)?|t)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|[a-z]{2,4}|[+-]\d{2}:?\d{2})?)?\s*",
    regex.IGNORECASE,
)


def _fast_parse(text: str) -> datetime | None:
    m = _FAST.fullmatch(text)
    if not m:
        return None
    if m.group("y3"):
        y, mo, d = int(m.group("y3")), int(m.group("mo3")), int(m.group("d3"))
    else:
        month = (m.group("m1") or m.group("m2")).casefold()
        y, mo, d = int(m.group("y1") or m.group("y2")), _MONTHS[month], int(
            m.group("d1") or m.group("d2"))
    try:
        return datetime(y, mo, d)
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _dateparser_languages(language: str | None) -> tuple[str, ...] | None:
    """The languages dateparser is told to read a date in: the page's and English."""
    if not language:
        return None
    from dateparser.data.languages_info import language_order

    known = set(language_order)
    return tuple(dict.fromkeys(c for c in (language, "en") if c in known)) or None


_LETTERS = regex.compile(r"\p{L}+")


@lru_cache(maxsize=64)
def _date_vocabulary(languages: tuple[str, ...]
                     ) -> tuple[frozenset[str], regex.Pattern[str]] | None:
    """Every word dateparser's locale data holds for `languages` (month and day names, "at",
    "ago"...) plus time-zone names, and one pattern of the locales' word simplifications;
    None when this dateparser keeps its locale data elsewhere (every text is then tried)."""
    try:
        return _read_vocabulary(languages)
    except (ImportError, AttributeError, KeyError, TypeError, regex.error):
        return None


def _read_vocabulary(languages: tuple[str, ...]) -> tuple[frozenset[str], regex.Pattern[str]]:
    from dateparser.languages.loader import default_loader
    from dateparser.timezones import timezone_info_list

    words: set[str] = set()
    patterns: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            words.update(_LETTERS.findall(value.casefold()))
        elif isinstance(value, dict):
            for k, v in value.items():
                collect(k)
                collect(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                collect(v)

    for code in languages:
        info = default_loader.get_locale(code).info
        collect(info)
        for simplification in info.get("simplifications", []):
            patterns.extend(simplification)
    for entry in timezone_info_list:
        collect(entry.get("timezones", []))
    rx = regex.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", regex.IGNORECASE)
    return frozenset(words), rx


def _only_date_words(text: str, languages: tuple[str, ...]) -> bool:
    """False when `text` holds a word dateparser cannot know in `languages` ("Updated",
    "Reuters", "Admin"): it then finds no locale for the text and returns nothing, after a
    millisecond of work. Single letters ("T", "Z" in ISO times) are let through."""
    vocabulary = _date_vocabulary(languages)
    if vocabulary is None:
        return True
    words, simplified = vocabulary
    return all(len(w) < 2 or w in words or simplified.fullmatch(w)
               for w in _LETTERS.findall(text.casefold()))


@lru_cache(maxsize=512)
def _parse(text: str, language: str | None) -> datetime | None:
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    import dateparser

    languages = _dateparser_languages(language)
    if languages and not _only_date_words(text, languages):
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return dateparser.parse(text, languages=list(languages) if languages else None,
                                    settings=settings)  # type: ignore[arg-type]
        except (ValueError, OverflowError, TypeError, AttributeError):
            return None


def _may_hold_a_day(text: str) -> bool:
    """A date with a day has a year and at least one more number of one or two digits (the
    day, or the month beside a named day): "2014 – 2029 (million dollars)" or "© 1996-2019"
    never parse with a day required, so they skip the parser."""
    if not _DATEISH.search(text):
        return False
    numbers = _NUMBERS.findall(text)
    return len(numbers) >= 2 and any(len(n) <= 2 for n in numbers)


def parse_date_line(text: str, language: str | None = None) -> str | None:
    """The ISO date (YYYY-MM-DD) a short date line states, or None.

    Tries the whole line, then each part of a line split on `|`, `•` or a dash.
    """
    if not looks_like_date(text):
        return None
    candidates = [text, *[p for p in _SPLIT.split(text) if p and p != text]]
    for cand in candidates:
        cand = _TAIL.sub("", cand.strip(" ,;:"))
        if not cand or not _may_hold_a_day(cand):
            continue
        found = _parse(cand, language)
        if found and 1800 <= found.year <= 2100:
            return found.date().isoformat()
    return None
