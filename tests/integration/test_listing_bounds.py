"""No default makes a page grow with the size of the site: a page of a site with six times the
pages (default site.yaml, no `footer:`) weighs what it weighed, and the build says how to choose
the footer's pages when there are more than it lists."""

from __future__ import annotations

from benn_site.build import build
from benn_site.model import FOOTER_LIMIT
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
