"""Instructions a raw page costs, counted by valgrind's callgrind: a figure that does not move
with the machine's load, for comparing two versions of the cleaner on a noisy machine.

    .venv/bin/python -m benchmarks.instructions            # every 3rd benchmark page, 60
    .venv/bin/python -m benchmarks.instructions --pages 30
    .venv/bin/python -m benchmarks.instructions --by-function 40
    .venv/bin/python -m benchmarks.instructions --first 25 --second 10 --title 50 --sample 500

Cleans the pages once to warm up (models, tables, caches), then either not at all or once
more, each under callgrind in its own process (the two run side by side); the difference
divided by the pages is one round's instructions a page, start-up excluded. Needs valgrind
(`apt-get install valgrind`) and the corpora (`CLEANER_CORPORA`). The count is no timing:
work that waits on memory (the trees' dependent loads) costs time the count does not show;
pair it with a side-by-side CPU-time run.

`--by-function N` also prints where a page's instructions go (callgrind_annotate's inclusive
counts, callees included, the warm-up run's subtracted): all of the compiled core's calls, the
rest (Python, numpy, allocation), and the core's N costliest functions. `--first`,
`--second` and `--title` cut the shipped forests to their first trees and `--sample`
shortens the language sample: what a leaner model would cost, whatever it would score (the
manifest's curves give that).
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import dataclasses, pickle, sys
sys.path.insert(0, {root!r})
import cleaner
from cleaner import labeller, options
first, second, title, sample = {lean!r}
if (first, second, title) != (None, None, None):
    shipped = labeller.model()
    def cut(forest, trees):
        return forest if trees is None else forest.first_trees(trees)
    lean = dataclasses.replace(shipped, first=cut(shipped.first, first),
                               second=cut(shipped.second, second),
                               title=cut(shipped.title, title))
    labeller.model = lambda: lean
opts = (options.DEFAULT_OPTIONS if sample is None
        else options.DEFAULT_OPTIONS.with_overrides(language_sample=sample))
pages = pickle.load(open({pages!r}, "rb"))
for _ in range(1 + {rounds}):
    for text in pages:
        cleaner.clean(text, content_type="text/plain", options=opts)
"""

#: One line of callgrind_annotate's listing: a count, its share, then the function.
_LINE = re.compile(r"^\s*([\d,]+) \([^)]*\)\s+(.*)$")


def _count(pages_file: str, rounds: int, lean: tuple[int | None, ...],
           out: str = "/dev/null") -> int:
    """Instructions callgrind counts for warming up and `rounds` more rounds."""
    code = _RUN.format(root=str(ROOT), pages=pages_file, rounds=rounds, lean=lean)
    env = os.environ | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
         "-c", code], capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def _inclusive(path: str) -> Counter[str]:
    """Each function's instructions, callees included, from a callgrind output file."""
    return parse_listing(subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
        capture_output=True, text=True, check=True).stdout)


def parse_listing(listing: str) -> Counter[str]:
    """The counts of callgrind_annotate's listing by function (a name listed twice, as
    Python's recursive frames are, counts once for each line)."""
    counts: Counter[str] = Counter()
    for line in listing.splitlines():
        found = _LINE.match(line)
        if found:
            counts[found.group(2)] += int(found.group(1).replace(",", ""))
    return counts


#: The compiled core's functions as callgrind names them ("???:_core::measure::measure
#: [/path/_core.abi3.so]"), less PyO3's trampolines (a `__pyfunction_` or `__pymethod_`
#: entry holds the work inlined into it).
_CORE = re.compile(r"^\?\?\?:(_core::\S+) \[.*_core[^/]*\.so\]$")
_WRAPPER = re.compile(r"trampoline|MakeDef|::ITEMS")


def by_function(before: Counter[str], after: Counter[str], pages: int, top: int
                ) -> list[tuple[float, str]]:
    """Instructions a page (millions, callees included) between the warm-up run's counts
    `before` and the longer run's `after`: all of the compiled core's calls, the rest
    (Python, numpy, the allocator), then the core's `top` functions."""
    delta = {f: (n - before.get(f, 0)) / pages / 1e6 for f, n in after.items()}
    total = delta.get("PROGRAM TOTALS", 0.0)
    core = max((v for f, v in delta.items() if "pyo3::impl_::trampoline::trampoline " in f),
               default=0.0)
    named = [(v, m.group(1)) for f, v in delta.items()
             if (m := _CORE.match(f)) and not _WRAPPER.search(f)]
    return [(core, "the compiled core, all calls"), (total - core, "the rest"),
            *sorted(named, reverse=True)[:top]]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=60, help="pages (every 3rd benchmark page)")
    ap.add_argument("--by-function", type=int, default=0, metavar="N",
                    help="also list the N costliest functions a page")
    ap.add_argument("--first", type=int, help="first-pass trees (default: all shipped)")
    ap.add_argument("--second", type=int, help="second-pass trees (default: all shipped)")
    ap.add_argument("--title", type=int, help="title-scorer trees (default: all shipped)")
    ap.add_argument("--sample", type=int, help="language sample in characters")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.conftest import _sample_pages

    texts = [d.raw for d in _sample_pages()][::3][:args.pages]
    lean = (args.first, args.second, args.title, args.sample)
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = os.path.join(tmp, "pages.pkl")
        with open(pages_file, "wb") as fh:
            pickle.dump(texts, fh)
        outs = [os.path.join(tmp, f"callgrind.{r}") if args.by_function else "/dev/null"
                for r in (0, 1)]
        with ThreadPoolExecutor(2) as pool:
            warm, more = pool.map(lambda r: _count(pages_file, r, lean, outs[r]), (0, 1))
        print(f"{(more - warm) / len(texts) / 1e6:.3f} M instructions a raw page "
              f"({len(texts)} pages)")
        if args.by_function:
            rows = by_function(_inclusive(outs[0]), _inclusive(outs[1]), len(texts),
                               args.by_function)
            for millions, name in rows:
                print(f"{millions:8.3f}  {name}")


if __name__ == "__main__":
    main()
