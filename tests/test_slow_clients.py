"""Slow clients must not starve the service: with 64 connections sending their headers or
their bodies a byte a second, everyone else still gets `/healthz` and `POST /v1/clean`
answered (the real gunicorn as `cleaner serve` runs it, on loopback). The check itself is
scripts/slow_clients.py, which the Docker smoke test runs against the image too."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_slow_clients_do_not_starve_everyone_else(server) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "slow_clients.py"),
                          server.url, "--clients", "64", "--deadline", "5"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def test_the_check_fails_on_a_server_that_starves(tmp_path) -> None:
    """The same check against gthread workers (2 x 2 threads), which four slow clients
    hold: it must see the starvation, or it proves nothing above."""
    from .conftest import _free_port, start_gunicorn, stop, wait_ready

    port = _free_port()
    proc = start_gunicorn("service.wsgi:app", port, tmp_path / "log", tmp_path / "m", tmp_path,
                          CLEANER_WORKER_CLASS="gthread")
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / "slow_clients.py"),
                              f"http://127.0.0.1:{port}", "--clients", "16", "--deadline",
                              "3"], capture_output=True, text=True, timeout=300)
    finally:
        stop(proc)
    assert run.returncode == 1 and "no answer within 3 s" in run.stderr
