"""The HTTP service through Flask's test client: every endpoint, content type and error."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate

import cleaner
from service import create_app
from service.config import load_settings
from service.problems import PROBLEMS

from .conftest import SEEDS

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_ccde3f834144294e.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


class BufferedClient(FlaskClient):
    """Reads and closes every response, so the middleware's log line and metrics run."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


def make_app(**config):
    config.setdefault("warmup", "off")
    app = create_app(config)
    app.test_client_class = BufferedClient
    return app


@pytest.fixture(scope="module")
def app():
    return make_app()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").get_json()


def schema_validator(spec: dict, name: str) -> jsonschema.Draft202012Validator:
    """A validator for one component schema of the service's own OpenAPI document."""
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


def assert_problem(response, status: int, code: str, spec: dict) -> dict:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    schema_validator(spec, "Problem").validate(body)
    assert body["status"] == status and body["code"] == code
    assert body["type"] == f"/problems/{code}"
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


# --- /v1/clean -----------------------------------------------------------------------------

def test_plain_text_gives_the_librarys_result(client, spec):
    data = SEED.read_bytes()
    response = client.post("/v1/clean", data=data, content_type="text/plain")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    schema_validator(spec, "CleanResult").validate(body)
    assert body == cleaner.clean(data, content_type="text/plain").to_dict()


@pytest.mark.parametrize("path", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_every_seed_cleans_over_http_as_in_process(client, path):
    data = path.read_bytes()
    body = client.post("/v1/clean", data=data, content_type="text/plain; charset=utf-8").get_json()
    assert body["text"] == cleaner.clean(data).text


def test_html_body(client, spec):
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED.read_text("utf-8").splitlines())
    page = f"<html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"
    response = client.post("/v1/clean", data=page.encode(), content_type="text/html")
    assert response.status_code == 200
    body = response.get_json()
    schema_validator(spec, "CleanResult").validate(body)
    assert body["metadata"]["content_type"] == "text/html"
    assert "Kim Jong Un" in body["text"]


def test_json_body_with_text_url_language_and_options(client, spec):
    text = SEED.read_text("utf-8")
    response = client.post("/v1/clean", json={
        "text": text, "url": "https://example.org/a", "language": "en",
        "options": {"extract_metadata": False}})
    assert response.status_code == 200
    body = response.get_json()
    schema_validator(spec, "CleanResult").validate(body)
    expected = cleaner.clean(text, url="https://example.org/a", language="en",
                             extract_metadata=False).to_dict()
    assert body == expected
    assert body["metadata"]["url"] == "https://example.org/a"
    assert body["metadata"]["title"] is None  # the option reached the cleaner


@pytest.mark.parametrize("favor", ["favor_precision", "favor_recall"])
def test_the_precision_recall_knob_reaches_the_cleaner(client, spec, favor):
    text = SEED.read_text("utf-8")
    response = client.post("/v1/clean", json={"text": text, "options": {favor: True}})
    assert response.status_code == 200
    body = response.get_json()
    schema_validator(spec, "CleanResult").validate(body)
    assert body == cleaner.clean(text, **{favor: True}).to_dict()
    assert all(r["rule"] in cleaner.RULES for r in body["removed"])


def test_include_links_reaches_the_cleaner(client):
    link = "[Vladimir Putin](https://example.org/putin)"
    text = SEED.read_text("utf-8").replace("Vladimir Putin", link, 1)
    for keep in (False, True):
        response = client.post("/v1/clean", json={"text": text,
                                                  "options": {"include_links": keep}})
        assert response.status_code == 200
        body = response.get_json()
        assert body == cleaner.clean(text, include_links=keep).to_dict()
        assert (link in body["text"]) is keep


def test_include_images_reaches_the_cleaner(client, spec):
    image = "![Vladimir Putin](https://example.org/putin.jpg)"
    text = SEED.read_text("utf-8").replace("Vladimir Putin", f"{image}\n\nVladimir Putin", 1)
    for keep in (False, True):
        response = client.post("/v1/clean", json={"text": text,
                                                  "options": {"include_images": keep}})
        assert response.status_code == 200
        body = response.get_json()
        schema_validator(spec, "CleanResult").validate(body)
        assert body == cleaner.clean(text, include_images=keep).to_dict()
        assert (image in body["text"]) is keep
        assert ([r["kind"] for r in body["removed"] if r["text"] == image] == []) is keep


