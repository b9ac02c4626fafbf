"""Shared fixtures: the seed documents and their expected cleaning."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed (HYPOTHESIS_PROFILE=ci in .ci/run), so that a
# red run is reproducible; locally every run explores new examples.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def norm(text: str) -> str:
    """Whitespace-normalise as seeds/README.md says the expected fields are."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


class SlowClock:
    """Stands in for the `time` module in `cleaner.budget`: every reading is a second later
    than the last, so a time budget runs out at the first check, whatever the machine."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture()
def slow_clock(monkeypatch: pytest.MonkeyPatch) -> SlowClock:
    """Make time budgets run out deterministically (undo with `monkeypatch.undo()`)."""
    import cleaner.budget

    clock = SlowClock()
    monkeypatch.setattr(cleaner.budget, "time", clock)
    return clock


def load_expected(seed: Path) -> dict:
    return json.loads((seed.parent / "expected" / (seed.stem + ".json")).read_text("utf-8"))


@pytest.fixture(params=SEEDS, ids=[s.stem[:3] for s in SEEDS])
def seed(request: pytest.FixtureRequest) -> tuple[str, dict]:
    path: Path = request.param
    return path.read_text(encoding="utf-8"), load_expected(path)


class Server:
    """A real gunicorn serving the service on a loopback port (see the `server` fixture)."""

    def __init__(self, port: int) -> None:
        self.host, self.port = "127.0.0.1", port
        self.url = f"http://{self.host}:{port}"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, chunked: bool = False,
                timeout: float = 120) -> tuple[int, dict[str, str], bytes]:
        """One request on a new connection: (status, headers, body)."""
        import http.client

        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            if chunked:
                conn.request(method, path, body=iter([body or b""]), headers=headers or {},
                             encode_chunked=True)
            else:
                conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(app: str, port: int, log_path: Path, metrics_dir: Path,
                   cwd: Path, **settings: str) -> subprocess.Popen:
    """Start gunicorn as `cleaner serve` does (service/gunicorn_conf.py, 2 workers) serving
    `app` on a loopback port, with `settings` as extra environment (`CLEANER_...="..."`);
    its output goes to `log_path`."""
    env = dict(os.environ, CLEANER_BIND=f"127.0.0.1:{port}", CLEANER_WORKERS="2",
               CLEANER_THREADS="2", PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), **settings)
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", app],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)


def wait_ready(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Poll `url`/readyz until it answers 200; RuntimeError if `proc` exits or time runs out
    (a start-up guard, not a speed check)."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server was not ready after {seconds:g} s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    """Terminate `proc`, killing it if it has not gone after 30 s."""
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):
    """Start gunicorn exactly as `cleaner serve` does (2 workers), wait until /readyz says
    ready, and stop it after the session."""
    port = _free_port()
    tmp = tmp_path_factory.mktemp("gunicorn")
    log_path = tmp / "server.log"
    proc = start_gunicorn("service.wsgi:app", port, log_path, tmp / "metrics", tmp)
    srv = Server(port)
    try:
        try:
            wait_ready(srv.url, proc)
        except RuntimeError as exc:
            pytest.fail(f"gunicorn: {exc}: " + log_path.read_text()[-3000:])
        srv.log_path = log_path  # type: ignore[attr-defined]
        yield srv
    finally:
        stop(proc)
