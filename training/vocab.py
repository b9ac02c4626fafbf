"""The learned junk vocabulary: each word's naive-Bayes log-odds of standing in junk rather
than article text, counted over the training blocks (`src/vocab.rs` says what a word is).

The build counts every block's words once (`WordCounts`, by corpus, site fold and label) and
makes tables from any set of those groups: each training row's columns come from the table
of the folds that are not its own, so that no row is described by counts of its own label
(as a held-out page is at run time), and the shipped table counts every fold. A word enters
a table when `MIN_BLOCKS` of the counted blocks hold it and `MIN_SITES` sites, so that no
site's own names (a menu's, a newspaper's) are learned.

Measured before it shipped (a study, `training/study_vocab.py` at commit 263b517: nested site
folds, the first pass alone, F1 aeb / daniel-dev / wcxb-dev): 0.897 / 0.863 / 0.803 without,
0.897 / 0.874 / 0.807 with the four columns (words of any site; keeping words of 3+ sites
kept the gain).

A language the table was not counted in (session 26; the first pass alone, one of DAnIEL's
languages left out of the training rows and of the table, F1 on its pages, Greek / Polish /
Russian): trained without the vocabulary 0.893 / 0.841 / 0.722; described by the table of
the other languages, as shipped, 0.908 / 0.853 / 0.669 (Russian's junk lines held Russian
words that aeb's few Russian pages had put in the table as article words: mean log-odds
-0.63 on its junk lines); described by no table, every column 0, 0.898 / 0.863 / 0.802.
Tried and not shipped: no columns for a page identified in a language outside the
corpora's five (el, en, pl, ru, zh), in training as at run time. The rebuild (`--loco`):
site folds, the cleaner's decisions, aeb 0.910 -> 0.903, daniel-dev 0.883 -> 0.885,
wcxb-dev 0.810 -> 0.809; a corpus left out 0.903 / 0.803 / 0.693 -> 0.904 / 0.801 /
0.684. The loss is aeb's 86 renderings in Portuguese, Korean, Italian, Indonesian, German
and Japanese (mean F1 0.714 a page without the columns), whose words the table knew from
aeb's other pages in the same languages: a language a few pages of the same corpus hold
gains from the table, a language known only from another corpus's few pages (Russian
above) loses. Neither do these help the left-out Russian: the damaged copies, or a random
half of the training renderings, described by the table without their own language
(0.663, 0.685), a page-level mean of the known share beside it (0.685), pseudo-counts in
proportion to the prior (0.667; Greek 0.899).

What helps it is a floor on the page's known share, in scoring only (session 40,
`blockfeatures.KNOWN_FLOOR`): a page whose blocks the table knows less than 0.2 of, on
average, is scored with every vocabulary column 0; every model still learns from the real
columns and scores, so the shipped forests did not change. Its experiment (daniel-dev left
out; the cleaner's decisions, F1): 0.8083 without, floor 0.1 0.8117, 0.15 0.8156, 0.2-0.3
0.8195 (Russian 0.631 -> 0.740), 0.5 0.8138. The build: site folds aeb / daniel-dev /
wcxb-dev 0.9164 / 0.8899 / 0.8159 -> 0.9156 / 0.8898 / 0.8159 (0.33% of the renderings
under the floor), a corpus left out 0.9117 / 0.8092 / 0.6887 -> 0.9113 / 0.8202 / 0.6887.
Two ways that did worse: the floor in training too (the training pages under it zeroed:
daniel-dev left out 0.7595, precision 0.63, as the few floored training pages taught what
a page without vocabulary is); the floor where a model scores, the second pass learning
from the floored pages' first-pass scores (left out 0.9107 / 0.8167 / 0.6874; and the
retrained second pass kept an English link menu above a headline again). Under the floor,
daniel-dev left out, that second build: Russian (485 of 639 renderings) 0.598 -> 0.729,
Greek (596 of 695) 0.849 -> 0.834, Polish (462 of 680) 0.872 -> 0.868, Chinese (839 of
990) 0.734 -> 0.732: the table misleads where its words of a language came from a few
pages of another corpus (Russian, from aeb's), and helps a little where they did not.
"""

from __future__ import annotations

import gzip
import hashlib

import numpy as np

from cleaner import _core
from cleaner.blockfeatures import (
    FEATURES,
    VOCAB_COLUMNS,
    VOCAB_FEATURES,
    VOCAB_WINDOWED,
    below_floor,
)

#: A word enters a table when at least this many of the counted blocks hold it ...
MIN_BLOCKS = 5
#: ... and this many sites: words of one or two sites are those sites' names.
MIN_SITES = 3
#: Log-odds are kept to this many decimals (a smaller file; the trees need no more).
DECIMALS = 4
#: Where the vocabulary's columns lie in a first-pass row, and their window means.
FIRST = FEATURES.index(VOCAB_FEATURES[0])
COLUMNS = slice(FIRST, FIRST + len(VOCAB_FEATURES))
AROUND = slice(FEATURES.index(VOCAB_WINDOWED[0]),
               FEATURES.index(VOCAB_WINDOWED[0]) + len(VOCAB_WINDOWED))
