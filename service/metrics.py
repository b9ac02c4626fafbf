"""Prometheus metrics. Under gunicorn, `PROMETHEUS_MULTIPROC_DIR` (set by the gunicorn
config before the app is imported) makes every worker write its samples to shared files and
`/metrics` sum them, so a scrape is correct whichever worker answers it."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client import multiprocess as _multiprocess

disable_created_metrics()  # the *_created samples double the output and nobody graphs them

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def multiprocess_dir() -> str | None:
    """The shared samples folder when running multi-process, else None."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get(
        "prometheus_multiproc_dir") or None


class Metrics:
    """The service's metrics, on a registry of its own (so several apps can live in one
    process, as in the tests)."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("cleaner_http_requests", "HTTP requests answered.",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram("cleaner_http_request_duration_seconds",
                                 "Time from request to the last byte of the answer.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=r)
        self.bytes_in = Counter("cleaner_http_request_bytes",
                                "Request body bytes read.", ["route"], registry=r)
        self.bytes_out = Counter("cleaner_http_response_bytes",
                                 "Response body bytes sent.", ["route"], registry=r)
        self.documents = Counter("cleaner_documents_cleaned",
                                 "Documents cleaned successfully.", ["content_type"],
                                 registry=r)
        self.removals = Counter("cleaner_removals", "Blocks removed, by kind.", ["kind"],
                                registry=r)
        self.errors = Counter("cleaner_errors", "Problems answered (batch items included), "
                              "by problem code.", ["code"], registry=r)

    def render(self) -> bytes:
        """The exposition text: every worker's samples when multi-process, else ours."""
        path = multiprocess_dir()
        if path:
            registry = CollectorRegistry()
            _multiprocess.MultiProcessCollector(registry, path=path)
            return generate_latest(registry)
        return generate_latest(self.registry)


def mark_process_dead(pid: int) -> None:
    """Gunicorn `child_exit` hook: drop a dead worker's live-gauge files."""
    if multiprocess_dir():
        _multiprocess.mark_process_dead(pid)
