"""One URL per item and language, and the check that no two sources claim the same one.

URLs are paths below the site's base path ("de/locations/buckow/"); `Routes.url()` adds the base
path, so a site published under a sub-path works everywhere without templates knowing.
"""

from __future__ import annotations

from dataclasses import dataclass

from benn_site.calendar.listings import LISTINGS, Listings, listed, paged
from benn_site.errors import ContentError, SiteError
from benn_site.messages import msg
from benn_site.model import Site

BUILT_IN = "(built in)"

# kind → (path pattern, template); {lang} and {key} are filled in.
PATTERNS = {
    "root": ("", "root.html"),
    "notfound": ("404.html", "404.html"),
    "home": ("{lang}/", "home.html"),
    "locations": ("{lang}/locations/", "locations.html"),
    "location": ("{lang}/locations/{key}/", "location.html"),
    "notice": ("{lang}/locations/{key}/notice/", "notice.html"),
    "events": ("{lang}/events/", "events.html"),
    "events_archive": ("{lang}/events/archive/", "events_archive.html"),
    "events_location": ("{lang}/events/at/{key}/", "events.html"),
    "events_category": ("{lang}/events/category/{key}/", "events.html"),
    "event": ("{lang}/events/{key}/", "event.html"),
    # A listing's later pages (`listing_page()`): the first is the listing's own address.
    "events_page": ("{lang}/events/page/{key}/", "events.html"),
    "events_archive_page": ("{lang}/events/archive/page/{key}/", "events_archive.html"),
    "events_location_page": ("{lang}/events/at/{key[0]}/page/{key[1]}/", "events.html"),
    "events_category_page": ("{lang}/events/category/{key[0]}/page/{key[1]}/", "events.html"),
    "page": ("{lang}/{key}/", "page.html"),
    "search": ("{lang}/search/", "search.html"),
    "open_data": ("{lang}/open-data/", "open_data.html"),
    # What the service worker shows offline for a page it has not saved: outside the language's
    # folder, so it is in no search shard; not in the sitemap.
    "offline": ("offline/{lang}/", "offline.html"),
}

# Machine-readable files, written by feeds.py and sitemap.py rather than by a template.
FEED_PATTERNS = {
    "events_ics": "{lang}/events.ics",
    "events_atom": "{lang}/events.atom",
    "location_ics": "{lang}/locations/{key}/events.ics",
    "location_hours_ics": "{lang}/locations/{key}/office-hours.ics",
    "event_ics": "{lang}/events/{key}/event.ics",
    "data_locations_json": "data/locations.json",  # open data: rendering/open_data.py
    "data_locations_csv": "data/locations.csv",
    "data_events_json": "data/events.json",
    "data_events_csv": "data/events.csv",
    "sitemap": "sitemap.xml",
    "sitemap_part": "sitemap-{key}.xml",  # when there are more pages than one sitemap file holds
    "robots": "robots.txt",
    "editors_translations": "editors/translations/",  # for editors: unlisted, not in the sitemap
    "editors_forge": "editors/",  # with edit_url: every file's link to the forge's web editor
}


# Pages that are not for search engines: the 404 page, the pages only the service worker shows.
UNLISTED = ("notfound", "offline")
# Pages one sitemap file lists at most. The protocol allows 50,000 URLs and 50 MB a file; each page
# here also names its every language, about 0.8 KB a page with seven. Above it, sitemap.xml is an
# index of sitemap-1.xml, sitemap-2.xml, …
SITEMAP_URLS = 10_000


def listing_page(kind: str, key: str | None, number: int) -> tuple[str, str | tuple[str, str] | None]:
    """(kind, key) of page `number` of the listing `kind` (one of LISTINGS) with `key`."""
    if number == 1:
        return kind, key
    return f"{kind}_page", str(number) if key is None else (key, str(number))


def listing_of(route: "Route") -> tuple[str, str | None, int]:
    """(listing kind, its key, page number) of any page of a listing."""
    base = route.kind.removesuffix("_page")
    if base == route.kind or base not in LISTINGS:
        return route.kind, route.key, 1
    if isinstance(route.key, tuple):
        return base, route.key[0], int(route.key[1])
    return base, None, int(route.key)


@dataclass(frozen=True)
class Route:
    kind: str
    lang: str | None
    key: str | tuple[str, str] | None  # a tuple for a later page of one location's or category's listing
    path: str  # below the base path, '' for the root
    template: str | None  # None for a feed (see FEED_PATTERNS)
    source: str  # the file that asked for this URL, for collision messages

    @property
    def output(self) -> str:
        """The file to write, relative to the output folder."""
        if self.path == "" or self.path.endswith("/"):
            return self.path + "index.html"
        return self.path


