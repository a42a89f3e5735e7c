"""Walk content/, parse every file, and build the model; all problems are collected, then raised once."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from benn_site.config import Config
from benn_site.content.catalogs import load_catalogs
from benn_site.content.districts import parse_outlines
from benn_site.content.event_records import TRANSLATION_FIELDS, build_event
from benn_site.content.location_records import build_location
from benn_site.content.parsed_files import SourceCache
from benn_site.errors import BuildFailed, ContentError, SiteError, check_stop, did_you_mean, relpath
from benn_site.faults import checkpoint
from benn_site.messages import msg
from benn_site.model import EVENT_TEXT_FIELDS, Event, Location, Outlines, Page, PageVersion, Site, Source
from benn_site.reading.fields import WHOLE_NUMBER, FieldChecker, codes_field, hidden, line_of, publication
from benn_site.reading.packed_text import TextChunks
from benn_site.reading.sources import name_parts, read_text, split_front_matter, split_name
from benn_site.reading.yamlsource import parse_yaml

PAGE_FIELDS = {"title", "description", "order", "draft", "translation_of", "publish_after", "only_in"}


def load_site(config: Config, now: dt.datetime, drafts: bool = False) -> Site:
    """The whole site as a model, or BuildFailed with every problem found in content/."""
    site, errors, _ = load_partial(config, now, drafts)
    if errors:
        raise BuildFailed(errors)
    return site


@dataclass
class Unloaded:
    """What did not load, for the cross-file checks that follow (validate.py).

    A build goes on to cross-check what did load, so an editor sees all problems in one run:
    `locations` maps the slugs of location files that did not load to "failed" (their problems are
    reported; events there are not 'unknown') or "draft"; `event_locations` holds (file, line,
    slug) of events that did not load, whose location is still checked.
    """

    locations: dict[str, str] = field(default_factory=dict)
    event_locations: list[tuple[str, int, str]] = field(default_factory=list)


def load_partial(config: Config, now: dt.datetime, drafts: bool = False, cache: SourceCache | None = None,
                 stop=None) -> tuple[Site, list[SiteError], Unloaded]:
    """(the items that loaded, every problem, what did not load); `cache` keeps parsed files
    between builds (its build begun by the caller, who may have asked it about site.yaml);
    Stopped as soon as `stop()` is true."""
    errors: list[SiteError] = []
    content = config.content_dir
    if not content.is_dir():
        raise BuildFailed([ContentError("content", None, msg("folder not found"),
                                        hint=msg("a site needs content/pages, content/locations, content/events"))])
    reading = Reading(cache, TextChunks())
    pages = _load_pages(config, errors, drafts, now, reading, stop)
    unloaded = Unloaded()
    locations = _load_locations(config, errors, unloaded.locations, drafts, now, reading)
    events = _load_events(config, errors, drafts, now, unloaded.event_locations, reading, stop)
    catalogs = load_catalogs(config, _files(config.content_dir / "ui", ".po"), errors, reading.cache)
    outlines = _load_outlines(config, errors)
    site = Site(config, now, tuple(pages), tuple(locations), tuple(events), tuple(catalogs), outlines)
    return site, errors, unloaded


@dataclass(frozen=True)
class Reading:
    """How one load reads files: the parsed files kept between builds, and where texts are packed."""

    cache: SourceCache | None
    texts: TextChunks


def _files(folder: Path, *suffixes: str) -> list[Path]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:  # sorting names, not Paths: thousands of files
        names = sorted(e.name for e in entries
                       if e.name.endswith(suffixes) and not e.name.startswith(".") and (e.is_file() or e.is_symlink()))
    return [folder / name for name in names]


def _until(paths: list[Path], stop):
    """The paths one by one, until `stop()` (asked every 64 files) turns true: Stopped. A
    preview's newer save should not wait for thousands of files to load first."""
    for number, path in enumerate(paths):
        if number % 64 == 0:
            check_stop(stop)
        checkpoint("loading")
        yield path


