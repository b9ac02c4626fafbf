"""Step 6: the learned labeller decides which blocks are the article, and says why the rest went.

Two passes of gradient-boosted trees (trained by `python -m training.build` on the dev
corpora, shipped as arrays in `data/model/`): the first scores every block from its own
evidence and its neighbours' (`blockfeatures.block_matrix`); the second sees the first
pass's scores around each block (`blockfeatures.context_columns`) and settles short lines
inside an article, islands of text and trailing lists. A block is kept when its
second-pass probability reaches the cut-off (`Options.favor_precision` and
`Options.favor_recall` move it). Each removed block gets a kind from the rule that fired
on it or from where it stands (before the article: navigation; under a comments label:
comments; under a widget label: a related list), and a reason from its strongest evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from . import _core
from .blockfeatures import (
    CONTEXT_FEATURES,
    FEATURES,
    SHORT_CHARS,
    VOCAB_COLUMNS,
    Evidence,
    below_floor,
    block_matrix,
    context_columns,
    floored,
    vocabulary,
)
from .extractor import EXTRACTOR_DOUBT, EXTRACTOR_FEATURES, PageMarkup, combine, votes
from .options import Options
from .rules import caption_like
from .segment import Block
from .title import SCORER_FEATURES, choose_title
from .trees import Forest

GOOD, BAD = "good", "bad"
#: The cut-off on the second pass's probability: the default, and where `favor_precision`
#: and `favor_recall` move it (keep less, keep more). The manifest records the figures
#: each gives in cross-validation.
CUTOFF = 0.5
PRECISION_CUTOFF = 0.65
RECALL_CUTOFF = 0.35
#: On the HTML path the extractor's blocks are nearly all article, and a rule's verdict was
#: the whole post-clean before the labeller: the labeller overrules a rule there only when
#: it is this sure (a recipe sentence that mentions cookies), so HTML recall is not bought
#: with junk the rules used to catch. Measured on the HTML benchmark (F1 aeb / wcxb-dev /
#: daniel-dev, 2026-12-02 model): 0.8: 0.962 / 0.813 / 0.854; 0.95: 0.962 / 0.812 / 0.854.
#: The model trained on fragment labels scores a "See also:" line inside a short article
#: 0.92, so the bar is the higher one.
EXTRACTED_OVERRULE = 0.95
#: The sequence pass (`smooth`): how likely a block is to be kept or removed as its
#: neighbour was. Measured on the site folds (mean F1 of aeb / daniel-dev / wcxb-dev):
#: no smoothing 0.8911 / 0.8641 / 0.7917; 0.6: 0.8922 / 0.8668 / 0.7923; 0.75: 0.8822 /
#: 0.8650 / 0.7815; 0.9: 0.8665 / 0.8522 / 0.7710. Since 2026-12-05 each block's score
#: counts by its length (the core's `sequence::weight`: a long paragraph the labeller leans
#: to keep is not dropped for its short neighbours), and with that weighting 0.7 measured
#: best: 0.9183 / 0.8872 / 0.8134 against 0.9181 / 0.8849 / 0.8132 at 0.6 and 0.9170 /
#: 0.8846 / 0.8117 unweighted at 0.6 (the shipped model's out-of-fold scores).
SEQUENCE_STAY = 0.7
#: Tried on 2026-12-03 and not shipped: a third pass of trees over each block's second-pass
#: score seen against its page (the page's best and mean score, the block's rank, the runs
#: the decisions make and the share of the kept text each holds, distances to the largest,
#: windows of scores, the rules' flags). Site folds, the cleaner's decisions: aeb 0.9025 ->
#: 0.9083, daniel-dev 0.8812 -> 0.8826, wcxb-dev 0.8017 -> 0.8036; but with a corpus left
#: out aeb 0.8989 -> 0.9039, daniel-dev 0.7808 -> 0.7585, wcxb-dev 0.6558 -> 0.6085: it
#: learns each corpus's idea of how much of a page is the article.
#: Tried on 2026-12-05 and not shipped (site folds, the cleaner's decisions): the same idea
#: as second-pass columns (each block's run of smoothed first-pass scores, its share of the
#: kept mass, the distance to the heaviest run and the junk between): 0.9170 / 0.8846 /
#: 0.8117 -> 0.9148 / 0.8890 / 0.8100; and after the sequence pass, dropping kept runs of
#: under 5% or 15% of the heaviest one's characters: within 0.001 on aeb and daniel-dev,
#: -0.000 to -0.004 on wcxb-dev. First-pass columns for comment threads and teaser lists
#: (window means of the repeats and bullet columns, runs of bullets and of long lines
#: without a sentence end) moved the first pass by -0.002 to +0.004. Lifting a certain
#: rule's veto (its blocks judged as other junk-rule hits): within 0.0001 for no-letters,
#: pagination, bare URLs and teasers; for exact repeats 0.9185 / 0.8872 / 0.8127 (as plain
#: blocks 0.9180 / 0.8873 / 0.8125) against 0.9183 / 0.8872 / 0.8134 with the veto.
#: On raw text a block a junk rule fired on ("See also ...", a cookie notice) is kept only
#: when its probability clears the cut-off by this much: the rule is evidence the trees
#: weigh, but a line they hesitate on should not be lifted over it. Measured on the site
#: folds (the cleaner's decisions, F1 aeb / daniel-dev / wcxb-dev, 2026-12-02): margin 0
#: 0.9013 / 0.8784 / 0.7989; 0.05: 0.9017 / 0.8784 / 0.7989; 0.1: 0.9019 / 0.8785 / 0.7990;
#: 0.2: 0.9020 / 0.8786 / 0.7989. With the 2026-12-03 model: 0.2: 0.9025 / 0.8812 /
#: 0.8017; 0.3 and 0.4: 0.9025 / 0.8812 / 0.8016. The wider margin costs nothing there and
#: keeps a retrain's small moves off the bar: a retrain on slightly changed data scored a
#: "See also ..." line inside seed 003's article 0.724, kept under a margin of 0.2.
RULE_MARGIN = 0.3
#: A page that would keep nothing (4% of the undamaged dev renderings, mostly wcxb-dev's
#: listing and product pages) keeps instead the blocks scored at least `RESCUE_SHARE` of its
#: best block, when that best reaches `RESCUE_FLOOR`; nothing a rule fired on. Something
#: is what a pipeline asked for, and `metadata.confidence` stays low on such a page.
#: Measured on the site folds with the 2026-12-02 model (the cleaner's decisions, F1 aeb /
#: daniel-dev / wcxb-dev): no rescue 0.8991 / 0.8801 / 0.7987, renderings keeping nothing
#: 484; share 0.2: 0.9025 / 0.8812 / 0.8017, 33 keep nothing; share 0.1: 0.9020 / 0.8807 /
#: 0.8017. Left-one-corpus-out: 0.8952 / 0.7801 / 0.6435 without, 0.8989 / 0.7808 / 0.6558
#: with share 0.2 (0.6628 on wcxb-dev with 0.1). Shares of 0.5-0.9 lost F1 on wcxb-dev.
RESCUE_SHARE = 0.2
RESCUE_FLOOR = 0.2


@dataclass(frozen=True)
class Model:
    """The shipped forests (two passes, the title scorer, the page confidence, the HTML pass)
    and the manifest that describes them."""

    first: Forest
    second: Forest
    title: Forest
    confidence: Forest
    html: Forest
    manifest: dict[str, Any]


@lru_cache(maxsize=1)
def model() -> Model:
    """The package's labeller model, loaded on first use."""
    root = resources.files("cleaner") / "data" / "model"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    with resources.as_file(root / "labeller.npz") as path, np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    return Model(**{name: Forest.from_arrays(arrays, f"{name}.")
                    for name in ("first", "second", "title", "confidence", "html")},
                 manifest=manifest)


