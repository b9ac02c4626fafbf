"""Recognising and parsing date lines ("Jun 18, 2024", "Updated: 18 जून 2024, 10:30 IST")."""

from __future__ import annotations

import unicodedata
import warnings
from datetime import datetime
from functools import lru_cache

import regex

# Cheap gate before the (slow) parser: a year, or a numeric day/month/year.
_DATEISH = regex.compile(
    r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)"
)
# Years of the calendars some scripts' pages are dated by: the Thai solar year, 543 ahead of
# the Gregorian (2567 is 2024), in Thai script; the Persian solar (Solar Hijri) year (1402,
# most of which is 2023), in Arabic script or on a Persian or Pashto page.
_OTHER_YEAR = regex.compile(r"(?<!\d)(?:2[45]\d\d|1[34]\d\d)(?!\d)")
_THAI = regex.compile(r"\p{Thai}")
_ARABIC = regex.compile(r"\p{Arabic}")
#: Languages whose pages write a numeric date in the Persian solar calendar ("1402/12/21").
SOLAR_HIJRI_LANGUAGES = frozenset({"fa", "ps"})
#: The Thai solar era's lead over the Gregorian (2567 BE is 2024 CE).
THAI_ERA_OFFSET = 543


def _dateish(text: str, language: str | None = None) -> bool:
    """`_DATEISH`, or a year of another calendar (`_OTHER_YEAR`) where its script or the
    page's language says the page may date by it."""
    if _DATEISH.search(text):
        return True
    if text.isascii() and language not in SOLAR_HIJRI_LANGUAGES:
        return False
    return bool(_OTHER_YEAR.search(text)) and (
        language in SOLAR_HIJRI_LANGUAGES or bool(_THAI.search(text) or _ARABIC.search(text)))


# Each alternative starts only where a run of white space starts, or where the last match
# ended (\G): the same matches, found in linear time (trying every position inside a long
# run of spaces that ends in no separator made it quadratic; scripts/regex_safety.py).
_SPLIT = regex.compile(r"(?:(?<!\s)|\G)\s*[|•·]\s*|(?:(?<!\s)|\G)\s+[–—]\s+")
# A labelled field after the date ("2024-06-18 10:30 来源：人民网", "18 июня 2024 Источник:
# ТАСС", "June 18, 2024 Source: Reuters"): a word or two of letters and a colon, after a
# space or right after the date's last digit (East Asian lines often have no space). The
# date is what stands before it. Each match starts where a run of white space starts or
# after a digit, so no position inside a run is tried twice.
_LABEL = regex.compile(r"(?:(?<!\s)\s+|(?<=\d))\p{L}[\p{L}\p{M}]{0,19}(?: \p{L}{1,15})?\s?[:：]")
# Trailing time-zone words dateparser does not know ("IST" it does; "hrs", "GMT+5:30" vary).
_TAIL = regex.compile(r"\s*(?:hrs|hours|h)\.?$", regex.IGNORECASE)
#: Longest line taken for a date line.
MAX_DATE_LINE = 80


#: Share of a date line's words that hold digits ("Jun 18, 2024": two of three). Headlines
#: that mention a year ("Election 2024 results") fall below it and skip the slow parser.
MIN_DIGIT_SHARE = 0.3
_WORDS = regex.compile(r"\w+")


def looks_like_date(text: str, language: str | None = None) -> bool:
    """A fast test: short, date-shaped, and made mostly of numbers. A date has a day and a
    year, so a lone year ("Election 2020", "© 2019 Digg") is not one."""
    if len(text) > MAX_DATE_LINE or not _dateish(text, language):
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
# A time of day with its am/pm and a time zone or offset; `{n}` names the groups apart.
_CLOCK = (r"(?P<h{n}>\d{{1,2}}):(?P<mi{n}>\d{{2}})(?::(?P<s{n}>\d{{2}}))?(?:\.\d+)?"
          r"\s*(?P<ap{n}>[ap]\.?m\.?)?\s*"
          r"(?:z[+-]\d{{2}}:?\d{{2}}|(?P<tz{n}>[a-z]{{1,5}})|[+-]\d{{2}}:?\d{{2}})?")
