"""`benn-site check`: the build's checks plus every internal link and anchor, in every language,
without writing the output folder."""

from __future__ import annotations

from click.testing import CliRunner

from benn_site.build import build
from benn_site.cli import main
from benn_site.editors.check import check_site
from benn_site.errors import BuildFailed
from tests.conftest import NOW, SAMPLE_PAGES, sample_files, write_site

ENGLISH = {"LANG": "en_GB.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def problems(site) -> list[str]:
    try:
        check_site(site, NOW)
    except BuildFailed as failed:
        return [str(e) for e in failed.errors]
    return []


def test_a_good_site_passes_and_nothing_is_written(tmp_path):
    site = write_site(tmp_path / "site", sample_files({
        "content/pages/about.de.md": "---\ntitle: Über uns\n---\nSiehe [Impressum](imprint.de.md#anschrift), "
                                     "[Büro](/de/locations/mitte/) und [Termine](/de/events/#main).\n",
        "content/pages/imprint.de.md": "---\ntitle: Impressum\n---\n## Anschrift\n\nTeststraße 1\n"}))
    report = check_site(site, NOW)
    assert report.pages > 10 and report.links > 100
    assert not (site / "output").exists() and not (site / ".cache").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]



def test_the_site_is_loaded_and_checked_once(tmp_path, monkeypatch):
    import benn_site.build

    site = write_site(tmp_path / "site", sample_files())
    loads = []
    load_partial = benn_site.build.load_partial
    monkeypatch.setattr(benn_site.build, "load_partial", lambda *args: loads.append(1) or load_partial(*args))
    check_site(site, NOW)
    assert len(loads) == 1

def test_a_missing_anchor_is_reported_at_its_line(tmp_path):
    site = write_site(tmp_path / "site", sample_files({
        "content/pages/about.de.md": "---\ntitle: Über uns\n---\nErster Absatz.\n\n"
                                     "Siehe [Impressum](imprint.de.md#kontakt).\n"}))
    assert problems(site) == [
        "content/pages/about.de.md:6: link: link to '/de/imprint/#kontakt': the anchor '#kontakt' does not exist "
        "on that page (fix or remove the link; it is on the page /de/about/ and 1 more)"]


def test_a_missing_file_is_reported_at_its_line(tmp_path):
    site = write_site(tmp_path / "site", sample_files({
        "content/pages/about.de.md": "---\ntitle: Über uns\n---\nDer [Plan](/static/plan.pdf) zum Mitnehmen.\n"}))
    assert problems(site) == [
        "content/pages/about.de.md:4: link: link to '/static/plan.pdf', which does not exist "
        "(fix or remove the link; it is on the page /de/about/ and 1 more)"]


def test_a_broken_link_in_a_template_is_reported_once_with_the_number_of_pages(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    layout = site / "templates" / "layout.html"  # the footer of every page
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "</footer>", '<a href="/de/kontakt/">Kontakt</a>\n</footer>'), encoding="utf-8")
    build(site, tmp_path / "built", NOW)  # the build does not follow links; the check does
    with_link = [p for p in (tmp_path / "built").rglob("*.html") if "/de/kontakt/" in p.read_text(encoding="utf-8")]
    line = layout.read_text(encoding="utf-8").splitlines().index('<a href="/de/kontakt/">Kontakt</a>') + 1
    assert problems(site) == [
        f"templates/layout.html:{line}: link: link to '/de/kontakt/', which does not exist "
        f"(fix or remove the link; it is on the page /404.html and {len(with_link) - 1} more)"]


def test_the_build_problems_come_first_and_stop_the_check(tmp_path):
    site = write_site(tmp_path / "site", sample_files({"content/pages/imprint.de.md": ""}))
    assert problems(site) == [
        "content/pages/imprint.de.md: the file is empty "
        "(fill it in, or delete it; copying a similar file is a good start)"]


def test_the_command_exits_1_and_names_every_problem(tmp_path):
    site = write_site(tmp_path / "site", sample_files({
        "content/pages/about.de.md": SAMPLE_PAGES["about.de.md"].replace("imprint.de.md", "imprint.de.md#fehlt")}))
    result = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat()], env=ENGLISH)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/pages/about.de.md:4: link: link to '/de/imprint/#fehlt': the anchor '#fehlt' does not exist "
        "on that page (fix or remove the link; it is on the page /de/about/ and 1 more)",
        "Found 1 problem.",  # check never writes: it does not say it wrote nothing
    ]
    github = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat(), "--format", "github"],
                                env=ENGLISH)
    assert github.exit_code == 1
    assert github.stderr.splitlines()[0].startswith("::error file=")
    assert ",line=4,title=link::" in github.stderr.splitlines()[0]


def test_the_command_says_what_it_checked(tmp_path):
    site = write_site(tmp_path / "site", sample_files())
    result = CliRunner().invoke(main, ["check", "--site", str(site), "--now", NOW.isoformat()],
                                env={**ENGLISH, "LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Keine Probleme: ")
    assert result.stdout.rstrip().endswith("Links geprüft, in allen Sprachen.")
    assert not (site / "output").exists()
