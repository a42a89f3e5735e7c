"""sitemap.xml with hreflang alternates, and robots.txt pointing to it.

Every HTML page is listed (not the 404 page, nor the offline pages only the service worker shows).
A page in a language lists the same page in every language it exists in (a page with `only_in`:
only those) and `x-default` (the default language's version), exactly as the
`<link rel="alternate">` tags in its head do; the root language chooser is itself the `x-default`
and lists nothing else.
There is no `lastmod`: the build knows no honest modification date, and a build date would change
every file every day.
"""

from __future__ import annotations

from benn_site.rendering.routes import UNLISTED, Routes

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap(routes: Routes) -> bytes:
    """Every page, or, for more pages than one file holds, the index of the files that list them."""
    from xml.sax.saxutils import escape  # imported when used, as in atom_feed: it brings urllib, http and ssl

    if not routes.has("sitemap_part", None, "1"):
        return _urlset(routes, listed(routes))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for route in routes.feeds:
        if route.kind == "sitemap_part":
            lines.append(f"  <sitemap><loc>{escape(routes.absolute(routes.url(route.kind, None, route.key)))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_part(routes: Routes, order: list, size: int, key: str) -> bytes:
    """The `key`-th (from 1) `size` pages of `order` (`listed()`, made once for all the parts)."""
    first = (int(key) - 1) * size
    return _urlset(routes, order[first:first + size])


def listed(routes: Routes) -> list[tuple[str, object]]:
    """(address, route) of every listed page, sorted by address. Only the addresses are kept for
    the sort: the alternates of a page (eight addresses with seven languages) are made while its
    part is written, so that a 100,000-page site does not hold a million addresses at once."""
    return sorted(((_loc(routes, route), route) for route in routes.routes if route.kind not in UNLISTED),
                  key=lambda item: item[0])


def _loc(routes: Routes, route) -> str:
    return routes.absolute(routes.url(route.kind, route.lang, route.key))


def alternates(routes: Routes, route) -> list[tuple[str, str]]:
    """(hreflang, address) of the versions of a page that the sitemap lists beside it."""
    if route.lang is None:
        return [("x-default", _loc(routes, route))]
    offered = routes.alternate_languages(route)  # a page with `only_in` is in those only
    found = [(code, routes.absolute(routes.url(route.kind, code, route.key))) for code in offered]
    default = routes.x_default(offered)
    return found + [("x-default", routes.absolute(routes.url(route.kind, default, route.key)))]


def _urlset(routes: Routes, order) -> bytes:
    from xml.sax.saxutils import escape, quoteattr

    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for loc, route in order:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(loc)}</loc>")
        for code, href in alternates(routes, route):
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(routes: Routes) -> bytes:
    """Everything may be indexed; the sitemap's full URL. Crawlers read robots.txt only at the root
    of a host: a site under a sub-path must have its server serve this file there."""
    return ("User-agent: *\nAllow: /\n\n"
            f"Sitemap: {routes.absolute(routes.url('sitemap'))}\n").encode("utf-8")
