"""routes.py: one URL per item and language, under the base path; two claimants of one URL reported."""

from __future__ import annotations

from benn_site.build import prepare
from benn_site.rendering.routes import Routes
from tests.conftest import NOW, sample_files, write_site


def routes_of(tmp_path, changes=None, base_url=None) -> Routes:
    root = write_site(tmp_path / "site", sample_files(changes))
    _, site = prepare(root, NOW, base_url)
    return Routes(site)


def test_urls_and_output_files(tmp_path):
    routes = routes_of(tmp_path)
    assert routes.errors == []
    assert routes.url("root") == "/"
    assert routes.url("home", "ar") == "/ar/"
    assert routes.url("locations", "de") == "/de/locations/"
    assert routes.url("location", "en", "mitte") == "/en/locations/mitte/"
    assert routes.url("event", "de", "2026-11-26-cafe") == "/de/events/2026-11-26-cafe/"
    assert routes.url("events_archive", "de") == "/de/events/archive/"
    assert routes.url("events_location", "ar", "mitte") == "/ar/events/at/mitte/"
    assert routes.url("events_category", "en", "cafe") == "/en/events/category/cafe/"
    assert routes.url("page", "ar", "about") == "/ar/about/"
    outputs = {r.output for r in routes.routes}
    assert {"index.html", "404.html", "de/index.html", "ar/about/index.html"} <= outputs
    assert not routes.has("page", "de", "index")  # the index page is the home page's text
    assert routes.absolute(routes.url("location", "de", "mitte")) == "https://test.example/de/locations/mitte/"


def test_every_language_gets_every_page(tmp_path):
    routes = routes_of(tmp_path)
    pages = sorted((r.lang, r.key) for r in routes.routes if r.kind == "page")
    assert pages == [(lang, slug) for lang in ("ar", "de", "en") for slug in ("about", "imprint")]
    assert len({r.output for r in routes.routes}) == len(routes.routes)


def test_a_sub_path_is_in_every_url(tmp_path):
    routes = routes_of(tmp_path, base_url="https://example.org/city/")
    assert routes.url("root") == "/city/"
    assert routes.url("location", "de", "mitte") == "/city/de/locations/mitte/"
    assert routes.path("location", "de", "mitte") == "de/locations/mitte/"
    assert routes.asset("/static/site.css") == "/city/static/site.css"
    assert routes.absolute("/city/de/") == "https://example.org/city/de/"


def test_a_page_slug_that_collides_with_a_built_in_index(tmp_path):
    routes = routes_of(tmp_path, {"content/pages/locations.de.md": "---\ntitle: Orte\n---\nx\n",
                                  "content/pages/events.en.md": "---\ntitle: Events\n---\nx\n"})
    assert [str(e) for e in routes.errors] == [
        "content/pages/events.en.md: the address /de/events/ is already the site's own events page "
        "(rename this file)",
        "content/pages/locations.de.md: the address /de/locations/ is already the site's own locations page "
        "(rename this file)",
    ]


def test_two_files_claim_one_url(tmp_path):
    routes = routes_of(tmp_path, {"content/locations/mitte.yml": "name: Büro Mitte 2\ndistrict: Mitte\n"})
    assert [str(e) for e in routes.errors] == [
        "content/locations/mitte.yml: the address /de/locations/mitte/ is claimed by this file and by "
        "content/locations/mitte.yaml (rename one of the two files)"]


def test_the_routes_without_a_key_follow_from_site_yaml_alone(tmp_path):
    """`reads.RecordedRoutes` records no dependency on them: a site without events, pages or
    locations has the same ones."""
    def keyless(routes):
        return sorted((r.kind, r.lang or "") for r in routes.routes + routes.feeds if r.key is None)

    content = [name for name in sample_files() if name.startswith(("content/events/", "content/pages/",
                                                                   "content/locations/"))]
    full, bare = routes_of(tmp_path / "full"), routes_of(tmp_path / "bare", {name: None for name in content})
    assert len(full.routes) > len(bare.routes) and keyless(full) == keyless(bare)
    assert {"home", "events", "events_ics", "sitemap"} <= {kind for kind, _ in keyless(full)}
