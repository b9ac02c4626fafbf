"""Bytes are decoded by BOM, UTF-8, the declared charset, then detection; and it says so."""

from __future__ import annotations

import codecs

import pytest

from cleaner import clean
from cleaner.decode import declared_charset, decode

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
