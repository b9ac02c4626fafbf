"""`CleanResult.to_dict` is the JSON form the service and CLI print: every field, no more."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, asdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import clean
from cleaner.result import Removal, removals

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def test_to_dict_holds_every_dataclass_field():
    removals = 0
    for path in SEEDS:
        result = clean(path.read_text("utf-8"))
        d = result.to_dict()
        assert d["metadata"] == asdict(result.metadata)
        assert d["removed"] == [asdict(r) for r in result.removed]
        assert d["metadata_blocks"] == [asdict(b) for b in result.metadata_blocks]
        assert d["text"] == result.text and d["warnings"] == result.warnings
        removals += len(d["removed"])
    assert removals  # the seeds hold junk, so the comparison is not vacuous


@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=10), st.text(max_size=20),
                          st.none() | st.integers(0, 10**6), st.none() | st.integers(0, 10**6),
                          st.text(max_size=10)), max_size=5))
def test_removals_are_the_dataclass_built_normally(rows):
    built = removals(rows)
    assert built == [Removal(*row) for row in rows]
    assert [hash(r) for r in built] == [hash(Removal(*row)) for row in rows]
    assert [repr(r) for r in built] == [repr(Removal(*row)) for row in rows]
    assert all(type(r) is Removal for r in built)
    for r in built:
        with pytest.raises(FrozenInstanceError):
            r.kind = "other"  # type: ignore[misc]
