"""The title: a learned scorer picks the headline among the lines around the article's start.

Candidates are the blocks from `TITLE_BEFORE` above the first kept block to `TITLE_AFTER`
into the article, and the page's first block (where a scraper or a renderer puts the
document's `<title>`). Each is described by its first-pass row (`blockfeatures.FEATURES`),
the labeller's scores, where it stands relative to the article and in the page, whether it
is shaped like a headline, how many headline-shaped lines stand between it and the article,
how much of its wording the page's first block shares (a `<title>` usually repeats the
headline, with the site's name) and how much the article's opening shares (`BODY_CHARS`). When
the page's first block was removed (the document's `<title>`, say), its pieces between
separators ("Headline | Site") are candidates too, so that the title can be the headline
without the site's name. Trained on
the dev pages (`training.build`: wcxb-dev's gold titles, and the headlines aeb's and
daniel-dev's news pages name in their markup), it learns that a breadcrumb trail, a byline,
a share label or a caption is seldom the headline (a line of skip links still is, on some
pages); a line a rule of `NEVER_TITLE_RULES` fired on (a reading time, a share label, a
byline, a date line) is never named, whatever it scores.
"""

from __future__ import annotations

import re

import numpy as np

from . import _core
from .features import sentence_ends
from .segment import Block
from .trees import Forest

#: How many blocks above the article's first kept block, and into it, may hold the title.
#: Measured on the site folds (share of pages with a gold title whose title is right):
#: 12 above without the first block 0.418, with it 0.493; 25 above 0.509; 40 above 0.506;
#: 25 above with the first-block overlap columns 0.541; 30 above and 3 into it 0.548.
#: Into the article, since 2026-12-06: on 16% of the renderings with a title the title was
#: no candidate, and on a third of those (wcxb-dev 433 of 1,312, daniel-dev 123 of 513) it
#: stood more than 3 blocks below the first kept one (a product's name under kept lines of
#: its page, a headline under a kept teaser). The scorer retrained for each window (site
#: folds, all three corpora; renderings right / wrong, clean text with its headline on top
#: right, without it a title named): 3 into it 0.709 / 0.222, 0.951, 0.273; 5: 0.714 /
#: 0.218; 8: 0.715 / 0.219; 10: 0.715 / 0.218; 12: 0.719 / 0.218, 0.950, 0.269; 15: 0.715
#: / 0.223. At 12, 33 of the 7,303 wcxb-dev renderings (and 6 of aeb's and daniel-dev's
#: 5,121) name a wrong title from under the old window, 25 of them a line of the article
#: (1,353 characters in all), against 128 titles right from there. The build with it:
#: 0.708 / 0.2225 -> 0.716 / 0.2199 (out of fold, as shipped; BENCHMARKS.md, session 38).
TITLE_BEFORE = 30
TITLE_AFTER = 12
#: A page may have no title among its candidates: the text a scraper kept, or a second
#: cleaning of clean text, often starts with the article's first paragraph. So every page's
#: candidates are scored beside one more row, "no title" (`with_no_title`): the candidates'
#: mean columns with the `NO_TITLE` flag set. The scorer ranks it with the candidates
#: (`training.build.title_rows`: it is the right row where no candidate is the title, as on
#: the clean text of the dev corpora's gold without its headline), and the best candidate is
#: named unless it scores more than `TITLE_MARGIN` under the "no title" row (scores are rank
#: scores squashed into (0, 1) by the logistic function, higher for the likelier row, not
#: probabilities). Measured on the site folds with a study (2026-12-04, all three corpora;
#: renderings right / wrong, clean text with its headline on top right / wrong, without it
#: a title named): the scorer without the row, cut-off 0.2, 0.701 / 0.274, 0.893 / 0.098,
#: 0.545; with the row, margin 0.2 0.692 / 0.232, 0.956 / 0.020, 0.292 (margin 0.15: 0.688
#: / 0.218, 0.951 right, 0.263). The build with the row (out of fold, as shipped): 0.692 /
#: 0.233, 0.939 / 0.037, 0.294; its curve over the margin is in the manifest
#: (`title_margin_curve`).
TITLE_MARGIN = 0.2
#: The flag column of the "no title" row, after `TITLE_FEATURES`.
NO_TITLE = "no_title"
#: A headline is one line of at most a couple of sentences: of the dev corpora's 1,497 gold
#: titles, one has three sentence ends and none is over 257 characters. A longer candidate
#: is never chosen, whatever it scores (on word soup the scorer can like a paragraph).
MAX_TITLE_SENTENCES = 2
MAX_TITLE_CHARS = 300
#: How much of the article's opening (its kept blocks) the `body_share` column compares a
#: candidate's words with (a candidate inside it, with the other blocks): the first blocks
#: until they pass this many characters. Measured on the site folds (2026-12-03, renderings
#: whose title is right, aeb / wcxb-dev / daniel-dev): without the column 0.770 / 0.568 /
#: 0.701; with it (a study in Python) 0.782 / 0.607 / 0.733; with the pieces of a removed
#: top line as candidates too, the build 0.789 / 0.633 / 0.742 (a corpus left out 0.786 /
#: 0.555 / 0.659 against 0.760 / 0.483 / 0.627). Pieces of a kept top line (a lede's
#: dateline, "Washington, June 19 : ...") made a second cleaning of two seeds take a piece
#: for the title.
BODY_CHARS = 3000
TITLE_FEATURES = ("offset", "heading_like", "p1", "p2", "headings_between", "kept",
                  "is_first_kept", "rule_any_here", "title_case", "is_first_block",
                  "log_index", "share_in_first", "first_covered", "is_piece", "piece_index",
                  "pieces", "body_share", "piece_in_candidates")