def test_json_body_with_html(client):
    response = client.post("/v1/clean", json={"html": "<html><body><article><p>" + "A sentence "
                                              "that is long enough to be kept as text. " * 5
                                              + "</p></article></body></html>"})
    assert response.status_code == 200
    assert response.get_json()["metadata"]["content_type"] == "text/html"


def test_query_parameters_for_raw_bodies(client):
    response = client.post("/v1/clean?language=en&url=https://example.org/x",
                           data=SEED.read_bytes(), content_type="text/plain")
    meta = response.get_json()["metadata"]
    assert meta["url"] == "https://example.org/x" and meta["language"] == "en"
    assert meta["language_confidence"] is None  # given, not detected


def test_accept_text_plain_answers_only_the_text(client):
    data = SEED.read_bytes()
    response = client.post("/v1/clean", data=data, content_type="text/plain",
                           headers={"Accept": "text/plain"})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == cleaner.clean(data).text + "\n"
    prefers_json = client.post("/v1/clean", data=data, content_type="text/plain",
                               headers={"Accept": "text/plain;q=0.5, application/json"})
    assert prefers_json.mimetype == "application/json"


def test_charset_parameter_decodes_legacy_bytes(client):
    text = "Le café est ouvert à tous les habitants du quartier depuis le début de l'année. " * 4
    response = client.post("/v1/clean", data=text.encode("latin-1"),
                           content_type="text/plain; charset=iso-8859-1")
    assert response.status_code == 200
    assert "café" in response.get_json()["text"]


# --- errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"{not json", b"[1, 2", b"\xff\xfe\x00garbage", b"[" * 100_000])
def test_malformed_json_is_400(client, spec, data):
    response = client.post("/v1/clean", data=data, content_type="application/json")
    assert_problem(response, 400, "bad-request", spec)


@pytest.mark.parametrize(("doc", "needle"), [
    ([1, 2], "object"),
    ({}, "exactly one"),
    ({"text": "a", "html": "<p>a</p>"}, "exactly one"),
    ({"text": 5}, "string"),
    ({"text": "hello", "url": 3}, "url"),
    ({"text": "hello", "options": []}, "options"),
    ({"text": "hello", "colour": "red"}, "colour"),
    ({"text": "hello", "options": {"max_input_size": 10**12}}, "server"),
    ({"text": "hello", "options": {"time_budget": 0}}, "server"),
    ({"text": "hello", "options": {"max_lines": 10**9}}, "server"),
])
def test_bad_fields_are_400(client, spec, doc, needle):
    body = assert_problem(client.post("/v1/clean", json=doc), 400, "bad-request", spec)
    assert needle in body["detail"]


@pytest.mark.parametrize("doc", [{"text": "hello", "options": {"no_such_option": 1}},
                                 {"text": "hello", "options": {"keep_captions": "yes"}},
                                 {"text": "hello", "options": {"favor_precision": True,
                                                               "favor_recall": True}},
                                 {"text": "hello", "language": "english!"},
                                 {"text": "hello", "language": "xx"},
                                 {"text": "hello", "language": "qq"},
                                 {"text": "hello", "language": "eng"},
                                 {"text": "hello", "language": "en_US"},
                                 # schemathesis's find: once a 500 from the core
                                 {"text": "5\b\u00b2j\u00daQ",
                                  "options": {"language_sample": -259833}},
                                 {"text": "hello", "options": {"max_short_run": 2**40}}])
def test_values_the_cleaner_refuses_are_400(client, spec, doc):
    assert_problem(client.post("/v1/clean", json=doc), 400, "invalid-input", spec)


@pytest.mark.parametrize(("tag", "code"), [("pt-BR", "pt"), ("en-US", "en"),
                                           ("zh-Hant-TW", "zh"), ("EN", "en")])
def test_bcp47_tags_are_taken_by_their_primary_subtag(client, tag, code):
    body = client.post("/v1/clean", json={"text": SEED.read_text("utf-8"),
                                          "language": tag}).get_json()
    assert body["metadata"]["language"] == code
    raw = client.post(f"/v1/clean?language={tag}", data=SEED.read_bytes(),
                      content_type="text/plain")
    assert raw.status_code == 200 and raw.get_json()["metadata"]["language"] == code


