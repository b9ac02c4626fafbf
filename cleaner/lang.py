"""Language identification (py3langid's model, evaluated by the core, on a sample) and
stop-word lists (jusText's + ours)."""

from __future__ import annotations

import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

import justext
import regex

from . import _core

#: Scripts written without spaces between words, or (Hangul) with short words: length and
#: word-count rules measure them in characters.
EAST_ASIAN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def tokens(text: str) -> list[str]:
    """Case-folded word tokens of `text`: one Han/kana character, or a run of letters, marks
    and digits (so that Indic vowel signs and Persian zero-width non-joiners stay inside
    their word). The core's tokenizer (`src/measure.rs`), which the measures and the
    lexicon's phrase matching use too."""
    return _core.tokens(text.casefold())


def word_count(text: str) -> int:
    """How many `tokens` `text` holds (counted by the core)."""
    return _core.count_tokens(text.casefold())


@lru_cache(maxsize=1)
def _identifier() -> _core.LangId:
    """py3langid's model (the arrays in its wheel), handed to the core once."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return _core.LangId(np.frombuffer(nextmove, dtype=np.uint32),
                        np.frombuffer(row, dtype=np.uint16),
                        np.asarray(output, dtype=np.int32),
                        np.ascontiguousarray(ptc, dtype=np.float16).view(np.uint16).ravel(),
                        np.asarray(pc, dtype=np.float32), [str(c) for c in classes])


def _encode(sample: str) -> bytes:
    """The sample as py3langid reads it: lower-cased if all upper, NFC, UTF-8."""
    if sample.isupper():
        sample = sample.lower()
    return unicodedata.normalize("NFC", sample).encode("utf-8", errors="surrogatepass")


#: Below this probability a language guess counts as unsure.
UNSURE = 0.5


#: A letter of any script: a sample without one has no language.
_LETTER = regex.compile(r"\p{L}")


def rank_languages(sample: str, n: int = 3) -> list[tuple[str, float]]:
    """The `n` likeliest languages of `sample` with their probabilities, best first (empty
    when there is no text). An unsure guess of a language we have no stop words for ("pcm"
    for broken English) is moved behind the runners-up that we can judge text in."""
    if not _LETTER.search(sample):
        return []
    ranked = _identifier().rank(_encode(sample), n + 2)
    top, prob = ranked[0]
    if prob < UNSURE and not stopwords(top):
        usable = [(c, p) for c, p in ranked[1:] if p >= prob / 2 and stopwords(c)]
        if usable:
            ranked = usable + [r for r in ranked if r not in usable]
    return ranked[:n]


def detect_language(sample: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability for `sample`, or (None, 0.0) when there is no text."""
    ranked = rank_languages(sample, 1)
    return ranked[0] if ranked else (None, 0.0)


def document_stopwords(ranked: list[tuple[str, float]]) -> frozenset[str]:
    """Stop words to judge a document by: its language's, and when that guess is unsure
    (mixed or very short text), also those of every runner-up in `ranked`, so that the
    verdict does not flip with a small change of the sample (a cut-off on the runners-up's
    probability would itself flip: cleaning the output again moves them across it)."""
    if not ranked:
        return frozenset()
    code, prob = ranked[0]
    stops = stopwords(code)
    if prob < UNSURE:
        for other, _ in ranked[1:]:
            stops = stops | stopwords(other)
    return stops


@lru_cache(maxsize=1)
def _languages() -> dict[str, dict[str, str]]:
    data = (resources.files("cleaner") / "data" / "languages.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def _justext_names() -> dict[str, str]:
    return _languages()["justext"]


@lru_cache(maxsize=64)
def stopwords(code: str | None) -> frozenset[str]:
    """The stop words of language `code` (case-folded): its own list, else a related
    language's (`languages.toml`, [related]); empty when none are known."""
    if not code:
        return frozenset()
    name = _justext_names().get(code)
    if name:
        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    own = resources.files("cleaner") / "data" / "stopwords" / f"{code}.txt"
    if own.is_file():
        lines = own.read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip().casefold() for w in lines if w.strip() and w[0] != "#")
    related = _languages().get("related", {}).get(code)
    return stopwords(related) if related else frozenset()


@lru_cache(maxsize=64)
def stoplist(stops: frozenset[str]) -> _core.StopList:
    """`stops` compiled for the core's measures; made once per distinct list."""
    return _core.StopList(stops)
