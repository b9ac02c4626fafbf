"""`CleanResult.to_dict` is the JSON form the service and CLI print: every field, no more."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from cleaner import clean

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