# The unambiguous English, ISO and numeric forms most pages use, parsed without dateparser:
# "June 18, 2024", "Tue, 18 Jun 2024 10:30 pm EDT", "2024-06-18T10:30:00Z", "1:39 am EST,
# Wednesday, November 20, 2019", "November 19, 2019 / 8:16 AM", "20/11/2019 / 11:54 am",
# "2012年01月17日 20:44"; a bullet, a dash or "on" may lead. A numeric date is taken here
# when one reading is possible (a day over 12, or the year first), and in English month
# first, as dateparser reads "05/06/2019". Candidates are at most `MAX_DATE_LINE` long.
# On the 16,409 date candidates of the dev renderings this reads the dates dateparser read
# (two more: a zh date on a page identified as yue, which dateparser has no locale for),
# and dateparser is asked 1,483 times instead of 3,265.
_FAST = regex.compile(
    r"[\s•·|–—*+>»-]*(?:on\s+)?"
    rf"(?:{_CLOCK.format(n=1)},?\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})(?P<sep3>[-/.])(?P<mo3>\d{1,2})(?P=sep3)(?P<d3>\d{1,2})"
    r"|(?P<a4>\d{1,2})(?P<sep4>[-/.])(?P<b4>\d{1,2})(?P=sep4)(?P<y4>\d{4})"
    r"|(?P<y5>\d{4})年(?P<mo5>\d{1,2})月(?P<d5>\d{1,2})日)"
    rf"(?:(?:\s*[,/|•@–—-]\s*|\s+at\s+|\s+|t|(?<=日)){_CLOCK.format(n=2)})?[\s|•·]*",
    regex.IGNORECASE,
)


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    """The time-zone abbreviations dateparser knows ("est", "ist", "z"), casefolded; empty
    when its data is elsewhere (a date with a zone then goes to dateparser)."""
    try:
        from dateparser.timezones import timezone_info_list

        return frozenset(tz[0].casefold() for entry in timezone_info_list
                         for tz in entry["timezones"] if tz[0].isalpha())
    except (ImportError, AttributeError, KeyError, TypeError, IndexError):
        return frozenset()


def _clock_ok(m: regex.Match[str], n: int) -> bool:
    """Whether the time of day named `n` in `m` is absent or one dateparser reads: hours and
    minutes in range (1-12 with am/pm), and before the date a zone it knows (after the date
    any word of two to four letters is taken for one, as it always was here)."""
    hour = m.group(f"h{n}")
    if hour is None:
        return True
    h, top = int(hour), 12 if m.group(f"ap{n}") else 23
    second = m.group(f"s{n}")
    zone = m.group(f"tz{n}")
    return (h <= top and not (top == 12 and h == 0) and int(m.group(f"mi{n}")) <= 59
            and (second is None or int(second) <= 59)
            and (zone is None or (n == 2 and 2 <= len(zone) <= 4)
                 or zone.casefold() in _timezones()))


