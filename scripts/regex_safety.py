"""Regex safety: run every regular expression the cleaner compiles in Python (module-level
patterns in `cleaner/`, and the ones built from the lexicons at run time) over adversarial
lines: long runs of each character the pattern names, alone, with spaces, and in pairs.
Report, per pattern, the worst time per line and how it grows from 1,000 to 100,000
characters (linear growth is about 10x per 10x). Exit status 1 when a pattern grows
super-linearly (more than 30x per 10x) or takes over a second on one line.

    python scripts/regex_safety.py [--json out.json]

(The lexicon's own matching runs in the compiled core, whose `regex` crate is linear-time
by construction; it is not measured here.)
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000)
#: Characters tried in every pattern, beside the ones it names.
BASE = " \t\u00a0a1.,:-()[]|•/'’\"A中"
LIMIT_GROWTH = 30.0
LIMIT_SECONDS = 1.0


def patterns() -> dict[str, Any]:
    """Name -> compiled pattern: module-level patterns of every cleaner module, and the
    lexicon-built credit tail."""
    import cleaner
    from cleaner import rules

    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if info.name.startswith(("cleaner.spark", "cleaner.integrations", "cleaner.__main__",
                                 "cleaner.batch.warm")):
            continue  # adapters for optional packages, the entry point, the warm-up
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if hasattr(value, "pattern") and hasattr(value, "search") and isinstance(
                    value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    found["cleaner.rules._credit_tail()"] = rules._credit_tail()
    return found


def lines(pattern: str, n: int) -> list[str]:
    """Adversarial lines of length about `n` for a pattern's source."""
    chars = sorted({c for c in pattern if not c.isspace() or c == " "} | set(BASE))
    out = []
    for c in chars:
        out.append(c * n)
        out.append((c + " ") * (n // 2))
        out.append((c + "a") * (n // 2))
    out.append("(" * (n // 2) + "a" * (n // 2))
    out.append("1/" * (n // 2))
    return out


#: Patterns the cleaner only ever matches against a whole line (`fullmatch`), and so are
#: measured that way: `dates._FAST` reads a date line of at most `dates.MAX_DATE_LINE`
#: characters whole; searched from every position of a long line it is quadratic.
FULLMATCH_ONLY = frozenset({"cleaner.dates._FAST"})


def worst(rx: Any, n: int, name: str = "") -> tuple[float, str]:
    """The slowest of search, match and findall (of fullmatch alone for `FULLMATCH_ONLY`)
    over the adversarial lines of length n."""
    slowest, which = 0.0, ""
    ops = (rx.fullmatch,) if name in FULLMATCH_ONLY else (rx.search, rx.match, rx.findall)
    for line in lines(rx.pattern, n):
        for op in ops:
            start = time.perf_counter()
            op(line)
            took = time.perf_counter() - start
            if took > slowest:
                slowest, which = took, f"{op.__name__} on {line[:12]!r}..."
    return slowest, which


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    report = []
    bad = []
    for name, rx in sorted(patterns().items()):
        times = []
        for n in SIZES:
            times.append(worst(rx, n, name))
            if times[-1][0] > LIMIT_SECONDS:
                break  # already too slow: the next size would take 10-100 times longer
        growth = max((times[i + 1][0] / max(times[i][0], 1e-7) for i in range(len(times) - 1)),
                     default=0.0)
        row = {"pattern": name, "seconds": [round(t, 6) for t, _ in times],
               "growth_per_10x": round(growth, 1), "worst_case": times[-1][1]}
        report.append(row)
        print(f"measured {name}: {row['seconds']} s", file=sys.stderr, flush=True)
        # Growth only counts where the time is big enough to measure.
        if times[-1][0] > LIMIT_SECONDS or (growth > LIMIT_GROWTH and times[-1][0] > 0.01):
            bad.append(name)
    report.sort(key=lambda r: -r["seconds"][-1])
    for row in report:
        print(f"{row['seconds'][-1] * 1000:9.2f} ms at {SIZES[len(row['seconds']) - 1]:,} "
              f"chars  x{row['growth_per_10x']:<6}"
              f" {row['pattern']}  ({row['worst_case']})")
    print(f"{len(report)} patterns; super-linear or over {LIMIT_SECONDS:g} s: "
          f"{', '.join(bad) or 'none'}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
