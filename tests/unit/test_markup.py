"""markup.py: editors' Markdown becomes safe HTML; links to content files become URLs or are reported."""

from __future__ import annotations

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from benn_site.rendering.markup import MarkdownConverter, sanitize
from tests.conftest import NOW, sample_files, write_site


def resolver(target):
    urls = {"about.de.md": "/de/about/", "imprint.en.md": "/en/imprint/"}
    path, _, anchor = target.partition("#")
    if path.endswith(".md"):
        return urls[path] + ("#" + anchor if anchor else "") if path in urls else None
    return target


@pytest.fixture
def markup():
    return MarkdownConverter()


def test_plain_markdown(markup):
    html, broken = markup.convert("Ein **Absatz** mit *Betonung*.\n\n- eins\n- zwei\n")
    assert html == "<p>Ein <strong>Absatz</strong> mit <em>Betonung</em>.</p>\n<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>"
    assert broken == []


@pytest.mark.parametrize("source,expected", [
    ("<script>alert(1)</script>\n\nText", "<p>Text</p>"),
    # A line that is only an HTML tag is an HTML block in CommonMark: no paragraph around it.
    ('<img src="x.png" onerror="alert(1)" alt="x">', '<img src="x.png" alt="x" loading="lazy">'),
    ("[Klick](javascript:alert(1))", "<p><a>Klick</a></p>"),
    ('<a href="JaVaScRiPt:alert(1)" onclick="steal()">y</a>', "<p><a>y</a></p>"),
    ("[Daten](data:text/html,hi)", "<p><a>Daten</a></p>"),
    ('<iframe src="https://tracker.example/"></iframe>Text', "Text"),
    ('<p style="color:red" class="big">Rot</p>', "<p>Rot</p>"),
    ("<style>body{display:none}</style>\n\nText", "<p>Text</p>"),
    ('<form action="https://evil.example/"><input name="pin"></form>', ""),
    ("<!-- hidden -->Text", "Text"),
])
def test_untrusted_html_is_sanitised(markup, source, expected):
    html, _ = markup.convert(source, resolver)
    assert html.strip() == expected


def test_what_editors_need_is_kept(markup):
    html, _ = markup.convert('Ein <bdi>Name</bdi> und <span lang="ar" dir="rtl">نص</span>.\n\n'
                             "| Tag | Zeit |\n|---|---|\n| Mo | 10:00 |\n")
    assert '<bdi>Name</bdi>' in html
    assert '<span lang="ar" dir="rtl">نص</span>' in html
    assert "<table>" in html and "<td>10:00</td>" in html


def test_md_links_are_rewritten_and_external_links_get_rel(markup):
    html, broken = markup.convert("[Über uns](about.de.md#team), [Imprint](imprint.en.md), "
                                  "[Karte](https://www.openstreetmap.org/), [Mail](mailto:a@example.org), "
                                  "[Tel](tel:+49301234567)", resolver)
    assert html == ('<p><a href="/de/about/#team">Über uns</a>, <a href="/en/imprint/">Imprint</a>, '
                    '<a href="https://www.openstreetmap.org/" rel="noopener noreferrer">Karte</a>, '
                    '<a href="mailto:a@example.org">Mail</a>, <a href="tel:+49301234567">Tel</a></p>')
    assert broken == []


def test_broken_links_are_reported_not_dropped(markup):
    html, broken = markup.convert("[Weg](missing.de.md) und ![Bild](gone.md)", resolver)
    assert broken == ["missing.de.md", "gone.md"]
    assert '<a href="missing.de.md">Weg</a>' in html


def test_the_converter_keeps_no_state_between_texts(markup):
    markup.convert("[a](missing.de.md)", resolver)
    assert markup.convert("[b](about.de.md)", resolver) == ('<p><a href="/de/about/">b</a></p>', [])
    assert markup.convert("Text") == ("<p>Text</p>", [])


def test_sanitize_alone():
    assert sanitize('<a href="vbscript:x" title="t">x</a><b onmouseover="y">b</b>') == '<a title="t">x</a><b>b</b>'


def test_a_broken_link_in_a_page_fails_the_build_with_its_file(tmp_path):
    root = write_site(tmp_path / "site", sample_files({
        "content/pages/about.en.md": "---\ntitle: About us\n---\nSee the [imprint](imprint.en.md), "
                                     "[home](index.de.md) and [legal](legal.de.md).\n"}))
    with pytest.raises(BuildFailed) as info:
        build(root, tmp_path / "out", NOW)
    # imprint.en.md resolves: every page is built in every language (with the fallback text).
    hint = "(link to a page's file, like about.de.md, or to an address of this site, like /de/locations/)"
    assert str(info.value) == f"content/pages/about.en.md:4: link: link to 'legal.de.md', which does not exist {hint}"


def test_an_editors_top_heading_becomes_h2_below_the_page_title(markup):
    html, _ = markup.convert("# Oben\n\n## Darunter\n")
    assert html == '<h2 id="oben">Oben</h2>\n<h3 id="darunter">Darunter</h3>'


def test_a_text_that_starts_at_h2_keeps_h2_and_no_level_is_skipped(markup):
    html, _ = markup.convert("## Stand\n\n### Einzelnes\n\n## Feedback\n")
    assert html == '<h2 id="stand">Stand</h2>\n<h3 id="einzelnes">Einzelnes</h3>\n<h2 id="feedback">Feedback</h2>'


def test_headings_get_ids_in_every_script_and_unique_ones(markup):
    html, _ = markup.convert("## Über uns\n\n## Über uns\n\n## ساعات الدوام\n\n## Own {#mine}\n")
    assert html == ('<h2 id="über-uns">Über uns</h2>\n<h2 id="über-uns-1">Über uns</h2>\n'
                    '<h2 id="ساعات-الدوام">ساعات الدوام</h2>\n<h2 id="mine">Own</h2>')


def test_images_load_lazily_and_links_in_raw_html_resolve_too(markup):
    html, broken = markup.convert('<a href="about.de.md">A</a> ![B](imprint.en.md) <a href="nowhere.md">C</a>', resolver)
    assert html == ('<p><a href="/de/about/">A</a> <img src="/en/imprint/" alt="B" loading="lazy"> '
                    '<a href="nowhere.md">C</a></p>')
    assert broken == ["nowhere.md"]


def test_commonmark_lists_need_no_blank_line_and_nest_by_two_spaces(markup):
    html, _ = markup.convert("Bitte mitbringen:\n- Pass\n  - Kopie\n- Brief\n")
    assert html == ("<p>Bitte mitbringen:</p>\n<ul>\n<li>Pass\n<ul>\n<li>Kopie</li>\n</ul>\n</li>\n"
                    "<li>Brief</li>\n</ul>")
