"""store.py: a cache file reads back as it was saved, by the same generator only; anything else
reads as None; a write that fails leaves the old file and no temporary file."""

from __future__ import annotations

import pickle

import pytest

from benn_site import store

VALUE = {("content/pages/about.de.md", "md"): ((12, 3, 4, 5, 6), {"title": "Über uns", "tags": ["a", "b"]})}


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_saved_value_loads_as_it_was(tmp_path):
    path = tmp_path / "cache" / "sources.pickle"  # the folder is made
    assert store.save(path, VALUE, "code-1")
    assert store.load(path, "code-1") == VALUE
    assert leftovers(path.parent) == []


def test_a_missing_file_loads_as_none(tmp_path):
    assert store.load(tmp_path / "nothing.pickle", "code-1") is None


def test_another_code_version_loads_as_none(tmp_path):
    path = tmp_path / "sources.pickle"
    store.save(path, VALUE, "code-1")
    assert store.load(path, "code-2") is None


def test_another_format_loads_as_none(tmp_path, monkeypatch):
    path = tmp_path / "sources.pickle"
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    store.save(path, VALUE, "code-1")
    monkeypatch.undo()
    assert store.load(path, "code-1") is None


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data[: data.index(b"\n") + 1] + b"garbage",  # the right header, then no pickle
    lambda data: b"garbage",
    lambda data: b"",
    lambda data: pickle.dumps((1, "code-1", VALUE)),  # a bare pickle, as caches were written before
])
def test_a_damaged_file_loads_as_none(tmp_path, damage):
    path = tmp_path / "sources.pickle"
    store.save(path, VALUE, "code-1")
    path.write_bytes(damage(path.read_bytes()))
    assert store.load(path, "code-1") is None


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "sources.pickle"
    store.save(path, VALUE, "code-1")
    before = path.read_bytes()
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        store.save(path, {"fine": list(range(1000)), "not picklable": lambda: None}, "code-1")
    assert path.read_bytes() == before
    assert store.load(path, "code-1") == VALUE
    assert leftovers(tmp_path) == []


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "page.html"
    store.write_atomic(path, b"old")
    with pytest.raises(RuntimeError):
        with store.replacing(path) as out:
            out.write(b"half of the new")
            raise RuntimeError("killed halfway")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_an_atomic_write_replaces_the_file_with_ordinary_permissions(tmp_path):
    path = tmp_path / "de" / "index.html"
    store.write_atomic(path, b"first")
    store.write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    reference = tmp_path / "reference"
    reference.write_bytes(b"")
    assert path.stat().st_mode == reference.stat().st_mode  # as open() makes files, not mkstemp's 0600
    assert [p.name for p in path.parent.iterdir()] == ["index.html"]
