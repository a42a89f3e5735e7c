"""`only_in: [de]`: a page that exists in some languages on purpose (Leichte Sprache, an imprint)
is neither reported as untranslated nor built as a fallback elsewhere, and every link to it still
leads somewhere: other languages link the page where it is, the language menu leads to the other
languages' home pages, and the sitemap and `<link rel="alternate">` name only the real versions."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from benn_site.build import build, prepare
from benn_site.cli import main
from benn_site.errors import BuildFailed
from benn_site.rendering.translations import report
from tests.conftest import NOW, ROOT, sample_files, write_site
from tests.integration.test_problem_formats import COMPLETE_PAGES, set_translations

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
# Every page in every language, but the imprint only in German, on purpose; the English "about"
# page links the English imprint file, which does not exist and never will.
PAGES = {**COMPLETE_PAGES,
         "content/pages/imprint.de.md": "---\ntitle: Impressum\nonly_in: [de]\n---\n## Contact\n\nText.\n",
         "content/pages/imprint.en.md": None, "content/pages/imprint.ar.md": None,
         "content/pages/about.en.md": "---\ntitle: About\n---\nSee the [imprint](imprint.en.md#contact).\n"}


@pytest.fixture
def site(tmp_path):
    site = write_site(tmp_path / "site", sample_files(PAGES))
    for lang in ("de", "ar"):  # complete, whatever the shipped catalogs hold today
        set_translations(site / "content" / "ui" / f"{lang}.po", lambda msgid: msgid)
    return site


def html(out, path):
    return (out / path / "index.html").read_text(encoding="utf-8")


def test_strict_passes_and_no_fallback_copy_is_built(site, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", NOW.isoformat(),
                                       "--strict"], env=ENGLISH)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert (out / "de/imprint/index.html").is_file()
    assert not (out / "en/imprint").exists() and not (out / "ar/imprint").exists()
    _, loaded = prepare(site, NOW)
    assert [e for e in report(loaded).entries if "imprint" in e.path] == []  # `translations` is quiet too


def test_links_from_other_languages_lead_to_the_page_where_it_is(site, tmp_path):
    out = tmp_path / "out"
    build(site, out, NOW)
    arabic = html(out, "ar")
    assert ('<li><a href="/de/imprint/" hreflang="de"><span lang="de" dir="ltr">Impressum</span></a></li>'
            in arabic)  # the footer: the German page, marked as German
    assert '<li><a href="/de/imprint/">Impressum</a></li>' in html(out, "de")
    assert '<a href="/de/imprint/#contact">imprint</a>' in html(out, "en/about")  # a Markdown link


def test_the_language_menu_leads_home_and_only_real_versions_are_alternates(site, tmp_path):
    out = tmp_path / "out"
    build(site, out, NOW)
    page = html(out, "de/imprint")
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page) == [
        ("de", "https://test.example/de/imprint/"), ("x-default", "https://test.example/de/imprint/")]
    menu = page.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', menu) == [
        ("/de/imprint/", "de"), ("/en/", "en"), ("/ar/", "ar")]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split("<loc>https://test.example/de/imprint/</loc>", 1)[1].split("</url>", 1)[0]
    assert re.findall(r'hreflang="([^"]+)"', entry) == ["de", "x-default"]
    assert "/en/imprint/" not in sitemap and "/ar/imprint/" not in sitemap
    # a page without only_in keeps every language
    assert re.findall(r'hreflang="([^"]+)" href="[^"]+about/"', html(out, "ar/about")) == ["de", "en", "ar",
                                                                                            "x-default"]


def test_the_link_checker_finds_every_link_valid(site):
    result = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat(), "--strict"],
                                env=ENGLISH)
    assert result.exit_code == 0, result.output


def test_a_file_in_a_language_the_page_is_not_in_is_reported(tmp_path):
    site = write_site(tmp_path / "site", sample_files({
        "content/pages/imprint.de.md": "---\ntitle: Impressum\norder: 90\nonly_in: [de, en]\n---\nx\n",
        "content/pages/imprint.ar.md": "---\ntitle: بصمة\n---\nx\n",
        "content/pages/about.de.md": "---\ntitle: Über uns\nonly_in: [de, eng]\n---\nx\n"}))
    with pytest.raises(BuildFailed) as info:
        build(site, tmp_path / "out", NOW)
    assert [str(e) for e in info.value.errors] == [
        "content/pages/about.de.md:3: only_in: language 'eng' is not declared in site.yaml (did you mean 'en'?)",
        "content/pages/imprint.ar.md: this page is only in de, en ('only_in' in content/pages/imprint.de.md), "
        "but this file is in 'ar' (delete this file, or add 'ar' to 'only_in')"]
    assert not (tmp_path / "out").exists()


def test_the_shipped_portal_passes_strict_checks():
    """Leichte Sprache is German only and the imprint German and English, on purpose."""
    result = CliRunner().invoke(main, ["check", "--site", str(ROOT), "--now", NOW.isoformat(), "--strict"],
                                env=ENGLISH)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    _, loaded = prepare(ROOT, NOW)
    assert loaded.page("leichte-sprache").only_in == ("de",)
    assert loaded.page("imprint").only_in == ("de", "en")
