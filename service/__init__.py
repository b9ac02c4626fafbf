"""The HTTP service: a thin Flask layer over `cleaner.clean` (see `create_app`).

`create_app` is imported lazily, so that `service.gunicorn_conf` can set up the metrics
folder before Flask or prometheus_client are imported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module 'service' has no attribute {name!r}")
