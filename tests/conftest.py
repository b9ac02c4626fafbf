"""Shared fixtures: the seed documents and their expected cleaning."""

from __future__ import annotations

import json
import os
import re
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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):
    """Start gunicorn exactly as `cleaner serve` does (2 workers), wait until /readyz says
    ready, and stop it after the session."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = _free_port()
    tmp = tmp_path_factory.mktemp("gunicorn")
    env = dict(os.environ, CLEANER_BIND=f"127.0.0.1:{port}", CLEANER_WORKERS="2",
               CLEANER_THREADS="2", PROMETHEUS_MULTIPROC_DIR=str(tmp / "metrics"))
    log = open(tmp / "server.log", "wb")  # closed at teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf",
         "service.wsgi:app"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    srv = Server(port)
    deadline = time.monotonic() + 120
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail("gunicorn exited: " + (tmp / "server.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(srv.url + "/readyz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("gunicorn not ready after 120 s: "
                            + (tmp / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        srv.log_path = tmp / "server.log"  # type: ignore[attr-defined]
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