def decision_constants() -> dict[str, float]:
    """The thresholds the decisions are made at, and the doubt of an extractor's omissions
    (`extractor.EXTRACTOR_DOUBT`): the build records them in the manifest beside the scores
    measured with them."""
    return {"default": CUTOFF, "favor_precision": PRECISION_CUTOFF,
            "favor_recall": RECALL_CUTOFF, "extractor_doubt": EXTRACTOR_DOUBT}


def cutoff(options: Options) -> float:
    """The decision threshold the options ask for."""
    if options.favor_precision:
        return PRECISION_CUTOFF
    if options.favor_recall:
        return RECALL_CUTOFF
    return CUTOFF


def score(blocks: list[Block], evidence: Evidence, labeller: Model | None = None,
          page: PageMarkup | None = None) -> np.ndarray:
    """Set each block's first- and second-pass probabilities that it is article text (on an
    HTML page's visible text, `page`, the second is the HTML pass's, which weighs the
    extractor's vote and the markup too); return the first pass's feature matrix (the title
    scorer reads it too)."""
    m = labeller or model()
    # One matrix for both passes: the first reads its `FEATURES` columns, the second those
    # and the context columns written after them from the first pass's scores (a page's
    # matrix is not copied: a few kilobytes a block on a document of many lines).
    width = len(FEATURES)
    x = block_matrix(blocks, evidence, spare=len(CONTEXT_FEATURES))
    # A page the vocabulary hardly knows is read without it (`KNOWN_FLOOR`); the title
    # scorer reads the real columns, as it was trained: they are put back after scoring.
    known = x[:, VOCAB_COLUMNS].copy() if below_floor(evidence.vocab) else None
    if known is not None:
        floored(x)
    p1 = m.first.predict(x)
    x[:, width:] = context_columns(p1, evidence.column("length"))
    p2 = m.second.predict(x)
    if known is not None:
        x[:, VOCAB_COLUMNS] = known
    x = x[:, :width]
    if page is not None:
        texts = [b.text for b in blocks]
        vote = votes(texts, page.extracted)
        for b, v in zip(blocks, vote.tolist(), strict=True):
            b.vote = v
        junk = [bool(b.junk_rule) for b in blocks]
        html = m.html.predict(page.columns(p1, p2, vote, texts, [b.start for b in blocks],
                                           junk, [b.final for b in blocks]))
        p2 = combine(html, p2, junk, vote)
    for b, a, c in zip(blocks, p1.tolist(), p2.tolist(), strict=True):
        b.p1, b.p2 = a, c
    return x


