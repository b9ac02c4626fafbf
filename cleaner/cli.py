"""The `cleaner` command line: `cleaner clean [PATH|-] ...` cleans a file; `cleaner serve`
runs the HTTP service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .errors import CleanerError
from .pipeline import clean


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Clean scraped web pages down to the article.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clean", help="clean one document and print the article")
    c.add_argument("path", nargs="?", default="-", help="file to clean, or - for standard input")
    kind = c.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="content_type", action="store_const", const="text/html",
                      help="the input is an HTML page")
    kind.add_argument("--text", dest="content_type", action="store_const", const="text/plain",
                      help="the input is raw scraped text")
    c.add_argument("--json", action="store_true",
                   help="print the whole result (text, metadata, removed) as JSON")
    c.add_argument("--lang", metavar="xx", help="ISO 639-1 language code; skips detection")
    c.add_argument("--url", help="the page's address, reported in metadata")
    favor = c.add_mutually_exclusive_group()
    favor.add_argument("--precision", dest="favor_precision", action="store_true",
                       help="keep less: only what is surely article text")
    favor.add_argument("--recall", dest="favor_recall", action="store_true",
                       help="keep more: also what may be article text")
    s = sub.add_parser("serve", help="run the HTTP service under gunicorn (needs the "
                       "[service] extra)")
    s.add_argument("--host", help="address to listen on (default: CLEANER_BIND's, else "
                   "127.0.0.1)")
    s.add_argument("--port", type=int, help="port to listen on (default: CLEANER_BIND's, "
                   "else 8000)")
    s.add_argument("--workers", type=int, metavar="N",
                   help="worker processes (default: CLEANER_WORKERS, else one per core)")
    return parser


def serve(host: str | None, port: int | None, workers: int | None) -> int:
    """Replace this process with gunicorn serving `service.wsgi:app` (see
    service/gunicorn_conf.py; every CLEANER_* variable applies, and `--host`/`--port`
    override CLEANER_BIND)."""
    import importlib.util

    missing = [m for m in ("flask", "gunicorn", "prometheus_client")
               if importlib.util.find_spec(m) is None]
    if missing:
        print(f"cleaner: serve needs {', '.join(missing)}: pip install 'article-cleaner[service]'",
              file=sys.stderr)
        return 1
    if workers is not None and workers < 1:
        print("cleaner: --workers must be at least 1", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if host is not None or port is not None or not env.get("CLEANER_BIND"):
        host, port = host or "127.0.0.1", port or 8000
        env["CLEANER_BIND"] = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if workers is not None:
        env["CLEANER_WORKERS"] = str(workers)
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf",
            "service.wsgi:app"]
    sys.stdout.flush()
    os.execve(sys.executable, argv, env)
    return 0  # pragma: no cover - execve does not return


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port, args.workers)
    try:
        if args.path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        print(f"cleaner: cannot read {args.path}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        result = clean(data, content_type=args.content_type, url=args.url, language=args.lang,
                       favor_precision=args.favor_precision, favor_recall=args.favor_recall)
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 1
    out = (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json
           else result.text)
    try:
        if out:
            sys.stdout.write(out + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `cleaner clean x | head` is fine
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