def _parsed(config, path: Path, kind: str, errors, reading: Reading | None):
    """A content file read and parsed, from `reading.cache` when the file is unchanged; None (and
    its problems added to `errors`) when it cannot be. kind: 'md' (front matter may be missing),
    'md!' (front matter required) or 'yaml'."""
    cache = reading.cache if reading else None
    if cache is not None:
        hit = cache.get(path, kind)
        if hit is not None:
            return hit
    parsed = None
    text, problems = read_text(path, config.root)
    if not problems:
        name = relpath(path, config.root)
        if kind == "yaml":
            parsed, problems = parse_yaml(text, name)
        else:
            parsed, problems = split_front_matter(text, name, required=kind == "md!", texts=reading.texts if reading else None)
    if problems:  # what could be read is checked too (e.g. after a tab), but neither kept nor cached
        errors.extend(problems)
        return parsed if isinstance(getattr(parsed, "meta", parsed), dict) else None
    if cache is not None:
        cache.put(path, kind, parsed)
    return parsed


def _version(config, path, lang, errors, required_title,
             reading: Reading | None = None) -> tuple[PageVersion | None, dict | None]:
    source = _parsed(config, path, "md!" if required_title else "md", errors, reading)
    if source is None:
        return None, None
    meta = source.meta
    title = meta.get("title")
    if required_title and not title:
        errors.append(ContentError(source.path, getattr(meta, "line", 1), msg("required field is missing"),
                                   "title", msg("add a line '{name}: …'", name="title")))
        return None, None
    version = PageVersion(
        lang=lang, title=str(title) if isinstance(title, (str, int, float)) and title != "" else None,
        description=str(meta["description"]) if meta.get("description") else None,
        body=source.body, source=Source(source.path, source.body_line),
        translation_of=str(meta["translation_of"]) if meta.get("translation_of") else None,
    )
    return version, meta


def _load_pages(config: Config, errors, drafts, now=None, reading=None, stop=None) -> list[Page]:
    groups: dict[str, dict] = {}
    for path in _until(_files(config.content_dir / "pages", ".md"), stop):
        slug, lang, problem = split_name(path, config.codes, config.root)
        if problem is None and lang is None:
            problem = ContentError(relpath(path, config.root), None, msg("the file name has no language"),
                                   hint=msg("name it {name}", name=f"{slug}.{config.default_language}.md"))
        if problem:
            errors.append(problem)
            continue
        version, meta = _version(config, path, lang, errors, True, reading)
        if version is None:
            continue
        check = FieldChecker(version.source.path, errors)
        check.known(meta, PAGE_FIELDS)
        order = check.typed(meta, "order", int, WHOLE_NUMBER)
        draft, publish_after = publication(check, meta, config.tz)
        only_in = _only_in(check, meta, config.codes)
        version = replace(version, draft=draft, publish_after=publish_after)
        group = groups.setdefault(slug, {"versions": [], "order": None, "only_in": None})
        group["versions"].append(version)
        if order is not None and (group["order"] is None or lang == config.default_language):
            group["order"] = order
        if only_in and (group["only_in"] is None or lang == config.default_language):
            group["only_in"] = (only_in, version.source.path)
    pages = []
    for slug, group in sorted(groups.items()):
        # A page is left out when its default-language file is; a translation on its own.
        versions = sorted(group["versions"], key=lambda v: config.codes.index(v.lang))
        only_in = _files_outside(group["only_in"], versions, errors)
        main = next((v for v in versions if v.lang == config.default_language), versions[0])
        shown = [v for v in versions if drafts or not _hidden(v, now)]
        if main not in shown or not shown:
            continue
        pages.append(Page(slug, group["order"] if group["order"] is not None else 100, tuple(shown),
                          main.draft, only_in))
    return pages


