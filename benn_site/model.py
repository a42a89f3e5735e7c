"""The site as frozen dataclasses: what templates, feeds and schedules read. No I/O here."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from benn_site.config import Config
from benn_site.messages import msg
from benn_site.reading.packed_text import PackedText, blank, text_of
from benn_site.texts import Text

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

TimeRange = tuple[dt.time, dt.time]
WeekHours = tuple[tuple[TimeRange, ...], ...]  # seven entries, Monday first


@dataclass(frozen=True)
class Source:
    """Where an item came from, for messages: path relative to the site, and line."""

    path: str
    line: int = 1
    fields: tuple[tuple[str, int], ...] = ()  # (field, line) of the item's top-level fields

    def line_of(self, field: str) -> int:
        """The line of `field` in the source file, or the item's own line."""
        return dict(self.fields).get(field, self.line)


def reader_version(versions, lang: str, default: str) -> "PageVersion | None":
    """The text file a reader of `lang` gets: their language's, else the default language's."""
    by_lang = {v.lang: v for v in versions}
    return by_lang.get(lang) or by_lang.get(default)


@dataclass(frozen=True)
class PageVersion:
    """One language's file of a page (or of a location's or event's longer text)."""

    lang: str
    title: str | None
    description: str | None
    body: str | PackedText  # Markdown: `markdown` gives it as a string
    source: Source
    translation_of: str | None = None
    draft: bool = False  # only previews (--drafts) show it, marked
    publish_after: dt.datetime | None = None  # hidden until the build instant passes it
    blank: tuple[str, ...] = ()  # a translation's text fields left empty that the original has

    @property
    def markdown(self) -> str:
        return text_of(self.body)

    def empty(self) -> bool:
        """No text below the front matter: readers get the original's text instead."""
        return blank(self.body)


@dataclass(frozen=True)
class Page:
    slug: str
    order: int
    versions: tuple[PageVersion, ...]
    draft: bool = False
    # `only_in: [de]`: the page exists in these languages only, on purpose (Leichte Sprache, an
    # imprint); empty: in every language, falling back to the default language's text.
    only_in: tuple[str, ...] = ()

    def version(self, lang: str, default: str) -> PageVersion:
        return reader_version(self.versions, lang, default) or self.versions[0]

    def offered_in(self, lang: str) -> bool:
        """Whether the page has an address in `lang` (its own text or the default language's)."""
        return not self.only_in or lang in self.only_in

    def link_language(self, lang: str, default: str) -> str:
        """The language a link from a `lang` page leads to: `lang` itself where the page is offered,
        else the default language when the page is in it, else the first of `only_in`."""
        if self.offered_in(lang):
            return lang
        return default if default in self.only_in else self.only_in[0]

    def languages(self) -> set[str]:
        return {v.lang for v in self.versions}


FOOTER_LIMIT = 12  # pages the footer lists at most when site.yaml does not name them


def footer_choice(pages, config: Config) -> tuple[list[Page], int]:
    """(the pages every footer lists, how many it could list). site.yaml's `footer` in its order;
    without it the pages outside the menu, by order and slug, but FOOTER_LIMIT at most: a default
    that listed every page on every page would make a site of many pages grow with their square
    (the build warns then, naming `footer:`)."""
    if config.footer is not None:
        by_slug = {p.slug: p for p in pages}
        chosen = [by_slug[slug] for slug in config.footer if slug in by_slug]
        return chosen, len(chosen)
    outside = [p for p in sorted(pages, key=lambda p: (p.order, p.slug))
               if p.slug != "index" and p.slug not in config.navigation]
    return outside[:FOOTER_LIMIT], len(outside)


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str | None
    city: str = "Berlin"

    @property
    def line(self) -> str:
        """The address on one line, "Teststraße 1, 10115 Berlin", of the parts there are: a postcode
        is optional."""
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)


@dataclass(frozen=True)
class Coordinates:
    lat: float
    lon: float
    approximate: bool = False


@dataclass(frozen=True)
class Accessibility:
    step_free: bool | None = None
    toilet: bool | None = None
    note: Text | None = None


@dataclass(frozen=True)
class SeasonalHours:
    start: dt.date
    until: dt.date
    label: Text | None
    hours: WeekHours


@dataclass(frozen=True)
class Closure:
    start: dt.date
    until: dt.date
    reason: Text | None


@dataclass(frozen=True)
class Location:
    slug: str
    name: Text
    district: str
    source: Source
    area: str | None = None
    operator: str | None = None
    phase: tuple[int, ...] = ()
    status: str = "active"
    ended: dt.date | None = None
    address: Address | None = None
    coordinates: Coordinates | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    office_hours: WeekHours = ((),) * 7
    seasonal_hours: tuple[SeasonalHours, ...] = ()
    closures: tuple[Closure, ...] = ()
    closed_on_holidays: bool = True
    example: frozenset[str] = frozenset()
    texts: tuple[PageVersion, ...] = ()
    draft: bool = False

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def has_hours(self) -> bool:
        return any(self.office_hours) or any(any(s.hours) for s in self.seasonal_hours)


