"""Fuzz the compiled core and `clean()` with atheris (libFuzzer's mutation engine).

    .venv/bin/pip install -e ".[fuzz]"
    .venv/bin/python fuzz/fuzz_core.py -max_total_time=300 -max_len=4096 fuzz/corpus

Each input becomes text (any code point but lone surrogates, which `clean` replaces before
the core sees them) and raw bytes; every entry point of `cleaner._core` and `cleaner.clean`
(raw text and HTML) must return or raise a `CleanerError`: a panic, a crash or any other
exception is a finding. Python code is instrumented, so coverage of the rules and the
labeller guides the mutations; the Rust code is not (it would need cargo-fuzz's nightly
toolchain). `fuzz/corpus` starts from the seeds.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cleaner
    from cleaner import _core
    from cleaner.blockfeatures import text_stats
    from cleaner.features import measure
    from cleaner.lang import _encode, _identifier, stopwords
    from cleaner.lexicon import fold, lexicon

_STOPS = stopwords("en") | stopwords("zh")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    lines = text.splitlines() or [text]
    _core.segment(text)
    _core.normalise(text)
    _core.count_tokens(text.casefold())
    _core.mojibake_hint(text)
    measure(lines, [ln.casefold() for ln in lines], _STOPS)
    lexicon().scan(lines, [fold(ln) for ln in lines])
    text_stats(lines, [len(ln.split()) for ln in lines])
    _identifier().rank(_encode(text))
    _identifier().rank(data)
    for source, content_type in ((text, "text/plain"), (text, "text/html"), (data, None)):
        try:
            cleaner.clean(source, content_type=content_type, time_budget=10.0)
        except cleaner.CleanerError:
            pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
