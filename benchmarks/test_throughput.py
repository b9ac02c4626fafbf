"""Throughput: our cleaner against jusText, trafilatura and a floor on the same documents in
the same run; cost growth with input size; peak memory; the HTTP service against a
hello-world app under the same gunicorn settings. Not part of the default test run:

    .venv/bin/python -m pytest benchmarks --benchmark-only
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.accuracy import justext_lines, trafilatura_lines
from benchmarks.conftest import ROOT, run_all
from cleaner import clean

#: The floor: the least any line cleaner must do (split lines, match one compiled regex).
_FLOOR = re.compile(r"^\s*(?:see also|read more|share|cookie|advertisement)\b", re.I)


def floor(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not _FLOOR.match(line))


def ours(text: str) -> str:
    return clean(text, content_type="text/plain").text


RAW_SYSTEMS = {"ours": ours, "jusText": justext_lines, "trafilatura": trafilatura_lines,
               "floor": floor}


def _record(benchmark, label: str, docs: list[str], anchor: bool = False) -> None:
    benchmark.extra_info.update(label=label, docs=len(docs),
                                bytes=sum(len(d.encode("utf-8")) for d in docs),
                                anchor=anchor)


def _forget_texts() -> None:
    """Empty our per-text cache (parsed date lines) before every round: repeated rounds over
    the same pages would otherwise find every date already parsed, which pages a pipeline
    has not seen do not. (Models and word lists stay loaded: that is the warm-up.)"""
    from cleaner import dates

    dates._parse.cache_clear()


def _bench_raw(benchmark, group: str, docs: list[str], system: str, rounds: int) -> None:
    benchmark.group = group
    _record(benchmark, system, docs, anchor=system == "jusText")
    benchmark.pedantic(run_all, args=(RAW_SYSTEMS[system], docs), rounds=rounds, iterations=1,
                       warmup_rounds=max(1, rounds // 10),
                       setup=_forget_texts if system == "ours" else None)


@pytest.mark.parametrize("system", list(RAW_SYSTEMS))
def test_raw_corpus(benchmark, pages, system):
    _bench_raw(benchmark, "raw-corpus", [p.raw for p in pages], system, rounds=3)


@pytest.mark.parametrize("system", list(RAW_SYSTEMS))
def test_raw_seeds(benchmark, seeds, system):
    _bench_raw(benchmark, "raw-seeds", [s.raw for s in seeds], system, rounds=20)


@pytest.mark.parametrize("threads", [1, 2])
def test_raw_threads(benchmark, pages, threads):
    """Ours on the corpus pages from a pool of 1 or 2 threads in one process: what the core
    releasing the GIL buys (the Python between its calls still holds it)."""
    from concurrent.futures import ThreadPoolExecutor

    docs = [p.raw for p in pages]
    benchmark.group = "raw-threads"
    _record(benchmark, f"ours, {threads} thread{'s' if threads > 1 else ''}", docs,
            anchor=threads == 1)
    with ThreadPoolExecutor(threads) as pool:
        benchmark.pedantic(lambda: list(pool.map(ours, docs)), rounds=3, iterations=1,
                           warmup_rounds=1, setup=_forget_texts)


# --- where the time of a raw page goes -----------------------------------------------------

STAGES = ("jusText", "ours", "segment", "language", "lines", "labeller")


def _staged(docs: list[str]) -> list[tuple[str, list, list[str], frozenset[str], str | None]]:
    """Each page with what the stages after segmenting need: its blocks, its distinct lines
    (the cleaner judges each once), its stop words and its language."""
    from cleaner.core import _language_sample
    from cleaner.lang import document_stopwords, rank_languages
    from cleaner.unwrap import join_wrapped

    out = []
    for doc in docs:
        blocks, _ = join_wrapped(doc)
        ranked = rank_languages(_language_sample(blocks, 1500))
        distinct = list(dict.fromkeys(b.text for b in blocks))
        out.append((doc, blocks, distinct, document_stopwords(ranked),
                    ranked[0][0] if ranked else None))
    return out


def _stage(name: str, staged: list) -> tuple:
    """A callable running stage `name` over every page, and its argument."""
    from cleaner.classify import classify_blocks
    from cleaner.core import _language_sample
    from cleaner.lang import rank_languages
    from cleaner.options import Options
    from cleaner.unwrap import join_wrapped

    options = Options()

    def segmenting(pages):
        for doc, *_ in pages:
            join_wrapped(doc)

    def identifying(pages):
        for _, blocks, *_ in pages:
            rank_languages(_language_sample(blocks, 1500))

    def judging_lines(pages):
        # As the cleaner does: each page's blocks measured and scanned in one call each
        # (assigning the same results to the same blocks again on every round).
        for _, blocks, _, stops, language in pages:
            classify_blocks(blocks, stops, language, options)

    def labelling(measured):
        from cleaner.labeller import score

        for blocks, found in measured:
            score(blocks, found)

    docs = [page[0] for page in staged]
    if name == "labeller":
        from cleaner.core import evidence

        return labelling, ([evidence(doc) for doc in docs],)
    return {"jusText": (run_all, (justext_lines, docs)), "ours": (run_all, (ours, docs)),
            "segment": (segmenting, (staged,)), "language": (identifying, (staged,)),
            "lines": (judging_lines, (staged,))}[name]


@pytest.mark.parametrize("stage", STAGES)
def test_raw_stages(benchmark, pages, stage):
    """The cleaner's main stages on the corpus pages, beside jusText and the whole cleaner:
    what is left when they are taken away bounds what speeding them up could give."""
    benchmark.group = "raw-stages"
    staged = _staged([p.raw for p in pages])
    labels = {"jusText": "jusText", "ours": "ours, whole", "segment": "segment and unwrap",
              "language": "language identification", "lines": "per-line features and rules",
              "labeller": "labeller: feature matrix and both passes"}
    _record(benchmark, labels[stage], [p.raw for p in pages], anchor=stage == "jusText")
    fn, args = _stage(stage, staged)
    benchmark.pedantic(fn, args=args, rounds=3, iterations=1, warmup_rounds=1,
                       setup=_forget_texts if stage == "ours" else None)


# --- the trees' size: time against accuracy -----------------------------------------------

#: (pass, trees) pairs timed; the manifest holds each one's accuracy from the build's folds.
TREE_SIZES = (("first", 25), ("first", 50), ("first", 100), ("second", 10), ("second", 25),
              ("second", 50))


@pytest.fixture(scope="module")
def pass_matrices(pages):
    """Each page's first- and second-pass feature matrices, as the cleaner builds them."""
    import numpy as np

    from cleaner.blockfeatures import block_matrix, context_columns
    from cleaner.core import evidence
    from cleaner.labeller import model

    first, second = [], []
    for page in pages:
        blocks, found = evidence(page.raw)
        x = block_matrix(blocks, found)
        p1 = model().first.predict(x)
        first.append(x)
        second.append(np.hstack([x, context_columns(p1, found.column("length"))]))
    return {"first": first, "second": second}


