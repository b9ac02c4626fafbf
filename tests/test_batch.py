"""`cleaner batch`: many documents from files, directories, JSONL, WARC and WET, one output line
each in input order, equal to `clean()` on the document; bad documents become error lines and
the run goes on; --resume picks up where a run stopped; the parallel map stays bounded."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import clean
from cleaner.batch import Settings, Summary, file_name, run
from cleaner.batch.run import IN_FLIGHT, ordered
from cleaner.batch.sources import Reader
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    """The quality-gate pages (tests/fixtures/quality: raw rendering and HTML of each)."""
    with gzip.open(ROOT / "tests/fixtures/quality/pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _same_as_clean(line: dict, source: str | bytes, content_type: str | None = None) -> None:
    want = clean(source, content_type=content_type, url=line["url"]).to_dict()
    assert "error" not in line, line.get("error")
    assert line["text"] == want["text"]
    assert line["metadata"] == want["metadata"]
    assert line["warnings"] == want["warnings"]


def test_jsonl_pages_in_order_each_equal_to_clean(tmp_path: Path, pages: list[dict]) -> None:
    docs = [{"id": f"{p['id']}-raw", "text": p["raw"], "url": p["url"]} for p in pages]
    docs += [{"id": f"{p['id']}-html", "html": p["html"], "url": p["url"]} for p in pages]
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--workers", "2", "--explain", "-q"]) == 0
    lines = _lines(out)
    assert [line["id"] for line in lines] == [d["id"] for d in docs]
    for line, doc in zip(lines, docs, strict=True):
        if "html" in doc:
            _same_as_clean(line, doc["html"], "text/html")
        else:
            _same_as_clean(line, doc["text"])
        assert line["removed"] == clean(doc.get("html") or doc["text"],
                                        content_type="text/html" if "html" in doc else None,
                                        url=doc["url"]).to_dict()["removed"]


def test_jsonl_field_names_and_gzip(tmp_path: Path) -> None:
    text = SEEDS[1].read_text("utf-8")
    src = tmp_path / "dump.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"key": "a", "body": text, "link": "http://example.com/a"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "-q", "--id-field", "key",
                 "--text-field", "body", "--url-field", "link", "-w", "1"]) == 0
    [line] = _lines(out)
    assert (line["id"], line["url"]) == ("a", "http://example.com/a")
    _same_as_clean(line, text)


def test_directory_recursive_with_gzip_and_other_files(tmp_path: Path) -> None:
    top = tmp_path / "crawl"
    (top / "b" / "c").mkdir(parents=True)
    (top / "a.txt").write_bytes(SEEDS[0].read_bytes())
    with gzip.open(top / "b" / "page.txt.gz", "wb") as f:
        f.write(SEEDS[1].read_bytes())
    (top / "b" / "c" / "z.txt").write_bytes(SEEDS[2].read_bytes())
    (top / "b" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out.jsonl"
    reader = Reader()
    summary = run([str(top)], str(out), workers=2, reader=reader)
    lines = _lines(out)
    assert [line["id"] for line in lines] == [str(top / "a.txt"), str(top / "b/c/z.txt"),
                                              str(top / "b/page.txt.gz")]
    for line, seed in zip(lines, (SEEDS[0], SEEDS[2], SEEDS[1]), strict=True):
        _same_as_clean(line, seed.read_bytes())
    assert (summary.documents, summary.skipped_files, dict(summary.errors)) == (3, 1, {})
    assert summary.words == sum(line["metadata"]["word_count"] for line in lines)


def test_list_of_paths_on_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{s}\n" for s in SEEDS[:2])))
    assert main(["batch", "-", "-o", str(out), "-q", "-w", "1"]) == 0
    assert [line["id"] for line in _lines(out)] == [str(s) for s in SEEDS[:2]]


def _warc(path: Path, pages: list[dict]) -> None:
    """A crawl WARC as a crawler writes it: a request and a response for each page, plus an
    image response (not a document)."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for p in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                p["url"], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(writer.create_warc_record(
                p["url"], "response", payload=io.BytesIO(p["html"].encode("utf-8")),
                http_headers=http))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://example.com/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"),
            http_headers=image))


