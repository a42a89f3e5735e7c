"""Transactional output that rewrites only what changed.

A build first stages: every file it produces is compared with the file already in the output
folder, and only new or different bytes are written, into a staging folder next to it
(`.output.staging/`). Nothing in the output folder is touched until the whole build has
succeeded; a failed build removes the staging folder and leaves the output exactly as it was.
`commit()` then moves each staged file into place with `os.replace` (atomic per file, as Lektor
commits its artifacts) and deletes the files the build no longer produces. A step that needs the
committed pages (the search index) uses `apply()`, then `rollback()` or `finish()`: until
`finish()`, replaced and deleted files wait in a backup folder next to the output. Unchanged files keep
their bytes, inode and mtime, so a rebuild after a one-line edit writes one page, not ten
thousand, and a web server or rsync sees only real changes.

When the output folder does not exist yet, the staging folder simply becomes it in one rename.
`stage_file()` is a plain function so worker processes can stage their own pages.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path, PurePosixPath

from benn_site.errors import BuildFailed, ConfigError, RenderError, check_stop
from benn_site.faults import checkpoint
from benn_site.messages import msg


def cannot_write(folder: Path, name: str, exc: OSError) -> RenderError:
    """The problem an editor sees when the output cannot be written (a full disk, no permission)."""
    where = os.path.relpath(os.path.join(folder, name)) if name else str(folder)
    return RenderError(where, None, msg("cannot be written: {reason}", reason=exc.strerror or exc),
                       hint=msg("free some space or allow writing there; the previous output is unchanged"))


def check_name(name: str) -> tuple[str, ...]:
    """The parts of a relative output name; RenderError for anything that could leave the folder
    (or is not written the one way a name is written: no '.', '' or '..' parts)."""
    parts = tuple(name.split("/"))
    if not name or "\\" in name or any(part in ("", ".", "..") for part in parts):
        raise RenderError(name, None, msg("refusing to write outside the output folder"),
                          hint=msg("names must not start with / or contain .."))
    return parts


def stage_file(target: Path, staging: Path, name: str, data: bytes, fresh: bool) -> bool:
    """Write `data` under `staging` when it differs from `target/name`; True when staged."""
    parts = check_name(name)
    if not fresh:
        try:
            with open(target.joinpath(*parts), "rb") as handle:
                if handle.read() == data:
                    return False
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass
    path = staging.joinpath(*parts)
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return True


def side_folders(target: Path) -> tuple[Path, Path]:
    """The staging and backup folders next to the output folder `target` (`make clean` removes them)."""
    return target.parent / f".{target.name}.staging", target.parent / f".{target.name}.previous"


class OutputLock:
    """One writer per output folder: an exclusive lock (flock) on the file `path` (the build keeps
    one per output in the site's cache), held while a build, the preview's fast path or a deferred
    index writes. The kernel releases it however its holder ends, SIGKILL included, so a stopped
    build never blocks the next one. A second writer waits; `waiting(pid)` is told first, with
    the holder's process id."""

    def __init__(self, path: Path, waiting=None):
        self.path = path
        self.waiting = waiting
        self._handle = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # never truncated before it is ours
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.waiting is not None:
                handle.seek(0)
                self.waiting(handle.read().strip() or "?")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


class Output:
    """The files of one build: `write()`/`copy_tree()` stage, `commit()` or `discard()` ends it."""

    def __init__(self, target: Path, protect: Path | None = None):
        self.target = target.resolve()
        if protect is not None and self.target in (protect.resolve(), *protect.resolve().parents):
            # commit() deletes every file the build does not produce: never the site itself.
            raise BuildFailed([ConfigError(
                "--out", None, msg("'{folder}' is the site folder or contains it; the build would replace it",
                                   folder=target),
                hint=msg("choose a folder for the output only, e.g. output"))])
        self.staging = side_folders(self.target)[0]
        if self.staging.exists():
            shutil.rmtree(self.staging)  # left over from a build that was killed
        self.staging.mkdir(parents=True)
        self.fresh = not self.target.exists()
        self.written: set[str] = set()  # every file of the new output
        self.changed: set[str] = set()  # the ones staged: new or different
        self.removed: list[str] = []  # filled by commit(): files the build no longer produces
        self._stale: list[str] | None = None
        self._existing: frozenset[str] | None = None

    def claim(self, name: str) -> None:
        """Reserve a name; a second claim of the same file is an error, as two writers would race."""
        check_name(name)
        if name in self.written:
            raise RenderError(name, None, msg("two items write the same output file"), hint=msg("rename one of them"))
        self.written.add(name)

    def record(self, name: str, changed: bool) -> None:
        """Note a file staged elsewhere (by a worker process) with `stage_file()`."""
        if changed:
            self.changed.add(name)

    def write(self, name: str, data: str | bytes) -> None:
        self.claim(name)
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.record(name, stage_file(self.target, self.staging, name, data, self.fresh))

    def copy_tree(self, source: Path, prefix: str) -> None:
        if not source.is_dir():
            return
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                self.write(f"{prefix}/{path.relative_to(source).as_posix()}", path.read_bytes())

    def commit(self) -> None:
        self.apply()
        self.finish()

    def apply(self) -> None:
        """Move the staged files into place. The files they replace and the stale ones wait in a
        backup folder until `finish()`, so `rollback()` can still restore the previous output."""
        self.backup = side_folders(self.target)[1]
        shutil.rmtree(self.backup, ignore_errors=True)
        self._moved: list[str] = []
        self._placed: list[str] = []  # staged files moved in: what rollback() takes out again
        self._created: list[Path] = []
        self._swapped = self.fresh and not self.target.exists()
        if self._swapped:
            os.replace(self.staging, self.target)
            return
        self.target.mkdir(parents=True, exist_ok=True)
        for name in self.stale():
            self._keep(name)
            self.removed.append(name)
        for name in sorted(self.changed):
            parts = PurePosixPath(name).parts
            destination = self.target.joinpath(*parts)
            if destination.exists() or destination.is_symlink():
                self._keep(name)  # a file, or a folder of stale files where a file goes now
            folder = destination.parent
            missing = []
            while not folder.exists():
                missing.append(folder)
                folder = folder.parent
            for folder in reversed(missing):
                folder.mkdir()
                self._created.append(folder)
            os.replace(self.staging.joinpath(*parts), destination)
            self._placed.append(name)
            checkpoint("applying")

    def _keep(self, name: str) -> None:
        parts = PurePosixPath(name).parts
        kept = self.backup.joinpath(*parts)
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.target.joinpath(*parts), kept)
        self._moved.append(name)

    def rollback(self) -> None:
        """Undo `apply()`: the output folder is again exactly what it was."""
        if self._swapped:
            os.replace(self.target, self.staging)
        else:
            for name in self._placed:
                path = self.target.joinpath(*PurePosixPath(name).parts)
                if path.is_file():
                    path.unlink()
            for folder in reversed(self._created):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            for name in reversed(self._moved):
                parts = PurePosixPath(name).parts
                self.target.joinpath(*parts).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.backup.joinpath(*parts), self.target.joinpath(*parts))
        self.removed.clear()
        self.discard()
        shutil.rmtree(self.backup, ignore_errors=True)

    def finish(self) -> None:
        """Drop the backup, and the folders that the stale files leave empty."""
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.backup, ignore_errors=True)
        for name in self.removed:
            folder = self.target.joinpath(*PurePosixPath(name).parts).parent
            while folder != self.target and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent

    def stale(self) -> list[str]:
        """What the previous build wrote and this one does not. Found once: a caller that can
        still give up (the preview) asks before `apply()`, which then only moves files."""
        if self._stale is None:
            self._stale = self._find_stale()
        return self._stale

    def existing(self, stop=None) -> frozenset[str]:
        """The files in the output folder when first asked, as output names: one walk of the folder
        answers both "is this page still there?" for every page a build skips and `stale()`.
        Stopped as soon as `stop()` is true: at 10,000 pages the walk takes a quarter second, which
        a preview's newer save should not wait for."""
        if self._existing is None:
            self._existing = frozenset() if self.fresh else frozenset(self._walk(stop))
        return self._existing

    def _find_stale(self) -> list[str]:
        return sorted(name for name in self.existing() if name not in self.written)

    def _walk(self, stop=None):
        todo = [("", str(self.target))]
        while todo:
            check_stop(stop)
            prefix, folder = todo.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        todo.append((name + "/", entry.path))
                    else:
                        yield name

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
