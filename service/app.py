"""The Flask application: `create_app` wires settings, metrics, logging, auth and the views.
Views only parse the request, call `cleaner.clean`, and shape the answer."""

from __future__ import annotations

import hmac
import json
import logging
import re
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

import cleaner
from cleaner import (
    CleanerError,
    InputTooLarge,
    InternalError,
    InvalidInput,
    MalformedInput,
    Options,
    TimeBudgetExceeded,
    UndecodableInput,
)

from .config import Settings, load_settings
from .metrics import Metrics
from .openapi import build_spec
from .problems import PROBLEMS, Problem, problem_body, problem_response

log = logging.getLogger("cleaner.service")

#: Options a client may not set over HTTP: the server's limits.
SERVER_OPTIONS = frozenset({"max_input_size", "time_budget"})
#: Fields of a JSON request (and of a batch item, which adds "id").
JSON_FIELDS = frozenset({"text", "html", "url", "language", "options"})
#: Bytes of an over-limit body read and discarded so the client gets the 413, not a reset.
DRAIN_LIMIT = 64 * 1024 * 1024
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")
_CLEANER_ERRORS: dict[type[CleanerError], str] = {
    InputTooLarge: "input-too-large",
    InvalidInput: "invalid-input",
    UndecodableInput: "undecodable-input",
    MalformedInput: "malformed-input",
    TimeBudgetExceeded: "time-budget-exceeded",
    InternalError: "internal-error",
}
_HTTP_CODES = {400: "bad-request", 404: "not-found", 405: "method-not-allowed",
               413: "input-too-large", 415: "unsupported-media-type"}

bp = Blueprint("service", __name__)


class _StderrHandler(logging.Handler):
    """Writes each record as one line to whatever `sys.stderr` is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # pragma: no cover - logging must never break a request
            self.handleError(record)


def _log_json(level: int, event: str, **fields: Any) -> None:
    fields = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "level": logging.getLevelName(level)
              .lower(), "event": event, **fields}
    log.log(level, json.dumps(fields, ensure_ascii=False, default=str))


class Warmup:
    """Cleans a seed document once (text and HTML) so that models, stop lists and lexicons
    are loaded before traffic arrives; `/readyz` answers 200 once it has."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.error: str | None = None

    def run(self) -> None:
        try:
            text = resources.files("service").joinpath("warmup.txt").read_text("utf-8")
            cleaner.clean(text, content_type="text/plain")
            paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
            cleaner.clean(f"<html><body><article>{paragraphs}</article></body></html>",
                          content_type="text/html")
        except Exception as exc:  # reported by /readyz, the service stays alive
            self.error = f"{type(exc).__name__}: {exc}"
            _log_json(logging.ERROR, "warmup-failed", error=self.error)
            return
        self.ready.set()

    def start(self, mode: str) -> None:
        if mode == "off":
            self.ready.set()
        elif mode == "sync":
            self.run()
        else:
            threading.Thread(target=self.run, name="cleaner-warmup", daemon=True).start()