#: The scorer's columns: `title_matrix`'s, then the flag of the "no title" row.
SCORER_FEATURES = (*TITLE_FEATURES, NO_TITLE)

def _eligible(block: Block) -> bool:
    """Whether a block may hold the title: not moved to metadata, not certain junk, and
    no Markdown image's line (its text is a caption glued to the image,
    "![...](photo.jpg)The mayor at the depot", or a linked logo's name)."""
    return not block.meta and not block.final and block.images is None


def candidates(blocks: list[Block], first_kept: int) -> list[int]:
    """Indices of the blocks that may hold the title, in page order: the page's first
    block, then those from `TITLE_BEFORE` above the article's first kept block to
    `TITLE_AFTER` into it."""
    lo = max(0, first_kept - TITLE_BEFORE)
    hi = min(len(blocks), first_kept + TITLE_AFTER + 1)
    out = [i for i in range(lo, hi) if _eligible(blocks[i])]
    top = next((b.index for b in blocks[:lo] if _eligible(b)), None)
    return out if top is None else [top, *out]


def headline_shaped(text: str) -> bool:
    """Whether `text` is short enough to be a headline (`MAX_TITLE_SENTENCES`,
    `MAX_TITLE_CHARS`)."""
    return (len(text) <= MAX_TITLE_CHARS
            and sentence_ends(text) <= MAX_TITLE_SENTENCES)


def opening(blocks: list[Block], first_kept: int) -> list[Block]:
    """The article's opening: its kept blocks from `first_kept` until they pass
    `BODY_CHARS` characters (the block that passes it included)."""
    out: list[Block] = []
    total = 0
    for b in blocks[first_kept:]:
        if b.cls != "good":
            continue
        out.append(b)
        total += len(b.text)
        if total > BODY_CHARS:
            break
    return out


#: What separates the steps of a breadcrumb trail ("Home » Furniture » Headline", "Car Talk
#: / Car Reviews / Best EVs of 2026", "健康網 〉火線新聞 〉Headline"): a slash, an angle
#: bracket, a guillemet or an arrow between spaces (a guillemet without them quotes, as
#: «this»), or a CJK angle bracket.
_TRAIL = re.compile(r"\s+[>/»›→](?:\s+|$)|\s*〉\s*")
#: The characters `_TRAIL` needs: a line without any is no trail (most lines; no search).
_TRAIL_MARKS = "/>»›→〉"


