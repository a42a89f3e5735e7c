"""The search index: one Pagefind bundle per language, run over the rendered HTML before the
output is committed.

Each language's pages (`<lang>/**/*.html`) get their own bundle in `pagefind/<lang>/`, and that
language's search page loads only it: a reader searching in Arabic downloads and searches Arabic
pages only, and an edit of a German page re-indexes German alone, leaving the other bundles' bytes
and mtimes as they were. Pages outside the language folders (the root chooser, 404, the editors'
pages) are never indexed. Templates mark what is worth finding with `data-pagefind-body` (the main
content of location, event and static pages); everything else, navigation included, stays out.

The index is part of the build and must be as reproducible as the pages: Pagefind 1.5 writes the
languages of `pagefind-entry.json` in a varying order, so that file is rewritten with sorted keys.
The UI bundles the portal does not load (the modular and component UIs, the highlighter) are removed.

Pagefind runs as its own binary (from the `pagefind_bin` package, found once per build rather than
through a Python start per language), one language after another: it uses every core itself, so
running languages side by side would only add their memory together.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .errors import RenderError
from .messages import msg

BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"
UNUSED = (
    "pagefind-component-ui.css", "pagefind-component-ui.js",
    "pagefind-modular-ui.css", "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)


def languages_to_index(target: Path, codes: tuple[str, ...], touched) -> list[str]:
    """The languages whose bundle must be made again: an HTML file below `<lang>/` is among
    `touched` (output names written or removed by this build), or the bundle is missing."""
    folders = {name.split("/", 1)[0] for name in touched if name.endswith(".html") and "/" in name}
    return [code for code in codes if code in folders or not (target / BUNDLE / code / ENTRY).is_file()]


def executable() -> str:
    """The Pagefind binary that the `pagefind[bin]` dependency installs."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable().resolve())
    except (ImportError, OSError) as exc:
        raise RenderError(f"{BUNDLE}/", None, msg("could not run Pagefind: {error}", error=exc),
                          hint=msg("install the site's dependencies: pip install -e .")) from None


def build_index(folder: Path, lang: str, bundle: Path, base_path: str = "/", program: str | None = None) -> list[str]:
    """Index the pages of `lang` under `folder` (`folder/<lang>/**/*.html`) into `bundle`; return the
    files written, relative to `folder` as if the bundle were `folder/pagefind/<lang>/`, in sorted
    order. A failure of Pagefind is a RenderError, never a traceback.

    `base_path` is where the site is published ('/' or '/sub/path/'): the bundle's scripts fall
    back to '/pagefind/' when not told where they are, so that default is moved to the bundle."""
    name = f"{BUNDLE}/{lang}"
    command = [program or executable(), "--site", str(folder), "--glob", f"{lang}/**/*.html",
               "--output-path", str(bundle), "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise RenderError(f"{name}/", None, msg("could not run Pagefind: {error}", error=exc),
                          hint=msg("install the site's dependencies: pip install -e .")) from None
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        detail = next((line for line in lines if line.startswith("Error")), lines[0] if lines else f"exit {done.returncode}")
        raise RenderError(f"{name}/", None, msg("Pagefind failed: {detail}", detail=detail),
                          hint=msg("run 'python -m pagefind --site OUTPUT' to see its full report"))
    for unused in UNUSED:
        (bundle / unused).unlink(missing_ok=True)
    normalise_entry(bundle / ENTRY)
    for script in sorted(bundle.glob("*.js")):
        text = script.read_text(encoding="utf-8")
        script.write_text(text.replace('"/pagefind/"', f'"{base_path}{name}/"'), encoding="utf-8")
    return sorted(f"{name}/{p.relative_to(bundle).as_posix()}" for p in bundle.rglob("*") if p.is_file())


def normalise_entry(path: Path) -> None:
    """Rewrite Pagefind's entry file with its keys sorted, so equal indexes give equal bytes."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
