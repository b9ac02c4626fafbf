"""datatrove: `CleanerExtractor`, a pipeline step that cleans each document where LLM-corpus
pipelines run trafilatura (after a WARC or JSONL reader, before the filters).

Each document's text (raw scraped text, as in WET files, or HTML, as in WARC responses) is
replaced by the clean text; the metadata found (title, published, author, language and its
confidence, the cleaning's confidence, word count) and the removals counted by kind (under
"removed") go into the document's metadata, overwriting keys of the same name. A document
with no article text left is dropped, as datatrove's extractors do; one that cannot be
cleaned is dropped and counted by its error code in the step's stats.

    from datatrove.pipeline.readers import WarcReader
    from cleaner.integrations.datatrove import CleanerExtractor
    pipeline = [WarcReader("s3://commoncrawl/..."), CleanerExtractor(), ...]
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from .. import CleanerError, clean
from ..langtags import primary_language

#: The `Metadata` fields copied into a document's metadata (when found).
METADATA_KEYS = ("title", "published", "author", "language", "language_confidence",
                 "confidence", "word_count")


class CleanerExtractor(PipelineStep):
    """Clean each document's text (see the module's docs). `content_type` is "text/html",
    "text/plain" or None to sniff each document; `time_budget` bounds the seconds spent on
    one document (the cleaner checks it as it goes, so no sandbox process is needed)."""

    name = "🧹 article-cleaner"
    type = "🛢 - EXTRAC"

    def __init__(self, content_type: str | None = None, language: str | None = None,
                 favor_precision: bool = False, favor_recall: bool = False,
                 time_budget: float = 60.0, url_key: str = "url") -> None:
        super().__init__()
        self.content_type = content_type
        # A bad language would fail every document: refuse it here, once.
        self.language = None if language is None else primary_language(language)
        self.favor_precision = favor_precision
        self.favor_recall = favor_recall
        self.time_budget = time_budget
        self.url_key = url_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
            ) -> DocumentsPipeline:
        warned = False
        for doc in data:
            self.stat_update(StatHints.total)
            url = doc.metadata.get(self.url_key)
            with self.track_time():
                try:
                    result = clean(doc.text, content_type=self.content_type,
                                   url=url if isinstance(url, str) else None,
                                   language=self.language,
                                   favor_precision=self.favor_precision,
                                   favor_recall=self.favor_recall,
                                   time_budget=self.time_budget)
                except CleanerError as exc:
                    self.stat_update(f"error_{exc.code}")
                    if not warned:
                        logger.warning(f"cleaner: {exc.code} on document {doc.id}: {exc} "
                                       "(dropped; counted in the stats from now on)")
                        warned = True
                    continue
            if not result.text:
                self.stat_update(StatHints.dropped)
                continue
            doc.text = result.text
            meta: dict[str, Any] = {key: getattr(result.metadata, key) for key in METADATA_KEYS}
            doc.metadata.update({k: v for k, v in meta.items() if v is not None})
            doc.metadata["removed"] = dict(Counter(r.kind for r in result.removed))
            self.stat_update("extracted")
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
