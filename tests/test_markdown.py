"""Raw text written as Markdown (reader services, html2text): the article's links come out as
their text unless `include_links` asks for them, what was removed is listed as written, and
a heading's marks never reach the title."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import _core
from cleaner.lang import word_count

from .conftest import SEEDS
from .test_shapes import _LINK, _MARKED

LINK = "[Vladimir Putin](https://example.org/people/putin_(president))"
HEADLINE = "Russia’s Putin is set to make a rare visit to North Korea"
MENU = ("Home", "World", "Business", "Politics", "Tech", "Sport", "Culture", "Travel")


def as_markdown(menu: int = len(MENU), teaser: bool = False) -> str:
    """Seed 003 (English news) as a reader service writes it: a menu of `menu` links, the
    headline as a heading, a link inside the article and in a "See also" line; with
    `teaser`, the seed's teaser line ("Top NewsRussia's Putin ...") above the headline."""
    lines = [line for line in SEEDS[3].read_text("utf-8").splitlines()
             if teaser or not line.startswith("Top News")]
    lines = [f"# {line}" if line.startswith(HEADLINE) else line for line in lines]
    links = [f"* [{w}](https://example.org/{w.lower()})" for w in MENU[:menu]]
    text = "\n".join([*links, "", *lines]).replace("Vladimir Putin", LINK, 1)
    return text.replace("See also\xa0 Nikki Haley",
                        "See also\xa0 [Nikki Haley](https://example.org/haley)", 1)


@pytest.fixture(scope="module")
def markdown_seed() -> str:
    return as_markdown()


def test_core_writes_links_as_their_text():
    got = _core.plain_links([f"Meet {LINK} today.", "no links [here]", "[](https://x.org)",
                             "![a photo](https://x.org/p.jpg)"])
    assert got == ["Meet Vladimir Putin today.", None, None, None]


def reference_plain_links(text: str) -> str | None:
    """`_core.plain_links` by the reference pattern of `tests/test_shapes.py`."""
    if not _LINK.search(text):
        return None
    out = _LINK.sub(lambda m: m.group(1), text).strip()
    return out or None


@settings(max_examples=1000, deadline=None)
@given(st.lists(_MARKED, max_size=25).map("".join))
def test_core_writes_links_as_the_reference_pattern_reads_them(text):
    assert _core.plain_links([text]) == [reference_plain_links(text)]


def test_article_links_come_out_as_their_text(markdown_seed):
    result = cleaner.clean(markdown_seed)
    assert "Vladimir Putin is scheduled" in result.text
    assert "](" not in result.text and "https://" not in result.text
    assert result.metadata.word_count == word_count(result.text)
    assert [w for w in result.warnings if w.startswith("Markdown links")]
    # The heading is the title, without its marks.
    assert result.metadata.title is not None and result.metadata.title.startswith(HEADLINE)
    # What went is listed as it was written, targets and all: the menu, the related link.
    removed = [r.text for r in result.removed]
    assert [f"* [{w}](https://example.org/{w.lower()})" for w in MENU] == removed[:len(MENU)]
    assert any("[Nikki Haley](https://example.org/haley)" in r for r in removed)


def test_include_links_keeps_them_as_written(markdown_seed):
    plain = cleaner.clean(markdown_seed)
    linked = cleaner.clean(markdown_seed, include_links=True)
    assert LINK in linked.text
    assert linked.text.replace(LINK, "Vladimir Putin") == plain.text
    assert linked.metadata.word_count == word_count(linked.text) > plain.metadata.word_count
    assert [r.text for r in linked.removed] == [r.text for r in plain.removed]
    assert not [w for w in linked.warnings if w.startswith("Markdown links")]


def test_every_block_is_accounted_for(markdown_seed):
    """Nothing is lost: each input line is in the text (as its words), a metadata block or a
    removal."""
    result = cleaner.clean(markdown_seed)
    listed = {r.text for r in result.removed} | {b.text for b in result.metadata_blocks}
    body = " ".join(result.text.split())
    for line in markdown_seed.splitlines():
        line = line.strip()
        if not line or line in listed:
            continue
        plain = _core.plain_links([line])[0] or line
        assert " ".join(plain.split()) in body, line


@pytest.mark.xfail(strict=True, reason="a menu of three links above the headline is kept "
                   "(second-pass scores 0.37-0.57 and the sequence pass keeps the run above "
                   "the article; eight links go), 2026-12-05 model")
def test_a_short_link_menu_above_the_article_goes():
    result = cleaner.clean(as_markdown(menu=3))
    assert not {"* Home", "* World", "* Business"} & set(result.paragraphs)


@pytest.mark.xfail(strict=True, reason="a teaser line repeating the headline above a "
                   "Markdown heading is taken for the title (the scorer has a heading's "
                   "level since 2026-12-05, yet still prefers the page's first line here)")
def test_the_heading_is_the_title_under_a_teaser():
    result = cleaner.clean(as_markdown(teaser=True))
    assert (result.metadata.title or "").startswith(HEADLINE)
