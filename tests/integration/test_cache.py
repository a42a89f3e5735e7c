"""The Markdown cache between builds: the same bytes as without it, never a stale link."""

from __future__ import annotations

import pytest

from benn_site.build import build
from benn_site.errors import BuildFailed
from benn_site.rendering.markdown_cache import MarkdownCache
from benn_site.rendering.markup import MarkdownConverter
from tests.conftest import NOW
from tests.integration.test_build import digest


def test_a_build_from_the_cache_equals_a_build_without_it(sample_site, tmp_path):
    build(sample_site, tmp_path / "first", NOW)
    assert (sample_site / ".cache" / "markdown.sqlite").is_file()
    build(sample_site, tmp_path / "cached", NOW)
    build(sample_site, tmp_path / "plain", NOW, cache=False)
    assert digest(tmp_path / "cached") == digest(tmp_path / "plain") == digest(tmp_path / "first")


def test_a_cached_text_whose_link_no_longer_resolves_is_converted_again(sample_site, tmp_path):
    build(sample_site, tmp_path / "out", NOW)
    (sample_site / "content" / "pages" / "imprint.de.md").unlink()
    with pytest.raises(BuildFailed) as info:
        build(sample_site, tmp_path / "out", NOW)
    assert "content/pages/about.de.md:4: link: link to 'imprint.de.md', which does not exist" in str(info.value)


def test_a_link_that_resolves_elsewhere_gets_its_new_url(sample_site, tmp_path):
    build(sample_site, tmp_path / "out", NOW)
    assert 'href="/de/imprint/"' in (tmp_path / "out" / "de" / "about" / "index.html").read_text(encoding="utf-8")
    build(sample_site, tmp_path / "sub", NOW, base_url="https://test.example/sub/")
    assert 'href="/sub/de/imprint/"' in (tmp_path / "sub" / "de" / "about" / "index.html").read_text(encoding="utf-8")


def test_a_damaged_cache_file_is_no_obstacle(sample_site, tmp_path):
    cache = sample_site / ".cache" / "markdown.sqlite"
    cache.parent.mkdir()
    cache.write_bytes(b"not a database" * 100)
    build(sample_site, tmp_path / "out", NOW)
    assert digest(tmp_path / "out") == digest(_build(sample_site, tmp_path / "plain"))


def _build(site, out):
    build(site, out, NOW, cache=False)
    return out


def test_markup_reuses_an_entry_only_while_its_links_resolve_the_same(tmp_path):
    cache = MarkdownCache(tmp_path / "md.sqlite")
    first = MarkdownConverter(cache)
    text = "See [the imprint](imprint.de.md).\n"
    html, broken = first.convert(text, lambda target: "/de/imprint/")
    assert html == '<p>See <a href="/de/imprint/">the imprint</a>.</p>' and broken == []
    cache.store(cache.take())
    cache.close()

    again = MarkdownConverter(MarkdownCache(tmp_path / "md.sqlite"))
    again.md = None  # a hit must not convert: this would fail
    assert again.convert(text, lambda target: "/de/imprint/") == (html, [])

    moved = MarkdownConverter(MarkdownCache(tmp_path / "md.sqlite"))
    assert moved.convert(text, lambda target: "/de/legal/")[0] == '<p>See <a href="/de/legal/">the imprint</a>.</p>'
    gone = MarkdownConverter(MarkdownCache(tmp_path / "md.sqlite"))
    assert gone.convert(text, lambda target: None)[1] == ["imprint.de.md"]


def test_compiled_templates_are_kept_for_the_next_process_and_an_edit_is_never_missed(sample_site, tmp_path):
    out = tmp_path / "out"
    build(sample_site, out, NOW)
    cache = sample_site / ".cache"
    assert (cache / "templates.pickle").is_file() and any((cache / "jinja").iterdir())
    page = sample_site / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<!-- neu -->"),
                    encoding="utf-8")
    build(sample_site, out, NOW)  # a new process: the cached template and its analysis no longer match
    assert "<!-- neu -->" in (out / "de/about/index.html").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build(sample_site, clean, NOW, cache=False)
    assert digest(out) == digest(clean)
