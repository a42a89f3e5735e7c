"""BITV 2.0 asks for two links on every page: the accessibility statement (in the reader's language)
and, on German pages, the main information in Leichte Sprache (easy-to-read German)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

HTML_LANG = re.compile(r'<html lang="([^"]+)"')
FOOTER = re.compile(r'<footer class="site-footer">(.*?)</footer>', re.S)


def pages(portal):
    for path in sorted(portal.rglob("*.html")):
        if path.relative_to(portal).parts[0] == "editors":
            continue  # the unlisted page for editors (translation status) is not a reader's page
        html = path.read_text(encoding="utf-8")
        yield path.relative_to(portal).as_posix(), HTML_LANG.search(html).group(1), html


def test_the_portal_has_an_accessibility_statement_and_leichte_sprache():
    names = {p.name for p in (ROOT / "content" / "pages").glob("*.md")}
    assert {"accessibility.de.md", "accessibility.en.md", "accessibility.ar.md", "leichte-sprache.de.md"} <= names


def test_every_page_links_the_accessibility_statement_in_its_footer(portal):
    missing = []
    for name, lang, html in pages(portal):
        footer = FOOTER.search(html)
        if not footer or f'href="/{lang}/accessibility/"' not in footer.group(1):
            missing.append(name)
    assert missing == []


def test_every_german_page_links_leichte_sprache(portal):
    german = [(name, html) for name, lang, html in pages(portal) if lang == "de"]
    assert len(german) > 90  # the root, the 404 page and every page under /de/
    assert [name for name, html in german if 'href="/de/leichte-sprache/"' not in html] == []
    home = (portal / "de" / "index.html").read_text(encoding="utf-8")
    assert '<p class="easy-read"><a href="/de/leichte-sprache/">Leichte Sprache</a></p>' in home


def test_menu_labels_of_untranslated_pages_carry_their_language(portal):
    """The Arabic footer names the imprint (German and English only, `only_in`) in German, marked as
    German (WCAG 3.1.2), and links the German page itself."""
    footer = FOOTER.search((portal / "ar" / "index.html").read_text(encoding="utf-8")).group(1)
    assert '<a href="/de/imprint/" hreflang="de"><span lang="de" dir="ltr">Impressum</span></a>' in footer
    assert '<a href="/ar/accessibility/">بيان إمكانية الوصول</a>' in footer
