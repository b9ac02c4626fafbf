"""The WSGI entry point gunicorn serves (`service.wsgi:app`). With gunicorn's preload the
warm-up runs once in the master, before the workers fork, so every worker starts ready."""

from __future__ import annotations

import os

from .app import create_app

app = create_app({"warmup": os.environ.get("CLEANER_WARMUP", "sync")})
