"""Gradient-boosted trees shipped as arrays, evaluated by the compiled core (no runtime library).

Every tree's nodes sit in shared arrays: `feature`, `threshold`, `left`, `right`, `value`
(a leaf points to itself and compares against +inf). That is the shipped form. The
compiled core (`cleaner._core.Forest`, `src/forest.rs`) receives each tree laid out as a
complete binary tree of the forest's depth (a leaf above the bottom fills every slot below
it; the layout is made here, once a forest), keeps only its real nodes, children side by
side, so that a row's next node is `left + (x > threshold)` with no branching on the
tree's shape, and walks them with the GIL released.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import _core


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
        return self._compiled().raw(np.ascontiguousarray(x, dtype=np.float64))

    def _compiled(self) -> _core.Forest:
        """The complete-tree layout handed to the compiled core, made once."""
        cached = self.__dict__.get("_core")
        if cached is None:
            feature, threshold, leaves = self._complete()
            cached = _core.Forest(feature.astype(np.int64), threshold, leaves, self.depth,
                                  self.bias)
            object.__setattr__(self, "_core", cached)
        return cached

    def _complete(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every tree as a complete binary tree of depth `depth`, flattened: the split
        feature and threshold of each inner slot, and the value of each leaf slot."""
        cached = self.__dict__.get("_layout")
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        inner = (1 << self.depth) - 1
        trees = len(self.roots)
        feature = np.zeros(trees * inner, dtype=np.intp)
        threshold = np.full(trees * inner, np.inf)
        leaves = np.zeros(trees * (inner + 1))
        for t, root in enumerate(self.roots.tolist()):
            stack = [(root, 0, 0)]  # (node, level, slot within the level)
            while stack:
                node, level, slot = stack.pop()
                is_leaf = self.left[node] == node
                if level == self.depth or is_leaf:
                    # Below a leaf every path goes left (threshold +inf): fill the slots
                    # under it with its value, so whichever is reached holds it.
                    width = 1 << (self.depth - level)
                    first = t * (inner + 1) + slot * width
                    leaves[first:first + width] = self.value[node]
                    continue
                at = t * inner + (1 << level) - 1 + slot
                feature[at] = self.feature[node]
                threshold[at] = self.threshold[node]
                stack.append((int(self.left[node]), level + 1, 2 * slot))
                stack.append((int(self.right[node]), level + 1, 2 * slot + 1))
        layout = (feature, threshold, leaves)
        object.__setattr__(self, "_layout", layout)
        return layout

    def first_trees(self, trees: int) -> Forest:
        """The forest cut to its first `trees` trees: a boosted ensemble stopped earlier,
        for pricing a smaller model (the benchmarks' curves of time against trees)."""
        return replace(self, roots=self.roots[:trees])

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
