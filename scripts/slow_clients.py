"""Check that slow clients do not starve a running service: open 64 connections that send
their headers, or their bodies, a byte a second; then everyone else must still get
`GET /healthz` and `POST /v1/clean` answered before a deadline. Exit status 0 when they do.

    python scripts/slow_clients.py http://127.0.0.1:8000 [--clients 64] [--deadline 5]

Used by tests/test_slow_clients.py (against `cleaner serve`) and scripts/docker-smoke.sh
(against the image). A liveness check, not a speed one: a starved server never answers, so
the deadline is a socket timeout far above the milliseconds an answer takes.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_ccde3f834144294e.txt"
_HEAD = b"POST /v1/clean HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"


def _slow_headers(host: str, port: int, stop: threading.Event) -> None:
    """Send a request's headers a byte a second, then a body that never comes."""
    head = _HEAD + b"Content-Length: 1000\r\n\r\n"
    try:
        with socket.create_connection((host, port), timeout=5) as s:
            for i in range(len(head)):
                s.sendall(head[i:i + 1])
                if stop.wait(1.0):
                    return
            while not stop.wait(1.0):
                s.sendall(b"x")
    except OSError:
        return  # the server hung up on it: allowed


def _slow_body(host: str, port: int, stop: threading.Event) -> None:
    """Send whole headers, then a 100 kB body a byte a second."""
    try:
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(_HEAD + b"Content-Length: 100000\r\n\r\n")
            while not stop.wait(1.0):
                s.sendall(b"x")
    except OSError:
        return


def _request(host: str, port: int, method: str, path: str, body: bytes | None,
             deadline: float) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=deadline)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "text/plain"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def check(url: str, clients: int = 64, deadline: float = 5.0, rounds: int = 3) -> list[str]:
    """Problems found (empty when every request was answered in time)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    stop = threading.Event()
    slow = [threading.Thread(target=fn, args=(host, port, stop), daemon=True)
            for i in range(clients) for fn in ((_slow_headers, _slow_body)[i % 2],)]
    for t in slow:
        t.start()
    time.sleep(3)  # every slow connection accepted and dribbling
    problems = []
    seed = SEED.read_bytes()
    try:
        for _ in range(rounds):
            for method, path, body in (("GET", "/healthz", None), ("POST", "/v1/clean", seed)):
                try:
                    status, answer = _request(host, port, method, path, body, deadline)
                except OSError as exc:
                    problems.append(f"{method} {path}: no answer within {deadline:g} s ({exc})")
                    continue
                if status != 200 or (body is not None and b'"text"' not in answer):
                    problems.append(f"{method} {path}: status {status}")
    finally:
        stop.set()
        for t in slow:
            t.join(10)
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--deadline", type=float, default=5.0)
    args = ap.parse_args(argv)
    problems = check(args.url, args.clients, args.deadline)
    for p in problems:
        print(f"slow clients: {p}", file=sys.stderr)
    if not problems:
        print(f"slow clients: {args.clients} slow connections open, /healthz and /v1/clean "
              f"answered within {args.deadline:g} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
