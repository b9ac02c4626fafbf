"""Short or junk-looking lines that are part of the article must stay."""

from __future__ import annotations

from cleaner import clean

PARA = [
    "The city council met on Tuesday evening to debate the new budget, which has been delayed "
    "for months by a dispute over funding for public transport and the state of the roads.",
    "Officials said the plan would raise spending on buses by a fifth, while the money for road "
    "repairs would stay the same as last year, to the dismay of several members of the council.",
    "The mayor, who has led the city since 2019, told reporters that she expected the budget to "
    "pass before the end of the month, although the opposition has promised to fight it.",
    "Residents who attended the meeting were divided, and several of them spoke for the full "
    "three minutes allowed to each member of the public before the vote was postponed again.",
]

MENU = ["Home", "World", "Politics", "Business", "Sport", "Subscribe"]
FOOTER = ["Popular posts", "Ten things to do this weekend", "The best phones of the year",
          "Why the markets fell today", "© 2024 Example Media. All rights reserved."]


def page(*body: str) -> str:
    return "\n".join([*MENU, "Council budget vote postponed again", *body, *FOOTER])


def kept(text: str) -> list[str]:
    return clean(text, content_type="text/plain").paragraphs


def test_short_quoted_dialogue_stays():
    lines = ["“Not yet,” she said.", "“When, then?”", "“Soon.”"]
    result = kept(page(PARA[0], *lines, PARA[1], PARA[2]))
    for line in lines:
        assert line in result


def test_subheadings_between_paragraphs_stay():
    result = kept(page(PARA[0], PARA[1], "What happens next", PARA[2], PARA[3]))
    assert "What happens next" in result


def test_list_items_inside_the_article_stay():
    items = ["More buses on the busiest routes", "Free travel for pupils",
             "A new cycle lane on the ring road"]
    result = kept(page(PARA[0], "The plan includes:", *items, PARA[1], PARA[2]))
    for item in items:
        assert item in result


def test_see_also_as_prose_stays():
    line = "See also the report by the transport committee, which found that buses were late."
    result = kept(page(PARA[0], PARA[1], line, PARA[2]))
    assert line in result


def test_read_more_about_as_prose_stays():
    line = ("Read more about the history of the dispute in the council's own minutes, which go "
            "back to the spring of 2021.")
    result = kept(page(PARA[0], line, PARA[1], PARA[2]))
    assert line in result


def test_recipe_ingredient_list_stays():
    ingredients = ["200 g flour", "2 eggs", "1 tsp salt", "300 ml milk", "Butter for the pan"]
    intro = ("These pancakes are the ones my grandmother made every Sunday morning, and they take "
             "no more than twenty minutes from the bowl to the table.")
    method = ("Whisk the flour, eggs and salt together, then add the milk a little at a time "
              "until the batter is smooth, and leave it to rest for ten minutes.")
    cook = ("Melt a little butter in the pan and cook each pancake for about a minute on each "
            "side, until it is golden, then keep them warm in a low oven.")
    result = kept(page(intro, "Ingredients", *ingredients, "Method", method, cook))
    for line in ["Ingredients", *ingredients, "Method"]:
        assert line in result


def test_interview_short_questions_and_answers_stay():
    qa = ["Q: Will the budget pass?", "A: I think it will.", "Q: When?", "A: This month."]
    result = kept(page(PARA[0], PARA[1], *qa, PARA[2], PARA[3]))
    for line in qa:
        assert line in result


def test_the_junk_around_them_still_goes():
    result = clean(page(*PARA), content_type="text/plain")
    assert result.paragraphs == PARA
    kinds = {r.text: r.kind for r in result.removed}
    assert kinds["Popular posts"] == "section-label"
    assert kinds["Ten things to do this weekend"] == "related-list"
    assert kinds["© 2024 Example Media. All rights reserved."] == "legal"
    assert result.metadata.title == "Council budget vote postponed again"


def test_a_top_line_with_the_site_name_gives_the_headline_alone():
    # A renderer puts the document's <title> first: "Headline | Site". The title scorer
    # weighs its pieces too, and the whole line leaves the body for metadata.
    top = "Council budget vote postponed again | Example Gazette"
    result = clean("\n".join([top, *MENU, *PARA, *FOOTER]), content_type="text/plain")
    assert result.metadata.title == "Council budget vote postponed again"
    assert [(b.text, b.field) for b in result.metadata_blocks] == [(top, "title")]
    assert result.paragraphs == PARA
