"""The OpenAPI 3.1 description of the service, built from the settings so that the limits it
states are the ones in force. Served at /openapi.json; validated in the tests."""

from __future__ import annotations

from typing import Any

from cleaner import KINDS, RULES, Options, __version__
from cleaner.langtags import tag_pattern
from cleaner.options import MAX_NUMBER

from .config import SERVER_OPTIONS, Settings
from .problems import PROBLEMS

_NULLABLE_STR = {"type": ["string", "null"]}


def _problem_ref(*codes: str) -> dict[str, Any]:
    return {
        "description": "; ".join(f"{c}: {PROBLEMS[c][2]}" for c in codes),
        "headers": {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}},
        "content": {"application/problem+json": {"schema": {
            "$ref": "#/components/schemas/Problem"}}},
    }


#: A raw body: anything but ASCII white space alone (the service reads the bytes before it
#: knows their charset, so that is what it can call empty).
_RAW_BODY = {"type": "string", "pattern": "[^ \\t\\n\\r\\x0b\\x0c]"}


def _get(operation: str, summary: str, ok: str, mime: str, schema: dict[str, Any],
         errors: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A GET route answering one content type, or the problems in `errors`."""
    return {"get": {"operationId": operation, "summary": summary, **extra, "responses": {
        "200": {"description": ok, "content": {mime: {"schema": schema}}}, **errors}}}


def _option_schema() -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name, default in Options._field_defaults.items():
        if name in SERVER_OPTIONS:
            continue
        kind = {bool: "boolean", int: "integer", float: "number"}[type(default)]
        props[name] = {"type": kind, "default": default}
        if kind != "boolean":
            props[name] |= {"minimum": 0, "maximum": MAX_NUMBER}
    # cleaner.clean refuses both knobs at once; say so, so that a client (and schemathesis)
    # knows such a request is not valid.
    both = {"type": "object", "required": ["favor_precision", "favor_recall"],
            "properties": {"favor_precision": {"const": True}, "favor_recall": {"const": True}}}
    return {"type": ["object", "null"], "additionalProperties": False, "properties": props,
            "not": both,
            "description": "Overrides of cleaner.Options; the size limit and time budget are "
                           "the server's; favor_precision and favor_recall not both true."}


def build_spec(settings: Settings) -> dict[str, Any]:
    """The OpenAPI document for a service running with `settings`."""
    json_result = {"application/json": {"schema": {"$ref": "#/components/schemas/CleanResult"}},
                   "text/plain": {"schema": {"type": "string"},
                                  "example": "The article's text.\n"}}
    rid = {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}}
    lang_param = {"name": "language", "in": "query", "required": False,
                  "schema": {"type": "string", "pattern": tag_pattern()},
                  "description": "ISO 639-1 code or BCP 47 tag whose primary subtag is "
                                 "one (en, pt-BR); skips language detection. A JSON body's own "
                                 "language wins."}
    request_fields = {
        "text": {"type": "string", "pattern": r"\S",
                 "description": "Raw scraped text (not only white space)"},
        "html": {"type": "string", "pattern": r"\S",
                 "description": "An HTML page (not only white space)"},
        "url": _NULLABLE_STR,
        "language": {"type": ["string", "null"], "pattern": tag_pattern(),
                     "description": "ISO 639-1 code or BCP 47 tag whose primary subtag is one "
                                    "(en, pt-BR)"},
        "options": _option_schema(),
    }
    url_param = {"name": "url", "in": "query", "required": False,
                 "schema": {"type": "string"},
                 "description": "The page's address, reported in metadata. A JSON body's "
                                "own url wins."}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "article-cleaner",
            "version": __version__,
            "summary": "Scraped page in; the article's clean text, metadata and every removed "
                       "block with its kind and reason out.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "/"}],
        "security": [{}, {"bearer": []}],
        "paths": {
            "/v1/clean": {"post": {
                "operationId": "clean",
                "summary": "Clean one document",
                "description": f"Documents over {settings.max_document_bytes:,} bytes or "
                               f"{settings.max_document_lines:,} non-blank lines get 413; "
                               f"a JSON body may be up to {settings.max_json_body_bytes:,} "
                               "bytes. `Accept: text/plain` answers only the clean text.",
                "parameters": [url_param, lang_param],
                "requestBody": {"required": True, "content": {
                    "text/plain": {"schema": _RAW_BODY},
                    "text/html": {"schema": _RAW_BODY},
                    "application/json": {"schema": {
                        "$ref": "#/components/schemas/CleanRequest"}},
                }},
                "responses": {
                    "200": {"description": "The cleaning", "headers": rid,
                            "content": json_result},
                    "400": _problem_ref("bad-request", "empty-body", "invalid-input"),
                    "401": _problem_ref("unauthorized"),
                    "413": _problem_ref("input-too-large"),
                    "415": _problem_ref("unsupported-media-type"),
                    "422": _problem_ref("undecodable-input", "malformed-input"),
                    "500": _problem_ref("internal-error"),
                    "503": _problem_ref("time-budget-exceeded"),
                },
            }},
            "/v1/clean/batch": {"post": {
                "operationId": "cleanBatch",
                "summary": "Clean many documents (NDJSON in, NDJSON out, streamed, same order)",
                "description": f"At most {settings.batch_max_items:,} items and "
                               f"{settings.batch_max_bytes:,} bytes. A failing item gets an "
                               "error line; the others are cleaned.",
                "requestBody": {"required": True, "content": {"application/x-ndjson": {
                    "schema": {"$ref": "#/components/schemas/BatchItem"}}}},
                "responses": {
                    "200": {"description": "One line per item, in order", "headers": rid,
                            "content": {"application/x-ndjson": {"schema": {
                                "$ref": "#/components/schemas/BatchLine"}}}},
                    "400": _problem_ref("empty-body", "bad-request"),
                    "401": _problem_ref("unauthorized"),
                    "413": _problem_ref("input-too-large", "batch-too-large"),
                    "415": _problem_ref("unsupported-media-type"),
                },
            }},
            "/healthz": {"get": {
                "operationId": "healthz", "summary": "Liveness", "security": [{}],
                "responses": {"200": {"description": "The process answers", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}},
            }},
            "/readyz": {"get": {
                "operationId": "readyz", "summary": "Readiness (warmed up on a seed)",
                "security": [{}],
                "responses": {
                    "200": {"description": "Ready", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Status"}}}},
                    "503": _problem_ref("not-ready"),
                },
            }},
            "/metrics": _get("metrics", "Prometheus metrics", "Exposition text", "text/plain",
                             {"type": "string"}, {"401": _problem_ref("unauthorized")}),
            "/openapi.json": _get("openapi", "This document", "OpenAPI 3.1", "application/json",
                                  {"type": "object"}, {"401": _problem_ref("unauthorized")}),
            "/problems/{code}": _get(
                "problemType", "What a problem type means", "A short text", "text/plain",
                {"type": "string"}, {"404": _problem_ref("not-found")},
                parameters=[{"name": "code", "in": "path", "required": True,
                             "schema": {"type": "string", "enum": sorted(PROBLEMS)}}]),
            "/": _get("playground", "The playground page (no key needed; its API calls "
                      "send the one typed into it)", "HTML", "text/html", {"type": "string"},
                      {}, security=[{}]),
        },
        "components": {
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "Needed on every route but the health checks when the server "
                               "sets CLEANER_API_KEYS."}},
            "headers": {"X-Request-ID": {
                "description": "The caller's X-Request-ID when it is a safe token, else a new "
                               "one; also in every problem document.",
                "schema": {"type": "string"}}},
            "schemas": {
                "CleanRequest": {
                    "type": "object", "additionalProperties": False,
                    "properties": request_fields,
                    "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
                },
                "BatchItem": {
                    "type": "object", "additionalProperties": False,
                    "properties": {"id": {"type": ["string", "integer"]}, **request_fields},
                    "required": ["id"],
                    "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
                },
                "BatchLine": {
                    "type": "object", "required": ["id"],
                    "properties": {
                        "id": {"type": ["string", "integer", "null"]},
                        "line": {"type": "integer"},
                        "result": {"$ref": "#/components/schemas/CleanResult"},
                        "error": {"$ref": "#/components/schemas/Problem"},
                    },
                    "oneOf": [{"required": ["result"]}, {"required": ["error", "line"]}],
                },
                "CleanResult": {
                    "type": "object", "additionalProperties": False,
                    "required": ["text", "metadata", "removed", "metadata_blocks", "warnings"],
                    "properties": {
                        "text": {"type": "string"},
                        "metadata": {"$ref": "#/components/schemas/Metadata"},
                        "removed": {"type": "array", "items": {
                            "$ref": "#/components/schemas/Removal"}},
                        "metadata_blocks": {"type": "array", "items": {
                            "$ref": "#/components/schemas/MetadataBlock"}},
                        "warnings": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "Metadata": {
                    "type": "object", "additionalProperties": False,
                    "required": ["title", "published", "language", "word_count",
                                 "char_count", "content_type"],
                    "properties": {
                        "title": _NULLABLE_STR, "published": _NULLABLE_STR,
                        "language": _NULLABLE_STR,
                        "language_confidence": {"type": ["number", "null"]},
                        "confidence": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                                       "description": "how good the cleaning probably is"},
                        "dateline": _NULLABLE_STR, "author": _NULLABLE_STR,
                        "site_name": _NULLABLE_STR, "url": _NULLABLE_STR,
                        "description": _NULLABLE_STR,
                        "word_count": {"type": "integer", "minimum": 0},
                        "char_count": {"type": "integer", "minimum": 0},
                        "content_type": {"enum": ["text/plain", "text/html"]},
                        "encoding": _NULLABLE_STR,
                    },
                },
                "Removal": {
                    "type": "object", "additionalProperties": False,
                    "required": ["text", "kind", "reason", "rule", "start", "end"],
                    "properties": {
                        "text": {"type": "string"},
                        "kind": {"enum": sorted(KINDS),
                                 "description": "; ".join(f"{k}: {v}" for k, v in KINDS.items())},
                        "reason": {"type": "string"},
                        "rule": {"enum": sorted(RULES),
                                 "description": "; ".join(f"{k}: {v}" for k, v in RULES.items())},
                        "start": {"type": ["integer", "null"]},
                        "end": {"type": ["integer", "null"]},
                    },
                },
                "MetadataBlock": {
                    "type": "object", "additionalProperties": False,
                    "required": ["text", "field", "start", "end"],
                    "properties": {
                        "text": {"type": "string"}, "field": {"type": "string"},
                        "start": {"type": ["integer", "null"]},
                        "end": {"type": ["integer", "null"]},
                    },
                },
                "Problem": {
                    "type": "object", "required": ["type", "title", "status", "code"],
                    "description": "RFC 9457 problem details",
                    "properties": {
                        "type": {"type": "string", "format": "uri-reference"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "instance": {"type": "string"},
                        "code": {"enum": sorted(PROBLEMS)},
                        "request_id": {"type": "string"},
                    },
                },
                "Status": {"type": "object", "required": ["status"],
                           "properties": {"status": {"type": "string"},
                                          "version": {"type": "string"}}},
            },
        },
    }
