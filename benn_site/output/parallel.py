"""Run one function over many items on all cores, sharing the parent's memory by forking.

Pages are pure functions of the site model, so rendering them in parallel needs no coordination:
the parent builds the model, the views and the compiled templates once, then forks worker
processes that inherit all of it copy-on-write (nothing is pickled on the way in). Workers take
chunks of items and send back only what `work` returns for each item, which should be small (a
file name and a flag, errors); the pages themselves are written by the workers. Small batches
run in the calling process: forking costs more than a few pages.

Copy-on-write is per memory page, and merely reading a Python object writes its reference
count: a worker that renders pages all over the model ends up with its own copy of most of it.
So each worker starts with its own stretch of the items (sorted by the caller so that neighbours
read neighbouring parts of the model) and works through it in order; one that is done takes
chunks from the far end of the stretch with the most left, so no core idles.

Where fork is not available (not Linux/macOS) everything runs in the calling process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue as queue_module
import signal
import sys
import traceback
from multiprocessing.sharedctypes import RawArray
from typing import Any, Callable, Sequence

from benn_site.errors import check_stop

INLINE_BELOW = 48  # items; fewer run in the calling process
CHUNK = 24  # items per message
POLL = 0.05  # seconds between looks at `stop()` and at the workers while no answer comes
PR_SET_PDEATHSIG = 1  # prctl(2)


def die_with_parent(parent: int | None = None) -> None:
    """Ask the kernel to kill this process when the process that started it ends, however it
    ends (SIGKILL included), so no worker or Pagefind run outlives its build. Linux only; elsewhere
    a no-op. `parent`: the pid the caller knew, in case it ended before the request was made."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def default_jobs() -> int:
    """The cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(items: Sequence, work: Callable[[Any], Any], jobs: int | None = None,
        progress: Callable[[int], None] | None = None, keep: Callable[[Any], Any] | None = None,
        stop: Callable[[], bool] | None = None) -> list:
    """`[keep(work(item)) for item in items]`, in order, on up to `jobs` processes.

    `work` must catch the errors it expects and return them as values; anything it raises
    stops the run with a RuntimeError carrying the worker's traceback. `progress(n)` is called
    in the calling process as items finish; `keep(value)` too, as each value arrives, and its
    result is what the list holds: a large part of a value (converted HTML) can be dealt with
    and dropped at once instead of piling up until the last page is done. As soon as `stop()`
    is true, the workers are killed and Stopped is raised.
    """
    keep = keep or (lambda value: value)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(items) < INLINE_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for item in items:
            check_stop(stop)
            results.append(keep(work(item)))
            if progress:
                progress(1)
        return results
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    chunks = -(-len(items) // CHUNK)
    stretches = Stretches(chunks, min(jobs, chunks), context.Lock())
    workers = [context.Process(target=_worker, args=(items, work, stretches, own, answers, os.getpid()), daemon=True)
               for own in range(stretches.count)]
    for process in workers:
        process.start()
    results: list = [None] * len(items)
    finished = False
    try:
        for _ in range(chunks):
            start, values = _next_answer(answers, workers, stop)
            results[start:start + len(values)] = [keep(value) for value in values]
            if progress:
                progress(len(values))
        finished = True
    finally:
        for process in workers:
            if not finished:
                process.kill()
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
    return results


def _next_answer(answers, workers, stop) -> tuple[int, list]:
    while True:
        check_stop(stop)
        try:
            start, values, failure = answers.get(timeout=POLL)
        except queue_module.Empty:
            dead = [p for p in workers if p.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"a worker process died (exit code {dead[0].exitcode})") from None
            continue
        if failure:
            raise RuntimeError("a worker process failed:\n" + failure)
        return start, values


class Stretches:
    """Chunk numbers 0..chunks-1 cut into `count` stretches in shared memory: `take(own)` gives the
    next chunk of stretch `own`, then the last chunk of the stretch with the most left, then None."""

    def __init__(self, chunks: int, count: int, lock):
        self.count, self.lock = count, lock
        self.bounds = RawArray("l", 2 * count)  # stretch k: next chunk, end (exclusive)
        for k in range(count):
            self.bounds[2 * k], self.bounds[2 * k + 1] = chunks * k // count, chunks * (k + 1) // count

    def take(self, own: int) -> int | None:
        bounds = self.bounds
        with self.lock:
            if bounds[2 * own] < bounds[2 * own + 1]:
                bounds[2 * own] += 1
                return bounds[2 * own] - 1
            left = [bounds[2 * k + 1] - bounds[2 * k] for k in range(self.count)]
            other = max(range(self.count), key=left.__getitem__)
            if left[other] <= 0:
                return None
            bounds[2 * other + 1] -= 1
            return bounds[2 * other + 1]


def _worker(items, work, stretches: Stretches, own: int, answers, parent: int) -> None:
    die_with_parent(parent)
    while True:
        chunk = stretches.take(own)
        if chunk is None:
            break
        start, end = chunk * CHUNK, min(chunk * CHUNK + CHUNK, len(items))
        try:
            answers.put((start, [work(items[i]) for i in range(start, end)], None))
        except BaseException:
            answers.put((start, [], traceback.format_exc()))
            break
    answers.close()
    answers.join_thread()
    # Everything is sent. Leave at once: a process forked from an executor's thread (the preview
    # builds in one) would run the executor's exit hook, which joins that thread, itself: "cannot
    # join current thread", exit code 1, which looks like a crash while another worker is busy.
    os._exit(0)
