"""The HTML path: trafilatura extracts, jusText falls back, the text cleaning runs after."""

from __future__ import annotations

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
