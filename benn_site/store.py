"""Files the generator writes for itself: each replaced whole, and the caches in one format.

`replacing(path)` / `write_atomic(path, data)`: the new bytes go to a temporary file in the same
folder, are flushed to the disk, and then take the old file's place with `os.replace`, so a
reader, or a build killed halfway, sees the old file or the new one and never part of one. When
writing fails, the temporary file is removed and the old file stays as it was.

`save(path, value, code)` / `load(path, code)`: a cache file is a header line naming FORMAT and
the generator's code version (`rendering.dependencies.code_version()`), then the value as a
pickle, as trusted as the rest of the site folder it lives in. A cache from another format or
another version of the generator, or one that cannot be read whole, loads as None: the caller
starts empty, which only makes that build slower.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import secrets
from pathlib import Path
from typing import BinaryIO, Iterator

FORMAT = 1  # raise when the header or the way values are stored changes
MAGIC = b"benn-site cache"


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A file to write that becomes `path` when the block ends, or is removed if it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666, not mkstemp's 0o600: a page must be as readable as the writer's others
    handle = os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb")
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (see `replacing`)."""
    with replacing(path) as out:
        out.write(data)


def header(code: str) -> bytes:
    return b"%s %d %s\n" % (MAGIC, FORMAT, code.replace("\n", " ").encode("utf-8"))


def save(path: Path, value, code: str) -> bool:
    """Store `value` for a generator of version `code`; False if the file cannot be written (the
    old one stays). A value that cannot be pickled is a bug and raises."""
    try:
        with replacing(path) as out:
            out.write(header(code))
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return False
    return True


def load(path: Path, code: str):
    """The value `save` stored with the same `code` and FORMAT, else None."""
    try:
        data = path.read_bytes()  # one read, then one parse: pickle.load() from the file takes longer
    except OSError:
        return None
    expected = header(code)
    if not data.startswith(expected):
        return None
    try:
        return pickle.loads(memoryview(data)[len(expected):])
    except Exception:  # truncated, or classes that changed without the code version seeing it
        return None