def trail_end(text: str) -> str:
    """The title a candidate line offers: its text, or, where it is a breadcrumb trail (two
    separators or more, `_TRAIL`), its last step when that reads like a headline
    (`_headline_step`), which on many pages it is; else "" ("Home » Sport » Football"
    names a section, not the article). A trail is never the title. In sampled dev
    renderings (resiliparse and inscriptis, the shipped model's picks), 16 of 5,046 picked
    titles were trails: their last step was the title on 9, the whole trail counted right
    (token F1 0.8) on 5. Of the trails in the resiliparse renderings of pages with a gold
    title, a last step of one word was the title on 2 of 49 ("Hisense", "Trends",
    "Laptops" were not), of two words or more on 45 of 140."""
    if not any(mark in text for mark in _TRAIL_MARKS):
        return text
    steps = [s.strip() for s in _TRAIL.split(text)]
    if len(steps) <= 2 or not steps[-1]:
        return text
    return steps[-1] if _headline_step(steps[-1]) else ""


#: Characters of an East Asian script (Han, Kana, Hangul): a headline written without
#: spaces is one "word".
_EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: The shortest trail step in an East Asian script that may be a headline: a section's
#: name is two to four characters ("財經", "國際新聞"), a headline more ("診所表現佳").
_EAST_ASIAN_HEADLINE = 5


def _headline_step(step: str) -> bool:
    """Whether a trail's last step may be a headline: two words or more, or, written in an
    East Asian script without spaces, `_EAST_ASIAN_HEADLINE` characters or more. One word
    is a section's name."""
    return len(step.split()) >= 2 or (len(step) >= _EAST_ASIAN_HEADLINE
                                      and _EAST_ASIAN.search(step) is not None)


def title_matrix(x: np.ndarray, blocks: list[Block], cands: list[int],
                 first_kept: int) -> tuple[np.ndarray, list[int], list[str]]:
    """The scorer's rows: one a candidate (its first-pass row, then the columns named in
    `TITLE_FEATURES`), then, when the top candidate was removed, one a piece of its text
    ("Headline | Site"), computed by the compiled core (`src/title.rs`); with each row's
    block and the title it offers (the block's text, the last step of a breadcrumb trail,
    `trail_end`, or the piece)."""
    if not cands:
        return np.zeros((0, x.shape[1] + len(TITLE_FEATURES))), [], []
    base = min(cands[0], first_kept)
    chosen = [blocks[i] for i in cands]
    body = opening(blocks, first_kept)
    first = first_line(blocks, cands)
    rows, pieces = _core.title_matrix(
        np.asarray(x, dtype=np.float64), [b.text for b in blocks[base:cands[-1] + 1]],
        base, cands, first_kept, [b.p1 for b in chosen], [b.p2 for b in chosen],
        [b.cls == "good" for b in chosen], [bool(b.rule) for b in chosen],
        [b.text.casefold() for b in chosen], [b.text.casefold() for b in body],
        [b.index for b in body], None if first is None else first.text.casefold())
    return (rows, [*cands, *[cands[0]] * len(pieces)],
            [*(trail_end(b.text) for b in chosen), *pieces])


def first_line(blocks: list[Block], cands: list[int]) -> Block | None:
    """The page's first block, when it is no title candidate (certain junk: a truncated
    repeat of the headline, "Top NewsHeadline of the sto...", a bare URL; or a Markdown
    image's line): the title columns compare the candidates' words with it rather than with
    the first candidate's. A block moved to metadata (a date) is passed over."""
    top = next((b for b in blocks if not b.meta), None)
    return None if top is None or (cands and top.index == cands[0]) else top


def with_no_title(rows: np.ndarray) -> np.ndarray:
    """A page's candidate `rows` (from `title_matrix`) as the scorer sees them: each with the
    `NO_TITLE` flag unset, then the "no title" row: the rows' mean, the flag set."""
    n, width = rows.shape
    out = np.zeros((n + 1, width + 1))
    out[:n, :width] = rows
    if n:
        out[n, :width] = rows.sum(axis=0) / n  # numpy's mean to the bit, without its wrapper
    out[n, width] = 1.0
    return out


