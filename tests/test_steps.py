"""benchmarks/steps.py: the step timer measures the cleaner and leaves it as it found it."""

from __future__ import annotations

from pathlib import Path

from benchmarks import steps
from cleaner import core, dates, labeller, rules

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
MODULES = {"core": core, "rules": rules, "dates": dates, "labeller": labeller}


def _functions() -> dict[tuple[str, str], object]:
    return {(m, f): getattr(MODULES[m], f) for m, f, _, _ in steps.STEPS}


def test_every_step_is_timed_and_unwrapped():
    before = _functions()
    whole, rows = steps.measure([p.read_text("utf-8") for p in SEEDS], rounds=1)
    assert [r[0] for r in rows] == [label for _, _, label, _ in steps.STEPS]
    by = {label: (ms, calls) for label, _, ms, calls in rows}
    # Every seed is segmented, judged and labelled (again when the kept text's language
    # differs); the judgement holds the labeller.
    for label in ("segment and unwrap", "judge (below: its parts)", "labeller"):
        assert by[label][1] >= 1.0
    assert by["segment and unwrap"][1] == by["judge (below: its parts)"][1]
    assert 0 < by["labeller"][0] <= by["judge (below: its parts)"][0] <= whole
    assert _functions() == before
