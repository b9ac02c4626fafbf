"""Service settings: defaults, overridden by `CLEANER_*` environment variables, overridden by
the mapping given to `create_app`. Every setting is documented in the README."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

#: `cleaner.Options` a client may not set over HTTP: the server's limits (`Settings`
#: `max_document_bytes`, `max_document_lines` and `time_budget` set them). The views refuse
#: them and the OpenAPI document leaves them out.
SERVER_OPTIONS = frozenset({"max_input_size", "max_lines", "time_budget"})


@dataclass(frozen=True)
class Settings:
    """What the HTTP layer enforces; the cleaning itself is `cleaner.Options`."""

    #: Largest document, in bytes, that /v1/clean and each batch item accept (413 above).
    max_document_bytes: int = 10_000_000
    #: Most non-blank lines a document may have (413 above): a worker holds a few kilobytes
    #: a line while it cleans (`cleaner.Options.max_lines`).
    max_document_lines: int = 200_000
    #: Seconds one document may take before it is abandoned with 503 (0: no limit).
    time_budget: float = 20.0
    #: Most items in one /v1/clean/batch request (413 above).
    batch_max_items: int = 1000
    #: Largest /v1/clean/batch body in bytes (413 above).
    batch_max_bytes: int = 50_000_000
    #: Comma-separated bearer tokens; when set, every route but the health checks needs one.
    api_keys: tuple[str, ...] = ()
    #: "background" (ready when done; health checks answer meanwhile), "sync" (warm up
    #: before serving), or "off".
    warmup: str = "background"
    #: Log one JSON line per request (to standard error).
    access_log: bool = True

    @property
    def max_json_body_bytes(self) -> int:
        """A JSON body may be up to twice the document limit: escaping makes text longer."""
        return 2 * self.max_document_bytes + 65_536


def _parse(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        value = str(raw).strip().lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off", ""):
            return False
        raise ValueError(f"{name} must be true or false, not {raw!r}")
    if isinstance(default, tuple):
        items = raw.split(",") if isinstance(raw, str) else list(raw)
        return tuple(s.strip() for s in items if str(s).strip())
    if isinstance(default, (int, float)):
        try:
            number: float = type(default)(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, not {raw!r}") from None
        if number < 0:
            raise ValueError(f"{name} must not be negative, not {raw!r}")
        return number
    return str(raw)


def load_settings(config: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from `CLEANER_<NAME>` variables in `environ`, then `config` (keys are the
    field names, any case). Raises `ValueError` naming the bad setting."""
    environ = os.environ if environ is None else environ
    config = {k.lower(): v for k, v in (config or {}).items()}
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(config) - known)
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
    base = Settings()
    changes: dict[str, Any] = {}
    for f in fields(Settings):
        default = getattr(base, f.name)
        env_name = "CLEANER_" + f.name.upper()
        if env_name in environ:
            changes[f.name] = _parse(env_name, environ[env_name], default)
        if f.name in config:
            changes[f.name] = _parse(f.name, config[f.name], default)
    settings = replace(base, **changes)
    if settings.warmup not in ("background", "sync", "off"):
        raise ValueError(f"CLEANER_WARMUP must be background, sync or off, not "
                         f"{settings.warmup!r}")
    if (settings.max_document_bytes < 1 or settings.max_document_lines < 1
            or settings.batch_max_items < 1):
        raise ValueError("CLEANER_MAX_DOCUMENT_BYTES, CLEANER_MAX_DOCUMENT_LINES and "
                         "CLEANER_BATCH_MAX_ITEMS must be > 0")
    return settings
