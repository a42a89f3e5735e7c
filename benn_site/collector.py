"""The cyclic garbage collector during a build.

A large site's model is a million objects that live until the build ends and form no cycles.
Every full collection scans all of them (0.1 s each at 10,000 pages), and the collector starts
one whenever enough new objects have survived; pausing it only postpones the scan, since the
objects made meanwhile are still young when it resumes. So the steps that make objects which all
live on (imports, unpickling, loading) run under `keeping()`: no collection inside, and what they
made is frozen after, left out of every later collection. `Builder.build` unfreezes at its end,
so a preview that builds again and again collects the previous model like anything else.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def keeping():
    """No collections inside, and everything alive at the end is frozen (`gc.freeze()`)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


@contextlib.contextmanager
def frozen():
    """Everything alive now, and whatever is frozen inside, is left out of collections until the
    end; a forked worker that scanned it would also copy its memory."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def paused():
    """No collections inside; one that came due runs after. For a step someone waits for: the
    preview's fast path, which otherwise pays for collecting the last build's garbage (0.2 s at
    10,000 pages) before the saved page is on disk instead of in the build that follows it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
