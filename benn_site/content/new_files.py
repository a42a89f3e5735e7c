"""The text of a new file, one rule for every place that makes one: `benn-site new` writes it, and
the editors' page hands the same text of a new event to the forge's web editor (`edit_url`).

The files come from `scaffold/` (one per kind and language of the notes, German and English;
other languages get the English notes) and start as drafts, so the site builds right after and
only the preview shows them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from string import Template

from benn_site.config import Config

SCAFFOLDS = Path(__file__).resolve().parent / "scaffold"


def quote(text: str | None) -> str:
    """A YAML value that stays the same text whatever it contains (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False) if text else ""


def scaffold(name: str, notes: str) -> Template:
    path = SCAFFOLDS / f"{name}.{notes}.{'yaml' if name == 'location' else 'md'}"
    if not path.is_file():
        path = SCAFFOLDS / f"{name}.en.{'yaml' if name == 'location' else 'md'}"
    return Template(path.read_text(encoding="utf-8"))


def event_file(config: Config, name: str, day: dt.date, notes: str, locations: list[str]) -> tuple[str, str]:
    """(file name, text) of a new event `name` (without its date) on `day`, in content/events/:
    from 14:00 to 16:00, the site's locations and categories listed for the editor to choose."""
    text = scaffold("event", notes).substitute(
        title=quote(name.replace("-", " ").capitalize()), start=f"{day.isoformat()} 14:00",
        end=f"{day.isoformat()} 16:00", locations=", ".join(locations),
        categories=", ".join(key for key, _ in config.categories) or "–")
    return f"{day.isoformat()}-{name}.md", text
