"""Damage that real scrapes show, applied to renderings to make extra training pages.

Each damage is a function of the rendering, the page's gold text and a seeded random
generator, so the build stays deterministic: Windows line ends, no blank lines at all,
junk lines from the lexicons dropped inside the article ("See also: <another headline>",
share and newsletter lines), a breadcrumb trail made of the page's own menu words, the menu
repeated at the bottom. Two more start from the gold itself, since users also send text
that is already clean, or nearly: the article alone (it must all stay), and the article
with a few junk lines around and inside it (a breadcrumb trail among them on half, a
byline or a date line above the article on half). One leaves the text as it is and has
the page judged without stop words (`NO_STOP_WORDS`).
"""

from __future__ import annotations

import random
from functools import lru_cache

import regex

from cleaner.lexicon import lexicon

#: Not a change to the text: the page is judged without stop words, as a page in a language
#: with no stop-word list is (Thai, Burmese, Amharic, Mongolian, ... and text the identifier
#: names no language); judged so, the dev pages lost 0.03-0.05 F1 (aeb 0.937 -> 0.900,
#: wcxb-dev 0.828 -> 0.797, DAnIEL's English 0.946 -> 0.912, resiliparse renderings).
NO_STOP_WORDS = "no-stop-words"

DAMAGES = ("crlf", "no-blank-lines", "junk-inside", "breadcrumb", "repeated-menu", "clean",
           "clean-with-junk", "phrase-in-prose", "split-list", NO_STOP_WORDS)
#: Lexicon tables whose phrases are dropped into article sentences ("phrase-in-prose"): an
#: article may discuss cookies, a newsletter or sharing, and must stay.
_PROSE_TABLES = frozenset({"cookie_notice", "newsletter", "share", "advertisement", "comments",
                           "legal"})
#: Longest list item made by "split-list".
MAX_ITEM_CHARS = 60
#: Tables whose listed lines are dropped inside articles.
_JUNK_TABLES = frozenset({"share", "advertisement", "newsletter", "navigation", "comments",
                          "section_label"})


#: DAnIEL names its languages; the lexicons use ISO codes.
_CODES = {"English": "en", "Chinese": "zh", "Greek": "el", "Polish": "pl", "Russian": "ru"}


@lru_cache(maxsize=32)
def _listed(tables: frozenset[str], lang: str = "") -> list[str]:
    """The whole lines the lexicons list in `tables`, of the page's language (of every
    language when it has none), capitalised as a page shows them."""
    lang = _CODES.get(lang, lang)
    pairs = sorted((k, code) for k, (table, code) in lexicon().lines.items()
                   if table in tables)
    lines = [k for k, code in pairs if code == lang] or [k for k, _ in pairs]
    return [k[:1].upper() + k[1:] for k in lines if k]


def _junk_lines(lang: str = "") -> list[str]:
    """Listed junk lines of the page's language (of every language when it has none)."""
    return _listed(_JUNK_TABLES, lang)


@lru_cache(maxsize=16)
def _related_lines(lang: str) -> tuple[list[str], list[str]]:
    """Related-link prefixes from the lexicon of `lang` (of all when it has none), and
    headlines of other pages (WCXB titles)."""
    from training.render import pages

    lang = _CODES.get(lang, lang)
    table = lexicon().prefix_lang.get("related_link", {})
    prefixes = sorted(p for p, code in table.items() if code == lang) or sorted(table)
    titles = sorted({str(r["title"]).strip() for r in pages("wcxb-dev")
                     if r.get("title") and 3 <= len(str(r["title"]).split()) <= 16})
    return [p[:1].upper() + p[1:] for p in prefixes], titles


def _trail(rng: random.Random, lang: str) -> str:
    """A breadcrumb trail of two to four menu words ("Home » Sport » Football")."""
    steps = rng.sample(_listed(frozenset({"navigation"}), lang), rng.randint(2, 4))
    return rng.choice([" » ", " > ", " / ", " › "]).join(steps)


#: Two capitalised words in a row ("Vladimir Putin", "Jane Smith"): a byline's name, drawn
#: from the page's own text so that the build invents no words. (Session 43 drew them from a
#: fixed list of made-up names, and the vocabulary, which counts the damaged copies too,
#: learned those surnames as junk words: petrov 1.72, sharma 1.30 log-odds.)
_NAME = regex.compile(r"\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+\b")


def _meta_line(rng: random.Random, lang: str, gold: str) -> str:
    """A byline ("By Jane Smith", a name the page's gold text holds, `_NAME`) or, on half
    the pages and where the gold holds no name, a date line ("Updated: 18.06.2024 10:30"),
    with a listed prefix of the page's language (of any when it has none)."""
    names = sorted(set(_NAME.findall(gold)))
    table = rng.choice(["byline", "timestamp"]) if names else "timestamp"
    found = lexicon().prefix_lang.get(table, {})
    code = _CODES.get(lang, lang)
    prefixes = sorted(p for p, c in found.items() if c == code) or sorted(found)
    prefix = rng.choice(prefixes)
    prefix = prefix[:1].upper() + prefix[1:]
    if table == "byline":
        return f"{prefix} {rng.choice(names)}"
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2010, 2026)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    return f"{prefix}: {day:02d}.{month:02d}.{year} {hour:02d}:{minute:02d}"


