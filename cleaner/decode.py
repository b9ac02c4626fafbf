"""Step 1: turn the caller's `bytes` into `str` (BOM, declared charset, then detection)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import UndecodableInput

# Signatures of common binary formats people post by mistake; named so the error says what
# the bytes look like.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"\x00\x00\x01\x00", "an icon"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# <meta charset="x">, <meta http-equiv=... content="...; charset=x">, <?xml encoding="x"?>
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)

#: Share of control bytes (not tab, newline, carriage return, form feed) above which bytes are
#: taken for binary data rather than text.
BINARY_CONTROL_SHARE = 0.05


#: Every byte but the control bytes that count against text: deleting these from a head
#: leaves the control bytes, counted in C rather than byte by byte in Python.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def sniff_binary(data: bytes) -> str | None:
    """Say what binary format `data` looks like, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:4096]
    if not head:
        return None
    if b"\x00" in head and not _looks_utf16(head):
        return "binary data (it contains NUL bytes)"
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls / len(head) > BINARY_CONTROL_SHARE:
        return "binary data (too many control bytes)"
    return None


def _looks_utf16(head: bytes) -> bool:
    """True when NULs sit at every other byte, as in BOM-less UTF-16 text."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) / 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset named by a Content-Type parameter or inside the document's head."""
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if m:
            return m.group(1)
    found = _DECLARED.search(data[:8192])
    if found:
        raw: bytes = found.group(1) or found.group(2)
        return raw.decode("ascii", "replace")
    return None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Decode `data`; return the text, the encoding used, and warnings about what was assumed.

    Order: a byte-order mark; UTF-8 if the bytes are valid UTF-8; the declared charset; then
    detection with charset-normalizer. Raises `UndecodableInput` for binary data.
    """
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, warnings
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"bytes start with a {name} byte-order mark but do not "
                                       f"decode as {name}: {exc.reason}") from None
    what = sniff_binary(data)
    if what:
        raise UndecodableInput(f"input looks like {what}, not text")
    declared = declared_charset(data, content_type)
    declared_codec = _codec(declared) if declared else None
    if declared and not declared_codec:
        warnings.append(f"declared charset {declared!r} is unknown; ignored")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared_codec and declared_codec not in ("utf-8", "ascii"):
            warnings.append(f"declared charset {declared} ignored: the bytes are valid UTF-8")
        return text, "utf-8", warnings
    if declared_codec:
        try:
            return data.decode(declared_codec), declared_codec, warnings
        except UnicodeDecodeError:
            warnings.append(f"bytes are not valid {declared}; detecting the charset instead")
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableInput("cannot decode the bytes as text in any likely charset")
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        text = data.decode(best.encoding, "replace")
        warnings.append(f"some bytes are not valid {best.encoding}; replaced with U+FFFD")
    warnings.append(f"charset not declared; detected {best.encoding}")
    return text, best.encoding, warnings
