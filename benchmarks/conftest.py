"""Fixtures and the summary for the throughput benchmarks (pytest-benchmark).

    .venv/bin/python -m pytest benchmarks -p no:randomly --benchmark-only

At the end of the run the figures (docs/s, MB/s, ratios to the anchors in the same run) are
printed and written to the throughput section of BENCHMARKS.md (unless
CLEANER_BENCH_NO_WRITE is set or only part of the suite ran).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLEANER_CORPORA", ROOT.parent / "shared" / "corpora"))
#: Pages taken from the front of each corpus for the timing runs.
PAGES_PER_CORPUS = int(os.environ.get("CLEANER_BENCH_PAGES", "60"))


class Doc:
    """One benchmark document: its html (if any) and its whole-page text rendering."""

    def __init__(self, doc_id: str, raw: str, html: str | None = None) -> None:
        self.id, self.raw, self.html = doc_id, raw, html


def _sample_pages() -> list[Doc]:
    from resiliparse.extract.html2text import extract_plain_text

    docs = []
    for corpus in ("aeb", "wcxb-dev", "daniel-dev"):
        path = CORPORA / f"{corpus}.jsonl.gz"
        if not path.exists():
            pytest.skip(f"no corpus {path} (set CLEANER_CORPORA)")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for _, line in zip(range(PAGES_PER_CORPUS), fh, strict=False):
                row = json.loads(line)
                raw = str(extract_plain_text(row["html"], main_content=False))
                docs.append(Doc(f"{corpus}/{row['id']}", raw, row["html"]))
    return docs


@pytest.fixture(scope="session")
def pages() -> list[Doc]:
    """The first pages of every corpus, rendered by resiliparse (whole page, one block a
    line): the same documents for every system."""
    return _sample_pages()


@pytest.fixture(scope="session")
def seeds() -> list[Doc]:
    """The five seed documents (raw text)."""
    return [Doc(p.stem, p.read_text("utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def run_all(fn: Any, docs: list[str]) -> None:
    for d in docs:
        fn(d)


# --- the summary -------------------------------------------------------------------------

def _rows(config: pytest.Config) -> list[dict[str, Any]]:
    session = getattr(config, "_benchmarksession", None)
    if session is None:
        return []
    rows = []
    for bench in session.benchmarks:
        if not bench.stats or not bench.stats.rounds:
            continue
        info = dict(bench.extra_info)
        rows.append({"group": bench.group, "name": bench.name.split("[")[0].replace(
            "test_", ""), "param": bench.param, "mean": bench.stats.mean,
            "min": bench.stats.min, **info})
    return rows


def summary(rows: list[dict[str, Any]]) -> str:
    """The throughput figures as Markdown."""
    out = ["## Throughput", "",
           f"Produced by `python -m pytest benchmarks --benchmark-only` on "
           f"{time.strftime('%Y-%m-%d')} ({os.cpu_count()} cores; pytest-benchmark, mean of "
           "the rounds). Ratios are to the anchor in the same group, same documents, same run.",
           ""]
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["group"] or "", []).append(row)
    for group, items in groups.items():
        if all("docs" in r for r in items) and group != "tree-sizes":
            anchor = next((r for r in items if r.get("anchor")), None)
            out += [f"### {group}", "", "| system | docs/s | MB/s | vs " +
                    (anchor["label"] if anchor else "-") + " |", "|---|---|---|---|"]
            for r in items:
                docs_s = r["docs"] / r["mean"]
                mb_s = r["bytes"] / r["mean"] / 1e6
                ratio = (anchor["mean"] / r["mean"]) if anchor else float("nan")
                out.append(f"| {r['label']} | {docs_s:,.1f} | {mb_s:.2f} | {ratio:.2f}x |")
            out.append("")
            if group == "raw-stages":
                out += _stage_bound(items, anchor)
        elif group == "tree-sizes":
            out += ["### the labeller's trees: time against accuracy", "",
                    "Each pass cut to its first trees (the shipped forests hold the most), timed "
                    "over the corpus pages' feature matrices; mean F1 of the three dev corpora "
                    "from the build's site folds (`manifest.json`, the first pass scored alone).",
                    "", "| pass | trees | depth | ms a page | mean F1 |", "|---|---|---|---|---|"]
            for r in items:
                f1 = f"{r['f1']:.3f}" if r.get("f1") is not None else "-"
                out.append(f"| {r['which']} | {r['trees']}{' (shipped)' if r['shipped'] else ''}"
                           f" | {r['depth']} | {r['mean'] / r['docs'] * 1e3:.3f} | {f1} |")
            out.append("")
        elif group == "growth":
            items.sort(key=lambda r: r["bytes"])
            out += ["### cost growth (ours, raw text)", "",
                    "The documents join corpus pages of five languages. When the language "
                    "guessed on the kept text is not the first guess, the cleaner judges the "
                    "page again (`judged`); the last column divides that out.", "",
                    "| input | seconds | MB/s | judged | time ratio to the 10x smaller input "
                    "| the same, a judgement |",
                    "|---|---|---|---|---|---|"]
            prev = None
            for r in items:
                passes = r.get("judged") or 1
                ratio = f"{r['mean'] / prev['mean']:.1f}x" if prev else "-"
                each = (f"{r['mean'] / passes / (prev['mean'] / (prev.get('judged') or 1)):.1f}x"
                        if prev else "-")
                out.append(f"| {r['bytes'] / 1e3:,.0f} KB | {r['mean']:.3f} | "
                           f"{r['bytes'] / r['mean'] / 1e6:.2f} | {passes:g} | {ratio} | "
                           f"{each} |")
                prev = r
            out.append("")
        else:
            out += [f"### {group}", ""]
            for r in items:
                out.append(f"- {r['label']}: " + ", ".join(
                    f"{k} {v}" for k, v in r.items()
                    if k not in ("group", "name", "param", "mean", "min", "label")))
            out.append("")
    return "\n".join(out) + "\n"


def _stage_bound(items: list[dict[str, Any]], anchor: dict[str, Any] | None) -> list[str]:
    """What the rest of the cleaner costs when the measured stages are taken away, and the
    ratio to jusText that the cleaner could not beat even if they cost nothing."""
    whole = next((r for r in items if r["label"] == "ours, whole"), None)
    stages = [r for r in items if r is not whole and r is not anchor]
    if whole is None or anchor is None or not stages:
        return []
    rest = whole["mean"] - sum(r["mean"] for r in stages)
    if rest <= 0:
        return []
    per_doc = rest / whole["docs"] * 1e3
    return [f"The rest of the cleaner (context, repeats, metadata, result), whole minus the "
            f"stages: {per_doc:.2f} ms a page. With every stage above at no cost, the cleaner "
            f"would run at most {anchor['mean'] / rest:.1f}x jusText.", ""]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config
                            ) -> None:
    rows = _rows(config)
    if not rows:
        return
    text = summary(rows)
    terminalreporter.write_line("")
    for line in text.splitlines():
        terminalreporter.write_line(line)
    missing = {"raw-corpus", "raw-seeds", "html-corpus", "growth", "memory",
               "service"} - {r["group"] for r in rows}
    if not missing and exitstatus == 0 and not os.environ.get("CLEANER_BENCH_NO_WRITE"):
        from benchmarks.accuracy import write_section

        write_section(ROOT / "BENCHMARKS.md", text, "throughput")
        terminalreporter.write_line("throughput: wrote BENCHMARKS.md")
    elif missing:
        # Say why, so that a skipped group (the service one needs wrk) is not missed.
        terminalreporter.write_line(
            f"throughput: BENCHMARKS.md not written; no figures for {', '.join(sorted(missing))}"
            " (see the skips above)")
