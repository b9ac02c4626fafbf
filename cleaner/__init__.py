"""cleaner: scraped web page in, the article's clean text, metadata and explained removals out.

>>> from cleaner import clean
>>> result = clean("Some scraped text ...")
>>> result.text, result.metadata.language, result.removed
"""

from __future__ import annotations

from .errors import (
    CleanerError,
    InputTooLarge,
    InternalError,
    InvalidInput,
    MalformedInput,
    TimeBudgetExceeded,
    TooManyLines,
    UndecodableInput,
)
from .kinds import KINDS, RULES
from .options import Options
from .pipeline import clean
from .result import CleanResult, Metadata, MetadataBlock, Removal

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "RULES",
    "CleanResult",
    "CleanerError",
    "InputTooLarge",
    "InternalError",
    "InvalidInput",
    "MalformedInput",
    "Metadata",
    "MetadataBlock",
    "Options",
    "Removal",
    "TimeBudgetExceeded",
    "TooManyLines",
    "UndecodableInput",
    "__version__",
    "clean",
]
