"""Language identification: what text it is shown, and what it says."""

from __future__ import annotations

import pytest

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
