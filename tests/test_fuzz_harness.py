"""The fuzz harness (`fuzz/fuzz_core.py`) run on fixed inputs without atheris: every entry
point it drives must accept the arguments it passes (it went stale once, when
`block_matrix` gained the vocabulary's columns, and failed on the fuzzer's first input), and
these inputs must return or raise what the harness allows."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLEANER_FUZZ_PLAIN", "1")
        spec = importlib.util.spec_from_file_location("fuzz_core", ROOT / "fuzz" / "fuzz_core.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    assert module.atheris is None
    return module


INPUTS = [
    b"",
    b"\x00\xff\xfe" * 40,
    "for the \nBrowns\n’ game, and the \nSteelers\n, too.\n- item \nx\n\n据\n新华社\n，今天\n"
    .encode(),
    b"<html><body><p>One <a href='#'>link</a> in a paragraph.</p></body></html>",
    bytes(range(256)),
    *[p.read_bytes()[:3000] for p in sorted((ROOT / "seeds").glob("*.txt"))],
]


@pytest.mark.parametrize("data", INPUTS, ids=range(len(INPUTS)))
def test_the_harness_runs_on_fixed_inputs(harness, data):
    harness.test_one_input(data)


def test_the_plain_provider_reads_the_bytes_in_ranges(harness):
    fdp = harness.PlainProvider(bytes([0, 255, 7]))
    assert fdp.ConsumeIntInRange(-2, 70) == -2
    assert fdp.ConsumeIntInRange(0, 40) == 255 % 41
    assert fdp.ConsumeRegularFloat() == (7 - 128) / 8
    assert fdp.ConsumeIntInRange(3, 5) == 3  # past the end: zeros
    assert harness.PlainProvider("é".encode()).ConsumeUnicodeNoSurrogates(2) == "é"