def _fast_parse(text: str, language: str | None = None) -> datetime | None:
    """`text` read as one of `_FAST`'s forms, or None (then dateparser is asked). A numeric
    date either order reads is month first in English, as dateparser reads it."""
    m = _FAST.fullmatch(text)
    if not m or not (_clock_ok(m, 1) and _clock_ok(m, 2)):
        return None
    if m.group("y3") or m.group("y5"):
        k = "3" if m.group("y3") else "5"
        y, mo, d = int(m.group("y" + k)), int(m.group("mo" + k)), int(m.group("d" + k))
    elif m.group("y4"):
        a, b = int(m.group("a4")), int(m.group("b4"))
        if (a > 12 and b > 12) or (a <= 12 and b <= 12 and a != b and language != "en"):
            return None  # neither order reads, or either does in a language not checked
        y, mo, d = (int(m.group("y4")), b, a) if a > 12 else (int(m.group("y4")), a, b)
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


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=64)
def _locale_dates(languages: tuple[str, ...]
                  ) -> tuple[tuple[regex.Pattern[str], ...], dict[str, int]] | None:
    """Patterns, one a language, for the plainest date lines written with that language's
    own words ("Πέμπτη, 24 Νοεμβρίου 2011, 12:57", "28 ноября 2011 г.", "• 20 Lis 2011"):
    an optional weekday, day, month, year, an optional time, every name from dateparser's
    locale data (dateparser reads a text in one language). Also the month of each name.

    A month name is left out when two of the languages read it differently (es "mar" is a
    weekday, en "mar" a month) or a locale lists it as another word too; a weekday or
    joiner when it is one letter; any of them when it is a month name or a word English's
    locale holds in any role ("an", "year": dateparser reads those as durations in some
    dates). What a
    pattern matches is still only trusted once dateparser has read its words the same way
    (`_words_read_alike`). None when the locale data cannot be read.
    """
    try:
        from dateparser.languages.loader import default_loader

        infos = [default_loader.get_locale(code).info for code in languages]
    except (ImportError, AttributeError, KeyError, TypeError):
        return None
    months: dict[str, set[int]] = {}
    words: list[dict[str, set[str]]] = []
    not_months: set[str] = set()
    for info in infos:
        if info.get("no_word_spacing"):
            return None
        mine: dict[str, set[str]] = {"month": set(), "weekday": set(), "join": set(),
                                     "year": set()}
        for key, value in info.items():
            if not isinstance(value, list):
                continue
            names = {v.casefold() for v in value if isinstance(v, str)}
            if key in _MONTH_KEYS:
                mine["month"] |= names
                for name in names:
                    months.setdefault(name, set()).add(_MONTH_KEYS.index(key) + 1)
                continue
            not_months |= names
            if key in _WEEKDAY_KEYS:
                mine["weekday"] |= names
            elif key == "skip":
                mine["join"] |= {n for n in names if n.isalpha()}
            elif key == "year":
                mine["year"] |= names
        words.append(mine)
    month_of = {name: next(iter(nums)) for name, nums in months.items()
                if len(nums) == 1 and name not in not_months
                and name.replace(".", "").isalpha()}
    english = (_date_vocabulary(("en",)) or (frozenset(), None))[0] | {"year", "y"}

    def alt(names: set[str]) -> str:
        return "|".join(regex.escape(w) for w in sorted(names, key=len, reverse=True)) or "(?!)"

    patterns = []
    for code, mine in zip(languages, words, strict=True):
        names = mine["month"] & month_of.keys()
        if not names:
            continue
        foreign = set() if code == "en" else english
        mon = alt(names)
        wd = alt({w for w in mine["weekday"] - foreign - months.keys() if len(w) > 1})
        join = alt({j for j in mine["join"] - foreign - months.keys() if len(j) > 1})
        year = alt(mine["year"] - english - months.keys())
        ordinal = r"(?P<ord>st|nd|rd|th|\.)?" if code == "en" else r"(?P<ord>\.)?"
        patterns.append(regex.compile(
            r"[\s•·\[(]*"
            rf"(?:(?P<wd>{wd})\.?,?\s+)?"
            rf"(?:(?P<m1>{mon})\.?\s+(?P<d1>\d{{1,2}}){ordinal},?\s+(?P<y1>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}}){ordinal}\s+(?:(?P<j1>{join})\s+)?(?P<m2>{mon})\.?,?\s+"
            rf"(?:(?P<j2>{join})\s+)?(?P<y2>\d{{4}}))"
            rf"(?:\s+(?P<yw>{year})\.?)?"
            rf"(?:,?\s+(?:(?P<j3>{join})\s+)?"
            r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
            r"[\s\])]*",
            regex.IGNORECASE))
    return (tuple(patterns), month_of) if patterns else None