@pytest.mark.parametrize(("which", "trees"), TREE_SIZES)
def test_tree_sizes(benchmark, pages, pass_matrices, which, trees):
    """One pass of the labeller with its first `trees` trees, over every page's matrix: the
    time side of the curve whose accuracy side the build measured (site folds)."""
    from cleaner.labeller import model

    benchmark.group = "tree-sizes"
    forest = getattr(model(), which)
    cut = forest.first_trees(trees)
    curve = model().manifest["scores"]["site_folds"][f"{which}_pass_trees_curve"]
    benchmark.extra_info.update(
        label=f"{which} pass, {trees} trees", docs=len(pages), which=which, trees=trees,
        depth=forest.depth, shipped=trees == len(forest.roots),
        f1=curve.get(str(trees), {}).get("mean"))
    benchmark.pedantic(lambda xs: [cut.raw(x) for x in xs], args=(pass_matrices[which],),
                       rounds=5, iterations=1, warmup_rounds=1)


def _html_systems():
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text

    from benchmarks.accuracy import _justext_html

    return {
        "ours": lambda page: clean(page, content_type="text/html").text,
        "trafilatura": lambda page: trafilatura.extract(page) or "",
        "jusText": _justext_html,
        "resiliparse": lambda page: extract_plain_text(page, main_content=True),
    }


# --- many documents: cleaner batch and the Spark job -----------------------------------------

BATCH_SYSTEMS = ("in-process loop", "batch, 1 worker", "batch, 2 workers", "spark, local[2]",
                 "start-up: batch, 1 worker, 2 documents",
                 "start-up: batch, 2 workers, 2 documents")
#: Each corpus page this many times: enough documents that start-up (two seconds for the
#: cleaner, more for Spark) is part of the figure but does not swamp it. The start-up rows
#: (two documents) give what to take away for the rate of a long run.
BATCH_REPEAT = 8


