"""The preview's error page on a phone: a long line of the file wraps inside the excerpt, so the
editor sees the whole line with the mistake without scrolling sideways."""

from __future__ import annotations

from benn_site.editors.serve import Preview
from benn_site.messages import ENGLISH
from tests.conftest import NOW, SAMPLE_EVENT, sample_files, write_site

LONG_TITLE = "Treffen: Kochen, Essen und Reden mit allen Nachbarinnen und Nachbarn aus dem ganzen Kiez"


def test_a_long_line_wraps_on_a_phone(phone, tmp_path):
    event = SAMPLE_EVENT.replace("title: {de: Nachbarschaftscafé, en: Neighbourhood café}", f"title: {LONG_TITLE}")
    site = write_site(tmp_path / "site", sample_files({"content/events/2026-11-26-cafe.md": event}))
    preview = Preview(site, tmp_path / "preview", NOW, "http://127.0.0.1:1/", ENGLISH, lambda text, err=False: None)
    assert not preview.rebuild()
    status, _, body = preview.response("/de/")
    assert status == 500
    phone.set_content(body.decode("utf-8"))
    assert phone.locator(".problem h2").inner_text() == "content/events/2026-11-26-cafe.md, line 2"
    excerpt = phone.locator(".problem pre").first
    assert excerpt.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing hidden to the right
    here = excerpt.locator(".here")
    assert here.inner_text().replace("\n", " ").split() == ["2", "title:", *LONG_TITLE.split()]
    assert here.evaluate("e => e.getClientRects().length === 1 && e.getBoundingClientRect().height > 30")  # wrapped
