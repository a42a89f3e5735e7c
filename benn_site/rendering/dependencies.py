"""What each output reads, as a fingerprint: equal fingerprints mean equal bytes, so the page
need not be rendered again.

An output's fingerprint is a hash of everything its bytes can depend on:

- for every output: the generator's code and library versions, site.yaml, the interface
  catalogs, the set of routes (every URL of the site) and the menu (each page's titles and order);
- its template and every template that one extends, includes or imports, and the build instant
  when one of them uses `now` or `today`;
- the part of the model its view reads, named per route kind in `READS` below: a page's own
  files, a location with its upcoming events, the list of upcoming events, …

Values are hashed as values (`digest()`), so an edit that changes nothing (a file saved twice,
a comment in YAML) changes no fingerprint. A kind missing from `READS` depends on the whole site
and the build instant, so a new kind of page is always correct, just never skipped: add it here
when its view is written (tests/integration/test_incremental.py edits at random and checks
every incremental build against a clean one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
from pathlib import Path

import jinja2
from jinja2 import meta

from benn_site.model import Site
from benn_site.rendering import feeds, search_shards, translations
from benn_site.rendering.routes import Route, Routes
from benn_site.rendering.views import Listings


def digest(*values) -> str:
    """A stable hash of plain values and frozen dataclasses, the same in every process."""
    parts: list[str] = []
    memo: dict[int, tuple[object, str]] = {}
    for value in values:
        _walk(value, parts, memo)
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names: dataclasses.fields() is slow


def _walk(value, out: list[str], memo) -> None:
    kind = type(value)
    if kind is str:  # most of a model: tested first, by identity of the type
        out.append(f"s{len(value)}:")
        out.append(value)
    elif value is None or kind is bool or kind is int or kind is float:
        out.append(repr(value))
    elif kind is tuple or kind is list:
        out.append(f"({len(value)}")
        for item in value:
            _walk(item, out, memo)
    elif isinstance(value, str):
        out.append(f"s{len(value)}:")
        out.append(value)
    elif kind in _FIELDS or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        cached = memo.get(id(value))
        if cached is None:
            inner: list[str] = [kind.__qualname__]
            names = _FIELDS.get(kind)
            if names is None:
                names = _FIELDS[kind] = tuple(item.name for item in dataclasses.fields(value))
            for name in names:
                _walk(getattr(value, name), inner, memo)
            cached = (value, digest_of(inner))
            memo[id(value)] = cached
        out.append(cached[1])
    elif isinstance(value, (tuple, list)):
        out.append(f"({len(value)}")
        for item in value:
            _walk(item, out, memo)
    elif isinstance(value, dict):
        out.append(f"{{{len(value)}")
        for key in sorted(value, key=repr):
            _walk(key, out, memo)
            _walk(value[key], out, memo)
    elif isinstance(value, (set, frozenset)):
        inner = []
        for item in value:
            one: list[str] = []
            _walk(item, one, memo)
            inner.append("\x1f".join(one))
        out.append(f"<{len(value)}")
        out.extend(sorted(inner))
    elif isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        out.append(f"t{value!r}")
    elif isinstance(value, Path):
        out.append("p" + value.as_posix())
    else:
        text = repr(value)
        if " at 0x" in text:
            raise TypeError(f"cannot fingerprint {kind.__name__}")
        out.append(text)


def digest_of(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def code_version() -> str:
    """The generator's own source files and the libraries whose output ends up in pages."""
    package = Path(__file__).resolve().parents[1]
    files = sorted((p.relative_to(package).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    versions = []
    for name in ("jinja2", "pyromark", "babel", "icalendar", "nh3", "holidays", "segno", "markupsafe"):
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    return digest(files, versions)


class Templates:
    """Per template: a hash of it and of everything it pulls in, and which of now/today it uses."""

    def __init__(self, env: jinja2.Environment, parsed: dict | None = None):
        self.env = env
        self._closures: dict[str, tuple[str, bool, bool]] = {}
        self._parsed = {} if parsed is None else parsed  # (name, source) → analysis; may outlive this build

    def _parse(self, name: str):
        source = self.env.loader.get_source(self.env, name)[0]
        if (name, source) not in self._parsed:
            ast = self.env.parse(source)
            self._parsed[name, source] = (source, set(meta.find_referenced_templates(ast)),
                                          meta.find_undeclared_variables(ast))
        return self._parsed[name, source]

    def of(self, name: str) -> tuple[str, bool, bool]:
        """(hash, uses now, uses today) of a template and what it extends, includes and imports."""
        if name not in self._closures:
            seen: dict[str, str] = {}
            names: set[str] = set()
            todo = [name]
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                try:
                    source, referenced, variables = self._parse(current)
                except jinja2.TemplateError:
                    seen[current] = "(missing or broken)"  # rendering reports it; this must just not match
                    continue
                seen[current] = source
                names |= variables
                if None in referenced:  # a name computed at render time: any template may be used
                    todo.extend(self.env.list_templates(extensions=["html", "xml", "txt", "svg"]))
                todo.extend(r for r in referenced if r)
            self._closures[name] = (digest(sorted(seen.items())), "now" in names, "today" in names)
        return self._closures[name]


class Fingerprints:
    """`of(route)`: the fingerprint of one output, from the model of one build."""

    def __init__(self, site: Site, routes: Routes, templates: Templates | None, code: str,
                 listings: Listings | None = None):
        self.site = site
        self.routes = routes
        self.templates = templates
        self.listings = listings or Listings.of(site)  # the views' own, when the build has them
        self.memo: dict[int, tuple[object, str]] = {}
        config = site.config
        route_set = [(r.kind, r.lang, r.key) for r in routes.routes + routes.feeds]
        menu = [(p.slug, p.order, p.draft, p.only_in, [(v.lang, v.title) for v in p.versions]) for p in site.pages]
        self.common = digest(code, config, site.catalogs, route_set, menu)
        self._locations = None
        self._everything = None
        self._zone = None
        self._upcoming = None
        self._past = None

    def _hash(self, *values) -> str:
        parts: list[str] = []
        for value in values:
            _walk(value, parts, self.memo)
        return digest_of(parts)

    @property
    def locations(self) -> str:
        if self._locations is None:
            self._locations = self._hash(self.site.locations)
        return self._locations

    @property
    def outlines(self) -> str:
        """The district outlines the overview map draws."""
        return self._hash(getattr(self.site, "outlines", None))

    @property
    def upcoming(self) -> str:
        """The listing of upcoming events, hashed once: hundreds of pages show it."""
        if self._upcoming is None:
            self._upcoming = self._hash(self.listings.upcoming)
        return self._upcoming

    @property
    def past(self) -> str:
        if self._past is None:
            self._past = self._hash(self.listings.past)
        return self._past

    @property
    def everything(self) -> str:
        if self._everything is None:
            self._everything = self._hash(self.site.pages, self.site.locations, self.site.events, self.site.now)
        return self._everything

    @property
    def zone(self):
        if self._zone is None:
            self._zone = feeds.zone_span(self.site)
        return self._zone

    def of(self, route: Route) -> str:
        reads = READS.get(route.kind)
        part = self.everything if reads is None else self._hash(reads(self, route))
        template = ("", False, False)
        if route.template is not None and self.templates is not None:
            template = self.templates.of(route.template)
        site = self.site
        return digest_of([self.common, route.kind, repr(route.lang), repr(route.key), part, template[0],
                          site.now.isoformat() if template[1] else "", site.today.isoformat() if template[2] else ""])


def _event_page(f: Fingerprints, route: Route):
    event = f.site.event(route.key)
    # The page says whether the event is past and dates its structured data by the next occurrence.
    return (event, f.site.location(event.location) if event else None, f.listings.by_event.get(route.key, []),
            f.site.now)


def _translations(f: Fingerprints, route: Route):
    """The report the editors' page shows, as plain values: walked as thousands of dataclasses,
    each hashed on its own, it cost a tenth of a warm build's fingerprints."""
    report = translations.report(f.site)
    entries = [(e.lang, e.status, e.path, e.source, e.what.template, e.what.params) for e in report.entries]
    return report.default, report.languages, report.complete, repr(entries)  # plain values: repr is exact


# route kind → what its view (or feed) reads, beyond what every output reads.
READS = {
    "root": lambda f, r: (),
    "notfound": lambda f, r: (),
    "page": lambda f, r: (f.site.page(r.key),),
    # the search page: the shard counts, from the routes, which every output reads
    "search": lambda f, r: (search_shards.SHARD_PAGES, search_shards.MAX_SHARDS),
    "home": lambda f, r: (f.site.page("index"), f.listings.upcoming[:8], f.locations, f.outlines),
    "locations": lambda f, r: (f.locations, f.outlines),
    "location": lambda f, r: (f.site.location(r.key), f.listings.by_location.get(r.key, []), f.site.today),
    "notice": lambda f, r: (f.site.location(r.key), f.listings.by_location.get(r.key, []), f.site.today),
    "events": lambda f, r: (f.upcoming, f.locations),
    "events_location": lambda f, r: (f.upcoming, f.locations),
    "events_category": lambda f, r: (f.upcoming, f.locations),
    "events_archive": lambda f, r: (f.past, f.locations),
    "event": _event_page,
    "events_ics": lambda f, r: (f.site.events, f.locations, f.zone, f.site.now),
    "location_ics": lambda f, r: (f.site.events_at(r.key), f.site.location(r.key), f.locations, f.zone, f.site.now),
    "event_ics": lambda f, r: (f.site.event(r.key), f.locations, f.zone, f.site.now),
    "events_atom": lambda f, r: (f.upcoming, f.locations, f.site.now),
    "sitemap": lambda f, r: (),
    "robots": lambda f, r: (),
    "editors_translations": _translations,  # the page shows the report only
}
