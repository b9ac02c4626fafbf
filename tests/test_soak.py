"""The soak script's short version: 20 s of saturation (seeds, pages and a few 1-5 MB
documents from 8 clients) against the real gunicorn, and not one failed request. (Not a
speed test: the figures it prints are read from the 10-minute run in BENCHMARKS.md.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_twenty_seconds_of_saturation_fail_no_request(server) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "soak.py"), "--url",
                          server.url, "--seconds", "20", "--every", "10"],
                         capture_output=True, text=True, timeout=600)
    assert run.stdout.strip(), run.stderr[-3000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])["summary"]
    assert run.returncode == 0, (summary, run.stderr[-2000:])
    assert summary["failed"] == {} and summary["ok"] > 0