def _only_in(check: FieldChecker, meta, codes) -> tuple[str, ...]:
    """`only_in: [de, en]`: the declared languages a page exists in on purpose (others get no
    copy and no 'not translated' warning)."""
    if meta.get("only_in") is None:
        return ()
    wanted = codes_field(check, meta, "only_in")
    unknown = [code for code in wanted if code not in codes]
    for code in unknown:
        hint = did_you_mean(code, codes) or msg("the site's languages are: {codes}", codes=", ".join(codes))
        check.error(meta, "only_in", msg("language '{lang}' is not declared in site.yaml", lang=code), hint)
    return () if unknown else tuple(code for code in codes if code in wanted)


def _files_outside(only_in, versions, errors) -> tuple[str, ...]:
    """The page's `only_in`, after reporting each file in a language it leaves out."""
    if only_in is None:
        return ()
    codes, declared_in = only_in
    for version in versions:
        if version.lang not in codes:
            errors.append(ContentError(
                version.source.path, None,
                msg("this page is only in {codes} ('only_in' in {file}), but this file is in '{lang}'",
                    codes=", ".join(codes), file=declared_in, lang=version.lang),
                hint=msg("delete this file, or add '{lang}' to 'only_in'", lang=version.lang)))
    return codes


def _text_files(folder: Path) -> dict[str, list[Path]]:
    """The `<slug>.<lang>.md` files of a folder by slug, listed once rather than once per item."""
    found: dict[str, list[Path]] = {}
    for path in _files(folder, ".md"):
        slug, lang, valid = name_parts(path.name)
        if valid and lang is not None:
            found.setdefault(slug, []).append(path)
    return found


def _hidden(item, now) -> bool:
    return hidden(item.draft, item.publish_after, now) if now is not None else item.draft


def _texts(config, paths: list[Path], errors, allowed, drafts=True, now=None,
           reading=None) -> tuple[tuple[PageVersion, dict], ...]:
    """The `<slug>.<lang>.md` files next to a location or event (drafts only with `drafts`)."""
    found = []
    for path in paths:
        _, lang, problem = split_name(path, config.codes, config.root)
        if problem:
            errors.append(problem)
            continue
        version, meta = _version(config, path, lang, errors, False, reading)
        if version is not None:
            check = FieldChecker(version.source.path, errors)
            check.known(meta, allowed)
            draft, publish_after = publication(check, meta, config.tz)
            version = replace(version, draft=draft, publish_after=publish_after)
            if drafts or not _hidden(version, now):
                found.append((version, meta))
    return tuple(sorted(found, key=lambda pair: config.codes.index(pair[0].lang)))


def _load_locations(config: Config, errors, failed: dict | None = None, drafts=True, now=None,
                    reading=None) -> list[Location]:
    folder = config.content_dir / "locations"
    result = []
    known_md = set()
    text_files = _text_files(folder)
    for path in _files(folder, ".yaml", ".yml"):
        slug, lang, problem = split_name(path, config.codes, config.root)
        name = relpath(path, config.root)
        before = len(errors)
        if failed is not None:
            failed[slug] = "failed"  # until it has loaded
        if problem or lang is not None:
            errors.append(problem or ContentError(name, None, msg("a location's .yaml file has no language in its name"),
                                                  hint=msg("name it {name}", name=f"{slug}.yaml")))
            continue
        meta = _parsed(config, path, "yaml", errors, reading)
        if meta is None and len(errors) > before:
            continue
        if not isinstance(meta, dict):
            errors.append(ContentError(name, 1, msg("must be fields like 'name: …'"),
                                       hint=msg("see the editors' guide, 'Locations'")))
            continue
        location = build_location(slug, meta, name, config, errors)
        texts = _texts(config, text_files.get(slug, []), errors,
                       {"title", "translation_of", "draft", "publish_after"}, drafts, now, reading)
        known_md.update(relpath(p, config.root) for p in text_files.get(slug, []))  # drafts are no orphans
        if location is not None and failed is not None and len(errors) == before:
            del failed[slug]
        if location is not None and location.draft and not drafts:
            if failed is not None:
                failed[slug] = "draft"
            continue
        if location is not None:
            result.append(_with_texts(location, texts))
    _orphans(config, folder, known_md, errors, "location", ".yaml")
    return result


