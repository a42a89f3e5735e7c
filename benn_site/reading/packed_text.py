"""The Markdown of content files, packed into shared chunks of UTF-8.

Render workers are forked and share the model's memory with the build until they write to it,
and CPython writes to every object it reads: its reference count. A worker that reads a text kept
as a `str` therefore copies the memory page the text starts on, and two workers rendering a site of
10,000 texts copied 42 MB between them, a seventh of the build's peak. A `PackedText` is a small
object that points into a chunk holding many texts: reading one writes only to the small objects
and to the chunk's header, and the text is decoded into the worker's own short-lived memory.

A text is what its `str()` gives; it compares, hashes and prints (`repr`, which fingerprints use)
as that string, so code and tests that compare with a `str` keep working. Pickled (the parsed
files kept between builds), it takes its chunk along, once for all the texts in it: pickling each
text as a string would hold a decoded copy of every text until the file is written. A chunk keeps
the texts of files changed since it was made, so the kept file holds at most twice the texts.
"""

from __future__ import annotations

import re

CHUNK = 1 << 20  # bytes; a new chunk once one holds this much
_VISIBLE_ASCII = re.compile(rb"[!-~]")  # a byte that is a visible ASCII character in UTF-8


class PackedText:
    __slots__ = ("_chunk", "_start", "_end")

    def __init__(self, chunk: bytearray, start: int, end: int):
        self._chunk, self._start, self._end = chunk, start, end

    def __str__(self) -> str:
        return self._chunk[self._start:self._end].decode("utf-8")

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other) -> bool:
        if isinstance(other, (PackedText, str)):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def encoded(self) -> bytearray:
        """The text's UTF-8 bytes, not decoded: what a fingerprint hashes."""
        return self._chunk[self._start:self._end]

    def blank(self) -> bool:
        """Whether the text is whitespace only, as `not str(self).strip()` says. Nearly every text
        has a visible ASCII character (Markdown's own marks, digits, Latin letters): found in the
        bytes, that answers without decoding; only a text without one is decoded."""
        if _VISIBLE_ASCII.search(self._chunk, self._start, self._end):
            return False
        return not str(self).strip()

    def __reduce__(self):
        return (PackedText, (self._chunk, self._start, self._end))


class TextChunks:
    """Packs the texts of one load: `add()` gives each its `PackedText`."""

    def __init__(self, size: int = CHUNK):
        self.size = size
        self._chunk = bytearray()

    def add(self, text: str) -> PackedText:
        data = text.encode("utf-8")
        if self._chunk and len(self._chunk) + len(data) > self.size:
            self._chunk = bytearray()
        start = len(self._chunk)
        self._chunk += data
        return PackedText(self._chunk, start, len(self._chunk))


def text_of(body: str | PackedText) -> str:
    """The Markdown of a body, packed or not."""
    return body if isinstance(body, str) else str(body)


def blank(body: str | PackedText) -> bool:
    """Whether a body, packed or not, is whitespace only."""
    return not body.strip() if isinstance(body, str) else body.blank()
