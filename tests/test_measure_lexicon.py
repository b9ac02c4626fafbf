"""The compiled block measures (`src/measure.rs`) and lexicon matching (`src/lexicon.rs`)
against the Python definitions they replaced, kept here as the reference: the same
features and the same hits on any text, real lexicon entries included."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.features import TERMINALS, Features, ends_with_terminal, measure, sentence_ends
from cleaner.lang import stopwords, tokens
from cleaner.lexicon import _LINE_PRIORITY, _PHRASE_PRIORITY, Hit, Lexicon, fold, lexicon, line_key

ROOT = Path(__file__).resolve().parent.parent

# --- the reference: features -------------------------------------------------------------

_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{M}\p{N}\u200c\u200d'’]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


#: Thai, Lao, Myanmar and Khmer (with what shares Myanmar's UTF-8 lead bytes): a run of
#: token characters holding one is split into words by the dictionary segmenter the core
#: links (ICU4X), not by a pattern; the reference asks the core for that run alone.
_SPACELESS = regex.compile(r"[\u0e00-\u0eff\u1000-\u10bf\u1780-\u17ff]")


def reference_tokens(text: str) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(text.casefold()):
        out.extend(tokens(tok) if _SPACELESS.search(tok) else [tok])
    return out
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)\s*$")
_URL = regex.compile(r"https?://|www\.\w|\w@\w+\.\w")


def reference_features(text: str, stops: frozenset[str]) -> Features:
    toks = reference_tokens(text)
    n = len(toks)
    n_stop = sum(map(stops.__contains__, toks)) if stops else 0
    return Features(
        len(text) + (0 if text.isascii() else 2 * len(_CJK.findall(text))),
        n, n_stop, n_stop / n if n else 0.0,
        ends_with_terminal(text), sentence_ends(text),
        bool(_ELLIPSIS.search(text)), bool(_URL.search(text)),
    )


# --- the reference: lexicon matching -----------------------------------------------------

_MAX_LINE_CHARS = 100
_ROW_SPLIT = regex.compile(r"\s*[|•·»›/]\s*|\s{2,}|\s+[-–—]\s+")
_SEP = r"[\s\p{Zs}]*[:|»›>\-–—：｜]+"


def _prefix_regex(prefixes: list[tuple[str, str, bool]]) -> regex.Pattern[str]:
    free = sorted({p for p, _, sep in prefixes if not sep}, key=len, reverse=True)
    need = sorted({p for p, _, sep in prefixes if sep}, key=len, reverse=True)
    free_alt = "|".join(
        # Since 2026-12-07 (session 51) a prefix in Han or Hangul needs a boundary too.
        regex.escape(p) + r"(?![\p{L}\p{M}\p{N}])" for p in free
    ) or r"(?!)"
    need_alt = "|".join(regex.escape(p) for p in need) or r"(?!)"
    return regex.compile(
        rf"[\p{{P}}\p{{S}}\s]*(?:(?P<p>{free_alt})(?P<sep>{_SEP})?|(?P<q>{need_alt}){_SEP})"
    )


class Reference:
    """The Python matching that `src/lexicon.rs` replaced, over the same compiled tables."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.prefix_res = {t: _prefix_regex(ps) for t, ps in lex.prefixes.items()}

    def whole_line(self, text: str) -> Hit | None:
        lex = self.lex
        if len(text) > _MAX_LINE_CHARS:
            return None
        key = line_key(text)
        if not key:
            return None
        found = lex.lines.get(key)
        if found:
            return Hit(found[0], key, found[1])
        words = key.split()
        if (len(words) <= 15 and lex.share_strong.intersection(words)
                and all(w in lex.share_words for w in words)):
            return Hit("share", key, "")
        pieces = _ROW_SPLIT.split(text)
        if len(pieces) < 2:
            return None
        parts = [k for k in map(line_key, pieces) if k]
        if len(parts) >= 2 and all(p in lex.lines for p in parts):
            best = min((lex.lines[p][0] for p in parts), key=_LINE_PRIORITY.index)
            if best in ("comments_label", "section_label"):
                best = "navigation"
            return Hit(best, key, lex.lines[parts[0]][1])
        return None

    def phrase(self, text: str) -> Hit | None:
        lex, folded, n = self.lex, fold(text), len(text)
        if n > lex.max_phrase_chars:
            return None
        found = [Hit(table, phrase, lang) for phrase, table, lang in lex.symbol_phrases
                 if n <= lex.max_chars.get(table, 300) and phrase in folded]
        toks = reference_tokens(folded)
        for i, tok in enumerate(toks):
            for ptoks, table, phrase, lang in lex.phrase_index.get(tok, ()):
                if (n <= lex.max_chars.get(table, 300)
                        and tuple(toks[i:i + len(ptoks)]) == ptoks and phrase in folded):
                    found.append(Hit(table, phrase, lang))
        if not found:
            return None
        return min(found, key=lambda h: _PHRASE_PRIORITY.index(h.table))

    def prefix(self, table: str, folded: str) -> Hit | None:
        m = self.prefix_res[table].match(folded)
        if not m:
            return None
        phrase = m.group("p") or m.group("q")
        has_sep = bool(m.group("sep")) or m.group("q") is not None
        rest = folded[m.end():].strip(" :|»›>-–—：｜.,")
        return Hit(table, phrase, self.lex.prefix_lang[table].get(phrase, ""), rest, has_sep)


