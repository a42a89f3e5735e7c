"""`benn-site changes --base DIR`: what a pull or merge request changes on the site, in words.

The check of a request prints this as Markdown (GitHub appends it to the job summary, GitLab shows
it in the job log): per language, the pages, locations and events it adds, changes and removes,
each with its future address and its file; the warnings it brings; and the files that can change
every page (site.yaml, templates, interface strings).

It compares two site directories, the request's and the target branch's (checked out beside it),
loaded and checked with the same build instant, without rendering either: a page has changed
when what it shows in that language has, its own text or its fields (`shown`), so a change to
one file names the pages made from it, not every page whose menu or footer the build re-renders.
That is cheap (both loads take a fraction of a build) and does not depend on how the generator
renders, which may itself differ between the two branches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from benn_site import diagnostics, messages
from benn_site.build import prepare
from benn_site.errors import BuildFailed
from benn_site.messages import msg
from benn_site.model import Site, reader_version
from benn_site.rendering import translations
from benn_site.rendering.dependencies import digest
from benn_site.rendering.forge_page import edited_file
from benn_site.rendering.routes import Routes

SITE_WIDE = ("site.yaml", "templates", "content/ui", "content/data")  # files that can change every page


@dataclass(frozen=True)
class Shown:
    """What one route shows in its language: its title, address, file and a hash of its content."""

    title: str
    url: str
    path: str
    content: str


def shown(site: Site, routes: Routes) -> dict[tuple[str, str, str | None], Shown]:
    """(kind, language, key) → Shown, for every route made from an editor's file."""
    default = site.config.default_language
    found = {}
    for route in routes.routes:
        path = edited_file(site, route)
        if path is None:
            continue
        lang, key = route.lang, route.key
        if route.kind in ("home", "page"):
            page = site.page(key or "index")
            version = page.version(lang, default)
            item, title = (version, page.order, page.only_in), version.title or page.slug
        else:
            record = site.location(key) if route.kind == "location" else site.event(key)
            version = reader_version(record.texts, lang, default)
            item = dataclasses.replace(record, texts=(version,) if version else ())
            title = (record.name if route.kind == "location" else record.title)(lang)
        found[(route.kind, lang, key)] = Shown(title, routes.absolute(routes.base + route.path),
                                               path, digest(item))
    return found


def _files(root: Path) -> dict[str, str]:
    """The site-wide files of a site directory, each with a hash of its bytes."""
    found = {}
    for name in SITE_WIDE:
        top = root / name
        for path in ([top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())):
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _warning_key(warning) -> tuple:
    """A warning without its line: a line moved by an edit above it is not a new warning."""
    return (warning.path, warning.field, str(warning.message))


def _escape(text: str) -> str:
    """A title as plain text in Markdown: no link, emphasis or HTML of its own."""
    return "".join("\\" + c if c in "\\`*_[]<>#|~" else c for c in text)


def changes(root: Path, base: Path, now: dt.datetime, base_url: str | None = None) -> str:
    """The Markdown summary, in the language of the editors' pages (the site's default language
    when the messages are translated into it: CI has no German terminal); BuildFailed when the
    request's own site has problems."""
    config, site = prepare(root, now, base_url)
    catalog = messages.catalog(translations.page_language(site))
    t = catalog.translate
    routes = Routes(site)
    lines = ["## " + t(msg("What this change does to the site")), ""]
    try:
        _, old_site = prepare(base, now, base_url)
    except BuildFailed:
        lines.append(t(msg("The target branch has problems of its own, so this change cannot be compared with it.")))
        return "\n".join(lines) + "\n"
    new, old = shown(site, routes), shown(old_site, Routes(old_site))
    codes = list(config.codes) + [c for c in old_site.config.codes if c not in config.codes]
    names = {lang.code: lang.name for lang in old_site.config.languages + config.languages}
    any_page = False
    changed = {k for k in new.keys() & old.keys() if new[k].content != old[k].content}
    for lang in codes:
        rows = []
        for label, keys, source in ((msg("added"), new.keys() - old.keys(), new), (msg("changed"), changed, new),
                                    (msg("removed"), old.keys() - new.keys(), old)):
            for key in sorted((k for k in keys if k[1] == lang), key=lambda k: source[k].url):
                item = source[key]
                rows.append(f"- {t(label)}: {_escape(item.title)} – {item.url} (`{item.path}`)")
        if rows:
            any_page = True
            lines += [f"### {names.get(lang, lang)} ({lang})", "", *rows, ""]
    if not any_page:
        lines += [t(msg("No page, location or event is added, changed or removed.")), ""]
    site_wide = _site_wide(root, base, t)
    if site_wide:
        lines += ["### " + t(msg("Files that can change every page")), "", *site_wide, ""]
    known = {_warning_key(w) for w in diagnostics.warnings(old_site, ())}
    fresh = [w for w in diagnostics.warnings(site, ()) if _warning_key(w) not in known]
    if fresh:
        lines += ["### " + t(msg("New warnings")), ""]
        lines += [f"- {_escape(w.text(catalog))}" for w in fresh]
        lines.append("")
    return "\n".join(lines)


def _site_wide(root: Path, base: Path, t) -> list[str]:
    new, old = _files(root), _files(base)
    rows = []
    for path in sorted(new.keys() | old.keys()):
        if path not in old:
            rows.append(f"- {t(msg('added'))}: `{path}`")
        elif path not in new:
            rows.append(f"- {t(msg('removed'))}: `{path}`")
        elif new[path] != old[path]:
            rows.append(f"- {t(msg('changed'))}: `{path}`")
    return rows
