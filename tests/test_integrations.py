"""The Scrapy pipeline (a real crawl of pages served on loopback) and the datatrove step (a
local pipeline from JSONL to JSONL): each cleans what it is given exactly as `clean()` does."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cleaner import CleanerError, clean

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    with gzip.open(ROOT / "tests/fixtures/quality/pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# --- Scrapy ----------------------------------------------------------------------------------

@pytest.fixture()
def site(pages: list[dict]) -> Iterator[str]:
    """The pages served on loopback, with an index page linking to them."""
    links = "".join(f'<a href="/p/{i}">page {i}</a>' for i in range(len(pages)))
    index = f"<html><body>{links}</body></html>".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                body = index
            elif self.path.startswith("/p/"):
                body = pages[int(self.path[3:])]["html"].encode("utf-8")
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CRAWL = textwrap.dedent("""
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Pages(scrapy.Spider):
        name = "pages"
        start_urls = [sys.argv[1] + "/"]

        def parse(self, response):
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, self.page)

        def page(self, response):
            yield {"fetched": True}

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "SPIDER_MIDDLEWARES": {"cleaner.integrations.scrapy.CleanerResponseMiddleware": 800},
        "CLEANER_FIELDS": {"text": "text", "title": "title", "language": "language",
                           "removed_count": "removed_count"},
        "CLEANER_KEEP_SOURCE": False,
        "FEEDS": {sys.argv[2]: {"format": "jsonlines", "encoding": "utf8"}},
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
    })
    process.crawl(Pages)
    process.start()
""")


def test_scrapy_crawl_cleans_every_page(tmp_path: Path, site: str, pages: list[dict]) -> None:
    pytest.importorskip("scrapy")
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL, "utf-8")
    out = tmp_path / "items.jsonl"
    run = subprocess.run([sys.executable, str(script), site, str(out)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(items) == len(pages)
    for item in items:
        page = pages[int(item["url"].rsplit("/", 1)[1])]
        want = clean(page["html"], url=item["url"])
        assert "html" not in item and item["fetched"] is True
        assert item["text"] == want.text
        assert item.get("title") == want.metadata.title
        assert item["language"] == want.metadata.language
        assert item["removed_count"] == len(want.removed)


def test_scrapy_pipeline_on_an_item_field_and_errors(pages: list[dict]) -> None:
    pytest.importorskip("scrapy")
    from scrapy.exceptions import DropItem

    from cleaner.integrations.scrapy import CleanerPipeline

    pipeline = CleanerPipeline(source_field="body", content_type="text/plain",
                               fields={"text": "clean", "word_count": "words"})
    item = pipeline.process_item({"body": pages[0]["raw"], "url": pages[0]["url"]})
    want = clean(pages[0]["raw"], content_type="text/plain", url=pages[0]["url"])
    assert (item["clean"], item["words"]) == (want.text, want.metadata.word_count)
    assert item["body"] == pages[0]["raw"]  # kept by default
    broken = pipeline.process_item({"body": b"\x00\x01\x02" * 100})
    assert broken["cleaner_error"]["code"] == "undecodable-input" and "clean" not in broken
    assert pipeline.process_item({})["cleaner_error"]["code"] == "no-source"
    with pytest.raises(CleanerError, match="BCP 47"):
        CleanerPipeline(language="english")
    strict = CleanerPipeline(source_field="body", drop_on_error=True)
    with pytest.raises(DropItem, match="undecodable-input"):
        strict.process_item({"body": b"\x00\x01\x02" * 100})


# --- datatrove -------------------------------------------------------------------------------

def test_datatrove_pipeline_cleans_a_jsonl(tmp_path: Path, pages: list[dict]) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerExtractor

    (tmp_path / "in").mkdir()
    docs = [{"id": p["id"], "text": p["raw"], "url": p["url"]} for p in pages]
    docs.append({"id": "binary", "text": "\x00" * 50})  # nothing to keep: dropped
    (tmp_path / "in" / "docs.jsonl").write_text(
        "".join(json.dumps(d) + "\n" for d in docs), "utf-8")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), CleanerExtractor(),
                  JsonlWriter(str(tmp_path / "out"))],
        tasks=1, logging_dir=str(tmp_path / "logs")).run()
    out = []
    for path in sorted((tmp_path / "out").iterdir()):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            out += [json.loads(line) for line in f]
    assert [d["id"] for d in out] == [p["id"] for p in pages]
    for doc, page in zip(out, pages, strict=True):
        want = clean(page["raw"], url=page["url"])
        assert doc["text"] == want.text
        meta = doc["metadata"]
        assert meta["url"] == page["url"]
        assert meta.get("title") == want.metadata.title
        assert meta["language"] == want.metadata.language
        assert meta["word_count"] == want.metadata.word_count
        assert meta["removed"] == dict(Counter(r.kind for r in want.removed))
