"""Date lines: which lines are read as dates, and which never reach the (slow) parser."""

from __future__ import annotations

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
    yield calls
    dates._parse.cache_clear()


@pytest.mark.parametrize(("line", "language", "iso"), [
    ("June 18, 2024", "en", "2024-06-18"),
    ("Tue, 18 Jun 2024 10:30 pm EDT", "en", "2024-06-18"),
    ("2024-06-18T10:30:00Z", None, "2024-06-18"),
    ("3/5/2026", "en", "2026-03-05"),
    ("14 stycznia 2012", "pl", "2012-01-14"),
    ("24 сентября 2018", "ru", "2018-09-24"),
    ("sexta-feira, 22 de outubro de 2010 às 20:13", "pt", "2010-10-22"),
    ("Jane Doe | June 18, 2024", "en", "2024-06-18"),
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
    # Only month, day-period and time-zone words: the parser is asked, and reads it.
    assert parse_date_line("1:39 am EST, Wednesday, November 20, 2019", "en") == "2019-11-20"
    assert "1:39 am EST, Wednesday, November 20, 2019" in parser_calls


def test_the_gate_uses_the_page_language_words(parser_calls):
    assert parse_date_line("10 апреля 2013, Среда, 10:20", "ru") == "2013-04-10"
    assert parser_calls  # Russian month and weekday names are known words


def test_without_dateparser_locale_data_every_text_is_tried(monkeypatch, parser_calls):
    # Another dateparser might keep its locale data elsewhere: the gate then lets all through.
    import dateparser.languages.loader as loader

    dates._date_vocabulary.cache_clear()
    monkeypatch.delattr(loader, "default_loader")
    try:
        assert parse_date_line("Reuters November 18, 2019 11:03 PM", "en") is None
        assert "Reuters November 18, 2019 11:03 PM" in parser_calls
    finally:
        dates._date_vocabulary.cache_clear()
