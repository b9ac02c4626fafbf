"""`python -m service.healthcheck`: exit 0 when the local service answers /healthz. The
Docker HEALTHCHECK runs it; it reads the port from CLEANER_BIND, as the server does."""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    """Probe http://127.0.0.1:<port>/healthz; 0 when it answers 200, else 1."""
    bind = os.environ.get("CLEANER_BIND", "127.0.0.1:8000").split(",")[0].strip()
    port = bind.rsplit(":", 1)[-1] if ":" in bind else "8000"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=4) as r:
            return 0 if r.status == 200 else 1
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
