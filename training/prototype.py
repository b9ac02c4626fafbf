"""An anchor for the site-fold estimates: issue 10's prototype recipe on the same folds.

Issue 10 reports held-out scores of a quick prototype (LightGBM, default settings, per-line
and window features, two passes, one renderer). This rebuilds that recipe from the build's
cached renderings (`python -m training.build` writes them), trains and scores it on exactly
the site folds the labeller is estimated on (`training.build.page_fold`), and prints shingle
F1 by corpus. Set beside the labeller's own figure for the renderer (`python -m
training.report`, "By renderer"), the gap says how our estimate would sit on the held-out
sets where the prototype's scores are known. Evaluation only: nothing here is shipped.

    python -m training.prototype [--renderer resiliparse]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import re
from collections import Counter

import numpy as np

from benchmarks.metric import aggregate, shingles
from cleaner.lang import stopwords
from training.build import FOLDS, page_fold
from training.damage import _CODES
from training.render import CACHE

_TOKEN = re.compile(r"\w+")
_URL = re.compile(r"https?://|www\.|\.com\b")
_SENTENCE_END = re.compile(r"[.!?。！？](\s|$)")
#: LightGBM's defaults, as the prototype ran it; 100 rounds a pass.
PARAMS = {"objective": "binary", "verbose": -1, "num_threads": 2, "seed": 1,
          "deterministic": True}
ROUNDS = 100


def _code(lang: str | None) -> str:
    """A corpus's language as an ISO code (DAnIEL names its languages)."""
    return _CODES.get(lang or "", lang or "en")


def _window(v: np.ndarray, k: int) -> np.ndarray:
    return np.convolve(np.pad(v, k, mode="edge"), np.ones(2 * k + 1) / (2 * k + 1), "valid")


def line_features(lines: list[str], lang: str | None) -> np.ndarray:
    """41 columns a line: its own measures, the page's, windows of 1, 3 and 7, neighbours."""
    code = _code(lang)
    stops = stopwords(code)
    wide = 3 if code in ("zh", "ja", "ko") else 1
    rows = []
    for line in lines:
        tokens = _TOKEN.findall(line.lower())
        words, chars = len(tokens), max(len(line), 1)
        rows.append([
            math.log1p(len(line) * wide), words,
            sum(t in stops for t in tokens) / words if words else 0.0,
            float(line.rstrip()[-1:] in ".!?。！？\"”'" if line.strip() else 0),
            len(_SENTENCE_END.findall(line)),
            sum(c.isdigit() for c in line) / chars, sum(c.isupper() for c in line) / chars,
            sum(not c.isalnum() and not c.isspace() for c in line) / chars,
            float(bool(_URL.search(line))), line.count("|") + line.count("»") + line.count(">"),
            float(line.lstrip()[:1] in "-*•·"), float(line[:1].isupper())])
    a = np.array(rows, dtype=np.float64)
    n = len(lines)
    seen = Counter(line.strip() for line in lines)
    repeated = np.array([seen[line.strip()] > 1 for line in lines], dtype=np.float64)
    prose = np.flatnonzero((a[:, 0] > math.log1p(150)) & (a[:, 2] > 0.2))
    at = np.arange(n)
    dist = (np.min(np.abs(at[:, None] - prose[None, :]), axis=1) if len(prose)
            else np.full(n, 999))
    page_stops = (a[:, 2] * a[:, 1]).sum() / max(a[:, 1].sum(), 1)
    cols = [a, repeated[:, None], (at / max(n - 1, 1))[:, None], np.log1p(dist)[:, None],
            np.full((n, 1), page_stops), a[:, 2:3] - page_stops, np.full((n, 1), math.log1p(n)),
            np.full((n, 1), a[:, 0].max()), a[:, 0:1] - a[:, 0].max()]
    cols += [_window(a[:, j], k)[:, None] for k in (1, 3, 7) for j in (0, 2, 3)]
    cols += [np.roll(a[:, [0, 2, 3]], off, axis=0) for off in (-2, -1, 1, 2)]
    return np.hstack(cols)


def score_features(p: np.ndarray) -> np.ndarray:
    """The second pass's extra columns: the first pass's scores around each line."""
    n = len(p)
    cols = [p[:, None]] + [_window(p, k)[:, None] for k in (1, 2, 3, 5, 10)]
    cols += [np.roll(p, off)[:, None] for off in (-2, -1, 1, 2)]
    mass = np.cumsum(p)
    cols += [(mass / max(mass[-1], 1e-6))[:, None], np.full((n, 1), p.mean()),
             np.full((n, 1), p.max())]
    return np.hstack(cols)


def labels(lines: list[str], gold: str) -> np.ndarray:
    """A line is article when half its shingles are gold's (a short line: found in gold)."""
    want = shingles(gold)
    flat = " " + " ".join(_TOKEN.findall(gold.lower())) + " "
    out = []
    for line in lines:
        tokens = _TOKEN.findall(line)
        if len(tokens) >= 4:
            have = shingles(line)
            out.append(sum((have & want).values()) / sum(have.values()) >= 0.5)
        else:
            out.append(bool(tokens) and " " + " ".join(tokens).lower() + " " in flat)
    return np.array(out, dtype=np.float64)


def main(argv: list[str] | None = None) -> None:
    import lightgbm as lgb

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--renderer", default="resiliparse")
    args = ap.parse_args(argv)
    pages, lines_of, xs, ys, folds = [], [], [], [], []
    with gzip.open(CACHE / "renders.jsonl.gz", "rt", encoding="utf-8") as f:
        for raw in f:
            page = json.loads(raw)
            if page["renderer"] != args.renderer:
                continue
            lines = [line for line in page["text"].splitlines() if line.strip()] or [""]
            y = labels(lines, page["gold"])
            page["y"] = y
            pages.append(page)
            lines_of.append(lines)
            xs.append(line_features(lines, page["lang"]))
            ys.append(y)
            folds.append(np.full(len(lines), page_fold(page)))
    x, y, fold = np.vstack(xs), np.concatenate(ys), np.concatenate(folds)
    bounds = np.cumsum([0] + [len(v) for v in ys])
    print(f"{len(pages)} pages, {len(y)} lines, {x.shape[1]} columns", flush=True)

    def cross(x: np.ndarray) -> np.ndarray:
        p = np.zeros(len(y))
        for k in range(FOLDS):
            held = fold == k
            model = lgb.train(PARAMS, lgb.Dataset(x[~held], y[~held]), ROUNDS)
            p[held] = model.predict(x[held])
        return p

    first = cross(x)
    second = cross(np.hstack([x, np.vstack([
        score_features(first[a:b]) for a, b in itertools.pairwise(bounds)])]))
    for name, p in (("first pass", first), ("second pass", second), ("labels", y)):
        by: dict[str, list[tuple[str, str]]] = {}
        for i, page in enumerate(pages):
            keep = p[bounds[i]:bounds[i + 1]] >= 0.5
            kept = "\n".join(line for line, k in zip(lines_of[i], keep, strict=True) if k)
            by.setdefault(page["corpus"], []).append((kept, page["gold"]))
        print(name, {c: round(aggregate(v)["f1"], 3) for c, v in sorted(by.items())},
              flush=True)


if __name__ == "__main__":
    main()
