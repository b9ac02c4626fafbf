"""Lines cut inside a sentence by a renderer that puts every text node on its own line
(BeautifulSoup's `get_text("\\n")`: "for the " / "Browns" / "' game") are joined back before
they are judged (`unwrap::join_inline`); lists, padded menus and sentence ends are not."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.segment import segment, segment_joined

from .test_unwrap import ARTICLE, JUNK, PARAGRAPH


def text_nodes(paragraph: str, cuts: list[int]) -> str:
    """`paragraph` as BeautifulSoup renders it when the words at `cuts` (indices of words
    that do not follow a sentence end) open and close links: one text node a line, the
    space before a link left at the end of the line above."""
    words = paragraph.split(" ")
    lines, line = [], []
    for i, word in enumerate(words):
        if i in cuts and line and not line[-1].endswith("."):
            lines.append(" ".join(line) + " ")
            line = []
        line.append(word)
    lines.append(" ".join(line))
    return "\n".join(lines)


def rendered(paragraphs: list[str], every: int = 4) -> str:
    return "\n\n".join(text_nodes(p, list(range(every, len(p.split()), every)))
                       for p in paragraphs)


def test_an_article_cut_at_its_links_is_kept_whole_and_its_junk_still_goes():
    text = "Council approves transport budget\n\n" + rendered(ARTICLE) + "\n\n" + "\n".join(JUNK)
    result = clean(text, content_type="text/plain")
    assert result.paragraphs == ARTICLE
    assert {r.text for r in result.removed} == set(JUNK)
    assert any("cut inside sentences" in w for w in result.warnings)
    pieces = clean(text, content_type="text/plain", join_wrapped_lines=False).paragraphs
    assert not set(pieces) & set(ARTICLE)


def test_punctuation_after_a_link_joins_without_a_space_and_offsets_hold():
    text = ("Below, we look at the snaps for the \nCleveland Browns\n’ Week 11 game against "
            "the \nPittsburgh Steelers\n. It was a \ngood\n day for the \ndefense\n.\n\n"
            "Share this\n")
    blocks, width, joined = segment_joined(text, inline=True)
    assert joined and width is None
    assert [b.text for b in blocks] == [
        "Below, we look at the snaps for the Cleveland Browns’ Week 11 game against the "
        "Pittsburgh Steelers. It was a good day for the defense.", "Share this"]
    for b in blocks:
        assert text[b.start:b.end] == b.raw


def test_padded_menus_lists_and_ordinary_pages_are_left_alone():
    menu = "  * Features \n    * Reviews \n  * Science \n  * Entertainment \n"
    assert not segment_joined(menu, inline=True)[2]
    page = "\n".join(["Home", "World", "Sport", *ARTICLE, *JUNK])
    blocks, _, joined = segment_joined(page, inline=True)
    assert not joined and [b.text for b in blocks] == [b.text for b in segment(page)]


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(PARAGRAPH, min_size=1, max_size=4), st.integers(2, 6))
def test_any_prose_cut_at_its_links_is_joined_back_exactly(paragraphs, every):
    text = rendered(paragraphs, every)
    blocks, _, joined = segment_joined(text, unwrap=False, inline=True)
    # Every cut is a clear one (a space, then a word in lower case); three show how the page
    # was rendered.
    assert joined == (text.count(" \n") >= 3)
    if joined:
        assert [b.text for b in blocks] == paragraphs


@FAST
@given(st.text(st.sampled_from("ab .,’(\n \t-*•"), max_size=300))
def test_joining_loses_and_invents_nothing(text):
    """Whatever the text, the joined blocks hold the same characters, in order, as the
    lines cut apart, and each still spans its own slice of the input."""
    plain = segment(text)
    blocks, _, _ = segment_joined(text, unwrap=False, inline=True)

    def squeezed(bs: list) -> str:
        return re.sub(r"\s", "", "".join(b.text for b in bs))

    assert squeezed(blocks) == squeezed(plain)
    assert all(text[b.start:b.end] == b.raw for b in blocks)
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