REFERENCE = Reference(lexicon())


def _agree(text: str) -> None:
    """The core and the reference find the same hits in `text`, one by one and by `scan`."""
    lex = lexicon()
    folded = fold(text)
    want_line, want_phrase = REFERENCE.whole_line(text), REFERENCE.phrase(text)
    want_prefixes = {t: h for t in lex.prefixes if (h := REFERENCE.prefix(t, folded))}
    assert lex.whole_line(text) == want_line
    assert lex.phrase(text) == want_phrase
    for table in lex.prefixes:
        assert lex.prefix(table, folded) == want_prefixes.get(table), table
    scanned = lex.scan([text], [folded])[0]
    if scanned is None:
        assert want_line is None and want_phrase is None and not want_prefixes
    else:
        assert (scanned.line, scanned.phrase, scanned.prefixes) == (
            want_line, want_phrase, want_prefixes)


# --- examples: real lines and lexicon entries in the shapes pages give them ---------------

def _seed_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    return lines


def _entries() -> list[str]:
    """A sample of every table's lines, phrases and prefixes, in every language."""
    lex = lexicon()
    out = sorted(lex.lines)[::7]
    out += sorted({phrase for entries in lex.phrase_index.values()
                   for _, _, phrase, _ in entries})[::5]
    out += [p for p, _, _ in lex.symbol_phrases]
    out += sorted({p for ps in lex.prefixes.values() for p, _, _ in ps})
    return out


ENTRIES = _entries()
_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=40)
_GLUE = st.sampled_from(["", " ", ": ", " | ", " » ", "  ", " - ", "：", "(", ")", "’", "’s ",
                         ". ", "... ", "\u00a0", "• ", "12 ", "/"])


@st.composite
def _lexicon_like(draw: st.DrawFn) -> str:
    """Text built from lexicon entries, separators, and noise."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(_GLUE))
        entry = draw(st.sampled_from(ENTRIES))
        parts.append(draw(st.sampled_from([entry, entry.title(), entry.upper()])))
        if draw(st.booleans()):
            parts.append(draw(_TEXT))
    return "".join(parts)


@pytest.mark.parametrize("text", _seed_lines() + ENTRIES[::3])
def test_core_matches_the_reference_on_real_lines(text):
    _agree(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_lexicon_like(), _TEXT))
def test_core_matches_the_reference_on_any_text(text):
    _agree(text)


# --- features ----------------------------------------------------------------------------

FEATURE_CASES = [
    "", " ", "The end of it.", "He said “yes.”", "and so on... ", "and so on…\u2003",
    "see https://example.org now", "www.example", "mail me: a@b.co", "中文标点。、「引用」",
    "ひらがなとカタカナ", "한국어 문장입니다.", "१२३ हिंदी।", "don’t stop", "ǅungla Ǆ ß",
    "a.\u001fb", "x" * 500, "Straße; Ende;", "?!", "ok.\n",
]


@pytest.mark.parametrize("language", ["en", "de", "zh", None])
@pytest.mark.parametrize("text", FEATURE_CASES + _seed_lines())
def test_compiled_features_match_the_reference(text, language):
    stops = stopwords(language)
    assert measure([text], [text.casefold()], stops) == [reference_features(text, stops)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXT, _lexicon_like(), st.text(st.sampled_from(
    "ab .!?…。\"”»)* \u3000中の\u200c’'@:/w"), max_size=30)))
def test_compiled_features_match_the_reference_on_any_text(text):
    stops = stopwords("en") | {"ab", "中"}
    assert measure([text], [text.casefold()], stops) == [reference_features(text, stops)]


def test_one_call_measures_many_texts_in_order():
    texts = ["The end.", "", "中文"]
    stops = stopwords("en")
    got = measure(texts, [t.casefold() for t in texts], stops)
    assert got == [reference_features(t, stops) for t in texts]
    assert measure([], [], stops) == []


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("กขคงจฉชซ\u0e48\u0e49\u0e81\u0e82 \u00a0\t\n.\"”)12a"),
               max_size=80))
def test_thai_and_lao_phrase_ends_match_the_reference(text):
    """Thai and Lao sentence ends (a long phrase before a space, `PHRASE_CHARS`; the end of
    a block that holds one) are the reference's, and so are the words of their runs."""
    assert measure([text], [text.casefold()], frozenset()) == [
        reference_features(text, frozenset())]