def decide(blocks: list[Block], evidence: Evidence, options: Options, extracted: bool,
           page: PageMarkup | None = None) -> np.ndarray:
    """Set every block's decision (`cls`) and, for the removed, kind, reason and rule id.

    `page`: the blocks are an HTML page's visible text, scored with its extractor's vote and
    markup (`score`). `extracted` says an extractor already chose the blocks: then a rule's
    verdict removes a block only when the labeller agrees it is not article text, and
    nothing else goes. Returns the first pass's feature matrix.
    """
    x = score(blocks, evidence, page=page)
    if extracted:
        for b in blocks:
            keep = not b.final and not (b.junk_rule and b.p2 < EXTRACTED_OVERRULE)
            b.cls = GOOD if keep else BAD
    else:
        kept = block_decisions(blocks, cutoff(options), rescue=not options.favor_precision)
        for b, k in zip(blocks, kept, strict=True):
            b.cls = GOOD if k else BAD
    if not extracted:
        name_removed(blocks, evidence)
        _name_kept_copies(blocks)
    if page is not None:
        for b in blocks:
            if b.cls != GOOD and b.vote is not None and b.vote < 0.5:
                b.reason = f"left out by the HTML extractor; {b.reason}"
    if options.keep_captions:
        _keep_captions(blocks)
    return x


def _name_kept_copies(blocks: list[Block]) -> None:
    """A removed copy of a block names the copy that was kept, when it was not the first."""
    kept: dict[int, int] = {}
    for b in blocks:
        if b.copy_of >= 0 and b.cls == GOOD:
            kept[b.copy_of] = b.index
    for b in blocks:
        if b.copy_of in kept and b.cls != GOOD and blocks[b.copy_of].cls != GOOD:
            b.reason = f"repeats block {kept[b.copy_of] + 1}"


def _keep_captions(blocks: list[Block]) -> None:
    """Put captions and photo credits inside the article back into it."""
    kept = [b.index for b in blocks if b.cls == GOOD]
    if not kept:
        return
    for b in blocks[kept[0]:kept[-1] + 1]:
        if b.cls != GOOD and b.kind in ("caption", "credit") and not b.final:
            b.cls = GOOD


