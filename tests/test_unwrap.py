"""Hard-wrapped text (mail, plain-text files, lynx and html2text dumps) is joined back into
paragraphs before it is judged; text that is not wrapped is left alone."""

from __future__ import annotations

import textwrap
from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.normalise import normalise
from cleaner.segment import segment
from cleaner.unwrap import join_wrapped, wrap_width

ARTICLE = [
    "The city council voted on Tuesday to approve a new budget that increases spending on "
    "public transport by twelve percent, the largest increase in a decade.",
    "Critics said the plan relies on optimistic revenue forecasts. \"We are spending money "
    "we do not have,\" said one councillor, who voted against the measure.",
    "Supporters argued that the investment would pay for itself within ten years through "
    "reduced congestion and lower emissions across the metropolitan area.",
    "The budget also sets aside money for a long-term study of cycling routes in the "
    "northern districts, which residents have asked for since the last election.",
]
JUNK = ["Share on Facebook", "Share on Twitter", "Related articles", "Mayor opens new bridge",
        "Schools to reopen next week"]


def wrapped(paragraphs: list[str], width: int, sep: str = "\n\n") -> str:
    return sep.join(textwrap.fill(p, width) for p in paragraphs)


def _spans(blocks: list) -> list[tuple[int, int, str, bool]]:
    return [(b.start, b.end, b.text, b.blank_before) for b in blocks]


def longest(text: str) -> int:
    """The wrap width the cleaner reports: the longest line's length."""
    return max(map(len, text.splitlines()))


def test_a_wrapped_article_is_kept_whole_and_its_junk_still_goes():
    for width in (40, 60, 72, 78, 100):
        text = "Council approves transport budget\n\n" + wrapped(ARTICLE, width) + "\n\n" + \
            "\n".join(JUNK)
        result = clean(text, content_type="text/plain")
        assert result.paragraphs == ARTICLE, width
        assert result.metadata.title == "Council approves transport budget"
        assert {r.text for r in result.removed} == set(JUNK)
        assert any(f"hard-wrapped at {longest(wrapped(ARTICLE, width))}" in w
                   for w in result.warnings)


def test_without_unwrapping_the_article_comes_back_in_pieces():
    """The reason for the step: each wrapped line alone is a block, so the paragraphs come
    back cut at every line break, and each line is judged as a short line."""
    text = wrapped(ARTICLE, 40) + "\n\n" + "\n".join(JUNK)
    pieces = clean(text, content_type="text/plain", join_wrapped_lines=False).paragraphs
    assert not set(pieces) & set(ARTICLE)
    assert clean(text, content_type="text/plain").paragraphs == ARTICLE


def test_joined_blocks_keep_their_offsets_into_the_input():
    text = wrapped(ARTICLE, 50) + "\n\nCookie settings\nAccept all cookies to continue\n"
    result = clean(text, content_type="text/plain", extract_metadata=False)
    removed = [r for r in result.removed]
    assert removed
    for r in removed:
        assert text[r.start:r.end] == r.text
    blocks, width = join_wrapped(text)
    assert width == longest(wrapped(ARTICLE, 50))
    assert [b.index for b in blocks] == list(range(len(blocks)))
    for b in blocks:
        assert text[b.start:b.end] == b.raw


def test_paragraphs_without_blank_lines_split_where_a_line_is_not_full():
    text = wrapped(ARTICLE, 60, sep="\n")
    blocks, width = join_wrapped(text)
    assert width == longest(text)
    assert [b.text for b in blocks] == ARTICLE


def test_list_items_quotes_and_headings_are_not_joined_to_the_line_above():
    items = ["- a first item that is long enough to sit right next to the wrapping width",
             "* a second item, which lynx or markdown would mark with an asterisk instead",
             "> and a quoted line from an earlier message that also runs close to the edge",
             "o lynx marks nested list items with a lower-case letter o followed by a space"]
    text = wrapped(ARTICLE, 78) + "\n\n" + "\n".join(items)
    blocks, width = join_wrapped(text)
    assert width is not None
    assert [b.text for b in blocks][-len(items):] == items


