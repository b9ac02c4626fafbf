"""Accuracy of the cleaner against the anchors users would otherwise pick, same pages, one run.

    .venv/bin/python benchmarks/accuracy.py                     # everything -> BENCHMARKS.md
    .venv/bin/python benchmarks/accuracy.py --corpus aeb --limit 50 --no-write

Two modes (see ../shared/corpora/README.md):
- raw: each page is rendered to its whole visible text by several renderers (scrapers
  differ): one block a line, or, by html2text, Markdown hard-wrapped at 78 columns with
  its links (`[text](https://...)`). The rendering is cleaned. Anchors: no cleaning; a C4-style
  line filter; jusText and trafilatura given each line as a <p> (jusText with the stop words
  of the detected language).
- html: the page itself is cleaned. Anchors: the whole visible text; trafilatura (default
  and favor_precision); jusText; readability-lxml; resiliparse's main-content extractor.
Scored with the article-extraction-benchmark shingle metric (benchmarks/metric.py), broken
down by language where the corpus gives it. The seeds are a raw-only corpus of their own.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import importlib.util
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.metric import page_scores  # noqa: E402
from cleaner import CleanerError, clean  # noqa: E402
from cleaner.lang import _justext_names, detect_language  # noqa: E402
from training.labels import markup_titles, title_match  # noqa: E402

CORPORA = Path(os.environ.get("CLEANER_CORPORA", ROOT.parent / "shared" / "corpora"))
ALL_CORPORA = ("aeb", "wcxb-dev", "daniel-dev", "seeds")
RENDERERS = ("resiliparse", "inscriptis", "html-text", "bs4", "html2text")
RAW_SYSTEMS = ("none", "c4-filter", "jusText", "trafilatura", "ours")
HTML_SYSTEMS = ("visible-text", "trafilatura", "trafilatura-precision", "jusText",
                "readability", "resiliparse-main", "ours", "ours-precision")
#: HTML anchors outside the `bench` extra (module name: distribution).
ANCHOR_PACKAGES = {"readability": "readability-lxml"}
#: DAnIEL names its languages; the rest use ISO codes.
LANG_NAMES = {"English": "en", "Chinese": "zh", "Greek": "el", "Polish": "pl",
              "Russian": "ru"}


# --- renderers: the page's whole visible text, one block a line ----------------------------

def render(name: str, page: str) -> str:
    """The page rendered to plain text by one of RENDERERS."""
    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        return str(extract_plain_text(page, main_content=False))
    if name == "inscriptis":
        from inscriptis import get_text

        return str(get_text(page))
    if name == "html-text":
        import html_text

        return str(html_text.extract_text(page, guess_layout=True))
    if name == "bs4":
        import warnings

        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

        warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

        soup = BeautifulSoup(page, "lxml")
        for tag in soup(["script", "style", "noscript", "template"]):
            tag.decompose()
        return str(soup.get_text("\n"))
    if name == "html2text":
        # Markdown hard-wrapped at 78 columns (its default), like lynx dumps and mail, with
        # its links as Markdown writes them ("[text](https://...)"), as reader services do.
        import html2text

        converter = html2text.HTML2Text()
        converter.ignore_images = converter.ignore_emphasis = True
        return str(converter.handle(page))
    raise ValueError(name)


# --- raw-text systems --------------------------------------------------------------------

_TERMINAL = regex.compile(r"[.!?…。！？।॥؟۔\"'”’»)\]]\s*$")
_WORD = regex.compile(r"\w+")


def _language(text: str) -> str:
    return detect_language(text[:3000])[0] or "en"


def _stoplist(lang: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(_justext_names().get(lang, "English")))


def c4_filter(raw: str) -> str:
    """C4's line heuristics: keep lines that end in terminal punctuation (any script) and
    have at least 3 words; drop lines mentioning javascript or holding a curly brace."""
    kept = []
    for line in raw.splitlines():
        s = line.strip()
        if not s or not _TERMINAL.search(s) or "{" in s or "javascript" in s.lower():
            continue
        if len(_WORD.findall(s)) < 3:
            continue
        kept.append(s)
    return "\n".join(kept)


def _lines_as_html(raw: str) -> str:
    return "<html><body>" + "".join(f"<p>{htmllib.escape(line)}</p>" for line in
                                    raw.splitlines() if line.strip()) + "</body></html>"


def _justext(page: str, lang: str) -> str:
    """jusText's non-boilerplate paragraphs of `page`, judged with `lang`'s stop words."""
    import justext

    paragraphs = justext.justext(page.encode("utf-8"), _stoplist(lang), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_lines(raw: str) -> str:
    """jusText on raw text: each line a <p>, the detected language's stop words."""
    return _justext(_lines_as_html(raw), _language(raw))