def find_title(blocks: list[Block], x: np.ndarray) -> tuple[Block, str] | None:
    """The block that holds the headline among the lines around the article's start, and
    the headline (`title.choose_title`)."""
    first = next((b.index for b in blocks if b.cls == GOOD), None)
    if first is None:
        return None
    return choose_title(blocks, x, first, model().title)


def block_decisions(blocks: list[Block], cut: float, rescue: bool = True) -> list[bool]:
    """`raw_decisions` of raw-text blocks from their own scores, lengths and rule flags."""
    return raw_decisions([b.p2 for b in blocks], [len(b.text) for b in blocks],
                         [b.junk_rule for b in blocks], [b.final for b in blocks], cut,
                         rescue=rescue, hinted=[bool(b.rule) for b in blocks],
                         copy_of=[b.copy_of for b in blocks],
                         figures=figure_lines((b.text for b in blocks), (b.rule for b in blocks)))


def figure_lines(texts: Iterable[str], rules: Iterable[str]) -> list[bool]:
    """Which blocks are figures without letters ("$29.95", "4.9", "(1989)."): the no-letters
    rule's lines that hold a digit (`raw_decisions`' `figures`). Its lines of punctuation
    alone ("* * *", "|", "___") are not."""
    return [r == "shape.no-letters" and _DIGIT.search(t) is not None
            for t, r in zip(texts, rules, strict=True)]


_DIGIT = re.compile(r"\d")


def raw_decisions(p: list[float], chars: list[int], junk: list[bool], final: list[bool],
                  cut: float, rescue: bool = True,
                  hinted: list[bool] | None = None,
                  copy_of: list[int] | None = None,
                  figures: list[bool] | None = None) -> list[bool]:
    """Which blocks of raw text are kept, given their second-pass probabilities `p` and
    lengths `chars`: the sequence pass (`smooth`) settles the blocks the labeller hesitates
    on, but a block a junk
    rule fired on (`junk`) stays only when the labeller is sure of it (`RULE_MARGIN` over
    the cut-off), a block a rule is certain of (`final`) goes (but for the copies and
    figures below), and a block a rule
    only hinted at (`hinted`: a menu item's words, a phrase hint) stays only on its own
    score, never lifted by its kept neighbours. (The training build scores with this too.)

    Why the hint: a short "Read more", "Video" or "Close" between two paragraphs, scored
    0.1-0.3, was kept by the sequence pass on 236 of the dev renderings (site folds); held
    to its own score, on 4. The rebuild (2026-12-06): F1 0.9154 / 0.8897 / 0.8120 ->
    0.9156 / 0.8899 / 0.8121 (aeb / daniel-dev / wcxb-dev), article lines kept 0.7661 /
    0.7687 / 0.6967 -> 0.7660 / 0.7683 / 0.6963, junk lines removed 0.9788 / 0.9831 /
    0.8929 -> 0.9793 / 0.9831 / 0.8936. A bar of 0.3 instead of the cut-off left 34.

    A block that repeats an earlier one word for word (`copy_of`: the index of the first, or
    -1) is certain only in that a page needs it once: of its copies the sequence pass keeps
    (a copy is no rule's hint), only the first stays. Why: an article's heading or sentence
    that a table of contents, a teaser or a caption above it repeats was removed as the later
    copy even at 0.9, while the earlier copy went as the junk it stood in. Site folds (the
    shipped second-pass scores, 2026-12-06): F1 0.9156 / 0.8899 / 0.8121 -> 0.9154 / 0.8904
    / 0.8128 (aeb / daniel-dev / wcxb-dev), article lines kept 0.7660 / 0.7683 / 0.6963 ->
    0.7676 / 0.7700 / 0.6995, junk lines removed 0.9793 / 0.9831 / 0.8936 -> 0.9789 /
    0.9830 / 0.8931; 1,407 of the 12,569 renderings change. Keeping the copy scored highest
    instead scores the same and changes 2,650 (it swaps copies both kept).

    A short block (under `SHORT_CHARS`) that stands between two kept blocks stays where it
    stands when it is a later copy or one of `figures` (a price, a score, a table's cell:
    `figure_lines`), though a copy goes elsewhere and a line without letters is certain junk
    alone: inside the article it is the article's (a code line or a list item it repeats, a
    product's price between its description's lines). The rebuild (2026-12-06, site folds,
    the cleaner's decisions): F1 0.9154 / 0.8904 / 0.8128 -> 0.9155 / 0.8904 / 0.8151 (aeb
    / daniel-dev / wcxb-dev), article lines kept 0.768 / 0.770 / 0.700 -> 0.772 / 0.771 /
    0.714 (short ones 0.535 / 0.439 / 0.597 -> 0.548 / 0.441 / 0.620), junk lines removed
    0.979 / 0.983 / 0.893 -> 0.977 / 0.983 / 0.890; the HTML pass on wcxb-dev 0.8262 ->
    0.8285. Every line of the no-letters rule instead of its figures scored about the same
    F1 and kept lines of punctuation alone between kept blocks: on wcxb-dev 4,837 of which
    14 are article ("=", "* * *", "|", "{"), on daniel-dev 397 of which none.

    A page that would keep nothing is rescued (`rescue`, unless precision is favoured): it
    keeps the blocks no rule fired on whose probability is at least `RESCUE_SHARE` times the
    page's best, when that best reaches `RESCUE_FLOOR` (see there).

    Decided by the compiled core in one call (`src/sequence.rs`: `decisions`, with the
    sequence pass `smooth`)."""
    n = len(p)
    none = [False] * n
    return _core.decisions(p, chars, junk, final, none if hinted is None else hinted,
                           [-1] * n if copy_of is None else copy_of,
                           none if figures is None else figures,
                           (cut, SEQUENCE_STAY, RULE_MARGIN, RESCUE_FLOOR, RESCUE_SHARE),
                           rescue, SHORT_CHARS)


