"""Date lines: which lines are read as dates, and which never reach the (slow) parser."""

from __future__ import annotations

import datetime

import dateparser
import pytest

from cleaner import dates
from cleaner.dates import parse_date_line


@pytest.fixture
def parser_calls(monkeypatch):
    """Count what reaches dateparser, with the per-text cache emptied before and after."""
    calls: list[str] = []
    real = dateparser.parse

    def spy(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(dateparser, "parse", spy)
    dates._parse.cache_clear()
    dates._words_read_alike.cache_clear()
    yield calls
    dates._parse.cache_clear()
    dates._words_read_alike.cache_clear()


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("June 18, 2024", "en", "2024-06-18"),
    ("Tue, 18 Jun 2024 10:30 pm EDT", "en", "2024-06-18"),
    ("2024-06-18T10:30:00Z", None, "2024-06-18"),
    ("3/5/2026", "en", "2026-03-05"),
    ("14 stycznia 2012", "pl", "2012-01-14"),
    ("24 сентября 2018", "ru", "2018-09-24"),
    ("sexta-feira, 22 de outubro de 2010 às 20:13", "pt", "2010-10-22"),
    ("Jane Doe | June 18, 2024", "en", "2024-06-18"),
    # A labelled field after the date: its source, its author.
    ("2024年06月18日 10:30 来源：新华网", "zh", "2024-06-18"),
    ("2012-01-16 14:55:58\u3000来源: 南方日报", "zh", "2012-01-16"),
    ("2024-06-18 10:30来源：人民网", "zh", "2024-06-18"),
    ("18 июня 2024 Источник: ТАСС", "ru", "2024-06-18"),
    ("2012-01-03 06:34 Źródło: PAP", "pl", "2012-01-03"),
    ("June 18, 2024 Source: Reuters", "en", "2024-06-18"),
])
def test_date_lines_are_read(line, language, iso):
    assert parse_date_line(line, language) == iso


@pytest.mark.parametrize("line", [
    "Election 2024 results",        # a lone year
    "© 1996-2019 News Communication",  # two years, no day
    "BMW Seria 3 2003 r., poj. 2000 cm3",
])
def test_lines_without_a_day_skip_the_parser(line, parser_calls):
    assert parse_date_line(line, "en") is None
    assert parser_calls == []


def test_a_word_no_locale_knows_skips_the_parser(parser_calls):
    # dateparser finds no locale for "Reuters" and returns None: it is not asked.
    assert parse_date_line("Reuters November 18, 2019 11:03 PM", "en") is None
    assert "Reuters November 18, 2019 11:03 PM" not in parser_calls
    # Only weekday, month, day-period and time-zone words: the parser is asked, and reads it.
    assert parse_date_line("Fri 6:45 PM, Feb 16, 2018", "en") == "2018-02-16"
    assert "Fri 6:45 PM, Feb 16, 2018" in parser_calls


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("1:39 am EST, Wednesday, November 20, 2019", "en", "2019-11-20"),
    ("November 19, 2019 / 8:16 AM", "en", "2019-11-19"),
    ("November 20th, 2019 - 07:29 GMT", "en", "2019-11-20"),
    ("- November 20, 2019, 10:54 am", "en", "2019-11-20"),
    ("11:11 PM EST Nov 19, 2019", "en", "2019-11-19"),
    ("20/11/2019 / 11:54 am", "en", "2019-11-20"),
    ("11/19/2025", "en", "2025-11-19"),
    ("11.14.2019 09:00 AM", "en", "2019-11-14"),
    ("on 2019-04-20", "en", "2019-04-20"),
    ("2012年01月17日 20:44", "zh", "2012-01-17"),
])
def test_plain_forms_are_read_without_the_parser_as_it_reads_them(parser_calls, line,
                                                                   language, iso):
    assert parse_date_line(line, language) == iso
    assert not parser_calls
    # dateparser itself reads the same day.
    found = dates._dateparser(line, dates._dateparser_languages(language))
    assert found.date().isoformat() == iso


@pytest.mark.parametrize(("line", "language", "iso"), [
    # Either order reads: outside English the page's language's order, day first in German
    # (until 2026-12-07 dateparser was asked in English too, and read it month first).
    ("05/06/2019", "de", "2019-06-05"),
    ("12/3/2024", "vi", "2024-03-12"),
    ("12.03.2024", "ru", "2024-03-12"),
    ("25:39, November 20, 2019", "en", None),  # no such hour
    ("Nov 18, 2019 @17:19 PM", "en", "2019-11-18"),  # 17 pm: dateparser reads it anyway
])
def test_forms_the_fast_path_cannot_settle_go_to_the_parser(parser_calls, line, language,
                                                             iso):
    assert parse_date_line(line, language) == iso
    assert line in parser_calls