def _load_events(config: Config, errors, drafts, now=None, failed_refs: list | None = None,
                 reading=None, stop=None) -> list[Event]:
    folder = config.content_dir / "events"
    result = []
    known_md = set()
    text_files = _text_files(folder)
    names = (name_parts(p.name) for p in _files(config.content_dir / "locations", ".yaml", ".yml"))
    location_slugs = tuple(sorted(slug for slug, lang, valid in names if valid and lang is None))
    for path in _until(_files(folder, ".md"), stop):
        _, lang, valid = name_parts(path.name)
        if lang is not None or not valid:
            continue  # translation files are read with their event
        slug, _, problem = split_name(path, config.codes, config.root)
        if problem:
            errors.append(problem)
            continue
        source = _parsed(config, path, "md!", errors, reading)
        if source is None:
            continue
        event = build_event(slug, source.meta, source.path, config, errors, drafts, location_slugs)
        texts = _texts(config, text_files.get(slug, []), errors, TRANSLATION_FIELDS, drafts, now, reading)
        known_md.update(relpath(p, config.root) for p in text_files.get(slug, []))  # drafts are no orphans
        location = source.meta.get("location")
        if event is None and failed_refs is not None and isinstance(location, str) and location:
            failed_refs.append((source.path, line_of(source.meta, "location", 1), location))
        if event is None or (not drafts and _hidden(event, now)):
            continue
        main = PageVersion(config.default_language, None, None, source.body, Source(source.path, source.body_line))
        result.append(_event_with_texts(event, main, texts, config))
    _orphans(config, folder, known_md, errors, "event", ".md")
    return result


def _with_texts(location: Location, texts) -> Location:
    from dataclasses import replace

    return replace(location, texts=tuple(v for v, _ in texts))


def _event_with_texts(event: Event, main: PageVersion, texts, config: Config) -> Event:
    """Merge translation files into the event's text fields: a translation's field wins for its language."""
    from benn_site.texts import Text

    changes = {}
    blank: dict[str, list[str]] = {}
    for name in EVENT_TEXT_FIELDS:
        current = getattr(event, name)
        values = current.as_dict() if current else {}
        for version, meta in texts:
            if meta.get(name) not in (None, ""):
                values[version.lang] = str(meta[name])
            elif name in meta and version.lang != config.default_language and values.get(config.default_language):
                blank.setdefault(version.lang, []).append(name)  # `venue:` left empty: the original's, with the notice
        if values:
            changes[name] = Text.of(values, config.default_language)
    versions = [main] + [replace(v, blank=tuple(blank.get(v.lang, ()))) for v, _ in texts
                         if v.lang != config.default_language]
    for version, _ in texts:
        if version.lang == config.default_language:
            versions[0] = version
    return replace(event, texts=tuple(versions), **changes)


def _orphans(config, folder, known, errors, kind, main_suffix):
    """A translation file whose main file is missing would silently vanish: report it."""
    for path in _files(folder, ".md"):
        name = relpath(path, config.root)
        stem, lang, valid = name_parts(path.name)
        if valid and lang is not None and name not in known:
            if not (folder / (stem + main_suffix)).exists() and not (kind == "location" and (folder / (stem + ".yml")).exists()):
                errors.append(ContentError(name, None, msg("this translation belongs to no file: '{file}' is missing",
                                                           file=f"{stem}{main_suffix}"),
                                           hint=msg("create {file} or rename this file",
                                                    file=f"{relpath(folder, config.root)}/{stem}{main_suffix}")))


def _load_outlines(config: Config, errors) -> Outlines | None:
    """The overview map's district outlines: optional, content/data/districts.geojson."""
    path = config.content_dir / "data" / "districts.geojson"
    if not path.is_file():
        return None
    text, problems = read_text(path, config.root)
    if problems:
        errors.extend(problems)
        return None
    outlines, problems = parse_outlines(text, relpath(path, config.root))
    errors.extend(problems)
    return outlines
