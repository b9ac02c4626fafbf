"""Prove that a change to the cleaner's machinery changed no result: hash every result.

    .venv/bin/python -m benchmarks.fingerprint --out before.json      # on the old code
    .venv/bin/python -m benchmarks.fingerprint --compare before.json  # on the new code

Cleans every rendering of every dev page (the five renderers of `training.render`, cached in
`training/cache/`, so the first run renders for a few minutes; needs the `bench` extra) and,
with `--html`, every page's HTML, and hashes each result: the clean text, every removal
(text, kind, rule, reason, offsets), the metadata blocks and the metadata (confidence
rounded to 6 places). The language's probability is kept as a number and compared within
`PROBABILITY_TOLERANCE`: py3langid sums its model's float32 terms in float32 (numpy), the
core in float64, and on a long CJK sample (thousands of n-grams) the two differ by up to
4e-5; nothing else may move. `--compare` prints the documents
whose hash changed, with the first field that differs, and exits non-zero when any did.
Moving code from Python to the compiled core must leave every hash as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _documents(limit: int | None, html: bool) -> Iterator[tuple[str, str, str]]:
    """(key, content type, text) for every rendering, and every page's HTML with `html`."""
    from training.render import TRAIN_CORPORA, pages, renders

    seen: dict[str, set[str]] = {}
    for row in renders():
        ids = seen.setdefault(row["corpus"], set())
        ids.add(row["id"])
        if limit is None or len(ids) <= limit:
            yield f"{row['corpus']}/{row['id']}/{row['renderer']}", "text/plain", row["text"]
    if html:
        for corpus in TRAIN_CORPORA:
            for i, row in enumerate(pages(corpus)):
                if limit is None or i < limit:
                    yield f"{corpus}/{row['id']}/html", "text/html", row["html"]


#: How far the language's probability may move between two runs (see the module's doc).
PROBABILITY_TOLERANCE = 1e-4
#: Fields kept as numbers, not hashed.
NUMBERS = ("language_confidence",)


def result_fields(result: Any) -> dict[str, Any]:
    """The parts of a `CleanResult` a change must not move, as plain data."""
    meta = asdict(result.metadata)
    if meta.get("confidence") is not None:
        meta["confidence"] = round(meta["confidence"], 6)
    meta.pop("language_confidence", None)
    return {"text": result.text, "metadata": meta,
            "removed": [asdict(r) for r in result.removed],
            "metadata_blocks": [asdict(m) for m in result.metadata_blocks],
            "warnings": list(result.warnings)}


def _hash(job: tuple[str, str, str]) -> tuple[str, dict[str, str]]:
    import cleaner

    key, content_type, text = job
    numbers: dict[str, Any] = {}
    try:
        result = cleaner.clean(text, content_type=content_type)
        fields = result_fields(result)
        numbers = {"language_confidence": result.metadata.language_confidence}
    except cleaner.CleanerError as exc:
        fields = {"error": f"{type(exc).__name__}: {exc}"}
    return key, {**{name: hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True)
                                         .encode()).hexdigest()[:16]
                    for name, value in fields.items()}, **numbers}


def _same(name: str, a: Any, b: Any) -> bool:
    if name in NUMBERS and isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= PROBABILITY_TOLERANCE
    return bool(a == b)


def fingerprint(limit: int | None, html: bool, workers: int) -> dict[str, dict[str, str]]:
    """Every document's per-field hashes, by key, in a fixed order."""
    with ProcessPoolExecutor(workers) as pool:
        return dict(pool.map(_hash, _documents(limit, html), chunksize=16))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="write the fingerprints here")
    ap.add_argument("--compare", type=Path, help="compare with fingerprints written before")
    ap.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    ap.add_argument("--html", action="store_true", help="also every page's HTML")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    t0 = time.time()
    prints = fingerprint(args.limit, args.html, args.workers)
    hashed = {k: {f: v for f, v in fields.items() if f not in NUMBERS}
              for k, fields in prints.items()}
    digest = hashlib.sha256(json.dumps(hashed, sort_keys=True).encode()).hexdigest()
    print(f"{len(prints)} documents in {time.time() - t0:.0f} s; digest {digest[:16]}")
    if args.out:
        args.out.write_text(json.dumps({"digest": digest, "documents": prints}, indent=0))
    if args.compare:
        before = json.loads(args.compare.read_text())["documents"]
        changed = []
        for k, v in prints.items():
            if k not in before:
                continue
            fields = sorted(set(v) | set(before[k]))
            diff = [f for f in fields if not _same(f, before[k].get(f), v.get(f))]
            if diff:
                changed.append((k, ", ".join(diff)))
        missing = sorted(set(before) ^ set(prints))
        for key, field in changed[:50]:
            print(f"changed: {key} ({field})")
        print(f"{len(changed)} of {len(prints)} documents changed; "
              f"{len(missing)} present in only one run")
        return 1 if changed or missing else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
