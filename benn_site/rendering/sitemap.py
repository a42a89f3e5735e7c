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

from xml.sax.saxutils import escape, quoteattr

from benn_site.rendering.routes import Routes

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap(routes: Routes) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    entries = []
    for route in routes.routes:
        if route.kind in ("notfound", "offline"):
            continue
        loc = routes.absolute(routes.url(route.kind, route.lang, route.key))
        alternates = []
        if route.lang is None:
            alternates.append(("x-default", loc))
        else:
            offered = routes.alternate_languages(route)  # a page with `only_in` is in those only
            for code in offered:
                alternates.append((code, routes.absolute(routes.url(route.kind, code, route.key))))
            default = routes.x_default(offered)
            alternates.append(("x-default", routes.absolute(routes.url(route.kind, default, route.key))))
        entries.append((loc, alternates))
    for loc, alternates in sorted(entries):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(loc)}</loc>")
        for code, href in alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(routes: Routes) -> bytes:
    """Everything may be indexed; the sitemap's full URL. Crawlers read robots.txt only at the root
    of a host: a site under a sub-path must have its server serve this file there."""
    return ("User-agent: *\nAllow: /\n\n"
            f"Sitemap: {routes.absolute(routes.url('sitemap'))}\n").encode("utf-8")
