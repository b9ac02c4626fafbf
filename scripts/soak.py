"""Soak the service: saturate `POST /v1/clean` for a while on loopback with a mix of seeds,
corpus pages and a few 1-5 MB documents, and report every 30 s the requests/s, p50/p99
latency, errors by status and each server process's RSS.

    python scripts/soak.py --minutes 10                # starts its own server (2 workers)
    python scripts/soak.py --url http://127.0.0.1:8000 --seconds 20

Exit status 1 when any request failed (a status other than 200, or no answer), or, with
--max-rss-growth, when the server's memory grew more than that share after warm-up (the
first report). Not part of the test run but for its 20-second version
(tests/test_soak.py); the 10-minute figures are in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def documents(seed: int = 0) -> list[tuple[str, bytes]]:
    """(name, body) pairs: the seeds, corpus pages (the quality fixtures when the corpora or
    the benchmarks' renderers are not there), and three large documents of 1, 3 and 5 MB
    made of pages."""
    docs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pages: list[str] = []
    corpora = Path(os.environ.get("CLEANER_CORPORA", ROOT.parent / "shared" / "corpora"))
    if (corpora / "aeb.jsonl.gz").exists():
        sys.path.insert(0, str(ROOT))
        try:  # the benchmarks' pages need their renderers (the [bench] extra)
            from benchmarks.conftest import _sample_pages

            pages = [p.raw for p in _sample_pages()]
        except ImportError:
            pages = []
    if not pages:
        with gzip.open(ROOT / "tests/fixtures/quality/pages.jsonl.gz", "rt", "utf-8") as f:
            pages = [json.loads(line)["raw"] for line in f]
    docs += [(f"page-{i}", p.encode("utf-8")) for i, p in enumerate(pages)]
    rng = random.Random(seed)
    for mb in (1, 3, 5):
        parts, size = [], 0
        while size < mb * 1_000_000:
            page = rng.choice(pages) + f"\n\nPart {len(parts)}.\n\n"
            parts.append(page)
            size += len(page.encode("utf-8"))
        docs.append((f"big-{mb}MB", "".join(parts).encode("utf-8")))
    return docs


class Stats:
    """Latencies and outcomes since the last report, and in all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.outcomes: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def add(self, latency: float, outcome: str) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.outcomes[outcome] += 1
            self.total[outcome] += 1

    def take(self) -> tuple[list[float], Counter[str]]:
        with self.lock:
            out = self.latencies, self.outcomes
            self.latencies, self.outcomes = [], Counter()
            return out


def client(url: str, docs: list[tuple[str, bytes]], stats: Stats, stop: threading.Event,
           seed: int) -> None:
    """Send documents one after another until `stop`; big ones about one request in 50."""
    parts = urlsplit(url)
    rng = random.Random(seed)
    small = [d for d in docs if not d[0].startswith("big-")]
    big = [d for d in docs if d[0].startswith("big-")]
    while not stop.is_set():
        _, body = rng.choice(big) if big and rng.random() < 0.02 else rng.choice(small)
        start = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            conn.request("POST", "/v1/clean", body=body, headers={"Content-Type": "text/plain"})
            response = conn.getresponse()
            response.read()
            outcome = str(response.status)
            conn.close()
        except OSError as exc:
            outcome = type(exc).__name__
        stats.add(time.perf_counter() - start, outcome)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def server_pids(master: int) -> list[int]:
    """The gunicorn master and its workers."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        children = []
    return [master, *map(int, children)]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def start_server() -> tuple[subprocess.Popen[bytes], str, str]:
    """gunicorn as `cleaner serve` runs it (2 workers) on a free loopback port, started and
    awaited by the tests' own helpers (as the benchmarks do)."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import _free_port, start_gunicorn, wait_ready

    port, tmp = _free_port(), Path(tempfile.mkdtemp(prefix="cleaner-soak-"))
    proc = start_gunicorn("service.wsgi:app", port, tmp / "server.log", tmp / "metrics", ROOT,
                          CLEANER_ACCESS_LOG="false")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
    except RuntimeError as exc:
        raise SystemExit(f"soak: {exc}; see {tmp / 'server.log'}") from None
    return proc, url, str(tmp / "server.log")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running service (default: start one)")
    ap.add_argument("--pid", type=int, help="its gunicorn master's pid, for RSS")
    length = ap.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float)
    length.add_argument("--seconds", type=float)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--every", type=float, default=30.0, help="seconds between reports")
    ap.add_argument("--max-rss-growth", type=float,
                    help="fail when the server's RSS grew more than this share (0.10 = 10%%) "
                    "from the first report to the last")
    ap.add_argument("--json", help="write the reports and the summary here")
    args = ap.parse_args(argv)
    seconds = args.seconds if args.seconds else (args.minutes or 10) * 60
    proc = None
    url, master = args.url, args.pid
    if url is None:
        proc, url, log_path = start_server()
        master = proc.pid
        print(f"soak: server on {url} (log {log_path})", file=sys.stderr)
    docs = documents()
    print(f"soak: {len(docs)} documents ({sum(len(b) for _, b in docs) / 1e6:.1f} MB), "
          f"{args.clients} clients, {seconds:g} s", file=sys.stderr)
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=client, args=(url, docs, stats, stop, i), daemon=True)
               for i in range(args.clients)]
    reports = []
    started = time.monotonic()
    try:
        for t in threads:
            t.start()
        last = started
        while time.monotonic() - started < seconds:
            time.sleep(max(0.0, min(args.every, seconds - (time.monotonic() - started))))
            now = time.monotonic()
            latencies, outcomes = stats.take()
            rss = {pid: round(rss_mb(pid), 1) for pid in server_pids(master)} if master else {}
            report = {"t": round(now - started), "requests": len(latencies),
                      "req_s": round(len(latencies) / (now - last), 1),
                      "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
                      "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
                      "outcomes": dict(outcomes), "rss_mb": rss,
                      "rss_total_mb": round(sum(rss.values()), 1)}
            reports.append(report)
            print(json.dumps(report), flush=True)
            last = now
    finally:
        stop.set()
        for t in threads:
            t.join(130)
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    failed = {k: v for k, v in stats.total.items() if k != "200"}
    growth = None
    if len(reports) >= 2 and reports[0]["rss_total_mb"]:
        growth = reports[-1]["rss_total_mb"] / reports[0]["rss_total_mb"] - 1
    summary = {"seconds": round(time.monotonic() - started), "requests": sum(stats.total.values()),
               "ok": stats.total["200"], "failed": failed,
               "rss_growth_after_warmup": None if growth is None else round(growth, 3)}
    print(json.dumps({"summary": summary}), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"reports": reports, "summary": summary},
                                              indent=1) + "\n")
    bad = bool(failed) or (args.max_rss_growth is not None and growth is not None
                           and growth > args.max_rss_growth)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