def choose_title(blocks: list[Block], x: np.ndarray, first_kept: int,
                 scorer: Forest) -> tuple[Block, str] | None:
    """The block most likely to hold the headline, and the headline (the block's text, or
    the piece of the page's top line that is the headline), unless the "no title" row
    outscores it (`pick`); never a long text (`headline_shaped`) nor the last kept block.
    `first_kept` is the index of the first kept block (one must be kept)."""
    cands = candidates(blocks, first_kept)
    if not cands:
        return None
    rows, at, titles = title_matrix(x, blocks, cands, first_kept)
    scores = scorer.predict(with_no_title(rows))
    # A headline heads an article: the last kept block (the only one, on a page that kept
    # one) is text, not its title.
    last_kept = max(b.index for b in blocks if b.cls == "good")
    best = pick_headline(scores, [blocks[i] for i in at], titles, last_kept)
    return None if best is None else (blocks[at[best]], titles[best])


#: Rules whose lines are never the headline, whatever the scorer makes of them: a whole
#: line of listed junk ("5 min read", "Link copied!", "Popular posts"), a comment
#: section's label, a byline, a date line. (A listed phrase inside a line, a credit's or a
#: related link's prefix, a menu word are not: "How to write a newsletter with AI",
#: "Graphic Design Courses" and "News" are gold titles of dev pages they hit.) No gold
#: title of the dev corpora is a line these rules fire on.
NEVER_TITLE_RULES = frozenset({"lexicon.line", "lexicon.comments-label", "lexicon.byline",
                               "lexicon.timestamp-prefix", "date-line"})


def may_name(title: str, block: Block, last_kept: int) -> bool:
    """Whether a candidate may name the title: it offers one (a breadcrumb trail may not,
    `trail_end`), it is not the last kept block, no rule of `NEVER_TITLE_RULES` fired on
    it, and the title is `headline_shaped`."""
    return (bool(title) and block.index != last_kept and block.rule not in NEVER_TITLE_RULES
            and headline_shaped(title))


def pick_headline(scores: np.ndarray, at: list[Block], titles: list[str], last_kept: int,
                  margin: float = TITLE_MARGIN) -> int | None:
    """`pick` among the candidates that `may_name` the title (`at`: each candidate's
    block). They are tried from the best score down (on a tie the earlier first, as
    `pick`'s argmax): the first that passes is the one `pick` would take with every other
    ruled out, so the rest need no test (some 40 candidates a page)."""
    ruled = np.full_like(scores, -np.inf)
    ruled[-1] = scores[-1]
    for j in np.lexsort((np.arange(len(at)), -scores[:-1])).tolist():
        if may_name(titles[j], at[j], last_kept):
            ruled[j] = scores[j]
            break
    return pick(ruled, margin)


#: A Markdown heading's opening marks ("# Headline", "## Headline ##"): Markdown is what
#: many scrapers write (html2text, reader services).
_HEADING_OPEN = re.compile(r" {0,3}#{1,6}[ \t]+")


def plain_title(text: str) -> str:
    """The title without a Markdown heading's marks (the closing ones only after a space,
    as CommonMark reads them: "C#" keeps its sign); else as it is."""
    m = _HEADING_OPEN.match(text)
    if not m:
        return text
    rest = text[m.end():].rstrip(" \t")
    unclosed = rest.rstrip("#")
    if unclosed != rest and (not unclosed or unclosed[-1] in " \t"):
        rest = unclosed.rstrip(" \t")
    return rest or text


def pick(scores: np.ndarray, margin: float = TITLE_MARGIN) -> int | None:
    """Which candidate names the title, given the scores of a page's candidates followed by
    the "no title" row's (`with_no_title`): the best candidate, unless it scores more than
    `margin` under the "no title" row; none when no candidate is left (a score of -inf
    rules one out)."""
    if len(scores) < 2:
        return None
    best = int(np.argmax(scores[:-1]))
    top = float(scores[best])
    return best if np.isfinite(top) and top > float(scores[-1]) - margin else None