class Routes:
    """All HTML routes of a site; built once from the model, then only read. A route without a
    key (the home page, the listings, the feeds of all events, …) is there in every language of
    site.yaml or once for the site: which of them exist follows from site.yaml alone, which an
    output's fingerprint holds whole (`reads.RecordedRoutes` does not record them)."""

    def __init__(self, site: Site):
        self.site = site
        self.listings = Listings.of(site)  # the events each listing shows: how many pages it has
        self.base = site.config.base_path
        self.routes: list[Route] = []  # HTML pages, each rendered from its template
        self.feeds: list[Route] = []  # calendars, Atom, sitemap, robots.txt
        self._by_key: dict[tuple, Route] = {}
        self.errors: list[SiteError] = []
        self.sitemap_urls = SITEMAP_URLS
        self._plan()

    def _add(self, kind, lang=None, key=None, source=BUILT_IN):
        pattern, template = PATTERNS[kind]
        route = Route(kind, lang, key, pattern.format(lang=lang, key=key), template, source)
        self.routes.append(route)
        self._by_key[(kind, lang, key)] = route

    def _add_feed(self, kind, lang=None, key=None, source=BUILT_IN):
        route = Route(kind, lang, key, FEED_PATTERNS[kind].format(lang=lang, key=key), None, source)
        self.feeds.append(route)
        self._by_key[(kind, lang, key)] = route

    def _plan(self):
        site = self.site
        config = site.config
        self._add("root")
        self._add("notfound")
        categories = sorted({e.category for e in site.events if e.category})
        pages = {(kind, key): len(paged(listed(self.listings, kind, key), config.tz))
                 for kind, keys in (("events", [None]), ("events_archive", [None]),
                                    ("events_location", [loc.slug for loc in site.locations]),
                                    ("events_category", categories)) for key in keys}
        for lang in config.codes:
            for kind in ("home", "locations", "events", "events_archive", "search", "open_data", "offline"):
                self._add(kind, lang)
            for loc in site.locations:
                self._add("location", lang, loc.slug, loc.source.path)
                if loc.active:
                    self._add("notice", lang, loc.slug, loc.source.path)
                self._add("events_location", lang, loc.slug, loc.source.path)
            for category in categories:
                self._add("events_category", lang, category, "site.yaml")
            for (kind, key), count in pages.items():
                for number in range(2, count + 1):
                    page_kind, page_key = listing_page(kind, key, number)
                    self._add(page_kind, lang, page_key)
            for event in site.events:
                self._add("event", lang, event.slug, event.source.path)
            for page in site.pages:
                if page.slug != "index" and page.offered_in(lang):
                    self._add("page", lang, page.slug, page.versions[0].source.path)
        self._plan_feeds()
        self._collisions()

    def _plan_feeds(self):
        """A calendar per language, per location that is active or has events, and per event; the
        office hours of each active location that has them."""
        site = self.site
        with_events = {e.location for e in site.events}
        for lang in site.config.codes:
            self._add_feed("events_ics", lang)
            self._add_feed("events_atom", lang)
            for loc in site.locations:
                if loc.active or loc.slug in with_events:
                    self._add_feed("location_ics", lang, loc.slug, loc.source.path)
                if loc.active and loc.has_hours:
                    self._add_feed("location_hours_ics", lang, loc.slug, loc.source.path)
            for event in site.events:
                self._add_feed("event_ics", lang, event.slug, event.source.path)
        for kind in ("data_locations_json", "data_locations_csv", "data_events_json", "data_events_csv"):
            self._add_feed(kind)
        self._add_feed("sitemap")
        listed = sum(1 for route in self.routes if route.kind not in UNLISTED)
        if listed > self.sitemap_urls:
            for part in range(1, -(-listed // self.sitemap_urls) + 1):
                self._add_feed("sitemap_part", None, str(part))
        self._add_feed("robots")
        self._add_feed("editors_translations")
        if site.config.forge is not None:
            self._add_feed("editors_forge")

    def _collisions(self):
        """One message per pair of claimants (not one per language), naming both."""
        seen: dict[str, Route] = {}
        reported: set[tuple[str, str]] = set()
        for route in self.every:
            other = seen.get(route.output)
            if other is None:
                seen[route.output] = route
            elif (route.source, other.source) not in reported:  # once per pair, not once per language
                reported.add((route.source, other.source))
                if other.source == BUILT_IN:
                    message = msg("the address /{path} is already the site's own {kind} page",
                                  path=route.path, kind=other.kind.replace("_", " "))
                    hint = msg("rename this file")
                else:
                    message = msg("the address /{path} is claimed by this file and by {other}",
                                  path=route.path, other=other.source)
                    hint = msg("rename one of the two files")
                self.errors.append(ContentError(route.source, None, message, hint=hint))

    @property
    def every(self) -> list[Route]:
        """The pages' routes, then the files' (`feeds`): every output of the site."""
        return self.routes + self.feeds

    def has(self, kind, lang=None, key=None) -> bool:
        return (kind, lang, key) in self._by_key

    def path(self, kind, lang=None, key=None) -> str:
        route = self._by_key.get((kind, lang, key))
        if route is None:
            raise KeyError(f"no route {kind} {lang} {key}")
        return route.path

    def url(self, kind, lang=None, key=None) -> str:
        """The site-absolute URL (with the base path) of a route."""
        return self.base + self.path(kind, lang, key)

    def page_link(self, slug: str, lang: str) -> tuple[str, str]:
        """(URL, its language) of a link to page `slug` from a page in `lang`: the page in `lang`,
        or, for a page that exists only in some languages (`only_in`), in the one it is in."""
        page = self.site.page(slug)
        target = page.link_language(lang, self.site.config.default_language) if page else lang
        return self.url("page", target, slug), target

    def alternate_languages(self, route: Route) -> list[str]:
        """The languages `route` exists in: every one, but for a page with `only_in`."""
        if route.lang is None:
            return []
        return [code for code in self.site.config.codes if self.has(route.kind, code, route.key)]

    def x_default(self, offered: list[str]) -> str:
        """Of the languages a route exists in, the one for `x-default`: the default language if there."""
        default = self.site.config.default_language
        return default if default in offered else offered[0]

    def asset(self, name: str) -> str:
        return self.base + name.lstrip("/")

    def absolute(self, url: str) -> str:
        """A full URL (https://…) for feeds, sitemaps and QR codes."""
        origin = self.site.config.base_url[: -len(self.base)] if self.base != "/" else self.site.config.base_url[:-1]
        return origin + url
