"""Reading content files: text decoding, front matter splitting, file-name conventions.

Everything here returns errors instead of raising, so the loader can go on to the next file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from benn_site.errors import ContentError, SiteError, did_you_mean, relpath
from benn_site.messages import msg
from benn_site.reading.packed_text import PackedText, TextChunks
from benn_site.reading.yamlsource import LineDict, parse_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class SourceFile:
    """A content file split into front matter and body, with the body's first line number."""

    path: str  # relative to the site directory
    meta: dict
    body: str | PackedText  # Markdown; `text_of()` gives it as a string
    body_line: int


def read_text(path: Path, root: Path) -> tuple[str | None, list[SiteError]]:
    name = relpath(path, root)
    if path.is_symlink() and not path.exists():
        return None, [ContentError(name, None, msg("is a link to a file that does not exist"),
                                   hint=msg("replace the link with the file itself, or delete it"))]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(name, None, msg("cannot be read: {reason}", reason=exc.strerror or exc),
                                   hint=msg("check that the file may be read (its permissions)"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [ContentError(name, line, msg("is not saved as UTF-8: a character on this line is in "
                                                   "another encoding"),
                                   hint=msg("save it again with the encoding UTF-8; in most editors: "
                                            "'Save as', then 'Encoding: UTF-8'"))]
    if not text.strip():
        return None, [ContentError(name, None, msg("the file is empty"),
                                   hint=msg("fill it in, or delete it; copying a similar file is a good start"))]
    return text.replace("\r\n", "\n"), []


def split_front_matter(text: str, name: str, required: bool,
                       texts: TextChunks | None = None) -> tuple[SourceFile | None, list[SiteError]]:
    """Split `---` YAML front matter from a Markdown body, keeping line numbers; the body packed
    into `texts` when given (`packed_text`)."""
    pack = texts.add if texts is not None else str
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        if required:
            return None, [ContentError(name, 1, msg("the file does not start with '---'"),
                                       hint=msg("the file must start with a line '---', then fields like "
                                                "'title: …', then another line '---', then the text"))]
        return SourceFile(name, LineDict(), pack(text), 1), []
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return None, [ContentError(name, 1, msg("the fields at the top are not closed with '---'"),
                                   hint=msg("add a line '---' after the last field"))]
    meta, errors = parse_yaml("\n".join(lines[1:end]), name, first_line=2)
    if errors and not isinstance(meta, dict):
        return None, errors
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, dict):
        return None, [ContentError(name, 2, msg("the lines between the '---' must be fields"),
                                   hint=msg("write them like 'title: …'"))]
    # with `errors` (a tab, a field twice): the fields as read, so their other problems are named too
    return SourceFile(name, meta, pack("\n".join(lines[end + 1:])), end + 2), errors


def suggest_slug(name: str) -> str:
    """A URL-safe name close to what the editor wrote: 'Über uns' → 'ueber-uns', 'Café' → 'cafe'."""
    text = name.lower()
    for letter, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(letter, ascii_form)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "my-page"


DATED = re.compile(r"(\d{4}-\d\d-\d\d)-(.+)")


def dated_name(slug: str) -> tuple[str | None, str]:
    """An event's name with its day in front, `2026-12-20-kinderkino`: ("2026-12-20", "kinderkino");
    (None, slug) for a name without one. The day is as written: it may not be a real date."""
    match = DATED.fullmatch(slug)
    return (match.group(1), match.group(2)) if match else (None, slug)


def name_parts(name: str) -> tuple[str, str | None, bool]:
    """The file-name rule of content files, `<slug>.<lang>.md`, `<slug>.md` or `<slug>.yaml`:
    (slug, language or None, whether the name follows the rule). A name with more dots (or none)
    does not; its slug is still the part before the first dot, for messages."""
    parts = name.split(".")
    if len(parts) == 3:
        return parts[0], parts[1], True
    return parts[0], None, len(parts) == 2


def split_name(path: Path, languages: tuple[str, ...], root: Path) -> tuple[str, str | None, SiteError | None]:
    """(slug, language or None) from `slug.md`, `slug.lang.md` or `slug.yaml`, and what is wrong with it."""
    name = relpath(path, root)
    slug, lang, valid = name_parts(path.name)
    if not valid:
        return slug, None, ContentError(name, None, msg("the file name must be '<name>.<language>.md'"),
                                        hint=msg("e.g. about.de.md; a name may not contain dots"))
    if not SLUG.match(slug):
        return slug, lang, ContentError(name, None, msg("'{slug}' cannot be part of a web address", slug=slug),
                                        hint=msg("rename the file using only a-z, 0-9 and '-', e.g. {suggestion}",
                                                 suggestion=suggest_slug(slug) + path.name[len(slug):]))
    if lang is not None and lang not in languages:
        close = did_you_mean(lang, languages)
        hint = (msg("{close} Or add the language to site.yaml", close=close) if close else
                msg("the site's languages are: {codes}; or add the language to site.yaml",
                    codes=", ".join(languages)))
        return slug, lang, ContentError(
            name, None, msg("language '{lang}' is not declared in site.yaml", lang=lang), hint=hint)
    return slug, lang, None
