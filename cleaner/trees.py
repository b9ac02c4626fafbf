"""A small evaluator for gradient-boosted trees shipped as arrays (no runtime library).

Every tree's nodes sit in shared arrays: `feature`, `threshold`, `left`, `right`, `value`.
A leaf points to itself and compares against +inf, so walking a fixed number of steps
(`depth`) from every root lands every row on its leaf; all trees and rows move together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Forest:
    """One boosted ensemble: the sum of its trees' leaf values plus `bias` is a log-odds."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    bias: float

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed log-odds for each row of `x` (rows x features, float64)."""
        n = x.shape[0]
        if n == 0 or len(self.roots) == 0:
            return np.full(n, self.bias)
        node = np.repeat(self.roots[:, None], n, axis=1)
        rows = np.arange(n)[None, :]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].sum(axis=0) + self.bias

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The probability of the positive class for each row of `x`."""
        return 1.0 / (1.0 + np.exp(-self.raw(x)))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The forest as named arrays, for `np.savez`."""
        return {f"{prefix}{name}": getattr(self, name) for name in
                ("feature", "threshold", "left", "right", "value", "roots")} | {
            f"{prefix}depth": np.array(self.depth), f"{prefix}bias": np.array(self.bias)}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray] | np.lib.npyio.NpzFile,
                    prefix: str) -> Forest:
        """The forest saved by `arrays` under `prefix`."""
        def get(name: str) -> np.ndarray:
            return np.asarray(data[f"{prefix}{name}"])

        return cls(feature=get("feature"), threshold=get("threshold"), left=get("left"),
                   right=get("right"), value=get("value"), roots=get("roots"),
                   depth=int(get("depth")), bias=float(get("bias")))
