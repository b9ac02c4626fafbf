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
    "duplicate": "a block repeating an earlier one",
    "boilerplate": "text outside the article found by its features (short, few stop words, far "
    "from the article)",
    "other": "anything else that is not article text",
}