def smooth(p: list[float], chars: list[int], cut: float,
           stay: float = SEQUENCE_STAY) -> list[bool]:
    """The likeliest keep / remove sequence (Viterbi) given each block's probability `p`,
    where a block's state stays its neighbour's with probability `stay` and a block's
    evidence counts by its length `chars` (longer counts more): a lone short line the
    labeller hesitates on between kept lines is kept, and one between removed lines goes.
    `cut` is the probability that counts as even (the favor_* options move it)."""
    return _core.smooth(list(p), list(chars), cut, stay)


def confidence(blocks: list[Block], labeller: Model | None = None) -> float:
    """How good the cleaning of this page probably is, in [0, 1] (`page_confidence`)."""
    return page_confidence([b.p2 for b in blocks], [len(b.text) for b in blocks],
                           [b.cls == GOOD for b in blocks], (labeller or model()).confidence,
                           [b.p1 for b in blocks])


#: What the confidence model reads of a page: how sure the labeller was (the length-weighted
#: distance of its probabilities from 0.5, the share of text it hesitated on), how much it
#: kept and how (characters, blocks, runs, where the first kept block stands, the kept
#: blocks' probabilities), the page's size; and what it removed that may have been the
#: article (long prose removed, against what was kept; the best score of a long block
#: removed), how much of the kept text is one stretch, and how far the two passes
#: disagreed on the kept blocks. The last six (session 47's rebuild, the labeller's forests
#: unchanged): Spearman with the page's F1, aeb / wcxb-dev / daniel-dev, site folds 0.524 /
#: 0.780 / 0.547 -> 0.531 / 0.785 / 0.578, each corpus left out 0.493 / 0.558 / 0.591 ->
#: 0.497 / 0.570 / 0.610.
CONFIDENCE_FEATURES = ("sure", "hesitant_share", "mean_p", "max_p", "log_chars", "log_blocks",
                       "log_kept_chars", "kept_char_share", "kept_block_share", "kept_runs",
                       "first_kept_position", "kept_mean_p", "kept_min_p", "kept_weighted_p",
                       "removed_long_share", "removed_long_vs_kept", "kept_long_share",
                       "largest_run_share", "removed_max_p", "kept_pass_gap")
#: A block of this many characters is long prose (`removed_long_share`, `kept_long_share`;
#: the core's `confidence::LONG_CHARS`).
LONG_CHARS = 150


