"""The editors' guides: linked from the README, the same sections in both languages, every link
of their tables of contents leads to a heading, and the files they name as examples exist."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

GUIDES = {"de": ROOT / "docs" / "editors-guide.de.md", "en": ROOT / "docs" / "editors-guide.en.md"}


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize("lang", GUIDES)
def test_the_guide_is_linked_and_its_contents_lead_to_its_headings(lang):
    text = GUIDES[lang].read_text(encoding="utf-8")
    assert f"(docs/editors-guide.{lang}.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    headings = {slug(h) for h in re.findall(r"^## (.+)$", text, re.MULTILINE)}
    contents = re.findall(r"^- \[[^\]]+\]\(#([^)]+)\)$", text, re.MULTILINE)
    assert len(contents) == len(headings) == 10
    assert set(contents) == headings


@pytest.mark.parametrize("lang", GUIDES)
def test_the_example_files_of_the_guide_exist(lang):
    text = GUIDES[lang].read_text(encoding="utf-8")
    named = set(re.findall(r"`(content/[a-z]+/[a-z0-9.-]+\.(?:md|yaml))`", text))
    examples = {n for n in named if "sprachcafe" not in n and ".ar.md" not in n}  # ones the guide creates
    assert len(examples) >= 4
    for name in examples:
        assert (ROOT / name).is_file(), name


def test_both_guides_show_the_same_examples():
    blocks = {lang: re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
              for lang, path in GUIDES.items()}
    assert blocks["de"] == blocks["en"]


def test_the_guides_examples_are_valid_content(tmp_path):
    """Each YAML example, put where the guide says, loads without a problem."""
    import textwrap

    from benn_site.build import prepare
    from tests.conftest import NOW, SAMPLE_LOCATION, sample_files, write_site

    blocks = [textwrap.dedent(b) for b in re.findall(r"```yaml\n(.*?)```", GUIDES["en"].read_text(encoding="utf-8"),
                                                     re.S)]
    location_parts = [b for b in blocks if b.split(":")[0] in ("office_hours", "seasonal_hours", "closures")]
    event_parts = [b for b in blocks if b.startswith(("title: Sprachcafé\nstart", "recurrence:"))]
    assert len(location_parts) == 3 and len(event_parts) == 2
    location = SAMPLE_LOCATION.split("office_hours:")[0] + "".join(location_parts)
    event = "---\n" + event_parts[0].replace("blumberger-damm", "mitte") + event_parts[1] + "---\nText.\n"
    site = write_site(tmp_path / "site", sample_files({"content/locations/mitte.yaml": location,
                                                       "content/events/2026-11-26-cafe.md": event}))
    _, loaded = prepare(site, NOW)
    assert len(loaded.location("mitte").closures) == 2
    assert loaded.events[0].recurrence.until.isoformat() == "2027-06-30"
