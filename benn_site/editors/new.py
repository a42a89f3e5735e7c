"""`benn-site new event|location|page NAME`: a ready file with every field, each explained.

The files' text comes from `benn_site/content/new_files.py` (the editors' page hands the forge the
same text of a new event) and they start as drafts, so the site builds right
after and only the preview shows them. With `--lang` in a language other than the default one,
and an existing original, the new file is a translation of it: the original's text to
translate, and `translation_of` set to the original's current hash (see translations.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benn_site.config import Config, load_config
from benn_site.content.new_files import event_file
from benn_site.content.new_files import quote as _quote
from benn_site.content.new_files import scaffold as _scaffold
from benn_site.errors import BuildFailed, ContentError, did_you_mean
from benn_site.messages import available, msg
from benn_site.model import EVENT_TEXT_FIELDS
from benn_site.reading.packed_text import text_of
from benn_site.reading.sources import SLUG, dated_name, name_parts, suggest_slug


def _fail(path: str, message, hint=None) -> BuildFailed:
    return BuildFailed([ContentError(path, None, message, hint=hint)])


def new_file(root: Path, kind: str, name: str, lang: str | None = None, notes: str | None = None,
             now: dt.datetime | None = None) -> Path:
    """Write the new file and return its path; BuildFailed (nothing written) when it cannot be made."""
    config = load_config(root)
    lang = lang or config.default_language
    if lang not in config.codes:
        raise _fail("--lang", msg("language '{lang}' is not declared in site.yaml", lang=lang),
                    did_you_mean(lang, config.codes) or msg("the site's languages are: {codes}",
                                                            codes=", ".join(config.codes)))
    if not SLUG.match(name):
        raise _fail(name, msg("'{slug}' cannot be part of a web address", slug=name),
                    msg("use only a-z, 0-9 and '-', e.g. {suggestion}", suggestion=suggest_slug(name)))
    notes = notes if notes in available() else (lang if lang in available() else "en")
    today = (now or dt.datetime.now(config.tz)).astimezone(config.tz).date()
    translation = lang != config.default_language
    if kind == "page":
        path, text = _page(config, name, lang, notes, translation)
    elif kind == "event":
        path, text = _event(config, name, lang, notes, translation, today)
    elif kind == "location":
        path, text = _location(config, name, lang, notes, translation)
    else:
        raise _fail(kind, msg("unknown kind '{kind}'", kind=kind), msg("use event, location or page"))
    if path.exists():
        raise _fail(path.relative_to(root).as_posix(), msg("this file exists already"),
                    msg("open it in your editor, or choose another name"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _page(config: Config, name, lang, notes, translation):
    folder = config.content_dir / "pages"
    original = folder / f"{name}.{config.default_language}.md"
    if translation and original.is_file():
        return folder / f"{name}.{lang}.md", _translation(config, original, ("title", "description"), lang, notes)
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return folder / f"{name}.{lang}.md", _scaffold("page", notes).substitute(
        lang=lang, slug=name, title=_quote(title))


def _event(config: Config, name, lang, notes, translation, today):
    folder = config.content_dir / "events"
    if translation:
        original = folder / f"{name}.md"
        if not original.is_file():
            raise _fail(f"content/events/{name}.md", msg("there is no such event to translate"),
                        msg("give the event's file name without .md, e.g. 2026-11-26-sprachcafe"))
        return folder / f"{name}.{lang}.md", _translation(config, original, EVENT_TEXT_FIELDS, lang, notes)
    written, rest = dated_name(name)
    if written is not None:  # 2026-12-20-kinderkino: on that day
        try:
            day = dt.date.fromisoformat(written)
        except ValueError:
            raise _fail(name, msg("'{date}' is not a date", date=written),
                        msg("write the date as year-month-day, e.g. {example}",
                            example=f"{today.isoformat()}-{rest}")) from None
    else:  # a week from today, in the file's name and in its `start`, until the editor changes both
        # `*-name.md` without a day in front is longer than `name`: only dated names can match
        same = sorted(p for p in folder.glob(f"*-{name}.md") if dated_name(p.name[:-3])[1] == name)
        if same:
            raise _fail(same[-1].relative_to(config.root).as_posix(),
                        msg("there is an event '{name}' already: open this file in your editor", name=name),
                        msg("for another one on another day, put its date in front: .venv/bin/benn-site new event {example}",
                            example=f"{(today + dt.timedelta(days=7)).isoformat()}-{name}"))
        day = today + dt.timedelta(days=7)
        name = f"{day.isoformat()}-{name}"
    names = (name_parts(p.name) for p in (config.content_dir / "locations").glob("*.yaml"))
    slugs = sorted(slug for slug, lang, valid in names if valid and lang is None)
    if not slugs:
        raise _fail("content/locations", msg("an event needs a location, and there is none yet"),
                    msg("create one first: .venv/bin/benn-site new location NAME"))
    file_name, text = event_file(config, dated_name(name)[1], day, notes, slugs)
    return folder / file_name, text


def _location(config: Config, name, lang, notes, translation):
    folder = config.content_dir / "locations"
    if translation:
        original = folder / f"{name}.{config.default_language}.md"
        if not original.is_file():
            raise _fail(f"content/locations/{name}.{config.default_language}.md",
                        msg("this location has no text to translate"),
                        msg("write the text in the default language first"))
        return folder / f"{name}.{lang}.md", _translation(config, original, ("title",), lang, notes)
    title = name.replace("-", " ").title()
    return folder / f"{name}.yaml", _scaffold("location", notes).substitute(
        name=_quote(title), district=_quote(msg("District").translate(_catalog(notes))), slug=name,
        lang=config.default_language)


def _catalog(notes):
    from benn_site.messages import catalog

    return catalog(notes)


def _translation(config: Config, original: Path, fields, lang, notes) -> str:
    """A translation file: the original's texts to translate and its current hash."""
    from benn_site.model import PageVersion, Source
    from benn_site.reading.sources import read_text, split_front_matter
    from benn_site.rendering.translations import source_hash

    name = original.relative_to(config.root).as_posix()
    text, problems = read_text(original, config.root)
    source, more = split_front_matter(text or "", name, required=original.parent.name != "locations") if text else (None, [])
    if problems or more or source is None:
        raise BuildFailed(problems + more)
    meta = source.meta
    default = config.default_language

    def value(field, in_lang):
        raw = meta.get(field)
        if isinstance(raw, dict):
            raw = raw.get(in_lang) or (raw.get(default) if in_lang == lang else None)
        return str(raw) if raw not in (None, "") else None

    if original.parent.name == "events":  # as translations.report() hashes an event
        version = PageVersion(default, None, None, source.body, Source(name))
        current = source_hash(version, *(value(f, default) for f in EVENT_TEXT_FIELDS))
    else:
        current = source_hash(PageVersion(default, value("title", default), value("description", default),
                                          source.body, Source(name)))
    version_fields = [f"{field}: {_quote(value(field, lang))}".rstrip() for field in fields]
    language = f"{config.language(lang).name} ({lang})"
    return _scaffold("translation", notes).substitute(
        language=language, source=name, hash=current, fields="\n".join(version_fields),
        body=text_of(source.body).strip())
