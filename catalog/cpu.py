"""The process pool for the pure CPU part of bulk work: a spreadsheet import's row checks and the
search documents of its new records (catalog/importing.py). One pool per process, started on first
use with `spawn` (no forked copy of the event loop, the database pool or the app); each worker loads
the search analyzer once when it starts and leaves when the process that started it is gone (a
SIGKILLed server leaves no workers behind). The workers get and return plain data (rows, values,
strings), never sessions.

Its size: `configure(n)` (the API server and the CLI pass EQM_IMPORT_WORKERS), by default
min(2, CPU count); 0 runs everything in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_lock = threading.Lock()
_size: int | None = None
_pool: ProcessPoolExecutor | None = None


def default_size() -> int:
    return min(2, os.cpu_count() or 1)


def size() -> int:
    """The configured number of worker processes (0: none, work in the caller)."""
    return default_size() if _size is None else _size


def configure(workers: int | None) -> None:
    """Set the pool size (None: the default); a running pool of another size is shut down."""
    global _size
    with _lock:
        _size = workers
        if _pool is not None and _pool._max_workers != size():  # type: ignore[attr-defined]
            _shutdown_locked()


def pool() -> ProcessPoolExecutor | None:
    """The process's pool, started now if it is not running; None when the size is 0."""
    global _pool
    workers = size()
    if workers <= 0:
        return None
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return _pool


def running() -> bool:
    """Whether this process's pool has been started (and not shut down since)."""
    with _lock:
        return _pool is not None


def worker_pids() -> list[int]:
    """The process ids of the running pool's workers (for benchmarks' memory figures)."""
    with _lock:
        processes = getattr(_pool, "_processes", None) or {}
        return list(processes)


def discard() -> None:
    """Forget a pool that broke (a worker died): the next `pool()` starts a new one."""
    with _lock:
        _shutdown_locked(wait=False)


def shutdown() -> None:
    """Stop the workers (the API server's shutdown, the end of a CLI import)."""
    with _lock:
        _shutdown_locked()


def _shutdown_locked(*, wait: bool = True) -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=wait, cancel_futures=True)
        _pool = None


def warm() -> float:
    """Start the pool's workers and wait until their analyzers are loaded (seconds taken); 0 without a pool."""
    started = time.perf_counter()
    executor = pool()
    if executor is None:
        return 0.0
    futures = [executor.submit(_ready) for _ in range(size())]
    for future in futures:
        future.result()
    return time.perf_counter() - started


def prestart() -> None:
    """Start the pool's workers now without waiting for them (an import request calls it before it
    reads its file, so the workers load their analyzers meanwhile); nothing without a pool."""
    executor = pool()
    if executor is not None:
        for _ in range(size()):
            executor.submit(_ready)


def _ready() -> bool:
    return True


def _start_worker(parent: int) -> None:
    """In each worker: leave when the parent is gone, and load the analyzer before the first task."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    from catalog.text import analyzer

    analyzer().warm()
