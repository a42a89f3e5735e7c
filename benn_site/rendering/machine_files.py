"""Calendars, Atom feeds, sitemap.xml, robots.txt and the editors' pages: the bytes of
one route that has no template, read through the same `Reads` as the pages."""

from __future__ import annotations

from benn_site.rendering import atom, feeds, forge_page, open_data, sitemap, translations
from benn_site.rendering.i18n import Translator
from benn_site.rendering.reads import Reads
from benn_site.rendering.routes import Route, Routes


class MachineFiles:
    def __init__(self, reads: Reads, routes: Routes, translator: Translator):
        self.site, self.routes, self.translator = reads, routes, translator

    @property
    def calendars(self) -> feeds.Calendars:
        """Made at the first calendar: a warm build usually makes none (its VTIMEZONE costs 0.1 s)."""
        return self.site.memo("calendars", lambda: feeds.Calendars(self.site, self.routes, self.translator))

    def prepare(self) -> None:
        """Make, before the workers fork, what reads the whole model for one file or a few: the
        calendars, the order of the sitemap's parts, the translation report. Made in a worker, each
        would stay in that worker alone, with a copy of every part of the model it read (the report
        reads every text: 12 MB more in one worker at 10,000 pages)."""
        _ = self.calendars
        if self.routes.has("sitemap_part", None, "1"):
            self._sitemap_order()
        if self.routes.has("editors_translations"):
            self.site.translation_report()

    def _sitemap_order(self) -> list:
        return self.site.memo("sitemap entries", lambda: sitemap.listed(self.routes))

    def __call__(self, route: Route) -> bytes:
        if route.kind.endswith("_ics"):
            return feeds.calendar_file(self.calendars, route)
        if route.kind == "events_atom":
            return atom.atom_feed(self.site, self.routes, self.translator, route.lang, self.site.upcoming)
        if route.kind in open_data.FILES:
            return open_data.FILES[route.kind](self.site, self.routes)
        if route.kind == "sitemap":
            return sitemap.sitemap(self.routes)
        if route.kind == "sitemap_part":
            return sitemap.sitemap_part(self.routes, self._sitemap_order(), self.routes.sitemap_urls, route.key)
        if route.kind == "robots":
            return sitemap.robots(self.routes)
        if route.kind == "editors_translations":
            return translations.page(self.site, self.site.translation_report())
        if route.kind == "editors_forge":
            return forge_page.page(self.site, self.routes)
        raise KeyError(f"no writer for {route.kind}")
