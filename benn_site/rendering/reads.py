"""What an output reads of the model, recorded while it renders (as Lektor's `record_dependency`).

Views, templates and feeds reach the model only through a `Reads`: it answers like the `Site`
(and the build's event listings) and notes each access as a key, ("page", "about"),
("locations",), ("upcoming",), … in the frame of the output being rendered. The next build
evaluates the same keys on its own model: when every value is equal, the output would read
exactly what it read before, take the same path through its view and template, and get the same
bytes (`dependencies.Fingerprints`). Nobody lists what a view reads, so a view that starts
reading something new is recorded by doing so.

A key's value is what the access returned, so a narrow access is a narrow dependency: the menu
(`nav_pages`) returns the pages it names without their text, and a page that shows the menu
depends neither on their bodies nor on the pages it does not name. Work shared by many outputs
(the footer, the map's layout) goes through `memo()`, which replays what the first computation
read into every output that uses it.

The site's addresses are read the same way (`Reads.routes`, a `RecordedRoutes`): asking for the
address of an event records in which languages that event has one (for a page, whether it exists
and its `only_in`); the address itself follows from the question. So a new event changes what the
listings, its location's pages and the feeds read, and a new page what the sitemap reads (and the
menu or footer, if it is in them), not what a page about opening hours or another event's page
read, and only those are rendered again.
"""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager

from benn_site.calendar.listings import Listings
from benn_site.model import Page, Site, Source, footer_choice
from benn_site.rendering import feeds, search_shards, translations
from benn_site.rendering.routes import Routes

Key = tuple  # (name,) or (name, argument): an access that can be made again on another build
_NOWHERE = Source("")  # the source of a page as the menu sees it: not at all


class Reads:
    """The model as outputs see it, every access recorded in the innermost open frame."""

    def __init__(self, site: Site, listings: Listings, routes: Routes):
        self._site = site
        self._listings = listings
        self._routes = routes
        self._frames: list[set] = []
        self._memo: dict = {}
        self.routes = RecordedRoutes(routes, self._frames)

    # -- recording -----------------------------------------------------------------------------

    @contextmanager
    def recording(self):
        """A frame for one output: yields the set of keys read while it is open."""
        keys: set = set()
        self._frames.append(keys)
        try:
            yield keys
        finally:
            self._frames.pop()

    def _note(self, key: Key) -> None:
        if self._frames:
            self._frames[-1].add(key)

    def memo(self, name, make, store: dict | None = None):
        """`make()` once per `name` (in `store`, when the caller wants to bound it), and what it
        read recorded into every frame that asks for it again."""
        store = self._memo if store is None else store
        hit = store.get(name)
        if hit is None:
            with self.recording() as keys:
                value = make()
            hit = store[name] = (value, frozenset(keys))
        if self._frames:
            self._frames[-1].update(hit[1])
        return hit[0]

    def value(self, key: Key):
        """The value of an access on this build's model, not recorded: what a key digests to."""
        self._frames.append(set())  # a frame of its own, dropped: nobody's reads
        try:
            name, *arguments = key
            found = getattr(self, name)
            return found(*arguments) if callable(found) else found
        finally:
            self._frames.pop()

    @property
    def unrecorded(self) -> Site:
        """The model itself, for values that are not the view's to record: the build instant a
        template may show is derived from the template's text (`dependencies.Templates`)."""
        return self._site

    # -- the site, as `Site` answers -----------------------------------------------------------

    def __getattr__(self, name):
        """Any other attribute of the site, recorded whole; a method, with its arguments."""
        if name.startswith("_"):
            raise AttributeError(name)
        found = getattr(self._site, name)
        if not callable(found):
            self._note((name,))
            return found

        def call(*arguments):
            self._note((name, *arguments))
            return found(*arguments)
        return call

    @property
    def config(self):
        return self._site.config  # every output's fingerprint holds the whole config

    def page(self, slug: str):
        self._note(("page", slug))
        return self._site.page(slug)

    def location(self, slug: str):
        self._note(("location", slug))
        return self._site.location(slug)

    def event(self, slug: str):
        self._note(("event", slug))
        return self._site.event(slug)

    def events_at(self, slug: str):
        self._note(("events_at", slug))
        return self._site.events_at(slug)

    # -- narrower values than the site's attributes --------------------------------------------

    def _outline(self) -> dict[str, Page]:
        """Every page with its titles, order and languages but not its text (slug → page), read
        unrecorded: what the menu and the footer show of a page, for `nav_pages` and `footer_pages`."""
        return self.memo("outline", lambda: {page.slug: dataclasses.replace(page, versions=tuple(
            dataclasses.replace(v, body="", description=None, source=_NOWHERE, translation_of=None)
            for v in page.versions)) for page in self._site.pages})

    def nav_pages(self) -> dict[str, Page]:
        """The pages site.yaml's `navigation` names (slug → page, as `_outline` has them): all the
        menu depends on, links included, so a new page outside the menu changes no menu."""
        self._note(("nav_pages",))
        return self.memo("nav_pages", lambda: {slug: page for slug in self._site.config.navigation
                                               for page in [self._outline().get(slug)] if page is not None})

    def footer_pages(self) -> tuple[Page, ...]:
        """The pages every footer lists (`model.footer_choice`, as `_outline` has them)."""
        self._note(("footer_pages",))
        return self.memo("footer_pages", lambda: tuple(footer_choice(self._outline().values(), self._site.config)[0]))

    def page_route(self, slug: str) -> tuple | None:
        """Whether page `slug` exists (None if not) and its `only_in`: all that its addresses, and
        the language a link to it leads to, depend on (`Routes.page_link`)."""
        self._note(("page_route", slug))
        page = self._site.page(slug)
        return None if page is None else (page.only_in,)

    def active_locations(self) -> tuple:
        self._note(("active_locations",))
        return tuple(loc for loc in self._site.locations if loc.active)

    def zone_span(self) -> tuple:
        """The years the calendars' VTIMEZONE covers: from the events' dates, not the events."""
        self._note(("zone_span",))
        return self.memo("zone_span", lambda: feeds.zone_span(self._site))

    def translation_report(self) -> translations.Report:
        """What is missing or outdated per language: the editors' page shows this, not the texts."""
        self._note(("translation_report",))
        return self.memo("translation_report", lambda: translations.report(self._site))

    def shard_count(self, lang: str) -> int:
        """How many search bundles the language has: the search page loads each."""
        self._note(("shard_count", lang))

        def pages_by_language():  # one pass over the routes for every language
            counts: dict[str, int] = {}
            for route in self._routes.every:
                if route.output.endswith(".html"):
                    first = route.output.split("/", 1)[0]
                    counts[first] = counts.get(first, 0) + 1
            return counts
        return search_shards.shard_count(self.memo("pages_by_language", pages_by_language).get(lang, 0))

    # -- the site's addresses, as `RecordedRoutes` records them ---------------------------------

    def route_languages(self, kind: str, key) -> tuple:
        """The languages in which the address (kind, key) exists: what its URL in one of them,
        whether it exists, and its alternates depend on (`RecordedRoutes`)."""
        self._note(("route_languages", kind, key))

        def by_address():  # one pass over the routes for every address
            found: dict[tuple, list] = {}
            for route in self._routes.every:
                found.setdefault((route.kind, route.key), []).append(route.lang)
            return {address: tuple(langs) for address, langs in found.items()}
        return self.memo("routes_by_address", by_address).get((kind, key), ())

    def route_set(self) -> tuple:
        """Every address: what an output that lists them all (the sitemap) depends on."""
        self._note(("route_set",))
        return self.memo("route_set", lambda: tuple((r.kind, r.lang, r.key) for r in self._routes.every))

    # -- the event listings --------------------------------------------------------------------

    @property
    def upcoming(self):
        self._note(("upcoming",))
        return self._listings.upcoming

    @property
    def past(self):
        self._note(("past",))
        return self._listings.past

    def upcoming_at(self, location: str) -> list:
        self._note(("upcoming_at", location))
        return self._listings.by_location.get(location, [])

    def upcoming_of(self, event: str) -> list:
        self._note(("upcoming_of", event))
        return self._listings.by_event.get(event, [])

    def locations_with_upcoming(self) -> frozenset[str]:
        self._note(("locations_with_upcoming",))
        return frozenset(self._listings.by_location)

    def categories_upcoming(self) -> list[str]:
        self._note(("categories_upcoming",))
        return sorted({o.event.category for o in self._listings.upcoming if o.event.category})


