"""Probes: known shapes of article text and of junk put into real pages, and whether each
cleaner keeps or removes them, shape by shape.

    .venv/bin/python -m benchmarks.probes               # 40 pages a probe, writes BENCHMARKS.md
    .venv/bin/python -m benchmarks.probes --pages 10 --no-write

Issue 10 names the cleaner's failures by kind (short article lines such as ingredients,
"Pros:" / "Cons:" lists, agenda items and sign-offs; a quote in another language; junk beside
the article such as tag lines, newsletter teasers and author bios), and the external test
set it cites asserts strings that must or must not be kept. The shingle F1 hides such lines
(it weighs a line by its length), so this puts each shape into news pages of the dev
corpora (aeb and daniel-dev, rendered whole by resiliparse and inscriptis), after one of the
article's paragraphs (in the middle of the article, or after its last paragraph), and asks
every cleaner whether the lines came out. A page counts for a cleaner only where it kept the
paragraph the lines follow (it found the article); a "keep" probe is right when every line
is in its text, a "remove" probe when none is (lines compared whole, white space folded).
The shapes are written here, in English and Russian; the pages and the paragraphs are the
corpora's. Nothing here trains or tunes anything: it is a measure, like `accuracy`. Needs
the corpora (`CLEANER_CORPORA`) and the `bench` extra (the renderers and the anchors).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import RAW, load, render, write_section  # noqa: E402

#: The cleaners asked, in the table's order (`accuracy.RAW`'s names).
SYSTEMS = ("ours", "jusText", "trafilatura", "c4-filter")
RENDERERS = ("resiliparse", "inscriptis")
CORPORA = ("aeb", "daniel-dev")
#: A paragraph of the gold this long or longer can anchor an insertion.
MIN_PARAGRAPH = 80


@dataclass(frozen=True)
class Probe:
    """Lines put into a page after the middle paragraph of its article ("mid") or its last
    ("end"); whether a cleaner should keep them; the languages of the pages they go into
    (None: English pages)."""

    name: str
    where: str
    lines: tuple[str, ...]
    keep: bool
    languages: tuple[str, ...] | None = None


_QUOTE_EN = ("\u201cWe have never seen a flood like this one, and we will rebuild the levee "
             "before the winter comes,\u201d the mayor told reporters on Tuesday.")
_QUOTE_RU = ("\u00abМы никогда не видели такого наводнения и восстановим дамбу до наступления "
             "зимы\u00bb, \u2014 сказал мэр журналистам во вторник.")

PROBES = (
    Probe("ingredients", "mid", ("Ingredients:", "2 cups flour", "1 tsp salt", "3 eggs",
                                 "1 cup milk"), True),
    Probe("pros and cons", "mid", ("Pros:", "Long battery life", "Bright screen", "Cons:",
                                   "Heavy", "No headphone jack"), True),
    Probe("agenda items", "mid", ("The agenda for the meeting:", "Opening remarks",
                                  "Budget review", "Election of the new board"), True),
    Probe("subheading", "mid", ("What happens next for the residents",), True),
    Probe("code", "mid", ("pip install requests", "import requests",
                          "r = requests.get(url, timeout=10)"), True),
    Probe("quote in English, other pages", "mid", (_QUOTE_EN,), True,
          ("Russian", "Chinese", "Greek", "Polish", "ru", "zh", "el", "pl")),
    Probe("quote in Russian, English pages", "mid", (_QUOTE_RU,), True),
    Probe("sign-off", "end", ("Thanks for reading, and see you next week.",), True),
    Probe("advertisement", "mid", ("Advertisement",), False),
    Probe("related link", "mid", ("Related: Ten walks along the river this summer",), False),
    Probe("share bar", "mid", ("Share", "Tweet", "Email"), False),
    Probe("tag line", "end", ("Tags: politics, economy, europe",), False),
    Probe("newsletter teaser", "end", ("Sign up for our newsletter to get the latest news "
                                       "delivered to your inbox every morning.",), False),
    Probe("author bio", "end", ("Jane Doe is a senior reporter covering climate and energy. "
                                "She previously worked at the Daily Planet and lives in "
                                "Chicago.",), False),
    Probe("cookie notice", "end", ("We use cookies to improve your experience on our site. "
                                   "By continuing to browse, you agree to our use of "
                                   "cookies.",), False),
    Probe("comments", "end", ("12 Comments", "Leave a Reply",
                              "Your email address will not be published."), False),
)


def _fold(line: str) -> str:
    return " ".join(line.split())


def _lines(text: str) -> set[str]:
    return {_fold(line) for line in text.splitlines() if line.strip()}


def _order(row: dict) -> str:
    return hashlib.sha256(row["id"].encode()).hexdigest()


def pages(languages: tuple[str, ...] | None) -> Iterator[tuple[str, list[str]]]:
    """(rendering, the gold's long paragraphs) of the corpora's pages in a fixed order, the
    pages in `languages` (None: English), each rendered by every renderer."""
    rows = [r for c in CORPORA for r in load(c, None)]
    for row in sorted(rows, key=_order):
        lang = row["lang"]
        if (lang not in ("en", "English")) if languages is None else (lang not in languages):
            continue
        paragraphs = [p.strip() for p in row["gold"].split("\n\n")
                      if len(p.strip()) >= MIN_PARAGRAPH]
        if len(paragraphs) < 3:
            continue
        for name in RENDERERS:
            yield render(name, row["html"]), paragraphs


def insert(text: str, paragraphs: list[str], probe: Probe) -> tuple[str, str] | None:
    """`text` with the probe's lines after the line that opens its anchor paragraph, and
    that anchor's opening; None when the rendering does not hold the paragraph on a line."""
    anchor = paragraphs[len(paragraphs) // 2] if probe.where == "mid" else paragraphs[-1]
    key = _fold(anchor)[:60]
    for at, line in enumerate(lines := text.splitlines()):
        if _fold(line).startswith(key):
            return "\n".join([*lines[:at + 1], *probe.lines, *lines[at + 1:]]), key
    return None


def run(per_probe: int, systems: tuple[str, ...]) -> dict[str, dict[str, tuple[int, int]]]:
    """For each probe, each system's (right, pages counted) over `per_probe` pages."""
    cleaners: dict[str, Callable[[str], str]] = {s: RAW[s] for s in systems}
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for probe in PROBES:
        tally = {s: [0, 0] for s in systems}
        used = 0
        for text, paragraphs in pages(probe.languages):
            found = insert(text, paragraphs, probe)
            if found is None:
                continue
            probed, key = found
            used += 1
            want = {_fold(line) for line in probe.lines}
            for name, fn in cleaners.items():
                try:
                    got = fn(probed)
                except Exception:  # an anchor failing on a page counts as not finding it
                    continue
                kept = _lines(got)
                if not any(line.startswith(key) for line in kept):
                    continue
                tally[name][1] += 1
                tally[name][0] += (want <= kept) if probe.keep else not (want & kept)
            if used >= per_probe:
                break
        out[probe.name] = {s: (a, b) for s, (a, b) in tally.items()}
        print(probe.name, out[probe.name], flush=True)
    return out


def report(results: dict[str, dict[str, tuple[int, int]]], systems: tuple[str, ...],
           command: str) -> str:
    """The section for BENCHMARKS.md."""
    rows = ["## Probes", "", f"`{command}`: shapes of article text and of junk put into "
            "news pages of aeb and daniel-dev (resiliparse and inscriptis renderings), after "
            "a paragraph in the middle of the article or after its last; the share of pages "
            "where a cleaner keeps every line of a \"keep\" probe / none of a \"remove\" "
            "probe, among the pages where it kept that paragraph (right / counted). See "
            "`benchmarks/probes.py`.", "",
            "| probe | where | should | " + " | ".join(systems) + " |",
            "|---|---|---|" + "---|" * len(systems)]
    for probe in PROBES:
        cells = []
        for s in systems:
            right, n = results[probe.name][s]
            cells.append(f"{right / n:.2f} ({right}/{n})" if n else "-")
        rows.append(f"| {probe.name} | {probe.where} | {'keep' if probe.keep else 'remove'} "
                    f"| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=40, help="renderings a probe")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = ap.parse_args(argv)
    systems = tuple(args.systems.split(","))
    results = run(args.pages, systems)
    section = report(results, systems, "python -m benchmarks.probes" + (
        f" --pages {args.pages}" if args.pages != 40 else ""))
    print(section)
    if not args.no_write:
        write_section(ROOT / "BENCHMARKS.md", section, "probes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
