"""The training labels: which blocks of a rendering count as article text by the gold."""

from __future__ import annotations

import pytest

from training.labels import Gold, markup_title, title_match

GOLD = """The new law was passed on Monday after a long debate in parliament.

Ingredients

2 eggs
"""


def test_a_block_mostly_made_of_gold_shingles_is_article_text() -> None:
    gold = Gold(GOLD)
    assert gold.label("The new law was passed on Monday")
    assert not gold.label("Subscribe to our newsletter for the latest news")


def test_a_short_block_counts_only_as_most_of_a_gold_line_on_its_own() -> None:
    gold = Gold(GOLD)
    assert gold.label("Ingredients")
    assert gold.label("2 eggs")
    # "law" occurs in the gold, but inside a long line: alone it is a menu word.
    assert not gold.label("law")


def test_fragments_of_a_split_sentence_are_article_text_in_their_place() -> None:
    gold = Gold(GOLD)
    texts = ["Home", "The", "new law", "was passed", "on Monday after a long debate",
             "in", "parliament.", "Share"]
    assert gold.labels(texts) == [False, True, True, True, True, True, True, False]
    # Out of their place the same fragments are not: no gold shingle runs across them.
    assert gold.labels(["Share", "new law", "Home"]) == [False, False, False]


def test_a_menu_word_next_to_the_article_stays_junk() -> None:
    gold = Gold(GOLD)
    assert gold.labels(["Home", "The new law was passed on Monday"]) == [False, True]


def test_no_gold_labels_nothing() -> None:
    assert Gold("").labels(["The new law", "was passed"]) == [False, False]


def test_title_match_tolerates_a_site_name() -> None:
    assert title_match("New law passed in parliament | Reuters", "New law passed in parliament")
    assert not title_match("Home » Politics", "New law passed in parliament")


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(("head", "body", "expected"), [
    # The <h1> the og:title agrees with, not the site's banner heading.
    ('<meta property="og:title" content="Rain floods the old town | Daily Post">',
     "<h1>Daily Post</h1><h1>Rain floods the old town</h1>", "Rain floods the old town"),
    # No agreeing <h1>: the longest part of the <title> split at its separator.
    ("<title>Daily Post - Rain floods the old town again</title>", "<h1>Menu</h1>",
     "Rain floods the old town again"),
    # An <h1> the <title> does not name is a section heading, not the headline.
    ("<title>Weather news</title>", "<h1>Rain floods the old town</h1>", "Weather news"),
    # No headline in the markup at all.
    ("", "<p>Just text.</p>", None),
    ("<title>Home</title>", "<h1>Welcome</h1>", None),
])
def test_markup_title_reads_the_headline_a_page_names(head: str, body: str,
                                                        expected: str | None) -> None:
    assert markup_title(_page(head, body)) == expected


def test_markup_title_of_no_html_is_none() -> None:
    assert markup_title("") is None
