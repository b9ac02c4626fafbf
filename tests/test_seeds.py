"""The five seed documents are cleaned exactly as seeds/expected/*.json says."""

from __future__ import annotations

from cleaner import clean

from .conftest import norm


def test_body_paragraphs_equal_and_in_order(seed):
    text, expected = seed
    optional = {norm(o["text"]) for o in expected["optional"]}
    got = [p for p in clean(text).paragraphs if p not in optional]
    assert got == [norm(p) for p in expected["body"]]


def test_every_junk_line_is_removed_with_its_kind(seed):
    text, expected = seed
    result = clean(text)
    removed = {norm(r.text): r.kind for r in result.removed}
    body = set(result.paragraphs)
    for junk in expected["removed"]:
        line = norm(junk["text"])
        assert line not in body
        assert removed.get(line) == junk["kind"], line


def test_title_date_language_dateline(seed):
    text, expected = seed
    meta = clean(text).metadata
    assert meta.language == expected["language"]
    assert meta.title == expected["title"]
    assert meta.published == expected["published"]
    assert meta.dateline == expected["dateline"]


def test_dateline_stays_in_body(seed):
    text, expected = seed
    result = clean(text)
    if expected["dateline"]:
        assert result.paragraphs[0].startswith(expected["dateline"])


def test_title_and_date_lines_are_metadata_not_body(seed):
    text, expected = seed
    result = clean(text)
    fields = {b.field: norm(b.text) for b in result.metadata_blocks}
    if expected["title"]:
        assert fields.get("title") == norm(expected["title"])
        assert norm(expected["title"]) not in result.paragraphs
    if expected["published"]:
        assert "published" in fields


def test_counts_match_the_text(seed):
    text, _ = seed
    result = clean(text)
    assert result.metadata.char_count == len(result.text)
    assert result.metadata.word_count > 0.5 * len(result.text.split())