@pytest.mark.parametrize("system", BATCH_SYSTEMS)
def test_batch(benchmark, pages, system, tmp_path):
    """`cleaner batch` with 1 and 2 workers and the Spark job on local[2], each a fresh
    process reading the corpus pages as JSONL and writing its output (start-up included),
    against a loop calling `clean()` in this process on the same pages."""
    docs = [p.raw for p in pages] * BATCH_REPEAT
    if system.startswith("start-up"):
        docs = docs[:2]
    benchmark.group = "batch"
    _record(benchmark, system, docs, anchor=system == "in-process loop")
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": d}) + "\n" for i, d in enumerate(docs)),
                   "utf-8")
    if system == "in-process loop":
        benchmark.pedantic(run_all, args=(clean, docs), rounds=2, iterations=1,
                           warmup_rounds=1, setup=_forget_texts)
        return
    if system.startswith("spark"):
        pytest.importorskip("pyspark")
        if shutil.which("java") is None:
            pytest.skip("Spark needs Java")
        out = tmp_path / "out.parquet"
        argv = [sys.executable, "-m", "cleaner", "spark", str(src), str(out), "--master",
                "local[2]", "--overwrite"]
    else:
        workers = system.split("batch, ")[1].split(" ")[0]
        argv = [sys.executable, "-m", "cleaner", "batch", str(src), "-o",
                str(tmp_path / "out.jsonl"), "-q", "--workers", workers]

    def once():
        subprocess.run(argv, check=True, capture_output=True, timeout=1800)

    benchmark.pedantic(once, rounds=2, iterations=1, warmup_rounds=0)


@pytest.mark.parametrize("system", ["ours", "trafilatura", "jusText", "resiliparse"])
def test_html_corpus(benchmark, pages, system):
    benchmark.group = "html-corpus"
    docs = [p.html for p in pages if p.html]
    _record(benchmark, system, docs, anchor=system == "trafilatura")
    benchmark.pedantic(run_all, args=(_html_systems()[system], docs), rounds=2, iterations=1,
                       warmup_rounds=1, setup=_forget_texts if system == "ours" else None)


@pytest.mark.parametrize("size", [10_000, 100_000, 1_000_000, 10_000_000])
def test_growth(benchmark, pages, size, monkeypatch):
    """Time for one document of `size` bytes (pages of text joined): must grow linearly.

    Also how many times the cleaner judged the page: when the language guessed on the kept
    text differs from the first guess (these documents join pages of five languages), it
    judges the page again (`cleaner.core.clean_text`), a constant factor of at most three
    that the time ratio alone would read as non-linear growth."""
    import cleaner.core

    benchmark.group = "growth"
    judged = []
    judge = cleaner.core._judge

    def counted(*args, **kwargs):
        judged.append(1)
        return judge(*args, **kwargs)

    monkeypatch.setattr(cleaner.core, "_judge", counted)
    text = ""
    parts = []
    total = 0
    i = 0
    while total < size:
        page = pages[i % len(pages)].raw
        parts.append(page)
        total += len(page.encode("utf-8")) + 1
        i += 1
    text = "\n".join(parts)
    text = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    benchmark.extra_info.update(label=f"{size // 1000} KB", bytes=len(text.encode("utf-8")))
    rounds = 1 if size >= 10_000_000 else 3
    benchmark.pedantic(clean, args=(text,), kwargs={"content_type": "text/plain",
                                                    "max_input_size": 20_000_000},
                       rounds=rounds, iterations=1, warmup_rounds=0 if rounds == 1 else 1,
                       setup=_forget_texts)
    runs = rounds + (0 if rounds == 1 else 1)
    benchmark.extra_info["judged"] = len(judged) / runs


_MEMORY_SCRIPT = r"""
import gzip, json, sys
from pathlib import Path
from resiliparse.extract.html2text import extract_plain_text
from cleaner import clean

def hwm_mb():
    # VmHWM: this process's own peak (ru_maxrss would carry the forking parent's over exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

clean("Warm up: one short line of text to load the models.")
base = hwm_mb()
n = 0
for corpus in ("aeb", "wcxb-dev", "daniel-dev"):
    with gzip.open(Path(sys.argv[1]) / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            raw = extract_plain_text(json.loads(line)["html"], main_content=False)
            clean(raw, content_type="text/plain")
            n += 1
print(json.dumps({"pages": n, "rss_after_import_mb": base, "peak_rss_mb": hwm_mb()}))
"""


