"""A city's event listings come in pages of whole days (calendar.listings.paged): the events page,
a category's and a location's listing and the archive. Every date is on exactly one page, in order;
the pages link to each other in every language; a listing page weighs the same however many events
the city has; the pages pass the Nu HTML Checker."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from benn_site.build import build
from benn_site.calendar import listings
from tests.conftest import NOW, VNU_JAR, require_tool, sample_files, write_site
from tests.sitecheck import html_errors

PER_DAY = 7  # dates a day; a page of 100 holds 14 days


def events(count: int, first_day: int = 1) -> dict[str, str]:
    """`count` one-off events, PER_DAY a day from `first_day` days after NOW (negative: past ones),
    in the sample's location, every other one a café."""
    files = {}
    for n in range(count):
        day = NOW.date() + dt.timedelta(days=first_day + n // PER_DAY)
        hour = 8 + n % PER_DAY
        category = "category: cafe\n" if n % 2 else ""
        files[f"content/events/{day.isoformat()}-treff-{n:04d}.md"] = (
            f"---\ntitle: Treff {n:04d}\nstart: {day} {hour:02d}:00\nend: {day} {hour:02d}:30\n"
            f"location: mitte\n{category}---\nText.\n")
    return files


def built(tmp_path, name: str, count: int, first_day: int = 1):
    files = sample_files({**events(count, first_day), "content/events/2026-11-26-cafe.md": None})  # only these
    out = tmp_path / f"out-{name}"
    build(write_site(tmp_path / f"site-{name}", files), out, NOW, cache=False)
    return out


def page_of(out, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def titles(html: str) -> list[str]:
    return re.findall(r'<p class="event-title"><a href="[^"]*">(?:<[^>]+>)*(Treff \d+)<', html)


def links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pages".*?</nav>', html, re.S)
    return dict((rel, href) for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)"', nav.group(0))) if nav else {}


def test_every_date_of_a_long_listing_once_on_pages_of_whole_days(tmp_path):
    out = built(tmp_path, "long", 40 * PER_DAY)  # 40 days within the horizon of 8 weeks
    shown, days = [], []
    paths = ["de/events", "de/events/page/2", "de/events/page/3"]
    for number, path in enumerate(paths, 1):
        html = page_of(out, path)
        on_page = titles(html)
        assert 0 < len(on_page) <= listings.PAGE_SIZE
        shown += on_page
        days += re.findall(r'<h3 id="day-([\d-]+)"', html)
        assert f"Seite {number} von 3" in html
        expected = {"prev": f"/{paths[number - 2]}/" if number > 1 else None,
                    "next": f"/{paths[number]}/" if number < 3 else None}
        assert links(html) == {rel: href for rel, href in expected.items() if href}
    assert not (out / "de/events/page/4").exists() and not (out / "de/events/page/1").exists()
    assert shown == [f"Treff {n:04d}" for n in range(40 * PER_DAY)]  # each once, in order
    assert len(days) == len(set(days)) == 40  # no day split between two pages
    assert "<title>Kommende Veranstaltungen – Seite 2 von 3 – " in page_of(out, "de/events/page/2")
    second = page_of(out, "ar/events/page/2")  # every language, linked to its others
    assert 'hreflang="de" href="https://test.example/de/events/page/2/"' in second
    assert links(second) == {"prev": "/ar/events/", "next": "/ar/events/page/3/"}
    assert titles(second) == titles(page_of(out, "de/events/page/2"))


def test_a_listing_page_weighs_the_same_with_three_times_the_events(tmp_path):
    first, pages = {}, {}
    for count in (20 * PER_DAY, 60 * PER_DAY):  # the horizon of 8 weeks lists 56 of the 60 days
        out = built(tmp_path, str(count), count)
        first[count] = len((out / "de/events/index.html").read_bytes())
        pages[count] = [len(path.read_bytes()) for path in (out / "de/events/page").glob("*/index.html")]
    assert abs(first[60 * PER_DAY] - first[20 * PER_DAY]) < 300, first
    assert len(pages[60 * PER_DAY]) == 3 and all(size < first[20 * PER_DAY] + 300 for size in pages[60 * PER_DAY])


@pytest.fixture
def small_pages():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listings, "PAGE_SIZE", 2 * PER_DAY)
        yield


def test_category_location_and_archive_listings_are_paged_the_same_way(tmp_path, small_pages):
    out = built(tmp_path, "all", 6 * PER_DAY)
    cafes = titles(page_of(out, "de/events/category/cafe")) + titles(page_of(out, "de/events/category/cafe/page/2"))
    assert cafes == [f"Treff {n:04d}" for n in range(1, 6 * PER_DAY, 2)]  # 4 days of cafés, then 2
    assert not (out / "de/events/category/cafe/page/3").exists()
    assert links(page_of(out, "en/events/category/cafe/page/2")) == {"prev": "/en/events/category/cafe/"}
    at_mitte = [titles(page_of(out, path)) for path in ("de/events/at/mitte", "de/events/at/mitte/page/2",
                                                        "de/events/at/mitte/page/3")]
    assert [len(page) for page in at_mitte] == [2 * PER_DAY] * 3
    assert links(page_of(out, "de/events/at/mitte/page/2")) == {"prev": "/de/events/at/mitte/",
                                                                 "next": "/de/events/at/mitte/page/3/"}
    chip = re.search(r'<a href="/de/events/category/cafe/"[^>]*>', page_of(out, "de/events/category/cafe/page/2"))
    assert 'aria-current="true"' in chip.group(0)  # the filter, on a page its link does not lead to
    past = built(tmp_path, "past", 6 * PER_DAY, first_day=-6)  # the six days before NOW, newest first
    archive = [titles(page_of(past, path)) for path in ("de/events/archive", "de/events/archive/page/2",
                                                       "de/events/archive/page/3")]
    assert [len(page) for page in archive] == [2 * PER_DAY, 2 * PER_DAY, 2 * PER_DAY]
    assert [t for page in archive for t in page] == [f"Treff {n:04d}" for n in reversed(range(6 * PER_DAY))]
    assert links(page_of(past, "de/events/archive/page/3")) == {"prev": "/de/events/archive/page/2/"}


def test_listing_pages_pass_the_nu_html_checker(tmp_path, small_pages):
    require_tool(VNU_JAR, "vnu.jar")
    out = built(tmp_path, "html", 6 * PER_DAY)
    pages = tmp_path / "pages"
    for path in ("de/events/page/2", "ar/events/page/3", "de/events/category/cafe/page/2", "en/events/at/mitte/page/2"):
        target = pages / path / "index.html"
        target.parent.mkdir(parents=True)
        shutil.copyfile(out / path / "index.html", target)
    assert html_errors(pages) == []


def test_a_location_s_page_lists_its_next_dates_and_links_to_all(tmp_path):
    """A busy place's page lists its next LOCATION_DATES dates, then links to its listing, which has
    them all: the page weighs the same with three times the events."""
    from benn_site.rendering.views import LOCATION_DATES

    sizes = {}
    for count in (LOCATION_DATES, 3 * LOCATION_DATES):
        out = built(tmp_path, f"busy{count}", count)
        page = page_of(out, "de/locations/mitte")
        here = page[page.index('id="events-here"'):]
        assert titles(here) == [f"Treff {n:04d}" for n in range(LOCATION_DATES)]
        more = '<p><a href="/de/events/at/mitte/">Alle Termine dieses Standorts</a></p>'
        assert (more in here) == (count > LOCATION_DATES)
        sizes[count] = len(page.encode())
    assert sizes[3 * LOCATION_DATES] - sizes[LOCATION_DATES] < 200, sizes
    assert len(titles(page_of(out, "de/events/at/mitte"))) == 3 * LOCATION_DATES
    assert 'href="/ar/events/at/mitte/"' in page_of(out, "ar/locations/mitte")
