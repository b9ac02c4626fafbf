"""Imported by `cleaner batch`'s fork server before it forks the workers: cleans a small
page once, so that the model, the lexicon and the language identifier are loaded in the
server and every worker starts with them (shared, copy-on-write) instead of loading its own
(about a second each)."""

from __future__ import annotations

from ..pipeline import clean

_PAGE = """Home » News » World
Share on Facebook
Published: June 18, 2024
The council met on Tuesday and agreed to repair the old bridge before the winter, after
engineers warned that the supports had weakened over the past ten years of heavy traffic.
Work will start next month and should take about six weeks, the mayor said in a statement.
See also: Ten bridges to see this summer
© 2024 Example News. All rights reserved.
"""

clean(_PAGE)
clean("<html><body><article><p>" + _PAGE.replace("\n", "</p><p>") + "</p></article></body></html>",
      content_type="text/html")