def confidence_features(p: Sequence[float], chars: Sequence[float], kept: Sequence[bool],
                        p1: Sequence[float]) -> np.ndarray:
    """One row of `CONFIDENCE_FEATURES` for a page of at least one block: its blocks'
    second-pass probabilities `p`, lengths `chars`, decisions `kept` and first-pass
    probabilities `p1`, computed by the compiled core (`src/confidence.rs`) with numpy's
    sums; the four logarithms are numpy's, as the trees were trained on them."""
    p, p1 = list(map(float, p)), list(map(float, p1))
    chars, kept = list(map(float, chars)), list(map(bool, kept))
    total = sum(chars)  # whole numbers: exact in any order
    kept_chars = sum(c for c, k in zip(chars, kept, strict=True) if k)
    removed_long = sum(c for c, k in zip(chars, kept, strict=True)
                       if not k and c >= LONG_CHARS)
    logs = np.log1p(np.array([total, len(p), kept_chars, removed_long],
                             dtype=np.float64)).tolist()
    return np.array(_core.confidence_row(p, p1, chars, kept, logs))


def page_confidence(p: Sequence[float], chars: Sequence[float], kept: Sequence[bool],
                    forest: Forest, p1: Sequence[float]) -> float:
    """The confidence model's estimate of the page's F1 (`forest`, trained by
    `training.build` on the dev pages' out-of-fold decisions and their real F1) from
    `confidence_features`: a page the labeller hesitated on, or one it found little
    article in, is the one to send to a fallback. A page with no blocks is 1.0."""
    if len(p) == 0:
        return 1.0
    return round(float(forest.predict(confidence_features(p, chars, kept, p1)[None, :])[0]),
                 3)


def name_removed(blocks: list[Block], evidence: Evidence) -> None:
    """Give every removed block a kind, a rule id and a reason: the rule's own when one fired
    on it, else from where it stands (under a comments label a comment, under another widget
    label a listed headline, above the article navigation, elsewhere boilerplate), each with
    its strongest evidence in words ("few stop words: 0.05 against 0.38 in this page's
    prose", "short line", the article score); named by the compiled core
    (`src/removals.rs`)."""
    kept = [b.index for b in blocks if b.cls == GOOD]
    first, last = (kept[0], kept[-1]) if kept else (len(blocks), -1)
    caption = [False] * len(blocks)
    for b in blocks[first + 1:last]:
        if b.cls != GOOD and not b.final and not b.junk_rule:
            after = blocks[b.index + 1]
            caption[b.index] = caption_like(b.text, after.kind == "credit" and after.cls != GOOD)
    m = evidence.measured
    counts = m[:, [0, 1, 5]].astype(np.intp)
    named = _core.name_removed(
        [b.cls == GOOD for b in blocks], [b.final for b in blocks],
        [b.junk_rule for b in blocks], [b.rule for b in blocks],
        [b.kind or "" for b in blocks], [b.reason for b in blocks],
        (counts[:, 0].tolist(), counts[:, 1].tolist(), (m[:, 4] > 0).tolist(),
         counts[:, 2].tolist(), m[:, 3].tolist()),
        [b.p1 for b in blocks], [b.p2 for b in blocks], caption, CUTOFF, SHORT_CHARS,
        evidence.threshold)
    for b, n in zip(blocks, named, strict=True):
        if n is not None:
            kind, b.rule, b.reason = n
            b.kind = kind or b.kind  # the core spells "no kind" as ""


def check_manifest(labeller: Model | None = None) -> None:
    """Raise `ValueError` when the shipped model was built for other features than the code's."""
    m = labeller or model()
    if list(m.manifest["features"]["first"]) != list(FEATURES):
        raise ValueError("the model's first-pass features differ from blockfeatures.FEATURES")
    if list(m.manifest["features"]["second"]) != [*FEATURES, *CONTEXT_FEATURES]:
        raise ValueError("the model's second-pass features differ from the code's")
    if list(m.manifest["features"]["title"]) != [*FEATURES, *SCORER_FEATURES]:
        raise ValueError("the model's title features differ from the code's")
    if list(m.manifest["features"].get("confidence", ())) != list(CONFIDENCE_FEATURES):
        raise ValueError("the model's confidence features differ from the code's")
    if list(m.manifest["features"].get("html", ())) != list(EXTRACTOR_FEATURES):
        raise ValueError("the model's HTML-pass features differ from extractor.EXTRACTOR_FEATURES")
    if len(vocabulary()) != m.manifest.get("vocabulary", {}).get("words"):
        raise ValueError("the vocabulary file is not the one the model was trained with")