def _junk(rng: random.Random, lang: str) -> str:
    """One junk line: a listed menu, share or newsletter line, or a pointer to a headline."""
    if rng.random() < 0.4:
        prefixes, titles = _related_lines(lang)
        return f"{rng.choice(prefixes)}{rng.choice([': ', ' ', ' - ', ' » '])}{rng.choice(titles)}"
    return rng.choice(_junk_lines(lang))


@lru_cache(maxsize=16)
def _prose_phrases(lang: str) -> list[str]:
    """Listed junk phrases of `lang` (of all languages when it has none)."""
    lang = _CODES.get(lang, lang)
    found = sorted({(phrase, code) for entries in lexicon().phrase_index.values()
                    for _, table, phrase, code in entries if table in _PROSE_TABLES})
    return [p for p, code in found if code == lang] or [p for p, _ in found]


def _items(paragraph: str) -> list[str]:
    """`paragraph` cut at its commas into list items, or [] when the pieces would not be."""
    items = [p.strip(" ,;.") for p in paragraph.replace(";", ",").split(",")]
    items = [i for i in items if i]
    if not 3 <= len(items) <= 10 or any(len(i) > MAX_ITEM_CHARS for i in items):
        return []
    return items


def _menu(lines: list[str]) -> list[str]:
    """The page's first few short lines: its menu, mostly."""
    return [s.strip() for s in lines[:40] if 0 < len(s.strip()) < 25][:6]


def damage(text: str, gold: str, how: str, rng: random.Random, lang: str = "") -> str:
    """The rendering `text` of a page whose gold is `gold` and language `lang`, with the
    damage `how` (one of `DAMAGES`) done to it (see `damage_page` for the ones that change
    the gold too)."""
    return damage_page(text, gold, how, rng, lang)[0]


def damage_page(text: str, gold: str, how: str, rng: random.Random,
                lang: str = "") -> tuple[str, str]:
    """(text, gold) of a page after the damage `how`: "split-list" turns a paragraph of
    the article into a list of short lines in both."""
    if how == "split-list":
        paragraphs = [p.strip() for p in gold.split("\n\n") if p.strip()]
        lines = text.splitlines()
        where = {s.strip(): i for i, s in enumerate(lines)}
        splittable = [p for p in paragraphs if p in where and _items(p)]
        for p in rng.sample(splittable, min(2, len(splittable))):
            items = _items(p)
            lines[where[p]] = "\n".join(items)
            gold = gold.replace(p, "\n".join(items))
        return "\n".join(lines), gold
    if how == "phrase-in-prose":
        phrases = _prose_phrases(lang)
        lines = text.splitlines()
        long_at = [i for i, s in enumerate(lines) if len(s) > 150]
        for i in rng.sample(long_at, min(3, len(long_at))):
            words = lines[i].split(" ")
            if len(words) >= 3:
                words.insert(rng.randint(1, len(words) - 1), rng.choice(phrases))
                lines[i] = " ".join(words)
            else:  # a script written without spaces: in at a character
                at = rng.randint(1, len(lines[i]) - 1)
                lines[i] = f"{lines[i][:at]}{rng.choice(phrases)}{lines[i][at:]}"
        return "\n".join(lines), gold
    return _damage(text, gold, how, rng, lang), gold


def _damage(text: str, gold: str, how: str, rng: random.Random, lang: str) -> str:
    if how in ("clean", "clean-with-junk"):
        paragraphs = [p.strip() for p in gold.split("\n\n") if p.strip()]
        if how == "clean-with-junk":
            for _ in range(rng.randint(1, 4)):
                paragraphs.insert(rng.randint(1, max(len(paragraphs), 1)), _junk(rng, lang))
            top = rng.sample(_junk_lines(lang), 3)
            # Half the pages with a breadcrumb trail among the lines on top: a scraper's text
            # of a few paragraphs keeps it as often as the menu (a trail left in short text
            # was kept at 0.78 when no page had taught it).
            if rng.random() < 0.5:
                top.insert(rng.randint(0, len(top)), _trail(rng, lang))
            # And a byline or a date line after them on half, where a scraper's text has it.
            if rng.random() < 0.5:
                top.append(_meta_line(rng, lang, gold))
            paragraphs = [*top, *paragraphs,
                          *(_junk(rng, lang) for _ in range(rng.randint(0, 3)))]
        return rng.choice(["\n\n", "\n"]).join(paragraphs)
    lines = text.splitlines()
    if how == "crlf":
        return "\r\n".join(lines)
    if how == "no-blank-lines":
        return "\n".join(s for s in lines if s.strip())
    if how == "junk-inside":
        long_at = [i for i, s in enumerate(lines) if len(s) > 150]
        for i in sorted(rng.sample(long_at, min(3, len(long_at))), reverse=True):
            lines.insert(i + 1, _junk(rng, lang))
        return "\n".join(lines)
    if how == "breadcrumb":
        menu = _menu(lines)
        if len(menu) >= 2:
            trail = rng.choice([" » ", " > ", " / ", " › "]).join(menu[:3])
            first_long = next((i for i, s in enumerate(lines) if len(s) > 100), 0)
            lines.insert(max(first_long - 1, 0), trail)
        return "\n".join(lines)
    if how == "repeated-menu":
        return "\n".join([*lines, *_menu(lines)])
    if how == NO_STOP_WORDS:
        return text  # the build judges it without stop words (`training.dataset`)
    raise ValueError(how)
