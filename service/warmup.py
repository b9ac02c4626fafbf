"""The warm-up: clean a seed document once before traffic arrives (`/readyz` waits for it)."""

from __future__ import annotations

import logging
import threading
from importlib import resources

import cleaner

from .middleware import log_json


class Warmup:
    """Cleans a seed document once (text and HTML) so that models, stop lists and lexicons
    are loaded before traffic arrives; `/readyz` answers 200 once it has."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.error: str | None = None

    def run(self) -> None:
        try:
            text = resources.files("service").joinpath("warmup.txt").read_text("utf-8")
            cleaner.clean(text, content_type="text/plain")
            paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
            cleaner.clean(f"<html><body><article>{paragraphs}</article></body></html>",
                          content_type="text/html")
        except Exception as exc:  # reported by /readyz, the service stays alive
            self.error = f"{type(exc).__name__}: {exc}"
            log_json(logging.ERROR, "warmup-failed", error=self.error)
            return
        self.ready.set()

    def start(self, mode: str) -> None:
        if mode == "off":
            self.ready.set()
        elif mode == "sync":
            self.run()
        else:
            threading.Thread(target=self.run, name="cleaner-warmup", daemon=True).start()
