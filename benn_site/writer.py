"""Transactional output: everything is written into a staging folder next to the output folder,
which replaces the old output only when the whole build has succeeded (as Lektor commits its
artifacts with os.replace). A failed build leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from .errors import BuildFailed, ConfigError, RenderError
from .messages import msg


class Output:
    """Collects files under a staging folder; `commit()` swaps it in, `discard()` removes it."""

    def __init__(self, target: Path, protect: Path | None = None):
        self.target = target.resolve()
        if protect is not None and self.target in (protect.resolve(), *protect.resolve().parents):
            # commit() replaces the target folder: it must never be the site itself.
            raise BuildFailed([ConfigError(
                "--out", None, msg("'{folder}' is the site folder or contains it; the build would replace it",
                                   folder=target),
                hint=msg("choose a folder for the output only, e.g. output"))])
        self.staging = self.target.parent / f".{self.target.name}.staging"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        self.written: set[str] = set()

    def _path(self, name: str) -> Path:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise RenderError(name, None, msg("refusing to write outside the output folder"),
                              hint=msg("names must not start with / or contain .."))
        if name in self.written:
            raise RenderError(name, None, msg("two items write the same output file"), hint=msg("rename one of them"))
        self.written.add(name)
        path = self.staging.joinpath(*pure.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, name: str, data: str | bytes) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._path(name).write_bytes(data)

    def copy_tree(self, source: Path, prefix: str) -> None:
        if not source.is_dir():
            return
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                name = f"{prefix}/{path.relative_to(source).as_posix()}"
                shutil.copyfile(path, self._path(name))

    def commit(self) -> None:
        old = self.target.parent / f".{self.target.name}.old"
        if old.exists():
            shutil.rmtree(old)
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.staging, self.target)
        if old.exists():
            shutil.rmtree(old)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