def test_an_english_numeric_date_either_order_reads_is_month_first_as_dateparser_reads_it(
        parser_calls):
    assert parse_date_line("05/06/2019", "en") == "2019-05-06"
    assert not parser_calls
    assert dates._dateparser("05/06/2019", ("en",)).date().isoformat() == "2019-05-06"


def test_the_gate_uses_the_page_language_words(parser_calls):
    assert parse_date_line("10 апреля 2013, Среда, 10:20", "ru") == "2013-04-10"
    assert parser_calls  # Russian month and weekday names are known words


def test_without_dateparser_locale_data_every_text_is_tried(monkeypatch, parser_calls):
    # Another dateparser might keep its locale data elsewhere: the gate then lets all through.
    import dateparser.languages.loader as loader

    dates._date_vocabulary.cache_clear()
    dates._locale_dates.cache_clear()
    monkeypatch.delattr(loader, "default_loader")
    try:
        assert parse_date_line("Reuters November 18, 2019 11:03 PM", "en") is None
        assert "Reuters November 18, 2019 11:03 PM" in parser_calls
        # Nor is there a table of month names: plain lines go to dateparser too.
        assert parse_date_line("Πέμπτη, 24 Νοεμβρίου 2011", "el") == "2011-11-24"
        assert "Πέμπτη, 24 Νοεμβρίου 2011" in parser_calls
    finally:
        dates._date_vocabulary.cache_clear()
        dates._locale_dates.cache_clear()


@pytest.mark.parametrize(("lines", "language", "iso"), [
    (["Πέμπτη, 24 Νοεμβρίου 2011, 12:57:51", "Πέμπτη, 1 Νοεμβρίου 2012, 09:03:12"], "el",
     ["2011-11-24", "2012-11-01"]),
    (["28 ноября 2011 г.", "3 сентября 2019 г."], "ru", ["2011-11-28", "2019-09-03"]),
    (["• 20 Lis 2011", "• 2 Lis 2012"], "pl", ["2011-11-20", "2012-11-02"]),
    (["sexta-feira, 22 de outubro de 2010 às 20:13", "sexta-feira, 1 de março de 2019 às 08:01"],
     "pt", ["2010-10-22", "2019-03-01"]),
])
def test_plain_date_lines_in_a_language_are_read_without_the_parser(lines, language, iso,
                                                                    parser_calls):
    """A line made of one language's own date words (weekday, day, month name, year, time)
    is read from the locale's names once dateparser has read that choice of words right
    twice; no line itself reaches it."""
    assert [parse_date_line(line, language) for line in lines] == iso
    assert not set(lines) & set(parser_calls)


def test_a_month_name_two_languages_read_differently_is_left_to_the_parser():
    # Spanish "mar" is Tuesday (martes), English "mar" March: dateparser decides.
    known = dates._locale_dates(dates._dateparser_languages("es"))
    assert known is not None and "mar" not in known[1]
    assert dates._locale_parse("5 mar 2020", ("es", "en")) is None


_AGREEMENT_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ru", "uk", "el",
                        "tr", "hi", "te", "sv", "fi", "hu", "ro", "id", "vi")


def test_what_the_locale_patterns_read_dateparser_reads_alike():
    """On date lines built from each language's locale words (random but fixed), whatever
    the fast path reads, dateparser reads as the same day. (Run over every locale with more
    lines by hand; this is a sample.)"""
    import random

    from dateparser.languages.loader import default_loader

    rng = random.Random(7)
    read = 0
    for code in _AGREEMENT_LANGUAGES:
        languages = dates._dateparser_languages(code)
        info = default_loader.get_locale(code).info
        months = [(name, i) for i, key in enumerate(dates._MONTH_KEYS, 1)
                  for name in info[key] if name.casefold() in dates._locale_dates(languages)[1]]
        weekdays = [w for key in dates._WEEKDAY_KEYS for w in info[key]]
        for name, month in rng.sample(months, min(3, len(months))):
            day, year = rng.randint(1, 28), rng.randint(1990, 2030)
            clock = f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}"
            for line in (f"{day} {name} {year}", f"• {name} {day}, {year}",
                         f"{rng.choice(weekdays)}, {day} {name} {year}, {clock}"):
                fast = dates._locale_parse(line, languages)
                if fast is None:
                    continue
                read += 1
                parsed = dates._dateparser(line, languages)
                assert parsed is not None and parsed.date() == fast.date() == datetime.date(
                    year, month, day), line
    assert read >= 60


