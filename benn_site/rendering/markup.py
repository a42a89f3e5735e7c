"""Markdown to safe HTML through one configured converter.

Editors write CommonMark (with tables, strikethrough and `{#id}` on headings), converted by
pulldown-cmark through `pyromark`: it is about a hundred times faster than a pure-Python
converter, which matters because converting texts was most of a build's time.

Editors' Markdown is untrusted: after conversion the HTML goes through nh3 (Ammonia) with an
allowlist, so `<script>`, event handlers and `javascript:`/`data:` URLs never reach a page.
While sanitising, every link and image source (written in Markdown or as raw HTML alike) passes
through a callback from the render stage that rewrites links to content files (`about.de.md`)
to their URLs; links it cannot resolve are reported, not dropped. Headings are then fitted
below the page title and given ids, so a link can point at a section.
"""

from __future__ import annotations

import hashlib
import html as html_module
import re
import unicodedata
from typing import Callable
from urllib.parse import unquote

import nh3
import pyromark

from benn_site.rendering.markdown_cache import text_key

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "bdi",
}
# h1 is allowed through the sanitiser only so that `_fit_headings` can turn it into an h2.
_SANITISED_TAGS = TAGS | {"h1"}
ATTRIBUTES = {
    "a": {"href", "title", "rel", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "*": {"id", "lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "geo"}
OPTIONS = (pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
           | pyromark.Options.ENABLE_HEADING_ATTRIBUTES)
EXTERNAL = ("http://", "https://")
# Everything the HTML of a text depends on besides the text: a cache key includes it.
CONFIGURATION = repr((4, pyromark.__version__, getattr(nh3, "__version__", ""), int(OPTIONS),
                      sorted(TAGS), sorted((k, sorted(v)) for k, v in ATTRIBUTES.items()), sorted(URL_SCHEMES)))

Resolver = Callable[[str], "str | None"]

# nh3 writes every attribute as name="value" with `"` escaped, so these patterns see whole tags.
_ATTRS = r'((?:\s+[\w:-]+="[^"]*")*)'
_HEADING = re.compile(r"<h([1-6])" + _ATTRS + r">(.*?)</h\1>", re.S)
_LINK = re.compile(r"<(a|img)" + _ATTRS + r"(\s*/?)>")
_TAG = re.compile(r"<[^>]*>")


class MarkdownConverter:
    """One reusable converter; `convert()` is called once per text and language.

    With a `cache` (markdown_cache.MarkdownCache), a text converted in an earlier build is reused as long
    as each of its links still resolves to the same URL.
    """

    def __init__(self, cache=None):
        self.cache = cache

    def convert(self, text: str, resolver: Resolver | None = None) -> tuple[str, list[str]]:
        """(safe HTML, links that could not be resolved)."""
        key = None
        if self.cache is not None:
            key = cache_key(text, resolver is not None)
            hit = self.cache.get(key)
            if hit is not None:
                html, links = hit
                if all((resolver(target) if resolver else target) == url for target, url in links):
                    return html, [target for target, url in links if url is None]
        links: list[tuple[str, str | None]] = []

        def links_of(element: str, attribute: str, value: str) -> str:
            if (element, attribute) not in (("a", "href"), ("img", "src")) or value.startswith(EXTERNAL):
                return value
            target = unquote(value)
            url = resolver(target) if resolver else target
            links.append((target, url))
            return value if url is None else url

        # pyromark reads the text as UTF-8, which CPython then keeps inside the string: for the
        # model's texts (held all build long, shared with the forked workers) one more copy of every
        # non-ASCII text, in memory the worker must first copy. A throwaway copy takes that instead.
        source = text if text.isascii() else text.encode("utf-8").decode("utf-8")
        html = _finish(sanitize(pyromark.html(source, options=OPTIONS), links_of, tags=_SANITISED_TAGS))
        if key is not None:
            self.cache.put(key, html, links)
        return html, [target for target, url in links if url is None]


def cache_key(text: str, resolved: bool) -> str:
    return text_key(CONFIGURATION + ("resolved" if resolved else "as written"), text)


def sanitize(html: str, attribute_filter=None, tags=TAGS) -> str:
    return nh3.clean(html, tags=tags, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=attribute_filter,
                     set_tag_attribute_values={"img": {"loading": "lazy"}})


def _finish(html: str) -> str:
    """External links get rel="noopener noreferrer"; headings fit below the title and get ids."""
    html = _LINK.sub(_link_tag, html).strip()
    headings = _HEADING.findall(html)
    if not headings:
        return html
    shift = 2 - min(int(level) for level, _, _ in headings)
    used: dict[str, int] = {}

    def heading(match: re.Match) -> str:
        level = min(6, int(match.group(1)) + shift)
        attributes, inner = match.group(2), match.group(3)
        if ' id="' not in attributes:
            attributes = f' id="{_unique(slug(_TAG.sub("", inner)), used)}"' + attributes
        return f"<h{level}{attributes}>{inner}</h{level}>"

    return _HEADING.sub(heading, html)


def _link_tag(match: re.Match) -> str:
    element, attributes = match.group(1), match.group(2)
    if element == "a" and re.search(r'\shref="https?://', attributes) and " rel=" not in attributes:
        attributes += ' rel="noopener noreferrer"'
    return f"<{element}{attributes}>"


def slug(text: str) -> str:
    """A heading's id as GitHub makes it: lower case, letters of any script, digits, '-' and '_'."""
    text = unicodedata.normalize("NFKC", html_module.unescape(text)).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"\s+", "-", text) or "section"


def _unique(name: str, used: dict[str, int]) -> str:
    count = used.get(name, 0)
    used[name] = count + 1
    return name if count == 0 else f"{name}-{count}"


def content_hash(text: str) -> str:
    """A short, stable hash of a text, for translation tracking and caches."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
