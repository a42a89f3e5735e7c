"""Error types that carry a file and line, so every message can point an editor at the fix.

All content problems become `SiteError`s; stages collect them and raise one `BuildFailed`
at the end, so an editor sees every problem of a build at once instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benn_site.messages import ENGLISH, Catalog, msg


class Stopped(Exception):
    """The caller's `stop()` turned true (a newer save in the preview): the build or the search
    index was given up, nothing in the output was changed."""


def check_stop(stop) -> None:
    """Stopped if there is a `stop` callable and it is true now."""
    if stop is not None and stop():
        raise Stopped()


@dataclass(frozen=True)
class SiteError(Exception):
    """One problem in one file: `path:line: field: message (hint)`."""

    path: str
    line: int | None
    message: str
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        return self.text(ENGLISH)

    def text(self, catalog: Catalog) -> str:
        """The report line with message and hint in the catalog's language (path and field stay as written)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += catalog.translate(self.message)
        if self.hint:
            text += f" ({catalog.translate(self.hint)})"
        return text


class ConfigError(SiteError):
    """A problem in site.yaml."""


class ContentError(SiteError):
    """A problem in a page, location, event or catalog file."""


class RenderError(SiteError):
    """A problem in a template, or a template meeting data it cannot render."""


class BuildFailed(Exception):
    """Raised once at the end of a stage with every problem found."""

    def __init__(self, errors: list[SiteError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.field or "", e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


def relpath(path: Path, root: Path) -> str:
    """A path as editors see it: relative to the site directory, with forward slashes."""
    text, base = str(path), str(root)
    if text.startswith(base + "/") and "/./" not in text and "/../" not in text:
        return text[len(base) + 1:]  # the common case, without pathlib's parsing (thousands of files)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices) -> str | None:
    """A 'did you mean' hint from the closest known word, or None."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return msg("did you mean '{word}'?", word=close[0]) if close else None
