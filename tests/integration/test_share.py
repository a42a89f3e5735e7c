""""Share" on event and location pages: the links are built at build time, so each is decoded here
and compared with the event's title, date and time (or the location's hours) and the page's
absolute URL, in German and Arabic.

A title with '&', '#' and '+' shows the encoding: left raw, each would end or change the parameter
(a '+' in a query is a space), and the decoded text would differ.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from benn_site.build import build
from tests.conftest import NOW, sample_files, write_site

EVENT = """\
---
title: {de: "Kaffee & Kuchen #1 + Tee", ar: قهوة وكعك}
start: 2026-11-26 14:00
end: 2026-11-26 16:00
location: mitte
---
Kaffee.
"""
SERIES = """\
---
title: Sprachcafé
start: 2026-11-23 17:00
end: 2026-11-23 18:30
location: mitte
recurrence: {freq: weekly, until: 2027-01-25}
cancelled: true
---
"""
ENDED = "name: Büro Alt\ndistrict: Mitte\nstatus: ended\nended: 2025-12-31\n"


class _Share(HTMLParser):
    """The share block's data attributes and its links (label, href, rel)."""

    def __init__(self):
        super().__init__()
        self.data, self.links, self._inside, self._link = None, [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "share":
            self.data, self._inside = attrs, 1
        elif self._inside and tag == "div":
            self._inside += 1
        elif self._inside and tag == "a":
            self._link = [attrs["href"], attrs.get("rel"), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[2] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            href, rel, label = self._link
            self.links.append((label, href, rel))
            self._link = None
        elif tag == "div" and self._inside:
            self._inside -= 1


def share_of(out: Path, path: str) -> _Share:
    parser = _Share()
    parser.feed((out / path / "index.html").read_text(encoding="utf-8"))
    assert parser.data is not None, f"no share block on {path}"
    return parser


def decoded(links) -> dict[str, dict[str, str]]:
    """Each link's parameters, decoded as the receiving app decodes them."""
    result = {}
    for label, href, rel in links:
        assert rel == "noopener noreferrer"
        assert " " not in href and "\n" not in href
        scheme, rest = href.split(":", 1)
        if scheme == "https":
            parts = urlsplit(href)
            query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
            result[label] = {"to": f"{parts.netloc}{parts.path}", **query}
        else:
            assert rest.startswith("?") and "+" not in rest  # mailto:/sms: do not read '+' as a space
            pairs = [p.split("=", 1) for p in rest[1:].split("&") if p]
            result[label] = {"to": scheme, **{k: unquote(v) for k, v in pairs}}
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("share") / "site", sample_files({
        "content/events/2026-11-26-cafe.md": EVENT,
        "content/events/2026-11-23-sprachcafe.md": SERIES,
        "content/locations/alt.yaml": ENDED,
    }))
    build(root, root / "output", NOW)
    return root / "output"


GERMAN = "Kaffee & Kuchen #1 + Tee\nDonnerstag, 26. November 2026, 14:00–16:00 Uhr"
ARABIC = "قهوة وكعك\nالخميس، 26 نوفمبر 2026، 2:00–4:00 م"


@pytest.mark.parametrize(("lang", "text", "sms", "email"), [
    ("de", GERMAN, "SMS", "E-Mail"),
    ("ar", ARABIC, "رسالة نصية", "البريد الإلكتروني"),
])
def test_event_links_carry_title_date_and_url_in_the_page_language(site, lang, text, sms, email):
    share = share_of(site, f"{lang}/events/2026-11-26-cafe")
    url = f"https://test.example/{lang}/events/2026-11-26-cafe/"
    title = text.split("\n")[0]
    message = f"{text}\n{url}"  # the URL on a line of its own: readable after right-to-left text
    assert decoded(share.links) == {
        "WhatsApp": {"to": "wa.me/", "text": message},
        "Telegram": {"to": "t.me/share/url", "url": url, "text": text},
        sms: {"to": "sms", "body": message},
        email: {"to": "mailto", "subject": title, "body": message.replace("\n", "\r\n")},
    }
    assert [label for label, _, _ in share.links] == ["WhatsApp", "Telegram", sms, email]
    # What the Web Share button hands the browser: the same title, text and URL.
    assert (share.data["data-title"], share.data["data-text"], share.data["data-url"]) == (title, text, url)


def test_event_dates_are_those_the_page_shows_first(site):
    """A series: its next date (not its first), that it repeats, and that it is cancelled."""
    share = share_of(site, "de/events/2026-11-23-sprachcafe")
    assert share.data["data-text"] == ("Abgesagt: Sprachcafé\nMontag, 30. November 2026, 17:00–18:30 Uhr\n"
                                       "Findet regelmäßig statt.")
    page = (site / "de/events/2026-11-23-sprachcafe/index.html").read_text(encoding="utf-8")
    assert "Montag, 30. November 2026" in page


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Büro Mitte\nSprechzeiten:\nMontag: 10:00–13:00 Uhr\nDonnerstag: 14:00–18:00 Uhr"),
    ("ar", "Büro Mitte\nساعات الدوام:\nالاثنين: 10:00 ص\u2009–\u20091:00 م\nالخميس: 2:00–6:00 م"),
])
def test_location_links_carry_name_hours_and_url(site, lang, text):
    share = share_of(site, f"{lang}/locations/mitte")
    url = f"https://test.example/{lang}/locations/mitte/"
    links = decoded(share.links)
    assert links["WhatsApp"] == {"to": "wa.me/", "text": f"{text}\n{url}"}
    assert links["Telegram"] == {"to": "t.me/share/url", "url": url, "text": text}


def test_a_location_that_has_ended_shares_its_name_and_url_only(site):
    share = share_of(site, "de/locations/alt")
    assert decoded(share.links)["WhatsApp"]["text"] == "Büro Alt\nhttps://test.example/de/locations/alt/"


def test_the_url_is_the_pages_address_under_the_configured_base_url(tmp_path):
    """A site published under a sub-path shares that address, as its canonical links give it."""
    root = write_site(tmp_path / "site", sample_files())
    build(root, root / "output", NOW, "https://org.github.io/benn-portal/")
    share = share_of(root / "output", "de/events/2026-11-26-cafe")
    url = "https://org.github.io/benn-portal/de/events/2026-11-26-cafe/"
    assert share.data["data-url"] == url
    assert decoded(share.links)["Telegram"]["url"] == url
    page = (root / "output/de/events/2026-11-26-cafe/index.html").read_text(encoding="utf-8")
    assert f'hreflang="de" href="{url}"' in page
