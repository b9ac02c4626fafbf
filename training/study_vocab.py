"""A study, not part of the build: would a learned junk vocabulary help the labeller?

Each block's words (casefolded `\\w+` runs, digits left out; runs of Chinese, Japanese or
Korean characters as character pairs) are looked up in a table of naive-Bayes log-odds,
junk against article text, counted over the training blocks (a word seen in at least
`MIN_BLOCKS` of them); the block gets four first-pass columns: the mean, largest and
smallest log-odds of its known words and their share of its words. Both passes are then
trained on the site folds as `training.build` trains them and scored as the cleaner decides.

Run from the build's cache (`python -m training.build` made it):

    .venv/bin/python -m training.study_vocab            # nested: no held-out label counted
    .venv/bin/python -m training.study_vocab --flat     # each fold's table leaves out only it
    .venv/bin/python -m training.study_vocab --min-sites 3 --first-only

Nested (the default): for held-out fold k the table counts the other four folds, and each
training row's columns come from a table of the three folds that are neither its own nor
k, so no count ever includes a label of the fold being scored or the row's own. `--flat`
computes every row's columns once, from the four folds that are not its own (cheaper; the
training rows' columns then count the held-out fold's labels). `--min-sites N` keeps
only words that N sites hold (what a shipped table would keep, so that no site's own names
are learned).
"""

from __future__ import annotations

import argparse
import re
import time

import numpy as np

from cleaner.blockfeatures import FEATURES
from training.build import (
    CACHE,
    CUTOFF,
    FIRST_PARAMS,
    FOLDS,
    ROUNDS,
    _context,
    _load,
    decided,
    page_f1,
    row_slices,
    site_folds,
    train,
)
from training.render import site_group

#: A word enters a table when at least this many of the counted blocks hold it.
MIN_BLOCKS = 5
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def words(text: str) -> set[str]:
    """The distinct words of a block, as the table counts them."""
    out: set[str] = set()
    for w in _WORD.findall(text.casefold()):
        if _CJK.search(w):
            out.update(w[i:i + 2] for i in range(max(1, len(w) - 1)))
        elif not w.isdigit():
            out.add(w)
    return out


