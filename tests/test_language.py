"""Language identification: what text it is shown, and what it says."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.core import _language_sample
from cleaner.segment import segment

TELUGU = "ప్రభుత్వం కొత్త బడ్జెట్‌ను మంగళవారం అసెంబ్లీలో ప్రవేశపెట్టింది మరియు రైతులకు సహాయం ప్రకటించింది. "
ENGLISH = "The council met on Tuesday and agreed the budget for the coming year after a debate. "
RUSSIAN = "Совет собрался во вторник и утвердил бюджет на следующий год после долгих споров. "


def test_latin_text_is_sampled_by_characters():
    sample = _language_sample(segment((ENGLISH * 10 + "\n") * 5), 1500)
    assert len(sample) >= 1500 - 10


@pytest.mark.parametrize("text", [TELUGU, RUSSIAN])
def test_wide_scripts_are_sampled_to_a_byte_budget(text):
    sample = _language_sample(segment((text * 10 + "\n") * 5), 1500)
    assert len(sample.encode("utf-8")) <= 2000
    assert len(sample) < 1500  # fewer characters than Latin text gets


@pytest.mark.parametrize(("text", "code"), [(TELUGU, "te"), (ENGLISH, "en"), (RUSSIAN, "ru")])
def test_language_is_found_on_the_sample(text, code):
    result = clean((text * 10 + "\n") * 5)
    assert result.metadata.language == code
    assert result.metadata.language_confidence > 0.9


# --- the compiled identifier against py3langid, whose model it evaluates ----------------

_SAMPLES = [TELUGU, ENGLISH, RUSSIAN, "", "NEWS TODAY", "中文新闻报道。" * 40, "1234 5678",
            "Der Rat traf sich am Dienstag.", "مرحبا بكم في موقعنا", "नई दिल्ली: सरकार ने कहा",
            "ab" * 900, "e\u0301te\u0301", "\udcff broken surrogate"]


@functools.lru_cache(maxsize=1)
def _py3langid():  # type: ignore[no-untyped-def]
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def _reference(sample: str) -> list[tuple[str, float]]:
    return [(str(c), float(p)) for c, p in _py3langid().rank(sample)]


def _agrees(sample: str) -> None:
    from cleaner.lang import _encode, _identifier

    got, want = _identifier().rank(_encode(sample)), _reference(sample)
    assert len(got) == len(want)
    # The core sums in float64 where numpy sums float32: probabilities agree to 1e-4, and
    # the order does wherever two languages are further apart than that.
    assert max(abs(p - dict(want)[c]) for c, p in got) < 1e-4
    top = [c for c, p in want if p > want[0][1] - 1e-4]
    assert got[0][0] in top


@pytest.mark.parametrize("sample", _SAMPLES)
def test_core_identifier_matches_py3langid(sample):
    _agrees(sample)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_core_identifier_matches_py3langid_on_any_text(sample):
    _agrees(sample)


def test_core_identifier_matches_py3langid_on_the_seeds():
    from pathlib import Path

    for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        _agrees(_language_sample(segment(path.read_text("utf-8")), 1500))
