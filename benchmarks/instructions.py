"""Instructions a raw page costs, counted by valgrind's callgrind: a figure that does not move
with the machine's load, for comparing two versions of the cleaner on a noisy machine.

    .venv/bin/python -m benchmarks.instructions            # every 3rd benchmark page, 60
    .venv/bin/python -m benchmarks.instructions --pages 30

Cleans the pages once to warm up (models, tables, caches), then either not at all or once
more, each under callgrind in its own process (the two run side by side); the difference
divided by the pages is one round's instructions a page, start-up excluded. Needs valgrind
(`apt-get install valgrind`) and the corpora (`CLEANER_CORPORA`). The count is no timing:
work that waits on memory (the trees' dependent loads) costs time the count does not show;
pair it with a side-by-side CPU-time run.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import pickle, sys
sys.path.insert(0, {root!r})
import cleaner
pages = pickle.load(open({pages!r}, "rb"))
for _ in range(1 + {rounds}):
    for text in pages:
        cleaner.clean(text, content_type="text/plain")
"""


def _count(pages_file: str, rounds: int) -> int:
    """Instructions callgrind counts for warming up and `rounds` more rounds."""
    code = _RUN.format(root=str(ROOT), pages=pages_file, rounds=rounds)
    env = os.environ | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-c", code], capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=60, help="pages (every 3rd benchmark page)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.conftest import _sample_pages

    texts = [d.raw for d in _sample_pages()][::3][:args.pages]
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as fh:
        pickle.dump(texts, fh)
    try:
        with ThreadPoolExecutor(2) as pool:
            warm, more = pool.map(lambda r: _count(fh.name, r), (0, 1))
    finally:
        os.unlink(fh.name)
    print(f"{(more - warm) / len(texts) / 1e6:.3f} M instructions a raw page "
          f"({len(texts)} pages)")


if __name__ == "__main__":
    main()
