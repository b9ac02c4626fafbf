"""The HTML path: the labeller judges the page's visible text, one block a line, with
trafilatura's extraction and the markup as evidence; every visible line is kept or listed as
removed."""

from __future__ import annotations

import numpy as np
import pytest
from lxml import etree

from cleaner import clean

PARAS = [
    "The city council met on Tuesday evening to debate the new budget, which has been "
    "delayed for months by a dispute over funding for public transport.",
    "Officials said the plan would raise spending on buses by a fifth, while the money for "
    "road repairs would stay the same as last year, to the dismay of several members.",
    "The mayor told reporters that she expected the budget to pass before the end of the "
    "month, although the opposition has promised to fight it in every committee.",
]
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Budget vote postponed | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-06-18T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Budget vote postponed</h1>
<p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>See also: Ten things to do in the city this weekend</p>
<p>{PARAS[2]}</p></article>
<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>"""


def test_html_is_sniffed_and_extracted():
    result = clean(PAGE)
    assert result.metadata.content_type == "text/html"
    assert result.paragraphs == PARAS
    assert result.metadata.title == "Budget vote postponed"
    assert result.metadata.published == "2024-06-18"
    assert result.metadata.site_name == "Example News"


def test_leftover_junk_goes_with_a_reason_and_no_offsets():
    result = clean(PAGE, content_type="text/html")
    links = [r for r in result.removed if r.kind == "related-link"]
    assert links and links[0].start is None and "See also" in links[0].text


def test_bytes_html_with_declared_charset():
    data = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
    assert clean(data).paragraphs == PARAS


def test_every_visible_line_is_kept_or_listed_as_removed():
    body = "".join(f"<p>{s}</p>" for s in [
        "The council voted on Tuesday to approve the new budget for the city's schools.",
        "Teachers will get a raise of three percent, the first in five years, officials said.",
        "The vote followed a long debate about class sizes and the cost of new buildings."])
    page = (f"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            f"{body}</article><footer>© 2024 Example Media. All rights reserved.</footer>"
            "</body></html>")
    result = clean(page, content_type="text/html")
    assert "council voted" in result.text
    footer = [r for r in result.removed if r.text.startswith("© 2024")]
    assert footer and footer[0].kind == "legal"
    # trafilatura left the footer out: the reason says so, beside the rule's own.
    assert footer[0].reason.startswith("left out by the HTML extractor; ")
    kept = [*result.paragraphs, *(b.text for b in result.metadata_blocks)]
    removed = [r.text for r in result.removed]
    for line in ("Home News", *(p.removeprefix("<p>") for p in body.split("</p>") if p)):
        assert (line in kept) != (line in removed), line


def _no_main_content(monkeypatch):
    """trafilatura finding nothing (it does on some real pages; on toy ones it is erratic)."""
    import cleaner.html

    monkeypatch.setattr(cleaner.html, "_trafilatura", lambda *args, **kwargs: None)


def test_without_main_content_the_visible_text_is_judged_without_it(monkeypatch):
    _no_main_content(monkeypatch)
    result = clean(PAGE, content_type="text/html")
    assert any("trafilatura found no main content" in w for w in result.warnings)
    # The page's metadata is read all the same: the title is the <title>'s headline (not a
    # navigation line the scorer might take among visible lines that hold no <title>), and
    # the headline's line is metadata, not body.
    assert result.metadata.title == "Budget vote postponed"
    assert (result.metadata.author, result.metadata.published) == ("Jane Doe", "2024-06-18")
    assert result.paragraphs[:2] == PARAS[:2]
    # Every line is judged, and kept or removed, never both; none was "left out" by an
    # extractor that kept nothing.
    removed = [r.text for r in result.removed]
    assert "© 2024 Example News. All rights reserved." in removed
    for para in PARAS:
        assert (para in result.paragraphs) != (para in removed)
    assert all(r.kind and r.reason and not r.reason.startswith("left out")
               for r in result.removed)


def test_without_main_content_and_without_fallback_nothing_is_kept(monkeypatch):
    _no_main_content(monkeypatch)
    result = clean(PAGE, content_type="text/html", html_fallback=False)
    assert result.text == ""
    assert [r.text for r in result.removed][-2:] == [PARAS[2],
                                                     "© 2024 Example News. All rights reserved."]
    assert {r.rule for r in result.removed} == {"html.no-main-content"}
    assert any("html_fallback is off" in w for w in result.warnings)


@pytest.mark.parametrize("fallback", [True, False])
def test_a_page_with_a_crowded_element_is_judged_without_trafilatura(monkeypatch, fallback):
    # trafilatura slows down more than linearly with an element's children: past
    # `MAX_CHILDREN` the visible text is judged without its extraction and metadata (the
    # bar lowered here to a toy page's size), whatever `html_fallback` says.
    import cleaner.html

    calls = []
    real = cleaner.html._trafilatura
    monkeypatch.setattr(cleaner.html, "_trafilatura",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(cleaner.html, "MAX_CHILDREN", 8)
    monkeypatch.setattr(cleaner.html, "_CROWDED", etree.XPath("boolean(//*[count(*) > 8])"))
    links = "".join(f'<a href="/{i}">Story {i}</a> ' for i in range(9))
    crowded = PAGE.replace("<p>", f"<p>{links}</p><p>", 1)
    result = clean(crowded, content_type="text/html", html_fallback=fallback)
    assert not calls
    assert any("over 8 children" in w for w in result.warnings)
    assert not any("no main content" in w for w in result.warnings)
    assert PARAS[0] in result.paragraphs
    clean(PAGE.replace("<p>", f"<p>{links[:links.rindex('<a')]}</p><p>", 1),
          content_type="text/html")
    assert calls  # eight children: trafilatura reads the page


def test_a_page_of_too_many_elements_is_judged_without_trafilatura(monkeypatch):
    import cleaner.html

    monkeypatch.setattr(cleaner.html, "_trafilatura",
                        lambda *a, **k: pytest.fail("trafilatura read the page"))
    monkeypatch.setattr(cleaner.html, "MAX_ELEMENTS", 40)
    spans = "".join(f"<span>{i}</span>" for i in range(40))
    result = clean(PAGE.replace("</body>", f"<div>{spans}</div></body>"),
                   content_type="text/html")
    assert any("the page has over 40 elements" in w for w in result.warnings)
    assert PARAS[0] in result.paragraphs


def test_a_tag_crowded_with_attributes_is_refused_before_it_is_parsed(monkeypatch):
    # libxml2 checks each attribute against those before it: a tag of many takes time
    # quadratic in them. Past `MAX_ATTRIBUTES` the page is refused before any parser runs.
    import cleaner.html
    from cleaner import MalformedInput

    def tagged(n: int) -> str:
        attributes = " ".join(f"data-a{i}='{i}'" for i in range(n))
        return PAGE.replace("<p>", f"<p {attributes}>", 1)

    assert clean(tagged(1000), content_type="text/html").paragraphs[0] == PARAS[0]
    import trafilatura.utils

    monkeypatch.setattr(trafilatura.utils, "load_html",
                        lambda *a, **k: pytest.fail("the page was parsed"))
    with pytest.raises(MalformedInput, match="over 1,000 attributes"):
        clean(tagged(1001), content_type="text/html")
    assert cleaner.html.MAX_ATTRIBUTES == 1000


def test_extractor_votes_count_whole_blocks_and_shared_shingles():
    from cleaner.extractor import votes

    extracted = "Alpha beta gamma delta epsilon.\n\nAnd more text after it."
    v = votes(["Alpha beta gamma delta epsilon.", "Not there at all, nothing",
               "beta gamma delta epsilon zeta"], extracted)
    assert v.tolist() == [1.0, 0.0, 0.5]
    assert np.isnan(votes(["Alpha beta"], "  ")).all()


def test_the_pass_doubts_what_the_extractor_left_out_and_a_rule_what_the_text_doubts():
    from cleaner.extractor import EXTRACTOR_DOUBT, combine

    html = np.array([0.55, 0.55, 0.55, 0.9])
    second = np.array([0.5, 0.5, 0.5, 0.3])
    vote = np.array([1.0, 0.0, np.nan, 1.0])
    p = combine(html, second, [False, False, False, True], vote)
    # Kept by the extractor or no vote at all: the pass's own score.
    assert p[0] == p[2] == 0.55
    # Left out: its odds fall by exp(EXTRACTOR_DOUBT), so 0.55 is no longer a keep.
    assert np.isclose(p[1] / (1 - p[1]), (0.55 / 0.45) / np.exp(EXTRACTOR_DOUBT))
    assert p[1] < 0.5
    # A junk rule fired: the lower of the page's and the text's scores.
    assert p[3] == 0.3


def test_visible_lines_say_where_each_line_stands_in_the_markup():
    import lxml.html

    from cleaner.markup import MARKUP_FEATURES, visible_lines

    tree = lxml.html.document_fromstring(
        "<html><body><nav class='top-menu'><a href='/'>Home</a></nav><article><h1>Head</h1>"
        "<p>Some <a href='/x'>linked</a> text</p><table><tr><td>1</td><td>Kyle Busch</td>"
        "</tr></table></article><div id='comments'>Nice post</div>"
        "<footer>© 2024</footer></body></html>")
    lines, rows = visible_lines(tree)
    assert lines == ["Home", "Head", "Some linked text", "1 Kyle Busch", "Nice post", "© 2024"]
    col = {name: rows[:, i] for i, name in enumerate(MARKUP_FEATURES)}
    assert col["in_nav"].tolist() == [1, 0, 0, 0, 0, 0]
    assert col["in_link"][0] == 1 and col["in_link"][2] == len("linked") / len("Somelinkedtext")
    assert col["in_heading"].tolist() == [0, 1, 0, 0, 0, 0]
    assert col["in_article"].tolist() == [0, 1, 1, 1, 0, 0]
    assert col["in_table_cell"][3] == 1
    assert col["in_comments"].tolist() == [0, 0, 0, 0, 1, 0]
    assert col["in_footer"].tolist() == [0, 0, 0, 0, 0, 1]


def test_visible_text_renders_blocks_as_lines_and_skips_hidden_text():
    import lxml.html

    from cleaner.markup import visible_text

    tree = lxml.html.document_fromstring(
        "<html><head><title>T</title><style>p{}</style></head><body><div>One <b>bold</b> "
        "line</div><script>var x = 1;</script><ul><li>Item A</li><li>Item B</li></ul>"
        "<p>Last<br>line</p></body></html>")
    assert visible_text(tree).splitlines() == ["One bold line", "Item A", "Item B", "Last",
                                               "line"]


def test_visible_lines_read_broken_markup_as_the_parser_built_it():
    import lxml.html

    from cleaner.markup import MARKUP_FEATURES, visible_lines

    # An XHTML page: lxml's own XML writer would add id="comments" beside the name, and the
    # line would look like part of a comment section. Entities, a comment's tail, a tag name
    # with quotes in it and a '>' in an attribute are read as the parser built them.
    tree = lxml.html.document_fromstring(
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html><body>'
        '<p><a name="comments">Jump</a></p><p>Fish &amp; chips &lt;3<!-- note --> after</p>'
        '<ahref="http: x.com="" y"="">Odd tag</ahref="http:><p data-x="a>b">Last</p>'
        "</body></html>")
    lines, rows = visible_lines(tree)
    assert lines == ["Jump", "Fish & chips <3 after", "Odd tag", "Last"]
    assert rows[0, MARKUP_FEATURES.index("in_comments")] == 0
    assert rows[0, MARKUP_FEATURES.index("in_link")] == 1


def test_favor_precision_runs_trafilatura_in_its_precision_mode_and_favor_recall_does_not(
        monkeypatch):
    import trafilatura

    asked = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        asked.append((kwargs.get("favor_precision", False), kwargs.get("favor_recall", False)))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    assert clean(PAGE, content_type="text/html", favor_precision=True).paragraphs == PARAS
    clean(PAGE, content_type="text/html", favor_recall=True)
    clean(PAGE, content_type="text/html")
    assert asked == [(True, False), (False, False), (False, False)]


def test_raw_text_with_leaked_script_tags_is_cleaned_as_text():
    prose = ("The council met on Tuesday and agreed the budget for the coming year after a "
             "long debate about roads and schools.")
    leaked = "\n".join(f"<script language='javascript' src='http://ads.example.com/{i}.js'>"
                       "</script>" for i in range(6))
    result = clean(f"Home\nNews\n{leaked}\n{prose}\n{prose}\n")
    assert result.metadata.content_type == "text/plain"
    assert prose in result.text


def test_raw_text_with_a_leaked_widget_line_is_cleaned_as_text():
    """A raw scrape with one line of leaked markup (an ad widget's list, dozens of tags on
    one line) among its lines of text is text, however dense the tags at its head."""
    prose = ("The council met on Tuesday and agreed the budget for the coming year after a "
             "long debate about roads and schools.")
    widget = "".join(f"<li><a href='/p/{i}'><img src='/i/{i}.jpg'></a></li>" for i in range(30))
    lines = ["Home", "News", f"<ul>{widget}</ul>", *[f"{prose} ({i})" for i in range(25)]]
    result = clean("\n".join(lines))
    assert result.metadata.content_type == "text/plain"
    assert f"{prose} (3)" in result.text


@pytest.mark.parametrize("opening", [
    "<!-- Powered by a CMS -->\n",
    '<?xml version="1.0" encoding="utf-8" ?>\n',
    "<script>var ads = [];\n" + "ads.push(1);\n" * 300 + "</script>\n",
])
def test_a_whole_page_after_a_comment_declaration_or_script_is_html(opening):
    page = (f"{opening}<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n"
            f"<html><head><title>T</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + "</body></html>")
    assert clean(page).metadata.content_type == "text/html"


def test_a_pretty_printed_fragment_is_sniffed_as_html():
    """Markup on lines of its own, the text on lines between: still HTML."""
    body = "\n".join(f"<div class='para'>\n  <p>\n    {p}\n  </p>\n</div>" for p in PARAS)
    result = clean(f"<section>\n{body}\n</section>\n")
    assert result.metadata.content_type == "text/html"
    assert "<p>" not in result.text


def test_a_fragment_dense_with_tags_is_sniffed_as_html():
    result = clean("".join(f"<p>{p}</p>" for p in PARAS) + "<p><a href='/'>Home</a></p>")
    assert result.metadata.content_type == "text/html"


def test_every_dev_page_is_sniffed_as_html():
    """Whole pages open in many ways (a comment, an XML declaration, a script before
    `<html>`): each of the dev corpora's pages is HTML to the sniff."""
    from cleaner.pipeline import sniff_content_type
    from training.render import CORPORA_DIR, TRAIN_CORPORA, pages

    if not (CORPORA_DIR / "aeb.jsonl.gz").exists():
        pytest.skip("needs the dev corpora (CLEANER_CORPORA)")
    text = [f"{corpus} {row['id']}" for corpus in TRAIN_CORPORA for row in pages(corpus)
            if sniff_content_type(row["html"]) != "text/html"]
    assert text == []
