"""The training labels: which blocks of a rendering count as article text by the gold."""

from __future__ import annotations

import pytest

from training.labels import Gold, markup_title, markup_titles, title_match, title_tokens

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


ORDERED = """Beard oil keeps a beard soft and the skin beneath it calm all day.

Hair

It also smooths the hair on your head and reduces frizz after a shower.

Skin

It heals dry skin and makes old tattoos look bright again.
"""


def test_a_menu_word_out_of_the_golds_order_stays_junk() -> None:
    gold = Gold(ORDERED)
    menu = ["Skin", "Hair"]  # the gold's headings, in a menu above the article
    article = ["Beard oil keeps a beard soft and the skin beneath it calm all day.", "Hair",
               "It also smooths the hair on your head and reduces frizz after a shower.",
               "Skin", "It heals dry skin and makes old tattoos look bright again."]
    assert gold.labels(menu + article) == [False, False, True, True, True, True, True]
    # The same words alone are article text (`label` does not read the page's order).
    assert gold.label("Hair") and gold.label("Skin")


def test_a_repeated_article_keeps_the_headings_of_each_copy() -> None:
    gold = Gold(ORDERED)
    article = ["Beard oil keeps a beard soft and the skin beneath it calm all day.", "Hair",
               "It also smooths the hair on your head and reduces frizz after a shower.",
               "Skin", "It heals dry skin and makes old tattoos look bright again."]
    assert gold.labels([*article, "Share", *article]) == [*[True] * 5, False, *[True] * 5]


def test_a_heading_the_gold_repeats_is_article_text_at_each_of_its_places() -> None:
    gold = Gold("\n\n".join(f"Honoree\n\nThe award goes to a person who served the town "
                             f"for {n} years." for n in range(60)))
    texts = [t for n in range(60) for t in
             ("Honoree", f"The award goes to a person who served the town for {n} years.")]
    assert all(gold.labels(texts))


def test_places_of_a_long_block_are_the_starts_its_shingles_agree_on() -> None:
    gold = Gold("one two three four five. " * 2 + "six seven eight nine ten.")
    assert gold.places(["six", "seven", "eight", "nine", "ten"]) == [10]
    assert gold.places(["one", "two", "three", "four", "five"]) == [0, 5]
    assert gold.places(["eleven", "twelve", "thirteen", "fourteen"]) == []


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


def test_title_match_reads_chinese_by_character() -> None:
    # One token a Han character: a headline with "(图)" after it is still the headline,
    # another headline of the same length is not.
    assert title_match("农民工维权绿色通道", "农民工维权绿色通道(图)")
    assert not title_match("春节赴港游三招可省钱", "农民工维权绿色通道(图)")
    assert title_tokens("Android春运") == ["android", "春", "运"]


@pytest.mark.parametrize(("title", "expected"), [
    ("<title>美国工业产出环比降 差于市场预期_财经_凤凰网</title>",
     "美国工业产出环比降 差于市场预期"),
    ("<title>當心選前症候群 醫師提醒健康為重 ｜新聞速報｜中時電子報</title>",
     "當心選前症候群 醫師提醒健康為重"),
    ("<title>权威人士谈南极考察队直升机失事--国内频道</title>", "权威人士谈南极考察队直升机失事"),
    # An underscore between Latin letters is part of a name.
    ("<title>Module ngx_http_rewrite_module</title>", "Module ngx_http_rewrite_module"),
])
def test_markup_title_splits_chinese_site_names_off(title: str, expected: str) -> None:
    assert markup_title(_page(title, "<p>Text.</p>")) == expected


def test_markup_title_reads_an_h1_to_its_first_break() -> None:
    head = "<title>NR2: Suspect dies in custody / Police say he fell ill / 04.01.12</title>"
    body = ("<h1>Suspect dies in custody<br><small>Police say he fell ill</small> "
            "<span>04.01.12 20:42</span></h1>")
    assert markup_title(_page(head, body)) == "Suspect dies in custody"


def test_markup_titles_rule_out_what_a_sites_pages_share() -> None:
    # Each page's logo <h1> agrees with its <title>, and is the fuller heading; the site's
    # other page shows it is the site's name, not the page's headline.
    pages = [_page(f"<title>{t} | The Daily Planet Online</title>",
                   "<h1>The Daily Planet Online</h1>")
             for t in ("Rain floods the old town", "Mayor opens the new bridge")]
    assert [markup_title(p) for p in pages] == ["The Daily Planet Online"] * 2
    assert markup_titles([("planet.com", p) for p in pages]) == [
        "Rain floods the old town", "Mayor opens the new bridge"]
    # Pages of different sites teach nothing about each other.
    assert markup_titles([("a.com", pages[0]), ("b.com", pages[1])]) == [
        "The Daily Planet Online"] * 2
