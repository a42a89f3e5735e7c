"""A stand-in for `benn-site serve` while there is none: what a dev server does between a save and
the page on disk, without the HTTP side. One `Builder` is kept; every 50 ms the site's files are
stat'ed, and a change starts a build (which renders only what the change affects).

    python benchmarks/serve_probe.py SITE OUT NOW
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from benn_site.build import Builder
from benn_site.errors import BuildFailed


def snapshot(site: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for top in ("content", "templates"):
        for folder, _, files in os.walk(site / top):
            for name in files:
                path = os.path.join(folder, name)
                stat = os.stat(path)
                found[path] = (stat.st_mtime_ns, stat.st_size)
    stat = os.stat(site / "site.yaml")
    found["site.yaml"] = (stat.st_mtime_ns, stat.st_size)
    return found


def main() -> None:
    site, out, now = Path(sys.argv[1]), Path(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[3])
    builder = Builder(site, out)
    builder.build(now)
    seen = snapshot(site)
    print("ready", flush=True)
    while True:
        time.sleep(0.05)
        current = snapshot(site)
        if current != seen:
            seen = current
            started = time.perf_counter()
            try:
                report = builder.build(now)
                print(f"rebuilt {report.rendered} in {time.perf_counter() - started:.3f} s", flush=True)
            except BuildFailed as exc:
                print(exc, flush=True)


if __name__ == "__main__":
    main()
