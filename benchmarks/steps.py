"""Where a raw page's time goes, step by step: CPU time of each step of `core.clean_text`
on the benchmark pages (the throughput suite's corpus pages, rendered by resiliparse).

    .venv/bin/python -m benchmarks.steps            # 3 rounds over the 180 benchmark pages
    .venv/bin/python -m benchmarks.steps --rounds 5

Each step is a module-level function `clean_text` calls; it is timed by wrapping it, so the
figures include what a step calls (the judgement holds the rules, the labeller and the
title) and the wrapping costs a microsecond or two a call. The date-line parser is timed
apart (`dates.parse_date_line`, and within it dateparser): a page's date candidates are new
to it, so its cache is emptied before every round, as the throughput suite does. Prints
the median round's milliseconds a page and calls a page. The instruction counts
(`benchmarks.instructions`) do not move with the machine's load; these do, but they show
what waits on memory, which instruction counts hide. Needs the corpora (`CLEANER_CORPORA`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: (module, function, label, depth): what `core.clean_text` calls, and the slow parts below.
STEPS = (
    ("core", "legacy_recoding", "read legacy encodings again (check)", 0),
    ("core", "text_looks_damaged", "mojibake check", 0),
    ("core", "_segment", "segment and unwrap", 0),
    ("core", "_language_sample", "language sample", 0),
    ("core", "rank_languages", "language identification", 0),
    ("core", "_judge", "judge (below: its parts)", 0),
    ("core", "classify_blocks", "measures, rules, verdicts", 1),
    ("rules", "parse_date_line", "date lines", 2),
    ("dates", "_dateparser", "dateparser", 3),
    ("core", "mark_repeats", "repeats", 1),
    ("core", "decide", "labeller", 1),
    ("labeller", "block_matrix", "feature matrix", 2),
    ("labeller", "name_removed", "naming the removals", 2),
    ("core", "find_title", "title", 1),
    ("core", "confidence", "confidence", 0),
    ("core", "_metadata", "metadata", 0),
    ("core", "removals", "removal objects", 0),
)


def _wrap(module: Any, name: str, seconds: dict[str, float], calls: dict[str, int]
          ) -> Callable[[], None]:
    """Time `module.name` into `seconds` and `calls`; returns the undo."""
    original = getattr(module, name)
    key = f"{module.__name__}.{name}"

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[key] += time.process_time() - start
            calls[key] += 1

    setattr(module, name, timed)
    return lambda: setattr(module, name, original)


def measure(texts: list[str], rounds: int) -> tuple[float, list[tuple[str, int, float, float]]]:
    """The median round's CPU ms a page for the whole cleaner, and for each step (label,
    depth, ms a page, calls a page)."""
    from cleaner import clean, core, dates, labeller, rules

    modules = {"core": core, "rules": rules, "dates": dates, "labeller": labeller}
    for text in texts[:20]:  # models, tables and word lists load here
        clean(text, content_type="text/plain")
    totals: list[float] = []
    per_round: list[tuple[dict[str, float], dict[str, int]]] = []
    for _ in range(rounds):
        seconds: dict[str, float] = defaultdict(float)
        calls: dict[str, int] = defaultdict(int)
        undo = [_wrap(modules[m], f, seconds, calls) for m, f, _, _ in STEPS]
        dates._parse.cache_clear()
        start = time.process_time()
        for text in texts:
            clean(text, content_type="text/plain")
        totals.append(time.process_time() - start)
        for u in reversed(undo):
            u()
        per_round.append((seconds, calls))
    n = len(texts)
    median = sorted(range(rounds), key=lambda i: totals[i])[rounds // 2]
    seconds, calls = per_round[median]
    rows = []
    for m, f, label, depth in STEPS:
        key = f"{modules[m].__name__}.{f}"
        rows.append((label, depth, 1000 * seconds[key] / n, calls[key] / n))
    return 1000 * statistics.median(totals) / n, rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.conftest import CORPORA, _sample_pages

    if not all((CORPORA / f"{c}.jsonl.gz").exists() for c in ("aeb", "wcxb-dev", "daniel-dev")):
        sys.exit(f"no corpora in {CORPORA} (set CLEANER_CORPORA)")
    texts = [d.raw for d in _sample_pages()]
    whole, rows = measure(texts, args.rounds)
    print(f"{len(texts)} pages, median of {args.rounds} rounds: {whole:.3f} ms a page (CPU)")
    for label, depth, ms, calls in rows:
        print(f"  {'  ' * depth}{label:<{40 - 2 * depth}} {ms:7.3f} ms  {calls:5.2f} calls")


if __name__ == "__main__":
    main()
