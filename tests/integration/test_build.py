"""Building whole sites: the shipped portal and a different programme's sample site."""

from __future__ import annotations

import hashlib
import re

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from tests.conftest import NOW, ROOT, SAMPLE_LOCATION, sample_files, write_site

LANGS = ("de", "ar", "fa", "uk", "ru", "tr", "en")


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_portal_has_root_and_every_language(portal):
    assert (portal / "index.html").is_file()
    assert (portal / "404.html").is_file()
    for lang in LANGS:
        assert (portal / lang / "index.html").is_file(), lang


def test_every_page_declares_its_language_and_direction(portal):
    for path in portal.rglob("*.html"):
        rel = path.relative_to(portal).parts
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)">', html)
        assert match, path
        if rel[0] in LANGS:
            assert match.group(1) == rel[0], path
            assert match.group(2) == ("rtl" if rel[0] in ("ar", "fa") else "ltr"), path


def test_every_language_page_links_its_translations(portal):
    for path in (portal / "uk").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        found = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html))
        assert found == set(LANGS) | {"x-default"}, path


def test_a_page_per_location_per_language(portal):
    slugs = [p.stem for p in (ROOT / "content" / "locations").glob("*.yaml")]
    assert len(slugs) >= 22
    for lang in LANGS:
        for slug in slugs:
            assert (portal / lang / "locations" / slug / "index.html").is_file(), (lang, slug)


def test_events_index_lists_only_upcoming_relative_to_now(portal):
    html = (portal / "de" / "events" / "index.html").read_text(encoding="utf-8")
    days = re.findall(r'<h3 id="day-(\d{4}-\d{2}-\d{2})"', html)
    assert days, "no upcoming events listed"
    assert min(days) >= NOW.date().isoformat()
    archive = (portal / "de" / "events" / "archive" / "index.html").read_text(encoding="utf-8")
    past = re.findall(r'id="day-(\d{4}-\d{2}-\d{2})"', archive)
    assert past and max(past) <= NOW.date().isoformat()


def test_two_builds_with_the_same_now_are_byte_identical(tmp_path, portal):
    again = tmp_path / "again"
    build(ROOT, again, NOW)
    assert digest(again) == digest(portal)


def test_another_programme_with_other_languages_builds(sample_site, tmp_path):
    out = tmp_path / "out"
    report = build(sample_site, out, NOW)
    assert report.pages > 10
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["ar", "data", "de", "editors", "en", "offline", "pagefind", "static"]
    page = (out / "ar" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    # about has no Arabic version: the German text is shown, marked, with a notice.
    assert '<div class="prose" lang="de" dir="ltr">' in page
    assert "fallback-notice" in page
    imprint_link = (out / "de" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="/de/imprint/"' in imprint_link


def test_bad_input_leaves_previous_output_untouched(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    before = digest(out)
    (sample_site / "content" / "events" / "2026-11-26-cafe.md").write_text(
        "---\ntitle: x\nstart: 2026-11-26 14:00\nlocation: nowhere\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(sample_site, out, NOW)
    assert str(info.value) == (
        "content/events/2026-11-26-cafe.md:4: location: unknown location 'nowhere' "
        "(use the file name of a location in content/locations/, without .yaml)")
    assert digest(out) == before


def test_page_in_undeclared_language_is_reported(tmp_path):
    site = write_site(tmp_path, sample_files({"content/pages/about.fr.md": "---\ntitle: À propos\n---\n"}))
    with pytest.raises(BuildFailed) as info:
        build(site, tmp_path / "out", NOW)
    assert "content/pages/about.fr.md: language 'fr' is not declared in site.yaml" in str(info.value)


def test_link_to_a_translation_that_falls_back_still_resolves(tmp_path):
    site = write_site(tmp_path / "site", sample_files(
        {"content/pages/about.en.md": "---\ntitle: About us\n---\nSee the [imprint](imprint.en.md).\n"}))
    build(site, tmp_path / "out", NOW)
    html = (tmp_path / "out" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="/en/imprint/"' in html


def test_an_address_without_postcode_is_printed_without_one(tmp_path):
    """A postcode is optional: every page with the address prints the parts there are, never 'None'."""
    location = SAMPLE_LOCATION.replace('address: {street: Teststraße 1, postcode: "10115"}',
                                       "address: {street: Teststraße 1}")
    assert location != SAMPLE_LOCATION
    site = write_site(tmp_path / "site", sample_files({"content/locations/mitte.yaml": location}))
    out = tmp_path / "out"
    build(site, out, NOW)
    pages = ["de/locations/mitte/index.html", "de/locations/index.html", "de/locations/mitte/notice/index.html",
             "de/events/2026-11-26-cafe/index.html"]
    for page in pages:
        assert "Teststraße 1, Berlin</span>" in (out / page).read_text(encoding="utf-8"), page
    for path in out.rglob("*.html"):
        assert "None" not in path.read_text(encoding="utf-8"), path.relative_to(out)
    ics = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.ics"))
    assert "Teststraße 1\\, Berlin" in ics and "None" not in ics


def test_the_language_chooser_shares_the_policy_and_footer_of_every_page(portal):
    """root.html and base.html take both from layout.html: they cannot drift apart."""
    root = (portal / "index.html").read_text(encoding="utf-8")
    home = (portal / "de" / "index.html").read_text(encoding="utf-8")

    def policy(html):
        return dict(d.strip().split(" ", 1) for d in re.search(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1).split(";"))

    assert policy(root) == {k: v for k, v in policy(home).items() if k not in ("font-src", "connect-src")}
    footer = re.compile(r'<footer class="site-footer">\s*<div class="wrap">\s*(<ul>.*?</ul>)', re.S)
    assert footer.search(root).group(1) == footer.search(home).group(1)
    assert "Keine Cookies" in home.split('<footer class="site-footer">')[1]
