"""Language arguments: an ISO 639-1 code ("en") or a BCP 47 tag whose primary subtag is one
("en-US", "pt-BR", "zh-Hant-TW"). The same check serves `clean()`, the command line and the
service; the tag's registry is langcodes' copy of IANA's."""

from __future__ import annotations

import re

import langcodes

from .errors import InvalidInput

# BCP 47's shape with a two-letter primary subtag: subtags of 1 to 8 letters or digits
# joined by hyphens (langcodes also takes "en_US", which BCP 47 does not).
_SHAPE = re.compile(r"[A-Za-z]{2}(?:-[A-Za-z0-9]{1,8})*")


def primary_language(tag: object) -> str:
    """The ISO 639-1 code that `tag` names, lower case ("en" for "EN", "en-US" or
    "en-Latn-GB"; "he" for the deprecated "iw"). Raises `InvalidInput` for anything else:
    unassigned codes ("xx", "qq"), three-letter codes ("eng"), names ("english"), tags with
    malformed subtags ("en-1", "en-ABCD") or in another shape ("en_US")."""
    if not isinstance(tag, str) or not _SHAPE.fullmatch(tag) or not langcodes.tag_is_valid(tag):
        raise InvalidInput(f"language must be an ISO 639-1 code like 'en' or a BCP 47 tag "
                           f"like 'pt-BR', not {tag!r}")
    code = langcodes.Language.get(tag.split("-")[0]).language or ""
    if len(code) != 2:  # pragma: no cover - every registered 2-letter subtag is ISO 639-1
        raise InvalidInput(f"language {tag!r} has no ISO 639-1 code")
    return code
