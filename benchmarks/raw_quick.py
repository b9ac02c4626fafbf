"""Quick raw-text check: our cleaner vs no cleaning vs jusText on rendered corpus pages.

A first cut of the accuracy harness (issue 4 grows it into benchmarks/accuracy.py):

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python benchmarks/raw_quick.py aeb [LIMIT]

Corpora are read from ../shared/corpora (see its README); nothing is copied into the repo.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
import time
from pathlib import Path

import justext
from resiliparse.extract.html2text import extract_plain_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.metric import aggregate
from cleaner import clean
from cleaner.lang import _justext_names, detect_language

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def jusText_on_lines(raw: str) -> str:
    """jusText as a raw-text anchor: each line a <p>, stop words of the detected language."""
    lang = detect_language(raw[:3000])[0] or "en"
    stoplist = justext.get_stoplist(_justext_names().get(lang, "English"))
    page = "<html><body>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in raw.splitlines() if line.strip()
    ) + "</body></html>"
    return "\n".join(p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate)


def main(corpus: str, limit: int) -> None:
    path = CORPORA / f"{corpus}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(limit), fh, strict=False)]
    raws = [extract_plain_text(r["html"], main_content=False) for r in rows]
    gold = [r["gold"] for r in rows]
    results = {}
    for name, fn in [("none", lambda x: x),
                     ("ours", lambda x: clean(x, content_type="text/plain").text),
                     ("jusText", jusText_on_lines)]:
        start = time.perf_counter()
        outs = [fn(x) for x in raws]
        seconds = time.perf_counter() - start
        results[name] = seconds
        scores = aggregate(zip(outs, gold, strict=True))
        print(f"{corpus:10} {name:8} F1 {scores['f1']:.3f}  P {scores['precision']:.3f}  "
              f"R {scores['recall']:.3f}  {len(rows) / seconds:8.1f} docs/s")
    print(f"ours/jusText speed ratio: {results['jusText'] / results['ours']:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "aeb",
         int(sys.argv[2]) if len(sys.argv) > 2 else 10**9)