def test_what_dateparser_reads_as_relative_is_no_date():
    # dateparser reads this tracking string as "so long ago", counted from now: a
    # published date that changed every day. Relative readings are not date lines.
    assert parse_date_line("• y_2022, m_11, d_20, h_21", "en") is None


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("12/9/25 11:01 PM", "en", "2025-12-09"),
    ("7/9/05 7:57 PM", "en", "2005-07-09"),
    ("Σάββατο, 14/01/12", "el", "2012-01-14"),
    ("12/01/99", "en", "1999-12-01"),
])
def test_a_two_digit_year_is_in_the_century_strptime_gives_it(line, language, iso):
    # dateparser, counting from the year 1, put these in the 1900s.
    assert parse_date_line(line, language) == iso


def test_a_rating_out_of_ten_is_not_a_date():
    assert parse_date_line("7.4/10", "en") is None


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("2019-01-21T21:44:35.357Z+00:00", "en", "2019-01-21"),
    ("» Tue Aug 27, 2019 1:47 am", "en", "2019-08-27"),
    ("Dec 29, 2025 |", "en", "2025-12-29"),
    ("2012.01.12 02:09 am", "zh", "2012-01-12"),
    ("2019年4月", "ja", None),  # a year and a month: no day
    ("9.5/10", "en", None),  # no year dateparser's reading would be taken with
])
def test_lines_settled_without_the_parser(parser_calls, line, language, iso):
    assert parse_date_line(line, language) == iso
    assert not parser_calls


@pytest.mark.parametrize("line", [
    "Score: 3-1 on 2024",               # the label comes first: no date before it
    "2019年4月 来源：新华网",              # a year and a month, no day
    "Price: 20-30 dollars, 2024 model",
])
def test_a_labelled_field_without_a_date_before_it_is_no_date_line(line):
    assert parse_date_line(line, "en") is None


def test_a_part_of_a_byline_is_read_though_its_words_outnumber_the_date():
    line = "Por María López | 12 de marzo de 2024"
    assert not dates.looks_like_date(line)  # 2 of 8 words hold digits
    assert parse_date_line(line, "es") is None
    assert dates.parse_date_part(line, "es") == "2024-03-12"
    assert dates.parse_date_part("Por María López", "es") is None


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("١٢ مارس ٢٠٢٤", "ar", "2024-03-12"),         # Arabic-Indic digits
    ("۱۲ مارس ۲۰۲۴", "fa", "2024-03-12"),         # Persian digits
    ("१२ मार्च २०२४", "hi", "2024-03-12"),          # Devanagari
    ("১২ মার্চ ২০২৪", "bn", "2024-03-12"),         # Bengali
    ("２０２４年３月１２日", "zh", "2024-03-12"),      # full-width
    ("الثلاثاء ١٢ مارس ٢٠٢٤", "ar", "2024-03-12"),
])
def test_dates_in_the_digits_of_other_scripts_are_read(line, language, iso):
    assert parse_date_line(line, language) == iso


def test_other_scripts_digits_are_written_as_ascii_and_nothing_else_changes():
    assert dates.ascii_digits("٢٠٢٤ - १२ - ２９") == "2024 - 12 - 29"
    assert dates.ascii_digits("x² ③ 2024") == "x² ③ 2024"  # not decimal digits
    text = "plain ASCII 2024"
    assert dates.ascii_digits(text) is text


_ARABIC_HEADLINE = "البنك المركزي يرفع سعر الفائدة"
_ARABIC_PROSE = ("أعلن البنك المركزي يوم الثلاثاء رفع سعر الفائدة بمقدار نصف نقطة مئوية، في خطوة "
                 "تهدف إلى كبح التضخم الذي وصل إلى أعلى مستوياته منذ عشر سنوات.")
_PERSIAN_HEADLINE = "بانک مرکزی نرخ بهره را افزایش داد"
_PERSIAN_PROSE = ("بانک مرکزی روز دوشنبه اعلام کرد که نرخ بهره را نیم درصد افزایش می‌دهد تا "
                  "تورمی را که به بالاترین سطح ده سال اخیر رسیده است مهار کند.")