class _Instrumented:
    """WSGI middleware around the Flask app: request id, then one log line and the metrics
    for every request, once the last byte of the answer (streamed or not) has gone."""

    def __init__(self, app: Callable[..., Iterable[bytes]], metrics: Metrics,
                 access_log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        started = time.perf_counter()
        given = environ.get("HTTP_X_REQUEST_ID", "")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        environ["cleaner.request_id"] = rid
        state: dict[str, Any] = {"status": 500, "bytes_out": 0}

        def _start_response(status: str, headers: list[tuple[str, str]],
                            exc_info: Any = None) -> Any:
            state["status"] = int(status.split(" ", 1)[0])
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"]
            headers.append(("X-Request-ID", rid))
            return start_response(status, headers, exc_info)

        body = self.app(environ, _start_response)
        return _CountingBody(body, state, lambda: self._done(environ, state, started))

    def _done(self, environ: dict[str, Any], state: dict[str, Any], started: float) -> None:
        duration = time.perf_counter() - started
        route = environ.get("cleaner.route", "unmatched")
        method = environ.get("REQUEST_METHOD", "")
        bytes_in = environ.get("cleaner.bytes_in", 0)
        m = self.metrics
        m.requests.labels(route, method, str(state["status"])).inc()
        m.latency.labels(route).observe(duration)
        m.bytes_in.labels(route).inc(bytes_in)
        m.bytes_out.labels(route).inc(state["bytes_out"])
        if self.access_log:
            _log_json(logging.INFO, "request", request_id=environ["cleaner.request_id"],
                      method=method, route=route, path=environ.get("PATH_INFO", ""),
                      status=state["status"], duration_ms=round(duration * 1000, 2),
                      bytes_in=bytes_in, bytes_out=state["bytes_out"],
                      remote=environ.get("REMOTE_ADDR"))


class _CountingBody:
    """The response iterable, counting bytes and calling `on_close` exactly once."""

    def __init__(self, body: Iterable[bytes], state: dict[str, Any],
                 on_close: Callable[[], None]) -> None:
        self.body = body
        self.state = state
        self.on_close = on_close
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.body:
            self.state["bytes_out"] += len(chunk)
            yield chunk

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the service. `config` overrides `CLEANER_*` environment settings; its keys are
    `Settings` field names (`{"api_keys": "k1,k2", "time_budget": 5}`)."""
    settings = load_settings(config)
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    metrics = Metrics()
    warmup = Warmup()
    app.extensions["cleaner"] = {"settings": settings, "metrics": metrics, "warmup": warmup,
                                 "spec": build_spec(settings)}
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    # trafilatura logs every page it finds too little in; the service's log is one JSON
    # line a request, so the host application (this one) quiets it.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    app.register_blueprint(bp)
    app.register_error_handler(Problem, _on_problem)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(Exception, _on_unexpected)
    app.wsgi_app = _Instrumented(app.wsgi_app, metrics, settings.access_log)  # type: ignore[method-assign]
    warmup.start(settings.warmup)
    return app


# --- request plumbing ---------------------------------------------------------------------

def _ext() -> dict[str, Any]:
    return current_app.extensions["cleaner"]  # type: ignore[no-any-return]


def _settings() -> Settings:
    return _ext()["settings"]  # type: ignore[no-any-return]


def _rid() -> str:
    return str(request.environ.get("cleaner.request_id", ""))


@bp.before_app_request
def _before() -> None:
    rule = request.url_rule
    request.environ["cleaner.route"] = rule.rule if rule is not None else "unmatched"
    keys = _settings().api_keys
    if keys and request.endpoint not in ("service.healthz", "service.readyz"):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        given = token.strip().encode()
        ok = False
        for key in keys:  # compare with every key, so timing says nothing about which
            ok |= hmac.compare_digest(given, key.encode())
        if scheme.lower() != "bearer" or not ok:
            raise Problem("unauthorized", "send Authorization: Bearer <key>",
                          _headers={"WWW-Authenticate": 'Bearer realm="cleaner"'})


def _on_problem(exc: Problem) -> Response:
    _ext()["metrics"].errors.labels(exc.code).inc()
    extra = dict(exc.extra)
    headers = extra.pop("_headers", None)
    return problem_response(exc.code, exc.detail, _rid(), request.path, headers=headers,
                            **extra)


def _on_http_error(exc: HTTPException) -> Response:
    code = _HTTP_CODES.get(exc.code or 500)
    headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
    if code is None:  # an HTTP error we have no code for: still a problem document
        body = {"type": "about:blank", "title": exc.name, "status": exc.code,
                "detail": exc.description, "instance": request.path, "request_id": _rid()}
        return Response(json.dumps(body) + "\n", status=exc.code,
                        mimetype="application/problem+json")
    _ext()["metrics"].errors.labels(code).inc()
    detail = exc.description if code != "not-found" else f"no route {request.path}"
    return problem_response(code, detail, _rid(), request.path, headers=headers)


def _on_unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):  # pragma: no cover - routed to _on_http_error
        return _on_http_error(exc)
    _log_json(logging.ERROR, "error", request_id=_rid(), path=request.path,
              error=type(exc).__name__, traceback=traceback.format_exc())
    _ext()["metrics"].errors.labels("internal-error").inc()
    return problem_response("internal-error", "the request id finds the details in the log",
                            _rid(), request.path)


def _drain(stream: Any, remaining: int | None) -> None:
    """Read and drop up to DRAIN_LIMIT bytes so the client sees our answer, not a reset."""
    budget = DRAIN_LIMIT if remaining is None else min(remaining, DRAIN_LIMIT)
    while budget > 0:
        chunk = stream.read(min(budget, 1 << 20))
        if not chunk:
            break
        budget -= len(chunk)


def _read_body(limit: int) -> bytes:
    """The request body, or 413 when it is over `limit` bytes (chunked bodies included)."""
    length = request.content_length
    stream = request.stream
    if length is not None and length > limit:
        request.environ["cleaner.bytes_in"] = length
        _drain(stream, length)
        raise Problem("input-too-large",
                      f"the body is {length:,} bytes, over the limit of {limit:,}")
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            request.environ["cleaner.bytes_in"] = size
            _drain(stream, None)
            raise Problem("input-too-large", f"the body is over the limit of {limit:,} bytes")
    request.environ["cleaner.bytes_in"] = size
    return b"".join(parts)


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Problem("bad-request", f"the body is not valid JSON: {exc}") from None


def _document(doc: Any, settings: Settings, extra_fields: frozenset[str] = frozenset()
              ) -> dict[str, Any]:
    """Check a JSON request (or batch item) and return `cleaner.clean`'s arguments."""
    if not isinstance(doc, dict):
        raise Problem("bad-request", "the JSON body must be an object")
    unknown = sorted(set(doc) - JSON_FIELDS - extra_fields)
    if unknown:
        raise Problem("bad-request", f"unknown field(s): {', '.join(unknown)}")
    given = [name for name in ("text", "html") if doc.get(name) is not None]
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


def _clean(settings: Settings, metrics: Metrics, source: str | bytes, content_type: str | None,
           url: str | None, language: str | None, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run the cleaner under the server's limits; its errors become problems."""
    options = Options(max_input_size=settings.max_document_bytes,
                      time_budget=settings.time_budget)
    try:
        result = cleaner.clean(source, content_type=content_type, url=url, language=language,
                               options=options, **overrides)
    except CleanerError as exc:
        code = next((c for t, c in _CLEANER_ERRORS.items() if isinstance(exc, t)),
                    "invalid-input")
        raise Problem(code, str(exc)) from None
    metrics.documents.labels(result.metadata.content_type).inc()
    for removal in result.removed:
        metrics.removals.labels(removal.kind).inc()
    return result.to_dict()


# --- views --------------------------------------------------------------------------------

@bp.post("/v1/clean")
def clean_one() -> Response:
    """Clean one document: text/plain, text/html, or a JSON object."""
    settings = _settings()
    mime = request.mimetype
    if mime in ("text/plain", "text/html"):
        data = _read_body(settings.max_document_bytes)
        if not data.strip():
            raise Problem("empty-body", "the body is empty")
        args: dict[str, Any] = {"source": data, "content_type": request.content_type,
                                "url": request.args.get("url"),
                                "language": request.args.get("language"), "overrides": {}}
    elif mime == "application/json":
        data = _read_body(settings.max_json_body_bytes)
        if not data.strip():
            raise Problem("empty-body", "the body is empty")
        args = _document(_parse_json(data), settings)
    else:
        raise Problem("unsupported-media-type",
                      f"cannot clean {mime or 'a body with no Content-Type'}; send text/plain, "
                      "text/html or application/json")
    result = _clean(settings, _ext()["metrics"], **args)
    if _wants_text():
        return Response(result["text"] + ("\n" if result["text"] else ""),
                        mimetype="text/plain")
    return _json(result)


def _json(body: Any) -> Response:
    return Response(json.dumps(body, ensure_ascii=False) + "\n", mimetype="application/json")


def _wants_text() -> bool:
    if "Accept" not in request.headers:
        return False
    best = request.accept_mimetypes.best_match(["application/json", "text/plain"])
    return best == "text/plain"


@bp.post("/v1/clean/batch")
def clean_batch() -> Response:
    """Clean many documents: NDJSON in, NDJSON out in the same order, streamed."""
    settings = _settings()
    metrics: Metrics = _ext()["metrics"]
    if request.mimetype not in ("application/x-ndjson", "application/jsonl"):
        raise Problem("unsupported-media-type",
                      f"the batch route takes application/x-ndjson, not "
                      f"{request.mimetype or 'a body with no Content-Type'}")
    data = _read_body(settings.batch_max_bytes)
    lines = [(n, line) for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    if not lines:
        raise Problem("empty-body", "the batch has no items")
    if len(lines) > settings.batch_max_items:
        raise Problem("batch-too-large", f"the batch has {len(lines):,} items, over the limit "
                      f"of {settings.batch_max_items:,}")
    rid = _rid()

    def items() -> Iterator[bytes]:
        for n, line in lines:
            yield (json.dumps(_batch_item(n, line, settings, metrics, rid),
                              ensure_ascii=False) + "\n").encode("utf-8")
            # Let other requests in between items: under gevent workers (monkey-patched
            # time.sleep) this yields to the other greenlets, so a long batch does not hold
            # health checks and the heartbeat; under threads it costs a no-op system call.
            time.sleep(0)

    response = Response(items(), mimetype="application/x-ndjson")
    response.headers["X-Accel-Buffering"] = "no"  # let proxies stream it
    return response


def _batch_item(n: int, line: bytes, settings: Settings, metrics: Metrics,
                rid: str) -> dict[str, Any]:
    """One batch answer line: {"id", "result"} or {"id", "line", "error": problem}."""
    item_id = None
    try:
        try:
            doc = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise Problem("bad-request", f"line {n} is not valid JSON: {exc}") from None
        if isinstance(doc, dict):
            item_id = doc.get("id")
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
            item_id = None
            raise Problem("bad-request", "each item needs an 'id' (a string or an integer)")
        args = _document(doc, settings, frozenset({"id"}))
        return {"id": item_id, "result": _clean(settings, metrics, **args)}
    except Problem as exc:
        metrics.errors.labels(exc.code).inc()
        return {"id": item_id, "line": n,
                "error": problem_body(exc.code, exc.detail, rid, **exc.extra)}
    except Exception:
        _log_json(logging.ERROR, "error", request_id=rid, line=n,
                  traceback=traceback.format_exc())
        metrics.errors.labels("internal-error").inc()
        return {"id": item_id, "line": n, "error": problem_body(
            "internal-error", "the request id finds the details in the log", rid)}


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers. Depends on nothing."""
    return _json({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    """Readiness: 200 once the cleaner has warmed up on a seed document."""
    warmup: Warmup = _ext()["warmup"]
    if warmup.ready.is_set():
        return _json({"status": "ready", "version": cleaner.__version__})
    detail = f"warm-up failed: {warmup.error}" if warmup.error else "still warming up"
    raise Problem("not-ready", detail)


@bp.get("/metrics")
def metrics_view() -> Response:
    """Prometheus exposition text, summed over every gunicorn worker."""
    m: Metrics = _ext()["metrics"]
    return Response(m.render(), headers={"Content-Type": m.content_type})


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this service."""
    return _json(_ext()["spec"])


@bp.get("/problems/<code>")
def problem_type(code: str) -> Response:
    """What a problem `type` means (problem documents link here)."""
    if code not in PROBLEMS:
        raise Problem("not-found", f"no problem type {code!r}")
    status, title, meaning = PROBLEMS[code]
    return Response(f"{status} {title} ({code})\n\n{meaning}\n", mimetype="text/plain")


@bp.get("/")
def playground() -> Response:
    """A page to paste text or HTML into and see what the cleaner keeps and removes."""
    page = resources.files("service").joinpath("static/playground.html").read_bytes()
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")
    return response
