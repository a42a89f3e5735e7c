"""View contexts: what each kind of page hands its template. Plain functions of the model."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from markupsafe import Markup

from benn_site.calendar import hours_formats, schedule
from benn_site.calendar.listings import Listings, day_of, listed, paged
from benn_site.model import Occurrence, Site
from benn_site.reading.sources import name_parts
from benn_site.rendering import i18n, notice, overview_map, search_shards, share, structured
from benn_site.rendering.i18n import N_
from benn_site.rendering.markup import MarkdownConverter
from benn_site.rendering.reads import Reads
from benn_site.rendering.render import date_and_time, list_text, script_json, text_helper
from benn_site.rendering.routes import Route, Routes, listing_of, listing_page
from benn_site.texts import Localized

# Which label names an example-data field of a location in the notice on its page.
EXAMPLE_LABELS = {
    "office_hours": N_("Office hours"), "seasonal_hours": N_("Office hours"),
    "closures": N_("Closures and public holidays"), "closed_on_holidays": N_("Closures and public holidays"),
    "phone": N_("Phone"), "email": N_("Email"), "website": N_("Website"),
    "languages": N_("Languages spoken"), "accessibility": N_("Accessibility"), "address": N_("Address"),
    "coordinates": N_("Map"), "operator": N_("Operator"),
}


FILTER_LIMIT = 12  # locations one location's event listing offers as filters at most
# Dates a location's page lists at most: the next ones, then a link to its listing (events/at/<slug>/),
# which has them all in pages. A busy place's page would otherwise grow with its events.
LOCATION_DATES = 12


def nearby(filters: list[tuple], current: str, limit: int = FILTER_LIMIT) -> list[tuple]:
    """The filters (slug, …, district) one location's listing shows: the locations of its district,
    in the listing's order, `limit` at most, the current one among them (a window around it). A
    resident looks for events near them; the events page lists every location. Up to `limit`
    locations all are offered, as on the events page. A location not among `filters` gets the
    first `limit` of the whole list, as its district is unknown there."""
    if len(filters) <= limit:
        return filters
    district = next((entry[-1] for entry in filters if entry[0] == current), None)
    near = [entry for entry in filters if entry[-1] == district] if district is not None else filters
    at = next((i for i, entry in enumerate(near) if entry[0] == current), 0)
    start = max(0, min(at - limit // 2, len(near) - limit))
    return near[start:start + limit]


def by_day(occurrences: list[Occurrence], tz) -> list[tuple[dt.date, list[Occurrence]]]:
    return [(day, list(group)) for day, group in groupby(occurrences, key=lambda o: day_of(o, tz))]


class Views:
    """Builds the template context for a route; one instance per build, read-only after setup."""

    def __init__(self, site: Site, routes: Routes, translator: i18n.Translator, markdown: MarkdownConverter,
                 listings: Listings | None = None):
        self.config = site.config
        self.translator = translator
        self.markdown = markdown
        self.listings = listings or routes.listings  # given: the events are those of another build
        # Everything below reads the model through `site` and the addresses through `routes`,
        # which record what each output reads.
        self.site = Reads(site, self.listings, routes)
        self.routes = self.site.routes
        self.directions = {lang.code: lang.dir for lang in self.config.languages}
        self.link_errors: list[tuple[str, str]] = []  # (source path, target)

    def holidays(self, lang: str) -> dict[dt.date, str]:
        """Public holidays around the build date, named in `lang` where the holidays package can."""
        def make():
            today = self.site.today
            return schedule.holiday_dates(self.config, today - dt.timedelta(days=7), today + dt.timedelta(days=90), lang)
        return self.site.memo(("holidays", lang), make)

    # -- shared --------------------------------------------------------------------------------

    def context(self, route: Route) -> dict:
        lang = route.lang or self.config.default_language
        builder = getattr(self, "view_" + route.kind)
        ctx = self.common(route, lang)
        ctx.update(builder(route, lang))
        return ctx

    def common(self, route: Route, lang: str) -> dict:
        config = self.config
        site = self.site
        translate = self.translator.gettext

        def url(kind, key=None, in_lang=None):
            return self.routes.url(kind, None if kind in ("root", "notfound") else (in_lang or lang), key)

        tx = text_helper(lang, self.directions)

        def page_title(page):
            """A page's title in the menu, marked with its own lang/dir when it is a fallback."""
            version = page.version(lang, config.default_language)
            return tx(Localized(version.title, version.lang, version.lang != lang))

        # The same page in other languages (head links, sitemap), and the language menu: a language
        # the page is not offered in (`only_in`) leads to that language's home page.
        offered = self.routes.alternate_languages(route)
        alternates = [(language, url(route.kind, route.key, language.code))
                      for language in config.languages if language.code in offered]
        switcher = [(language, url(route.kind, route.key, language.code) if language.code in offered
                     else url("home", None, language.code)) for language in config.languages] if offered else []
        x_default = url(route.kind, route.key, self.routes.x_default(offered)) if offered else None
        nav = []
        menu = site.nav_pages()
        for item in config.navigation:
            if item in ("home", "locations", "events", "search"):
                nav.append((translate(lang, {"home": N_("Home"), "locations": N_("Locations"), "events": N_("Events"),
                                             "search": N_("Search")}[item]),
                            url(item), route.kind.startswith(item) and route.kind != "events_location"
                            or (item == "locations" and route.kind == "location")))
            elif item in menu:
                page = menu[item]
                nav.append((page_title(page), self.routes.page_link_read(page, lang)[0],
                            route.kind == "page" and route.key == item))
        footer = site.memo(("footer", lang), lambda: [(page_title(p), *self._footer_link(p, lang))
                                                      for p in site.footer_pages()])
        return {
            "lang": lang,
            "dir": self.directions.get(lang, "ltr"),
            "route": route,
            "config": config,
            "languages": config.languages,
            "default_language": config.default_language,
            "_": lambda msgid, **kw: (translate(lang, msgid) % kw) if kw else translate(lang, msgid),
            "tx": tx,
            "list_text": lambda items, each=None, in_lang=None: list_text(items, in_lang or lang, each),
            "date_and_time": lambda d, t, in_lang=None: date_and_time(d, t, in_lang or lang),
            "gettext_in": lambda code, msgid: translate(code, msgid),
            "has_page": lambda slug: self.routes.has("page", lang, slug),
            "url": url,
            "asset": self.routes.asset,
            "absolute": self.routes.absolute,
            "alternates": alternates,
            "switcher": switcher,
            "x_default": x_default,
            "nav": nav,
            "footer_pages": footer,
            # Not recorded: a template that shows them is fingerprinted with them (dependencies.Templates).
            "now": site.unrecorded.now,
            "today": site.unrecorded.today,
            "date_text": lambda d, form="full": i18n.date_text(d, lang, form),
            "time_text": lambda t: i18n.time_text(t.astimezone(config.tz) if isinstance(t, dt.datetime) else t, lang),
            "time_range": lambda a, b: i18n.time_range(
                a.astimezone(config.tz).time() if isinstance(a, dt.datetime) else a,
                b.astimezone(config.tz).time() if isinstance(b, dt.datetime) else b, lang),
            "weekday_names": i18n.weekday_names(lang),
            "language_name": lambda code: i18n.language_name(code, lang),
            "own_name": i18n.own_name,
            "category_label": lambda key: config.category(key).get(lang) if config.category(key) else None,
            "location_of": site.location,
            "local": lambda moment: moment.astimezone(config.tz),
            "last_day": lambda occ: schedule.last_day(occ, config.tz),
            "by_day": lambda occs: by_day(occs, config.tz),
            "dir_of": lambda code: self.directions.get(code, "ltr"),
        }

    def _footer_link(self, page, lang: str) -> tuple[str, str | None]:
        """(URL, hreflang when the link leads to a page in another language) of a footer link."""
        href, target = self.routes.page_link_read(page, lang)
        return href, (target if target != lang else None)

    def body(self, versions, lang: str):
        """(HTML of the reader's version or the default-language fallback, language it is in)."""
        by_lang = {v.lang: v for v in versions}
        version = by_lang.get(lang)
        if version is None or version.empty():  # an empty translation: the original, with the notice
            version = by_lang.get(self.config.default_language)
        text = version.markdown if version is not None else ""
        if not text.strip():
            return None
        html, broken = self.markdown.convert(text, lambda target: self.resolve(target, version.lang))
        for target in broken:
            self.link_errors.append((version.source.path, target))
        return {"html": Markup(html), "lang": version.lang, "dir": self.directions.get(version.lang, "ltr"),
                "fallback": version.lang != lang, "version": version}

    def resolve(self, target: str, lang: str) -> str | None:
        """A Markdown link target to its URL; None for a content file that does not exist."""
        if target.startswith(("#", "mailto:", "tel:", "geo:", "//")) or ":" in target.split("/")[0]:
            return target
        path, _, anchor = target.partition("#")
        suffix = "#" + anchor if anchor else ""
        name = path.rsplit("/", 1)[-1]
        if name.endswith(".md"):
            slug, in_lang, valid = name_parts(name)
            in_lang = in_lang or lang
            # Every page is built in every language (falling back) or, with `only_in`, in its own
            # languages, where a link from any other one leads: any existing slug resolves.
            if not valid or self.site.page_route(slug) is None or in_lang not in self.config.codes:
                return None
            if slug == "index":
                return self.routes.url("home", in_lang) + suffix
            return self.routes.page_link(slug, in_lang)[0] + suffix
        if path.startswith("/") and self.routes.base != "/":
            return self.routes.base + path.lstrip("/") + suffix
        return target

    # -- one method per route kind -------------------------------------------------------------

    def view_root(self, route, lang):
        return {"title": self.config.title.get(self.config.default_language).text}

    def view_notfound(self, route, lang):
        return {"title": "404"}

    def view_offline(self, route, lang):
        return {"title": self.translator.gettext(lang, N_("You are offline"))}

    def view_home(self, route, lang):
        page = self.site.page("index")
        active = list(self.site.active_locations())
        return {
            "title": self.config.title.get(lang).text,
            "intro": self.body(page.versions, lang) if page else None,
            "intro_title": page.version(lang, self.config.default_language).title if page else None,
            "next_events": self.site.upcoming[:8],
            "locations": active,
            "districts": self.districts(active),
            "overview_map": self.overview_map(lang),
        }

    def view_page(self, route, lang):
        page = self.site.page(route.key)
        version = page.version(lang, self.config.default_language)
        return {"title": version.title, "description": version.description, "page": page,
                "title_lang": version.lang, "content": self.body(page.versions, lang)}

    def districts(self, locations):
        ordered = sorted(locations, key=lambda loc: (loc.district, loc.name(self.config.default_language)))
        return [(district, list(group)) for district, group in groupby(ordered, key=lambda loc: loc.district)]

    def view_locations(self, route, lang):
        return {"title": self.translator.gettext(lang, N_("Locations")),
                "active": self.districts(list(self.site.active_locations())),
                "ended": [loc for loc in self.site.locations if not loc.active],
                "overview_map": self.overview_map(lang),
                "open_data_url": self.routes.url("open_data", lang)}

    def overview_map(self, lang):
        """The SVG overview of the active locations with coordinates, and the numbered list beside it."""
        placed = [loc for _, locs in self.districts(list(self.site.active_locations()))
                  for loc in locs if loc.coordinates]
        if not placed:
            return None
        markers = [overview_map.Marker(number, loc.coordinates.lat, loc.coordinates.lon,
                                       self.routes.url("location", lang, loc.slug), loc.name(lang))
                   for number, loc in enumerate(placed, 1)]
        made = self.site.memo("map", lambda: overview_map.layout(markers, self.site.outlines))
        label = self.translator.gettext(lang, N_("Map of the locations"))
        return {"svg": Markup(overview_map.draw(markers, made, label)), "locations": placed}

    def view_location(self, route, lang):
        location = self.site.location(route.key)
        holidays = self.holidays(lang)
        today = self.site.today
        status = None
        if location.has_hours and location.active:
            status = schedule.opening_status_data(location, today, holidays, tz=self.config.tz)
        rows = schedule.week_rows(location, today, holidays, lang) if location.has_hours else []
        page_url = self.routes.absolute(self.routes.url("location", lang, location.slug))
        upcoming = self.site.upcoming_at(location.slug)
        return {
            "title": location.name(lang),
            "location": location,
            "text": self.body(location.texts, lang),
            "rows": rows,
            "share": share.location_share(location, rows, lang, page_url, self.translator),
            "closures": schedule.upcoming_closures(location, today, holidays, lang) if location.has_hours else [],
            "events": upcoming[:LOCATION_DATES],
            "all_events_url": self.routes.url("events_location", lang, location.slug)
            if len(upcoming) > LOCATION_DATES else None,
            "status_json": script_json(status) if status else None,
            "osm_hours": hours_formats.osm_opening_hours(location),
            "jsonld": script_json(structured.location_data(self.site, self.routes, location, lang, holidays)),
            "calendar_url": self.feed_url("location_ics", lang, location.slug),
            "hours_calendar_url": self.feed_url("location_hours_ics", lang, location.slug),
            "example_labels": sorted({self.translator.gettext(lang, EXAMPLE_LABELS[f])
                                      for f in location.example if f in EXAMPLE_LABELS}),
        }

    def view_notice(self, route, lang):
        """The printable notice: the reader's language, and beside it the default language."""
        location = self.site.location(route.key)
        languages = [lang] + ([self.config.default_language] if lang != self.config.default_language else [])
        events = self.site.upcoming_at(location.slug)
        columns = [notice.column(location, code, self.directions, self.translator, self.site.today,
                                 self.holidays(code), events, self.config.tz) for code in languages]
        page_url = self.routes.absolute(self.routes.url("location", lang, location.slug))
        qr_label = self.translator.gettext(lang, N_("QR code with the address of this location's page"))
        return {"title": self.translator.gettext(lang, N_("Notice to print")) + ": " + location.name(lang),
                "location": location, "columns": columns, "page_url": page_url,
                "qr": notice.qr_svg(page_url, qr_label)}

    def view_events(self, route, lang):
        kind, key, number = listing_of(route)
        heading = self.translator.gettext(lang, N_("Upcoming events"))
        if kind == "events_location":
            heading = self.site.location(key).name(lang)
        elif kind == "events_category":
            heading = self.config.category(key)(lang)
        calendar = self.feed_url("location_ics", lang, key) if kind == "events_location" else None
        return {**self.listing_context(kind, key, number, heading, lang), "listing": (kind, key),
                "filter_categories": self.site.categories_upcoming(),
                "filter_locations": self.location_filters(lang, key if kind == "events_location" else None),
                "calendar_url": calendar or self.feed_url("events_ics", lang), "atom_url": self.feed_url("events_atom", lang),
                "open_data_url": self.routes.url("open_data", lang)}

    def listing_context(self, kind, key, number, heading, lang) -> dict:
        """The title, dates and page links of page `number` of a listing, split as the routes
        split it (`calendar.listings.paged`). `pagination` is None for a listing of one page.
        Split once per listing, not once per page: a city's 30 pages each splitting its 3,000 dates
        again would grow with the square of its events."""
        pages = self.site.memo(("listing_pages", kind, key),
                               lambda: paged(listed(self.site, kind, key), self.config.tz))
        number = min(number, len(pages))
        if len(pages) == 1:
            return {"title": heading, "occurrences": pages[0], "pagination": None}

        def link(n):
            if not 1 <= n <= len(pages):
                return None
            page_kind, page_key = listing_page(kind, key, n)
            return self.routes.url(page_kind, lang, page_key)
        where = self.translator.gettext(lang, N_("Page %(number)s of %(count)s")) % {
            "number": i18n.native_digits(str(number), lang), "count": i18n.native_digits(str(len(pages)), lang)}
        return {"title": heading if number == 1 else f"{heading} – {where}", "occurrences": pages[number - 1],
                "pagination": {"number": number, "text": where, "previous": link(number - 1), "next": link(number + 1)}}

    def location_filters(self, lang, current: str | None = None) -> list[tuple[str, str, Markup]]:
        """(slug, URL of its listing, name) of the locations an event listing offers as filters:
        on the events page and a category's, every location with upcoming events (a page per
        language and category); on one location's listing, `nearby()` of them. Every location's
        listing showing every location would make a city's listings grow with the square of its
        locations. Made once a language, as a site with hundreds of locations has hundreds of
        listings."""
        def make():
            tx = text_helper(lang, self.directions)
            listed = self.site.locations_with_upcoming()
            return [(loc.slug, self.routes.url("events_location", lang, loc.slug), tx(loc.name), loc.district)
                    for loc in self.site.locations if loc.slug in listed]
        every = self.site.memo(("location_filters", lang), make)
        return [entry[:3] for entry in (every if current is None else nearby(every, current))]

    def feed_url(self, kind, lang, key=None) -> str | None:
        return self.routes.url(kind, lang, key) if self.routes.has(kind, lang, key) else None

    view_events_location = view_events_category = view_events
    view_events_page = view_events_location_page = view_events_category_page = view_events

    def view_search(self, route, lang):
        """The page loads every shard of its language's index: the first as Pagefind UI's own
        bundle, the others merged into it. Their count comes from the routes, as the index's does.
        The index's URLs are relative to the language's folder (search_index), `base` is its URL."""
        count = self.site.shard_count(lang)
        return {"title": self.translator.gettext(lang, N_("Search")),
                "bundles": [self.routes.asset(search_shards.folder(lang, k) + "/") for k in range(count)],
                "base": self.routes.asset(f"{lang}/")}

    def view_open_data(self, route, lang):
        """What /data/ holds and how to use it: the files, their formats, the licence."""
        def urls(name):
            return {kind: self.routes.url(f"data_{name}_{kind}") for kind in ("json", "csv")}
        return {"title": self.translator.gettext(lang, N_("Open data")),
                "data_locations": urls("locations"), "data_events": urls("events"),
                "licence": self.config.data_licence, "weeks": self.config.events_horizon_weeks,
                "source": self.routes.absolute(self.routes.url("home", lang))}

    def view_events_archive(self, route, lang):
        kind, key, number = listing_of(route)
        return self.listing_context(kind, key, number, self.translator.gettext(lang, N_("Past events")), lang)

    view_events_archive_page = view_events_archive

    def view_event(self, route, lang):
        event = self.site.event(route.key)
        tz = self.config.tz
        upcoming = self.site.upcoming_of(event.slug)
        every = schedule.expand(event, tz, event.start, schedule.rule_end(event, tz))
        dated = next((o for o in every if o.end > self.site.now), every[-1] if every else None)
        jsonld = structured.event_data(self.site, self.routes, event, lang, dated) if dated else None
        first = schedule.expand(event, tz, event.start, event.end + dt.timedelta(seconds=1))[:1]
        shown = (upcoming or first)[:1]  # the date the page shows first
        page_url = self.routes.absolute(self.routes.url("event", lang, event.slug))
        return {
            "jsonld": script_json(jsonld) if jsonld else None,
            "calendar_url": self.feed_url("event_ics", lang, event.slug),
            "title": event.title(lang),
            "event": event,
            "location": self.site.location(event.location),
            "content": self.body(event.texts, lang),
            "next": upcoming[:6],
            "past": not upcoming and event.end <= self.site.now,
            "first": first,
            "share": share.event_share(event, shown[0] if shown else None, lang, page_url, tz, self.translator),
        }