class Counts:
    """Every block's word ids (flat, with offsets) and per fold and label the blocks that
    hold each word."""

    def __init__(self, texts: list[str], y: np.ndarray, fold: np.ndarray, site: np.ndarray,
                 min_sites: int = 1) -> None:
        ids: dict[str, int] = {}
        flat: list[int] = []
        lens = np.zeros(len(texts), dtype=np.int64)
        for n, t in enumerate(texts):
            ws = words(t)
            lens[n] = len(ws)
            flat.extend(ids.setdefault(w, len(ids)) for w in ws)
        self.ids = np.array(flat, dtype=np.int64)
        self.lens = lens
        self.starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        vocab = len(ids)
        tok_row = np.repeat(np.arange(len(texts)), lens)
        tok_fold, tok_y = fold[tok_row], y[tok_row]
        self.by = np.zeros((FOLDS, 2, vocab))
        self.blocks = np.zeros((FOLDS, 2))
        # The sites that hold each word, by fold (a site is in one fold only).
        self.sites = np.zeros((FOLDS, vocab))
        self.min_sites = min_sites
        span = int(site.max()) + 1
        pairs = np.unique(self.ids * span + site[tok_row])
        word, where = pairs // span, pairs % span
        site_fold = np.zeros(span, dtype=np.int64)
        site_fold[site] = fold
        np.add.at(self.sites, (site_fold[where], word), 1.0)
        for f in range(FOLDS):
            for lab in (0, 1):
                self.by[f, lab] = np.bincount(self.ids[(tok_fold == f) & (tok_y == lab)],
                                              minlength=vocab)
                self.blocks[f, lab] = np.sum((fold == f) & (y == lab))

    def table(self, folds: list[int]) -> np.ndarray:
        """Log-odds of junk for each word, counted over `folds` (NaN: too rare there)."""
        junk, good = self.by[folds, 0].sum(0), self.by[folds, 1].sum(0)
        nj, ng = self.blocks[folds, 0].sum(), self.blocks[folds, 1].sum()
        lo = np.log((junk + 1.0) / (good + 1.0)) - np.log(nj / ng)
        lo[(junk + good < MIN_BLOCKS) | (self.sites[folds].sum(0) < self.min_sites)] = np.nan
        return lo

    def columns(self, table: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The four columns of the blocks `rows` (a mask) from `table`."""
        out = np.zeros((len(self.lens), 4))
        has = rows & (self.lens > 0)
        if not has.any():
            return out
        # Only the tokens of the blocks asked for: their runs, back to back.
        take = np.concatenate([np.arange(a, a + n) for a, n in
                               zip(self.starts[has], self.lens[has], strict=True)])
        v = table[self.ids[take]]
        known = ~np.isnan(v)
        starts = np.concatenate([[0], np.cumsum(self.lens[has])[:-1]])
        c = np.add.reduceat(known.astype(np.float64), starts)
        s = np.add.reduceat(np.where(known, v, 0.0), starts)
        hi = np.maximum.reduceat(np.where(known, v, -np.inf), starts)
        lo = np.minimum.reduceat(np.where(known, v, np.inf), starts)
        with np.errstate(invalid="ignore", divide="ignore"):
            block = np.column_stack([s / c, hi, lo, c / self.lens[has]])
        block[c == 0] = 0.0
        out[has] = block
        return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flat", action="store_true", help="one table a row's fold, not nested")
    ap.add_argument("--min-sites", type=int, default=1,
                    help="a word enters a table only when this many sites hold it")
    ap.add_argument("--first-only", action="store_true", help="score the first pass alone")
    args = ap.parse_args(argv)
    t0 = time.time()
    pages = _load(CACHE / "pages.pkl", list(FEATURES))
    x = np.vstack([p.pop("x") for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([p["w"] for p in pages])
    rows_of = row_slices(pages)
    fold = site_folds(pages)
    site_ids: dict[str, int] = {}
    site = np.concatenate([np.full(len(p["y"]), site_ids.setdefault(
        f"{p['corpus']}:{site_group(p['site'], p['id'])}", len(site_ids))) for p in pages])
    counts = Counts([t for p in pages for t in p["texts"]], y, fold, site, args.min_sites)
    print(f"words counted: {counts.by.shape[2]} ({time.time() - t0:.0f} s)", flush=True)

    made: dict[int | None, np.ndarray] = {}

    def vocab(held: int | None) -> np.ndarray:
        """Every row's columns: a row of fold j from the folds that are neither j nor
        `held` (all but j when `held` is None)."""
        if held in made:  # the second pass reads the first pass's columns again
            return made[held]
        out = made[held] = np.zeros((len(y), 4))
        for j in range(FOLDS):
            others = [f for f in range(FOLDS) if f not in (j, held)]
            out += counts.columns(counts.table(others), fold == j)
        return out

    p1 = np.zeros(len(y))
    flat = vocab(None) if args.flat else None
    for k in range(FOLDS):
        held = fold == k
        # The held-out rows' own columns come from the four other folds (j == k above).
        nb = flat if flat is not None else vocab(k)
        xa = np.hstack([x, nb])
        p1[held] = train(xa[~held], y[~held], w[~held], ROUNDS["first"],
                         FIRST_PARAMS).predict(xa[held])
        del xa
    print("first pass alone:", {c: v["f1"] for c, v in page_f1(pages, p1, rows_of, CUTOFF)
                                .items()}, f"({time.time() - t0:.0f} s)", flush=True)
    if args.first_only:
        return
    ctx = _context(pages, p1)
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        held = fold == k
        nb = flat if flat is not None else vocab(k)
        x2 = np.hstack([x, nb, ctx])
        oof[held] = train(x2[~held], y[~held], w[~held], ROUNDS["second"]).predict(x2[held])
        del x2
    shipped = decided(pages, oof, rows_of)
    print("the cleaner's decisions:", {c: v["f1"] for c, v in
                                       page_f1(pages, shipped, rows_of, CUTOFF).items()})
    print("by language:", {k: v["f1"] for k, v in
                           page_f1(pages, shipped, rows_of, CUTOFF, ("corpus", "lang")).items()},
          f"({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
