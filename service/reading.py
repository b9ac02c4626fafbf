"""Reading requests: bodies under a size limit (drained past it, so the client gets the 413),
JSON, and a JSON document's fields checked into `cleaner.clean`'s arguments."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from .config import SERVER_OPTIONS, Settings
from .problems import Problem

#: Fields of a JSON request (and of a batch item, which adds "id").
JSON_FIELDS = frozenset({"text", "html", "url", "language", "options"})
#: Bytes of an over-limit body read and discarded so the client gets the 413, not a reset.
DRAIN_LIMIT = 64 * 1024 * 1024


try:  # what gunicorn raises when a body it is reading turns out malformed (chunk sizes...)
    from gunicorn.http.errors import ParseException as _ServerParseError
except ImportError:  # pragma: no cover - served by another WSGI server
    class _ServerParseError(Exception):  # type: ignore[no-redef]
        """Stands in where gunicorn is not installed."""

#: Errors from reading a request body: the client went away, or sent a body the server
#: cannot parse (a broken chunked encoding). The client's fault: 400, never 500.
_BODY_ERRORS = (OSError, ValueError, _ServerParseError)


def _read(stream: Any, size: int) -> bytes:
    try:
        return stream.read(size)  # type: ignore[no-any-return]
    except _BODY_ERRORS as exc:
        raise Problem("bad-request", f"the body could not be read: "
                      f"{type(exc).__name__}: {exc}") from None


def drain(stream: Any, remaining: int | None) -> None:
    """Read and drop up to DRAIN_LIMIT bytes so the client sees our answer, not a reset."""
    budget = DRAIN_LIMIT if remaining is None else min(remaining, DRAIN_LIMIT)
    while budget > 0:
        try:
            chunk = stream.read(min(budget, 1 << 20))
        except _BODY_ERRORS:
            break  # the answer (413) stands; the rest of a broken body is not ours to read
        if not chunk:
            break
        budget -= len(chunk)


def read_body(limit: int) -> bytes:
    """The request body, or 413 when it is over `limit` bytes (chunked bodies included)."""
    length = request.content_length
    stream = request.stream
    if length is not None and length > limit:
        request.environ["cleaner.bytes_in"] = length
        drain(stream, length)
        raise Problem("input-too-large",
                      f"the body is {length:,} bytes, over the limit of {limit:,}")
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = _read(stream, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            request.environ["cleaner.bytes_in"] = size
            drain(stream, None)
            raise Problem("input-too-large", f"the body is over the limit of {limit:,} bytes")
    request.environ["cleaner.bytes_in"] = size
    return b"".join(parts)


def parse_json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Problem("bad-request", f"the body is not valid JSON: {exc}") from None


def document(doc: Any, settings: Settings, extra_fields: frozenset[str] = frozenset()
              ) -> dict[str, Any]:
    """Check a JSON request (or batch item) and return `cleaner.clean`'s arguments."""
    if not isinstance(doc, dict):
        raise Problem("bad-request", "the JSON body must be an object")
    unknown = sorted(set(doc) - JSON_FIELDS - extra_fields)
    if unknown:
        raise Problem("bad-request", f"unknown field(s): {', '.join(unknown)}")
    given = [name for name in ("text", "html") if name in doc]  # null is not absence
    if len(given) != 1:
        raise Problem("bad-request", "give exactly one of 'text' or 'html'")
    source = doc[given[0]]
    if not isinstance(source, str):
        raise Problem("bad-request", f"'{given[0]}' must be a string")
    if not source.strip():
        raise Problem("empty-body", f"'{given[0]}' is empty")
    if len(source) * 4 > settings.max_document_bytes:  # only encode when it may be over
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > settings.max_document_bytes:
            raise Problem("input-too-large", f"the document is {size:,} bytes, over the limit "
                          f"of {settings.max_document_bytes:,}")
    for name in ("url", "language"):
        if doc.get(name) is not None and not isinstance(doc[name], str):
            raise Problem("bad-request", f"'{name}' must be a string")
    options = doc.get("options")
    options = {} if options is None else options
    if not isinstance(options, dict):
        raise Problem("bad-request", "'options' must be an object")
    fixed = sorted(set(options) & SERVER_OPTIONS)
    if fixed:
        raise Problem("bad-request", f"option(s) set by the server: {', '.join(fixed)}")
    return {"source": source, "content_type": "text/html" if given[0] == "html" else
            "text/plain", "url": doc.get("url"), "language": doc.get("language"),
            "overrides": options}
