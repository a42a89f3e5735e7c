"""Named points of a build where a test can stop it, as a cancelled CI job or `kill` would.

`BENN_SITE_STOP_AT=<point>[#<n>]:<SIGNAL>` (e.g. `applying#3:KILL`) makes the build send itself
that signal the n-th time it passes the point (default: the first). Nothing else changes: the
build runs its own code up to that moment, which is what tests/integration/test_interruptions.py
needs to show that a build stopped anywhere leaves an output from which the next build makes
exactly what a clean build makes. Without the variable a checkpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
import time

VARIABLE = "BENN_SITE_STOP_AT"
_passed: dict[str, int] = {}  # point → times passed, in this process: read only when the variable is set


def checkpoint(point: str) -> None:
    spec = os.environ.get(VARIABLE)
    if not spec:
        return
    where, _, name = spec.rpartition(":")
    wanted, _, times = where.partition("#")
    if wanted != point:
        return
    _passed[point] = _passed.get(point, 0) + 1
    if _passed[point] == int(times or 1):
        os.kill(os.getpid(), getattr(signal, "SIG" + name))
        time.sleep(5)  # a signal that is handled (SIGTERM in the preview) may take a moment
