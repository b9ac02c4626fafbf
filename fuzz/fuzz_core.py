"""Fuzz the compiled core and `clean()` with atheris (libFuzzer's mutation engine).

    .venv/bin/pip install -e ".[fuzz]"
    .venv/bin/python fuzz/fuzz_core.py -max_total_time=300 -max_len=4096 fuzz/corpus

Each input becomes text (any code point but lone surrogates, which `clean` replaces before
the core sees them) and raw bytes; every entry point of `cleaner._core` and `cleaner.clean`
(raw text and HTML) must return or raise a `CleanerError` (the matrix entry points, given
shapes and indices drawn from the input, and the regular-expression compiler, a
`ValueError`): a panic, a crash or any other
exception is a finding. Python code is instrumented, so coverage of the rules and the
labeller guides the mutations; the Rust code is not (it would need cargo-fuzz's nightly
toolchain). `fuzz/corpus` starts from the seeds.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

# The tests run the harness on fixed inputs without atheris (tests/test_fuzz_harness.py), so
# that it keeps up with the core's signatures.
try:
    if os.environ.get("CLEANER_FUZZ_PLAIN"):
        raise ImportError("asked to run without atheris")
    import atheris
except ImportError:
    atheris = None

with atheris.instrument_imports() if atheris else contextlib.nullcontext():
    import cleaner
    from cleaner import _core
    from cleaner.blockfeatures import text_stats, vocabulary
    from cleaner.features import measure
    from cleaner.lang import _encode, _identifier, stoplist, stopwords
    from cleaner.lexicon import fold, lexicon
    from cleaner.normalise import _badness

_STOPS = stopwords("en") | stopwords("zh")


class PlainProvider:
    """A stand-in for atheris's `FuzzedDataProvider` (the three calls the harness makes, by
    its names), reading the bytes in order: for running the harness on fixed inputs without
    atheris."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def _byte(self) -> int:
        b = self.data[self.at] if self.at < len(self.data) else 0
        self.at += 1
        return b

    def ConsumeIntInRange(self, lo: int, hi: int) -> int:
        return lo + self._byte() % (hi - lo + 1)

    def ConsumeRegularFloat(self) -> float:
        return (self._byte() - 128) / 8

    def ConsumeUnicodeNoSurrogates(self, n: int) -> str:
        text = self.data[self.at:self.at + n].decode("utf-8", "replace")
        self.at += n
        return text


def provider(data: bytes) -> Any:
    """atheris's provider over `data`, or `PlainProvider` without atheris."""
    return atheris.FuzzedDataProvider(data) if atheris else PlainProvider(data)


def _matrices(fdp: Any) -> None:
    """The matrix entry points with shapes and indices drawn from the input: each returns or
    raises ValueError."""
    import numpy as np

    n = fdp.ConsumeIntInRange(0, 40)
    ints = [fdp.ConsumeIntInRange(-2, 70) for _ in range(5 * n)]
    values = np.array([fdp.ConsumeRegularFloat() for _ in range(8 * n)], dtype=np.float64)
    small = np.zeros(fdp.ConsumeIntInRange(0, 80))
    try:
        _core.block_matrix(values.reshape(n, 8), np.zeros((n, 11)), np.zeros((n, 4)), [True] * n,
                           ints[:n],
                           ints[n:2 * n], [abs(i) for i in ints[2 * n:3 * n]], [False] * n,
                           np.zeros((n, 4)), small, 0.0, bool(n % 2))
    except ValueError:
        pass
    try:
        _core.context_columns(values[:n].copy(), values[n:2 * n].copy(), small)
    except ValueError:
        pass
    cands = sorted({abs(i) for i in ints[3 * n:4 * n]})
    try:
        _core.title_matrix(np.zeros((n, 3)), ["a b"] * n, 0, cands, abs(ints[0]) if n else 0,
                           [0.5] * len(cands), [0.5] * len(cands), [True] * len(cands),
                           [False] * len(cands), ["a b | c"] * len(cands), ["a b"], [0])
    except ValueError:
        pass


def test_one_input(data: bytes) -> None:
    fdp = provider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    lines = text.splitlines() or [text]
    _core.segment(text)
    _core.segment(text, None, True)
    _core.segment(text, None, True, True)
    _core.segment(text, None, True, True, True)  # as Markdown: links and images mended, apart
    _core.segment(text, None, False, False, True)
    with contextlib.suppress(_core.TooManyLines):
        _core.segment(text, None, True, True, True, len(lines) // 2)
    _core.most_attributes(text)
    _core.plain_links(lines)
    _core.without_images(lines)
    _core.normalise(text)
    _core.count_tokens(text.casefold())
    _core.mojibake_hint(text)
    measure(lines, [ln.casefold() for ln in lines], _STOPS)
    _core.classify_page(lines, stoplist(_STOPS), lexicon().core, True, (0.3, 0.5, 200, 70),
                        vocabulary())
    vocabulary().columns(lines)
    _core.count_words(lines, [i % 2 for i in range(len(lines))], [0] * len(lines),
                      [i % 5 for i in range(len(lines))], 1)
    lexicon().scan(lines, [fold(ln) for ln in lines])
    feats = measure(lines, [ln.casefold() for ln in lines], _STOPS)
    lexicon().core.judge(lines, [fold(ln) for ln in lines], [f.length for f in feats],
                         [f.words for f in feats], [f.terminal for f in feats])
    n = len(lines)
    _core.mark_repeats(lines, [False] * n, [i % 3 == 0 for i in range(n)],
                       [i % 2 == 0 for i in range(n)], True)
    _core.casefold(text)
    _core.visible_lines(data)  # meant for canonical XML; any bytes must do
    _core.visible_lines(text.encode("utf-8", "surrogatepass"))
    _core.name_removed([i % 2 == 0 for i in range(n)], [i % 5 == 0 for i in range(n)],
                       [i % 3 == 0 for i in range(n)], [ln[:20] for ln in lines],
                       [ln[:10] for ln in lines], lines,
                       ([f.length for f in feats], [f.words for f in feats],
                        [f.terminal for f in feats], [f.sentences for f in feats],
                        [f.stop_density for f in feats]),
                       [f.stop_density for f in feats], [0.5] * n, [i % 4 == 0 for i in range(n)],
                       0.5, 70, 0.2)
    text_stats(lines, [len(ln.split()) for ln in lines])
    _identifier().rank(_encode(text))
    _identifier().rank(data)
    _badness()(text)
    try:
        _core.Matcher(text).search(text)
    except ValueError:
        pass
    _matrices(provider(data))
    for source, content_type in ((text, "text/plain"), (text, "text/html"), (data, None)):
        try:
            cleaner.clean(source, content_type=content_type, time_budget=10.0)
        except cleaner.CleanerError:
            pass


def main() -> None:
    if atheris is None:
        raise SystemExit("the fuzzer needs atheris: pip install -e '.[fuzz]'")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
