"""A site published under a sub-path (https://org.github.io/benn-portal/) works everywhere.

Every URL a build writes, in pages, feeds, calendars, the sitemap, robots.txt, CSS, scripts and
the search index, must carry the sub-path; the scans here read every text file of the build, so
pages, feeds or scripts added later are checked without changing this file. linkinator then
crawls the build served under the sub-path, as a forge serves it.
"""

from __future__ import annotations

import re

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from tests import sitecheck
from tests.conftest import NOW, SUBPATH, SUBPATH_URL, require_tool, sample_files, write_site


@pytest.fixture(scope="module")
def root_built_sample(tmp_path_factory):
    """A small site built for the root of its host, to prove the checks catch a missing sub-path."""
    site = write_site(tmp_path_factory.mktemp("sample") / "site", sample_files())
    out = site.parent / "out"
    build(site, out, NOW, "https://org.github.io/")
    return out


def test_every_url_in_the_subpath_build_carries_the_subpath(subpath_portal):
    assert sitecheck.url_problems(subpath_portal, SUBPATH_URL) == []


def test_the_subpath_build_links_into_the_subpath_everywhere(subpath_portal):
    home = (subpath_portal / "de" / "index.html").read_text(encoding="utf-8")
    assert 'href="/benn-portal/static/site.css"' in home
    assert 'href="/benn-portal/de/locations/"' in home
    assert 'hreflang="ar" href="https://org.github.io/benn-portal/ar/"' in home
    sitemap = (subpath_portal / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) > 100 and all(loc.startswith(SUBPATH_URL) for loc in locs)
    robots = (subpath_portal / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUBPATH_URL}sitemap.xml" in robots.splitlines()


def test_every_url_in_the_root_build_is_on_its_base_url(portal):
    from benn_site.config import load_config
    from tests.conftest import ROOT

    assert sitecheck.url_problems(portal, load_config(ROOT).base_url) == []


def test_the_scan_catches_a_build_that_forgets_the_subpath(root_built_sample):
    problems = sitecheck.url_problems(root_built_sample, SUBPATH_URL)
    files = {problem.split(":", 1)[0] for problem in problems}
    # pages, the 404 page, the sitemap and robots.txt, feeds and calendars: all of them are read
    assert {"index.html", "404.html", "de/index.html", "sitemap.xml", "robots.txt"} <= files
    assert any(name.endswith(".ics") for name in files), files
    assert any(name.endswith(".atom") for name in files), files
    assert "de/index.html: '/static/site.css' is root-relative but lacks the base path /benn-portal/" in problems
    assert "de/search/index.html: '/pagefind/de/0/' is root-relative but lacks the base path /benn-portal/" in problems
    assert ("sitemap.xml: 'https://org.github.io/de/' is on the site's host but not below "
            "https://org.github.io/benn-portal/") in problems


def test_the_scan_reads_css_scripts_and_json(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "a.css").write_text("body{background:url(/static/bg.png)}", encoding="utf-8")
    (tmp_path / "static" / "b.js").write_text('fetch("/pagefind/x.json"); s.split("/");', encoding="utf-8")
    (tmp_path / "index.json").write_text('{"items": [{"url": "/de/x/"}, "/benn-portal/ok/"]}',
                                         encoding="utf-8")
    assert sitecheck.url_problems(tmp_path, SUBPATH_URL) == [
        "index.json: '/de/x/' is root-relative but lacks the base path /benn-portal/",
        "static/a.css: '/static/bg.png' is root-relative but lacks the base path /benn-portal/",
        "static/b.js: '/pagefind/x.json' is root-relative but lacks the base path /benn-portal/",
    ]


def test_linkinator_finds_no_broken_link_under_the_subpath(subpath_portal):
    require_tool(sitecheck.LINKINATOR, "linkinator")
    links = sitecheck.crawl(subpath_portal, SUBPATH)
    broken = [link for link in links if link["state"] == "BROKEN"]
    assert broken == []
    # the crawl went through the whole site: every language's home, locations and events
    urls = {link["url"] for link in links}
    for lang in ("de", "ar", "fa", "uk", "ru", "tr", "en"):
        assert {f"benn-portal/{lang}/", f"benn-portal/{lang}/locations/", f"benn-portal/{lang}/events/"} <= urls
    assert len(links) > 300


def test_linkinator_fails_a_build_that_forgets_the_subpath(root_built_sample):
    require_tool(sitecheck.LINKINATOR, "linkinator")
    broken = sitecheck.broken_links(root_built_sample, SUBPATH)
    assert "static/site.css (404) linked from benn-portal" in broken
    assert "de/ (404) linked from benn-portal" in broken


def test_links_written_as_html_in_markdown_get_the_subpath_too(tmp_path):
    about = ("---\ntitle: Über uns\n---\n[Standorte](/de/locations/), <a href=\"/de/events/\">Termine</a>, "
             "<img src=\"/static/site.css\" alt=\"\">, <a href=\"imprint.de.md\">Impressum</a>\n")
    site = write_site(tmp_path / "site", sample_files({"content/pages/about.de.md": about}))
    build(site, tmp_path / "out", NOW, SUBPATH_URL)
    html = (tmp_path / "out" / "de" / "about" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="/benn-portal/de/locations/">Standorte</a>, <a href="/benn-portal/de/events/">Termine</a>, '
            '<img src="/benn-portal/static/site.css" alt="" loading="lazy">, <a href="/benn-portal/de/imprint/">Impressum</a>') in html
    assert sitecheck.url_problems(tmp_path / "out", SUBPATH_URL) == []


def test_a_link_written_as_html_to_a_missing_page_is_reported(tmp_path):
    about = "---\ntitle: Über uns\n---\n<a href=\"impressum.de.md\">Impressum</a>\n"
    site = write_site(tmp_path / "site", sample_files({"content/pages/about.de.md": about}))
    with pytest.raises(BuildFailed) as info:
        build(site, tmp_path / "out", NOW, SUBPATH_URL)
    assert "content/pages/about.de.md:4: link: link to 'impressum.de.md', which does not exist" in str(info.value)
