"""The printable notice as built: which locations get one, what it says, and its QR code."""

from __future__ import annotations

import re

import segno

from benn_site.build import build, prepare
from tests.conftest import NOW, ROOT


def read(portal, path):
    return (portal / path).read_text(encoding="utf-8")


def test_a_notice_per_active_location_linked_from_its_page(portal):
    _, site = prepare(ROOT, NOW)
    for loc in site.locations:
        notice = portal / "ar" / "locations" / loc.slug / "notice" / "index.html"
        assert notice.is_file() == loc.active, loc.slug
        linked = f'href="/ar/locations/{loc.slug}/notice/"' in read(portal, f"ar/locations/{loc.slug}/index.html")
        assert linked == loc.active, loc.slug


def test_the_german_notice_has_hours_events_and_a_qr_code_to_the_page(portal):
    html = read(portal, "de/locations/blumberger-damm/notice/index.html")
    assert '<h1>BENN Blumberger Damm</h1>' in html
    assert '<span dir="ltr">Marzahner Promenade 36, 12679 Berlin</span>' in html
    assert re.search(r'<tr><th scope="row">Dienstag</th><td><bdi>10:00–13:00 Uhr</bdi></td></tr>', html)
    assert "Weihnachtspause" in html
    events = re.findall(r'<span class="aushang-when">', html)
    assert 1 <= len(events) <= 5
    assert html.count('class="aushang-column"') == 1
    url = "https://benn.berlin.example/de/locations/blumberger-damm/"
    # printed in full, with a line-break opportunity after each slash only
    assert f'<span dir="ltr">{url.replace("/", "/<wbr>")}</span>' in html
    path = re.search(r'<path [^>]*d="([^"]+)"', segno.make(url, error="m").svg_inline(border=2)).group(1)
    qr = re.search(r'<svg role="img" viewBox="[^"]+" class="qr-code"><title>([^<]+)</title><path [^>]*d="([^"]+)"', html)
    assert qr.group(1) == "QR-Code mit der Adresse der Seite dieses Standorts"
    assert qr.group(2) == path


def test_the_arabic_notice_shows_german_beside_it(portal):
    html = read(portal, "ar/locations/blumberger-damm/notice/index.html")
    assert '<html lang="ar" dir="rtl">' in html
    assert html.count('class="aushang-column"') == 2
    assert '<section class="aushang-column" lang="de" dir="ltr" aria-labelledby="hours-de">' in html
    assert '<h2 id="hours-ar">ساعات الدوام</h2>' in html and '<h2 id="hours-de">Sprechzeiten</h2>' in html
    assert "https://benn.berlin.example/ar/locations/blumberger-damm/" in html


def test_an_untranslated_event_title_is_shown_in_german_and_marked(sample_site, tmp_path):
    build(sample_site, tmp_path / "out", NOW)
    html = (tmp_path / "out" / "ar" / "locations" / "mitte" / "notice" / "index.html").read_text(encoding="utf-8")
    arabic = html.split('aria-labelledby="hours-ar"')[1].split("</section>")[0]
    assert '<span lang="de" dir="ltr">Nachbarschaftscafé</span>' in arabic
    german = html.split('aria-labelledby="hours-de"')[1].split("</section>")[0]
    assert "</bdi></span> Nachbarschaftscafé</li>" in german