def _locale_parse(text: str, languages: tuple[str, ...] | None) -> datetime | None:
    """`text` read by one of `_locale_dates`' patterns, or None (not that plain, or not
    yet read alike by dateparser: ask dateparser)."""
    if not languages:
        return None
    known = _locale_dates(languages)
    if known is None:
        return None
    patterns, month_of = known
    for rx in patterns:
        m = rx.fullmatch(text)
        if m:
            break
    else:
        return None
    if m.group("h") is not None:
        hour, minute = int(m.group("h")), int(m.group("mi"))
        top = 12 if m.group("ampm") else 23
        if hour > top or minute > 59 or (m.group("s") is not None and int(m.group("s")) > 59):
            return None
    name = (m.group("m1") or m.group("m2")).casefold()
    shape = tuple((g or "").casefold() for g in m.group("wd", "j1", "j2", "yw", "j3", "ord",
                                                        "ampm"))
    if not _words_read_alike(languages, bool(m.group("m1")), name, month_of[name], shape,
                             m.group("h") is not None, m.group("s") is not None):
        return None
    try:
        return datetime(int(m.group("y1") or m.group("y2")), month_of[name],
                        int(m.group("d1") or m.group("d2")))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _words_read_alike(languages: tuple[str, ...], month_first: bool, name: str, month: int,
                      shape: tuple[str, ...], has_time: bool, has_seconds: bool) -> bool:
    """Whether dateparser reads two dates written with exactly these words (weekday, month
    name, joiners, year word, ordinal, am/pm), in this order, with other numbers, as the
    dates they are; then a line with these words is read without asking it.

    Asked once for each combination of a language's date words, so this is knowledge of the
    language (bounded by its locale data), not of pages: a site writes its dates one way.
    """
    wd, j1, j2, yw, j3, ordinal, ampm = shape
    for day, year, hour, minute in ((15, 2001, 11, 57), (5, 2019, 7, 5)):
        parts = [f"{wd}," if wd else ""]
        if month_first:
            parts += [name, f"{day}{ordinal},", str(year)]
        else:
            parts += [f"{day}{ordinal}", j1, name, j2, str(year)]
        parts.append(yw)
        if has_time:
            clock = f"{hour if ampm else hour + 12}:{minute:02d}" + (":30" if has_seconds else "")
            parts += [j3, clock, ampm]
        found = _dateparser(" ".join(p for p in parts if p), languages)
        if found is None or (found.year, found.month, found.day) != (year, month, day):
            return False
    return True


@lru_cache(maxsize=512)
def _parse(text: str, language: str | None) -> datetime | None:
    fast = _fast_parse(text, language)
    if fast is not None:
        return fast
    languages = _dateparser_languages(language)
    fast = _locale_parse(text, languages)
    if fast is not None:
        return fast
    if languages and not _only_date_words(text, languages):
        return None
    has_year = _YEAR.search(text) is not None
    if (not has_year and not _SHORT_DATE.search(text)) or _YEAR_MONTH.fullmatch(text):
        return None  # what dateparser would find is not taken (below), or is never a day
    if languages and not _LETTERS.search(text):
        # A date in figures alone ("12/3/2024") is read in the order of the page's
        # language: asked with English too, dateparser reads it month first whatever the
        # page's language ("12.3.2024" on a German page was 3 December).
        languages = languages[:1]
    found = _dateparser(text, languages)
    if found is None or has_year:
        return found
    return _two_digit_year(text, found)


_YEAR = regex.compile(r"(?<!\d)\d{4}(?!\d)")
# A year and a month in East Asian writing ("2019年4月"): no day, which a date line needs.
_YEAR_MONTH = regex.compile(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*")
_SHORT_DATE = regex.compile(r"(?<![\d.,/-])\d{1,2}([/.-])\d{1,2}\1(\d{2})(?![\d.,/-])")


def _two_digit_year(text: str, found: datetime) -> datetime | None:
    """dateparser's reading of a date written with a two-digit year, in the right century.

    Counting from the year 1 (`_SETTINGS`), dateparser puts "12/9/25" in 1925 and reads a
    rating ("9.5/10") as a date. Only a numeric date with one separator is taken, its year
    read as `strptime`'s %y does: 69-99 in the 1900s, the rest in the 2000s."""
    m = _SHORT_DATE.search(text)
    if m is None:
        return None
    short = int(m.group(2))
    try:
        return found.replace(year=(1900 if short >= 69 else 2000) + short)
    except ValueError:  # 29 February in a year without one
        return None


#: Relative dates ("21 hours ago", and garbage dateparser reads as one: "y_2022, m_11,
#: d_20") are counted from the year 1, so they fall outside the years a date line may
#: state and never depend on the day the page is cleaned.
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
             "RETURN_AS_TIMEZONE_AWARE": False, "RELATIVE_BASE": datetime(1, 1, 1)}


