"""The learned junk vocabulary (`src/vocab.rs`): what a block's words are, the four columns
a table gives it, the counts the training build makes tables from, and the shipped file."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.blockfeatures import (
    FEATURES,
    KNOWN_FLOOR,
    VOCAB_COLUMNS,
    VOCAB_FEATURES,
    below_floor,
    vocabulary,
)
from cleaner.core import evidence
from cleaner.labeller import model, score

from .test_matrix_core import page_evidence

# A token as the core's tokenizer reads one: a Han or kana character alone, else a run of
# letters, marks, digits, joiners and apostrophes (Han and kana included once it started).
_TOKEN = regex.compile(r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]"
                       r"|[\p{L}\p{M}\p{N}\u200c\u200d'’]+")
_CJK = regex.compile(r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]")


def reference_words(text: str) -> list[str]:
    """A block's distinct words, sorted: tokens that are not all numbers, and the character
    pairs of each run of Han or kana characters (a run of one: the character)."""
    folded = text.casefold()
    out: set[str] = set()
    run: list[regex.Match] = []

    def close() -> None:
        if len(run) == 1:
            out.add(run[0].group())
        out.update(a.group() + b.group() for a, b in pairwise(run))
        run.clear()

    for m in _TOKEN.finditer(folded):
        if _CJK.fullmatch(m.group()):
            if run and run[-1].end() != m.start():
                close()
            run.append(m)
            continue
        close()
        if not all(unicodedata.category(c) in ("Nd", "Nl", "No") for c in m.group()):
            out.add(m.group())
    close()
    return sorted(out)


def reference_columns(words: list[str], table: dict[str, float]) -> list[float]:
    known = [table[w] for w in words if w in table]
    if not known:
        return [0.0] * 4
    return [sum(known) / len(known), max(known), min(known), len(known) / len(words)]


@pytest.mark.parametrize("page", range(0, 30, 3))
def test_columns_are_the_reference_on_real_pages(page):
    """On real pages, with a table that knows half of the page's words (random log-odds),
    the core's columns are the reference's to the bit."""
    blocks, _ = page_evidence(page)
    texts = [b.text for b in blocks]
    words = [reference_words(t) for t in texts]
    rng = np.random.default_rng(page)
    vocab = sorted({w for ws in words for w in ws})
    table = {w: float(v) for w, v in zip(vocab, rng.normal(0, 2, len(vocab)), strict=True)
             if rng.random() < 0.5}
    got = _core.Vocabulary.from_pairs(list(table), list(table.values())).columns(texts)
    want = np.array([reference_columns(ws, table) for ws in words]).reshape(-1, 4)
    assert np.array_equal(got, want), np.argwhere(got != want)[:5]


@pytest.mark.parametrize("text, words", [
    ("Share this: share it, 2024!", ["it", "share", "this"]),
    ("新闻网 评论", ["新闻", "评论", "闻网"]),
    ("评 a", ["a", "评"]),
    ("हिन्दी समाचार १२३", ["समाचार", "हिन्दी"]),
    ("", []),
])
def test_words_of_a_block(text, words):
    assert reference_words(text) == words
    known = {w: 1.0 for w in words}
    got = _core.Vocabulary.from_pairs(list(known), list(known.values())).columns([text])
    assert got.tolist() == [[1.0, 1.0, 1.0, 1.0] if words else [0.0] * 4]


def test_the_page_evidence_holds_the_shipped_vocabulary_columns():
    """`classify_page` describes each block with the shipped table, as `Vocabulary.columns`
    does, and the labeller's rows carry them where `FEATURES` says."""
    blocks, found = page_evidence(1)
    texts = [b.text for b in blocks]
    assert np.array_equal(found.vocab, vocabulary().columns(texts))
    assert found.vocab[:, 3].max() > 0.5  # the shipped table knows most words of a seed
    from cleaner.blockfeatures import block_matrix

    x = block_matrix(blocks, found)
    at = FEATURES.index(VOCAB_FEATURES[0])
    assert np.array_equal(x[:, at:at + 4], found.vocab)
    # The training build writes the same window means when it describes its cached rows.
    from training.vocab import AROUND, around

    assert np.array_equal(x[:, AROUND], around(found.vocab))


def test_junk_words_score_above_article_words():
    """The shipped table learned what junk says: a share bar and a cookie notice score
    higher than a news sentence, in English and in German."""
    v = vocabulary()
    junk = v.columns(["Share on Facebook Twitter WhatsApp", "Accept all cookies",
                      "Newsletter abonnieren", "Kommentare"])[:, 0]
    prose = v.columns(["The minister said on Tuesday that the budget would be cut",
                       "Die Regierung hat am Dienstag beschlossen, die Steuern zu senken"])[:, 0]
    assert junk.min() > prose.max()


