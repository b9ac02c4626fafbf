"""benchmarks/probes.py: shapes go in after their anchor paragraph, and are judged by line."""

from __future__ import annotations

from benchmarks import probes

PARAGRAPHS = ["First paragraph of the article, long enough to anchor the lines put in after it.",
              "Second paragraph of the article, long enough to anchor the lines put in after it.",
              "Third paragraph of the article, long enough to anchor the lines put in after it."]
PAGE = "\n".join(["Home | News", *PARAGRAPHS, "Privacy policy"])


def test_a_probe_goes_in_after_the_middle_or_the_last_paragraph():
    mid = probes.Probe("t", "mid", ("Pros:", "Light"), True)
    end = probes.Probe("t", "end", ("Tags: a, b",), False)
    text, key = probes.insert(PAGE, PARAGRAPHS, mid)
    lines = text.splitlines()
    assert lines[lines.index(PARAGRAPHS[1]) + 1:][:2] == ["Pros:", "Light"]
    assert PARAGRAPHS[1].startswith(key)
    text, _ = probes.insert(PAGE, PARAGRAPHS, end)
    assert text.splitlines()[-2:] == ["Tags: a, b", "Privacy policy"]
    # A rendering that cut the paragraph elsewhere holds no anchor line: the page is skipped.
    assert probes.insert(PAGE.replace("Second paragraph", "Second\nparagraph"), PARAGRAPHS,
                         mid) is None


def test_lines_are_compared_whole_with_white_space_folded():
    assert probes._lines("  Pros:\n\nLong   battery life \n") == {"Pros:", "Long battery life"}


def test_every_probe_is_named_once_and_says_where_it_goes():
    names = [p.name for p in probes.PROBES]
    assert len(names) == len(set(names))
    assert {p.where for p in probes.PROBES} == {"mid", "end"}
    assert any(p.keep for p in probes.PROBES) and any(not p.keep for p in probes.PROBES)


def test_the_report_shows_right_over_counted_for_each_system():
    results = {p.name: {"ours": (3, 4), "c4-filter": (0, 0)} for p in probes.PROBES}
    table = probes.report(results, ("ours", "c4-filter"), "python -m benchmarks.probes")
    assert "| ingredients | mid | keep | 0.75 (3/4) | - |" in table
