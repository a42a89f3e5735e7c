"""No default makes a page grow with the size of the site: a page of a site with six times the
pages (default site.yaml, no `footer:`) weighs what it weighed, and the build says how to choose
the footer's pages when there are more than it lists. The same for a city's locations: the pages
there is one of per location (its page, its event listing, its notice, an event's page) weigh the
same with three times the locations; only the pages there is one of per language list them all."""

from __future__ import annotations

from benn_site.build import build
from benn_site.model import FOOTER_LIMIT
from benn_site.rendering.views import FILTER_LIMIT
from tests.conftest import NOW, sample_files, write_site


def pages(count: int) -> dict[str, str]:
    return {f"content/pages/note-{n:03d}.de.md": f"---\ntitle: Notiz {n:03d}\n---\nText {n}.\n" for n in range(count)}


def test_a_page_weighs_the_same_on_a_site_with_six_times_the_pages(tmp_path):
    sizes, reports = {}, {}
    small, large = FOOTER_LIMIT - 1, 6 * FOOTER_LIMIT  # with the imprint: all in the footer, and six times more
    for count in (small, large):
        site = write_site(tmp_path / f"site{count}", sample_files(pages(count)))
        reports[count] = build(site, tmp_path / f"out{count}", NOW, cache=False)
        sizes[count] = len((tmp_path / f"out{count}" / "de" / "about" / "index.html").read_bytes())
    assert abs(sizes[large] - sizes[small]) < 200, sizes
    warned = [str(w) for w in reports[large].warnings if w.field == "footer"]
    assert warned == [f"site.yaml: footer: {large + 1} pages are outside the menu; the footer lists the "
                      f"first {FOOTER_LIMIT} of them by order (name the pages the footer should list, e.g. footer: "
                      "[imprint, privacy])"]
    assert not [w for w in reports[small].warnings if w.field == "footer"]


def test_the_footer_lists_what_site_yaml_names_however_many(tmp_path):
    names = [f"note-{n:03d}" for n in range(FOOTER_LIMIT + 3)]
    files = sample_files(pages(FOOTER_LIMIT + 3))
    files["site.yaml"] += f"footer: [{', '.join(names)}]\n"
    site = write_site(tmp_path / "site", files)
    report = build(site, tmp_path / "out", NOW, cache=False)
    page = (tmp_path / "out" / "de" / "about" / "index.html").read_text(encoding="utf-8")
    assert all(f"Notiz {n:03d}" in page for n in range(FOOTER_LIMIT + 3))
    assert not [w for w in report.warnings if w.field == "footer"]


def locations(count: int, districts: int = 1) -> dict[str, str]:
    """`count` locations, each with one upcoming event, spread over `districts` districts."""
    files = {}
    for n in range(count):
        files[f"content/locations/loc-{n:03d}.yaml"] = (
            f"name: Büro {n:03d}\ndistrict: Bezirk {n % districts}\naddress: {{street: Teststraße {n % 10}, "
            f'postcode: "10115"}}\noffice_hours:\n  mon: ["10:00-13:00"]\n')
        files[f"content/events/2026-11-26-cafe-{n:03d}.md"] = (
            f"---\ntitle: Café {n:03d}\nstart: 2026-11-26 14:00\nend: 2026-11-26 16:00\nlocation: loc-{n:03d}\n"
            "category: cafe\n---\nKaffee.\n")
    return files


def test_a_location_s_pages_weigh_the_same_in_a_city_with_three_times_the_locations(tmp_path):
    sizes, outs = {}, {}
    pages_of_one = ("de/events/at/loc-000/index.html", "de/locations/loc-000/index.html",
                    "de/events/2026-11-26-cafe-000/index.html", "de/about/index.html")
    for count in (FILTER_LIMIT, 3 * FILTER_LIMIT):
        outs[count] = out = tmp_path / f"out{count}"
        build(write_site(tmp_path / f"site{count}", sample_files(locations(count))), out, NOW, cache=False)
        sizes[count] = {name: len((out / name).read_bytes()) for name in pages_of_one}
    for name in pages_of_one:
        assert abs(sizes[3 * FILTER_LIMIT][name] - sizes[FILTER_LIMIT][name]) < 200, (name, sizes)
    events = (outs[3 * FILTER_LIMIT] / "de" / "events" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="/de/events/at/loc-{n:03d}/"' in events for n in range(3 * FILTER_LIMIT))


def test_a_location_s_listing_offers_its_district_around_it(tmp_path):
    out = tmp_path / "out"
    build(write_site(tmp_path / "site", sample_files(locations(3 * FILTER_LIMIT + 4, districts=2))), out, NOW, cache=False)
    listing = (out / "de" / "events" / "at" / "loc-020" / "index.html").read_text(encoding="utf-8")
    offered = [n for n in range(3 * FILTER_LIMIT + 4) if f'href="/de/events/at/loc-{n:03d}/"' in listing]
    assert offered == list(range(8, 32, 2)), offered  # the even ones: its district, 12 around loc-020
    assert 'href="/de/events/at/loc-020/" aria-current="page"' in listing
    assert 'href="/de/events/"' in listing  # all events, where every location is a filter


def test_up_to_the_bound_a_location_s_listing_offers_every_location(tmp_path):
    out = tmp_path / "out"
    count = FILTER_LIMIT - 1  # and the sample's own location, mitte
    build(write_site(tmp_path / "site", sample_files(locations(count, districts=3))), out, NOW, cache=False)
    listing = (out / "de" / "events" / "at" / "loc-000" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="/de/events/at/loc-{n:03d}/"' in listing for n in range(count))
    assert 'href="/de/events/at/mitte/"' in listing


def test_a_site_with_more_pages_than_a_sitemap_holds_gets_a_sitemap_index(tmp_path, monkeypatch):
    import xml.etree.ElementTree as ET

    from benn_site.rendering import routes as routes_module

    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    site = write_site(tmp_path / "site", sample_files())
    build(site, tmp_path / "whole", NOW)
    whole = ET.fromstring((tmp_path / "whole/sitemap.xml").read_bytes())
    pages = [u.findtext(sm + "loc") for u in whole.findall(sm + "url")]
    assert whole.tag == sm + "urlset" and len(pages) > 25 and not list((tmp_path / "whole").glob("sitemap-*.xml"))

    monkeypatch.setattr(routes_module, "SITEMAP_URLS", 10)  # as a city's 100,000 pages are for 10,000
    build(site, tmp_path / "split", NOW)
    index = ET.fromstring((tmp_path / "split/sitemap.xml").read_bytes())
    parts = [s.findtext(sm + "loc") for s in index.findall(sm + "sitemap")]
    assert index.tag == sm + "sitemapindex"
    assert parts == [f"https://test.example/sitemap-{n}.xml" for n in range(1, -(-len(pages) // 10) + 1)]
    listed = []
    for n in range(1, len(parts) + 1):
        part = ET.fromstring((tmp_path / f"split/sitemap-{n}.xml").read_bytes())
        urls = part.findall(sm + "url")
        assert 0 < len(urls) <= 10
        listed += [u.findtext(sm + "loc") for u in urls]
    assert listed == pages  # every page once, in the same order, with its alternates
    assert (tmp_path / "split/robots.txt").read_text().endswith("Sitemap: https://test.example/sitemap.xml\n")