def trafilatura_lines(raw: str) -> str:
    """trafilatura on raw text: each line a <p>."""
    import trafilatura

    return trafilatura.extract(_lines_as_html(raw)) or ""


def _ours_titled(content_type: str, **options: Any) -> Callable[[str], tuple[str, str | None]]:
    """Our cleaner on one content type: the text and the title; input it rejects counts as
    an empty answer. The last answer is kept, so that asking for the title of the source
    just cleaned for its text does not clean it again."""
    last: list[Any] = [None, ("", None)]

    def run(source: str) -> tuple[str, str | None]:
        if source is last[0]:
            return last[1]  # type: ignore[no-any-return]
        try:
            result = clean(source, content_type=content_type, **options)
            answer = (result.text, result.metadata.title)
        except CleanerError:
            answer = ("", None)
        last[:] = [source, answer]
        return answer

    return run


def _ours(content_type: str, **options: Any) -> Callable[[str], str]:
    """Our cleaner's text on one content type (`_ours_titled`)."""
    titled = _ours_titled(content_type, **options)
    return lambda source: titled(source)[0]


_ours_raw_titled = _ours_titled("text/plain")


def ours_raw(raw: str) -> str:
    """Our cleaner on raw text: the clean text."""
    return _ours_raw_titled(raw)[0]



RAW: dict[str, Callable[[str], str]] = {
    "none": lambda raw: raw, "c4-filter": c4_filter, "jusText": justext_lines,
    "trafilatura": trafilatura_lines, "ours": ours_raw,
}


# --- html systems ------------------------------------------------------------------------

def _trafilatura_html(page: str, **kw: Any) -> str:
    import trafilatura

    return trafilatura.extract(page, **kw) or ""


def _justext_html(page: str) -> str:
    return _justext(page, _language(render("resiliparse", page)))


