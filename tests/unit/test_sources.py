"""sources.py: decoding, front matter splitting and file-name conventions, each with its message."""

from __future__ import annotations

import pytest

from benn_site.reading.sources import name_parts, read_text, split_front_matter, split_name

LANGS = ("de", "en", "ar")
NO_FRONT_MATTER = ("p.de.md:1: the file does not start with '---' (the file must start with a line '---', "
                   "then fields like 'title: …', then another line '---', then the text)")


def messages(errors):
    return [str(e) for e in errors]


def test_front_matter_and_body_are_split_with_the_body_line():
    source, errors = split_front_matter("---\ntitle: Über uns\norder: 10\n---\nErster Absatz.\n\nZweiter.\n",
                                        "content/pages/about.de.md", required=True)
    assert errors == []
    assert source.meta == {"title": "Über uns", "order": 10}
    assert source.meta.lines == {"title": 2, "order": 3}
    assert source.body == "Erster Absatz.\n\nZweiter.\n"
    assert source.body_line == 5
    assert source.path == "content/pages/about.de.md"


def test_yaml_document_end_marker_closes_front_matter_too():
    source, errors = split_front_matter("---\ntitle: A\n...\nBody", "p.de.md", required=True)
    assert errors == [] and source.meta == {"title": "A"} and source.body == "Body"


def test_empty_front_matter_is_an_empty_mapping():
    source, errors = split_front_matter("---\n---\nBody", "p.de.md", required=True)
    assert errors == [] and source.meta == {} and source.body_line == 3


def test_missing_front_matter():
    source, errors = split_front_matter("title: A\n\nText", "p.de.md", required=True)
    assert source is None
    assert messages(errors) == [NO_FRONT_MATTER]


def test_front_matter_is_optional_where_not_required():
    source, errors = split_front_matter("Ein längerer Text.\n", "content/locations/mitte.de.md", required=False)
    assert errors == []
    assert source.meta == {} and source.body == "Ein längerer Text.\n" and source.body_line == 1


def test_unclosed_front_matter():
    source, errors = split_front_matter("---\ntitle: A\n\nText without the closing line\n", "p.de.md", required=True)
    assert source is None
    assert messages(errors) == ["p.de.md:1: the fields at the top are not closed with '---' (add a line '---' after the last field)"]


def test_front_matter_that_is_not_a_mapping():
    _, errors = split_front_matter("---\n- title\n---\n", "p.de.md", required=True)
    assert messages(errors) == ["p.de.md:2: the lines between the '---' must be fields (write them like 'title: …')"]


def test_yaml_errors_in_front_matter_carry_the_file_line():
    _, errors = split_front_matter("---\ntitle: A\ntitle: B\n---\n", "p.de.md", required=True)
    assert messages(errors) == ["p.de.md:3: title: this field appears twice; the first is on line 2 (keep one of them: YAML would silently use only the last one)"]


def test_utf8_with_bom_and_windows_line_ends(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert read_text(tmp_path / "a.md", tmp_path) == ("---\ntitle: x\n---\nbody\n", [])


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file(tmp_path, content):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "e.de.md").write_bytes(content)
    text, errors = read_text(tmp_path / "content" / "e.de.md", tmp_path)
    assert text is None
    assert messages(errors) == ["content/e.de.md: the file is empty (fill it in, or delete it; copying a similar file is a good start)"]


def test_non_utf8_file_names_the_line(tmp_path):
    # Latin-1 "Straße" on line 4, as an old Windows editor would save it.
    (tmp_path / "mitte.yaml").write_bytes("name: Büro\ndistrict: Mitte\naddress:\n".encode() + b"  street: Stra\xdfe 1\n")
    text, errors = read_text(tmp_path / "mitte.yaml", tmp_path)
    assert text is None
    assert messages(errors) == ["mitte.yaml:4: is not saved as UTF-8: a character on this line is in another encoding (save it again with the encoding UTF-8; in most editors: 'Save as', then 'Encoding: UTF-8')"]


@pytest.mark.parametrize(("name", "expected"), [
    ("about.de.md", ("about", "de", True)),
    ("about.md", ("about", None, True)),
    ("spaeti.yaml", ("spaeti", None, True)),
    ("2026-11-26-cafe.ar.md", ("2026-11-26-cafe", "ar", True)),
    ("a.b.c.md", ("a", None, False)),
    ("README", ("README", None, False)),
])
def test_name_parts_is_the_one_file_name_rule(name, expected):
    assert name_parts(name) == expected


@pytest.mark.parametrize("name,expected", [
    ("about.de.md", ("about", "de", None)),
    ("about.md", ("about", None, None)),
    ("2026-11-26-cafe.ar.md", ("2026-11-26-cafe", "ar", None)),
    ("mitte.yaml", ("mitte", None, None)),
    ("About.de.md", ("About", "de", "About.de.md: 'About' cannot be part of a web address "
                                    "(rename the file using only a-z, 0-9 and '-', e.g. about.de.md)")),
    ("sprach café.de.md", ("sprach café", "de", "sprach café.de.md: 'sprach café' cannot be part of a web address "
                                                "(rename the file using only a-z, 0-9 and '-', e.g. sprach-cafe.de.md)")),
    ("about.xx.md", ("about", "xx", "about.xx.md: language 'xx' is not declared in site.yaml "
                                    "(the site's languages are: de, en, ar; or add the language to site.yaml)")),
    ("about.enn.md", ("about", "enn", "about.enn.md: language 'enn' is not declared in site.yaml "
                                      "(did you mean 'en'? Or add the language to site.yaml)")),
    ("Über uns.de.md", ("Über uns", "de", "Über uns.de.md: 'Über uns' cannot be part of a web address "
                                          "(rename the file using only a-z, 0-9 and '-', e.g. ueber-uns.de.md)")),
    ("مقهى.ar.md", ("مقهى", "ar", "مقهى.ar.md: 'مقهى' cannot be part of a web address "
                                  "(rename the file using only a-z, 0-9 and '-', e.g. my-page.ar.md)")),
    ("a.b.c.md", ("a", None, "a.b.c.md: the file name must be '<name>.<language>.md' (e.g. about.de.md; a name may not contain dots)")),
])
def test_split_name(tmp_path, name, expected):
    slug, lang, error = split_name(tmp_path / name, LANGS, tmp_path)
    assert (slug, lang, str(error) if error else None) == expected
