"""Internal links and anchors: pointing a broken link back at the line an editor wrote it on,
and checking every link of a built site (what `benn-site check` adds to the build's own checks).

Links are checked in the HTML the build wrote, not in the Markdown, so links made by templates,
links to feeds and static files, and `#anchors` made by Markdown headings are all covered, in
every language. Each broken link is reported once per file that caused it, with the pages it
appeared on counted, not repeated.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from benn_site.errors import ContentError, RenderError, SiteError
from benn_site.messages import msg
from benn_site.reading.sources import name_parts

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
EXTERNAL_SCHEMES = ("mailto:", "tel:", "geo:", "data:", "sms:", "webcal:")


def find_line(root: Path, path: str, *needles: str) -> int | None:
    """The first line of `root/path` that contains one of `needles` (tried in order)."""
    try:
        lines = (root / path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        if not needle:
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return None


def broken_link(root: Path, source: str, target: str) -> ContentError:
    """A Markdown link to a file or page that does not exist, at the line it is written on."""
    return ContentError(
        source, find_line(root, source, f"]({target}", f"<{target}>", target),
        msg("link to '{target}', which does not exist", target=target), "link",
        msg("link to a page's file, like about.de.md, or to an address of this site, like /de/locations/"))


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            self.links.append(values[attribute].strip())


def scan(html: str) -> tuple[set[str], list[str]]:
    """(ids, link targets) of one HTML page."""
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser.ids, parser.links


class SiteLinks:
    """The files of a built site, and a check of every internal link and anchor in them.

    `owners` maps an output file ('de/about/index.html') to (source file, template) so that a
    problem is reported where it can be fixed.
    """

    def __init__(self, folder: Path, base_url: str, owners: dict[str, tuple[str, str]], root: Path):
        self.folder = folder
        self.base_url = base_url
        self.base_path = urlsplit(base_url).path or "/"
        self.owners = owners
        self.root = root
        self.files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        self._ids: dict[str, set[str]] = {}
        self.checked = 0  # links followed by check()

    def ids(self, name: str) -> set[str]:
        if name not in self._ids:
            self._ids[name] = scan((self.folder / name).read_text(encoding="utf-8", errors="replace"))[0]
        return self._ids[name]

    def target(self, url: str) -> str | None:
        """The output file a site-absolute URL path points at, or None when there is none."""
        if not url.startswith(self.base_path):
            return None
        rest = unquote(url[len(self.base_path):])
        pure = PurePosixPath(rest) if rest else PurePosixPath(".")
        if ".." in pure.parts:
            return None
        name = "/".join(pure.parts)
        candidates = [name] if name and not rest.endswith("/") else []
        candidates.append(f"{name}/index.html" if name and name != "." else "index.html")
        return next((c for c in candidates if c in self.files), None)

    def check(self) -> list[SiteError]:
        found: dict[tuple, list] = {}  # (path, line, link, problem) → [error type, pages]
        for name in sorted(self.files):
            if not name.endswith(".html"):
                continue
            ids, links = scan((self.folder / name).read_text(encoding="utf-8", errors="replace"))
            self._ids[name] = ids
            page_url = self.base_path + (name[: -len("index.html")] if name.endswith("index.html") else name)
            for link in links:
                self.checked += 1
                problem = self._problem(page_url, ids, link)
                if problem is None:
                    continue
                kind, path, line = self._locate(name, link)
                found.setdefault((path, line or 0, link, problem), [kind, []])[1].append(name)
        errors = []
        for (path, line, _link, problem), (kind, pages) in sorted(found.items()):
            errors.append(kind(path, line or None, problem, "link", _pages_hint(self._first(path, pages))))
        return errors

    def _problem(self, page_url, ids, link):
        """None when the link works, else a message why not."""
        if link.startswith(EXTERNAL_SCHEMES) or link.startswith("javascript:"):
            return None
        if link.startswith(self.base_url):
            link = self.base_path + link[len(self.base_url):]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            return None  # another site: not checked here (no requests leave the machine)
        fragment = unquote(parts.fragment)
        if not parts.path:
            if fragment and fragment not in ids:
                return msg("anchor '#{anchor}' does not exist on this page", anchor=fragment)
            return None
        target = self.target(urljoin(page_url, parts.path))
        if target is None:
            return msg("link to '{target}', which does not exist", target=link)
        if fragment and target.endswith(".html") and fragment not in self.ids(target):
            return msg("link to '{target}': the anchor '#{anchor}' does not exist on that page",
                       target=link, anchor=fragment)
        return None

    def _locate(self, name: str, link: str):
        """(error type, file, line) where the link is written: the page's content file when the
        link is in it, else the template that has it literally, else the page's template."""
        source, template = self.owners.get(name, ("", ""))
        fragment = urlsplit(link).fragment
        if source.endswith((".md", ".yaml", ".yml")):
            line = find_line(self.root, source, f"#{fragment}" if fragment else "", link)
            if line is not None:
                return ContentError, source, line
        templates = self.root / "templates"
        if templates.is_dir():
            for path in sorted(templates.rglob("*.html")):
                line = find_line(self.root, path.relative_to(self.root).as_posix(), f'"{link}"')
                if line is not None:
                    return RenderError, path.relative_to(self.root).as_posix(), line
        if template:
            return RenderError, f"templates/{template}", None
        return ContentError, source or name, None

    @staticmethod
    def _first(path: str, pages: list[str]) -> list[str]:
        """The pages, the one in the file's own language first (about.de.md → de/about/)."""
        lang = name_parts(PurePosixPath(path).name)[1]
        return sorted(pages, key=lambda page: (not (lang and page.startswith(lang + "/")), page))


def _pages_hint(pages: list[str]):
    first = "/" + pages[0].removesuffix("index.html")
    if len(pages) == 1:
        return msg("fix or remove the link; it is on the page {page}", page=first)
    return msg("fix or remove the link; it is on the page {page} and {count} more", page=first,
               count=len(pages) - 1)
