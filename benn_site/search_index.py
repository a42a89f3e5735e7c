"""The search index: Pagefind, run over the rendered HTML before the output is committed.

Pagefind reads every page's `<html lang>` and writes one index per language, so a reader searching
in Arabic gets Arabic pages only. Templates mark what is worth finding with `data-pagefind-body`
(the main content of location, event and static pages); everything else, navigation included, stays
out of the index.

The index is part of the build and must be as reproducible as the pages: Pagefind 1.5 writes the
languages of `pagefind-entry.json` in a varying order, so that file is rewritten with sorted keys.
The UI bundles the portal does not load (the modular and component UIs, the highlighter) are removed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .errors import RenderError
from .messages import msg

BUNDLE = "pagefind"
UNUSED = (
    "pagefind-component-ui.css", "pagefind-component-ui.js",
    "pagefind-modular-ui.css", "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)


def build_index(folder: Path, base_path: str = "/", bundle: Path | None = None) -> list[str]:
    """Index the HTML under `folder` into `bundle` (default `folder/pagefind/`); return the files
    written, relative to `folder` (as if the bundle were `folder/pagefind/`), in sorted order. A
    failure of Pagefind is a RenderError, never a traceback.

    `base_path` is where the site is published ('/' or '/sub/path/'): the bundle's scripts fall
    back to '/pagefind/' when not told where they are, so under a sub-path that default is moved."""
    if bundle is None:
        bundle = folder / BUNDLE
        where = ["--output-subdir", BUNDLE]
    else:
        where = ["--output-path", str(bundle)]
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), *where, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise RenderError(f"{BUNDLE}/", None, msg("could not run Pagefind: {error}", error=exc),
                          hint=msg("install the site's dependencies: pip install -e .")) from None
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        detail = next((line for line in lines if line.startswith("Error")), lines[0] if lines else f"exit {done.returncode}")
        raise RenderError(f"{BUNDLE}/", None, msg("Pagefind failed: {detail}", detail=detail),
                          hint=msg("run 'python -m pagefind --site OUTPUT' to see its full report"))
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    normalise_entry(bundle / "pagefind-entry.json")
    if base_path != "/":
        for script in sorted(bundle.glob("*.js")):
            text = script.read_text(encoding="utf-8")
            script.write_text(text.replace('"/pagefind/"', f'"{base_path}{BUNDLE}/"'), encoding="utf-8")
    return sorted(f"{BUNDLE}/{p.relative_to(bundle).as_posix()}" for p in bundle.rglob("*") if p.is_file())


def normalise_entry(path: Path) -> None:
    """Rewrite Pagefind's entry file with its keys sorted, so equal indexes give equal bytes."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
