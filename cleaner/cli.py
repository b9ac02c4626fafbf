"""The `cleaner` command line: `cleaner clean [PATH|-] ...` cleans a file; `cleaner batch
INPUT... -o OUT.jsonl` cleans many (files, directories, JSONL, WARC, WET); `cleaner serve`
runs the HTTP service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__
from .errors import CleanerError
from .langtags import primary_language
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
    c.add_argument("--lang", metavar="xx",
                   help="ISO 639-1 code or BCP 47 tag (en, pt-BR); skips detection")
    c.add_argument("--url", help="the page's address, reported in metadata")
    favor = c.add_mutually_exclusive_group()
    favor.add_argument("--precision", dest="favor_precision", action="store_true",
                       help="keep less: only what is surely article text")
    favor.add_argument("--recall", dest="favor_recall", action="store_true",
                       help="keep more: also what may be article text")
    _links_argument(c)
    _batch_parser(sub)
    _spark_parser(sub)
    s = sub.add_parser("serve", help="run the HTTP service under gunicorn (needs the "
                       "[service] extra)")
    s.add_argument("--host", help="address to listen on (default: CLEANER_BIND's, else "
                   "127.0.0.1)")
    s.add_argument("--port", type=int, help="port to listen on (default: CLEANER_BIND's, "
                   "else 8000)")
    s.add_argument("--workers", type=int, metavar="N",
                   help="worker processes (default: CLEANER_WORKERS, else one per core)")
    return parser


def _batch_parser(sub: Any) -> None:
    b = sub.add_parser(
        "batch", help="clean many documents: files, directories, JSONL, WARC and WET",
        description="Clean every document of the inputs, in parallel, into one JSONL line "
        "each (in input order), or one .txt each with --output-dir. A document that cannot "
        "be read or cleaned gives an error line and the run goes on; the exit status is 1 "
        "when any did.")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or directories (.txt, .html, .htm, .jsonl, .warc, .wet, any "
                   "of them .gz), or - to read a list of paths from standard input")
    where = b.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT.jsonl",
                       help="JSONL output (default: standard output)")
    where.add_argument("--output-dir", metavar="DIR",
                       help="write each document's text to DIR/<n>-<id>.txt, with "
                       "DIR/index.jsonl holding ids, metadata and errors")
    b.add_argument("-w", "--workers", type=int, metavar="N",
                   help="worker processes (default: one per core)")
    b.add_argument("--explain", action="store_true",
                   help="include what was removed, and why, in each line")
    b.add_argument("--resume", action="store_true",
                   help="skip the documents whose ids are already in the output, append the "
                   "rest")
    b.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary")
    kind = b.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="content_type", action="store_const", const="text/html",
                      help="every document is an HTML page (default: by file, field or "
                      "record type, else sniffed)")
    kind.add_argument("--text", dest="content_type", action="store_const",
                      const="text/plain", help="every document is raw text")
    favor = b.add_mutually_exclusive_group()
    favor.add_argument("--precision", dest="favor_precision", action="store_true",
                       help="keep less: only what is surely article text")
    favor.add_argument("--recall", dest="favor_recall", action="store_true",
                       help="keep more: also what may be article text")
    _many_documents_options(b)


def _links_argument(p: argparse.ArgumentParser) -> None:
    """`--links` and `--images`: `Options.include_links` and `Options.include_images`
    (`clean`, `batch` and `spark`)."""
    p.add_argument("--links", dest="include_links", action="store_true",
                   help="keep Markdown links in raw text as written, [text](address) "
                   "(default: each as its text)")
    p.add_argument("--images", dest="include_images", action="store_true",
                   help="keep the article's Markdown images in raw text as written, "
                   "![alt](address) (default: left out)")


def _many_documents_options(p: argparse.ArgumentParser) -> None:
    """The options `batch` and `spark` share: language, links, time budget, JSONL field
    names."""
    p.add_argument("--lang", metavar="xx",
                   help="ISO 639-1 code or BCP 47 tag (en, pt-BR) of every document")
    _links_argument(p)
    p.add_argument("--time-budget", type=float, default=60.0, metavar="SECONDS",
                   help="seconds one document may take before it becomes an error line or "
                   "row (default 60; 0 for no limit)")
    for name in ("id", "text", "html", "url"):
        p.add_argument(f"--{name}-field", default=name, metavar="NAME",
                       help=f"JSONL field holding the document's {name} (default {name!r})")


def _spark_parser(sub: Any) -> None:
    p = sub.add_parser(
        "spark", help="clean JSONL, WARC and WET with Spark into Parquet (needs [spark])",
        description="Clean every document of the inputs on a Spark cluster (or locally) and "
        "write Parquet, one row a document: id, url, text, metadata columns, removed_count, "
        "and error_code/error_detail for a document that could not be cleaned.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSONL (.jsonl, .ndjson) or WARC/WET (.warc, .wet) files, directories "
                   "or globs, any URI Spark reads")
    p.add_argument("output", metavar="OUTPUT", help="where to write the Parquet dataset")
    p.add_argument("--master", metavar="URL",
                   help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    p.add_argument("--explain", action="store_true",
                   help="add the removals, as JSON, in a 'removed' column")
    _many_documents_options(p)


def _bad_language(lang: str | None) -> str | None:
    """What is wrong with a --lang value (None when it is fine or absent)."""
    if lang is None:
        return None
    try:
        primary_language(lang)
    except CleanerError as exc:
        return f"cleaner: --lang: {exc}"
    return None


def spark(args: argparse.Namespace) -> int:
    """Run `cleaner spark` (see `cleaner.spark`): 0 when every document was cleaned, 1 when
    any gave an error row or the job failed."""
    import importlib.util

    problem = _bad_language(args.lang)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    missing = [m for m in ("pyspark", "pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"cleaner: spark needs {', '.join(missing)}: pip install 'article-cleaner[spark]'",
              file=sys.stderr)
        return 1
    from .batch import Settings
    from .batch.sources import Fields
    from .spark import run_job, session

    settings = Settings(language=args.lang, explain=args.explain, time_budget=args.time_budget,
                        include_links=args.include_links, include_images=args.include_images)
    fields = Fields(args.id_field, args.text_field, args.html_field, args.url_field)
    spark_session = session(args.master, "cleaner spark")
    try:
        counts = run_job(spark_session, args.inputs, args.output, settings, fields,
                         args.overwrite)
    except Exception as exc:  # Spark reports analysis and job failures as exceptions
        print(f"cleaner: the Spark job failed: {type(exc).__name__}: "
              f"{str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        return 1
    finally:
        spark_session.stop()
    errors = {k: v for k, v in counts.items() if k != "ok"}
    print(f"cleaner spark: {sum(counts.values()):,} rows written to {args.output}"
          + (f"; errors: {', '.join(f'{k} {v:,}' for k, v in sorted(errors.items()))}"
             if errors else ""), file=sys.stderr)
    return 1 if errors else 0


def batch(args: argparse.Namespace) -> int:
    """Run `cleaner batch` (see `cleaner.batch`); 0 when every document was cleaned, 1 when
    any gave an error line, 2 on a usage error."""
    from .batch import Settings, run
    from .batch.sources import Fields, Reader

    if args.workers is not None and args.workers < 1:
        print("cleaner: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.resume and not (args.output_dir or (args.output and args.output != "-")):
        print("cleaner: --resume needs -o FILE or --output-dir", file=sys.stderr)
        return 2
    problem = _bad_language(args.lang)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    settings = Settings(language=args.lang, favor_precision=args.favor_precision,
                        favor_recall=args.favor_recall, explain=args.explain,
                        include_links=args.include_links,
                        include_images=args.include_images, time_budget=args.time_budget)
    reader = Reader(Fields(args.id_field, args.text_field, args.html_field, args.url_field),
                    content_type=args.content_type, stdin=sys.stdin)
    try:
        summary = run(args.inputs, args.output, args.output_dir, settings, args.workers,
                      args.resume, reader, progress=not args.quiet and sys.stderr.isatty())
    except KeyboardInterrupt:
        print("cleaner: interrupted; what was written stands (--resume goes on from it)",
              file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return 1 if summary.errors else 0


def serve(host: str | None, port: int | None, workers: int | None) -> int:
    """Replace this process with gunicorn serving `service.wsgi:app` (see
    service/gunicorn_conf.py; every CLEANER_* variable applies, and `--host`/`--port`
    override CLEANER_BIND)."""
    import importlib.util

    missing = [m for m in ("flask", "gunicorn", "prometheus_client", "gevent")
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
    if args.command == "batch":
        return batch(args)
    if args.command == "spark":
        return spark(args)
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
                       favor_precision=args.favor_precision, favor_recall=args.favor_recall,
                       include_links=args.include_links, include_images=args.include_images)
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
