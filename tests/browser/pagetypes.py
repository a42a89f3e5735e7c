"""The page types of the built portal, found in the output folder, so new kinds of page (search,
printable notice, a new static page) are checked as soon as they are built.

One example of each kind per language: the browser tests load these instead of all ~650 pages.
"""

from __future__ import annotations

from pathlib import Path

LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")
RTL = ("ar", "fa")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# A location with office hours, long texts in de/ar/en and events; an event with translations; an
# event that is cancelled (the word must say so, not only the strike-through).
LOCATION = "blumberger-damm"
EVENT = "2026-12-02-nachbarschaftsforum"
CANCELLED_EVENT = "2026-12-09-adventsbasteln"
CATEGORY = "language-cafe"

KNOWN_DIRS = {"locations", "events"}


def static_pages(portal: Path, lang: str) -> list[str]:
    """The URL paths of the static pages (and any other single page such as search) in `lang`."""
    return sorted(f"/{lang}/{p.parent.name}/" for p in (portal / lang).glob("*/index.html")
                  if p.parent.name not in KNOWN_DIRS)


def location_subpages(portal: Path, lang: str) -> list[str]:
    """Pages below a location page (a printable notice, once there is one)."""
    base = portal / lang / "locations" / LOCATION
    return sorted(f"/{lang}/locations/{LOCATION}/{p.parent.relative_to(base).as_posix()}/"
                  for p in base.glob("*/**/index.html"))


def page_types(portal: Path, lang: str) -> dict[str, str]:
    """Kind of page → URL path, for one language."""
    kinds = {
        "home": f"/{lang}/",
        "locations": f"/{lang}/locations/",
        "location": f"/{lang}/locations/{LOCATION}/",
        "events": f"/{lang}/events/",
        "events by category": f"/{lang}/events/category/{CATEGORY}/",
        "events by location": f"/{lang}/events/at/{LOCATION}/",
        "events archive": f"/{lang}/events/archive/",
        "event": f"/{lang}/events/{EVENT}/",
        "cancelled event": f"/{lang}/events/{CANCELLED_EVENT}/",
    }
    for path in static_pages(portal, lang) + location_subpages(portal, lang):
        kinds[path] = path
    for kind, path in kinds.items():
        assert (portal / path.lstrip("/") / "index.html").is_file(), f"{kind}: {path} not built"
    return kinds
