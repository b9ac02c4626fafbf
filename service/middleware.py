"""Logging and the WSGI middleware: one JSON line to standard error per event, and around
the Flask app a request id, then the access line and the metrics for every request."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .metrics import Metrics

log = logging.getLogger("cleaner.service")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")


class StderrHandler(logging.Handler):
    """Writes each record as one line to whatever `sys.stderr` is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # pragma: no cover - logging must never break a request
            self.handleError(record)


def install_log_handler() -> None:
    """Send the service's log lines to standard error, once."""
    if not any(isinstance(h, StderrHandler) for h in log.handlers):
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def log_json(level: int, event: str, **fields: Any) -> None:
    """Log one event as a JSON line."""
    fields = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "level": logging.getLevelName(level)
              .lower(), "event": event, **fields}
    log.log(level, json.dumps(fields, ensure_ascii=False, default=str))

class Instrumented:
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
            log_json(logging.INFO, "request", request_id=environ["cleaner.request_id"],
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
