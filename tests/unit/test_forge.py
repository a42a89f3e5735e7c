"""reading/forge.py and site.yaml's edit_url: the one rule for the forge's edit and new-file addresses."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from benn_site.reading.forge import Forge, forge_of
from tests.conftest import SAMPLE_SITE_YAML
from tests.unit.test_config import load, problems

TEXT = 'title: "Café & Kuchen"\n# ä/ß?\n'


def test_github_edit_and_new_addresses():
    forge = forge_of("https://github.com/org/benn-portal/edit/main/")
    assert forge.edit("content/pages/über-uns.de.md") == \
        "https://github.com/org/benn-portal/edit/main/content/pages/%C3%BCber-uns.de.md"
    url = forge.new("content/events", "2026-12-11-cafe.md", TEXT)
    parts = urlsplit(url)
    assert url.startswith("https://github.com/org/benn-portal/new/main/content/events?filename=2026-12-11-cafe.md&value=")
    assert parse_qs(parts.query) == {"filename": ["2026-12-11-cafe.md"], "value": [TEXT]}


def test_the_word_edit_elsewhere_in_the_address_is_left_alone():
    """An organisation, repository or folder called "edit": only the forge's own word changes."""
    forge = forge_of("https://github.com/edit/edit/edit/edit/edit/")
    assert forge.new("content/events", "x.md", "").startswith("https://github.com/edit/edit/new/edit/edit/content/events?")
    forge = forge_of("https://gitlab.com/edit/-/edit/edit/-/edit/")
    assert forge.new("content", "x.md", "").startswith("https://gitlab.com/edit/-/new/edit/-/edit/content?")


def test_gitlab_in_a_subgroup_with_the_site_in_a_folder_and_a_branch_with_a_slash():
    forge = forge_of("https://gitlab.example.org/berlin/benn/portal/-/edit/redaktion/dezember/site")
    assert forge.edit_url == "https://gitlab.example.org/berlin/benn/portal/-/edit/redaktion/dezember/site/"
    assert forge.edit("site.yaml") == "https://gitlab.example.org/berlin/benn/portal/-/edit/redaktion/dezember/site/site.yaml"
    url = forge.new("content/events", "x.md", TEXT)
    assert url.startswith("https://gitlab.example.org/berlin/benn/portal/-/new/redaktion/dezember/site/content/events?")
    assert parse_qs(urlsplit(url).query) == {"file_name": ["x.md"], "content": [TEXT]}


def test_edit_url_in_site_yaml(tmp_path):
    config = load(tmp_path, SAMPLE_SITE_YAML + "edit_url: https://github.com/org/benn-portal/edit/main/\n")
    assert config.forge == Forge("https://github.com/org/benn-portal/edit/main/", config.forge.kind)
    assert load(tmp_path, SAMPLE_SITE_YAML).forge is None


def test_an_edit_url_that_is_not_a_web_editor_is_named_with_what_to_do(tmp_path):
    line = len(SAMPLE_SITE_YAML.splitlines()) + 1
    hint = ("copy it from the forge: open a file there, click the pencil, and keep the address up to the branch, "
            "e.g. https://github.com/org/benn-portal/edit/main/ or https://gitlab.com/org/benn-portal/-/edit/main/")
    assert problems(tmp_path, SAMPLE_SITE_YAML + "edit_url: https://github.com/org/benn-portal/blob/main/\n") == [
        f"site.yaml:{line}: edit_url: 'https://github.com/org/benn-portal/blob/main/' is not the address of "
        f"GitHub's or GitLab's web editor ({hint})"]
    assert problems(tmp_path, SAMPLE_SITE_YAML + "edit_url: github.com/org/benn-portal/edit/main/\n") == [
        f"site.yaml:{line}: edit_url: 'github.com/org/benn-portal/edit/main/' is not a web address ({hint})"]
    assert problems(tmp_path, SAMPLE_SITE_YAML + "edit_url: [a]\n")[0].startswith(f"site.yaml:{line}: edit_url: ")
