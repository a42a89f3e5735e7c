"""`benn-site serve`: the preview rebuilds on save, shows an error page on a bad edit without
stopping, and comes back with the fix; the watcher waits for quiet and ignores output/."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import watchfiles

from benn_site.editors.serve import Preview, Watched
from benn_site.messages import ENGLISH, catalog
from tests.conftest import NOW, SAMPLE_EVENT, sample_files, write_site

WAIT_SECONDS = 90  # an upper bound for a slow, shared machine; the waits end as soon as they can


class Running:
    """`benn-site serve` in a subprocess on a free port, its output read line by line."""

    def __init__(self, site: Path, lang: str = "en_GB.UTF-8"):
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "LANGUAGE": ""}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benn_site", "serve", "--site", str(site), "--port", "0",
             "--now", NOW.isoformat()],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line(r"http://127\.0\.0\.1:\d+/")
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "serve stopped:\n" + "\n".join(self.output)
                continue
            self.output.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "\n".join(self.output))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for_page(self, path: str, predicate) -> tuple[int, str]:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            status, body = self.get(path)
            if predicate(status, body) or time.monotonic() > deadline:
                return status, body
            time.sleep(0.1)

    def stop(self) -> int:
        self.process.terminate()
        return self.process.wait(timeout=30)


@pytest.fixture
def sample(tmp_path):
    return write_site(tmp_path / "site", sample_files())


def test_serve_rebuilds_survives_a_bad_edit_and_recovers(sample):
    server = Running(sample)
    event = sample / "content/events/2026-11-26-cafe.md"
    try:
        status, page = server.get("de/events/2026-11-26-cafe/")
        assert status == 200 and "Nachbarschaftscafé" in page
        assert '<script src="/livereload.js?snipver=1" defer></script></head>' in page  # no reload yet: waits for the first
        # absolute URLs (here the language alternates) point to the preview, not to site.yaml's base_url
        assert f'<link rel="alternate" hreflang="de" href="{server.url}de/events/2026-11-26-cafe/">' in page

        event.write_text(SAMPLE_EVENT.replace("Nachbarschaftscafé", "Nachbarschaftsfrühstück"), encoding="utf-8")
        status, page = server.wait_for_page("de/events/2026-11-26-cafe/",
                                            lambda s, b: "Nachbarschaftsfrühstück" in b)
        assert status == 200 and "Nachbarschaftsfrühstück" in page

        event.write_text(SAMPLE_EVENT.replace("location: mitte", "location: mite"), encoding="utf-8")
        status, page = server.wait_for_page("de/events/2026-11-26-cafe/", lambda s, b: s == 500)
        assert status == 500
        assert "content/events/2026-11-26-cafe.md</code>, line 5" in page
        assert '<span class="here">   5  location: mite</span><span>   6  category: cafe</span>' in page
        assert "<dd>Unknown location &#39;mite&#39;</dd>" in page
        assert '<dd class="todo">Did you mean &#39;mitte&#39;?</dd>' in page
        assert re.search(r'<script src="/livereload\.js\?snipver=\d+" defer></script></head>', page)
        # the server still answers: every page shows the problem, files are still served
        assert server.get("en/")[0] == 500
        assert server.get("static/site.css")[0] == 200
        server.wait_for_line(r"content/events/2026-11-26-cafe\.md:5: location: unknown location 'mite'")

        event.write_text(SAMPLE_EVENT, encoding="utf-8")
        status, page = server.wait_for_page("de/events/2026-11-26-cafe/", lambda s, b: s == 200)
        assert status == 200 and "Nachbarschaftscafé" in page
    finally:
        assert server.stop() == 0
    assert "Preview stopped." in server.output + [server.wait_for_line("Preview stopped")]
    assert not (sample / "output").exists()  # the preview never writes the site's output folder
    assert list((sample / ".cache").glob("outputs-*")) == []  # nor leaves fingerprints of its own


def test_serve_speaks_german_when_the_terminal_does(sample):
    (sample / "content/pages/imprint.de.md").write_text("", encoding="utf-8")
    server = Running(sample, "de_DE.UTF-8")
    try:
        status, page = server.get("de/")
        assert status == 500
        assert '<html lang="de" dir="ltr">' in page
        assert "<h1>Die Website hat 1 Problem</h1>" in page
        assert "<dd>Die Datei ist leer</dd>" in page
        assert "Was ist zu tun" in page
    finally:
        server.stop()


def test_the_watcher_sees_content_and_templates_but_not_output_or_editor_files(sample):
    watched = Watched(sample, (sample / "output", sample / ".cache"))
    added = watchfiles.Change.added
    for name in ("site.yaml", "content/pages/about.de.md", "content/events/new.md", "templates/page.html",
                 "templates/static/site.css"):
        assert watched(added, str(sample / name)), name
    for name in ("output/index.html", ".cache/markdown.sqlite", "content/pages/.about.de.md.swp",
                 "content/pages/about.de.md~", "content/pages/#about.de.md#", "content/.git/index", "README.md",
                 "content", "notes/site.yaml"):
        assert not watched(added, str(sample / name)), name
    assert not watched(added, "/elsewhere/site.yaml")


def test_ten_files_saved_at_once_rebuild_once_and_a_save_during_a_build_rebuilds_after_it(sample):
    server = Running(sample)
    try:
        started = len(server.output)  # the first build and the line with the address
        for number in range(10):
            (sample / f"content/pages/burst-{number}.de.md").write_text(f"---\ntitle: Neu {number}\n---\nText\n",
                                                                        encoding="utf-8")
        server.wait_for_line(r"Rebuilt \d+ of \d+ files")
        status, _ = server.wait_for_page("de/burst-9/", lambda s, b: s == 200)
        assert status == 200 and server.get("de/burst-0/")[0] == 200
        time.sleep(1.0)  # nothing else changed: no further build
        assert sum("Rebuilt" in line for line in server.output[started:] + _drain(server)) == 1
    finally:
        server.stop()


def _drain(server) -> list[str]:
    lines = []
    while not server.lines.empty():
        lines.append(server.lines.get_nowait())
    return lines


def test_files_that_are_not_pages_are_served_or_missing_even_while_the_site_has_problems(sample, tmp_path):
    preview = Preview(sample, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert preview.rebuild()
    (sample / "content/pages/imprint.de.md").write_text("", encoding="utf-8")
    assert not preview.rebuild()
    assert preview.response("/de/")[0] == 500
    assert preview.response("/de/no-such-page/")[0] == 500
    assert preview.response("/favicon.ico")[0] == 404
    status, kind, _ = preview.response("/static/site.css")
    assert (status, kind) == (200, "text/css; charset=utf-8")


def awaited(body: bytes) -> int:
    """The reload a page the preview served waits for, from its script link."""
    return int(re.search(rb'<script src="/livereload\.js\?snipver=(\d+)" defer>', body).group(1))


def test_a_page_served_before_the_last_reload_is_reloaded_when_its_script_connects(sample, tmp_path):
    """livereload tells only connected pages; one still loading at a reload is told when it connects.
    Each page carries the reload it waits for: a later fetch of the same address (the site's service
    worker keeping its copy after a build) does not make an open page that is behind look up to date."""
    preview = Preview(sample, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert preview.rebuild()
    opened = awaited(preview.response("/de/about/")[2])
    assert b"livereload" not in preview.response("/static/site.css")[2]  # not a page: it connects no reload script
    assert not preview.missed(opened)
    preview.reloads += 1
    kept = awaited(preview.response("/de/about/")[2])
    assert preview.missed(opened) and not preview.missed(kept)
    assert awaited(preview.response("/de/no-such-page/")[2]) == kept  # the missing page too
    (sample / "content/pages/imprint.de.md").write_text("", encoding="utf-8")
    assert not preview.rebuild()
    assert awaited(preview.response("/de/about/")[2]) == kept  # and the error page
    preview.reloads += 1
    assert preview.missed(kept)


def test_a_request_cannot_leave_the_preview_folder(sample, tmp_path):
    out = tmp_path / "preview"
    printed = []
    preview = Preview(sample, out, NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: printed.append(text))
    assert preview.rebuild()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/de/../../secret.txt"):
        status, _, body = preview.response(path)
        assert status == 404 and b"secret" not in body
    status, kind, body = preview.response("/de/")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert printed[-1].startswith("Rebuilt ")


def test_the_preview_shows_drafts_and_planned_items_marked(sample, tmp_path):
    (sample / "content/pages/team.de.md").write_text("---\ntitle: Team\ndraft: true\n---\nWir.\n", encoding="utf-8")
    event = sample / "content/events/2026-11-26-cafe.md"
    event.write_text(SAMPLE_EVENT.replace("category: cafe", "category: cafe\npublish_after: 2026-11-26"),
                     encoding="utf-8")
    preview = Preview(sample, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert preview.rebuild()
    status, _, body = preview.response("/de/team/")
    assert status == 200 and "Entwurf: Nur die Vorschau zeigt das." in body.decode("utf-8")
    status, _, body = preview.response("/de/events/2026-11-26-cafe/")
    assert status == 200
    assert "Geplant: wird ab Donnerstag, 26. November 2026 veröffentlicht." in body.decode("utf-8")


def test_with_edit_url_every_page_of_the_preview_links_to_its_file_in_the_forge(sample, tmp_path):
    """Only the preview's responses carry the link (the built files do not); a page in a language
    without its own file links the file it shows; the site's own pages link the editors' page."""
    site_yaml = sample / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "edit_url: https://github.com/org/portal/edit/main/\n",
                         encoding="utf-8")
    german = catalog("de")
    preview = Preview(sample, tmp_path / "preview", NOW, "http://127.0.0.1:1/", german, lambda text, err=False: None)
    assert preview.rebuild()
    edit = '<a class="preview-edit" href="https://github.com/org/portal/edit/main/{}">Diese Seite bearbeiten</a></body>'
    for url, file in [("/de/about/", "content/pages/about.de.md"), ("/en/about/", "content/pages/about.en.md"),
                      ("/ar/about/", "content/pages/about.de.md"), ("/de/", "content/pages/index.de.md"),
                      ("/en/locations/mitte/", "content/locations/mitte.yaml")]:
        status, _, body = preview.response(url)
        assert status == 200 and edit.format(file) in body.decode("utf-8"), url
        assert b'<link rel="stylesheet" href="/_preview/edit.css">' in body
    assert '<a class="preview-edit" href="/editors/">' in preview.response("/de/events/")[2].decode("utf-8")
    assert preview.response("/_preview/edit.css")[:2] == (200, "text/css; charset=utf-8")
    assert b"preview-edit" not in (tmp_path / "preview" / "de" / "about" / "index.html").read_bytes()
    assert b"preview-edit" not in preview.response("/de/no-such-page/")[2]


def test_without_edit_url_the_preview_has_no_edit_link(sample, tmp_path):
    preview = Preview(sample, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert preview.rebuild()
    assert b"preview-edit" not in preview.response("/de/about/")[2]