@dataclass(frozen=True)
class Recurrence:
    freq: str  # "weekly" | "monthly"
    interval: int = 1
    weekday: int | None = None  # 0 = Monday, for monthly rules
    nth: int | None = None  # 1..4 or -1, for monthly rules
    until: dt.date | None = None
    count: int | None = None
    exceptions: tuple[dt.date, ...] = ()
    moved: tuple[tuple[dt.date, dt.datetime], ...] = ()


# An event's fields that are texts in several languages: the event file gives them in the default
# language and each translation file may give them in its own. In this order they enter the hash a
# translation records (`translation_of`), so a new field goes at the end.
EVENT_TEXT_FIELDS = ("title", "venue", "cost", "registration", "accessibility")


@dataclass(frozen=True)
class Event:
    slug: str
    title: Text
    start: dt.datetime  # aware; midnight local for all-day events
    end: dt.datetime  # aware; exclusive midnight after the last day for all-day events
    all_day: bool
    location: str
    source: Source
    venue: Text | None = None
    category: str | None = None
    languages: tuple[str, ...] = ()
    cost: Text | None = None
    free: bool = False
    registration: Text | None = None
    accessibility: Text | None = None
    recurrence: Recurrence | None = None
    cancelled: bool = False
    draft: bool = False
    example: bool = False
    texts: tuple[PageVersion, ...] = ()
    publish_after: dt.datetime | None = None


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of an event, after recurrence expansion."""

    event: Event
    start: dt.datetime
    end: dt.datetime
    cancelled: bool = False

    @property
    def key(self) -> str:
        return self.start.strftime("%Y%m%dT%H%M")


@dataclass(frozen=True)
class UiCatalog:
    """The interface strings of one language: English msgid → translation."""

    lang: str
    messages: tuple[tuple[str, str], ...]
    source: Source


@dataclass(frozen=True)
class Outline:
    """One area of the overview map (a district): its name and rings of (longitude, latitude)."""

    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Outlines:
    """The optional area outlines under the overview map, and the attribution their licence asks for."""

    shapes: tuple[Outline, ...]
    attribution: str | None = None


@dataclass(frozen=True)
class Site:
    config: Config
    now: dt.datetime  # the build instant, aware
    pages: tuple[Page, ...]
    locations: tuple[Location, ...]
    events: tuple[Event, ...]
    catalogs: tuple[UiCatalog, ...] = field(default=())
    outlines: Outlines | None = None  # content/data/districts.geojson, when the site has it

    def location(self, slug: str) -> Location | None:
        return self._by_slug[0].get(slug)

    def page(self, slug: str) -> Page | None:
        return self._by_slug[1].get(slug)

    def event(self, slug: str) -> Event | None:
        return self._by_slug[2].get(slug)

    def events_at(self, location: str) -> tuple[Event, ...]:
        return self._events_at.get(location, ())

    @functools.cached_property
    def _events_at(self) -> dict[str, tuple[Event, ...]]:
        found: dict[str, list[Event]] = {}
        for event in self.events:
            found.setdefault(event.location, []).append(event)
        return {slug: tuple(events) for slug, events in found.items()}

    @functools.cached_property
    def _by_slug(self) -> tuple[dict[str, Location], dict[str, Page], dict[str, Event]]:
        """Lookups by slug in constant time: pages with thousands of items call these per page."""
        return ({loc.slug: loc for loc in reversed(self.locations)}, {p.slug: p for p in reversed(self.pages)},
                {e.slug: e for e in reversed(self.events)})

    @functools.cached_property
    def today(self) -> dt.date:  # asked once per event and per page
        return self.now.astimezone(self.config.tz).date()


def empty_in(versions, default: str):
    """(version, what it leaves empty) for each translation file that leaves empty a text the
    original has: its text below the front matter, or a text field like `venue:`."""
    original = next((v for v in versions if v.lang == default), None)
    for version in versions:
        if version.lang == default:
            continue
        fields = list(version.blank)
        if version.empty() and original is not None and not original.empty():
            fields.insert(0, "")  # the text itself
        if fields:
            yield version, fields


def empty_fields_message(fields):
    """What a translation file leaves empty, in words: the text and/or named fields."""
    names = ", ".join(f for f in fields if f)
    if "" in fields and names:
        return msg("the text and {fields} are empty here", fields=names)
    if "" in fields:
        return msg("the text below the front matter is empty")
    return msg("{fields} is empty here", fields=names)
