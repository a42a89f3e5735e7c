"""The interface strings of each language: `content/ui/<lang>.po`, gettext catalogs with English
msgids, read like every other content file (a broken catalog is reported with its path and line)
and kept with the parsed files between builds.
"""

from __future__ import annotations

import io
from pathlib import Path

from benn_site.config import Config
from benn_site.content.parsed_files import SourceCache
from benn_site.errors import ContentError, SiteError, relpath
from benn_site.messages import msg
from benn_site.model import Source, UiCatalog
from benn_site.reading.sources import read_text


def load_catalogs(config: Config, paths: list[Path], errors: list[SiteError],
                  cache: SourceCache | None = None) -> list[UiCatalog]:
    """The catalogs in `paths` (the .po files of content/ui/), each from `cache` when its file is
    unchanged: parsing seven catalogs (and importing Babel's reader) is a twentieth of a second
    that one edited page need not wait for."""
    result = []
    for path in paths:
        name = relpath(path, config.root)
        lang = path.name[:-3]
        if lang not in config.codes:
            errors.append(ContentError(name, None, msg("language '{lang}' is not declared in site.yaml", lang=lang),
                                       hint=msg("rename the file or add the language to site.yaml")))
            continue
        messages = cache.get(path, "catalog") if cache is not None else None
        if messages is None:
            messages = _read_catalog(config, path, name, lang, errors)
            if messages is None:
                continue
            if cache is not None:
                cache.put(path, "catalog", messages)
        result.append(UiCatalog(lang, messages, Source(name, 1)))
    return result


def _read_catalog(config: Config, path: Path, name: str, lang: str, errors: list[SiteError]) -> tuple | None:
    """msgid → translation pairs of one catalog (`name`, its path as messages show it), sorted;
    None (and the problem in `errors`) when it cannot be read."""
    from babel.messages.pofile import PoFileError, read_po

    text, problems = read_text(path, config.root)
    if problems:
        errors.extend(problems)
        return None
    try:
        catalog = read_po(io.BytesIO(text.encode("utf-8")), locale=None, abort_invalid=True)
    except PoFileError as exc:
        errors.append(ContentError(name, getattr(exc, "lineno", None),
                                   msg("catalog error: {problem}", problem=exc),
                                   hint=msg("check the quotes of msgid and msgstr lines")))
        return None
    return tuple(sorted((m.id, m.string or (m.id if lang == "en" else ""))
                        for m in catalog if m.id and isinstance(m.id, str) and not m.fuzzy))
