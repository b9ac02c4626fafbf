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
    """The page's site (`site_group` of its URL's host), for folds grouped by site."""
    url = row.get("url") or ""
    if not url:
        m = _CANONICAL.search(row["html"][:20000])
        url = m.group(1) if m else ""
    return site_group(urlparse(url).hostname or "", str(row["id"]))


#: A DAnIEL page's id names its host: "20111128_www.aif.ru_<sha>".
_ID_HOST = re.compile(r"^\d{8}_([a-z0-9.-]+\.[a-z]{2,})_[0-9a-f]{16,}$", re.I)
#: Second-level labels under which a country's domains are registered ("bbc.co.uk").
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"})


def site_group(host: str, page_id: str) -> str:
    """The site a page is grouped by: its host's registered domain ("www2.rizospastis.gr"
    and "rizospastis.gr" are one site, as are "news.163.com" and "163.com"), the host its id
    names when it has none (or a "page:" placeholder), else "page:<id>"."""
    if not host or host.startswith("page:"):
        m = _ID_HOST.match(page_id)
        host = m.group(1) if m else ""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return f"page:{page_id}"
    keep = 3 if (len(labels) >= 3 and labels[-2] in _SECOND_LEVEL
                 and len(labels[-1]) == 2) else 2
    return ".".join(labels[-keep:])


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
