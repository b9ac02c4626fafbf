"""Where `cleaner batch` finds documents: files and directories of pages, JSONL dumps, WARC
and WET archives. Every reader yields `Document`s in input order and never raises for one
bad document: what cannot be read becomes a `Document` with an `error`, and the run goes on.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, BinaryIO

#: Extensions (before an optional ".gz") of files that hold one document each.
DOCUMENT_EXTENSIONS = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html",
                       ".xhtml": "text/html"}
#: Extensions (before an optional ".gz") of files that hold many.
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
WARC_EXTENSIONS = (".warc", ".wet", ".arc")
#: WARC record types that hold a document: a fetched page, a WET text conversion, a stored
#: file; and the payload types taken from them (others, such as images, are skipped).
_RECORD_TYPES = ("response", "conversion", "resource")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fields:
    """The JSONL field names a document's parts are read from."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"


DEFAULT_FIELDS = Fields()


@dataclass(frozen=True)
class Document:
    """One input document, or why it could not be read (`error`: a code and a detail)."""

    id: str | int
    source: str | bytes = b""
    url: str | None = None
    #: The content type to clean it as; None lets `cleaner.clean` sniff.
    content_type: str | None = None
    error: tuple[str, str] | None = None

    @property
    def size(self) -> int:
        return len(self.source)


@dataclass
class Skipped:
    """What the readers passed over on purpose (counted for the summary, never silent)."""

    files: int = 0
    records: int = 0


