"""Legacy-encoding mojibake: text in GBK, Big5, Shift-JIS, EUC-KR, Windows-1251 and the like
whose bytes were read as a Western code page, as a scraper reads a page served without a
charset (ISO-8859-1 is `requests`' default for text/*): "¹úÄÚ" for 国内, "Ïðèâåò" for
Привет. ftfy repairs UTF-8 read so, not these; the bytes are still there to read again.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from . import _core

#: The Western code pages such text is misread as.
MISREAD_AS = ("cp1252", "iso8859_15", "latin_1")
#: The legacy encodings it may really be in, each with the languages (py3langid's codes)
#: written in it: the language of the text read again must be one of them.
LEGACY = {
    "gb18030": ("zh", "wuu", "yue"), "big5": ("zh", "wuu", "yue"),
    "shift_jis": ("ja",), "euc_kr": ("ko",),
    "cp1251": ("ru", "uk", "bg", "sr", "mk", "be"), "cp1253": ("el",),
    "cp1255": ("he",), "cp1256": ("ar", "fa", "ur"), "cp874": ("th",),
}
#: Western text has its letters beyond ASCII alone or in pairs ("Größe", "ação"), and few
#: of them; misread legacy text has them in runs (two or more a character, or whole
#: words): at least this many a run on average, or (Big5 and Shift-JIS put ASCII letters
#: in the second byte, which cut the runs) at least `MIN_LETTERS` of the letters; and
#: `MIN_CHARS` of them, of which `MIN_SHARE` are characters of the code page it was misread
#: as.
MIN_RUN = 4.0
MIN_LETTERS = 0.5
MIN_CHARS = 20
MIN_SHARE = 0.9
#: The reading again must leave at most this share of its characters beyond ASCII
#: undecodable, be no messier than this by charset-normalizer's measure (its own default
#: bar; over its first `MESS_CHARS` characters), and be text in one of its encoding's
#: languages with this probability.
MAX_ERRORS = 0.05
MAX_MESS = 0.2
MESS_CHARS = 3_000
MIN_PROBABILITY = 0.5
#: How much of the text is read again to choose the encoding.
SAMPLE_CHARS = 20_000

#: The first test: this many characters of U+0080-U+00FF in a row, no-break spaces aside
#: (a run of them is layout, common in any text), found by the compiled core.
FIRST_RUN = 3
_NON_ASCII = re.compile(r"[^\x00-\x7f\xa0]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Recoding:
    """Text misread as `misread` that is really `encoding`."""

    misread: str
    encoding: str

    def __call__(self, text: str, errors: str | None = None) -> str:
        """`text` read again: each run of characters of the misread code page (ASCII
        included: a double-byte character's second byte may be ASCII) back to its bytes,
        decoded in `encoding`; a byte sequence that does not decode keeps its characters
        (or as the codec error handler `errors` says), and so does every character outside
        the code page (a renderer's own bullet)."""
        to_latin1 = _to_latin1(self.misread)
        handler = errors or _keep_misread(self.misread)

        def again(m: re.Match[str]) -> str:
            data = m.group().translate(to_latin1).encode("latin-1")
            return data.decode(self.encoding, handler)

        return _runs(self.misread).sub(again, text)


def legacy_recoding(text: str) -> Recoding | None:
    """The `Recoding` that reads `text` right, when it is legacy-encoded text misread as a
    Western code page (`MIN_RUN`); None for any other text. Of the readings that decode
    (`MAX_ERRORS`), the least messy by charset-normalizer's measure (`MAX_MESS`: random
    letters of a script, the wrong one of two encodings of the same bytes) wins when the
    language identifier reads it as one of its encoding's languages. UTF-8 read as a
    Western code page is left to ftfy (`normalise`)."""
    if text.isascii() or not _core.latin1_run(text, FIRST_RUN):
        return None
    from charset_normalizer.md import mess_ratio

    sample = text[:SAMPLE_CHARS]
    beyond = len(_NON_ASCII.findall(sample))
    replaced = sample.count("\ufffd")
    latin = len(_ASCII_LETTER.findall(sample))
    best: tuple[float, Recoding, str] | None = None
    for misread in MISREAD_AS:
        runs = _high_runs(misread).findall(sample)
        chars = sum(map(len, runs))
        if chars < MIN_CHARS or chars < MIN_SHARE * beyond or (
                chars < MIN_RUN * len(runs) and chars < MIN_LETTERS * (chars + latin)):
            continue
        c1 = len(sample) - len(sample.translate(_to_c1_bytes(misread)))
        for encoding in ("utf_8", *LEGACY):
            recoding = Recoding(misread, encoding)
            again = recoding(sample, errors="replace")
            decoded = len(_NON_ASCII.findall(again))
            if not decoded or again.count("\ufffd") - replaced > MAX_ERRORS * decoded:
                continue
            if encoding == "utf_8":
                return None  # UTF-8 misread (legacy bytes seldom decode as UTF-8): ftfy's
            mess = mess_ratio(again[:MESS_CHARS], MAX_MESS)
            # Two code pages may give readings alike but for a few characters (ž is byte
            # 0xB8 in ISO-8859-15, 0x9E in Windows-1252): the bytes 0x80-0x9F are rare in
            # every legacy encoding (punctuation, seldom letters), so of two readings as
            # clean the one that puts fewer characters there wins.
            score = mess + c1 / chars
            if mess <= MAX_MESS and (best is None or score < best[0]):
                best = (score, recoding, again)
    if best is None:
        return None
    _, recoding, again = best
    return recoding if _probability(again, LEGACY[recoding.encoding]) >= MIN_PROBABILITY \
        else None


def _probability(text: str, languages: tuple[str, ...]) -> float:
    """How likely `text` is in one of `languages`, by the language identifier."""
    from .lang import rank_languages

    ranked = rank_languages(text[:3000], n=5)
    return sum(p for code, p in ranked if code in languages)


@cache
def _bytes_of(misread: str) -> dict[str, int]:
    """Each character beyond ASCII of the code page `misread`, to its byte."""
    out = {}
    for b in range(0x80, 0x100):
        try:
            out[bytes([b]).decode(misread)] = b
        except UnicodeDecodeError:
            pass
    return out


@cache
def _to_latin1(misread: str) -> dict[int, int]:
    """A `str.translate` table that makes each character of `misread` beyond ASCII the
    Latin-1 character of its byte (so that Latin-1 encodes the run to its bytes)."""
    return {ord(c): b for c, b in _bytes_of(misread).items() if ord(c) != b}


@cache
def _to_c1_bytes(misread: str) -> dict[int, None]:
    """A `str.translate` table that deletes the characters of `misread` whose bytes are
    0x80-0x9F."""
    return {ord(c): None for c, b in _bytes_of(misread).items() if b < 0xA0}


def _chars(misread: str, skip: str = "") -> str:
    """The characters of `misread` beyond ASCII but `skip`, escaped for a character class."""
    return "".join(re.escape(c) for c in sorted(_bytes_of(misread)) if c not in skip)


@cache
def _runs(misread: str) -> re.Pattern[str]:
    """Runs of characters of `misread`, ASCII included."""
    return re.compile(rf"[\x00-\x7f{_chars(misread)}]+")


@cache
def _high_runs(misread: str) -> re.Pattern[str]:
    """Runs of characters of `misread` beyond ASCII, no-break spaces aside."""
    return re.compile(rf"[{_chars(misread, skip=chr(0xa0))}]+")


@cache
def _keep_misread(misread: str) -> str:
    """The name of a codec error handler that keeps undecodable bytes as the characters
    they were misread as."""
    name = f"cleaner-keep-{misread}"

    def keep(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        return exc.object[exc.start:exc.end].decode(misread, "replace"), exc.end

    codecs.register_error(name, keep)
    return name
