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


#: What a scrape's longest lines often are: a leaked script, a JSON blob, a list of ids.
SCRIPT = ('var cfg={"type":"news","ads":[1,2,3]};function load(u){var s=document.'
          'createElement("script");s.src=u+"&t="+(new Date()).getTime();}' * 8)
JSON_BLOB = '{"asins":["B0CXGXT6W8","B0CYNFWD2R","B0D2XRXNGY"],"hostPageType":"BROWSE"},' * 12
IDS = "7868484a-db29-4baf-990e-8b645ccb1899 0b6874d2-ba79-4045-a400-556140cd4bbf " * 10


@pytest.mark.parametrize("blob", [SCRIPT, JSON_BLOB, IDS])
def test_the_sample_takes_prose_before_longer_code_or_data(blob):
    page = f"{blob}\n{RUSSIAN * 3}\n{RUSSIAN * 2}\n"
    sample = _language_sample(segment(page), 1500)
    assert sample.startswith(RUSSIAN.strip())
    assert clean(page).metadata.language == "ru"


def test_a_page_of_code_alone_is_still_sampled():
    sample = _language_sample(segment(f"{SCRIPT}\n{JSON_BLOB}\n"), 1500)
    assert sample.startswith(SCRIPT[:40])


def test_the_sample_is_cut_by_characters_then_bytes_longest_first():
    lines = ["short words here", "a longer line of words, the longest",
             "a middling length of words"]
    assert (_language_sample(segment("\n".join(lines)), 1500)
            == "\n".join([lines[1], lines[2], lines[0]]))
    assert _language_sample(segment("\n".join(lines)), 8) == "a longer"
    # 6 characters: a budget of 6 * 4 / 3 + 1 bytes, one for the (absent) newline before
    # the part: 8 bytes, two Devanagari letters of three (the third cut in two is dropped).
    assert _language_sample(segment("नमस्ते दुनिया"), 6) == "नम"
    assert _language_sample(segment("12 34\n-- !!"), 1500) == ""


def test_symbols_and_digits_are_counted_as_python_reads_them():
    """The core's counts of `[^\\w\\s]` and `\\d` (the prose test of the language sample)
    agree with the regex module's on every character Python 3.11 knows (the newer Unicode
    tables of the regex module name some characters unassigned in 3.11 letters or marks)."""
    import unicodedata

    import regex

    from cleaner import _core

    symbol, digit = regex.compile(r"[^\w\s]"), regex.compile(r"\d")
    differ = []
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c) in ("Cn", "Cs"):
            continue
        want = (len(symbol.findall(c)), len(digit.findall(c)))
        if _core.symbols_and_digits(c) != want:
            differ.append(hex(cp))
    assert differ == []


#: Written Cantonese, which the identifier names apart from Chinese.
CANTONESE = ("佢哋話今日會喺度開會，但係我哋都唔知道會講咩嘢。"
             "政府發言人話，呢個計劃好快就會推出，市民唔使擔心。")


def test_a_variety_without_stop_words_borrows_its_standard_languages():
    from cleaner.lang import stopwords

    assert stopwords("yue") == stopwords("zh") != frozenset()
    assert stopwords("arz") == stopwords("ar") != frozenset()
    assert stopwords("zxx") == frozenset()  # "no language" borrows nothing
    result = clean((CANTONESE + "\n") * 4)
    assert result.metadata.language == "yue"
    assert not any("no stop-word list" in w for w in result.warnings)


def test_the_thai_stop_words_are_words_the_core_cuts():
    """Thai's list (written for this project) counts only where each entry is one word as
    the core's segmenter cuts a run of Thai letters; and Thai prose holds them."""
    from cleaner.lang import stopwords, tokens

    stops = stopwords("th")
    assert len(stops) > 100
    assert [w for w in sorted(stops) if tokens(w) != [w]] == []
    words = tokens("อาคารที่สร้างขึ้นในปีนี้มีห้องสำหรับเด็กและพื้นที่อ่านหนังสือ")
    assert 0.2 < sum(w in stops for w in words) / len(words) < 0.7


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
    # Asked for the first few, the core gives exactly those (`rank_languages` asks so).
    for k in (0, 1, 5):
        assert _identifier().rank(_encode(sample), k) == got[:k]


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