def test_memory(benchmark, pages):
    """Peak RSS of one process rendering and cleaning every page of the corpora."""
    from benchmarks.conftest import CORPORA

    benchmark.group = "memory"
    out: dict = {}

    def run() -> None:
        proc = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(CORPORA)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        out.update(json.loads(proc.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(
        label="one process, all corpus pages", pages=out["pages"],
        rss_after_import=f"{out['rss_after_import_mb']:.0f} MB",
        peak_rss=f"{out['peak_rss_mb']:.0f} MB")
    assert out["peak_rss_mb"] < 2048


_WORST_SCRIPT = r"""
import json, sys, time
from cleaner import CleanerError, clean

def hwm_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

shape, n = sys.argv[1], int(sys.argv[2])
months = ("janvier février mars avril mai juin juillet août septembre octobre novembre "
          "décembre").split()
make = {
    "short lines": lambda: "\n".join(f"w{i}" for i in range(n)),
    "French date lines": lambda: "\n".join(
        f"{1 + i % 28} {months[i % 12]} {1900 + i % 200}, {i % 24}h{i % 60:02d}"
        for i in range(n)),
    "mojibake lines": lambda: "\n".join(f"CafÃ© numÃ©ro {i} est ouvert." for i in range(n)),
    "HTML paragraphs, 9,950 a div": lambda: "<html><body>" + "".join(
        ("<div>" if i % 9950 == 0 else "") + f"<p>Paragraph {i} of the page, with words.</p>"
        + ("</div>" if i % 9950 == 9949 else "") for i in range(n)) + "</div></body></html>",
    "HTML of 99,000 elements, 9,900 a div": lambda: "<html><body>" + "".join(
        ("<div>" if i % 9900 == 0 else "") + f"<p>Paragraph {i} of the page, with words.</p>"
        + ("</div>" if i % 9900 == 9899 else "") for i in range(99_000 - 14))
        + "</div></body></html>",
    "one-character lines, ten times as many": lambda: "a\n" * (10 * n),
    "HTML paragraph of links": lambda: "<html><body><p>" + "".join(
        f"<a href='/{i}'>w{i}</a> " for i in range(n)) + "</p></body></html>",
}
text = make[shape]()
clean("Warm up: one short line of text to load the models.")
base = hwm_mb()
start = time.perf_counter()
try:
    result = clean(text)
    outcome = f"{len(result.removed):,} removed, {len(result.text):,} characters kept"
except CleanerError as exc:
    outcome = f"refused: {type(exc).__name__}"
print(json.dumps({"seconds": time.perf_counter() - start, "added_mb": hwm_mb() - base,
                  "bytes": len(text.encode("utf-8")), "outcome": outcome}))
"""
#: The costliest shapes of text found at the cleaner's line limit (`Options.max_lines`).
WORST_SHAPES = ("short lines", "French date lines", "mojibake lines",
                "HTML paragraphs, 9,950 a div", "HTML of 99,000 elements, 9,900 a div",
                "HTML paragraph of links", "one-character lines, ten times as many")
#: Lines of a worst-case document: just under the default `Options.max_lines`.
WORST_LINES = 199_000


@pytest.mark.parametrize("shape", WORST_SHAPES)
def test_worst_case(benchmark, shape):
    """Seconds and the memory cleaning adds for a document of `WORST_LINES` lines of the
    costliest shapes found (dates dateparser must read, lines ftfy repairs, paragraphs
    trafilatura walks, in divs under `html.MAX_CHILDREN` children and under
    `html.MAX_ELEMENTS` elements in all), each in a process of its own; ten times as many
    lines are refused (`TooManyLines`) before they are made, and a paragraph of as many
    links, or more elements, is judged without trafilatura. None may take 2 GB."""
    benchmark.group = "worst-case"
    out: dict = {}

    def run() -> None:
        proc = subprocess.run([sys.executable, "-c", _WORST_SCRIPT, shape, str(WORST_LINES)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        out.update(json.loads(proc.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(
        label=f"{shape} ({out['bytes'] / 1e6:.1f} MB)", seconds=f"{out['seconds']:.1f}",
        added_memory=f"{out['added_mb']:.0f} MB", outcome=out["outcome"])
    assert out["added_mb"] < 2048


# --- the service -------------------------------------------------------------------------

_WRK_LUA = """
local bodies = {}
local i = 0
function init(args)
  for _, path in ipairs(args) do
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
end
function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/v1/clean", {["Content-Type"] = "text/plain"}, bodies[i])
end
"""


def _serve(app: str, port: int, tmp: Path) -> subprocess.Popen:
    from tests.conftest import start_gunicorn, wait_ready

    proc = start_gunicorn(app, port, tmp / f"server-{port}.log", tmp / f"metrics-{port}", ROOT)
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
    except RuntimeError:
        proc.kill()
        raise
    return proc


def _wrk(port: int, files: list[Path], tmp: Path, seconds: int = 10) -> dict:
    script = tmp / "post.lua"
    script.write_text(_WRK_LUA)
    proc = subprocess.run(["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", "-s",
                           str(script), f"http://127.0.0.1:{port}", "--",
                           *map(str, files)], capture_output=True, text=True, check=True)
    text = proc.stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\b", text, re.M)
        assert m, text
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: (.*)", text)
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"),
            "errors": int(non2xx.group(1)) if non2xx else 0, "socket": sock.group(1) if sock
            else "none"}


def test_service(benchmark):
    """Requests/s and latency of /v1/clean with the seeds under gunicorn (2 workers),
    driven by wrk from another process on loopback, beside a hello-world Flask app under
    the same settings; each also with a one-line body (the service's ceiling when the
    cleaning costs little); and the batch route's docs/s against cleaning in-process."""
    if not shutil.which("wrk"):
        pytest.skip("needs wrk (apt-get install wrk)")
    from tests.conftest import _free_port, stop

    benchmark.group = "service"
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        # A one-line body costs the cleaner little: what the service answers then is the
        # ceiling its own layers (HTTP, Flask, metrics, logging, JSON) leave it.
        line = tmp / "one-line.txt"
        line.write_text("A short line of text to clean.\n", encoding="utf-8")

        def run() -> None:
            for name, app in (("hello", "benchmarks.hello_app:app"),
                              ("service", "service.wsgi:app")):
                port = _free_port()
                proc = _serve(app, port, tmp)
                try:
                    figures[name] = _wrk(port, seeds, tmp)
                    figures[f"{name}, one line"] = _wrk(port, [line], tmp, seconds=5)
                    if name == "service":
                        figures["batch"] = _batch(port, seeds)
                finally:
                    stop(proc)

        benchmark.pedantic(run, rounds=1, iterations=1)
    s, h, b = figures["service"], figures["hello"], figures["batch"]
    s1, h1 = figures["service, one line"], figures["hello, one line"]
    benchmark.extra_info.update(
        label="POST /v1/clean, seeds, wrk -c8, gunicorn 2 gevent workers",
        service=f"{s['rps']:.0f} req/s (p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, "
                f"{s['errors']} errors, socket errors {s['socket']})",
        hello_world=f"{h['rps']:.0f} req/s (p50 {h['p50']:.1f} ms, p99 {h['p99']:.1f} ms)",
        ratio=f"{s['rps'] / h['rps']:.2f}",
        one_line_body=f"service {s1['rps']:.0f} req/s, hello_world {h1['rps']:.0f} req/s, "
                      f"ratio {s1['rps'] / h1['rps']:.2f}",
        batch=f"{b['batch_docs_s']:.0f} docs/s over /v1/clean/batch vs "
              f"{b['inprocess_docs_s']:.0f} in-process ({b['ratio']:.2f}x)")
    assert s["errors"] == 0 and h["errors"] == 0 and s1["errors"] == 0 and h1["errors"] == 0


def _batch(port: int, seeds: list[Path], copies: int = 40) -> dict:
    texts = [p.read_text("utf-8") for p in seeds] * copies
    body = b"".join(json.dumps({"id": i, "text": t}).encode() + b"\n"
                    for i, t in enumerate(texts))
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/clean/batch", data=body,
                                     headers={"Content-Type": "application/x-ndjson"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as r:
        lines = r.read().splitlines()
    batch = time.perf_counter() - start
    assert len(lines) == len(texts) and all(b'"result"' in line for line in lines)
    for t in texts[:len(seeds)]:
        clean(t)  # warm up this process as the server's workers were
    start = time.perf_counter()
    for t in texts:
        clean(t)
    local = time.perf_counter() - start
    return {"batch_docs_s": len(texts) / batch, "inprocess_docs_s": len(texts) / local,
            "ratio": local / batch}
