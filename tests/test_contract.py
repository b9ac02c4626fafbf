"""The service against its own OpenAPI document, with schemathesis: every operation, positive
and negative cases (schema-breaking requests must be refused, schema-valid ones accepted),
no 5xx, and every answer as the document says. CI runs it with a fixed seed."""

from __future__ import annotations

import json
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    positive_data_acceptance,
)

from service import create_app  # noqa: E402

pytestmark = pytest.mark.slow

RAW = ("text/plain", "text/html")


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: Any, value: Any) -> bytes:
    """A batch body: one JSON document a line (the document describes one item)."""
    items = value if isinstance(value, list) else [value]
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


schema = schemathesis.openapi.from_wsgi("/openapi.json", create_app({"warmup": "sync"}))


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case: Any) -> None:
    response = case.call()
    excluded = []
    if case.media_type in RAW and not isinstance(case.body, str):
        # A raw body is bytes on the wire: a generated number or object arrives as its text,
        # a valid document, so a "wrong type" cannot be refused.
        excluded.append(negative_data_rejection)
    if case.operation.path == "/v1/clean/batch":
        # A batch answers 200 with an error line for each bad item (the document's
        # BatchLine), not 4xx for the whole request: a bad item is not a bad batch.
        excluded.append(negative_data_rejection)
        if response.status_code == 200 and case.method.upper() == "POST":
            # One answer line for every item, whatever was wrong with it.
            lines = [json.loads(x) for x in response.content.splitlines()]
            assert len(lines) == len(_items(case.body))
    if response.status_code == 422:
        # Text that is binary data, or HTML nested past the parser's limit: the document
        # lists 422 for these, which no schema of a string can tell apart in advance.
        excluded.append(positive_data_acceptance)
    case.validate_response(response, excluded_checks=excluded)


def _items(body: Any) -> list[Any]:
    return body if isinstance(body, list) else [body]