def _wet(path: Path, pages: list[dict]) -> None:
    """A WET file as Common Crawl writes it: warcinfo, then one conversion record a page."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.warc.wet.gz", {"software": "t"}))
        for p in pages:
            writer.write_record(writer.create_warc_record(
                p["url"], "conversion", payload=io.BytesIO(p["raw"].encode("utf-8")),
                warc_content_type="text/plain"))


def test_warc_responses_and_wet_conversions(tmp_path: Path, pages: list[dict]) -> None:
    _warc(tmp_path / "crawl.warc.gz", pages[:4])
    _wet(tmp_path / "crawl.warc.wet.gz", pages[4:8])
    out = tmp_path / "out.jsonl"
    summary = run([str(tmp_path / "crawl.warc.gz"), str(tmp_path / "crawl.warc.wet.gz")],
                  str(out), workers=2)
    lines = _lines(out)
    assert [line["url"] for line in lines] == [p["url"] for p in pages[:8]]
    assert all(line["id"].startswith("<urn:uuid:") for line in lines)
    assert len({line["id"] for line in lines}) == 8
    for line, p in zip(lines[:4], pages[:4], strict=True):
        _same_as_clean(line, p["html"].encode("utf-8"), "text/html; charset=utf-8")
    for line, p in zip(lines[4:], pages[4:8], strict=True):
        _same_as_clean(line, p["raw"].encode("utf-8"), "text/plain")
    assert (summary.skipped_records, dict(summary.errors)) == (1, {})


def test_bad_documents_become_error_lines_and_the_run_goes_on(tmp_path: Path,
                                                              pages: list[dict]) -> None:
    good = SEEDS[1].read_text("utf-8")
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok-1", "text": good}),
        '{"id": "broken", "text": ',                      # cut short
        "[1, 2, 3]",                                      # not an object
        json.dumps({"id": "no-text", "title": "x"}),      # no text or html field
        json.dumps({"id": "ok-2", "text": good}),
    ]) + "\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    _warc(tmp_path / "whole.warc.gz", pages[:2])
    data = (tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 3])
    inputs = [src, tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "cut.warc.gz",
              tmp_path / "missing.txt", tmp_path / "whole.warc.gz"]
    out = tmp_path / "out.jsonl"
    assert main(["batch", *map(str, inputs), "-o", str(out), "-q", "-w", "2"]) == 1
    lines = _lines(out)
    codes = [line["error"]["code"] if "error" in line else "ok" for line in lines]
    assert codes == ["ok", "invalid-json", "invalid-document", "invalid-document", "ok",
                     "empty-input", "undecodable-input", "corrupt-record", "unreadable-file",
                     "ok", "ok"]
    assert lines[1]["id"] == f"{src}:2" and lines[3]["id"] == "no-text"
    _same_as_clean(lines[4], good)
    assert all(line["error"]["detail"] for line in lines if "error" in line)


def test_resume_skips_what_is_done_and_drops_a_cut_line(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": s.read_text("utf-8")}) + "\n"
                           for i, s in enumerate(SEEDS)), "utf-8")
    full = tmp_path / "full.jsonl"
    assert main(["batch", str(src), "-o", str(full), "-q", "-w", "1"]) == 0
    whole = full.read_text("utf-8").splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(whole[:2]) + whole[2][:40], "utf-8")  # killed mid-line
    summary = run([str(src)], str(part), workers=1, resume=True)
    assert part.read_text("utf-8") == "".join(whole)
    assert (summary.resumed, summary.documents) == (2, len(SEEDS) - 2)


def test_output_dir_one_text_file_a_document(tmp_path: Path) -> None:
    out = tmp_path / "texts"
    assert main(["batch", *map(str, SEEDS[:3]), "--output-dir", str(out), "-q", "-w", "2"]) == 0
    index = _lines(out / "index.jsonl")
    assert [line["id"] for line in index] == [str(s) for s in SEEDS[:3]]
    for n, (line, seed) in enumerate(zip(index, SEEDS[:3], strict=True)):
        assert line["file"] == file_name(n, str(seed))
        want = clean(seed.read_bytes())
        assert (out / line["file"]).read_text("utf-8") == want.text + "\n"
        assert "text" not in line and line["metadata"]["title"] == want.metadata.title


def test_summary_lists_errors_removals_and_rates() -> None:
    s = Summary(documents=4, words=1200, bytes=2_000_000, seconds=2.0, skipped_records=3)
    s.errors.update({"empty-input": 1})
    s.removed.update({"share": 3, "navigation": 5})
    text = "\n".join(s.lines())
    assert "4 documents in 2.0 s (2.0 docs/s, 1.00 MB/s), 1,200 words kept" in text
    assert "errors: 1 (empty-input 1)" in text and "navigation 5, share 3" in text
    assert "3 WARC record(s) whose payload is not HTML or text" in text
    assert "file(s) of other types" not in text


def test_settings_reach_every_document(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(SEEDS[3].read_bytes())
    out = tmp_path / "out.jsonl"
    run([str(src)], str(out), settings=Settings(language="en", favor_precision=True),
        workers=1)
    [line] = _lines(out)
    want = clean(SEEDS[3].read_bytes(), language="en", favor_precision=True)
    assert line["text"] == want.text and line["metadata"]["language_confidence"] is None
    link = "[Vladimir Putin](https://example.org/putin)"
    src.write_text(SEEDS[3].read_text("utf-8").replace("Vladimir Putin", link, 1), "utf-8")
    run([str(src)], str(out), settings=Settings(include_links=True), workers=1)
    [line] = _lines(out)
    assert link in line["text"] == clean(src.read_bytes(), include_links=True).text
    image = "![Vladimir Putin](https://example.org/putin.jpg)"
    src.write_text(SEEDS[3].read_text("utf-8").replace("Vladimir Putin", image + " x", 1),
                   "utf-8")
    run([str(src)], str(out), settings=Settings(include_images=True), workers=1)
    [line] = _lines(out)
    assert image in line["text"] == clean(src.read_bytes(), include_images=True).text


# --- the parallel map ----------------------------------------------------------------------

def _square(chunk: int) -> int:
    return chunk * chunk


def test_ordered_keeps_order_and_reads_ahead_only_a_few_chunks() -> None:
    pulled = []

    def chunks():
        for i in range(100):
            pulled.append(i)
            yield i

    results = ordered(chunks(), _square, 2)
    first = next(results)
    assert first == (0, 0)
    # The reader is at most the in-flight window ahead of the writer, never the whole input.
    assert len(pulled) <= 2 * IN_FLIGHT + 1
    assert list(results) == [(i, i * i) for i in range(1, 100)]


def _die_on_seven(chunk: int, crashed: bool = False) -> str:
    if crashed:
        return f"crashed {chunk}"
    if chunk == 7:
        os._exit(3)  # a worker killed mid-task (out of memory, a signal)
    return f"ok {chunk}"


def test_a_dying_worker_costs_only_its_documents() -> None:
    results = dict(ordered(range(12), _die_on_seven, 2))
    assert results[7] == "crashed 7"
    assert [results[i] for i in range(12) if i != 7] == [f"ok {i}" for i in range(12) if i != 7]


def test_damaged_gzip_and_overlong_lines(tmp_path: Path) -> None:
    text = SEEDS[1].read_text("utf-8")
    docs = [json.dumps({"id": i, "text": text}) + "\n" for i in range(3)]
    whole = tmp_path / "whole.jsonl.gz"
    whole.write_bytes(gzip.compress("".join(docs).encode("utf-8")))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[:-200])
    out = tmp_path / "out.jsonl"
    run([str(cut)], str(out), workers=1)
    lines = _lines(out)
    assert lines[-1]["error"]["code"] == "corrupt-file" and lines[-1]["id"] == str(cut)
    assert all("error" not in line for line in lines[:-1])
    # A line longer than any document is skipped without being held, and the next is read.
    long_src = tmp_path / "long.jsonl"
    long_src.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + docs[0], "utf-8")
    run([str(long_src)], str(out), workers=1, reader=Reader(max_size=1000))
    first, second = _lines(out)
    assert first["error"]["code"] == "input-too-large" and second["id"] == 0


def test_progress_bar_shows_documents_and_megabytes(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    summary = run([str(s) for s in SEEDS], str(tmp_path / "out.jsonl"), workers=1,
                  progress=True)
    err = capsys.readouterr().err
    assert f"{len(SEEDS)}doc" in err.replace(" ", "") and "MB/s" in err
    assert summary.documents == len(SEEDS)
