"""One page in twenty languages, most of which the training corpora never saw (es, fr, de,
pt, id, tr, hi, ko, ar, ja, it, nl, vi, th, fa; en, ru, pl, el and zh are the corpora's;
the last eight added in session 51): the article, its title and date,
and the junk around it (menus, breadcrumbs, share bars, related lists, comments, cookie
notices, footers), each language written as its news sites write it.

The pages are `fixtures/languages.json`, written for this project (no corpus page): one
layout, filled in each language. They measure how the cleaner generalises beyond the
corpora's languages on what any news page holds; they train and tune nothing.
"""

from __future__ import annotations

import html
import json
import textwrap
from pathlib import Path

import pytest

import cleaner

PAGES = {p["lang"]: p for p in json.loads(
    (Path(__file__).parent / "fixtures" / "languages.json").read_text(encoding="utf-8"))}
LANGS = sorted(PAGES)
#: What lies around the article and must go.
JUNK = ("nav", "share", "related", "comments", "footer")
JUNK_LINES = ("related_label", "comments_label", "cookie")


def _raw(p: dict, where: str = "end") -> str:
    """The page as a scraper renders it, one block a line; the article's list (a heading,
    three items, a closing paragraph) after its paragraphs (`end`) or between them (`mid`)."""
    listed = [p["subheading"], *p["items"], p["closing"]]
    paras = p["paragraphs"]
    body = [*paras, *listed] if where == "end" else [*paras[:2], *listed, *paras[2:]]
    return "\n".join([*p["nav"], p["breadcrumb"], p["title"], p["byline"], p["date"], *body,
                      *p["share"], p["related_label"], *p["related"], p["comments_label"],
                      *p["comments"], p["cookie"], *p["footer"]]) + "\n"


def _junk(p: dict) -> list[str]:
    return [line for key in JUNK for line in p[key]] + [p[key] for key in JUNK_LINES]


@pytest.fixture(scope="module")
def cleaned() -> dict[str, cleaner.CleanResult]:
    return {lang: cleaner.clean(_raw(p)) for lang, p in PAGES.items()}


