"""Spark, for corpora past one machine: `clean_dataframe` cleans a DataFrame's documents on
the executors (`mapInPandas`; each Python worker loads the cleaner once and keeps it), and
`run_job` (`cleaner spark INPUT... OUTPUT`) reads JSONL and WARC/WET from any URI Spark
reads and writes Parquet, one row a document. Needs the `[spark]` extra (pyspark, pandas,
pyarrow) and Java.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .batch import DEFAULT_SETTINGS, Settings, clean_record
from .batch.sources import DEFAULT_FIELDS, Document, Fields, Reader, kind_of

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

#: The metadata fields that become columns, with their Spark types.
METADATA_COLUMNS = (
    ("title", "string"), ("published", "string"), ("language", "string"),
    ("language_confidence", "double"), ("confidence", "double"), ("author", "string"),
    ("dateline", "string"), ("site_name", "string"), ("description", "string"),
    ("word_count", "long"), ("char_count", "long"), ("content_type", "string"),
    ("encoding", "string"))
#: Every output row (Spark DDL): the document, its metadata, how many blocks were removed
#: (and, with `explain`, the removals as JSON), or the error that stopped it.
OUTPUT_SCHEMA = ", ".join(
    ["id string", "url string", "text string",
     *(f"{name} {kind}" for name, kind in METADATA_COLUMNS),
     "warnings array<string>", "removed_count long", "removed string",
     "error_code string", "error_detail string"])
#: The documents `clean_dataframe` takes, after renaming (`data` holds bytes to decode).
_DOCUMENT_SCHEMA = ("id string, url string, text string, html string, data binary, "
                    "content_type string, error_code string, error_detail string")
_DOCUMENT_COLUMNS = [c.split(" ")[0] for c in _DOCUMENT_SCHEMA.split(", ")]
_OUTPUT_COLUMNS = [c.split(" ")[0] for c in OUTPUT_SCHEMA.split(", ")]


def _frame(pd: Any, rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """Rows as a pandas frame of Python objects, a missing value as None: pandas' own
    inference would make missing values NaN, which Arrow cannot put in a string, list or
    binary column."""
    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=object)
                         for c in columns}, columns=columns)


def clean_dataframe(df: DataFrame, text: str | None = "text", html: str | None = None,
                    id: str | None = "id", url: str | None = "url",
                    settings: Settings = DEFAULT_SETTINGS) -> DataFrame:
    """Clean each row's document: raw text from column `text`, or HTML from `html` where that
    is set; `id` and `url` are carried over. Returns a DataFrame with `OUTPUT_SCHEMA`."""
    from pyspark.sql import functions as F

    def col(name: str | None, kind: str = "string") -> Any:
        if name is None or name not in df.columns:
            return F.lit(None).cast(kind)
        return F.col(name).cast(kind)

    docs = df.select(col(id).alias("id"), col(url).alias("url"), col(text).alias("text"),
                     col(html).alias("html"), F.lit(None).cast("binary").alias("data"),
                     *(F.lit(None).cast("string").alias(c)
                       for c in ("content_type", "error_code", "error_detail")))
    return clean_documents(docs, settings)


def clean_documents(docs: DataFrame, settings: Settings = DEFAULT_SETTINGS) -> DataFrame:
    """Clean a DataFrame of documents in `_DOCUMENT_SCHEMA`'s columns (as `read_documents`
    gives them)."""
    options = asdict(settings)
    return docs.mapInPandas(lambda frames: _clean_frames(frames, options), OUTPUT_SCHEMA)


def _clean_frames(frames: Iterator[pd.DataFrame], options: dict[str, Any]
                  ) -> Iterator[pd.DataFrame]:
    """On an executor: each batch of documents in, a batch of output rows out."""
    import pandas as pd

    settings = Settings(**options)
    for frame in frames:
        rows = [_row(_document(doc), settings) for doc in frame.itertuples(index=False)]
        yield _frame(pd, rows, _OUTPUT_COLUMNS)


def _document(row: Any) -> Document:
    """A `Document` from a row of `_DOCUMENT_SCHEMA` (pandas gives missing values as None
    or NaN)."""
    doc_id = row.id if isinstance(row.id, str) else ""
    url = row.url if isinstance(row.url, str) else None
    content_type = row.content_type if isinstance(row.content_type, str) else None
    if isinstance(row.error_code, str):
        return Document(doc_id, url=url, error=(row.error_code, str(row.error_detail or "")))
    if isinstance(row.html, str):
        return Document(doc_id, row.html, url, content_type or "text/html")
    if isinstance(row.text, str):
        return Document(doc_id, row.text, url, content_type)
    if isinstance(row.data, (bytes, bytearray)):
        return Document(doc_id, bytes(row.data), url, content_type)
    return Document(doc_id, url=url, error=("invalid-document", "the row has no text, html "
                                            "or data"))


def _row(doc: Document, settings: Settings) -> dict[str, Any]:
    """One output row: the record `cleaner batch` writes, flattened to columns."""
    record, result = clean_record(doc, settings)
    row: dict[str, Any] = {"id": doc.id, "url": doc.url}
    if result is None:
        row["error_code"] = record["error"]["code"]
        row["error_detail"] = record["error"]["detail"]
        return row
    row["text"] = record["text"]
    row.update({name: record["metadata"][name] for name, _ in METADATA_COLUMNS})
    row["warnings"] = record["warnings"]
    row["removed_count"] = len(result.removed)
    if settings.explain:
        row["removed"] = json.dumps(record["removed"], ensure_ascii=False)
    return row


# --- reading inputs ------------------------------------------------------------------------

def read_documents(spark: SparkSession, inputs: Sequence[str],
                   fields: Fields = DEFAULT_FIELDS) -> DataFrame:
    """The documents of JSONL and WARC/WET inputs (files, directories or globs of one kind
    each, any URI Spark reads: file://, hdfs://, s3a://...), in `_DOCUMENT_SCHEMA`.

    A JSONL line that is not JSON becomes an error row. A WARC file is read whole by one
    task (Spark's binaryFile), so give the executors memory for the largest file."""
    jsonl = [p for p in inputs if _kind(p) == "jsonl"]
    warc = [p for p in inputs if _kind(p) != "jsonl"]
    frames = []
    if jsonl:
        frames.append(_read_jsonl(spark, jsonl, fields))
    if warc:
        files = spark.read.format("binaryFile").load(warc).select("path", "content")
        frames.append(files.mapInPandas(_warc_documents, _DOCUMENT_SCHEMA))
    out = frames[0]
    for more in frames[1:]:
        out = out.unionByName(more)
    return out


def _kind(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return "jsonl" if kind_of(name) == "jsonl" else "warc"


def _read_jsonl(spark: SparkSession, paths: Sequence[str], fields: Fields) -> DataFrame:
    from pyspark.sql import functions as F

    raw = spark.read.option("mode", "PERMISSIVE").option(
        "columnNameOfCorruptRecord", "_corrupt_record").json(list(paths))
    columns = set(raw.columns)

    def col(name: str) -> Any:
        return F.col(name).cast("string") if name in columns else F.lit(None).cast("string")

    # Rows without an id are named by their file and a row number, as `cleaner batch` does.
    where = F.concat(F.input_file_name(), F.lit(":"),
                     F.monotonically_increasing_id().cast("string"))
    if "_corrupt_record" in columns:
        broken = F.col("_corrupt_record").isNotNull()
        detail = F.concat(F.lit("not a JSON object: "), F.substring("_corrupt_record", 1, 200))
    else:
        broken, detail = F.lit(False), F.lit(None).cast("string")
    return raw.select(
        F.coalesce(col(fields.id), where).alias("id"), col(fields.url).alias("url"),
        col(fields.text).alias("text"), col(fields.html).alias("html"),
        F.lit(None).cast("binary").alias("data"), F.lit(None).cast("string").alias(
            "content_type"),
        F.when(broken, F.lit("invalid-json")).alias("error_code"),
        F.when(broken, detail).alias("error_detail"))


def _warc_documents(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """On an executor: WARC and WET files in, their documents out (as `cleaner batch` reads
    them; an unreadable record becomes an error row)."""
    import pandas as pd

    reader = Reader()
    for frame in frames:
        rows = []
        for path, content in zip(frame["path"], frame["content"], strict=True):
            for doc in reader.warc(io.BytesIO(bytes(content)), path):
                rows.append(_document_row(doc))
        yield _frame(pd, rows, _DOCUMENT_COLUMNS)


def _document_row(doc: Document) -> dict[str, Any]:
    if doc.error is not None:
        return {"id": str(doc.id), "url": doc.url, "error_code": doc.error[0],
                "error_detail": doc.error[1]}
    data = doc.source if isinstance(doc.source, bytes) else doc.source.encode("utf-8")
    return {"id": str(doc.id), "url": doc.url, "data": data, "content_type": doc.content_type}


# --- the ready job ---------------------------------------------------------------------------

def session(master: str | None = None, app: str = "cleaner") -> SparkSession:
    """A Spark session for cleaning: the executors' Python is this one (PYSPARK_PYTHON is set
    to it when unset: PySpark reads the variable, not its config, when it starts the local
    workers), and Arrow batches are small, since documents are large."""
    import os
    import sys

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config(
        "spark.sql.execution.arrow.maxRecordsPerBatch", "256")
    if master:
        builder = builder.master(master)
    if not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable
        builder = builder.config("spark.pyspark.python", sys.executable)
    return builder.getOrCreate()


def run_job(spark: SparkSession, inputs: Sequence[str], output: str,
            settings: Settings = DEFAULT_SETTINGS, fields: Fields = DEFAULT_FIELDS,
            overwrite: bool = False) -> dict[str, int]:
    """Clean every document of `inputs` (`read_documents`) into Parquet at `output`; returns
    the rows written by outcome ("ok" or the error code)."""
    cleaned = clean_documents(read_documents(spark, inputs, fields), settings)
    cleaned.write.mode("overwrite" if overwrite else "errorifexists").parquet(output)
    counts = spark.read.parquet(output).groupBy("error_code").count().collect()
    return {row["error_code"] or "ok": int(row["count"]) for row in counts}
