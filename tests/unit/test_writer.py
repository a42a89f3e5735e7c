"""writer.py: output only inside the output folder, once per file, swapped in whole or not at all."""

from __future__ import annotations

import pytest

from benn_site.errors import BuildFailed, RenderError, Stopped
from benn_site.output.writer import Output

OUTSIDE = "refusing to write outside the output folder (names must not start with / or contain ..)"


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def old_output(tmp_path):
    target = tmp_path / "output"
    (target / "de").mkdir(parents=True)
    (target / "de" / "index.html").write_text("old", encoding="utf-8")
    (target / "gone.html").write_text("old", encoding="utf-8")
    return target


@pytest.mark.parametrize("name", ["../x.html", "de/../../x.html", "/etc/passwd", "", "."])
def test_refuses_names_outside_the_output(tmp_path, name):
    output = Output(tmp_path / "output")
    with pytest.raises(RenderError) as info:
        output.write(name, "x")
    assert str(info.value) == f"{name}: {OUTSIDE}"
    assert not (tmp_path / "x.html").exists()
    output.discard()


def test_refuses_a_second_write_to_the_same_file(tmp_path):
    output = Output(tmp_path / "output")
    output.write("de/index.html", "one")
    with pytest.raises(RenderError) as info:
        output.write("de/index.html", "two")
    assert str(info.value) == "de/index.html: two items write the same output file (rename one of them)"
    output.commit()
    assert files(tmp_path / "output") == {"de/index.html": "one"}


def test_commit_swaps_the_whole_folder(old_output, tmp_path):
    output = Output(old_output)
    output.write("de/index.html", "neu")
    output.write("ar/index.html", "جديد")
    output.write("feed.ics", b"BEGIN:VCALENDAR\r\n")
    assert files(old_output) == {"de/index.html": "old", "gone.html": "old"}  # nothing visible before commit
    output.commit()
    assert files(old_output) == {"ar/index.html": "جديد", "de/index.html": "neu", "feed.ics": "BEGIN:VCALENDAR\n"}
    assert (old_output / "feed.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no staging or .old folder left


def test_discard_leaves_the_target_untouched(old_output, tmp_path):
    output = Output(old_output)
    output.write("de/index.html", "half")
    output.discard()
    assert files(old_output) == {"de/index.html": "old", "gone.html": "old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_leftover_staging_folder_from_a_killed_build_is_cleared(tmp_path):
    (tmp_path / ".output.staging" / "stale").mkdir(parents=True)
    output = Output(tmp_path / "output")
    output.write("index.html", "x")
    output.commit()
    assert files(tmp_path / "output") == {"index.html": "x"}


def test_copy_tree_skips_hidden_files(tmp_path):
    static = tmp_path / "static"
    (static / "icons").mkdir(parents=True)
    (static / "site.css").write_text("body{}", encoding="utf-8")
    (static / "icons" / "pin.svg").write_text("<svg/>", encoding="utf-8")
    (static / ".DS_Store").write_text("x", encoding="utf-8")
    output = Output(tmp_path / "output")
    output.copy_tree(static, "static")
    output.copy_tree(tmp_path / "missing", "other")
    output.commit()
    assert files(tmp_path / "output") == {"static/icons/pin.svg": "<svg/>", "static/site.css": "body{}"}


@pytest.mark.parametrize("where", [".", ".."])
def test_refuses_to_replace_the_site_directory(tmp_path, where):
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.yaml").write_text("title: x\n", encoding="utf-8")
    target = site / where
    with pytest.raises(BuildFailed) as info:
        Output(target, protect=site)
    assert str(info.value) == (f"--out: '{target}' is the site folder or contains it; the build would "
                               "replace it (choose a folder for the output only, e.g. output)")
    assert (site / "site.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_existing_lists_the_files_already_there_and_stale_is_what_this_build_does_not_write(old_output):
    output = Output(old_output)
    output.write("de/index.html", "new")
    assert output.existing() == {"de/index.html", "gone.html"}
    assert output.stale() == ["gone.html"]
    output.discard()


def test_the_walk_of_the_output_stops_at_a_newer_save(old_output):
    output = Output(old_output)
    with pytest.raises(Stopped):
        output.existing(stop=lambda: True)
    assert output.existing() == {"de/index.html", "gone.html"}  # a later build walks it again
    output.discard()


def test_a_new_output_folder_has_nothing_in_it(tmp_path):
    output = Output(tmp_path / "output")
    assert output.existing() == frozenset()
    output.discard()


def test_make_clean_removes_what_a_build_leaves():
    """`make clean` names the output folder, the writer's folders next to it, and the cache."""
    from pathlib import Path

    from benn_site.build import CACHE_DIR
    from benn_site.output.writer import side_folders

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nclean:\n", 1)[1].split("\n\n", 1)[0]
    removed = set(recipe.split("rm -rf", 1)[1].split())
    assert {"output", CACHE_DIR, *(folder.name for folder in side_folders(Path("output")))} <= removed
