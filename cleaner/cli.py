"""The `cleaner` command line: `cleaner clean [PATH|-] [--html|--text] [--json] [--lang xx]`."""

from __future__ import annotations

import argparse
import json
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    args = _parser().parse_args(argv)
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
        result = clean(data, content_type=args.content_type, url=args.url, language=args.lang)
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
