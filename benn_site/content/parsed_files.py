"""Parsed content files, kept between builds: a file whose size, times and inode are unchanged
is not read or parsed again.

Reading and parsing the front matter of every file is most of the loading time of a large site
(10,000 files: 2.5 s of 3), and between two builds an editor has usually changed one of them.
`serve` keeps one SourceCache for the whole preview; the CLI stores it in the site's `.cache/`
so the next `build` starts from it.

Only files parsed without a problem are kept: problems are written in the language of the
build that found them, and they are cheap to find again. A file changed less than `RACY_NS`
before it was read is not kept either: a second save within the file system's timestamp
resolution would leave size and mtime as they were (git calls these entries "racily clean").
The file is stored with `benn_site.store`: one made by another version of the generator is ignored.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from benn_site import collector, store

RACY_NS = 2_000_000_000  # the coarsest common mtime resolution (FAT) is 2 s
SAVE_SHARE = 20  # the file is written once 1 in this many entries changed


class SourceCache:
    """`get(path, kind)` / `put(path, kind, value)` for parsed files; `save()` keeps the entries
    of the files looked up since the last save, so deleted files are forgotten."""

    def __init__(self, file: Path | None = None, code: str = ""):
        self.file, self.code = file, code
        self.entries: dict[tuple[str, str], tuple[tuple, object]] = {}
        self._used: set[tuple[str, str]] = set()
        self._current: dict[tuple[str, str], object] = {}  # this build's parses, just-saved files too
        self._stats: dict[str, tuple | None] = {}
        self._changes = 0  # entries put or forgotten since the file was read or written
        self._started = time.time_ns()
        if file is not None:
            self._read()

    def begin(self) -> None:
        """Start a build: stat every file afresh."""
        self._started = time.time_ns()
        self._stats.clear()
        self._used.clear()
        self._current = {}

    def _stamp(self, path: Path) -> tuple | None:
        name = os.fspath(path)
        if name not in self._stats:
            try:
                st = os.stat(name)
                self._stats[name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
            except OSError:
                self._stats[name] = None
        return self._stats[name]

    def get(self, path: Path, kind: str):
        """The value stored for this file and kind if the file is unchanged, else None."""
        key = (os.fspath(path), kind)
        self._used.add(key)
        entry = self.entries.get(key)
        if entry is None or entry[0] != self._stamp(path):
            return None
        self._current[key] = entry[1]
        return entry[1]

    def put(self, path: Path, kind: str, value) -> None:
        """Keep `value` for the file as `get` stat'ed it, before it was read."""
        stamp = self._stamp(path)
        key = (os.fspath(path), kind)
        self._current[key] = value
        if stamp is None or stamp[1] > self._started - RACY_NS:
            self.entries.pop(key, None)
            return
        self.entries[key] = (stamp, value)
        self._changes += 1

    def parsed(self, kind: str) -> dict[str, object]:
        """path → value of the files of `kind` the current build parsed without a problem (also
        those too new to keep), as of now: the preview's fast path compares a save with them."""
        return {path: value for (path, of_kind), value in self._current.items() if of_kind == kind}

    def save(self) -> None:
        """Forget the files not looked up by this build, and write the cache if it changed enough:
        at 10,000 files writing it costs 0.4 s, while the next build re-reads the few files it
        lacks in a millisecond, so a change of under 1 in SAVE_SHARE entries waits for more."""
        gone = [key for key in self.entries if key not in self._used]
        for key in gone:
            del self.entries[key]
        self._changes += len(gone)
        if self.file is None or self._changes * SAVE_SHARE < max(1, len(self.entries)):
            return
        if store.save(self.file, self.entries, self.code):  # else only the next build is slower
            self._changes = 0

    def _read(self) -> None:
        with collector.keeping():
            entries = store.load(self.file, self.code)
        if isinstance(entries, dict):  # else missing, unreadable or of another version: start empty
            self.entries = entries