def _known(failing: set[str], reason: str) -> list:
    """LANGS, those in `failing` as strict xfails with `reason`."""
    return [pytest.param(lang, marks=pytest.mark.xfail(strict=True, reason=reason))
            if lang in failing else lang for lang in LANGS]


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_title_and_date_are_found(cleaned, lang):
    p, r = PAGES[lang], cleaned[lang]
    assert r.metadata.language == lang
    assert r.metadata.title == p["title"]
    assert r.metadata.published == "2024-03-12", p["date"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_article_paragraphs_stay(cleaned, lang):
    blocks = cleaned[lang].text.split("\n\n")
    assert [q for q in PAGES[lang]["paragraphs"] if q not in blocks] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_junk_around_the_article_goes(cleaned, lang):
    blocks = set(cleaned[lang].text.split("\n\n"))
    assert [line for line in _junk(PAGES[lang]) if line in blocks] == []


#: Breadcrumb trails the labeller keeps: no rule names a trail ("Home > Economy > Banks"),
#: the labeller judges it by shape and place, and session 52's rebuild scores the Arabic
#: one 0.59 (0.26 in Thai; the other trails 0.1-0.3).
BREADCRUMB_KEPT = {"ar"}


@pytest.mark.parametrize("lang", _known(BREADCRUMB_KEPT, "breadcrumb kept (see "
                                                         "BREADCRUMB_KEPT)"))
def test_the_breadcrumb_goes(cleaned, lang):
    assert PAGES[lang]["breadcrumb"] not in cleaned[lang].text.split("\n\n")


#: Bylines written as a bare name, with no word that marks them as one ("Мария Лопес"): the
#: labeller judges those by place and shape, and no author is named.
BARE_BYLINES = frozenset({"hi", "ru", "tr"})


@pytest.mark.parametrize("lang", sorted(set(LANGS) - BARE_BYLINES))
def test_the_byline_names_the_author(cleaned, lang):
    """A byline's marker word before the name ("By", "Por", "بقلم:") or after it (Korean
    "기자", Japanese "記者", with no space in Han) makes it a byline with its author."""
    p, r = PAGES[lang], cleaned[lang]
    assert [x.kind for x in r.removed if x.text == p["byline"]] == ["byline"]
    assert r.metadata.author and r.metadata.author in p["byline"]
    assert r.metadata.author != p["byline"]  # the marker word is no part of the name


@pytest.mark.parametrize("lang", LANGS)
def test_every_line_is_kept_moved_or_removed_with_a_reason(cleaned, lang):
    r = cleaned[lang]
    kept = r.text.split("\n\n")
    removed = {x.text for x in r.removed}
    moved = {b.text for b in r.metadata_blocks}
    for line in _raw(PAGES[lang]).splitlines():
        assert line in kept or line in removed or line in moved, line
    assert all(x.kind and x.reason and x.rule for x in r.removed)


#: Where a list between paragraphs goes, and with it the paragraph after it (Polish: 0.58,
#: cut by the sequence pass with the list's 0.30-0.57) or the list's weakest lines (Chinese:
#: daniel-dev's Chinese gold keeps paragraphs, seldom short lines). Session 51's rebuild
#: (numeric date lines, Han prefixes) moved Polish here; Chinese failed before it too.
#: Thai (session 52, now that its words and phrases are measured) keeps the list and loses
#: the quoted paragraph after it (0.41), as the ten languages of TRAILING_LIST_LOST lose
#: the closing paragraph; session 52's rebuild moved Polish back out.
MID_LIST_LOST = {"th", "zh"}


@pytest.mark.parametrize("lang", _known(MID_LIST_LOST, "list inside the article lost (see "
                                                       "MID_LIST_LOST)"))
def test_a_list_inside_the_article_stays(lang):
    p = PAGES[lang]
    blocks = cleaner.clean(_raw(p, "mid")).text.split("\n\n")
    listed = [p["subheading"], *p["items"], p["closing"], *p["paragraphs"]]
    assert [line for line in listed if line not in blocks] == []


#: Where a short list and a closing paragraph after the article's last paragraph are
#: removed (all or part) with the share bar below them: 10 of the 20 languages (6 of the
#: first 12 before session 51's rebuild, which moved Arabic and Japanese, whose lines score
#: 0.32-0.43, just under the cut-off; Polish and Chinese, added then, too). The labeller
#: keeps the same lines in English, whose words it knows (the page translated, every line
#: scores 0.65-0.71); here it judges by their shape and place, scores them 0.2-0.6, and
#: the corpora label such a trailing run article text about as often as junk (session 50:
#: keeping the run up to a closing paragraph would add about as many junk lines as article
#: lines on the dev pages, so no rule does). Issue 10 counts these lines as the article's.
#: Session 52's rebuild (scores 0.41-0.55 in Vietnamese) swapped Japanese for Vietnamese.
TRAILING_LIST_LOST = {"ar", "de", "es", "fr", "ko", "pl", "ru", "tr", "vi", "zh"}


@pytest.mark.parametrize("lang", [pytest.param(
    lang, marks=pytest.mark.xfail(strict=True, reason="trailing list lost (see "
                                                      "TRAILING_LIST_LOST)"))
    if lang in TRAILING_LIST_LOST else lang for lang in LANGS])
def test_a_list_closing_the_article_stays(cleaned, lang):
    p = PAGES[lang]
    blocks = cleaned[lang].text.split("\n\n")
    listed = [p["subheading"], *p["items"], p["closing"]]
    assert [line for line in listed if line not in blocks] == []


#: Hard-wrapped pages that are not joined back, whose fragments then score under the cut-off
#: so that the page is kept whole: Korean, whose dense paragraphs wrap into two lines each
#: (three pairs on this page; unwrapping needs five, or runs of three lines), and Thai,
#: which a wrapper can break only at the spaces between phrases, each line a phrase.
WRAPPED_NOT_JOINED = {"ko", "th"}


@pytest.mark.parametrize("lang", _known(WRAPPED_NOT_JOINED, "wrapped page not joined (see "
                                                             "WRAPPED_NOT_JOINED)"))
def test_a_hard_wrapped_page_is_joined_and_cleaned(lang):
    """The page as html2text or a terminal browser writes it: wrapped at 78 columns, a blank
    line after every block. Its paragraphs come back whole and its junk goes (spaces aside:
    a joined line's spaces are the wrapper's)."""
    p = PAGES[lang]
    lines = []
    for line in _raw(p).splitlines():
        lines += [*textwrap.wrap(line, 78, break_long_words=False), ""]
    r = cleaner.clean("\n".join(lines))
    # (Chinese and Japanese write no spaces: the wrapper leaves their lines whole.)
    wrapped = len(lines) > 2 * len(_raw(p).splitlines())
    assert any("hard-wrapped" in w for w in r.warnings) == wrapped
    blocks = {"".join(b.split()) for b in r.text.split("\n\n")}
    assert [q for q in p["paragraphs"] if "".join(q.split()) not in blocks] == []
    assert [j for j in _junk(p) if "".join(j.split()) in blocks] == []
    assert r.metadata.title == p["title"]


def _html(p: dict) -> str:
    e = html.escape
    return "".join([
        f"<html lang='{p['lang']}'><head><meta charset='utf-8'><title>{e(p['title'])}"
        "</title></head><body><header><nav><ul>",
        *(f"<li><a href='/s{i}'>{e(n)}</a></li>" for i, n in enumerate(p["nav"])),
        f"</ul></nav><div class='breadcrumb'>{e(p['breadcrumb'])}</div></header><main>",
        f"<article><h1>{e(p['title'])}</h1><p class='byline'>{e(p['byline'])}</p>",
        f"<time>{e(p['date'])}</time>", *(f"<p>{e(q)}</p>" for q in p["paragraphs"]),
        f"<h2>{e(p['subheading'])}</h2><ul>", *(f"<li>{e(i)}</li>" for i in p["items"]),
        f"</ul><p>{e(p['closing'])}</p><div class='share'>",
        *(f"<a href='#'>{e(s)}</a> " for s in p["share"]), "</div></article>",
        f"<aside><h3>{e(p['related_label'])}</h3><ul>",
        *(f"<li><a href='/r{i}'>{e(r)}</a></li>" for i, r in enumerate(p["related"])),
        f"</ul></aside><section class='comments'><h3>{e(p['comments_label'])}</h3>",
        *(f"<div class='comment'><p>{e(c)}</p></div>" for c in p["comments"]),
        f"</section></main><div id='cookie'>{e(p['cookie'])}</div><footer>",
        *(f"<p>{e(f)}</p>" for f in p["footer"]), "</footer></body></html>"])


#: HTML pages whose article list loses lines: the HTML pass weighs the extractor's vote
#: with the same scores, and the Korean list's are the lowest (0.18-0.27 on the raw page);
#: the Chinese list's too; session 51's rebuild added the Polish closing paragraph and
#: session 52's swapped it for the Persian list.
HTML_LIST_LOST = {"fa", "ko", "zh"}


@pytest.mark.parametrize("lang", [pytest.param(
    lang, marks=pytest.mark.xfail(strict=True, reason="list lost (see HTML_LIST_LOST)"))
    if lang in HTML_LIST_LOST else lang for lang in LANGS])
def test_the_html_page_keeps_the_article_and_drops_the_rest(lang):
    p = PAGES[lang]
    r = cleaner.clean(_html(p), content_type="text/html")
    blocks = r.text.split("\n\n")
    article = [*p["paragraphs"], p["subheading"], *p["items"], p["closing"]]
    assert [line for line in article if line not in blocks] == []
    assert [line for line in _junk(p) if line in blocks] == []
    assert r.metadata.title == p["title"]
