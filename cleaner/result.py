"""What `clean` returns: the article text, its metadata and the explained removals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One removed block: its text, its kind (see `cleaner.KINDS`) and why it went.

    `start`/`end` are offsets into the decoded input (`source[start:end] == text`); they are
    `None` for HTML input, whose blocks come from the extractor, not from the input string.
    """

    text: str
    kind: str
    reason: str
    start: int | None = None
    end: int | None = None
    #: A stable id of what removed it (`cleaner.RULES`): for code and statistics, where
    #: `reason` is for people.
    rule: str = "other"


def removals(rows: Iterable[tuple[str, str, str, int | None, int | None, str]]
             ) -> list[Removal]:
    """`Removal(*row)` for each row, built without the frozen dataclass's `__init__` (one
    `object.__setattr__` call a field: 1 against 0.35 microseconds a removal, and a raw page
    has a hundred): the same objects, equal and hashing alike (`tests/test_result.py`)."""
    new = object.__new__
    out = []
    for text, kind, reason, start, end, rule in rows:
        r = new(Removal)
        d = r.__dict__
        d["text"], d["kind"], d["reason"], d["start"], d["end"], d["rule"] = (
            text, kind, reason, start, end, rule)
        out.append(r)
    return out


@dataclass(frozen=True)
class MetadataBlock:
    """An input block that left the body because it is metadata (the title, the date line,
    the byline)."""

    text: str
    field: str
    start: int | None = None
    end: int | None = None


@dataclass
class Metadata:
    """Facts about the document. Fields that could not be found are `None`."""

    title: str | None = None
    published: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    #: How good the cleaning probably is, in [0, 1] (a model's estimate of the page's F1
    #: from the labeller's certainty and what it kept): send pages under, say, 0.5 to a
    #: fallback. None where no labeller judged the page.
    confidence: float | None = None
    dateline: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    word_count: int = 0
    char_count: int = 0
    content_type: str = "text/plain"
    encoding: str | None = None


@dataclass
class CleanResult:
    """The outcome of one `clean` call."""

    text: str
    metadata: Metadata
    removed: list[Removal] = field(default_factory=list)
    metadata_blocks: list[MetadataBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The body as a list of paragraphs."""
        return self.text.split("\n\n") if self.text else []

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict: text, metadata, removed, metadata_blocks, warnings."""
        # Field by field: dataclasses.asdict deep-copies every value, which costs more than
        # the JSON encoding itself on a page with a few hundred removals.
        return {
            "text": self.text,
            "metadata": {f: getattr(self.metadata, f) for f in _METADATA_FIELDS},
            "removed": [{"text": r.text, "kind": r.kind, "reason": r.reason, "rule": r.rule,
                         "start": r.start, "end": r.end} for r in self.removed],
            "metadata_blocks": [{"text": b.text, "field": b.field, "start": b.start,
                                 "end": b.end} for b in self.metadata_blocks],
            "warnings": list(self.warnings),
        }


_METADATA_FIELDS = tuple(f.name for f in fields(Metadata))
