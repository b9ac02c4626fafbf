"""The Flask application: `create_app` wires settings, metrics, logging, auth, the error
handlers and the views (`views`); request reading is `reading`, the warm-up `warmup`, logging
and the WSGI middleware `middleware`."""

from __future__ import annotations

import hmac
import json
import logging
import traceback
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from .config import load_settings
from .metrics import Metrics
from .middleware import Instrumented, install_log_handler, log_json
from .openapi import build_spec
from .problems import Problem, problem_response
from .views import bp, ext, rid, settings_of_app
from .warmup import Warmup

#: Routes that need no API key: the health checks, and the playground page and its files.
_OPEN_ENDPOINTS = frozenset({"service.healthz", "service.readyz", "service.playground",
                             "static"})
_HTTP_CODES = {400: "bad-request", 404: "not-found", 405: "method-not-allowed",
               413: "input-too-large", 415: "unsupported-media-type"}


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
    install_log_handler()
    # trafilatura logs every page it finds too little in; the service's log is one JSON
    # line a request, so the host application (this one) quiets it.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    app.register_blueprint(bp)
    app.before_request(_authorise)
    app.register_error_handler(Problem, _on_problem)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(Exception, _on_unexpected)
    app.wsgi_app = Instrumented(app.wsgi_app, metrics, settings.access_log)  # type: ignore[method-assign]
    warmup.start(settings.warmup)
    return app


def _authorise() -> None:
    """Name the route for the access log; then, when API keys are set, require one (but for
    the health checks and the playground page and its files, whose own calls to the API
    send the key typed into it)."""
    rule = request.url_rule
    request.environ["cleaner.route"] = rule.rule if rule is not None else "unmatched"
    keys = settings_of_app().api_keys
    if keys and request.endpoint not in _OPEN_ENDPOINTS:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        given = token.strip().encode()
        ok = False
        for key in keys:  # compare with every key, so timing says nothing about which
            ok |= hmac.compare_digest(given, key.encode())
        if scheme.lower() != "bearer" or not ok:
            raise Problem("unauthorized", "send Authorization: Bearer <key>",
                          _headers={"WWW-Authenticate": 'Bearer realm="cleaner"'})


def _on_problem(exc: Problem) -> Response:
    ext()["metrics"].errors.labels(exc.code).inc()
    extra = dict(exc.extra)
    headers = extra.pop("_headers", None)
    return problem_response(exc.code, exc.detail, rid(), request.path, headers=headers,
                            **extra)


def _on_http_error(exc: HTTPException) -> Response:
    code = _HTTP_CODES.get(exc.code or 500)
    headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
    if code is None:  # an HTTP error we have no code for: still a problem document
        body = {"type": "about:blank", "title": exc.name, "status": exc.code,
                "detail": exc.description, "instance": request.path, "request_id": rid()}
        return Response(json.dumps(body) + "\n", status=exc.code,
                        mimetype="application/problem+json")
    ext()["metrics"].errors.labels(code).inc()
    detail = exc.description if code != "not-found" else f"no route {request.path}"
    return problem_response(code, detail, rid(), request.path, headers=headers)


def _on_unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):  # pragma: no cover - routed to _on_http_error
        return _on_http_error(exc)
    log_json(logging.ERROR, "error", request_id=rid(), path=request.path,
             error=type(exc).__name__, traceback=traceback.format_exc())
    ext()["metrics"].errors.labels("internal-error").inc()
    return problem_response("internal-error", "the request id finds the details in the log",
                            rid(), request.path)