class Reader:
    """Documents from paths (files, directories, `-` for a list of paths on `stdin`), in
    order. `max_size` is the largest document read whole (larger ones become errors)."""

    def __init__(self, fields: Fields = DEFAULT_FIELDS, max_size: int = 10_000_000,
                 content_type: str | None = None, stdin: IO[str] | None = None) -> None:
        self.fields = fields
        self.max_size = max_size
        self.content_type = content_type
        self.stdin = stdin
        self.skipped = Skipped()

    def read(self, inputs: Iterable[str]) -> Iterator[Document]:
        """Every document of `inputs`, in order."""
        for path in inputs:
            if path == "-":
                if self.stdin is None:
                    raise ValueError("'-' needs a standard input")
                for line in self.stdin:
                    if line.strip():
                        yield from self._path(line.rstrip("\r\n"), listed=True)
            else:
                yield from self._path(path, listed=True)

    def _path(self, path: str, listed: bool) -> Iterator[Document]:
        if os.path.isdir(path):
            for name, problem in walk(path):
                if problem is None:
                    yield from self._path(name, listed=False)
                else:
                    yield Document(name, error=("unreadable-file", f"cannot list {name}: "
                                                f"{problem.strerror or problem}"))
            return
        kind = kind_of(path)
        if kind is None and not listed:
            self.skipped.files += 1  # a directory's images, scripts, notes...
            return
        try:
            if kind is None:
                kind = _sniff(path)
            if kind == "jsonl":
                yield from self._jsonl(path)
            elif kind == "warc":
                yield from self._warc(path)
            else:
                yield self._file(path, DOCUMENT_EXTENSIONS.get(kind or ""))
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield Document(path, error=("corrupt-file", f"{path} is damaged ({exc}); what "
                                        "came before the damage was read"))
        except OSError as exc:
            yield Document(path, error=("unreadable-file", f"cannot read {path}: "
                                        f"{exc.strerror or exc}"))

    def _file(self, path: str, content_type: str | None) -> Document:
        with _open(path) as fh:
            data = fh.read(self.max_size + 1)
        if not data:
            return Document(path, error=("empty-input", "the file is empty"))
        if len(data) > self.max_size:
            return Document(path, error=("input-too-large", f"the file is over the limit of "
                                         f"{self.max_size:,} bytes"))
        return Document(path, data, content_type=self.content_type or content_type)

    def _jsonl(self, path: str) -> Iterator[Document]:
        with _open(path) as fh:
            yield from self.jsonl(fh, path)

    def jsonl(self, fh: BinaryIO, path: str) -> Iterator[Document]:
        """The documents of a JSONL stream (`path` names it in ids and errors)."""
        f = self.fields
        for n, line in enumerate(_lines(fh, self.max_size * 4 + 4096), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            if line is _TOO_LONG:
                yield Document(where, error=("input-too-large", f"line {n} is longer than "
                                             "any document the cleaner takes"))
                continue
            try:
                doc = json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield Document(where, error=("invalid-json", f"line {n} is not JSON: {exc}"))
                continue
            if not isinstance(doc, dict):
                yield Document(where, error=("invalid-document",
                                             f"line {n} is not a JSON object"))
                continue
            doc_id = doc.get(f.id)
            if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
                doc_id = where
            url = doc.get(f.url)
            url = url if isinstance(url, str) else None
            html, text = doc.get(f.html), doc.get(f.text)
            if isinstance(html, str):
                source, content_type = html, "text/html"
            elif isinstance(text, str):
                source, content_type = text, None
            else:
                yield Document(doc_id, url=url, error=(
                    "invalid-document", f"line {n} has no string field {f.text!r} or "
                    f"{f.html!r}"))
                continue
            if len(source) > self.max_size:
                yield Document(doc_id, url=url, error=(
                    "input-too-large", f"the document is over the limit of "
                    f"{self.max_size:,} characters"))
                continue
            yield Document(doc_id, source, url, self.content_type or content_type)

    def _warc(self, path: str) -> Iterator[Document]:
        with open(path, "rb") as fh:
            yield from self.warc(fh, path)

    def warc(self, fh: BinaryIO, path: str) -> Iterator[Document]:
        """The documents of a WARC or WET stream, gzipped or not (`path` names it)."""
        from warcio.archiveiterator import ArchiveIterator

        records = ArchiveIterator(fh, no_record_parse=False, arc2warc=True)
        while True:
            try:
                record = next(records)
                doc = self._record(record)
            except StopIteration:
                return
            except Exception as exc:  # warcio raises many kinds on damaged archives
                # A damaged archive has no reliable next record to resume from.
                yield Document(f"{path}@{_offset(records, fh)}", error=(
                    "corrupt-record", f"{type(exc).__name__}: {exc}; the rest of "
                    f"{path} was not read"))
                return
            if doc is None:
                self.skipped.records += record.rec_type in _RECORD_TYPES
            else:
                yield doc

    def _record(self, record: object) -> Document | None:
        """The document a WARC record holds; None for records that hold none (requests,
        metadata) or no text (images, PDFs)."""
        rec_type = record.rec_type  # type: ignore[attr-defined]
        if rec_type not in _RECORD_TYPES:
            return None
        headers = record.rec_headers  # type: ignore[attr-defined]
        if rec_type == "response" and record.http_headers is not None:  # type: ignore[attr-defined]
            declared = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
        else:
            declared = headers.get_header("Content-Type") or ""
        mime = declared.split(";")[0].strip().lower()
        if mime not in _TEXT_TYPES:
            return None
        rec_id = headers.get_header("WARC-Record-ID") or ""
        url = headers.get_header("WARC-Target-URI")
        data = record.content_stream().read(self.max_size + 1)  # type: ignore[attr-defined]
        missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
        if len(data) <= self.max_size and missing:
            # warcio hands a record cut short by the end of the file over as it is.
            raise EOFError(f"record {rec_id} is cut short ({missing:,} bytes missing)")
        if len(data) > self.max_size:
            return Document(rec_id, url=url, error=(
                "input-too-large", f"the record is over the limit of {self.max_size:,} bytes"))
        if not data:
            return Document(rec_id, url=url, error=("empty-input", "the record is empty"))
        content_type = "text/html" if mime != "text/plain" else "text/plain"
        if "charset=" in declared.lower():
            content_type += "; " + declared.split(";", 1)[1].strip()
        return Document(rec_id, data, url, self.content_type or content_type)


#: What `_lines` gives for a line over its limit (its bytes are skipped, never held).
_TOO_LONG = b"\0 too long"


def _lines(fh: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of `fh`, each held in memory only up to `limit` bytes."""
    while True:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) == limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the line
                more = fh.readline(limit)
                if not more or more.endswith(b"\n"):
                    break
            yield _TOO_LONG
        else:
            yield line


def walk(top: str) -> Iterator[tuple[str, OSError | None]]:
    """The files under `top` in the order of their sorted paths (as `find | sort` lists
    them), not following links to directories, however deep; a directory that cannot be
    listed comes with the error."""
    stack: list[Iterator[os.DirEntry[str]]] = []
    problem = _push(stack, top)
    if problem is not None:
        yield top, problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir(follow_symlinks=False):
            problem = _push(stack, entry.path)
            if problem is not None:
                yield entry.path, problem
        else:
            yield entry.path, None


def _push(stack: list[Iterator[os.DirEntry[str]]], path: str) -> OSError | None:
    try:
        with os.scandir(path) as it:
            stack.append(iter(sorted(it, key=lambda e: e.name)))
    except OSError as exc:
        return exc
    return None


def kind_of(path: str) -> str | None:
    """'jsonl', 'warc' or a document extension ('.txt', '.html', ...) by the file's name; None
    when the name does not tell."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in DOCUMENT_EXTENSIONS:
        return ext
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in WARC_EXTENSIONS:
        return "warc"
    return None


def _sniff(path: str) -> str | None:
    """'warc' or 'jsonl' by a named file's first bytes; None for a document to clean."""
    with _open(path) as fh:
        head = fh.read(64).lstrip()
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    return None


def _open(path: str) -> BinaryIO:
    """The file, gunzipped when it is gzip (by its magic bytes, whatever its name)."""
    fh = open(path, "rb")
    if fh.peek(2)[:2] != b"\x1f\x8b":
        return fh
    fh.close()
    return gzip.open(path, "rb")  # type: ignore[return-value]


def _offset(records: object, fh: BinaryIO) -> int:
    """Where a damaged archive's trouble started, as near as warcio knows."""
    offset = getattr(records, "offset", None)
    return offset if isinstance(offset, int) else fh.tell()
