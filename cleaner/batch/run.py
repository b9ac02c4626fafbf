"""An ordered, bounded parallel map for `cleaner batch`: chunks go to worker processes as
they are read, results come back in input order, and at most a few chunks per worker are in
flight, so a 10 GB archive streams through in constant memory."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

C = TypeVar("C")
R = TypeVar("R")

#: Chunks in flight per worker: enough to keep each busy while the reader and the writer
#: run in this process, few enough to bound memory.
IN_FLIGHT = 3


def ordered(chunks: Iterable[C], fn: Callable[..., R], workers: int,
            *args: Any) -> Iterator[tuple[C, R]]:
    """Each chunk with `fn(chunk, *args)`, in the order of `chunks`. One worker runs in this
    process; more run in a pool of processes started from a clean server process (no
    threads of this one are copied into them) that has already warmed the cleaner up
    (`cleaner.batch.warm`).

    A worker that dies (killed, out of memory) breaks the pool. The chunks it took down are
    then run again one at a time in a new pool; one that breaks it again is the cause, and
    its result is `fn(chunk, *args, crashed=True)` (error lines, for `cleaner batch`)."""
    if workers <= 1:
        for chunk in chunks:
            yield chunk, fn(chunk, *args)
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cleaner.batch.warm"])
    pool = ProcessPoolExecutor(workers, mp_context=ctx)
    pending: deque[tuple[C, Future[R]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(fn, chunk, *args)))
            while len(pending) >= workers * IN_FLIGHT:
                pool = yield from _next(pending, pool, fn, workers, ctx, args)
        while pending:
            pool = yield from _next(pending, pool, fn, workers, ctx, args)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _next(pending: deque[tuple[C, Future[R]]], pool: ProcessPoolExecutor,
          fn: Callable[..., R], workers: int, ctx: Any,
          args: tuple[Any, ...]) -> Generator[tuple[C, R], None, ProcessPoolExecutor]:
    """Yield the oldest chunk's result, after recovering from a broken pool if need be;
    returns the pool to go on with."""
    chunk, future = pending[0]
    try:
        result = future.result()
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        pool = ProcessPoolExecutor(workers, mp_context=ctx)
        again = list(pending)
        pending.clear()
        for c, f in again:
            if f.done() and not f.cancelled() and f.exception() is None:
                pending.append((c, f))  # finished before the pool broke
                continue
            try:
                value = pool.submit(fn, c, *args).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(workers, mp_context=ctx)
                value = fn(c, *args, crashed=True)
            pending.append((c, _done(value)))
        chunk, future = pending[0]
        result = future.result()
    pending.popleft()
    yield chunk, result
    return pool


def _done(value: R) -> Future[R]:
    future: Future[R] = Future()
    future.set_result(value)
    return future
