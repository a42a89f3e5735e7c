"""What "Share" on an event or location page sends: the title, the date and time (an event) or the
regular office hours (a location) and the page's address, in the page's language.

Residents organise their week in messenger groups, so the page offers plain links to WhatsApp,
Telegram, SMS and e-mail, made here at build time: they work without JavaScript and send nothing
until tapped (no script, button image or counter of those services is ever loaded). Where the
browser has the Web Share API, `share.js` offers it with the same title, text and URL.

The address is always on a line of its own, after the text: a messenger decides each line's
direction by its first letter, so an Arabic or Farsi title and date read right to left and the
Latin URL after them stays whole and tappable instead of being reordered into the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from babel.lists import format_list

from benn_site.calendar.schedule import DayRow
from benn_site.model import Event, Location, Occurrence
from benn_site.rendering import atom, notice
from benn_site.rendering.i18n import N_, Translator, babel_locale


@dataclass(frozen=True)
class Share:
    title: str
    text: str  # the title and the date or hours, without the URL (Web Share's and Telegram's `text`)
    url: str  # absolute, from site.yaml's base_url
    links: tuple[tuple[str, str], ...]  # (label, href): WhatsApp, Telegram, SMS, e-mail

    @property
    def message(self) -> str:
        """The whole message as WhatsApp, SMS and e-mail send it: the text, then the URL on its own line."""
        return f"{self.text}\n{self.url}"


def _encoded(text: str) -> str:
    """Percent-encoded for any part of a URL: spaces as %20 (a '+' would stay a '+' in mailto: and
    sms:), '&', '=', '#' and '+' encoded so a title cannot end the parameter."""
    return quote(text, safe="")


def make(title: str, lines: list[str], url: str, sms: str, email: str) -> Share:
    text = "\n".join([title, *lines])
    message = f"{text}\n{url}"  # as Share.message
    mail_body = message.replace("\n", "\r\n")  # RFC 6068: line breaks in a mailto: body are CRLF
    links = (
        ("WhatsApp", "https://wa.me/?text=" + _encoded(message)),
        ("Telegram", f"https://t.me/share/url?url={_encoded(url)}&text={_encoded(text)}"),
        (sms, "sms:?&body=" + _encoded(message)),
        (email, f"mailto:?subject={_encoded(title)}&body={_encoded(mail_body)}"),
    )
    return Share(title, text, url, links)


def _labels(translator: Translator, lang: str) -> tuple[str, str]:
    return translator.gettext(lang, N_("SMS")), translator.gettext(lang, N_("Email"))


def event_share(event: Event, occurrence: Occurrence | None, lang: str, url: str, tz,
                translator: Translator) -> Share:
    """The event's title ("Cancelled: …" when it or this date is), the date and time of the
    occurrence the page shows first, as the calendars write it, and "Repeats regularly." for a series."""
    title = event.title(lang)
    if event.cancelled or (occurrence is not None and occurrence.cancelled):
        title = atom.cancelled_title(title, lang, translator)
    lines = [atom.when_text(occurrence, lang, tz)] if occurrence is not None else []
    if event.recurrence:
        lines.append(translator.gettext(lang, N_("Repeats regularly.")))
    return make(title, lines, url, *_labels(translator, lang))


def location_share(location: Location, rows: list[DayRow], lang: str, url: str, translator: Translator) -> Share:
    """The location's name and its regular office hours, a line a day, as the printed notice has them."""
    hours = notice.regular_hours(rows, lang) if location.active else []
    lines = []
    if hours:
        lines.append(translator.gettext(lang, N_("Office hours")) + ":")
        locale = babel_locale(lang)
        lines.extend(f"{day}: {format_list(ranges, locale=locale)}" for day, ranges in hours)
    return make(location.name(lang), lines, url, *_labels(translator, lang))