def _dateparser(text: str, languages: tuple[str, ...] | None) -> datetime | None:
    """dateparser's reading of `text` (a full date required), None when it finds none."""
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return dateparser.parse(text, languages=list(languages) if languages else None,
                                    settings=_SETTINGS)  # type: ignore[arg-type]
        except (ValueError, OverflowError, TypeError, AttributeError):
            return None


def _may_hold_a_day(text: str, language: str | None = None) -> bool:
    """A date with a day has a year and at least one more number of one or two digits (the
    day, or the month beside a named day): "2014 – 2029 (million dollars)" or "© 1996-2019"
    never parse with a day required, so they skip the parser."""
    if not _dateish(text, language):
        return False
    numbers = _NUMBERS.findall(text)
    return len(numbers) >= 2 and any(len(n) <= 2 for n in numbers)


_DIGIT = regex.compile(r"\d")


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit written as its ASCII digit ("١٢ مارس ٢٠٢٤" -> "12
    مارس 2024", "२०२४", "２０２４"): pages in Arabic, Persian, Devanagari, Bengali or
    full-width digits write their dates so, and the date forms and dateparser read ASCII
    digits (the same length, so a line's offsets hold)."""
    if text.isascii():
        return text
    return _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def parse_date_line(text: str, language: str | None = None) -> str | None:
    """The ISO date (YYYY-MM-DD) a short date line states, or None.

    Tries the whole line, then each part of a line split on `|`, `•` or a dash, then what
    stands before a labelled field ("2024-06-18 10:30 来源：人民网": the date and its source).
    Digits of any script count (`ascii_digits`).
    """
    text = ascii_digits(text).replace(_THAI_MARCH, "มีนาคม")
    if not looks_like_date(text, language):
        return None
    candidates = [text, *[p for p in _SPLIT.split(text) if p and p != text]]
    label = _LABEL.search(text)
    if label is not None and label.start():
        candidates.append(text[:label.start()])
    for cand in candidates:
        cand = _TAIL.sub("", cand.strip(" ,;:"))
        if not cand or not _may_hold_a_day(cand, language):
            continue
        found = _parse(cand, language)
        if found is None or not 1800 <= found.year <= 2100:
            found = _other_calendar(cand, language)
        if found and 1800 <= found.year <= 2100:
            return found.date().isoformat()
    return None


# A day, a Persian solar month (Iran's names, then the Dari names Afghanistan's pages use;
# "ماه", month, may follow it) and a year: "۲۱ اسفند ۱۴۰۲" (ASCII digits by then).
_SOLAR_MONTHS = {name: i for names in (
    ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
     "بهمن", "اسفند"),
    ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو",
     "حوت")) for i, name in enumerate(names, 1)}
_SOLAR_DATE = regex.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({'|'.join(sorted(_SOLAR_MONTHS, key=len, reverse=True))})"
    r"(?!\p{L})(?:\s+ماه)?(?:\s*،)?\s+(1[34]\d\d)(?!\d)")
_SOLAR_NUMERIC = regex.compile(r"(?<!\d)(1[34]\d\d)([/.-])(\d{1,2})\2(\d{1,2})(?!\d)")
# A day, a lunar Hijri month and a year, "هـ" after it or not: "12 رمضان 1445 هـ". Matched
# in `_ARABIC_FORMS` (one character for one, so that positions hold), which folds the
# spellings of Arabic, Persian and Urdu pages ("جمادى الأولى", "جمادی‌الاول").
_HIJRI_MONTHS = {name: i for i, names in enumerate((
    ("محرم",), ("صفر",), ("ربيع الاول",), ("ربيع الاخر", "ربيع الثاني"),
    ("جمادي الاولي", "جمادي الاول"), ("جمادي الاخره", "جمادي الاخر", "جمادي الثانيه",
                                      "جمادي الثاني"),
    ("رجب",), ("شعبان",), ("رمضان",), ("شوال",),
    ("ذو القعده", "ذي القعده", "ذيقعده", "ذوالقعده"), ("ذو الحجه", "ذي الحجه", "ذيحجه",
                                                    "ذوالحجه")), 1) for name in names}
