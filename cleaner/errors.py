"""The exceptions `cleaner` raises: one root, a subclass per way input can be unusable."""

from __future__ import annotations


class CleanerError(Exception):
    """Root of every error the cleaner raises on purpose; catch this one."""

    #: Short machine-readable name, used by the HTTP service in problem documents.
    code = "cleaner-error"


class InvalidInput(CleanerError, TypeError):
    """The source is not `str` or `bytes`, or an argument has the wrong type or value."""

    code = "invalid-input"


class InputTooLarge(CleanerError, ValueError):
    """The source is larger than `Options.max_input_size` (or, `TooManyLines`, has more
    lines than `Options.max_lines`)."""

    code = "input-too-large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"input is {size:,} long, over the limit of {limit:,}")
        self.size = size
        self.limit = limit

    def __reduce__(self) -> tuple[type, tuple[int, ...]]:
        # Pickled as the arguments it was made with (a process pool sends a worker's
        # exception to its parent so), not as its message.
        return type(self), (self.size, self.limit)


class TooManyLines(InputTooLarge):
    """The text has more non-blank lines than `Options.max_lines`: each line costs the cleaner
    a few kilobytes of memory while it judges the page, so a text of millions of short lines
    is refused before they are made (as an input over the size limit is: same `code`)."""

    def __init__(self, limit: int) -> None:
        Exception.__init__(self, f"input has more than {limit:,} non-blank lines, over the "
                                 "limit (max_lines)")
        #: At least this many: the cleaner stops counting one line past the limit.
        self.size = limit + 1
        self.limit = limit

    def __reduce__(self) -> tuple[type, tuple[int, ...]]:
        return type(self), (self.limit,)


class UndecodableInput(CleanerError, ValueError):
    """Bytes that are binary data or cannot be decoded as text in any likely charset."""

    code = "undecodable-input"


class MalformedInput(CleanerError, ValueError):
    """Input that decodes but cannot be cleaned without loss or in reasonable time (HTML
    nested past the parser's depth limit, a tag of over 1,000 attributes)."""

    code = "malformed-input"


class TimeBudgetExceeded(CleanerError, TimeoutError):
    """Cleaning took longer than `Options.time_budget` seconds and was abandoned."""

    code = "time-budget-exceeded"

    def __init__(self, budget: float) -> None:
        super().__init__(f"cleaning took longer than the time budget of {budget:g} s")
        self.budget = budget

    def __reduce__(self) -> tuple[type, tuple[float]]:
        return type(self), (self.budget,)


class InternalError(CleanerError, RuntimeError):
    """The compiled core failed on this input (a bug, never the input's fault): it is
    reported as an error rather than crashing the process. Please report it with the input."""

    code = "internal-error"
