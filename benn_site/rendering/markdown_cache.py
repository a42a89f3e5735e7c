"""The Markdown cache: converted HTML kept between builds in `<site>/.cache/markdown.sqlite`.

Converting Markdown is most of the cost of a page (Python-Markdown, then nh3), and most texts do
not change between two builds, so each converted text is stored under a hash of the text and of
the converter's whole configuration (extensions, allowed tags, library versions): change any of
them and every key changes. The links a text contains are resolved against the rest of the site,
which may have changed although the text did not, so an entry also records each link target with
what it resolved to; `markup.MarkdownConverter` uses an entry only when every target still resolves the same.

SQLite (in the standard library) keeps it in one file, lets worker processes read it at the same
time, and needs no server. Workers only read; what they convert travels back to the parent with
their pages (`take()`), and the parent alone writes (`store()`, then `close()` commits and prunes
entries no text of the site uses any more). The cache is only ever a shortcut: deleting the
folder, or a corrupt file, just means converting again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Callable

Entry = tuple[str, str, list]  # key, html, [(link target, resolved URL or None)]


def text_key(config: str, text: str) -> str:
    return hashlib.sha256(config.encode("utf-8") + b"\0" + text.encode("utf-8")).hexdigest()


class MarkdownCache:
    """Read by every process, written by the one that created it."""

    def __init__(self, path: Path):
        self.path = path
        self.fresh: list[Entry] = []  # converted in this process since the last take()
        self._db: sqlite3.Connection | None = None
        self._pid = None
        self._owner = os.getpid()
        self._dirty = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db, self._pid = None, os.getpid()  # a connection never crosses a fork
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a cache: losing the last entries costs nothing
            db.execute("CREATE TABLE IF NOT EXISTS markdown (key TEXT PRIMARY KEY, html TEXT, links TEXT)")
            self._db = db
        except sqlite3.Error:
            self._db = None
        return self._db

    def get(self, key: str) -> tuple[str, list] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT html, links FROM markdown WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        return row[0], [tuple(pair) for pair in json.loads(row[1])]

    def put(self, key: str, html: str, links: list) -> None:
        self.fresh.append((key, html, links))

    def take(self) -> list[Entry]:
        """The entries converted here since the last call: a worker sends them to the parent."""
        fresh, self.fresh = self.fresh, []
        return fresh

    def store(self, entries: list[Entry]) -> None:
        db = self._connect()
        if db is None or not entries:
            return
        try:
            if not self._dirty:
                db.execute("BEGIN")
                self._dirty = True
            db.executemany("INSERT OR REPLACE INTO markdown VALUES (?, ?, ?)",
                           [(key, html, json.dumps(links, ensure_ascii=False)) for key, html, links in entries])
        except sqlite3.Error:
            pass

    def close(self, live: Callable[[], set[str]] | None = None, expected: int = 0) -> None:
        """Commit; with `live` (giving the keys of every text in the site, about `expected` of
        them), drop the entries of texts that no longer exist once they are a good part of the
        file. The keys are hashed only then: hashing every text costs more than a small rebuild."""
        db = self._connect()
        if db is None:
            return
        try:
            self.store(self.take())
            if live is not None:
                total = db.execute("SELECT COUNT(*) FROM markdown").fetchone()[0]
                if total > expected * 1.25 + 100:
                    if not self._dirty:
                        db.execute("BEGIN")
                        self._dirty = True
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM live")
                    db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(k,) for k in live()])
                    db.execute("DELETE FROM markdown WHERE key NOT IN (SELECT key FROM live)")
            if self._dirty:
                db.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            self._dirty = False
            db.close()
            self._db = None
