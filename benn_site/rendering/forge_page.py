"""The editors' page of a site with `edit_url` (`editors/`): every page, location and event with a
link that opens its files in the forge's web editor, and a link that opens a new event there,
filled with the text `benn-site new event` writes, so an editor needs no Python and no checkout.

Like the translation page it is for editors only: not linked, not in the sitemap, not indexed,
in the editors' language. Without `edit_url` the site has no such page.
"""

from __future__ import annotations

import datetime as dt

from benn_site.content.new_files import event_file
from benn_site.messages import available, catalog, msg
from benn_site.rendering import translations
from benn_site.rendering.reads import Reads
from benn_site.rendering.routes import Routes

NEW_EVENT_DAYS = 7  # as `benn-site new event`: a week from today, until the editor changes the date


EDITED_KINDS = ("home", "page", "location", "event")  # the routes made from one editor's file


def edited_file(site, route) -> str | None:
    """The file an editor changes to change what `route` shows in its language: the page's file in
    that language (or the one it falls back to), a location's or event's text file in that
    language, else its own file; None for the site's own pages (lists, search, feeds)."""
    if route.kind not in EDITED_KINDS or route.lang is None:
        return None
    default = site.config.default_language
    if route.kind in ("home", "page"):
        page = site.page(route.key or "index")
        return page.version(route.lang, default).source.path if page else None
    record = site.location(route.key) if route.kind == "location" else site.event(route.key)
    own = next((v.source.path for v in record.texts if v.lang == route.lang), None)
    return own or record.source.path


def _files(main: str, texts) -> list[str]:
    """An item's files: its own, then one per other language, in the order the site lists them."""
    return [main] + [v.source.path for v in texts if v.source.path != main]


def rows(site: Reads, routes: Routes, lang: str) -> dict[str, list[dict]]:
    """What the page lists, per kind: a title, the item's address in the editors' language and
    its files, in the order the site shows them."""
    default = site.config.default_language

    def address(kind, key):
        in_lang = lang if routes.has(kind, lang, key) else default
        return routes.url(kind, in_lang, key) if routes.has(kind, in_lang, key) else None

    pages = [{"title": p.version(lang, default).title or p.slug,
              "url": address("home", None) if p.slug == "index" else address("page", p.slug),
              "files": [v.source.path for v in p.versions]} for p in site.pages]
    locations = [{"title": loc.name(lang), "url": address("location", loc.slug),
                  "files": _files(loc.source.path, loc.texts)} for loc in site.locations]
    events = [{"title": e.title(lang), "url": address("event", e.slug), "files": _files(e.source.path, e.texts)}
              for e in sorted(site.events, key=lambda e: (e.start, e.slug))]
    return {"pages": pages, "locations": locations, "events": events}


def page(site: Reads, routes: Routes) -> bytes:
    """`editors/index.html`: the forge's links for every file an editor changes."""
    from benn_site.rendering.editor_pages import forge_page

    config = site.config
    lang = translations.page_language(site)
    notes = lang if lang in available() else "en"
    name = catalog(notes).translate(msg("new-event"))
    day = site.today + dt.timedelta(days=NEW_EVENT_DAYS)
    file_name, text = event_file(config, name, day, notes, [loc.slug for loc in site.locations])
    forge = config.forge
    new_event = forge.new("content/events", file_name, text)
    return forge_page(catalog(lang), config.title(lang), forge, rows(site, routes, lang), new_event,
                      routes.url("editors_translations")).encode("utf-8")
