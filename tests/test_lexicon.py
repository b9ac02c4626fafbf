"""The junk lexicons load, cover the promised languages, and match what they should."""

from __future__ import annotations

from importlib import resources

import pytest

from cleaner.features import compute
from cleaner.lexicon import TABLE_KIND, lexicon, line_key
from cleaner.rules import judge

REQUIRED = ("en hi te ta bn mr ur es pt fr de it nl pl ru uk tr ar fa zh ja ko id vi "
            "el cs sv da no fi hu ro he th").split()


def test_every_required_language_has_a_file():
    root = resources.files("cleaner") / "data" / "lexicon"
    have = {p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml")}
    assert set(REQUIRED) <= have


def test_every_kind_from_the_lexicon_is_documented():
    from cleaner import KINDS

    assert set(TABLE_KIND.values()) <= set(KINDS)


def test_line_key_ignores_case_digits_and_punctuation():
    assert line_key("  Comments (12) ") == "comments"
    assert line_key("Editor’s Picks:") == "editor's picks"


@pytest.mark.parametrize("line, kind", [
    ("यह भी पढ़ें: मोदी ने कहा कि सरकार काम करेगी", "related-link"),
    ("Lesen Sie auch: Die Regierung plant neue Steuern", "related-link"),
    ("Читайте также: Путин прибыл в Пхеньян", "related-link"),
    ("Comentarios", "section-label"),
    ("相关阅读", "section-label"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Tous droits réservés © 2024 Le Journal", "legal"),
    ("We use cookies to give you the best experience on our website.", "cookie-notice"),
    ("Sign up for our newsletter to get the news in your inbox", "newsletter"),
    ("Advertisement", "advertisement"),
    ("By Jane Doe and John Roe", "byline"),
    ("Photo: Reuters", "credit"),
    ("Updated: June 18, 2024 10:30 IST", "timestamp"),
    # A reading time and a copy button's confirmation, in several languages.
    ("5 min read", "timestamp"),
    ("Reading time: 8 minutes", "timestamp"),
    ("Lesezeit: 4 Min.", "timestamp"),
    ("3 мин чтения", "timestamp"),
    ("阅读 5 分钟", "timestamp"),
    ("Link was copied!", "share"),
    ("Lien copié", "share"),
    # Prefixes after leading punctuation, a prefix that opens with a bracket, and a
    # one-character prefix: the cheap pre-check before each prefix regex must let them by.
    ("» See also: Bus fares rise again in the city", "related-link"),
    ("(Photo: Reuters)", "credit"),
    ("图：新华社", "credit"),
    # Languages the dev corpora hold few or no pages of.
    ("Διαβάστε επίσης: Νέα μέτρα για την ακρίβεια", "related-link"),
    ("Σχετικά άρθρα", "section-label"),
    ("Přečtěte si také: Vláda schválila rozpočet na příští rok", "related-link"),
    ("Läs också: Regeringen vill sänka skatten för pensionärer", "related-link"),
    ("Vi använder cookies för att ge dig en bättre upplevelse.", "cookie-notice"),
    ("Læs også: Regeringen vil sænke skatten for pensionister", "related-link"),
    ("Alle rettigheter forbeholdt", "legal"),
    ("Lue myös: Hallitus esittää veronkevennyksiä eläkeläisille", "related-link"),
    ("Kapcsolódó cikkek", "section-label"),
    ("Citește și: Guvernul vrea să reducă impozitele pensionarilor", "related-link"),
    ("קראו גם: הממשלה רוצה להוריד מסים לגמלאים", "related-link"),
    ("כל הזכויות שמורות", "legal"),
    ("ข่าวที่เกี่ยวข้อง", "section-label"),
    # Bylines that name the author first: Korean, Japanese (no space in Han).
    ("홍길동 기자 hong@example.com", "byline"),
    ("[서울=뉴시스] 홍길동 특파원", "byline"),
    ("山田太郎記者", "byline"),
    ("文/张三", "byline"),
    ("记者 王芳", "byline"),
    ("글 홍길동", "byline"),
    # Thai writes no spaces between words, only between phrases: a phrase is found where
    # it stands as one, and inside a longer run of letters.
    ("เว็บไซต์นี้ใช้คุกกี้ เพื่อเพิ่มประสิทธิภาพและประสบการณ์ที่ดีในการใช้งานเว็บไซต์", "cookie-notice"),
    ("เว็บไซต์ของเราใช้คุกกี้เพื่อเพิ่มประสิทธิภาพและประสบการณ์ที่ดีในการใช้งาน", "cookie-notice"),
    ("ไทยนิวส์ สงวนลิขสิทธิ์ทั้งหมด", "legal"),
    ("อ่านเพิ่มเติม: รัฐบาลเตรียมลดภาษี ให้ผู้สูงอายุ ปีหน้า", "related-link"),
])
def test_lines_match_their_kind(line, kind):
    verdict = judge(line, compute(line, frozenset()), "en")
    assert verdict is not None and verdict.kind == kind


@pytest.mark.parametrize("line", [
    "See also the report by the committee, which found that buses were late.",
    "By the end of the year, the council had spent more than it planned.",
    "Photographs of the meeting were shared widely on social media last night.",
    "The company updated its cookie policy last week after the regulator's ruling.",
    "Next steps",
    # Headlines that open as a listed word of another table does: "More than 100 ...",
    # "Indictment against the mayor" (כתב, "wrote", opens it).
    "Περισσότερα από 100 άτομα τραυματίστηκαν στο σεισμό",
    "כתב אישום נגד ראש העיר",
    # Words that open with a listed prefix in Han or Hangul: "文化" (culture) is no "文"
    # (text by), "글로벌" (global) no "글", "記者会見" (press conference) no "記者" (reporter),
    # "图书馆" (library) no "图" (picture).
    "文化",
    "글로벌 뉴스",
    "記者会見で首相が表明",
    "图书馆",
    # Headlines that end in a byline suffix's word: three words before it, or no name.
    "북한에 억류된 미국 기자",
    "대통령 기자회견",
    "首相が会見で記者",
])
def test_prose_does_not_match(line):
    verdict = judge(line, compute(line, frozenset()), "en")
    assert verdict is None or not verdict.final, verdict


def test_lexicon_is_compiled_once():
    assert lexicon() is lexicon()


def test_prefix_precheck_keeps_every_way_a_prefix_can_start():
    from cleaner.lexicon import Lexicon

    lex = Lexicon({"xx": {"credit": {"prefixes": ["(bild", "图"]},
                          "related_link": {"prefixes_sep": ["lies"]}}})
    assert lex.prefix("credit", "(bild: agentur").phrase == "(bild"
    assert lex.prefix("credit", "» (bild agentur").phrase == "(bild"
    assert lex.prefix("credit", "图：新华社").phrase == "图"
    assert lex.prefix("related_link", "• lies: mehr").has_sep
    assert lex.prefix("credit", "bilder der woche") is None
    assert lex.prefix("related_link", "lies mehr") is None  # needs its separator


def test_a_suffix_byline_says_the_name_comes_first():
    line = "홍길동 기자"
    verdict = judge(line, compute(line, frozenset()), "ko")
    assert verdict is not None and verdict.reason == "author line (a name and '기자')"
    assert dict(verdict.facts)["author"] == "홍길동"
    line = "By Jane Doe"
    verdict = judge(line, compute(line, frozenset()), "en")
    assert verdict is not None and verdict.reason == "author line ('by' and a name)"


def test_suffixes_are_for_bylines_only():
    from cleaner.lexicon import Lexicon

    with pytest.raises(ValueError, match="suffixes"):
        Lexicon({"xx": {"credit": {"suffixes": ["foto"]}}})
