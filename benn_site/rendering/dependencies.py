"""What each output was made from, as a fingerprint: equal fingerprints mean equal bytes, so the
output need not be rendered again.

An output's fingerprint is a hash of everything its bytes can depend on:

- for every output: the generator's code and library versions, site.yaml and the interface
  catalogs;
- its template and every template that one extends, includes or imports, and the build instant
  when one of them uses `now` or `today` (found in the templates' text);
- the value of every part of the model its view, template or feed read while it rendered,
  recorded by `reads.Reads`: a page's own files, a location with its upcoming events, the list
  of upcoming events, the menu's titles, in which languages the addresses it links to exist, …

Nothing here says what a kind of output reads: an output is rendered, its reads are recorded,
and the next build evaluates the same reads on its own model. Values are hashed as values
(`digest()`), so an edit that changes nothing (a file saved twice, a comment in YAML) changes no
fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
from pathlib import Path

import jinja2
from jinja2 import meta

from benn_site.model import Site
from benn_site.reading.packed_text import PackedText
from benn_site.rendering.reads import Reads
from benn_site.rendering.routes import Route


def digest(*values) -> str:
    """A stable hash of plain values and frozen dataclasses, the same in every process."""
    parts: list[str] = []
    memo: dict[int, tuple[object, str]] = {}
    for value in values:
        _walk(value, parts, memo)
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names: dataclasses.fields() is slow


def _walk(value, out: list[str], memo) -> None:
    kind = type(value)
    if kind is str:  # most of a model: tested first, by identity of the type
        out.append(f"s{len(value)}:")
        out.append(value)
    elif value is None or kind is bool or kind is int or kind is float:
        out.append(repr(value))
    elif kind is tuple or kind is list:
        out.append(f"({len(value)}")
        for item in value:
            if type(item) is str:  # as in _walk's first branch, without a call
                out.append(f"s{len(item)}:")
                out.append(item)
            else:
                _walk(item, out, memo)
    elif isinstance(value, str):
        out.append(f"s{len(value)}:")
        out.append(value)
    elif kind is PackedText:  # a text, reached by many keys: hashed once, by identity
        cached = memo.get(id(value))
        if cached is None:  # hashed as its bytes, not decoded
            cached = memo[id(value)] = (value, hashlib.blake2b(value.encoded(), digest_size=16).hexdigest())
        out.append(cached[1])
    elif kind in _FIELDS or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        cached = memo.get(id(value))
        if cached is None:
            inner: list[str] = [kind.__qualname__]
            names = _FIELDS.get(kind)
            if names is None:
                names = _FIELDS[kind] = tuple(item.name for item in dataclasses.fields(value))
            for name in names:  # a field that is text or nothing, as most are, without a call
                item = getattr(value, name)
                if type(item) is str:
                    inner.append(f"s{len(item)}:")
                    inner.append(item)
                elif item is None:
                    inner.append("None")
                else:
                    _walk(item, inner, memo)
            cached = (value, digest_of(inner))
            memo[id(value)] = cached
        out.append(cached[1])
    elif isinstance(value, (tuple, list)):
        out.append(f"({len(value)}")
        for item in value:
            _walk(item, out, memo)
    elif isinstance(value, dict):
        out.append(f"{{{len(value)}")
        for key in sorted(value, key=repr):
            _walk(key, out, memo)
            _walk(value[key], out, memo)
    elif isinstance(value, (set, frozenset)):
        inner = []
        for item in value:
            one: list[str] = []
            _walk(item, one, memo)
            inner.append("\x1f".join(one))
        out.append(f"<{len(value)}")
        out.extend(sorted(inner))
    elif isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        out.append(f"t{value!r}")
    elif isinstance(value, Path):
        out.append("p" + value.as_posix())
    else:
        text = repr(value)
        if " at 0x" in text:
            raise TypeError(f"cannot fingerprint {kind.__name__}")
        out.append(text)


def digest_of(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def code_version() -> str:
    """The generator's own source files and the libraries whose output ends up in pages."""
    package = Path(__file__).resolve().parents[1]
    files = sorted((p.relative_to(package).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    versions = []
    for name in ("jinja2", "pyromark", "babel", "icalendar", "nh3", "holidays", "segno", "markupsafe"):
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    return digest(files, versions)


class Templates:
    """Per template: a hash of it and of everything it pulls in, and which of now/today it uses."""

    def __init__(self, env: jinja2.Environment, parsed: dict | None = None):
        self.env = env
        self._closures: dict[str, tuple[str, bool, bool]] = {}
        self._parsed = {} if parsed is None else parsed  # (name, source) → analysis; may outlive this build

    def _parse(self, name: str):
        source = self.env.loader.get_source(self.env, name)[0]
        if (name, source) not in self._parsed:
            ast = self.env.parse(source)
            self._parsed[name, source] = (source, set(meta.find_referenced_templates(ast)),
                                          meta.find_undeclared_variables(ast))
        return self._parsed[name, source]

    def of(self, name: str) -> tuple[str, bool, bool]:
        """(hash, uses now, uses today) of a template and what it extends, includes and imports."""
        if name not in self._closures:
            seen: dict[str, str] = {}
            names: set[str] = set()
            todo = [name]
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                try:
                    source, referenced, variables = self._parse(current)
                except jinja2.TemplateError:
                    seen[current] = "(missing or broken)"  # rendering reports it; this must just not match
                    continue
                seen[current] = source
                names |= variables
                if None in referenced:  # a name computed at render time: any template may be used
                    todo.extend(self.env.list_templates(extensions=["html", "xml", "txt", "svg"]))
                todo.extend(r for r in referenced if r)
            self._closures[name] = (digest(sorted(seen.items())), "now" in names, "today" in names)
        return self._closures[name]


class Fingerprints:
    """The fingerprint of one output: a hash of what every output reads (the code, site.yaml,
    the catalogs), of its templates, and of the value of every key its view,
    template or feed read through `Reads` while it rendered. `of(route, keys)` takes the keys
    recorded when the output was last made and evaluates them on this build's model."""

    def __init__(self, site: Site, reads: Reads, templates: Templates | None, code: str):
        self.site = site
        self.reads = reads
        self.templates = templates
        self.memo: dict[int, tuple[object, str]] = {}
        self._values: dict[tuple, str] = {}
        self.common = digest(code, site.config, site.catalogs)

    def _hash(self, *values) -> str:
        parts: list[str] = []
        for value in values:
            _walk(value, parts, self.memo)
        return digest_of(parts)

    def value(self, key: tuple) -> str:
        """`key=hash` of what the access `key` gives on this build's model, once per key. A value
        that has a `plain()` form (the translation report: thousands of small records) is hashed
        as that, which says the same in a tenth of the time."""
        found = self._values.get(key)
        if found is None:
            value = self.reads.value(key)
            plain = getattr(value, "plain", None)
            found = self._values[key] = f"{key!r}={self._hash(plain() if plain else value)}"
        return found

    def of(self, route: Route, keys: list[tuple]) -> str:
        """The fingerprint of `route` from the keys it read, in the order `in_order()` gives (the
        order they are kept in between builds: not sorted again for each of 13,000 outputs)."""
        template = ("", False, False)
        if route.template is not None and self.templates is not None:
            template = self.templates.of(route.template)
        site = self.site
        parts = [self.common, route.kind, repr(route.lang), repr(route.key), template[0],
                 site.now.isoformat() if template[1] else "", site.today.isoformat() if template[2] else ""]
        known = self._values  # most keys were evaluated for an earlier output: no call for those
        parts += [known.get(key) or self.value(key) for key in keys]
        return digest_of(parts)


def in_order(keys) -> list[tuple]:
    """Keys read, in the one order a fingerprint takes them."""
    return sorted(keys, key=repr)
