"""Markdown to safe HTML through one configured converter.

Editors' Markdown is untrusted: after conversion the HTML goes through nh3 (Ammonia) with an
allowlist, so `<script>`, event handlers and `javascript:`/`data:` URLs never reach a page.
Links to content files (`about.de.md`) are rewritten to their URLs by a callback from the
render stage; links it cannot resolve are reported, not dropped.
"""

from __future__ import annotations

import hashlib
from typing import Callable

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .cache import text_key

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "bdi",
}
ATTRIBUTES = {
    "a": {"href", "title", "rel", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "*": {"id", "lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "geo"}

Resolver = Callable[[str], "str | None"]


class _Links(Treeprocessor):
    """Rewrites links through the resolver and remembers the ones it could not resolve."""

    def __init__(self, md, owner):
        super().__init__(md)
        self.owner = owner

    def run(self, root):
        for element in root.iter():
            attr = {"a": "href", "img": "src"}.get(element.tag)
            if attr is None or element.get(attr) is None:
                continue
            target = element.get(attr)
            if target.startswith(("http://", "https://")):
                if element.tag == "a":
                    element.set("rel", "noopener noreferrer")
                continue
            if element.tag == "img":
                element.set("loading", "lazy")
            resolved = self.owner.resolver(target) if self.owner.resolver else target
            if resolved is None:
                self.owner.broken.append(target)
            else:
                element.set(attr, resolved)
                self.owner.resolved.add(resolved)


EXTENSIONS = ["tables", "sane_lists", "attr_list", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}
# Everything the HTML of a text depends on besides the text: a cache key includes it.
CONFIGURATION = repr((3, markdown.__version__, getattr(nh3, "__version__", ""), EXTENSIONS, EXTENSION_CONFIGS,
                      sorted(TAGS), sorted((k, sorted(v)) for k, v in ATTRIBUTES.items()), sorted(URL_SCHEMES)))


class _Headings(Treeprocessor):
    """The page title is the only h1: the text's highest heading becomes an h2 and the others follow,
    so both "# Part" and "## Part" give an h2 and no level is skipped below the title."""

    def run(self, root):
        headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        if not headings:
            return
        shift = 2 - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{min(6, int(element.tag[1]) + shift)}"


class Markup:
    """One reusable Markdown converter; `convert()` is called once per text and language.

    With a `cache` (cache.MarkdownCache), a text converted in an earlier build is reused as long
    as each of its links still resolves to the same URL.
    """

    def __init__(self, cache=None):
        self.resolver: Resolver | None = None
        self.broken: list[str] = []
        self.resolved: set[str] = set()  # URLs the treeprocessor wrote, not to be resolved twice
        self.cache = cache
        self.md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
        self.md.treeprocessors.register(_Links(self.md, self), "benn_links", 1)
        self.md.treeprocessors.register(_Headings(self.md), "benn_headings", 2)

    def convert(self, text: str, resolver: Resolver | None = None) -> tuple[str, list[str]]:
        """(safe HTML, links that could not be resolved)."""
        key = None
        if self.cache is not None:
            key = text_key(CONFIGURATION + ("resolved" if resolver else "as written"), text)
            hit = self.cache.get(key)
            if hit is not None:
                html, links = hit
                if all((resolver(target) if resolver else target) == url for target, url in links):
                    return html, [target for target, url in links if url is None]
        links: list[tuple[str, str | None]] = []

        def recording(target):
            url = resolver(target) if resolver else target
            links.append((target, url))
            return url

        self.resolver, self.broken, self.resolved = recording, [], set()
        self.md.reset()
        html = sanitize(self.md.convert(text), self._raw_links if resolver else None)
        broken = self.broken
        self.resolver, self.broken, self.resolved = None, [], set()
        if key is not None:
            self.cache.put(key, html, links)
        return html, broken

    def _raw_links(self, element: str, attribute: str, value: str) -> str:
        """Links written as raw HTML (`<a href="/de/events/">`) never meet the treeprocessor:
        resolve them while sanitising, so they too get the base path or are reported."""
        if (element, attribute) not in (("a", "href"), ("img", "src")) or value in self.resolved \
                or value in self.broken or value.startswith(("http://", "https://")):
            return value  # not a link, or one the treeprocessor has already seen
        resolved = self.resolver(value)
        if resolved is None:
            self.broken.append(value)
            return value
        return resolved


def sanitize(html: str, attribute_filter=None) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=attribute_filter)


def content_hash(text: str) -> str:
    """A short, stable hash of a text, for translation tracking and caches."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
