"""The routes: each parses the request (`reading`), calls `cleaner.clean`, and shapes the
answer; problems become RFC 9457 documents (`app`'s error handlers)."""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from flask import Blueprint, Response, current_app, request

import cleaner
from cleaner import CleanerError, Options
from cleaner.langtags import primary_language

from .config import Settings
from .metrics import Metrics
from .middleware import log_json
from .problems import PROBLEMS, Problem, problem_body
from .reading import document, parse_json, read_body
from .warmup import Warmup

bp = Blueprint("service", __name__)


def ext() -> dict[str, Any]:
    """The service's own state on the app: settings, metrics, warm-up, OpenAPI document."""
    return current_app.extensions["cleaner"]  # type: ignore[no-any-return]


def settings_of_app() -> Settings:
    """The settings the app was created with."""
    return ext()["settings"]  # type: ignore[no-any-return]


def rid() -> str:
    """This request's id (`middleware.Instrumented` set it)."""
    return str(request.environ.get("cleaner.request_id", ""))


@lru_cache(maxsize=16)
def _server_options(max_input_size: int, max_lines: int, time_budget: float) -> Options:
    """The options a server's limits give, made once (`Options.checked` then passes them
    at once with every document)."""
    return Options(max_input_size=max_input_size, max_lines=max_lines, time_budget=time_budget)


def _clean(settings: Settings, metrics: Metrics, source: str | bytes, content_type: str | None,
           url: str | None, language: str | None, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run the cleaner under the server's limits; its errors become problems."""
    options = _server_options(settings.max_document_bytes, settings.max_document_lines,
                              settings.time_budget)
    try:
        result = cleaner.clean(source, content_type=content_type, url=url, language=language,
                               options=options, **overrides)
    except CleanerError as exc:
        # Each error names its own problem type (`CleanerError.code`); the root's generic
        # code is not one, and counts as invalid input.
        code = exc.code if exc.code in PROBLEMS else "invalid-input"
        raise Problem(code, str(exc)) from None
    metrics.documents.labels(result.metadata.content_type).inc()
    # One increment a kind, not a removal: under gunicorn every increment writes the shared
    # samples file, and a raw page has a hundred removals (0.30 -> 0.01 ms a page of 160).
    for kind, n in Counter(removal.kind for removal in result.removed).items():
        metrics.removals.labels(kind).inc(n)
    return result.to_dict()


@bp.post("/v1/clean")
def clean_one() -> Response:
    """Clean one document: text/plain, text/html, or a JSON object."""
    settings = settings_of_app()
    mime = request.mimetype
    if mime in ("text/plain", "text/html"):
        data = read_body(settings.max_document_bytes)
        if not data.strip():
            raise Problem("empty-body", "the body is empty")
        args: dict[str, Any] = {"source": data, "content_type": request.content_type,
                                "url": request.args.get("url"),
                                "language": request.args.get("language"), "overrides": {}}
    elif mime == "application/json":
        data = read_body(settings.max_json_body_bytes)
        if not data.strip():
            raise Problem("empty-body", "the body is empty")
        args = document(parse_json(data), settings)
        # The query's url and language apply to every body; the JSON's own win. A query
        # language the body overrides is still checked: a bad one is an error, not ignored.
        for name in ("url", "language"):
            if args[name] is None:
                args[name] = request.args.get(name)
        query_language = request.args.get("language")
        if query_language is not None and query_language != args["language"]:
            _check_language(query_language)
    else:
        raise Problem("unsupported-media-type",
                      f"cannot clean {mime or 'a body with no Content-Type'}; send text/plain, "
                      "text/html or application/json")
    result = _clean(settings, ext()["metrics"], **args)
    if _wants_text():
        return Response(result["text"] + ("\n" if result["text"] else ""),
                        mimetype="text/plain")
    return _json(result)


def _check_language(tag: str) -> None:
    """Raise the cleaner's own problem for a language it would refuse."""
    try:
        primary_language(tag)
    except CleanerError as exc:
        raise Problem("invalid-input", str(exc)) from None


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
    settings = settings_of_app()
    metrics: Metrics = ext()["metrics"]
    if request.mimetype not in ("application/x-ndjson", "application/jsonl"):
        raise Problem("unsupported-media-type",
                      f"the batch route takes application/x-ndjson, not "
                      f"{request.mimetype or 'a body with no Content-Type'}")
    data = read_body(settings.batch_max_bytes)
    lines = [(n, line) for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    if not lines:
        raise Problem("empty-body", "the batch has no items")
    if len(lines) > settings.batch_max_items:
        raise Problem("batch-too-large", f"the batch has {len(lines):,} items, over the limit "
                      f"of {settings.batch_max_items:,}")
    request_id = rid()

    def items() -> Iterator[bytes]:
        for n, line in lines:
            yield (json.dumps(_batch_item(n, line, settings, metrics, request_id),
                              ensure_ascii=False) + "\n").encode("utf-8")
            # Let other requests in between items: under gevent workers (monkey-patched
            # time.sleep) this yields to the other greenlets, so a long batch does not hold
            # health checks and the heartbeat; under threads it costs a no-op system call.
            time.sleep(0)

    response = Response(items(), mimetype="application/x-ndjson")
    response.headers["X-Accel-Buffering"] = "no"  # let proxies stream it
    return response


def _batch_item(n: int, line: bytes, settings: Settings, metrics: Metrics,
                request_id: str) -> dict[str, Any]:
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
        args = document(doc, settings, frozenset({"id"}))
        return {"id": item_id, "result": _clean(settings, metrics, **args)}
    except Problem as exc:
        metrics.errors.labels(exc.code).inc()
        return {"id": item_id, "line": n,
                "error": problem_body(exc.code, exc.detail, request_id, **exc.extra)}
    except Exception:
        log_json(logging.ERROR, "error", request_id=request_id, line=n,
                 traceback=traceback.format_exc())
        metrics.errors.labels("internal-error").inc()
        return {"id": item_id, "line": n, "error": problem_body(
            "internal-error", "the request id finds the details in the log", request_id)}


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers. Depends on nothing."""
    return _json({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    """Readiness: 200 once the cleaner has warmed up on a seed document."""
    warmup: Warmup = ext()["warmup"]
    if warmup.ready.is_set():
        return _json({"status": "ready", "version": cleaner.__version__})
    detail = f"warm-up failed: {warmup.error}" if warmup.error else "still warming up"
    raise Problem("not-ready", detail)


@bp.get("/metrics")
def metrics_view() -> Response:
    """Prometheus exposition text, summed over every gunicorn worker."""
    m: Metrics = ext()["metrics"]
    return Response(m.render(), headers={"Content-Type": m.content_type})


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this service."""
    return _json(ext()["spec"])


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
