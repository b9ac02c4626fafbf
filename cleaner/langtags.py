"""Language arguments: an ISO 639-1 code ("en") or a BCP 47 tag whose primary subtag is one
("en-US", "pt-BR", "zh-Hant-TW"). The same check serves `clean()`, the command line and the
service, and `tag_pattern` states it for the OpenAPI document. Only the primary subtag is
used, so the rest of a tag is checked for its shape (subtags of 1 to 8 letters or digits),
not looked up."""

from __future__ import annotations

import re
import string
from functools import lru_cache

import langcodes

from .errors import InvalidInput

_TAG = re.compile(r"([A-Za-z]{2})((?:-[A-Za-z0-9]{1,8})*)")


@lru_cache(maxsize=1)
def iso_639_1() -> dict[str, str]:
    """Every ISO 639-1 code IANA's registry (as langcodes carries it) knows -> the code the
    cleaner uses for it: itself, or for a deprecated one its successor ("iw" -> "he")."""
    codes = {}
    for a in string.ascii_lowercase:
        for b in string.ascii_lowercase:
            code = a + b
            if langcodes.tag_is_valid(code):
                modern = langcodes.Language.get(code).language or code
                codes[code] = modern if len(modern) == 2 else code  # "tl" stays "tl"
    return codes


def primary_language(tag: object) -> str:
    """The ISO 639-1 code that `tag` names, lower case ("en" for "EN", "en-US" or
    "en-Latn-GB"; "he" for the deprecated "iw"). Raises `InvalidInput` for anything else:
    unassigned codes ("xx", "qq"), three-letter codes ("eng"), names ("english"), and other
    shapes ("en_US", "en-", "en--US")."""
    match = _TAG.fullmatch(tag) if isinstance(tag, str) else None
    code = iso_639_1().get(match.group(1).lower()) if match else None
    if code is None:
        raise InvalidInput(f"language must be an ISO 639-1 code like 'en' or a BCP 47 tag "
                           f"like 'pt-BR', not {tag!r}")
    return code


def tag_pattern() -> str:
    """What `primary_language` accepts, as a JSON Schema (ECMA 262) pattern."""
    codes = "|".join(f"[{c[0]}{c[0].upper()}][{c[1]}{c[1].upper()}]" for c in sorted(iso_639_1()))
    return f"^(?:{codes})(?:-[A-Za-z0-9]{{1,8}})*$"
