"""The preview's fast path: a save that changes only the text of one page is on disk before the
full build has started.

Hugo's server renders the pages a browser has open first ("fast render"); here it is the one
case that makes up most editing: an editor saves a page file (content/pages/) whose file name
and fields are as they were, and only the Markdown text below them differs. Such a save cannot
change the site's routes, menu, listings, feeds or the other pages: only the HTML of that page in
each language (its own text, or the fallback text for languages without one), the editors'
translations page and the search index. So the page is rendered at once from the last good
build's model with the one text replaced, and written where its bytes changed; then the full
build runs as for any save. The pages written here lose their fingerprints and their search
shards their entry files (`Builder.quick`), so the full build renders those pages again and makes
those shards: the output always ends as a clean build's.

Anything else (another kind of file, a changed field, a link that does not resolve, a failed
render, a different build hour) returns None and leaves everything to the full build.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from benn_site import store
from benn_site.calendar.listings import Listings
from benn_site.errors import ContentError, RenderError
from benn_site.model import Site
from benn_site.reading.sources import SourceFile, name_parts, read_text, split_front_matter
from benn_site.rendering.i18n import Translator
from benn_site.rendering.markup import MarkdownConverter
from benn_site.rendering.render import render_template
from benn_site.rendering.routes import Routes
from benn_site.rendering.views import Views


@dataclass(frozen=True)
class Snapshot:
    """What the last good build was made from: its model, routes, event listings, templates, and
    the parsed page files (by path as the loader names them) and the search shards per language."""

    site: Site
    routes: Routes
    listings: Listings
    env: jinja2.Environment
    parsed: dict[str, SourceFile]
    shards: dict[str, int]


def page_text(snapshot: Snapshot, saved: Path, now: dt.datetime) -> dict[str, bytes] | None:
    """output name → bytes, for the pages showing the saved page file's text; None when the save
    is not just a new text for one page of the snapshot, or the page does not render cleanly."""
    site = snapshot.site
    config = site.config
    folder = config.content_dir / "pages"
    if now != site.now or saved.suffix != ".md" or saved.parent.resolve() != folder.resolve():
        return None
    path = folder / saved.name
    old = snapshot.parsed.get(os.fspath(path))
    if old is None:
        return None
    text, problems = read_text(path, config.root)
    if problems:
        return None
    new, problems = split_front_matter(text, old.path, required=True)
    if problems or (new.meta, new.body_line) != (old.meta, old.body_line):
        return None
    page = site.page(name_parts(saved.name)[0])
    version = next((v for v in page.versions if v.source.path == old.path), None) if page else None
    if version is None:
        return None
    edited = replace(page, versions=tuple(replace(v, body=new.body) if v is version else v for v in page.versions))
    return _render(snapshot, replace(site, pages=tuple(edited if p is page else p for p in site.pages)), edited.slug)


def warm(snapshot: Snapshot) -> None:
    """Render one page of the snapshot and drop it. The workers rendered the build, so the
    preview's first save would also pay for what this process has not loaded yet (locale data,
    the templates' first run: a third of a second)."""
    page = next((p for p in snapshot.site.pages if p.slug != "index"), None)
    if page is not None:
        _render(snapshot, snapshot.site, page.slug)


def _render(snapshot: Snapshot, site: Site, slug: str) -> dict[str, bytes] | None:
    """output name → bytes of the page `slug` in every language (the home page for 'index'),
    or None when one does not render cleanly."""
    views = Views(site, snapshot.routes, Translator(site), MarkdownConverter(None), snapshot.listings)
    shown = [route for route in snapshot.routes.routes
             if (route.kind == "page" and route.key == slug) or (route.kind == "home" and slug == "index")]
    pages = {}
    try:
        for route in shown:
            pages[route.output] = render_template(snapshot.env, route.template, views.context(route),
                                                  site.config.root).encode("utf-8")
    except (RenderError, ContentError):
        return None
    return None if views.link_errors else pages


def different(target: Path, pages: dict[str, bytes]) -> dict[str, bytes]:
    """The `pages` whose bytes differ from the files below `target`."""
    found = {}
    for name, data in pages.items():
        try:
            if (target / name).read_bytes() == data:
                continue
        except OSError:
            pass
        found[name] = data
    return found


def write(target: Path, pages: dict[str, bytes]) -> list[str]:
    """Write `pages` below `target`, each file atomically (a reader sees the old page or the new
    one); the names written."""
    for name, data in pages.items():
        store.write_atomic(target / name, data)
    return sorted(pages)
