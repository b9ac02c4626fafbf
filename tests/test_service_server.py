"""The service under the real gunicorn (two workers), over a loopback socket: the same
answers as the test client, concurrency, bad input that must not take the server down, and
metrics summed across workers."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import cleaner

from .conftest import SEEDS
from .test_service import sample

TEXT = {"Content-Type": "text/plain"}


def clean_seed(server, path, **headers):
    return server.request("POST", "/v1/clean", path.read_bytes(), {**TEXT, **headers})


def assert_still_serving(server):
    assert server.request("GET", "/healthz")[0] == 200
    status, _, body = clean_seed(server, SEEDS[0])
    assert status == 200 and json.loads(body)["text"] == cleaner.clean(SEEDS[0].read_bytes()).text


def test_seed_is_cleaned_as_in_process(server):
    for path in SEEDS:
        status, headers, body = clean_seed(server, path)
        assert status == 200 and headers["Content-Type"] == "application/json"
        assert json.loads(body) == cleaner.clean(path.read_bytes()).to_dict()
        assert headers["X-Request-ID"]


def test_text_answer_json_request_and_batch(server):
    data = SEEDS[1].read_bytes()
    status, headers, body = clean_seed(server, SEEDS[1], Accept="text/plain")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert body.decode() == cleaner.clean(data).text + "\n"
    doc = json.dumps({"text": data.decode(), "language": "te"}).encode()
    status, _, body = server.request("POST", "/v1/clean", doc,
                                     {"Content-Type": "application/json"})
    assert status == 200 and json.loads(body)["metadata"]["language"] == "te"
    items = b"".join(json.dumps({"id": p.stem, "text": p.read_text("utf-8")}).encode() + b"\n"
                     for p in SEEDS) + b"nope\n"
    status, headers, body = server.request("POST", "/v1/clean/batch", items,
                                           {"Content-Type": "application/x-ndjson"})
    assert status == 200 and headers.get("Transfer-Encoding") == "chunked"
    lines = [json.loads(x) for x in body.splitlines()]
    assert [x["id"] for x in lines] == [p.stem for p in SEEDS] + [None]
    assert lines[-1]["error"]["code"] == "bad-request"


def test_bad_input_gets_its_4xx_and_the_server_keeps_serving(server):
    deep = b"<div>" * 20_000 + b"text" + b"</div>" * 20_000
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(20_000)
    cases = [
        ("40 MB body", b"a" * 40_000_000, TEXT, 413, "input-too-large", False),
        ("12 MB chunked", b"b" * 12_000_000, TEXT, 413, "input-too-large", True),
        ("random bytes", os.urandom(100_000), TEXT, 422, "undecodable-input", False),
        ("deep HTML", deep, {"Content-Type": "text/html"}, 422, "malformed-input", False),
        ("invalid JSON", b'{"text": "unterminated', {"Content-Type": "application/json"}, 400,
         "bad-request", False),
        ("an image", png, {"Content-Type": "image/png"}, 415, "unsupported-media-type", False),
        ("an image sent as text", png, TEXT, 422, "undecodable-input", False),
        ("empty body", b"", TEXT, 400, "empty-body", False),
    ]
    for name, body, headers, want, code, chunked in cases:
        status, got_headers, answer = server.request("POST", "/v1/clean", body, headers,
                                                     chunked=chunked)
        assert status == want, (name, answer[:300])
        assert got_headers["Content-Type"] == "application/problem+json", name
        problem = json.loads(answer)
        assert problem["code"] == code and problem["request_id"] == got_headers["X-Request-ID"]
        assert_still_serving(server)


def test_32_concurrent_requests_all_answered_correctly(server):
    expected = {p: cleaner.clean(p.read_bytes()).text for p in SEEDS}
    jobs = [(i, SEEDS[i % len(SEEDS)]) for i in range(32)]

    def one(job):
        i, path = job
        return i, path, clean_seed(server, path, **{"X-Request-ID": f"load-{i}"})

    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(one, jobs))
    for i, path, (status, headers, body) in results:
        assert status == 200, body[:300]
        assert headers["X-Request-ID"] == f"load-{i}"
        assert json.loads(body)["text"] == expected[path]


def test_metrics_are_summed_over_the_workers(server):
    def count() -> float:
        text = server.request("GET", "/metrics")[2].decode()
        return sample(text, "cleaner_http_requests_total", route="/healthz", method="GET",
                      status="200")

    before = count()
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: server.request("GET", "/healthz")[0], range(40)))
    assert statuses == [200] * 40
    assert count() - before == 40  # whichever worker answers /metrics
    text = server.request("GET", "/metrics")[2].decode()
    assert sample(text, "cleaner_documents_cleaned_total", content_type="text/plain") > 0


def test_one_json_log_line_per_request(server):
    server.request("GET", "/healthz", headers={"X-Request-ID": "log-line-check"})
    deadline = time.monotonic() + 10  # the line is written once the answer has gone
    while True:
        lines = [json.loads(x) for x in server.log_path.read_text().splitlines()
                 if "log-line-check" in x]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(lines) == 1 and lines[0]["route"] == "/healthz" and lines[0]["status"] == 200