def test_counts_by_group_label_and_site():
    words, blocks, sites = _core.count_words(
        ["Share it", "share", "The news", "news 2024"], [0, 0, 1, 1], [0, 1, 1, 1],
        [7, 8, 8, 9], 2)
    at = {w: i for i, w in enumerate(words)}
    assert "2024" not in at
    assert blocks[at["share"]].tolist() == [1, 0, 1, 0]  # group 0 junk, group 1 junk
    assert sites[at["share"]].tolist() == [1, 1]
    assert blocks[at["news"]].tolist() == [0, 0, 0, 2]
    assert sites[at["news"]].tolist() == [0, 2]


@pytest.mark.parametrize("bad", ["share 1.5\n", "share\tx\n", "share\tnan\n"])
def test_a_damaged_file_is_refused(bad):
    with pytest.raises(ValueError, match="vocabulary"):
        _core.Vocabulary(bad)


def test_lists_of_other_lengths_are_refused():
    with pytest.raises(ValueError):
        _core.count_words(["a"], [0, 1], [0], [0], 1)
    with pytest.raises(ValueError):
        _core.count_words(["a"], [0], [3], [0], 2)
    with pytest.raises(ValueError):
        _core.Vocabulary.from_pairs(["a"], [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_any_text_gets_ordered_columns_and_counts(texts):
    """On any text (the reference's Unicode tables may differ from the core's on code points
    assigned lately, so the words here are the core's own, from its counts): the columns are
    those of the block's words, min <= mean <= max and a share in [0, 1]."""
    words = [sorted(_core.count_words([t], [0], [0], [0], 1)[0]) for t in texts]
    table = {w: float(len(w) % 7 - 3) for ws in words for w in ws[::2]}
    got = _core.Vocabulary.from_pairs(list(table), list(table.values())).columns(texts)
    assert got.shape == (len(texts), 4)
    for row, ws in zip(got.tolist(), words, strict=True):
        assert row == reference_columns(ws, table)
        mean, hi, lo, share = row
        assert lo <= mean <= hi and 0.0 <= share <= 1.0
    n = len(texts)
    found, blocks, _ = _core.count_words(texts, [0] * n, [0] * n, [0] * n, 1)
    assert sorted(found) == sorted({w for ws in words for w in ws})
    assert blocks.sum() == sum(len(ws) for ws in words)


def test_a_page_the_vocabulary_hardly_knows_is_scored_without_it():
    """A page whose words the shipped table mostly does not know (a language no training
    page is in) is scored with its vocabulary columns 0: its few known words would mislead
    the model. The floor is the page's, not a block's: the same lines beside prose the
    table knows are scored with theirs. The title scorer reads the real columns."""
    made_up = ["Varno kelti mosuva drenak pilto the ostrav",
               "Ostra vemi kalunda prast sorel in travikon",
               "Melkuni drosta valipen okru festan zomerik"]
    known = ["The minister said on Tuesday that the budget would be cut next year.",
             "Share this article on Facebook and Twitter",
             "Read more about the elections and the new government here."] * 3
    class Seen:
        """A forest that records the rows it scores."""

        def __init__(self, forest) -> None:
            self.forest, self.rows = forest, []

        def predict(self, x: np.ndarray) -> np.ndarray:
            self.rows.append(x.copy())
            return self.forest.predict(x)

    for text, floor in (("\n\n".join(made_up), True),
                        ("\n\n".join([*made_up, *known]), False)):
        blocks, found = evidence(text)
        assert found.vocab[:2, 3].min() > 0.0  # "the", "in": known words
        assert below_floor(found.vocab) is floor
        spy = replace(model(), first=Seen(model().first), second=Seen(model().second))
        x = score(blocks, found, spy)
        assert x[:, VOCAB_COLUMNS].any()  # what the title scorer reads
        for forest in (spy.first, spy.second):
            (rows,) = forest.rows
            assert bool(rows[:, VOCAB_COLUMNS].any()) is not floor
            assert np.array_equal(rows[:, :VOCAB_COLUMNS.start], x[:, :VOCAB_COLUMNS.start])


def test_the_manifest_records_the_floor_the_model_was_built_with():
    assert model().manifest["vocabulary"]["known_floor"] == KNOWN_FLOOR
