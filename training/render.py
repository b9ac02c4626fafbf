"""Step 1 of the training build: every dev page rendered to raw text by every renderer.

The renderings are cached (`training/cache/renders.jsonl.gz`, not committed): rendering is
the slow part of the build and does not depend on the cleaner's code.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import RENDERERS, render  # noqa: E402

CORPORA_DIR = Path(os.environ.get("CLEANER_CORPORA", ROOT.parent / "shared" / "corpora"))
#: The development corpora the model is trained on (never the held-out sets).
TRAIN_CORPORA = ("aeb", "wcxb-dev", "daniel-dev")
CACHE = ROOT / "training" / "cache"
_CANONICAL = re.compile(r"""<(?:link[^>]+rel=["']canonical["'][^>]*href"""
                        r"""|meta[^>]+property=["']og:url["'][^>]*content)=["']([^"']+)""", re.I)


def site_of(row: dict) -> str:
    """The page's site (host without www.), for folds grouped by site; the id when unknown."""
    url = row.get("url") or ""
    if not url:
        m = _CANONICAL.search(row["html"][:20000])
        url = m.group(1) if m else ""
    host = urlparse(url).netloc.lower().removeprefix("www.")
    return host or f"page:{row['id']}"


def pages(corpus: str) -> Iterator[dict]:
    """The rows of one corpus file."""
    with gzip.open(CORPORA_DIR / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _render_row(args: tuple[str, dict]) -> list[dict]:
    corpus, row = args
    out = []
    for name in RENDERERS:
        try:
            text = render(name, row["html"])
        except Exception as exc:  # a renderer that fails on a page leaves it out
            print(f"render: {corpus} {row['id']} {name}: {exc}", file=sys.stderr)
            continue
        out.append({"corpus": corpus, "id": str(row["id"]), "site": site_of(row),
                    "renderer": name, "lang": row.get("lang"), "text": text,
                    "gold": row.get("gold") or "", "title": row.get("title")})
    return out


def build_renders(workers: int = os.cpu_count() or 1, force: bool = False) -> Path:
    """Render every dev page with every renderer into the cache; return its path."""
    path = CACHE / "renders.jsonl.gz"
    if path.exists() and not force:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    jobs = [(c, row) for c in TRAIN_CORPORA for row in pages(c)]
    with gzip.open(tmp, "wt", encoding="utf-8") as f, \
            ProcessPoolExecutor(workers) as pool:
        for rows in pool.map(_render_row, jobs, chunksize=8):
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def renders() -> Iterator[dict]:
    """The cached renderings, in a fixed order (corpus, page, renderer)."""
    with gzip.open(build_renders(), "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


if __name__ == "__main__":
    print(build_renders(force="--force" in sys.argv))
