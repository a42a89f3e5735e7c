"""Translation status: per language, what is missing and what is older than its source.

A translation file records the version of the default-language text it was made from, as
`translation_of: <hash>` in its front matter; the hash is `source_hash()` of the source's title,
description, text fields and body, and `benn-site translations` prints the current one. When the
source changes, its hash changes and the translation is listed as outdated until a translator
brings it up to date and copies the new hash. A translation without `translation_of` cannot be
compared and is listed as "not recorded".

Missing text fields (an event's title or venue, a location's name) are listed too: readers get
the default language's text with a notice, which is fine for a while but should not stay.
The report is printed by the command and written into the built site as an unlisted page for
editors (`editors/translations/`), which the sitemap and the navigation do not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from benn_site.messages import Catalog, Message, catalog, msg
from benn_site.model import EVENT_TEXT_FIELDS, PageVersion, Site
from benn_site.rendering.markup import content_hash

REPORT_PATH = "editors/translations/index.html"
MISSING, DRAFT, OUTDATED, UNRECORDED, FIELDS = "missing", "draft", "outdated", "unrecorded", "fields"
STATUSES = (MISSING, DRAFT, OUTDATED, UNRECORDED, FIELDS)
STATUS_LABELS = {
    MISSING: msg("missing"), DRAFT: msg("in progress"), OUTDATED: msg("outdated"), UNRECORDED: msg("not recorded"),
    FIELDS: msg("fields missing"),
}


def source_hash(version: PageVersion, *extra: str | None) -> str:
    """The hash a translation of `version` records in `translation_of`."""
    parts = [version.title or "", version.description or "", *(e or "" for e in extra), version.markdown.strip()]
    return content_hash("\n".join(parts))


@dataclass(frozen=True)
class Entry:
    """One thing to do for one language."""

    lang: str
    status: str  # one of STATUSES
    path: str  # the file to create or to edit
    source: str  # the default-language file it comes from
    what: Message  # what exactly, and what to do


@dataclass(frozen=True)
class Report:
    default: str
    languages: tuple[str, ...]  # every language but the default one
    entries: tuple[Entry, ...]
    complete: dict  # language → number of translations that are present and current

    def plain(self) -> tuple:
        """The report as plain values, for its fingerprint (rendering.dependencies)."""
        entries = [(e.lang, e.status, e.path, e.source, e.what.template, e.what.params) for e in self.entries]
        return self.default, self.languages, self.complete, repr(entries)  # plain values: repr is exact

    def for_language(self, lang: str) -> list[Entry]:
        return [e for e in self.entries if e.lang == lang]

    def count(self, lang: str, status: str) -> int:
        return sum(1 for e in self.entries if e.lang == lang and e.status == status)


def report(site: Site) -> Report:
    """What to do per language: one entry per item and language, for items readers can see (no
    drafts, no event that is over)."""
    config = site.config
    default = config.default_language
    others = tuple(code for code in config.codes if code != default)
    entries: list[Entry] = []
    complete = {lang: 0 for lang in others}

    def versions(found: list[Entry], kind_folder: str, name: str, items, source: PageVersion | None,
                 current: str | None, wanted=others):
        by_lang = {v.lang: v for v in items}
        for lang in wanted:
            version = by_lang.get(lang)
            path = f"content/{kind_folder}/{name}.{lang}.md"
            if version is None:
                if source is not None:
                    found.append(Entry(lang, MISSING, path, source.source.path, msg(
                        "not translated yet: create it with '.venv/bin/benn-site new {kind} {name} --lang {lang}'",
                        kind=kind_folder.rstrip("s"), name=name, lang=lang)))
            elif source is None:
                continue
            elif version.draft:
                found.append(Entry(lang, DRAFT, version.source.path, source.source.path, msg(
                    "a draft: when the translation is done, delete 'draft: true'")))
            elif version.empty() and not source.empty():
                found.append(Entry(lang, FIELDS, version.source.path, source.source.path, msg(
                    "the text below the front matter is empty: readers see the original's text with a notice; "
                    "translate it")))
            elif version.translation_of is None:
                found.append(Entry(lang, UNRECORDED, version.source.path, source.source.path, msg(
                    "cannot tell whether it is current: when it matches the source, add 'translation_of: {hash}'",
                    hash=current)))
            elif version.translation_of != current:
                found.append(Entry(lang, OUTDATED, version.source.path, source.source.path, msg(
                    "the source has changed since: update the translation, then set 'translation_of: {hash}'",
                    hash=current)))
            else:
                complete[lang] += 1

    for page in site.pages:
        if page.draft:
            continue
        found: list[Entry] = []
        source = next((v for v in page.versions if v.lang == default), None)
        versions(found, "pages", page.slug, page.versions, source, source_hash(source) if source else None,
                 [lang for lang in others if page.offered_in(lang)])  # `only_in`: on purpose
        entries.extend(_one_per_language(found))

    for event in site.events:
        if event.draft or _over(event, site):
            continue
        found = []
        main = next((v for v in event.texts if v.lang == default), None)
        extra = [getattr(event, f).as_dict().get(default) if getattr(event, f) else None for f in EVENT_TEXT_FIELDS]
        if main is not None and main.markdown.strip():
            versions(found, "events", event.slug, event.texts, main, source_hash(main, *extra))
        fields = [(msg("'{field}'", field=f), f, getattr(event, f)) for f in EVENT_TEXT_FIELDS]
        _fields(found, others, event.source.path, fields, default)
        entries.extend(_one_per_language(found, fields_in_missing=True))  # `new event … --lang` writes them

    for location in site.locations:
        if location.draft:
            continue
        found = []
        source = next((v for v in location.texts if v.lang == default), None)
        if source is not None:
            versions(found, "locations", location.slug, location.texts, source, source_hash(source))
        # A location's name is a proper name ("BENN Britz"): asked for only where another language has its own.
        named = location.name if len(location.name.languages() - {default}) else None
        fields = [(msg("'{field}'", field="name"), "name", named)]
        if location.accessibility and location.accessibility.note:
            fields.append((msg("'note' under 'accessibility'"), "note", location.accessibility.note))
        for closure in location.closures:
            if closure.reason:
                fields.append((msg("'reason' of the closure from {date}", date=closure.start.isoformat()), "reason",
                               closure.reason))
        _fields(found, others, location.source.path, fields, default)
        entries.extend(_one_per_language(found))

    for cat in site.catalogs:
        if cat.lang in others and cat.lang != "en":
            empty = sum(1 for _, text in cat.messages if not text)
            if empty:
                entries.append(Entry(cat.lang, FIELDS, cat.source.path, cat.source.path, msg(
                    "{count} interface strings have no translation: fill in their msgstr lines", count=empty)))
    entries.sort(key=lambda e: (others.index(e.lang), STATUSES.index(e.status), e.path))
    return Report(default, others, tuple(entries), complete)


def _over(event, site: Site) -> bool:
    """Whether every date of the event has passed: nobody will look for it in another language."""
    if event.recurrence is None:
        return event.end <= site.now
    until = event.recurrence.until
    return until is not None and until < site.now.astimezone(site.config.tz).date()


def _one_per_language(found: list[Entry], fields_in_missing: bool = False) -> list[Entry]:
    """One entry per language for one item: the first by status, with what the others ask added.
    `fields_in_missing`: the translation file that a missing entry asks for holds the fields too."""
    result = []
    for lang in dict.fromkeys(e.lang for e in found):
        mine = sorted((e for e in found if e.lang == lang), key=lambda e: STATUSES.index(e.status))
        first, rest = mine[0], mine[1:]
        if fields_in_missing and first.status == MISSING:
            rest = [e for e in rest if e.status != FIELDS]
        what = first.what
        for more in rest:
            what = msg("{first}; and in {file}: {more}", first=what, file=more.path, more=more.what)
        result.append(Entry(first.lang, first.status, first.path, first.source, what))
    return result


def _fields(entries, others, path, fields, default):
    """Text fields that have the default language's text but not this language's. `fields`:
    (how the editor finds it in the file, its key, the Text or None)."""
    for lang in others:
        absent = [(label, key) for label, key, text in fields
                  if text is not None and text.default in text.languages() and lang not in text.languages()]
        if len(absent) == 1:
            entries.append(Entry(lang, FIELDS, path, path, msg(
                "no text in '{lang}' for {fields}: write it beside the other language, like {key}: "
                "{{{default}: …, {lang}: …}}", lang=lang, fields=absent[0][0], key=absent[0][1], default=default)))
        elif absent:
            entries.append(Entry(lang, FIELDS, path, path, msg(
                "no text in '{lang}' for {fields}: in each, write it beside the other language, like {key}: "
                "{{{default}: …, {lang}: …}}", lang=lang, fields=_joined([label for label, _ in absent]),
                key=absent[0][1], default=default)))


def _joined(labels) -> Message:
    """Field labels (some of them messages) as one message, translated part by part."""
    result = labels[0]
    for label in labels[1:]:
        result = msg("{first}, {next}", first=result, next=label)
    return result


def table(result: Report, cat: Catalog, names: dict[str, str], only: str | None = None) -> str:
    """The report as text for a terminal: a summary per language, then what to do."""
    t = cat.translate
    header = [t(msg("Language"))] + [t(STATUS_LABELS[s]) for s in STATUSES] + [t(msg("up to date"))]
    rows = [header]
    languages = [only] if only else list(result.languages)
    for lang in languages:
        rows.append([f"{lang} {names.get(lang, '')}".strip()] + [
            str(result.count(lang, s)) for s in STATUSES] + [
            str(result.complete.get(lang, 0))])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                       for i, cell in enumerate(row)).rstrip() for row in rows]
    for lang in languages:
        items = result.for_language(lang)
        if not items:
            continue
        lines += ["", f"{lang} {names.get(lang, '')}".strip()]
        width = max(len(t(STATUS_LABELS[e.status])) for e in items)
        for entry in items:
            lines.append(f"  {t(STATUS_LABELS[entry.status]).ljust(width)}  {entry.path}: {t(entry.what)}")
    if not any(result.for_language(lang) for lang in languages):
        lines += ["", t(msg("Every translation is complete and up to date."))]
    return "\n".join(lines)


def page_language(site: Site) -> str:
    """The editors' page is in the site's default language when the messages are, else English."""
    return site.config.default_language if catalog(site.config.default_language).lang != "en" else "en"


def page(site: Site, made: Report | None = None) -> bytes:
    """The editors' translation page (`editors/translations/`), written by the build; `made`:
    the report, when the caller has it."""
    from benn_site.rendering.editor_pages import translations_page

    lang = page_language(site)
    names = {language.code: language.name for language in site.config.languages}
    made = made or report(site)
    return translations_page(made, catalog(lang), names, site.config.title(lang)).encode("utf-8")