@pytest.mark.parametrize("run", [
    "ห้องสมุดเมืองกลับมาเปิดให้บริการอีกครั้ง",  # Thai
    "ຫ້ອງສະໝຸດເມືອງເປີດໃໝ່",  # Lao
    "ព័ត៌មានថ្មីពីប្រទេសកម្ពុជា",  # Khmer
    "မြန်မာနိုင်ငံသတင်း",  # Myanmar
])
def test_a_run_of_a_spaceless_script_is_split_into_words(run):
    """A run of Thai, Lao, Khmer or Myanmar letters is several words (the dictionary
    segmenter's), not one: together they are the run, each a piece of it."""
    words = tokens(run)
    assert len(words) >= 2
    assert "".join(words) == run
    assert tokens(f"x {run}, {run}") == ["x", *words, *words]


@pytest.mark.parametrize(("text", "sentences", "terminal"), [
    # two long phrases: the space between them and the block's end are sentence ends
    ("ห้องสมุดเมืองกลับมาเปิดให้บริการ หลังการปรับปรุงนานสองปี", 2, True),
    # prose that ends in a short phrase still ends a sentence
    ("อาคารที่สร้างขึ้นในปีนี้มีห้องสำหรับเด็ก หนังสือ 80,000 เล่ม", 2, True),
    ("ห้องสมุดเมืองเปิดให้บริการอีกครั้ง", 0, False),  # one run: a headline
    ("โดย มาเรีย โลเปซ", 0, False),  # short phrases: a byline, a menu
    ("หน้าแรก ข่าว กีฬา", 0, False),
])
def test_thai_phrases_end_sentences(text, sentences, terminal):
    m = measure([text], [text.casefold()], frozenset())[0]
    assert (m.sentences, m.terminal) == (sentences, terminal)


def test_token_pattern_and_terminals_are_the_cores():
    """The core counts the words the reference pattern finds; it knows every terminal."""
    for text in FEATURE_CASES:
        assert measure([text], [text.casefold()], frozenset())[0].words == len(
            reference_tokens(text))
    for c in TERMINALS:
        assert measure([f"x{c}"], [f"x{c}"], frozenset())[0].terminal


def test_mismatched_lists_are_refused():
    from cleaner import _core

    with pytest.raises(ValueError):
        _core.measure(["a"], [], _core.StopList(set()))
    with pytest.raises(ValueError):
        lexicon().core.scan(["a"], [])


# --- word counts and the mojibake hint ---------------------------------------------------

_MOJIBAKE_HINT = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021"
    "\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013"
    "\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]|[\u0080-\u009f\u0370-\u04ff\ufffd]"
)
_LATIN1ISH = st.text(st.characters(max_codepoint=0x2200, exclude_categories=("Cs",)),
                     max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _LATIN1ISH))
def test_mojibake_hint_matches_the_reference(text):
    from cleaner import _core

    assert _core.mojibake_hint(text) == bool(_MOJIBAKE_HINT.search(text))


@pytest.mark.parametrize("text", ["cafÃ©", "itâ€™s", "Ã\u0161", "Привет", "naïve", "Ã x",
                                  "\ufffd", "\x85", ""])
def test_mojibake_hint_examples(text):
    from cleaner import _core

    assert _core.mojibake_hint(text) == bool(_MOJIBAKE_HINT.search(text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _lexicon_like()))
def test_word_count_is_the_token_count(text):
    """`lang.tokens` (the core's) and the word count agree with the reference pattern."""
    from cleaner.lang import word_count

    assert word_count(text) == len(tokens(text)) == len(reference_tokens(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_tokenized_as_the_reference(text):
    """ASCII text takes the core's byte path; its tokens are the reference pattern's."""
    assert tokens(text) == reference_tokens(text)
    assert tokens(text + "é") == reference_tokens(text + "é")  # the same text, the char path
