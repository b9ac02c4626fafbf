"""A hello-world Flask app, the yardstick for the service's requests/s: it reads the body
and answers a small JSON document, under the same gunicorn settings as the service."""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.post("/v1/clean")
def hello() -> dict[str, object]:
    """Read the body, answer a constant."""
    return {"text": "hello", "bytes": len(request.get_data())}


@app.get("/readyz")
def ready() -> dict[str, str]:
    return {"status": "ready"}