def test_hyphenated_words_and_chinese_join_without_a_space():
    compounds = (
        "The long-term plan for the well-known state-of-the-art tram line was drawn up by a "
        "cross-party group of so-called non-aligned members after a year-long review. Its "
        "first-phase budget covers a two-way track, low-floor cars and a park-and-ride site "
        "near the half-built ring road, and a follow-up study will weigh the cost-benefit "
        "case for a north-south extension through the old-town district in the mid-2030s, "
        "when the up-to-date figures on ridership are in."
    )
    for width in range(40, 81, 4):
        text = wrapped([compounds, compounds.upper().lower()], width)
        blocks, found = join_wrapped(text)
        assert found is not None, width
        assert [b.text for b in blocks] == [compounds, compounds.lower()], width
    zh = "今天上午，市议会以多数票通过了新的交通预算，批评者认为收入预测过于乐观。" * 8
    text = wrapped([zh, zh], 30)
    blocks, found = join_wrapped(text)
    assert found == 30
    assert [b.text for b in blocks] == [zh, zh]


def test_rendered_web_pages_are_not_joined():
    """One block a line, as renderers give it: short menus, long paragraphs, no cliff."""
    menu = ["Home", "World", "Business", "Sport", "Weather", "Contact us"]
    teasers = [p[:90] for p in ARTICLE]
    text = "\n".join(menu + ARTICLE + teasers + menu)
    assert wrap_width(text) is None


# --- properties ----------------------------------------------------------------------------

WORD = st.sampled_from([
    "the", "council", "voted", "on", "a", "budget", "that", "increases", "spending", "for",
    "public", "transport", "and", "critics", "said", "it", "relies", "optimistic", "revenue",
    "forecasts", "which", "were", "published", "last", "year", "by", "ministry", "of",
    "finance", "in", "capital", "residents", "asked", "new", "routes", "northern", "district",
    "long-term", "well-known", "state-of-the-art", "year-long",
])
SENTENCE = st.lists(WORD, min_size=6, max_size=20).map(lambda ws: " ".join(ws).capitalize()
                                                       + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=3, max_size=6).map(" ".join)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(PARAGRAPH, min_size=2, max_size=6), st.integers(40, 120))
def test_any_wrapped_prose_is_joined_back_exactly(paragraphs, width):
    """Given the fingerprint the step looks for (at least three distinct wrapped lines, most
    of the lines after them starting in lower case), the paragraphs come back exactly."""
    text = wrapped(paragraphs, width)
    pairs = {(a, b) for p in paragraphs for a, b in pairwise(textwrap.wrap(p, width))}
    assume(len(pairs) >= 3)
    assume(sum(b[0].islower() for _, b in pairs) * 2 >= len(pairs))
    blocks, found = join_wrapped(text)
    assert found is not None and found <= width
    assert [b.text for b in blocks] == paragraphs


@FAST
@given(st.lists(PARAGRAPH, min_size=2, max_size=6))
def test_unwrapped_prose_is_left_alone(paragraphs):
    text = "\n".join(paragraphs)
    blocks, width = join_wrapped(text)
    assert width is None
    assert _spans(blocks) == _spans(segment(text))


@FAST
@given(st.lists(PARAGRAPH, min_size=2, max_size=4), st.integers(40, 120))
def test_cleaning_wrapped_text_invents_nothing_and_is_not_joined_again(paragraphs, width):
    text = wrapped(paragraphs, width)
    once = clean(text, content_type="text/plain")
    squeezed = normalise(text).replace(" ", "")
    for paragraph in once.paragraphs:
        assert paragraph.replace(" ", "") in squeezed
    # The output is one paragraph a line: cleaning it again never joins anything. (Whole
    # idempotence is tested in test_properties, with its known limits.)
    blocks, width = join_wrapped(once.text)
    assert width is None
    assert _spans(blocks) == _spans(segment(once.text))
