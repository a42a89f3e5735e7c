"""The service worker file (sw.js at the base path): what it is told by the build, and that its
build id changes exactly when a page or static file does, so readers' saved copies are replaced
after a build that changed something, and only then (output/worker.py)."""

from __future__ import annotations

import json
import re

from benn_site.build import Builder, build
from tests.conftest import NOW, SUBPATH_URL, sample_files, write_site


def worker_values(out) -> dict:
    """The values the build writes into out/sw.js, each a `var NAME = <JSON>;` line."""
    text = (out / "sw.js").read_text(encoding="utf-8")
    names = ("BUILD", "SCOPE", "LANGUAGES", "OFFLINE", "START", "ASSETS")
    return {name: json.loads(re.search(rf"^var {name} = (.*);$", text, re.M).group(1)) for name in names}


def test_the_worker_knows_the_scope_the_languages_and_what_to_keep(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    values = worker_values(out)
    assert values["SCOPE"] == "/"
    assert values["LANGUAGES"] == ["de", "en", "ar"]
    assert values["START"]["ar"] == ["/ar/", "/ar/locations/", "/ar/events/"]
    assert values["OFFLINE"] == {"de": "/offline/de/", "en": "/offline/en/", "ar": "/offline/ar/"}
    assert values["ASSETS"] == ["/static/icon.svg", "/static/language.js", "/static/offline.js",
                                "/static/open-now.js", "/static/search.js", "/static/share.js", "/static/site.css"]
    assert re.fullmatch(r"[0-9a-f]{20}", values["BUILD"])
    offline = (out / "offline" / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in offline and "<h1>أنت غير متصل بالإنترنت</h1>" in offline
    assert '<meta name="robots" content="noindex">' in offline
    assert "/offline/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    home = (out / "de" / "index.html").read_text(encoding="utf-8")
    assert '<script src="/static/offline.js" data-worker="/sw.js" data-scope="/" defer></script>' in home
    assert ('<p class="offline-note" id="offline-note" role="status" data-saved-at="" data-tz="Europe/Berlin" '
            'data-label="Gespeicherte Kopie vom %(when)s – Sie sind offline" hidden></p>') in home


def test_under_a_sub_path_the_worker_and_its_pages_are_below_it(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    build(site, out, NOW, SUBPATH_URL)
    values = worker_values(out)
    assert values["SCOPE"] == "/benn-portal/"
    assert values["OFFLINE"]["en"] == "/benn-portal/offline/en/"
    assert values["START"]["de"][0] == "/benn-portal/de/"
    assert all(asset.startswith("/benn-portal/static/") for asset in values["ASSETS"])
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert 'data-worker="/benn-portal/sw.js" data-scope="/benn-portal/"' in home


def test_the_build_id_changes_when_a_page_does_and_only_then(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    out = tmp_path / "out"
    builder = Builder(site, out)
    builder.build(NOW)
    first = worker_values(out)["BUILD"]
    # A comment changes the source, not a page: same worker, no reader fetches anything again.
    location = site / "content" / "locations" / "mitte.yaml"
    location.write_text(location.read_text(encoding="utf-8") + "# checked in December\n", encoding="utf-8")
    builder.build(NOW)
    assert worker_values(out)["BUILD"] == first
    location.write_text(location.read_text(encoding="utf-8").replace("Büro Mitte", "Büro Mitte-Nord"),
                        encoding="utf-8")
    report = builder.build(NOW)
    second = worker_values(out)["BUILD"]
    assert second != first and report.rendered < report.files
    # A clean build of the same input agrees with the incremental one, id and all.
    clean = tmp_path / "clean"
    build(site, clean, NOW)
    assert (clean / "sw.js").read_bytes() == (out / "sw.js").read_bytes()
    # A static file is part of what a reader keeps: changing one changes the id too.
    css = site / "templates" / "static" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* print */\n", encoding="utf-8")
    builder.build(NOW)
    assert worker_values(out)["BUILD"] not in (first, second)


def test_a_site_without_a_worker_template_has_no_worker(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    (site / "templates" / "sw.js").unlink()
    out = tmp_path / "out"
    build(site, out, NOW)
    assert not (out / "sw.js").exists()
