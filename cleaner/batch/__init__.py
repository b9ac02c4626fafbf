"""`cleaner batch`: clean many documents in one run, on every core, in bounded memory.

Documents come from `sources.Reader` (files, directories, JSONL, WARC and WET) in input
order; chunks of them go to worker processes (`run.ordered`), and every document gives one
output line in input order: the cleaned result, or an error line when it could not be read
or cleaned. This module is an adapter over `cleaner.clean`, like the command line and the
service: the core library itself reads no files.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import CleanerError
from ..pipeline import clean
from ..result import CleanResult
from .run import ordered
from .sources import Document, Fields, Reader

__all__ = ["Document", "Fields", "Reader", "Settings", "Summary", "run"]


@dataclass(frozen=True)
class Settings:
    """How every document of a run is cleaned and reported."""

    language: str | None = None
    favor_precision: bool = False
    favor_recall: bool = False
    #: Keep Markdown links in raw text as written (`cleaner.Options.include_links`).
    include_links: bool = False
    #: Keep the article's Markdown images as written (`cleaner.Options.include_images`).
    include_images: bool = False
    #: Include `removed` (and `metadata_blocks`) in each output line.
    explain: bool = False
    #: Seconds one document may take before it becomes an error line (0: no limit).
    time_budget: float = 60.0


DEFAULT_SETTINGS = Settings()


@dataclass
class Summary:
    """What a run did: documents, errors by code, words kept, removals by kind, time."""

    documents: int = 0
    resumed: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    words: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    seconds: float = 0.0
    skipped_files: int = 0
    skipped_records: int = 0

    def lines(self) -> list[str]:
        """The summary as a person reads it."""
        rate = self.documents / self.seconds if self.seconds else 0.0
        mb = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        out = [f"cleaner batch: {self.documents:,} documents in {self.seconds:.1f} s "
               f"({rate:,.1f} docs/s, {mb:.2f} MB/s), {self.words:,} words kept"]
        if self.resumed:
            out.append(f"  {self.resumed:,} already in the output (--resume), skipped")
        if self.errors:
            out.append(f"  errors: {sum(self.errors.values()):,} ("
                       + ", ".join(f"{c} {n:,}" for c, n in self.errors.most_common()) + ")")
        if self.removed:
            out.append("  removed: " + ", ".join(f"{k} {n:,}"
                                                 for k, n in self.removed.most_common()))
        if self.skipped_files:
            out.append(f"  passed over: {self.skipped_files:,} file(s) of other types in the "
                       "directories")
        if self.skipped_records:
            out.append(f"  passed over: {self.skipped_records:,} WARC record(s) whose payload "
                       "is not HTML or text")
        return out


#: One document's outcome from a worker: its output line (JSON, no newline), the text for
#: --output-dir, the error code or None, words kept, removals by kind, input size.
Outcome = tuple[str, str, str | None, int, dict[str, int], int]

#: Most documents and input bytes in one chunk sent to a worker.
CHUNK_DOCS = 16
CHUNK_BYTES = 2_000_000


def clean_record(doc: Document, settings: Settings) -> tuple[dict[str, Any], CleanResult | None]:
    """Clean one document into its output record: `id`, `url`, `text`, `metadata`,
    `warnings` (and `removed`, `metadata_blocks` with `settings.explain`), or `id`, `url`,
    `error` {`code`, `detail`}; never raises. The result is returned beside it (None on an
    error)."""
    if doc.error is not None:
        return _error(doc, *doc.error), None
    try:
        result = clean(doc.source, content_type=doc.content_type, url=doc.url,
                       language=settings.language, favor_precision=settings.favor_precision,
                       favor_recall=settings.favor_recall, include_links=settings.include_links,
                       include_images=settings.include_images, time_budget=settings.time_budget)
    except CleanerError as exc:
        return _error(doc, exc.code, str(exc)), None
    except Exception as exc:  # a bug: report it on the document, keep the run going
        return _error(doc, "internal-error", f"{type(exc).__name__}: {exc}"), None
    full = result.to_dict()
    record: dict[str, Any] = {"id": doc.id, "url": doc.url, "text": full["text"],
                              "metadata": full["metadata"], "warnings": full["warnings"]}
    if settings.explain:
        record["removed"] = full["removed"]
        record["metadata_blocks"] = full["metadata_blocks"]
    return record, result


def clean_document(doc: Document, settings: Settings, text_apart: bool = False) -> Outcome:
    """`clean_record` as an output line with what the summary counts. With `text_apart`
    the text is returned beside the line instead of inside it (for --output-dir)."""
    record, result = clean_record(doc, settings)
    if result is None:
        return _failed(record, doc)
    if text_apart:
        del record["text"]
    kinds = Counter(r.kind for r in result.removed)
    return (json.dumps(record, ensure_ascii=False), result.text, None,
            result.metadata.word_count, dict(kinds), doc.size)


def _error(doc: Document, code: str, detail: str) -> dict[str, Any]:
    return {"id": doc.id, "url": doc.url, "error": {"code": code, "detail": detail}}


def _failed(record: dict[str, Any], doc: Document) -> Outcome:
    """The outcome of a document that gave the error line `record`."""
    return json.dumps(record, ensure_ascii=False), "", record["error"]["code"], 0, {}, doc.size


def clean_chunk(docs: list[Document], settings: Settings, text_apart: bool) -> list[Outcome]:
    """`clean_document` over a chunk (what one worker task does)."""
    return [clean_document(d, settings, text_apart) for d in docs]


def chunks(docs: Iterable[tuple[int, Document]]) -> Iterator[list[tuple[int, Document]]]:
    """Numbered documents grouped for the workers: at most `CHUNK_DOCS` and about
    `CHUNK_BYTES` a chunk."""
    chunk: list[tuple[int, Document]] = []
    size = 0
    for item in docs:
        chunk.append(item)
        size += item[1].size
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def done_ids(path: str) -> set[Any]:
    """The ids already written to a JSONL output (for --resume). A last line cut short by an
    interrupted run is removed from the file, so that the run appends after whole lines."""
    ids: set[Any] = set()
    if not os.path.exists(path):
        return ids
    good = 0
    with open(path, "rb") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not line.endswith(b"\n") or not isinstance(record, dict):
                break
            ids.add(record.get("id"))
            good += len(line)
    if good != os.path.getsize(path):
        with open(path, "r+b") as fh:
            fh.truncate(good)
    return ids


class _Output:
    """Where outcomes go: JSONL lines to a file or stdout, or one .txt a document in a
    directory with an `index.jsonl` beside them."""

    def __init__(self, out: str | None, out_dir: str | None, append: bool) -> None:
        self.dir = out_dir
        self.stream: IO[str]
        if out_dir is not None:
            os.makedirs(out_dir, exist_ok=True)
            self.stream = open(os.path.join(out_dir, "index.jsonl"),
                               "a" if append else "w", encoding="utf-8")
        elif out is None or out == "-":
            self.stream = sys.stdout
        else:
            self.stream = open(out, "a" if append else "w", encoding="utf-8")

    def write(self, n: int, doc_id: Any, outcome: Outcome) -> None:
        line, text, error = outcome[0], outcome[1], outcome[2]
        if self.dir is not None and error is None:
            name = file_name(n, doc_id)
            with open(os.path.join(self.dir, name), "w", encoding="utf-8") as fh:
                fh.write(text + "\n" if text else "")
            line = line[:-1] + f', "file": {json.dumps(name)}}}'
        self.stream.write(line + "\n")

    def close(self) -> None:
        self.stream.flush()
        if self.stream is not sys.stdout:
            self.stream.close()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(n: int, doc_id: Any) -> str:
    """A document's .txt name in --output-dir: its place in the input, then a readable and
    a hashed form of its id (ids may be URLs or paths, and may repeat)."""
    text = str(doc_id)
    stem = _UNSAFE.sub("_", text).strip("._")[-80:]
    return f"{n:08d}-{stem}-{zlib.crc32(text.encode('utf-8')):08x}.txt"


def run(inputs: Iterable[str], out: str | None = None, out_dir: str | None = None,
        settings: Settings = DEFAULT_SETTINGS, workers: int | None = None, resume: bool = False,
        reader: Reader | None = None, progress: bool = False) -> Summary:
    """Clean every document of `inputs` into `out` (JSONL; None or "-" for stdout) or
    `out_dir`; returns the run's `Summary`. `workers` processes (default: one per core)."""
    reader = reader or Reader()
    workers = workers or available_cores()
    summary = Summary()
    index_path = os.path.join(out_dir, "index.jsonl") if out_dir else out
    skip = done_ids(index_path) if resume and index_path and index_path != "-" else set()
    numbered = enumerate(reader.read(inputs))

    def pending() -> Iterator[tuple[int, Document]]:
        for n, doc in numbered:
            if doc.id in skip:
                summary.resumed += 1
            else:
                yield n, doc

    output = _Output(out, out_dir, append=bool(skip) or (resume and _exists(index_path)))
    bar = _bar(progress)
    start = time.perf_counter()
    text_apart = out_dir is not None
    try:
        for chunk, outcomes in ordered(chunks(pending()), _clean_numbered, workers, settings,
                                       text_apart):
            for (n, doc), outcome in zip(chunk, outcomes, strict=True):
                _, _, error, words, kinds, size = outcome
                output.write(n, doc.id, outcome)
                summary.documents += 1
                summary.bytes += size
                if error is None:
                    summary.words += words
                    summary.removed.update(kinds)
                else:
                    summary.errors[error] += 1
            if bar is not None:
                bar.update(len(chunk))
                elapsed = time.perf_counter() - start
                bar.set_postfix_str(f"{summary.bytes / 1e6 / elapsed:.2f} MB/s", refresh=False)
    finally:
        output.close()
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - start
        summary.skipped_files = reader.skipped.files
        summary.skipped_records = reader.skipped.records
    return summary


def _clean_numbered(chunk: list[tuple[int, Document]], settings: Settings, text_apart: bool,
                    crashed: bool = False) -> list[Outcome]:
    """A worker's task; with `crashed`, the error lines of a chunk whose worker died twice."""
    if crashed:
        detail = ("the worker process cleaning this chunk of documents died twice "
                  "(out of memory or killed)")
        return [_failed(_error(doc, "worker-crashed", detail), doc) for _, doc in chunk]
    return clean_chunk([doc for _, doc in chunk], settings, text_apart)


def _exists(path: str | None) -> bool:
    return bool(path) and path != "-" and os.path.exists(path)  # type: ignore[arg-type]


def _bar(progress: bool) -> Any:
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