_ARABIC_FORMS = str.maketrans({"ی": "ي", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه",
                               "\u200c": " "})
_HIJRI_DATE = regex.compile(
    r"(?<!\d)(\d{1,2})\s+("
    + "|".join(regex.escape(n).replace(r"\ ", r"\s*") for n in sorted(_HIJRI_MONTHS, key=len,
                                                                    reverse=True))
    + r")(?!\p{L})(?:\s*،)?\s+(1[34]\d\d)(?!\d)(?:\s*هـ?(?!\p{L}))?")
# What marks a Gregorian year beside a Hijri date ("20 مارس 2024 م").
_AD = regex.compile(r"(?<=\d)\s*م(?!\p{L})")
# dateparser reads the Thai abbreviation of March ("มี.ค.") as January's ("ม.ค.").
_THAI_MARCH = "มี.ค."


def _other_calendar(text: str, language: str | None) -> datetime | None:
    """The Gregorian day a date line in the Thai or the Persian solar calendar states
    ("12 มีนาคม 2567", "۲۱ اسفند ۱۴۰۲", "1402/12/21" on a Persian page), or in the lunar
    Hijri calendar (`_hijri`), or None."""
    if text.isascii() and language not in SOLAR_HIJRI_LANGUAGES:
        return None
    year = _OTHER_YEAR.search(text)
    if year is None:
        return None
    if year.group().startswith("2"):
        if not _THAI.search(text):
            return None
        gregorian = str(int(year.group()) - THAI_ERA_OFFSET)
        text = text[:year.start()] + gregorian + text[year.end():]
        return _parse(text, language or "th")
    m = _SOLAR_DATE.search(text)
    if m is not None:
        y, mo, d = int(m.group(3)), _SOLAR_MONTHS[m.group(2)], int(m.group(1))
    elif language in SOLAR_HIJRI_LANGUAGES and (n := _SOLAR_NUMERIC.search(text)):
        y, mo, d = int(n.group(1)), int(n.group(3)), int(n.group(4))
    else:
        return _hijri(text, language)
    import jdatetime

    try:
        day = jdatetime.date(y, mo, d).togregorian()
    except ValueError:  # no such day (30 Esfand in a common year)
        return None
    return datetime(day.year, day.month, day.day)


def _hijri(text: str, language: str | None) -> datetime | None:
    """The Gregorian day a line dated in the lunar Hijri calendar states ("12 رمضان 1445
    هـ"): the Gregorian date written beside it when there is one ("الأربعاء 12 رمضان 1445
    هـ - 22 مارس 2024 م"; the day a page states, where the Umm al-Qura tables may differ
    from a country's sighting by a day), else the Hijri date converted."""
    m = _HIJRI_DATE.search(text.translate(_ARABIC_FORMS))
    if m is None:
        return None
    rest = _AD.sub("", text[:m.start()] + " " + text[m.end():]).strip(" -–—|،,")
    if _DATEISH.search(rest):
        found = _parse(rest, language)
        if found is not None and 1800 <= found.year <= 2100:
            return found
    from hijridate import Hijri

    try:
        day = Hijri(int(m.group(3)), _HIJRI_MONTHS[regex.sub(r"\s+", " ", m.group(2))],
                    int(m.group(1))).to_gregorian()
    except (ValueError, OverflowError):  # no such day, or outside the tables (1343-1500)
        return None
    return datetime(day.year, day.month, day.day)


def parse_date_part(text: str, language: str | None = None) -> str | None:
    """The ISO date one part of a line states, the line split on `|`, `•` or a dash ("Por
    María López | 12 de marzo de 2024"): for a byline, whose words can outnumber its date's
    so that the whole line fails `looks_like_date` (a headline with a date in it is not
    asked)."""
    text = ascii_digits(text)
    if len(text) > MAX_DATE_LINE or not _dateish(text, language):
        return None
    for part in _SPLIT.split(text):
        if part and part != text and (found := parse_date_line(part, language)):
            return found
    return None
