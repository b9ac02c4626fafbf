"""Legacy-encoded text read as a Western code page is read again (`cleaner.recode`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean
from cleaner.recode import Recoding, legacy_recoding

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLES = {
    "zh": ("今天上午，市政府召开新闻发布会，介绍了今年城市交通建设的主要进展。"
           "新建的地铁线路将在下个月正式通车，预计每天可以运送乘客二十万人次。"
           "有关部门表示，将继续加强公共交通服务，方便市民出行。"),
    "zh-Hant": ("今天上午，市政府召開新聞發布會，介紹了今年城市交通建設的主要進展。"
                "新建的捷運路線將在下個月正式通車，預計每天可以運送乘客二十萬人次。"
                "有關部門表示，將繼續加強公共交通服務，方便市民出行。"),
    "ja": ("東京都は今日、新しい地下鉄の路線が来月から運行を始めると発表しました。"
           "この路線は一日に二十万人の乗客を運ぶ見込みで、通勤の混雑が緩和されると"
           "期待されています。担当者は、安全な運行に努めると話しています。"),
    "ko": ("서울시는 오늘 새로운 지하철 노선이 다음 달부터 운행을 시작한다고 발표했습니다. "
           "이 노선은 하루에 이십만 명의 승객을 실어 나를 것으로 예상되며, 출퇴근 혼잡이 "
           "줄어들 것으로 기대됩니다. 담당자는 안전한 운행을 위해 노력하겠다고 말했습니다."),
    "ru": ("Городские власти сегодня объявили, что новая линия метро начнёт работу в "
           "следующем месяце. По оценкам, она будет перевозить двести тысяч пассажиров в "
           "день, и это должно уменьшить заторы на дорогах в часы пик."),
    "el": ("Οι αρχές της πόλης ανακοίνωσαν σήμερα ότι η νέα γραμμή του μετρό θα αρχίσει να "
           "λειτουργεί τον επόμενο μήνα. Υπολογίζεται ότι θα μεταφέρει διακόσιες χιλιάδες "
           "επιβάτες την ημέρα και θα μειώσει την κίνηση στους δρόμους."),
}
ENCODING = {"zh": "gb18030", "zh-Hant": "big5", "ja": "shift_jis", "ko": "euc_kr",
            "ru": "cp1251", "el": "cp1253"}


def page(article: str) -> str:
    """A scraped page: a menu, the article's paragraphs, a footer."""
    paragraphs = [article, article[len(article) // 3:], article[: len(article) // 2]]
    return "\n".join(["Home | News | Sport | Contact", *paragraphs, "Copyright 2024 Example"])


@pytest.mark.parametrize("lang", sorted(ARTICLES))
@pytest.mark.parametrize("misread", ["latin_1", "iso8859_15"])
def test_legacy_text_misread_is_read_again(lang, misread):
    text = page(ARTICLES[lang])
    mojibake = text.encode(ENCODING[lang]).decode(misread)
    found = legacy_recoding(mojibake)
    assert found is not None and found.encoding == ENCODING[lang]
    assert found(mojibake) == text
    result = clean(mojibake, content_type="text/plain")
    assert ARTICLES[lang][:20] in result.text
    assert any("read it again" in w for w in result.warnings)


def test_the_removed_lines_keep_the_inputs_characters_and_offsets():
    mojibake = page(ARTICLES["zh"]).encode("gb18030").decode("latin_1")
    result = clean(mojibake, content_type="text/plain")
    for r in result.removed:
        assert mojibake[r.start:r.end] == r.text


def test_bytes_that_do_not_decode_keep_their_characters():
    """A renderer's own bullet among the misread bytes stays as it was."""
    recoding = Recoding("latin_1", "gb18030")
    line = "• " + ARTICLES["zh"][:10].encode("gb18030").decode("latin_1") + " ÿ"
    assert recoding(line) == "• " + ARTICLES["zh"][:10] + " ÿ"


@pytest.mark.parametrize("text", [
    "Die Größe der Straße überrascht, äußerst schön. Über Öl und Äpfel. " * 20,
    "L'été à Noël, où la forêt est très belle et l'église âgée. Ça évolue. " * 20,
    "A ação da população não é fácil, são questões de atenção. " * 20,
    "Þjóðin og ævintýrin í Reykjavík eru í ár á Íslandi. Ærið. " * 20,
    # UTF-8 read as Latin-1: ftfy's to repair, line by line.
    ("The council’s “budget” — agreed on Tuesday — was late. " * 20
     ).encode("utf-8").decode("latin_1"),
    "Prices: 10 € – 20 € · ©®° ±µ¶ · «quoted» ¿qué? ¡sí! " * 10,
])
def test_other_text_is_left_alone(text):
    assert legacy_recoding(text) is None


def test_the_seeds_are_left_alone():
    for path in sorted(SEEDS.glob("*.txt")):
        assert legacy_recoding(path.read_text("utf-8")) is None, path.name