@pytest.mark.parametrize(("headline", "date_line", "prose", "iso"), [
    (_ARABIC_HEADLINE, "١٢ مارس ٢٠٢٤", _ARABIC_PROSE, "2024-03-12"),  # Arabic-Indic digits
    (_PERSIAN_HEADLINE, "۲۱ اسفند ۱۴۰۲", _PERSIAN_PROSE, "2024-03-11"),  # Persian solar
    (_ARABIC_HEADLINE, "الأربعاء 12 رمضان 1445 هـ - 22 مارس 2024 م", _ARABIC_PROSE,
     "2024-03-22"),  # lunar Hijri beside Gregorian
])
def test_a_date_line_in_arabic_script_leaves_the_body_for_the_metadata(
        headline, date_line, prose, iso):
    import cleaner

    result = cleaner.clean(f"{headline}\n{date_line}\n" + f"{prose}\n" * 3)
    assert result.metadata.published == iso
    assert date_line not in result.text
    assert [b.text for b in result.metadata_blocks if b.field == "published"] == [date_line]


@pytest.mark.parametrize(("line", "language", "iso"), [
    # The Thai solar year, 543 ahead (2567 is 2024), with full and abbreviated months.
    ("12 มีนาคม 2567", "th", "2024-03-12"),
    ("12 ธันวาคม 2566", None, "2023-12-12"),
    ("วันอังคารที่ 12 มี.ค. 2567 เวลา 10:30 น.", "th", "2024-03-12"),
    # The Persian solar calendar: Iran's month names and Afghanistan's, "ماه" after the
    # month, Persian digits, a weekday and a time; numeric on a Persian page.
    ("۲۱ اسفند ۱۴۰۲", None, "2024-03-11"),
    ("دوشنبه ۲۱ اسفند ۱۴۰۲ - ۱۰:۳۰", "fa", "2024-03-11"),
    ("21 اسفند ماه 1402", "fa", "2024-03-11"),
    ("۱ فروردین ۱۴۰۳", "fa", "2024-03-20"),
    ("۲۱ حوت ۱۴۰۲", "fa", "2024-03-11"),
    ("۱۴۰۲/۱۲/۲۱", "fa", "2024-03-11"),
    ("1402/12/21", "ps", "2024-03-11"),
    # The lunar Hijri calendar (Umm al-Qura tables): Arabic and Persian spellings, Arabic-
    # Indic digits, "هـ" after the year, joined to it or not.
    ("12 رمضان 1445 هـ", "ar", "2024-03-22"),
    ("١٢ رمضان ١٤٤٥ هـ", None, "2024-03-22"),
    ("2 جمادى الأولى 1445", "ar", "2023-11-16"),
    ("۵ جمادی‌الاول ۱۴۴۵", "fa", "2023-11-19"),
    ("12 ذو الحجة 1444هـ", "ar", "2023-06-30"),
    # ... and beside a Gregorian date, the Gregorian one as the page writes it.
    ("الأربعاء 12 رمضان 1445 هـ - 20 مارس 2024 م", "ar", "2024-03-20"),
    ("الأربعاء، 12 مارس 2024 - 2 رمضان 1445 هـ", "ar", "2024-03-12"),
])
def test_dates_in_other_calendars_are_read_as_gregorian(line, language, iso):
    assert parse_date_line(line, language) == iso


@pytest.mark.parametrize(("line", "language"), [
    ("۳۰ اسفند ۱۴۰۲", "fa"),     # 1402 is a common year: Esfand has 29 days
    ("1402/12/21", "en"),        # a numeric Persian date only on a Persian page
    ("1402/12/21", "ar"),        # an Arabic page's 14xx year is a lunar Hijri one
    ("12 March 2567", "en"),     # a Thai year only in Thai script
    ("Page 14 of 1402", None),
    ("12 رمضان 1600", "ar"),      # beyond the Hijri tables (1343-1500)
    ("صفر 1445", "ar"),           # a month and a year: no day ("صفر" is also "zero")
    ("30 شوال 1445", "ar"),       # Shawwal 1445 had 29 days
])
def test_other_calendars_only_where_a_page_dates_by_them(line, language):
    assert parse_date_line(line, language) is None


def test_dateparsers_reading_of_the_thai_march_is_mended():
    # dateparser reads "มี.ค." (March) as "ม.ค." (January).
    assert parse_date_line("12 มี.ค. 2024", "th") == "2024-03-12"
    assert parse_date_line("12 ม.ค. 2024", "th") == "2024-01-12"
