"""Where a build's time goes: the wall and CPU time of each stage of the pipeline.

`benn-site build --timings` prints them, and the benchmark reads them to say how much of a build
is the search index, which the other generators do not make. CPU time counts this process and
its children that have ended (the render workers and the Pagefind runs, all waited for within
their stage), so a stage's CPU can be up to the number of cores times its wall time: the two
together show how well a stage uses the cores.
"""

from __future__ import annotations

import resource
import time
from typing import NamedTuple


class Stage(NamedTuple):
    name: str
    wall: float  # seconds
    cpu: float  # seconds, this process and its ended children


def cpu_seconds() -> float:
    """User and system time of this process and of its children that have been waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Stopwatch:
    """Laps of one build: each `lap(name)` ends the stage `name`, which began where the last lap
    (or the stopwatch) did. The pipeline runs its stages one after the other, so laps need no
    nesting and no cleanup when a stage raises."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []
        self._wall, self._cpu = time.perf_counter(), cpu_seconds()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), cpu_seconds()
        self.stages.append(Stage(name, wall - self._wall, cpu - self._cpu))
        self._wall, self._cpu = wall, cpu

    def elapsed(self) -> float:
        """Seconds from the start to the last lap."""
        return sum(stage.wall for stage in self.stages)


def table(stages: list[Stage]) -> str:
    """The stages and their total as aligned text lines, e.g. for a terminal."""
    width = max([len("total"), *(len(stage.name) for stage in stages)])
    lines = [f"{'stage':<{width}}  {'wall s':>8}  {'CPU s':>8}"]
    for stage in (*stages, Stage("total", sum(s.wall for s in stages), sum(s.cpu for s in stages))):
        lines.append(f"{stage.name:<{width}}  {stage.wall:8.2f}  {stage.cpu:8.2f}")
    return "\n".join(lines)
