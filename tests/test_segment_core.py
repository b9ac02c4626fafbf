"""The compiled segmentation and normalisation (`src/segment.rs`) against the Python
definitions they replaced, kept here as the reference: the same blocks, offsets, texts and
blank-line flags on any text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import ftfy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.normalise import normalise
from cleaner.segment import EDGE as _EDGE  # the reference strips what the core must
from cleaner.segment import segment

ROOT = Path(__file__).resolve().parent.parent

_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_BOUNDARY = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e\x00-\x08\x0e-\x1f\x7f-\x9f]")


def reference_normalise(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def reference_segment(text: str, fix: bool = False) -> list[tuple[int, int, str, str, bool]]:
    out: list[tuple[int, int, str, str, bool]] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        line = m.group()
        s = m.start() + len(line) - len(line.lstrip(_EDGE))
        e = m.end() - (len(line) - len(line.rstrip(_EDGE)))
        if e <= s:
            continue
        raw = text[s:e]
        if fix:
            from cleaner.normalise import _FTFY_CONFIG

            raw_fixed = ftfy.fix_text(raw, _FTFY_CONFIG)
        norm = reference_normalise(raw_fixed if fix else raw)
        if not norm:
            continue
        blank = not out or (s - prev_end > 1 and len(_BOUNDARY.findall(text, prev_end, s)) >= 2)
        out.append((s, e, raw, norm, blank))
        prev_end = e
    return out


def _agree(text: str, fix: bool = False) -> None:
    got = [(b.start, b.end, b.raw, b.text, b.blank_before) for b in segment(text, fix)]
    assert got == reference_segment(text, fix)
    assert [b.index for b in segment(text, fix)] == list(range(len(got)))


# Characters Python's own tables know (Unicode 14 in 3.11), as in the other core tests; the
# alphabet below adds every boundary, space and invisible character the code names.
_TRICKY = ("\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029 \t\u00a0\u1680\u2003\u202f\u205f"
           "\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\x00\x07\x7f\x9fae\u0301é한글中")
_TEXT = st.text(st.one_of(st.sampled_from(_TRICKY),
                          st.characters(exclude_categories=("Cs", "Cn"))), max_size=60)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_core_segments_as_the_reference(text):
    _agree(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_core_normalises_as_the_reference(text):
    assert normalise(text) == reference_normalise(text)


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.stem)
def test_core_segments_the_seeds_as_the_reference(path):
    text = path.read_text("utf-8")
    _agree(text)
    _agree(text.replace("\n", "\r\n"))


@pytest.mark.parametrize("text", ["", "\n\n", "a", " a \n\n\n b ", "a\r\n\r\nb", "a\r\rb",
                                  "a\n\u200b\nb", "a\n \t\nb", "a\x1f\nb", "x\u2028\u2029y",
                                  "\ufeffHello", "a  b", "Ａ\u3000Ｂ"])
def test_core_segments_edge_cases_as_the_reference(text):
    _agree(text)


@pytest.mark.parametrize("text", [
    "cafÃ©\n\n\x95\nnext", "itâ€™s here\r\n\x92\r\n\r\nok", "\x93\x94\n\nÃ©tÃ©",
    "plain line\n\u200b\nÃ¼ber",
])
def test_repaired_lines_segment_as_the_reference(text):
    """With `fix_unicode`, ftfy repairs each line first: a line of C1 controls that it turns
    into a bullet or a quote is a block, as before."""
    _agree(text, fix=True)


_MIXED = st.sampled_from([*"ab &;<>#x", "’", "“", "é", "Ã", "©", "â€", "\x92", "\x1b", "\ufeff",
                          "\u200b", "ﬁ", "Ĳ", "e\u0301", "Ð¿", "Â", "\xa0", "Привет", "中",
                          "\ufffc", "\u206a", "\U000e0041", "ǅ"])


@settings(max_examples=800, deadline=None)
@given(st.lists(_MIXED, max_size=12).map("".join))
def test_a_line_ftfy_is_said_to_leave_alone_it_leaves_alone(line):
    """`segment._fixed` skips ftfy on the lines `ftfy_leaves` passes: ftfy must return them
    unchanged."""
    from cleaner.normalise import _FTFY_CONFIG, ftfy_leaves

    if ftfy_leaves(line):
        assert ftfy.fix_text(line, _FTFY_CONFIG) == line


@pytest.mark.parametrize("seed", sorted((Path(__file__).resolve().parent.parent / "seeds")
                                        .glob("*.txt")))
def test_lines_of_the_seeds_said_to_be_left_alone_are(seed):
    from cleaner.normalise import _FTFY_CONFIG, ftfy_leaves

    lines = seed.read_text("utf-8").splitlines()
    left = [ln for ln in lines if ftfy_leaves(ln)]
    assert left  # most lines of real text are
    for line in left:
        assert ftfy.fix_text(line, _FTFY_CONFIG) == line
