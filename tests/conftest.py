"""Shared fixtures: the seed documents and their expected cleaning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def norm(text: str) -> str:
    """Whitespace-normalise as seeds/README.md says the expected fields are."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def load_expected(seed: Path) -> dict:
    return json.loads((seed.parent / "expected" / (seed.stem + ".json")).read_text("utf-8"))


@pytest.fixture(params=SEEDS, ids=[s.stem[:3] for s in SEEDS])
def seed(request: pytest.FixtureRequest) -> tuple[str, dict]:
    path: Path = request.param
    return path.read_text(encoding="utf-8"), load_expected(path)
