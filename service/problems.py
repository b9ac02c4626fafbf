"""RFC 9457 problem documents: every error the service answers is one of these."""

from __future__ import annotations

from typing import Any

from flask import Response, json

#: code -> (status, title, what it means). The `type` of a problem is /problems/<code>.
PROBLEMS: dict[str, tuple[int, str, str]] = {
    "bad-request": (400, "Bad request",
                    "The body is not valid JSON, or a field is missing or has the wrong type."),
    "empty-body": (400, "Empty body", "The request has no document to clean."),
    "invalid-input": (400, "Invalid input",
                      "The cleaner refused an argument: an unknown option, a bad language."),
    "unauthorized": (401, "Unauthorized",
                     "CLEANER_API_KEYS is set and the request has no valid bearer token."),
    "not-found": (404, "Not found", "No such route."),
    "method-not-allowed": (405, "Method not allowed", "The route does not take this method."),
    "input-too-large": (413, "Content too large",
                        "The document or the request is over the configured limit."),
    "batch-too-large": (413, "Batch too large", "The batch has more items than allowed."),
    "unsupported-media-type": (415, "Unsupported media type",
                               "Send text/plain, text/html or application/json "
                               "(application/x-ndjson to the batch route)."),
    "undecodable-input": (422, "Undecodable input",
                          "The bytes are binary data or text in no recognisable charset."),
    "malformed-input": (422, "Malformed input",
                        "The document cannot be cleaned without loss or in reasonable time "
                        "(HTML nested past the parser's depth limit, a tag of over 1,000 "
                        "attributes)."),
    "internal-error": (500, "Internal server error",
                       "A bug: the cleaner failed. The request id finds it in the log."),
    "not-ready": (503, "Not ready", "The cleaner has not finished warming up."),
    "time-budget-exceeded": (503, "Time budget exceeded",
                             "The document took longer than CLEANER_TIME_BUDGET seconds."),
}

PROBLEM_TYPE_PREFIX = "/problems/"


class Problem(Exception):
    """Raise in a view to answer with a problem document."""

    def __init__(self, code: str, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or code)
        self.code = code
        self.status = PROBLEMS[code][0]
        self.detail = detail
        self.extra = extra


def problem_body(code: str, detail: str | None, request_id: str | None,
                 instance: str | None = None, **extra: Any) -> dict[str, Any]:
    """The problem document as a dict (also used for per-item errors in a batch)."""
    status, title, _ = PROBLEMS[code]
    body: dict[str, Any] = {"type": PROBLEM_TYPE_PREFIX + code, "title": title,
                            "status": status, "code": code}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    body.update(extra)
    return body


def problem_response(code: str, detail: str | None, request_id: str | None,
                     instance: str | None = None, headers: dict[str, str] | None = None,
                     **extra: Any) -> Response:
    """An `application/problem+json` response."""
    body = problem_body(code, detail, request_id, instance, **extra)
    response = Response(json.dumps(body, ensure_ascii=False) + "\n", status=body["status"],
                        mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
