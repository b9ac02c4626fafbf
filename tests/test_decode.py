"""Bytes are decoded by BOM, UTF-8, the declared charset, then detection; and it says so."""

from __future__ import annotations

import codecs

import pytest

from cleaner import clean
from cleaner.decode import BINARY_CONTROL_SHARE, declared_charset, decode, sniff_binary

TEXT = ("Le président a annoncé mardi une réforme des retraites très contestée, "
        "et les syndicats ont appelé à la grève générale à partir de jeudi prochain.")


def test_utf8():
    text, enc, warnings = decode(TEXT.encode("utf-8"))
    assert (text, enc, warnings) == (TEXT, "utf-8", [])


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"),
                                        (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_wins(bom, codec):
    text, _, _ = decode(bom + TEXT.encode(codec))
    assert text == TEXT


def test_declared_charset_in_meta():
    html = f'<html><head><meta charset="windows-1252"></head><body><p>{TEXT}</p></body></html>'
    text, enc, _ = decode(html.encode("cp1252"))
    assert TEXT in text
    assert enc == "cp1252"


def test_content_type_parameter():
    assert declared_charset(b"abc", "text/plain; charset=ISO-8859-1") == "ISO-8859-1"


def test_undeclared_legacy_bytes_are_detected_and_reported():
    russian = ("Президент России Владимир Путин прибыл в Пхеньян с первым за двадцать четыре "
               "года визитом, сообщили государственные СМИ обеих стран в среду утром.") * 3
    text, _, warnings = decode(russian.encode("cp1251"))
    assert text == russian
    assert any("detected" in w for w in warnings)


def test_clean_reports_encoding():
    result = clean(TEXT.encode("utf-8"))
    assert result.metadata.encoding == "utf-8"


def test_mojibake_is_repaired():
    broken = TEXT.encode("utf-8").decode("latin-1")
    result = clean(broken + "\n" + broken.replace("mardi", "jeudi"), content_type="text/plain")
    assert "président" in result.text
    assert any("mojibake" in w for w in result.warnings)


@pytest.mark.parametrize(("head", "binary"), [
    (b"plain text\twith tabs,\r\nnewlines,\x0cform feeds and \x1b[1mANSI\x1b[0m codes\n", False),
    (b"mostly text " * 20 + b"\x01\x02\x03", False),  # 3 control bytes in 243: under 5%
    (b"some text " + bytes(range(1, 9)) * 3, True),  # 24 in 34
])
def test_binary_by_its_share_of_control_bytes(head, binary):
    assert (sniff_binary(head) is not None) is binary
    counted = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    assert (counted / len(head) > BINARY_CONTROL_SHARE) is binary
