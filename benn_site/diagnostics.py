"""Warnings about a site that builds, and problem lines in the form a forge understands.

A warning is something a reader notices but the build survives: an interface string or a page
that is not translated into a language yet (the reader gets the default language's text with a
notice). They are reported after every build; `--strict` turns them into errors for teams that
want every language complete before anything is published.

Problems are printed in one of two formats:

- `plain` (the default): `path:line: field: message (hint)`, as editors read it in a terminal;
- `github`: GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), which
  GitHub shows as annotations on the file and line of the change that caused them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from benn_site.errors import ContentError, SiteError
from benn_site.messages import msg
from benn_site.model import Site, empty_fields_message, empty_in, footer_choice
from benn_site.reading.sources import dated_name

FORMATS = ("plain", "github")
SHOWN_NAMES = 3  # how many untranslated strings a warning names before "and N more"
# The headline of an annotation without a field: what kind of problem it is.
TITLES = {"ConfigError": "site.yaml", "ContentError": "content", "RenderError": "template",
          "SiteWarning": "translation missing"}


class SiteWarning(ContentError):
    """A problem that does not stop the build unless `--strict` is given."""


def warnings(site: Site, missing_strings: Iterable[tuple[str, str]]) -> list[SiteWarning]:
    """Every warning of a rendered site: untranslated interface strings and pages.

    `missing_strings` is the set of (language, msgid) the templates asked for and the language's
    catalog does not translate (`Translator.missing`). English needs no catalog entry: the msgid
    is the English text.
    """
    return sorted(_missing_strings(site, missing_strings) + _missing_pages(site) + _repeated_hours(site)
                  + _long_footer(site) + _empty_translations(site) + _dates_apart(site),
                  key=lambda w: (w.path, w.line or 0, str(w.message)))


def _empty_translations(site: Site) -> list[SiteWarning]:
    """A translation file whose text (or a text field) is empty: readers get the original's text
    with the notice, as without the file; say so, since it looks like a translation."""
    default = site.config.default_language
    items = [(page.versions, True) for page in site.pages] + [(item.texts, False) for item in (*site.events,
                                                                                              *site.locations)]
    result = []
    for versions, page in items:
        for version, fields in empty_in(versions, default):
            if page:
                hint = msg("readers of '{lang}' see the original's text there, with a notice; translate it, "
                           "or delete this file", lang=version.lang)
            else:
                hint = msg("readers of '{lang}' see the original's text there, with a notice; translate it, or "
                           "to translate only the title, write it in the original file: title: {{{default}: …, "
                           "{lang}: …}}", lang=version.lang, default=default)
            result.append(SiteWarning(version.source.path, None, empty_fields_message(fields), None, hint))
    return result


def _long_footer(site: Site) -> list[SiteWarning]:
    """More pages outside the menu than the footer lists by default: say which it shows."""
    shown, total = footer_choice(site.pages, site.config)
    if total <= len(shown):
        return []
    return [SiteWarning("site.yaml", None, msg("{total} pages are outside the menu; the footer lists the first {shown} "
                                               "of them by order", total=total, shown=len(shown)),
                        "footer", msg("name the pages the footer should list, e.g. footer: [imprint, privacy]"))]


def _dates_apart(site: Site) -> list[SiteWarning]:
    """An event whose file name has another day in front than its start: one of the two was
    changed and the other forgotten (`new event 2026-12-20-…` writes both the same). The start
    decides what readers see; the name only sorts the folder."""
    tz = site.config.tz
    result = []
    for event in site.events:
        written, rest = dated_name(event.slug)
        day = event.start.astimezone(tz).date().isoformat()
        if written is not None and written != day:
            result.append(SiteWarning(
                event.source.path, event.source.line_of("start"),
                msg("the file's name says {named}, but the event starts on {day}", named=written, day=day),
                "start", msg("correct start, or rename the file to {name}", name=f"{day}-{rest}.md")))
    return result


def _repeated_hours(site: Site) -> list[SiteWarning]:
    """An event time in the hour that happens twice when summer time ends (02:30 on the last
    Sunday of October in Berlin): the first of the two instants is used, as RFC 5545 says; the
    editor is told so, and how to write the second. A time written with the second instant's
    offset (`02:30+01:00`) is what the editor chose and is not warned about."""
    tz = site.config.tz
    result = []
    for event in site.events:
        for name in ("start", "end"):
            moment = getattr(event, name)
            if event.all_day or moment.fold:
                continue
            local = moment.astimezone(tz).replace(tzinfo=None)
            first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
            if first.utcoffset() == second.utcoffset():
                continue
            wall = local.strftime("%Y-%m-%d %H:%M")
            result.append(SiteWarning(
                event.source.path, event.source.line_of(name),
                msg("'{time}' happens twice in {zone} (the clocks go back): the first, {first}, is used",
                    time=wall, zone=tz.key, first=first.isoformat(sep=" ", timespec="minutes")),
                name, msg("for the second, write {second}", second=second.isoformat(sep=" ", timespec="minutes"))))
    return result


def _missing_strings(site: Site, missing: Iterable[tuple[str, str]]) -> list[SiteWarning]:
    by_lang: dict[str, list[str]] = {}
    for lang, msgid in missing:
        if lang != "en":
            by_lang.setdefault(lang, []).append(msgid)
    catalogs = {c.lang: c.source.path for c in site.catalogs}
    result = []
    for lang, msgids in sorted(by_lang.items()):
        msgids.sort(key=str.casefold)
        path = catalogs.get(lang, f"content/ui/{lang}.po")
        count = len(msgids)
        named = ", ".join(f"'{m}'" for m in msgids[:SHOWN_NAMES])
        if count > SHOWN_NAMES:
            message = msg("{count} interface strings are not translated into '{lang}': {names} and {more} more",
                          count=count, lang=lang, names=named, more=count - SHOWN_NAMES)
        elif count == 1:
            message = msg("1 interface string is not translated into '{lang}': {names}", lang=lang, names=named)
        else:
            message = msg("{count} interface strings are not translated into '{lang}': {names}",
                          count=count, lang=lang, names=named)
        result.append(SiteWarning(
            path, _msgid_line(site.config.root / path, msgids[0]), message, None,
            msg("fill in their msgstr lines; until then readers see the default language's text")))
    return result


def _missing_pages(site: Site) -> list[SiteWarning]:
    config = site.config
    result = []
    for page in site.pages:
        have = page.languages()
        absent = [code for code in config.codes if code not in have and page.offered_in(code)]
        if not absent:
            continue
        source = page.version(config.default_language, config.default_language).source
        names = ", ".join(f"{page.slug}.{code}.md" for code in absent)
        result.append(SiteWarning(
            source.path, None, msg("not translated into {languages}", languages=", ".join(absent)), None,
            msg("add {files}; until then readers of those languages see this text with a notice", files=names)))
    return result


def _msgid_line(path: Path, msgid: str) -> int | None:
    """The line of a msgid in a .po file, so the annotation points where to translate."""
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle)
    except Exception:  # the loader has already reported a broken catalog; a warning needs no line
        return None
    message = catalog.get(msgid)
    return message.lineno if message is not None else None


# -- output formats ------------------------------------------------------------------------------

def format_problem(problem: SiteError, fmt: str = "plain", level: str = "error",
                   site_dir: Path | None = None, text: str | None = None, word: str | None = None) -> str:
    """One problem as a line in `fmt`.

    `text` is the problem as editors read it (`str(problem)` unless given, e.g. translated), and
    `word` the level as they read it in front of a warning (`level` unless given);
    `site_dir` is where the problem's path is relative to, so the annotation can name the file
    relative to the working directory (the repository root in CI).
    """
    text = str(problem) if text is None else text
    if fmt == "plain":
        return text if level == "error" else f"{word or level}: {text}"
    if fmt != "github":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    file = _repository_path(problem.path, site_dir)
    properties = []
    if file is not None:
        properties.append(f"file={_escape_property(file)}")
        if problem.line:
            properties.append(f"line={problem.line}")
        text = _strip(text, where + ": ")
    if problem.field:
        text = _strip(text, problem.field + ": ")  # the field is the annotation's title
    title = problem.field or TITLES.get(type(problem).__name__, "benn-site")
    properties.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(text)}"


def _strip(text: str, prefix: str) -> str:
    return text[len(prefix):] if text.startswith(prefix) else text


def _repository_path(path: str, site_dir: Path | None) -> str | None:
    """`path` relative to the working directory, or None when it names no file."""
    candidate = (site_dir or Path(".")) / path
    if not candidate.is_file():
        return None
    return Path(os.path.relpath(candidate)).as_posix()


def _escape_data(value: str) -> str:
    # GitHub's workflow-command encoding (toolkit/packages/core/src/command.ts).
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
