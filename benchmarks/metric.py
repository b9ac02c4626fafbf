"""The article-extraction-benchmark metric: 4-token shingles, per-page P/R, macro-averaged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles of `text` (tokens are `\\w+` matches)."""
    toks = _TOKEN.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_scores(predicted: str, gold: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the page is left out of that average."""
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    precision = tp / (tp + fp) if p else None
    recall = tp / (tp + fn) if g else None
    return precision, recall


def aggregate(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Macro P, R and F1 over (predicted, gold) pairs."""
    ps: list[float] = []
    rs: list[float] = []
    for pred, gold in pairs:
        p, r = page_scores(pred, gold)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "pages": float(len(rs))}