def _readability(page: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(page).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def _resiliparse_main(page: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(page, main_content=True))


_ours_html_titled = _ours_titled("text/html")


def ours_html(page: str) -> str:
    """Our cleaner on the HTML: the clean text."""
    return _ours_html_titled(page)[0]



def _trafilatura_title(page: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(page)
    return meta.title if meta is not None else None


def _first_line(raw: str) -> str | None:
    return next((line.strip() for line in raw.splitlines() if line.strip()), None)


#: Who names a title, per mode: ours from the raw rendering and from the HTML; as anchors,
#: the rendering's first line (a "title, then text" scrape) and trafilatura reading the
#: HTML's metadata.
RAW_TITLES: dict[str, Callable[[str], str | None]] = {
    "first-line": _first_line, "ours": lambda raw: _ours_raw_titled(raw)[1]}
HTML_TITLES: dict[str, Callable[[str], str | None]] = {
    "trafilatura": _trafilatura_title, "ours": lambda page: _ours_html_titled(page)[1]}
#: The clean-text title rows (`clean_texts`) as the titles table names them.
CLEAN_LABELS = {"clean-titled": "clean text, its headline on top",
                "clean-headless": "clean text without its headline (any title is wrong)"}
#: Where each corpus's reference title comes from.
TITLE_SOURCE = {"wcxb-dev": "gold", "aeb": "markup", "daniel-dev": "markup"}


def title_outcome(title: str | None, reference: str) -> str:
    """"right" (token F1 >= 0.8 with the reference, `training.labels.title_match`),
    "wrong" (a title that is not it) or "none"."""
    if not title:
        return "none"
    return "right" if title_match(title, reference) else "wrong"


HTML: dict[str, Callable[[str], str]] = {
    "visible-text": lambda page: render("resiliparse", page),
    "trafilatura": _trafilatura_html,
    "trafilatura-precision": lambda page: _trafilatura_html(page, favor_precision=True),
    "jusText": _justext_html, "readability": _readability,
    "resiliparse-main": _resiliparse_main, "ours": ours_html,
    "ours-precision": _ours("text/html", favor_precision=True),
}


# --- running -----------------------------------------------------------------------------

def load(corpus: str, limit: int | None) -> list[dict[str, Any]]:
    """Pages of one corpus: id, lang, gold, and html (or raw text, for the seeds)."""
    rows: list[dict[str, Any]] = []
    if corpus == "seeds":
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            expected = json.loads((path.parent / "expected" / (path.stem + ".json"))
                                  .read_text("utf-8"))
            rows.append({"id": path.stem, "lang": expected["language"],
                         "raw": path.read_text("utf-8"),
                         "gold": "\n\n".join(expected["body"])})
    else:
        with gzip.open(CORPORA / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as fh:
            pages = [json.loads(line) for line in fh]
        from training.render import site_of  # imports this module: here, not at the top

        gold = TITLE_SOURCE.get(corpus) == "gold"
        marked = ([None] * len(pages) if gold
                  else markup_titles([(site_of(row), row["html"]) for row in pages]))
        for row, from_markup in zip(pages, marked, strict=True):
            rows.append({"id": row["id"], "lang": LANG_NAMES.get(row["lang"], row["lang"]),
                         "page_type": row.get("page_type"), "html": row["html"],
                         "gold": row["gold"], "title": row.get("title") if gold else from_markup})
    return rows[:limit] if limit else rows


def _safe(fn: Callable[[str], str], arg: str) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        out = fn(arg)
    except Exception:  # an anchor failing on a page scores it empty, as in the benchmark
        out = ""
    return out, time.perf_counter() - start


def score_page(job: tuple[dict[str, Any], tuple[str, ...], tuple[str, ...]]
               ) -> tuple[list[tuple[str, str, str, float | None, float | None, float]],
                          list[tuple[str, str, str, str]]]:
    """(mode, renderer, system, precision, recall, seconds) for every run on one page; and
    where the page has a reference title, (mode, renderer, system, `title_outcome`) for
    every system that names one."""
    row, modes, renderers = job
    out = []
    titles = []
    gold = row["gold"]
    reference = row.get("title")
    if "raw" in modes:
        sources = ({"as-is": row["raw"]} if "raw" in row else
                   {r: _safe(lambda page, r=r: render(r, page), row["html"])[0]
                    for r in renderers})
        for renderer, raw in sources.items():
            for system in RAW_SYSTEMS:
                text, seconds = _safe(RAW[system], raw)
                p, r = page_scores(text, gold)
                out.append(("raw", renderer, system, p, r, seconds))
            if reference:
                titles += [("raw", renderer, system, title_outcome(_named(fn, raw), reference))
                           for system, fn in RAW_TITLES.items()]
    if "html" in modes and "html" in row:
        for system in HTML_SYSTEMS:
            text, seconds = _safe(HTML[system], row["html"])
            p, r = page_scores(text, gold)
            out.append(("html", "-", system, p, r, seconds))
        if reference:
            titles += [("html", "-", system, title_outcome(_named(fn, row["html"]), reference))
                       for system, fn in HTML_TITLES.items()]
    if "raw" in modes and reference:
        for mode, text in clean_texts(gold, reference).items():
            titles += [(mode, "-", system, title_outcome(_named(fn, text), reference))
                       for system, fn in RAW_TITLES.items()]
    return out, titles


def clean_texts(gold: str, reference: str) -> dict[str, str]:
    """Clean text made from a page's gold: with its headline on top ("clean-titled", a
    scraper's "title, then text") and without it ("clean-headless", what a second cleaning
    sees, where any title named is wrong); none when the gold is under 200 characters
    once its headline lines are out."""
    body = "\n".join(line for line in gold.split("\n")
                     if not (line.strip() and title_match(line.strip(), reference))).strip()
    if len(body) < 200:
        return {}
    return {"clean-titled": f"{reference.strip()}\n\n{body}", "clean-headless": body}


def _named(fn: Callable[[str], str | None], arg: str) -> str | None:
    try:
        return fn(arg)
    except Exception:  # an anchor failing on a page names no title
        return None


def macro(scores: list[tuple[float | None, float | None]]) -> tuple[float, float, float, int]:
    ps = [p for p, _ in scores if p is not None]
    rs = [r for _, r in scores if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r, len(scores)


#: A page whose recall is under this lost its article (the issue tracker's "article lost
#: entirely"): what a pipeline notices first.
LOST_RECALL = 0.1


def lost_share(scores: list[tuple[float | None, float | None]]) -> float:
    """The share of pages with gold text whose article was lost (recall under
    `LOST_RECALL`, nothing kept included)."""
    rs = [r for _, r in scores if r is not None]
    return sum(r < LOST_RECALL for r in rs) / len(rs) if rs else 0.0


def run(corpora: list[str], modes: tuple[str, ...], renderers: tuple[str, ...],
        limit: int | None, jobs: int) -> dict[str, Any]:
    """Score every system on every page; returns nested results for the report."""
    results: dict[str, Any] = {}
    for corpus in corpora:
        rows = load(corpus, limit)
        started = time.perf_counter()
        per: dict[tuple[str, str, str], list[tuple[float | None, float | None]]] = \
            defaultdict(list)
        by_lang: dict[tuple[str, str, str, str], list[tuple[float | None, float | None]]] = \
            defaultdict(list)
        seconds: dict[tuple[str, str, str], float] = defaultdict(float)
        titles: dict[tuple[str, str, str], dict[str, int]] = defaultdict(
            lambda: {"right": 0, "wrong": 0, "none": 0})
        work = [(row, modes, renderers) for row in rows]
        with ProcessPoolExecutor(jobs) as pool:
            for row, (page, named) in zip(rows, pool.map(score_page, work, chunksize=4),
                                          strict=True):
                for mode, renderer, system, p, r, s in page:
                    per[(mode, renderer, system)].append((p, r))
                    by_lang[(mode, renderer, system, row["lang"])].append((p, r))
                    seconds[(mode, renderer, system)] += s
                for mode, renderer, system, outcome in named:
                    titles[(mode, renderer, system)][outcome] += 1
        results[corpus] = {
            "pages": len(rows),
            "scores": {k: macro(v) for k, v in per.items()},
            "lost": {k: lost_share(v) for k, v in per.items()},
            "by_lang": {k: macro(v) for k, v in by_lang.items()},
            "seconds": dict(seconds),
            "titles": dict(titles),
            "title_pages": sum(bool(row.get("title")) for row in rows),
            "langs": sorted({row["lang"] for row in rows}),
        }
        print(f"{corpus}: {len(rows)} pages in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    return results


# --- the report --------------------------------------------------------------------------

def _versions() -> str:
    names = ["trafilatura", "justext", "readability-lxml", "resiliparse", "inscriptis",
             "html-text", "beautifulsoup4", "html2text", "lxml", "py3langid"]
    parts = []
    for name in names:
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} (not installed)")
    return ", ".join(parts)


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(results: dict[str, Any], command: str) -> str:
    """The results as Markdown (the accuracy part of BENCHMARKS.md)."""
    lines = [
        "## Accuracy",
        "",
        f"Produced by `{command}` on {time.strftime('%Y-%m-%d')} "
        f"(Python {platform.python_version()}, {os.cpu_count()} cores). Metric: the "
        "article-extraction-benchmark shingle F1 (4-token shingles, macro-averaged P and R; "
        "see `benchmarks/metric.py`). Versions: " + _versions() + ".",
        "",
    ]
    for corpus, res in results.items():
        scores = res["scores"]
        raw_renderers = sorted({k[1] for k in scores if k[0] == "raw"},
                               key=lambda r: (*RENDERERS, "as-is").index(r))
        lines += [f"### {corpus} ({res['pages']} pages)", ""]
        if raw_renderers:
            lines += ["Raw mode: F1 by renderer (P / R of the mean in the last column). "
                      "Best per column in bold. Article lost: the share of renderings "
                      f"whose recall is under {LOST_RECALL} (nothing kept included), mean "
                      "over the renderers.", ""]
            lines.append("| system | " + " | ".join(raw_renderers) +
                         " | mean F1 (P / R) | article lost |")
            lines.append("|---" * (len(raw_renderers) + 3) + "|")
            best = {r: max(scores[("raw", r, s)][0] for s in RAW_SYSTEMS)
                    for r in raw_renderers}
            for system in RAW_SYSTEMS:
                cells = []
                for r in raw_renderers:
                    f1 = scores[("raw", r, system)][0]
                    cells.append(f"**{_fmt(f1)}**" if f1 == best[r] else _fmt(f1))
                f1s = [scores[("raw", r, system)] for r in raw_renderers]
                mean = [sum(x[i] for x in f1s) / len(f1s) for i in range(3)]
                lost = sum(res["lost"][("raw", r, system)] for r in raw_renderers)
                lines.append(f"| {system} | " + " | ".join(cells) +
                             f" | {_fmt(mean[0])} ({_fmt(mean[1])} / {_fmt(mean[2])}) | "
                             f"{_fmt(lost / len(raw_renderers))} |")
            lines.append("")
        if any(k[0] == "html" for k in scores):
            lines += ["HTML mode:", "", "| system | F1 | P | R |", "|---|---|---|---|"]
            best_html = max(scores[("html", "-", s)][0] for s in HTML_SYSTEMS)
            for system in HTML_SYSTEMS:
                f1, p, r, _ = scores[("html", "-", system)]
                f1s = f"**{_fmt(f1)}**" if f1 == best_html else _fmt(f1)
                lines.append(f"| {system} | {f1s} | {_fmt(p)} | {_fmt(r)} |")
            lines.append("")
        if res.get("titles"):
            lines += _titles(corpus, res)
        if len(res["langs"]) > 1:
            lines += _by_language(res, raw_renderers)
    return "\n".join(lines) + "\n"


def _titles(corpus: str, res: dict[str, Any]) -> list[str]:
    """The titles table: the share of pages whose title is right and wrong, per system and
    renderer (raw) and for the HTML."""
    source = ("the gold title" if TITLE_SOURCE.get(corpus) == "gold" else
              "the headline the page's markup names (`training.labels.markup_titles`; "
              "the labeller's title scorer learns from these too)")
    lines = [f"Titles ({res['title_pages']} pages with a reference title: {source}): "
             "right (token F1 >= 0.8) / wrong (a title that is not it); no title counts as "
             "neither.", "", "| mode | system | right | wrong |", "|---|---|---|---|"]
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for (mode, _, system), t in sorted(res["titles"].items()):
        cell = cells[(mode, system)]
        cell[0] += t["right"]
        cell[1] += t["wrong"]
        cell[2] += t["right"] + t["wrong"] + t["none"]
    for (mode, system), (right, wrong, n) in sorted(cells.items(),
                                                    key=lambda c: (c[0][0] != "raw", c[0])):
        label = ("raw (mean over the renderers)" if mode == "raw" else
                 CLEAN_LABELS.get(mode, mode))
        lines.append(f"| {label} | {system} | {_fmt(right / n)} | {_fmt(wrong / n)} |")
    return [*lines, ""]


def _by_language(res: dict[str, Any], raw_renderers: list[str]) -> list[str]:
    by_lang = res["by_lang"]
    first = raw_renderers[0] if raw_renderers else None
    cols: list[tuple[str, str, str, str]] = []
    if first:
        cols += [("raw", first, s, f"raw/{first} {s}") for s in ("jusText", "c4-filter",
                                                                  "ours")]
    if any(k[0] == "html" for k in by_lang):
        cols += [("html", "-", s, f"html {s}") for s in ("trafilatura", "jusText", "ours")]
    lines = ["By language (F1; pages):", "",
             "| language | pages | " + " | ".join(c[3] for c in cols) + " |",
             "|---" * (len(cols) + 2) + "|"]
    for lang in res["langs"]:
        cells = []
        n = 0
        for mode, renderer, system, _ in cols:
            f1, _, _, n = by_lang.get((mode, renderer, system, lang), (0.0, 0, 0, 0))
            cells.append(_fmt(f1))
        lines.append(f"| {lang} | {n} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def write_section(path: Path, section: str, name: str) -> None:
    """Replace the `name` section of BENCHMARKS.md (between its markers), keeping the rest."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{section}{end}\n"
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + block + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the accuracy benchmark and (unless --no-write) update BENCHMARKS.md."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", choices=ALL_CORPORA,
                    help="corpus to run (repeatable; default all)")
    ap.add_argument("--mode", action="append", choices=("raw", "html"),
                    help="mode to run (repeatable; default both)")
    ap.add_argument("--renderer", action="append", choices=RENDERERS,
                    help="raw-mode renderer (repeatable; default all five)")
    ap.add_argument("--limit", type=int, help="first N pages of each corpus (a quick look)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes")
    ap.add_argument("--no-write", action="store_true", help="print, do not touch BENCHMARKS.md")
    args = ap.parse_args(argv)
    corpora = args.corpus or list(ALL_CORPORA)
    missing = [c for c in corpora if c != "seeds" and not (CORPORA / f"{c}.jsonl.gz").exists()]
    if missing:
        print(f"accuracy: no corpus file for {', '.join(missing)} in {CORPORA} "
              "(set CLEANER_CORPORA)", file=sys.stderr)
        return 2
    absent = [f"{pkg} (pip install {dist})" for pkg, dist in ANCHOR_PACKAGES.items()
              if importlib.util.find_spec(pkg) is None]
    if absent and "html" in (args.mode or ("raw", "html")):
        # Every page would score the anchor empty (`_safe`): a table of zeros, not a figure.
        print(f"accuracy: anchors not installed: {', '.join(absent)}", file=sys.stderr)
        return 2
    command = "python benchmarks/accuracy.py" + (" " + " ".join(argv if argv is not None
                                                                else sys.argv[1:])).rstrip()
    results = run(corpora, tuple(args.mode or ("raw", "html")),
                  tuple(args.renderer or RENDERERS), args.limit, args.jobs)
    text = report(results, command.strip())
    print(text)
    if not args.no_write and not args.limit:
        write_section(ROOT / "BENCHMARKS.md", text, "accuracy")
        print("accuracy: wrote BENCHMARKS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
