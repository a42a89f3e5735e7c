"""Interface strings and locale formatting for each language.

Strings come from the site's gettext catalogs (`content/ui/<lang>.po`, English msgids). A string
missing in a language falls back to the default language, then to the English msgid, and is
recorded so the translation report can list it; a msgid that no catalog knows is a template
mistake and raises, as zola's `trans()` does. Dates, times, weekday and language names come from
CLDR through Babel in each language's own form.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_day_names

from benn_site.errors import RenderError
from benn_site.messages import msg
from benn_site.model import Site
from benn_site.reading.fields import END_OF_DAY


def N_(msgid: str) -> str:
    """Marks a string in Python code for extraction into the catalogs (`make messages`)."""
    return msgid


class Translator:
    """`gettext(lang, msgid)` over all catalogs of a site; no global state."""

    def __init__(self, site: Site):
        self.default = site.config.default_language
        self.catalogs = {c.lang: dict(c.messages) for c in site.catalogs}
        self.known = set().union(*(c.keys() for c in self.catalogs.values())) if self.catalogs else set()
        self.missing: set[tuple[str, str]] = set()

    def gettext(self, lang: str, msgid: str) -> str:
        text = self.catalogs.get(lang, {}).get(msgid)
        if text:
            return text
        if msgid not in self.known:
            raise RenderError("content/ui", None, msg("interface string '{msgid}' is in no catalog", msgid=msgid),
                              hint=msg("run 'make messages' and translate it in content/ui/*.po"))
        self.missing.add((lang, msgid))
        if lang == "en":
            return msgid
        return self.catalogs.get(self.default, {}).get(msgid) or msgid

    def has(self, lang: str, msgid: str) -> bool:
        return bool(self.catalogs.get(lang, {}).get(msgid)) or lang == "en" and msgid in self.known


# Formatted dates and times kept per process: a city's pages show the same few hundred days and
# opening hours thousands of times, and Babel builds each text anew (a tenth of a page's time).
FORMATTED = 8192


@functools.lru_cache(maxsize=None)
def babel_locale(lang: str) -> Locale:
    """Babel's Locale of a language code, parsed once: each date on a page asks for it."""
    return Locale.parse(lang.replace("-", "_"))


def load_locales(langs) -> None:
    """Read each language's CLDR data now (Babel reads it at the first date formatted, over a
    megabyte a language): loaded before the render workers fork, one copy serves them all."""
    for lang in langs:
        _ = babel_locale(lang).default_numbering_system


# The zero of each numbering system CLDR names as a language's default, besides Latin. Babel
# formats dates and times with Latin digits whatever the locale says, so they are mapped here.
_ZEROS = {"arab": "\u0660", "arabext": "\u06f0", "beng": "\u09e6", "deva": "\u0966", "mymr": "\u1040"}


def native_digits(text: str, lang: str) -> str:
    """Digits as CLDR writes them by default in `lang`: Latin in Arabic (CLDR's `ar` uses latn),
    Persian digits in Farsi (arabext). Phone numbers and addresses never pass through here."""
    zero = _ZEROS.get(babel_locale(lang).default_numbering_system)
    if zero is None:
        return text
    return text.translate({ord("0") + i: ord(zero) + i for i in range(10)})


def date_text(value: dt.date, lang: str, form: str = "full") -> str:
    """'Donnerstag, 26. November 2026' in each language's CLDR form and digits."""
    if type(value) is dt.date:  # a datetime is a date too, but equal instants may be other days
        return _date_text(value, lang, form)
    return _date_text.__wrapped__(value, lang, form)


@functools.lru_cache(maxsize=FORMATTED)
def _date_text(value: dt.date, lang: str, form: str) -> str:
    return native_digits(format_date(value, format=form, locale=babel_locale(lang)), lang)


def time_text(value: dt.datetime | dt.time, lang: str) -> str:
    """'12:00' (or '12:00 PM' where the language writes it so), digits per CLDR."""
    if isinstance(value, dt.time) and value == END_OF_DAY:  # written 00:00, the next day's first minute
        value = dt.time(0, 0)
    return native_digits(format_time(value, format="short", locale=babel_locale(lang)), lang)


@functools.lru_cache(maxsize=FORMATTED)
def time_range(start: dt.time, end: dt.time, lang: str) -> str:
    """'10:00–13:00 Uhr', '10:00 ص – 1:00 م': CLDR's interval form, so each language orders it its own way."""
    locale = babel_locale(lang)
    skeleton = "hm" if "a" in locale.time_formats["short"].pattern else "Hm"
    if end == END_OF_DAY:
        end = dt.time(0, 0)
    return native_digits(format_interval(start, end, skeleton, locale=locale), lang)


@functools.lru_cache(maxsize=None)
def weekday_names(lang: str) -> tuple[str, ...]:
    """Monday first, wide names: 'Montag', 'الاثنين', …"""
    names = get_day_names("wide", locale=babel_locale(lang))
    return tuple(names[i] for i in range(7))


def language_name(code: str, lang: str) -> str:
    """The name of language `code` written in language `lang` ('Arabisch' for ar in de)."""
    try:
        return babel_locale(lang).languages.get(code.split("-")[0]) or code
    except (ValueError, TypeError):
        return code


def own_name(code: str) -> str:
    """A language's name in itself ('العربية'), for labels that every reader must recognise."""
    try:
        return babel_locale(code).display_name or code
    except (ValueError, TypeError):
        return code
