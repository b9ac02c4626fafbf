"""Scrapy: `CleanerPipeline` cleans each scraped item's page into fields of the item.

Where the page is (settings):
- `CLEANER_SOURCE_FIELD` (default "html"): the item field holding the page, HTML or raw text.
  To clean the response body itself, also enable `CleanerResponseMiddleware` (a spider
  middleware): it copies each response's body (decoded text) and URL into the items its
  callback yields, where those fields are not already set.
- `CLEANER_CONTENT_TYPE`: "text/html", "text/plain", or unset to sniff each page.
- `CLEANER_URL_FIELD` (default "url"): the page's address, for the metadata.
- `CLEANER_LANGUAGE`: an ISO 639-1 code for every page, or unset to identify it.

Which fields it fills:
- `CLEANER_FIELDS`: result field -> item field, default {"text": "text", "title": "title",
  "published": "published", "author": "author", "language": "language"}; any `Metadata`
  field may be named, and "removed_count". Values that were not found (None) are not set.
- `CLEANER_KEEP_SOURCE` (default True): False drops the source field once it is cleaned.
- `CLEANER_ERROR_FIELD` (default "cleaner_error"): where an error goes ({"code", "detail"})
  when the page cannot be cleaned; or `CLEANER_DROP_ON_ERROR = True` to drop the item.

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    SPIDER_MIDDLEWARES = {"cleaner.integrations.scrapy.CleanerResponseMiddleware": 800}
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from .. import CleanerError, clean
from ..langtags import primary_language

logger = logging.getLogger(__name__)

DEFAULT_FIELDS = {"text": "text", "title": "title", "published": "published",
                  "author": "author", "language": "language"}


class CleanerPipeline:
    """An item pipeline: the page in one field of the item in, its clean text and metadata
    in other fields out."""

    def __init__(self, source_field: str = "html", content_type: str | None = None,
                 url_field: str = "url", language: str | None = None,
                 fields: dict[str, str] | None = None, keep_source: bool = True,
                 error_field: str = "cleaner_error", drop_on_error: bool = False) -> None:
        self.source_field = source_field
        self.content_type = content_type
        self.url_field = url_field
        # A bad language would fail every item: refuse it here, once.
        self.language = None if language is None else primary_language(language)
        self.fields = dict(DEFAULT_FIELDS if fields is None else fields)
        self.keep_source = keep_source
        self.error_field = error_field
        self.drop_on_error = drop_on_error

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        s = crawler.settings
        return cls(source_field=s.get("CLEANER_SOURCE_FIELD", "html"),
                   content_type=s.get("CLEANER_CONTENT_TYPE") or None,
                   url_field=s.get("CLEANER_URL_FIELD", "url"),
                   language=s.get("CLEANER_LANGUAGE") or None,
                   fields=s.getdict("CLEANER_FIELDS") or None,
                   keep_source=s.getbool("CLEANER_KEEP_SOURCE", True),
                   error_field=s.get("CLEANER_ERROR_FIELD", "cleaner_error"),
                   drop_on_error=s.getbool("CLEANER_DROP_ON_ERROR", False))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the item's page; the item goes on with the fields filled (or is dropped on
        an error when `drop_on_error`)."""
        adapter = ItemAdapter(item)
        source = adapter.get(self.source_field)
        if not isinstance(source, (str, bytes)):
            return self._error(adapter, item, "no-source",
                               f"the item has no {self.source_field!r} field with the page")
        url = adapter.get(self.url_field)
        try:
            result = clean(source, content_type=self.content_type,
                           url=url if isinstance(url, str) else None, language=self.language)
        except CleanerError as exc:
            return self._error(adapter, item, exc.code, str(exc))
        values = result.metadata.__dict__ | {"text": result.text,
                                             "removed_count": len(result.removed)}
        for name, field in self.fields.items():
            if values.get(name) is not None:
                adapter[field] = values[name]
        if not self.keep_source:
            del adapter[self.source_field]
        return item

    def _error(self, adapter: ItemAdapter, item: Any, code: str, detail: str) -> Any:
        if self.drop_on_error:
            raise DropItem(f"cleaner: {code}: {detail}")
        logger.warning("cleaner: %s: %s", code, detail)
        adapter[self.error_field] = {"code": code, "detail": detail}
        return item


class CleanerResponseMiddleware:
    """A spider middleware: puts each response's body (as text) and URL into the items its
    callback yields, for `CleanerPipeline` to clean (fields from the same settings)."""

    def __init__(self, source_field: str = "html", url_field: str = "url") -> None:
        self.source_field = source_field
        self.url_field = url_field

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerResponseMiddleware:
        s = crawler.settings
        return cls(s.get("CLEANER_SOURCE_FIELD", "html"), s.get("CLEANER_URL_FIELD", "url"))

    def process_spider_output(self, response: Any, result: Iterable[Any],
                              spider: Any = None) -> Iterator[Any]:
        for out in result:
            yield self._fill(response, out)

    async def process_spider_output_async(self, response: Any, result: Any,
                                          spider: Any = None) -> Any:
        async for out in result:
            yield self._fill(response, out)

    def _fill(self, response: Any, out: Any) -> Any:
        if not ItemAdapter.is_item(out):
            return out  # requests pass through
        adapter = ItemAdapter(out)
        if adapter.get(self.source_field) is None:
            text = getattr(response, "text", None)  # TextResponse decodes by its headers
            adapter[self.source_field] = text if isinstance(text, str) else response.body
        if adapter.get(self.url_field) is None:
            adapter[self.url_field] = response.url
        return out
