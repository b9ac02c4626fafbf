"""The training build's damaged copies (`training.damage`): what each does to a rendering."""

from __future__ import annotations

import random

import pytest

from cleaner.core import evidence
from training.damage import DAMAGES, NO_STOP_WORDS, damage_page
from training.render import CORPORA_DIR

#: Damages that may draw other pages' headlines from the dev corpora (`damage._junk`).
NEEDS_CORPORA = {"junk-inside", "clean-with-junk"}

TEXT = "\n".join([
    "Home", "News", "Sport",
    "The council met on Tuesday and agreed the budget for the coming year after a long "
    "debate about roads, schools and the new library that the town has wanted for years.",
    "Share this article",
])
GOLD = TEXT.splitlines()[3]


@pytest.mark.parametrize("how", DAMAGES)
def test_every_damage_keeps_the_article_in_text_and_gold(how: str) -> None:
    if how in NEEDS_CORPORA and not (CORPORA_DIR / "wcxb-dev.jsonl.gz").exists():
        pytest.skip("needs the dev corpora (CLEANER_CORPORA)")
    text, gold = damage_page(TEXT, GOLD, how, random.Random(7), "en")
    assert "agreed the budget" in text
    assert "agreed the budget" in gold


def test_the_no_stop_words_copy_is_judged_as_a_language_without_a_list() -> None:
    text, gold = damage_page(TEXT, GOLD, NO_STOP_WORDS, random.Random(7), "en")
    assert (text, gold) == (TEXT, GOLD)
    _, plain = evidence(text)
    _, bare = evidence(text, stop_words=False)
    assert plain.has_stoplist and plain.column("stopwords").sum() > 0
    assert not bare.has_stoplist and bare.column("stopwords").sum() == 0
    # Everything that does not read stop words is measured alike.
    assert (plain.column("length") == bare.column("length")).all()


def test_every_damage_meets_every_renderer() -> None:
    from training.dataset import damage_of

    renderers = ("bs4", "html-text", "html2text", "inscriptis", "resiliparse")
    pairs = {(r, damage_of({"corpus": "aeb", "id": f"page{i}", "renderer": r}))
             for i in range(300) for r in renderers}
    assert pairs == {(r, d) for r in renderers for d in DAMAGES}


@pytest.mark.parametrize("lang", ["en", "Russian", "Chinese", "Greek", "pt"])
def test_made_up_bylines_and_date_lines_are_lines_the_rules_catch(lang):
    """The bylines and date lines the near-clean pages carry are what the lexicons' rules
    fire on in real scrapes, so the labeller learns them with their rule's columns set."""
    from cleaner.features import compute
    from cleaner.rules import judge
    from training.damage import _meta_line

    rng = random.Random(7)
    gold = "Mayor Jane Smith met Ivan Petrov on Tuesday.\n\nThe council agreed the budget."
    kinds = set()
    for _ in range(20):
        line = _meta_line(rng, lang, gold)
        verdict = judge(line, compute(line, frozenset()), "en")
        assert verdict is not None and verdict.kind in ("byline", "timestamp"), line
        kinds.add(verdict.kind)
        # A byline's name is one the page holds: the build invents no words.
        assert verdict.kind != "byline" or line.endswith(("Jane Smith", "Ivan Petrov",
                                                           "Mayor Jane")), line
    assert kinds == {"byline", "timestamp"}


def test_a_page_without_a_name_gets_a_date_line_not_a_byline():
    from training.damage import _meta_line

    rng = random.Random(1)
    assert all(":" in _meta_line(rng, "Chinese", "市议会周二通过了预算。") for _ in range(10))


def test_a_made_up_trail_is_menu_words_between_separators():
    from cleaner.lexicon import lexicon, line_key
    from training.damage import _trail

    menu = {k for k, (table, _) in lexicon().lines.items() if table == "navigation"}
    rng = random.Random(3)
    for _ in range(20):
        steps = [s for s in _trail(rng, "en").replace("›", "»").replace(">", "»")
                 .replace("/", "»").split(" » ")]
        assert 2 <= len(steps) <= 4 and all(line_key(s) in menu for s in steps), steps