def test_a_bad_language_query_parameter_is_400(client, spec):
    assert_problem(client.post("/v1/clean?language=xx", data=SEED.read_bytes(),
                               content_type="text/plain"), 400, "invalid-input", spec)


def test_a_bad_language_query_parameter_is_400_even_when_the_body_names_one(client, spec):
    # The JSON's own language wins, but a bad one in the query is not silently ignored
    # (schemathesis found the service accepting it).
    response = client.post("/v1/clean?language=%C3%95", json={"text": "Some text here.",
                                                               "language": "en"})
    assert_problem(response, 400, "invalid-input", spec)
    same = client.post("/v1/clean?language=en-GB", json={"text": "Some text here.",
                                                          "language": "de"})
    assert same.status_code == 200 and same.get_json()["metadata"]["language"] == "de"


@pytest.mark.parametrize(("data", "ctype"), [(b"", "text/plain"), (b"  \n ", "text/html"),
                                             (b"", "application/json")])
def test_empty_body_is_400(client, spec, data, ctype):
    assert_problem(client.post("/v1/clean", data=data, content_type=ctype), 400, "empty-body",
                   spec)


def test_empty_text_field_is_400(client, spec):
    assert_problem(client.post("/v1/clean", json={"text": " "}), 400, "empty-body", spec)


@pytest.mark.parametrize("ctype", ["image/png", "application/octet-stream",
                                   "application/x-www-form-urlencoded", None])
def test_unsupported_media_type_is_415(client, spec, ctype):
    headers = {"Content-Type": ctype} if ctype else {}
    response = client.post("/v1/clean", data=PNG, headers=headers)
    assert_problem(response, 415, "unsupported-media-type", spec)


def test_over_the_document_limit_is_413():
    app = make_app(max_document_bytes=1000)
    c = app.test_client()
    spec = c.get("/openapi.json").get_json()
    assert_problem(c.post("/v1/clean", data=b"a" * 1001, content_type="text/plain"), 413,
                   "input-too-large", spec)
    assert_problem(c.post("/v1/clean", json={"text": "é" * 501}), 413, "input-too-large", spec)
    assert c.post("/v1/clean", data=b"word " * 200, content_type="text/plain").status_code == 200


def test_over_the_line_limit_is_413():
    c = make_app(max_document_lines=3).test_client()
    spec = c.get("/openapi.json").get_json()
    body = assert_problem(c.post("/v1/clean", data=b"one\ntwo\n\nthree\nfour",
                                 content_type="text/plain"), 413, "input-too-large", spec)
    assert "3 non-blank lines" in body["detail"]
    assert c.post("/v1/clean", data=b"one\ntwo\n\nthree", content_type="text/plain"
                  ).status_code == 200


def test_default_limit_is_ten_megabytes(client, spec):
    body = b"x" * (10_000_000 + 1)
    assert_problem(client.post("/v1/clean", data=body, content_type="text/plain"), 413,
                   "input-too-large", spec)


