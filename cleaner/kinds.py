"""The closed set of removal kinds: what a removed block was, in one word."""

from __future__ import annotations

#: Every kind a `Removal` can carry, with what it means. Nothing else is ever emitted.
KINDS: dict[str, str] = {
    "navigation": "menus, skip links, pagination, site-wide links",
    "breadcrumb": "a section path or a section name glued to a teaser of the headline",
    "related-link": "a single pointer to another article ('See also ...', 'Read more: ...')",
    "related-list": "headlines of other articles listed under a widget label",
    "section-label": "the heading of a widget with no content of its own ('Popular posts')",
    "share": "share bars and social buttons",
    "advertisement": "ad markers and sponsored-content notices",
    "newsletter": "newsletter, subscription and sign-up calls to action",
    "cookie-notice": "cookie and consent banners",
    "legal": "copyright lines, terms, privacy notices",
    "comments": "the comment section and its prompts",
    "byline": "author lines ('By ...'), reported in metadata where found",
    "timestamp": "date and time lines other than the one taken as the publication date",
    "caption": "image captions",
    "credit": "photo and image credits",
    "image": "a Markdown image with no text of its own (`include_images` keeps those inside "
    "the article)",
    "duplicate": "a block repeating another (one copy is kept)",
    "boilerplate": "text outside the article found by its features (short, few stop words, far "
    "from the article)",
    "other": "anything else that is not article text",
}

#: Every rule id a `Removal` can carry (its `rule`), with what it means: a stable name for
#: code and statistics to read, where `reason` is written for people.
RULES: dict[str, str] = {
    "shape.no-letters": "symbols, numbers or punctuation only",
    "shape.pagination": "page numbers",
    "shape.bare-url": "a URL alone on its line",
    "shape.image": "Markdown images alone on their line (a picture, a gallery, a linked logo)",
    "shape.empty-link": "Markdown links with no text alone on their line (an icon's or a "
    "logo's link)",
    "lexicon.line": "the whole line is listed junk vocabulary (a menu word, a label, a button)",
    "lexicon.comments-label": "the heading of a comment section",
    "lexicon.menu-item": "a listed menu word, where the labeller found no article around it",
    "lexicon.phrase": "holds a listed junk phrase (cookies, newsletter, copyright...)",
    "lexicon.phrase-hint": "holds a listed junk phrase inside a sentence; the labeller judged it",
    "lexicon.related-prefix": "'See also', 'Read more' and the like followed by a headline",
    "lexicon.byline": "'By' and a name",
    "lexicon.timestamp-prefix": "'Updated', 'Posted' and the like with a date or time",
    "lexicon.credit": "'Photo:', 'Image credit' and the like",
    "date-line": "a line that is a date",
    "repeat.duplicate": "repeats another block word for word (the first copy kept stays, and a "
    "short one between two kept blocks)",
    "repeat.teaser": "a cut-short teaser of another block, or a section name glued to one",
    "model.before-article": "judged not article text by the labeller; stands before the article",
    "model.after-article": "judged not article text by the labeller; stands after the article",
    "model.inside-article": "judged not article text by the labeller; stands between article "
    "paragraphs",
    "model.caption": "an image caption inside the article (a line closing with a credit, or "
    "above a credit line); `keep_captions` keeps it",
    "model.comments": "below a comments label, after the article",
    "model.under-label": "a headline listed under a widget label ('Popular posts')",
    "model.no-article": "the labeller found no article text on the page",
    "html.no-main-content": "a visible line of an HTML page where trafilatura found no main "
    "content and `html_fallback` is off",
    "other": "anything else",
}
