"""The Spark job and `clean_dataframe`, for real on local[2]: one Parquet row per input
document (JSONL, WARC, WET), each equal to `clean()` on that document.

Needs pyspark (the `[spark]` extra, which the test extra pulls in) and Java; CI installs
Java when it is missing and sets CLEANER_REQUIRE_SPARK=1, so that there these tests run
rather than skip.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean

from .test_batch import _warc, _wet

if os.environ.get("CLEANER_REQUIRE_SPARK") != "1":
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java", allow_module_level=True)

pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    with gzip.open(ROOT / "tests/fixtures/quality/pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def spark():
    from cleaner.spark import session

    s = session("local[2]", "cleaner-tests")
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def _rows(path: Path) -> list[dict]:
    return pq.read_table(str(path)).to_pylist()


def _check(row: dict, source: str | bytes, content_type: str | None = None) -> None:
    want = clean(source, content_type=content_type, url=row["url"])
    assert row["error_code"] is None, row["error_detail"]
    assert row["text"] == want.text
    meta = want.to_dict()["metadata"]
    for name in ("title", "published", "language", "language_confidence", "confidence",
                 "author", "word_count", "char_count", "content_type", "encoding"):
        assert row[name] == meta[name], name
    assert row["removed_count"] == len(want.removed)
    assert list(row["warnings"]) == want.warnings


def test_job_writes_one_row_per_document_equal_to_clean(spark, tmp_path: Path,
                                                        pages: list[dict]) -> None:
    from cleaner.spark import run_job

    lines = [json.dumps({"id": f"{p['id']}-raw", "text": p["raw"], "url": p["url"]})
             for p in pages[:6]]
    lines += [json.dumps({"id": f"{p['id']}-html", "html": p["html"], "url": p["url"]})
              for p in pages[6:9]]
    lines.insert(3, '{"id": "cut short", "text": ')
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pages.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    _warc(tmp_path / "in" / "crawl.warc.gz", pages[9:11])
    _wet(tmp_path / "in" / "crawl.warc.wet.gz", pages[11:])
    inputs = [str(tmp_path / "in" / n) for n in ("pages.jsonl", "crawl.warc.gz",
                                                 "crawl.warc.wet.gz")]
    counts = run_job(spark, inputs, str(tmp_path / "out"))
    assert counts == {"ok": 12, "invalid-json": 1}
    rows = _rows(tmp_path / "out")
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(by_id) == 13
    for p in pages[:6]:
        _check(by_id[f"{p['id']}-raw"], p["raw"])
    for p in pages[6:9]:
        _check(by_id[f"{p['id']}-html"], p["html"], "text/html")
    by_url = {r["url"]: r for r in rows if r["id"].startswith("<urn:uuid:")}
    for p in pages[9:11]:
        _check(by_url[p["url"]], p["html"].encode("utf-8"), "text/html; charset=utf-8")
    _check(by_url[pages[11]["url"]], pages[11]["raw"].encode("utf-8"), "text/plain")
    [broken] = [r for r in rows if r["error_code"]]
    assert broken["error_code"] == "invalid-json" and broken["text"] is None


def test_clean_dataframe_on_named_columns(spark, pages: list[dict]) -> None:
    from cleaner.batch import Settings
    from cleaner.spark import clean_dataframe

    df = spark.createDataFrame([(i, p["raw"], p["url"]) for i, p in enumerate(pages[:4])],
                               "n long, body string, link string")
    out = clean_dataframe(df, text="body", id="n", url="link",
                          settings=Settings(explain=True)).collect()
    assert sorted(int(r["id"]) for r in out) == [0, 1, 2, 3]
    for row in out:
        p = pages[int(row["id"])]
        _check(row.asDict(), p["raw"])
        removed = json.loads(row["removed"])
        assert removed == clean(p["raw"], url=p["url"]).to_dict()["removed"]


def test_the_command(tmp_path: Path, pages: list[dict]) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": p["id"], "text": p["raw"]}) + "\n"
                           for p in pages[:3]), "utf-8")
    run = subprocess.run([sys.executable, "-m", "cleaner", "spark", str(src),
                          str(tmp_path / "out"), "--master", "local[2]"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "3 rows written" in run.stderr
    rows = {r["id"]: r for r in _rows(tmp_path / "out")}
    for p in pages[:3]:
        _check(rows[p["id"]], p["raw"])
    again = subprocess.run([sys.executable, "-m", "cleaner", "spark", str(src),
                            str(tmp_path / "out"), "--master", "local[2]"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 1 and "already exists" in again.stderr
