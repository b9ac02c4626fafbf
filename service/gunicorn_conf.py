"""Gunicorn settings for the service, from `CLEANER_*` environment variables.

Run: `gunicorn -c python:service.gunicorn_conf service.wsgi:app` (what `cleaner serve` and the
Docker image do). gevent workers by default (see `worker_class`)."""

from __future__ import annotations

import os
import tempfile

# Metrics from every worker are summed through files in one folder (prometheus_client's
# multiprocess mode). This must happen before anything imports prometheus_client, so first.
_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="cleaner-metrics-")
else:
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw.strip() else default
    except ValueError:
        raise SystemExit(f"{name} must be an integer, not {raw!r}") from None


bind = os.environ.get("CLEANER_BIND", "127.0.0.1:8000")
workers = _int("CLEANER_WORKERS", os.cpu_count() or 1)
# gevent workers: every connection is a greenlet waiting on its socket, so clients that
# send their headers or bodies slowly (or never) hold no thread and starve no one; with
# gthread, 2 workers x 2 threads were all held by four such clients. Cleaning is CPU work
# that does not yield: others wait at most one document's cleaning (bounded by the time
# budget), and the batch route yields between items. CLEANER_WORKER_CLASS=gthread goes back.
worker_class = os.environ.get("CLEANER_WORKER_CLASS", "gevent")
if worker_class not in ("gevent", "gthread", "sync"):
    raise SystemExit(f"CLEANER_WORKER_CLASS must be gevent, gthread or sync, not "
                     f"{worker_class!r}")
if worker_class == "gevent":
    # Patch now, in the master, before the preloaded app imports urllib3 and ssl (the
    # worker patches again after the fork; patching late leaves modules that imported
    # ssl unpatched, and gevent warns of it).
    from gevent import monkey

    monkey.patch_all()
worker_connections = _int("CLEANER_WORKER_CONNECTIONS", 1000)
threads = _int("CLEANER_THREADS", 2)
# Seconds a silent worker lives before the master replaces it; above the per-document
# time budget so a slow document gets its 503 and the worker lives.
timeout = _int("CLEANER_WORKER_TIMEOUT", 120)
graceful_timeout = _int("CLEANER_GRACEFUL_TIMEOUT", 30)
# No keep-alive by default: a kept-alive connection stays with the worker that accepted it,
# and a few busy clients can then all sit on one worker while another core idles (under
# wrk -c8 on 2 workers, 286 to 614 req/s from run to run; without keep-alive, 613-636).
# Cleaning costs milliseconds a request, so a new connection each time costs little.
keepalive = _int("CLEANER_KEEPALIVE", 0)
# Recycle workers now and then (a leak cannot grow forever); jitter so they do not all go
# at once.
max_requests = _int("CLEANER_MAX_REQUESTS", 2000)
max_requests_jitter = _int("CLEANER_MAX_REQUESTS_JITTER", 200)
# Load the app (and warm the cleaner up) once in the master; workers fork from it warm.
preload_app = True
# The service writes its own JSON line per request; gunicorn's access log would double it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("CLEANER_LOG_LEVEL", "info")
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off a possibly slow container disk

# No control socket (gunicorn 27+): nothing uses it, and a read-only home would break it.
control_socket_disable = True


def on_starting(server: object) -> None:
    """Start from empty metric files (left-overs of an earlier run would be summed in)."""
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    for name in os.listdir(path):
        if name.endswith(".db"):
            os.remove(os.path.join(path, name))


def child_exit(server: object, worker: object) -> None:
    """A worker died: drop its live-gauge samples."""
    from service.metrics import mark_process_dead

    mark_process_dead(worker.pid)  # type: ignore[attr-defined]


def on_exit(server: object) -> None:
    """Remove the metrics folder if this config made it."""
    if _OWN_METRICS_DIR:
        import shutil

        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