class RecordedRoutes:
    """The routes as an output sees them (`Routes`' questions, answered by it): each question
    whose answer depends on which addresses exist is recorded in the open frame of `Reads`, as what
    it depends on: the languages of that one address (`Reads.route_languages`), for a page whether
    it exists and its `only_in` (`Reads.page_route`), for the whole list `Reads.route_set`. What
    follows from the question alone (the base path, assets, absolute URLs) is not recorded."""

    def __init__(self, routes: Routes, frames: list[set]):
        self._routes = routes
        self._frames = frames  # `Reads`' own list, not the Reads: no cycle keeps a build's views alive

    def __getattr__(self, name):
        if name in ("base", "asset", "absolute", "x_default", "sitemap_urls"):
            return getattr(self._routes, name)
        raise AttributeError(name)  # anything else would be read unrecorded: add it below

    def _note(self, kind, key) -> None:
        if key is None or not self._frames:  # the site's own pages and files, in every language: site.yaml decides (Routes)
            return
        self._frames[-1].add(("page_route", key) if kind == "page" else ("route_languages", kind, key))

    def has(self, kind, lang=None, key=None) -> bool:
        self._note(kind, key)
        return self._routes.has(kind, lang, key)

    def path(self, kind, lang=None, key=None) -> str:
        self._note(kind, key)
        return self._routes.path(kind, lang, key)

    def url(self, kind, lang=None, key=None) -> str:
        self._note(kind, key)
        return self._routes.url(kind, lang, key)

    def page_link(self, slug: str, lang: str) -> tuple[str, str]:
        self._note("page", slug)
        return self._routes.page_link(slug, lang)

    def page_link_read(self, page: Page, lang: str) -> tuple[str, str]:
        """`page_link` to a page the output has read whole (`Reads.nav_pages`, `footer_pages`): its
        value holds the slug and `only_in` the link depends on, so nothing more is recorded. The
        menu and the footer link to a dozen pages from every page: a key each would make every
        output read a dozen more."""
        return self._routes.page_link(page.slug, lang)

    def alternate_languages(self, route) -> list[str]:
        self._note(route.kind, route.key)
        return self._routes.alternate_languages(route)

    @property
    def routes(self) -> list:
        if self._frames:
            self._frames[-1].add(("route_set",))
        return self._routes.routes

    @property
    def feeds(self) -> list:
        if self._frames:
            self._frames[-1].add(("route_set",))
        return self._routes.feeds