#: Both, side by side: every column the vocabulary decides (`blockfeatures.VOCAB_COLUMNS`).
ALL = VOCAB_COLUMNS
assert COLUMNS.stop == AROUND.start and ALL == slice(COLUMNS.start, AROUND.stop)


class WordCounts:
    """How many blocks of each group (corpus and site fold) and label hold each word, and
    how many sites of each group: enough to make the table of any set of groups."""

    def __init__(self, pages: list[dict], groups: np.ndarray, n_groups: int,
                 site_key: list[str]) -> None:
        """`groups`: each page's group; `site_key`: each page's site (corpus and site)."""
        sites: dict[str, int] = {}
        page_site = [sites.setdefault(s, len(sites)) for s in site_key]
        lens = [len(p["texts"]) for p in pages]
        texts = [t for p in pages for t in p["texts"]]
        label = np.concatenate([p["y"] for p in pages]).astype(np.uint8)
        group = np.repeat(groups, lens).astype(np.uint8)
        site = np.repeat(page_site, lens).astype(np.uint32)
        words, blocks, held = _core.count_words(texts, label.tolist(), group.tolist(),
                                                site.tolist(), n_groups)
        del texts
        # A word fewer than MIN_BLOCKS blocks hold can enter no table.
        blocks = blocks.reshape(len(words), n_groups, 2)
        keep = blocks.sum(axis=(1, 2)) >= MIN_BLOCKS
        self.words = [w for w, k in zip(words, keep.tolist(), strict=True) if k]
        self.blocks = blocks[keep].astype(np.float64)
        self.sites = held[keep].astype(np.float64)
        # Blocks of each group by label: the prior the log-odds are measured against.
        self.totals = np.zeros((n_groups, 2))
        np.add.at(self.totals, (group, label.astype(np.intp)), 1.0)

    def table(self, groups: list[int]) -> tuple[list[str], np.ndarray]:
        """The words the `groups` know well enough, with their log-odds of junk there."""
        junk = self.blocks[:, groups, 0].sum(axis=1)
        good = self.blocks[:, groups, 1].sum(axis=1)
        nj, ng = self.totals[groups, 0].sum(), self.totals[groups, 1].sum()
        odds = np.round(np.log((junk + 1.0) / (good + 1.0)) - np.log(nj / ng), DECIMALS)
        keep = (junk + good >= MIN_BLOCKS) & (self.sites[:, groups].sum(axis=1) >= MIN_SITES)
        return [w for w, k in zip(self.words, keep.tolist(), strict=True) if k], odds[keep]

    def vocabulary(self, groups: list[int]) -> _core.Vocabulary:
        """The table of `groups`, ready to describe blocks."""
        words, odds = self.table(groups)
        return _core.Vocabulary.from_pairs(words, odds.tolist())


def window_mean(values: np.ndarray, k: int) -> np.ndarray:
    """The mean over +-`k` positions (fewer at the edges), summed as the core sums it."""
    n = len(values)
    cs = np.concatenate(([0.0], np.cumsum(values)))
    at = np.arange(n)
    lo, hi = np.maximum(at - k, 0), np.minimum(at + k + 1, n)
    return (cs[hi] - cs[lo]) / (hi - lo)


def around(v: np.ndarray) -> np.ndarray:
    """The `VOCAB_WINDOWED` columns of a page from its `VOCAB_FEATURES` rows `v`, as
    `src/matrix.rs` computes them."""
    return np.column_stack([window_mean(v[:, 0], 1), window_mean(v[:, 0], 3),
                            window_mean(v[:, 3], 3), window_mean(v[:, 1], 3)])


def describe(pages: list[dict], which: list[int], vocab: _core.Vocabulary) -> None:
    """Write the vocabulary columns of the pages `which` (their rows `x`) from `vocab`,
    and their window means; and whether the cleaner scores the page without them
    (`floored`, `blockfeatures.KNOWN_FLOOR`)."""
    for i in which:
        v = vocab.columns(pages[i]["texts"])
        pages[i]["x"][:, COLUMNS] = v
        pages[i]["x"][:, AROUND] = around(v)
        pages[i]["floored"] = below_floor(v)


def file_text(words: list[str], odds: np.ndarray) -> str:
    """The shipped file: one "word<TAB>log-odds" a line, sorted by word (floats written so
    that they read back to the same number)."""
    return "".join(f"{w}\t{v!r}\n" for w, v in sorted(zip(words, odds.tolist(), strict=True)))


def file_bytes(text: str) -> bytes:
    """The file's text compressed, the same bytes every build (no time stamp)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def text_hash(text: str) -> str:
    """The hash of the vocabulary's text the manifest records."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