def test_chunked_body_over_the_limit_is_413():
    app = make_app(max_document_bytes=1000)
    c = app.test_client()
    for size, status in ((1200, 413), (900, 200)):
        response = c.post("/v1/clean", input_stream=io.BytesIO(b"word " * (size // 5)),
                          content_type="text/plain", headers={"Transfer-Encoding": "chunked"},
                          environ_overrides={"wsgi.input_terminated": True})
        assert response.status_code == status


@pytest.mark.parametrize(("data", "ctype"), [
    (PNG, "text/plain"),
    (os.urandom(4096) + b"\x00", "text/plain"),
    (b"\x00\x01\x02binary\x00" * 100, "text/html"),
])
def test_undecodable_bytes_are_422(client, spec, data, ctype):
    assert_problem(client.post("/v1/clean", data=data, content_type=ctype), 422,
                   "undecodable-input", spec)


def test_html_past_the_parser_depth_is_422(client, spec):
    deep = b"<div>" * 20_000 + b"text" + b"</div>" * 20_000
    assert_problem(client.post("/v1/clean", data=deep, content_type="text/html"), 422,
                   "malformed-input", spec)


def test_unknown_route_is_404_and_wrong_method_405(client, spec):
    assert_problem(client.get("/v2/nothing"), 404, "not-found", spec)
    response = client.get("/v1/clean")
    assert_problem(response, 405, "method-not-allowed", spec)
    assert "POST" in response.headers["Allow"]
    assert_problem(client.delete("/healthz"), 405, "method-not-allowed", spec)


def test_time_budget_gives_503_and_the_app_keeps_serving(slow_clock, monkeypatch):
    app = make_app(time_budget=0.2)
    c = app.test_client()
    spec = c.get("/openapi.json").get_json()
    long_page = "\n".join(f"Paragraph {i}: the committee met again on Tuesday to discuss the "
                          "plan for the new bridge over the river." for i in range(6_000))
    assert_problem(c.post("/v1/clean", data=long_page.encode(), content_type="text/plain"),
                   503, "time-budget-exceeded", spec)
    monkeypatch.undo()  # real time again: the next document is well within the budget
    assert c.get("/healthz").status_code == 200
    ok = c.post("/v1/clean", data=b"A short note about the weather today, which is fine.",
                content_type="text/plain")
    assert ok.status_code == 200


def test_unexpected_error_is_500_without_a_traceback(monkeypatch, capsys):
    app = make_app()
    c = app.test_client()
    spec = c.get("/openapi.json").get_json()

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(cleaner, "clean", boom)
    response = c.post("/v1/clean", data=b"hello there", content_type="text/plain")
    body = assert_problem(response, 500, "internal-error", spec)
    assert "secret" not in response.get_data(as_text=True)
    err = capsys.readouterr().err
    logged = [json.loads(line) for line in err.splitlines() if '"event": "error"' in line]
    assert logged and logged[0]["request_id"] == body["request_id"]
    assert "secret internals" in logged[0]["traceback"]  # the details are in the log only
    monkeypatch.undo()
    assert c.post("/v1/clean", data=b"hello there", content_type="text/plain").status_code == 200


def test_every_problem_code_has_a_type_page(client):
    for code, (status, title, _) in PROBLEMS.items():
        page = client.get(f"/problems/{code}")
        assert page.status_code == 200 and title in page.get_data(as_text=True)
        assert str(status) in page.get_data(as_text=True)
    assert client.get("/problems/nope").status_code == 404


# --- request ids and logs ------------------------------------------------------------------

def test_request_id_is_the_callers_when_safe(client, spec):
    response = client.get("/nope", headers={"X-Request-ID": "scrape-42.a"})
    assert response.headers["X-Request-ID"] == "scrape-42.a"
    assert response.get_json(force=True)["request_id"] == "scrape-42.a"
    unsafe = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert re.fullmatch(r"[0-9a-f]{32}", unsafe.headers["X-Request-ID"])
    assert client.get("/healthz").headers["X-Request-ID"] != client.get(
        "/healthz").headers["X-Request-ID"]


def test_one_json_log_line_per_request(client, capsys):
    capsys.readouterr()
    data = SEED.read_bytes()
    response = client.post("/v1/clean", data=data, content_type="text/plain",
                           headers={"X-Request-ID": "log-test-1"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["event"] == "request" and line["request_id"] == "log-test-1"
    assert line["route"] == "/v1/clean" and line["status"] == 200
    assert line["bytes_in"] == len(data) and line["bytes_out"] == len(response.data)
    assert line["duration_ms"] > 0


# --- batch ---------------------------------------------------------------------------------

def ndjson(items) -> bytes:
    return b"".join(json.dumps(i).encode() + b"\n" if not isinstance(i, bytes) else i + b"\n"
                    for i in items)


def test_batch_answers_in_order_with_per_item_errors(client, spec):
    texts = [p.read_text("utf-8") for p in SEEDS]
    items = [{"id": f"seed-{i}", "text": t} for i, t in enumerate(texts)]
    items.insert(2, {"id": "bad-lang", "text": "hello", "language": "!!"})
    items.insert(4, b"{this is not json")
    items.append({"id": 7, "html": "<html><body><p>" + "Words in a sentence here. " * 20
                  + "</p></body></html>"})
    items.append({"text": "no id"})
    response = client.post("/v1/clean/batch", data=ndjson(items),
                           content_type="application/x-ndjson")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == len(items)
    check = schema_validator(spec, "BatchLine")
    for line in lines:
        check.validate(line)
    ids = [line["id"] for line in lines]
    assert ids == ["seed-0", "seed-1", "bad-lang", "seed-2", None, "seed-3", "seed-4", 7, None]
    assert lines[2]["error"]["code"] == "invalid-input" and lines[2]["line"] == 3
    assert lines[4]["error"]["code"] == "bad-request" and lines[4]["line"] == 5
    assert lines[-1]["error"]["code"] == "bad-request"
    for i, t in enumerate(texts):
        line = next(x for x in lines if x["id"] == f"seed-{i}")
        assert line["result"]["text"] == cleaner.clean(t).text
    assert lines[7]["result"]["metadata"]["content_type"] == "text/html"


def test_batch_is_streamed(client):
    items = ndjson([{"id": i, "text": "A line of text that is fine. " * 5} for i in range(3)])
    response = client.post("/v1/clean/batch", data=items, content_type="application/x-ndjson",
                           buffered=False)
    assert response.is_streamed
    first = next(iter(response.response))
    assert json.loads(first)["id"] == 0
    response.close()


def test_batch_limits_and_errors():
    app = make_app(batch_max_items=3, batch_max_bytes=5000, max_document_bytes=500)
    c = app.test_client()
    spec = c.get("/openapi.json").get_json()
    four = ndjson([{"id": i, "text": "x"} for i in range(4)])
    assert_problem(c.post("/v1/clean/batch", data=four, content_type="application/x-ndjson"),
                   413, "batch-too-large", spec)
    big = ndjson([{"id": 1, "text": "y" * 6000}])
    assert_problem(c.post("/v1/clean/batch", data=big, content_type="application/x-ndjson"),
                   413, "input-too-large", spec)
    one_big = ndjson([{"id": 1, "text": "z" * 600}, {"id": 2, "text": "A fine short text."}])
    lines = [json.loads(x) for x in c.post("/v1/clean/batch", data=one_big,
                                           content_type="application/x-ndjson").data.splitlines()]
    assert lines[0]["error"]["code"] == "input-too-large" and "result" in lines[1]
    assert_problem(c.post("/v1/clean/batch", data=b"\n\n", content_type="application/x-ndjson"),
                   400, "empty-body", spec)
    assert_problem(c.post("/v1/clean/batch", data=four, content_type="application/json"),
                   415, "unsupported-media-type", spec)


# --- health, readiness, metrics, OpenAPI ---------------------------------------------------

def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_waits_for_the_warm_up():
    app = make_app(warmup="background")
    warmup = app.extensions["cleaner"]["warmup"]
    c = app.test_client()
    assert warmup.ready.wait(120), warmup.error
    assert c.get("/readyz").get_json()["status"] == "ready"
    cold = make_app(warmup="off")
    cold.extensions["cleaner"]["warmup"].ready.clear()
    spec = c.get("/openapi.json").get_json()
    assert_problem(cold.test_client().get("/readyz"), 503, "not-ready", spec)


def sample(metrics_text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in metrics_text.splitlines():
        if line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        lname, _, rest = key.partition("{")
        got = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if lname == name and got == want:
            return float(value)
    return 0.0


def test_metrics_count_requests_documents_removals_and_errors():
    app = make_app()
    c = app.test_client()
    data = SEED.read_bytes()
    removed = cleaner.clean(data).removed
    for _ in range(3):
        c.post("/v1/clean", data=data, content_type="text/plain")
    c.post("/v1/clean", data=b"", content_type="text/plain")
    c.get("/nowhere")
    text = c.get("/metrics").get_data(as_text=True)
    assert sample(text, "cleaner_http_requests_total", route="/v1/clean", method="POST",
                  status="200") == 3
    assert sample(text, "cleaner_http_requests_total", route="/v1/clean", method="POST",
                  status="400") == 1
    assert sample(text, "cleaner_http_requests_total", route="unmatched", method="GET",
                  status="404") == 1
    assert sample(text, "cleaner_http_request_duration_seconds_count", route="/v1/clean") == 4
    assert sample(text, "cleaner_http_request_bytes_total", route="/v1/clean") == 3 * len(data)
    assert sample(text, "cleaner_documents_cleaned_total", content_type="text/plain") == 3
    kind = removed[0].kind
    assert sample(text, "cleaner_removals_total", kind=kind) == 3 * sum(
        r.kind == kind for r in removed)
    assert sample(text, "cleaner_errors_total", code="empty-body") == 1
    assert sample(text, "cleaner_errors_total", code="not-found") == 1


def test_openapi_document_is_valid_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises on an invalid document
    assert {"/v1/clean", "/v1/clean/batch", "/healthz", "/readyz", "/metrics",
            "/openapi.json", "/"} <= set(spec["paths"])


def test_openapi_states_the_limits_in_force():
    spec = make_app(max_document_bytes=12345).test_client().get("/openapi.json").get_json()
    assert "12,345" in spec["paths"]["/v1/clean"]["post"]["description"]


def test_playground_page_and_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200


# --- authentication -----------------------------------------------------------------------

def test_api_keys_guard_everything_but_health_checks_and_the_playground_page():
    app = make_app(api_keys="k-one, k-two")
    c = app.test_client()
    # The playground page and its files load without a key; its calls to the API send one.
    for path in ("/healthz", "/readyz", "/", "/static/playground.js",
                 "/static/playground.css"):
        assert c.get(path).status_code == 200
    response = c.post("/v1/clean", data=b"hello there", content_type="text/plain")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    for headers in ({"Authorization": "Bearer wrong"}, {"Authorization": "k-one"},
                    {"Authorization": "Basic k-one"}, {"Authorization": "Bearer k-on"}):
        assert c.post("/v1/clean", data=b"hello there", content_type="text/plain",
                      headers=headers).status_code == 401
    for key in ("k-one", "k-two"):
        ok = c.post("/v1/clean", data=b"hello there", content_type="text/plain",
                    headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
    for path in ("/metrics", "/openapi.json", "/nowhere"):
        assert c.get(path).status_code == 401


def test_settings_come_from_the_environment():
    env = {"CLEANER_MAX_DOCUMENT_BYTES": "2048", "CLEANER_TIME_BUDGET": "1.5",
           "CLEANER_API_KEYS": "a,b", "CLEANER_ACCESS_LOG": "false"}
    s = load_settings(environ=env)
    assert (s.max_document_bytes, s.time_budget, s.api_keys, s.access_log) == (
        2048, 1.5, ("a", "b"), False)
    assert load_settings({"max_document_bytes": 99}, environ=env).max_document_bytes == 99
    assert load_settings(environ={"CLEANER_MAX_DOCUMENT_LINES": "50"}).max_document_lines == 50
    for bad in ({"CLEANER_TIME_BUDGET": "soon"}, {"CLEANER_ACCESS_LOG": "maybe"},
                {"CLEANER_WARMUP": "later"}, {"CLEANER_MAX_DOCUMENT_BYTES": "-1"},
                {"CLEANER_MAX_DOCUMENT_LINES": "0"}):
        with pytest.raises(ValueError, match="CLEANER_"):
            load_settings(environ=bad)
    with pytest.raises(ValueError, match="unknown"):
        load_settings({"colour": "red"}, environ={})


def test_a_panic_in_the_core_is_a_500_problem_document(client, monkeypatch):
    from tests.test_bad_input import _panicking_segment

    monkeypatch.setattr("cleaner.segment._core.segment", _panicking_segment)
    resp = client.post("/v1/clean", json={"text": "Some text that reaches the segmenter."})
    assert resp.status_code == 500
    assert resp.mimetype == "application/problem+json"
    assert resp.get_json()["type"].endswith("/internal-error")


@pytest.mark.parametrize(("options", "valid"), [
    (None, True), ({}, True), ({"favor_precision": True}, True),
    ({"favor_precision": True, "favor_recall": False}, True),
    ({"favor_precision": True, "favor_recall": True}, False),
    ({"language_sample": -1}, False), ({"language_sample": 0}, True),
    ({"short_length": 2**31}, False),
])
def test_the_options_schema_refuses_what_the_cleaner_refuses(options, valid):
    # Both knobs at once are a 400 (test_values_the_cleaner_refuses_are_400): the published
    # schema says so too, so a client (and the schemathesis contract test) knows.
    from service.openapi import _option_schema

    validator = jsonschema.Draft202012Validator(_option_schema())
    assert validator.is_valid(options) is valid
