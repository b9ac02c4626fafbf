"""Types of the compiled core (`src/lib.rs`), built by maturin with the package."""

import numpy as np

class Forest:
    """Trees laid out as complete binary trees of one depth (see `cleaner.trees`)."""

    width: int

    def __init__(self, feature: np.ndarray, threshold: np.ndarray, leaves: np.ndarray,
                 depth: int, bias: float) -> None: ...
    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed log-odds of each row of `x`; releases the GIL."""

def smooth(p: list[float], cut: float, stay: float) -> list[bool]:
    """The likeliest keep / remove path for probabilities `p`; releases the GIL."""

def text_stats(texts: list[str], words: list[int]) -> np.ndarray:
    """The shape shares of each text (`blockfeatures.TextStats`), one row a text."""
