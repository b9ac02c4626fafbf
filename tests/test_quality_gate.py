"""A fast accuracy gate: vendored benchmark pages (see fixtures/quality/README.md) with
pinned F1 floors, so that a change that makes the cleaner worse fails CI. The floors sit a
little under the figures measured when they were pinned; raise them when the cleaner gets
better. Full figures: benchmarks/accuracy.py and BENCHMARKS.md."""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

import pytest

from benchmarks.metric import page_scores
from cleaner import clean

PAGES = Path(__file__).parent / "fixtures" / "quality" / "pages.jsonl.gz"
ROWS = [json.loads(line) for line in gzip.open(PAGES, "rt", encoding="utf-8")]

#: id prefix -> F1 floors for (raw text, HTML, wrapped raw text, Markdown, Markdown with
#: images); measured 2026-12-02 with the learned labeller (first pass of 127-leaf trees),
#: minus about 0.05.
#: "wrapped" is the raw text word-wrapped at 78 columns, line by line, as `fold -s`, a mail
#: client or a text browser would leave it; "markdown" is the page as html2text writes it
#: with its links, unwrapped, as reader services do (stored in the fixture; floors from
#: 2026-12-05's model, whose training renderings hold html2text's links: the model before
#: it scored 0.863 on their mean, 0.41 on 21486419bb10). (The labeller is trained on the dev
#: corpora these pages come from: the gate catches regressions; BENCHMARKS.md's
#: cross-validated figures are the estimates of accuracy.) "pictured" is that Markdown with
#: its images too (`![alt](src)`, linked pictures `[![alt](src)](href)`), as html2text writes
#: a page by default and reader services do (floors from 2026-12-05, when images became
#: markup, not text: before, the mean was 0.942 and 20b2b64916b0 0.478, as on the pages
#: without images; after, 0.983 and 0.964).
FLOORS = {
    # HTML 0.813: the article's standfirst ("There are more devices ... best for your play
    # habits and your wallet.") is kept, which the gold of three short paragraphs leaves
    # out (so were raw and wrapped with the vocabulary's four columns alone, 2026-12-04;
    # 0.992 with their window means).
    "042bb7b5feda": (0.94, 0.77, 0.94, 0.94, 0.94),
    "04a6711caa7c": (0.91, 0.92, 0.91, 0.91, 0.91),
    "05844573ca7e": (0.95, 0.95, 0.93, 0.95, 0.95),
    "06e5123e4ef7": (0.95, 0.93, 0.95, 0.95, 0.95),
    "57b4dafd18cf": (0.94, 0.94, 0.94, 0.94, 0.94),
    # Wrapped: 0.852 with the model before the 2026-12-02 rebuild, 0.788 after it (the
    # rebuild's only change of data was 8 of 18,849 renderings, yet LightGBM's trees moved;
    # over all pages the wrapped mean rose from 0.915 to 0.920). 2026-12-04 (vocabulary
    # columns): raw 0.930, HTML 1.000, wrapped 0.993.
    "21486419bb10": (0.88, 0.94, 0.94, 0.94, 0.94),
    # Wrapped 0.599 -> 0.710 with the vocabulary, 0.653 with session 33's rebuild (its
    # data changed on html2text's renderings alone), 0.478 with session 38's (its data
    # changed on one undamaged html2text rendering and on damaged copies; raw 0.693; the
    # wrapped mean of all pages 0.931); Markdown 0.478 (its linked pictures written as
    # empty links, "[](https://...)", by html2text without images). Raw 0.693 -> 0.478 with
    # session 43's rebuild (its data changed on the near-clean renderings and on lines of
    # reading times): its list of 22 products, each line followed by its link, scores
    # 0.2-0.55 and goes as a whole or stays as a whole with each retrain. With images
    # ("pictured") 0.964 -> 0.696 with session 44's rebuild (its data changed on the lines
    # of a date and a labelled field, and on the near-clean pages' bylines): the same list.
    "20b2b64916b0": (0.43, 0.66, 0.43, 0.43, 0.43),
    "85439e26c41c": (0.84, 0.95, 0.76, 0.91, 0.91),
    "0ec95c7261d1": (0.93, 0.93, 0.93, 0.93, 0.93),
    "0001": (0.88, 0.89, 0.88, 0.91, 0.91),
    "0002": (0.93, 0.92, 0.94, 0.94, 0.94),
    "0003": (0.94, 0.95, 0.94, 0.95, 0.95),
}
#: Floors for the mean over all pages (measured 0.952 / 0.949 / 0.915; 0.956 / 0.949 / 0.950
#: with the vocabulary's columns and their window means, 2026-12-04; minus about 0.02-0.03;
#: Markdown 0.943 on 2026-12-05, with images 0.983).
MEAN_FLOORS = {"raw": 0.93, "html": 0.93, "wrapped": 0.92, "markdown": 0.92, "pictured": 0.95}
MODES = ("raw", "html", "wrapped", "markdown", "pictured")


def f1(predicted: str, gold: str) -> float:
    p, r = page_scores(predicted, gold)
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def wrap(raw: str, width: int = 78) -> str:
    """`raw` with every line word-wrapped at `width` columns."""
    return "\n".join(textwrap.fill(line, width) for line in raw.splitlines())


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    out = {}
    for row in ROWS:
        out[row["id"][:12]] = {
            "raw": f1(clean(row["raw"], content_type="text/plain").text, row["gold"]),
            "html": f1(clean(row["html"], content_type="text/html").text, row["gold"]),
            "wrapped": f1(clean(wrap(row["raw"]), content_type="text/plain").text,
                          row["gold"]),
            "markdown": f1(clean(row["markdown"], content_type="text/plain").text,
                           row["gold"]),
            "pictured": f1(clean(row["pictured"], content_type="text/plain").text,
                           row["gold"]),
        }
    return out


def test_every_page_has_a_floor():
    assert {row["id"][:12] for row in ROWS} == set(FLOORS)


@pytest.mark.parametrize("page", sorted(FLOORS))
@pytest.mark.parametrize("mode", MODES)
def test_page_f1_stays_above_its_floor(scores, page, mode):
    floor = FLOORS[page][MODES.index(mode)]
    assert scores[page][mode] >= floor, f"{mode} F1 {scores[page][mode]:.3f} < {floor}"


@pytest.mark.parametrize("mode", MODES)
def test_mean_f1_stays_above_its_floor(scores, mode):
    mean = sum(s[mode] for s in scores.values()) / len(scores)
    assert mean >= MEAN_FLOORS[mode], f"mean {mode} F1 {mean:.3f} < {MEAN_FLOORS[mode]}"
