"""The `cleaner` command line and `python -m cleaner`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleaner.cli import main

from .conftest import ROOT

SEED = ROOT / "seeds" / "003_ccde3f834144294e.txt"


def test_json_output(capsys):
    assert main(["clean", str(SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["metadata"]["language"] == "en"
    assert any(r["kind"] == "related-link" for r in out["removed"])
    assert out["text"].startswith("Vladimir Putin is scheduled")


def test_text_output_and_lang_override(capsys):
    assert main(["clean", str(SEED), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "See also" not in out and "Vladimir Putin" in out


@pytest.mark.parametrize("command", ["clean", "batch"])
def test_a_bad_lang_is_refused(capsys, tmp_path, command):
    extra = ["-o", str(tmp_path / "out.jsonl")] if command == "batch" else []
    status = main([command, str(SEED), "--lang", "eng", *extra])
    assert status == (1 if command == "clean" else 2)
    assert "BCP 47" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_file_is_a_clear_error(capsys):
    assert main(["clean", str(ROOT / "no-such-file.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_python_m_from_stdin():
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-", "--json"],
                          input=SEED.read_bytes(), capture_output=True, check=True)
    assert json.loads(proc.stdout)["metadata"]["title"].startswith("Russia’s Putin")


def test_binary_stdin_fails_with_message():
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"],
                          input=b"\x89PNG\r\n\x1a\n\x00\x00", capture_output=True)
    assert proc.returncode == 1
    assert b"PNG" in proc.stderr


def test_serve_starts_the_service_and_cleans(tmp_path):
    import os
    import urllib.request

    from .conftest import _free_port, stop, wait_ready

    port = _free_port()
    cleaner_bin = os.path.join(os.path.dirname(sys.executable), "cleaner")
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "m"))
    proc = subprocess.Popen([cleaner_bin, "serve", "--port", str(port), "--workers", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/clean",
                                         data=SEED.read_bytes(),
                                         headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=60) as r:
            assert json.loads(r.read())["text"].startswith("Vladimir Putin is scheduled")
    finally:
        stop(proc)


def test_serve_rejects_a_bad_worker_count(capsys):
    assert main(["serve", "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


@pytest.mark.parametrize(("env_bind", "args", "bind"), [
    (None, [], "127.0.0.1:8000"),
    ("0.0.0.0:9000", [], "0.0.0.0:9000"),  # CLEANER_BIND is honoured without flags
    ("0.0.0.0:9000", ["--port", "9001"], "127.0.0.1:9001"),  # flags override it
    (None, ["--host", "::1", "--port", "9002"], "[::1]:9002"),
])
def test_serve_listen_address(monkeypatch, env_bind, args, bind):
    import os

    seen: dict[str, str] = {}
    monkeypatch.setattr(os, "execve", lambda path, argv, env: seen.update(env))
    if env_bind is None:
        monkeypatch.delenv("CLEANER_BIND", raising=False)
    else:
        monkeypatch.setenv("CLEANER_BIND", env_bind)
    assert main(["serve", *args]) == 0
    assert seen["CLEANER_BIND"] == bind


def test_precision_keeps_no_more_than_recall(capsys):
    runs = {}
    for flag in ("--precision", "--recall"):
        assert main(["clean", str(SEED), "--json", flag]) == 0
        runs[flag] = json.loads(capsys.readouterr().out)["text"].split("\n\n")
    assert set(runs["--precision"]) <= set(runs["--recall"])
    with pytest.raises(SystemExit):
        main(["clean", str(SEED), "--precision", "--recall"])


def test_links_flag_keeps_markdown_links(capsys, tmp_path):
    link = "[Vladimir Putin](https://example.org/putin)"
    page = tmp_path / "page.md"
    page.write_text(SEED.read_text("utf-8").replace("Vladimir Putin", link, 1), "utf-8")
    assert main(["clean", str(page)]) == 0
    plain = capsys.readouterr().out
    assert main(["clean", str(page), "--links"]) == 0
    linked = capsys.readouterr().out
    assert link not in plain and "Vladimir Putin is scheduled" in plain
    assert link in linked and linked.replace(link, "Vladimir Putin") == plain


def test_images_flag_keeps_markdown_images(capsys, tmp_path):
    image = "![Vladimir Putin](https://example.org/putin.jpg)"
    page = tmp_path / "page.md"
    page.write_text(SEED.read_text("utf-8").replace("Vladimir Putin", f"{image} Vladimir Putin",
                                                    1), "utf-8")
    assert main(["clean", str(page)]) == 0
    plain = capsys.readouterr().out
    assert main(["clean", str(page), "--images"]) == 0
    pictured = capsys.readouterr().out
    assert image not in plain and "Vladimir Putin is scheduled" in plain
    assert image in pictured and pictured.replace(f"{image} ", "") == plain
