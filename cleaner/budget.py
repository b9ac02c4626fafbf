"""A per-call time budget, checked cooperatively: `clean` sets a deadline and the slow loops
call `check()`. A context variable, so threads (and async tasks) each have their own."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import TimeBudgetExceeded

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("cleaner_deadline", default=None)


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Within this block, `check()` raises `TimeBudgetExceeded` once `seconds` have passed
    (0 or less: no limit). Nested budgets keep the earlier deadline."""
    outer = _DEADLINE.get()
    if seconds <= 0:
        yield
        return
    deadline = time.monotonic() + seconds
    if outer is not None and outer[0] <= deadline:
        yield
        return
    token = _DEADLINE.set((deadline, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise `TimeBudgetExceeded` when the current budget is spent."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeBudgetExceeded(current[1])
