"""Texts packed into shared chunks behave as the strings they hold."""

import pickle

from benn_site.reading.packed_text import PackedText, TextChunks, blank, text_of
from benn_site.reading.sources import split_front_matter
from benn_site.rendering.dependencies import digest


def test_a_packed_text_is_its_string_in_every_script():
    chunks = TextChunks()
    texts = ["Erster Absatz.\n\nZweiter.\n", "مرحبا بكم في البيت\n", "", "Привіт 👋"]
    packed = [chunks.add(text) for text in texts]
    assert [str(p) for p in packed] == texts
    assert packed == texts and [repr(p) for p in packed] == [repr(t) for t in texts]
    assert {packed[0]: 1}[texts[0]] == 1 and len(packed[3]) == len(texts[3])
    assert [text_of(p) for p in packed] == texts and text_of("plain") == "plain"


def test_blank_says_what_strip_says_without_decoding_where_it_can():
    chunks = TextChunks()
    texts = ["", "  \n\t\r\n", "\u00a0\u2003\u3000\n", "\u00a0x", "مرحبا", "\n\n# Titel\n", "\u200b"]
    for text in texts:
        assert blank(chunks.add(text)) == (not text.strip()) == blank(text), repr(text)


def test_a_packed_text_fingerprints_by_its_bytes_as_text_and_not_by_its_place():
    chunks = TextChunks()
    first, other, again = chunks.add("Öffnungszeiten"), chunks.add("Öffnungszeit"), TextChunks().add("Öffnungszeiten")
    assert digest(first) == digest(again) != digest(other)
    assert digest(first) != digest(chunks.add(""))


def test_texts_share_chunks_until_one_is_full():
    chunks = TextChunks(size=10)
    first, second, third = chunks.add("12345"), chunks.add("6789"), chunks.add("abc")
    assert first._chunk is second._chunk and third._chunk is not first._chunk
    assert (str(first), str(second), str(third)) == ("12345", "6789", "abc")
    big = chunks.add("x" * 50)  # larger than a chunk: a chunk of its own
    assert str(big) == "x" * 50 and big._chunk is not third._chunk


def test_pickled_texts_keep_sharing_their_chunk():
    chunks = TextChunks()
    texts = [chunks.add(f"text {n} " * 50) for n in range(20)]
    data = pickle.dumps(texts)
    again = pickle.loads(data)
    assert again == texts and all(isinstance(t, PackedText) for t in again)
    assert len({id(t._chunk) for t in again}) == 1  # one chunk, written once
    assert len(data) < len("".join(map(str, texts)).encode()) + 2000


def test_front_matter_splitting_packs_the_body_when_asked():
    chunks = TextChunks()
    source, errors = split_front_matter("---\ntitle: A\n---\nText.\n", "a.de.md", True, texts=chunks)
    assert errors == [] and isinstance(source.body, PackedText) and source.body == "Text.\n"
    plain, _ = split_front_matter("---\ntitle: A\n---\nText.\n", "a.de.md", True)
    assert type(plain.body) is str and plain == source


def test_a_loaded_site_keeps_every_text_packed(tmp_path):
    from benn_site.config import load_config
    from benn_site.content.loader import load_site
    from tests.conftest import NOW, sample_files, write_site

    site = load_site(load_config(write_site(tmp_path / "site", sample_files())), NOW)
    versions = [v for p in site.pages for v in p.versions] + [v for e in site.events for v in e.texts]
    versions += [v for loc in site.locations for v in loc.texts]
    assert versions and all(isinstance(v.body, PackedText) for v in versions)
    assert site.page("about").versions[0].markdown == str(site.page("about").versions[0].body)
