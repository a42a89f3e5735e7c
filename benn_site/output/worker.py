"""The service worker, `sw.js` at the site's base path (so that its scope is the whole site),
rendered after every page from the site's own `sw.js` template when it has one.

Its build id is what makes a reader's browser install it again and fetch their saved pages anew,
so it is a hash of the bytes of every residents' HTML page and static file, and nothing else (not
the editors' pages: a new translation report is no reason for a phone to refetch): a rebuild that
changes no page writes the same worker (double builds are byte-identical), and nobody on prepaid
data downloads their saved pages again for a build that changed nothing. The pages an incremental
build did not render again keep the digest the last build recorded for their unchanged file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from benn_site.output.writer import Output, stage_file
from benn_site.rendering.render import render_template
from benn_site.rendering.routes import Routes

WORKER = "sw.js"
CACHED_KINDS = ("home", "locations", "events")  # saved for each language a reader opens


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_id(pages: dict[str, str], static: Path, files: list[Path]) -> str:
    """A hash of every HTML page (output name → digest of its bytes) and every static file."""
    total = hashlib.sha256()
    for name in sorted(pages):
        total.update(f"{name}\0{pages[name]}\n".encode("utf-8"))
    for path in files:
        total.update(f"static/{path.relative_to(static).as_posix()}\0{digest(path.read_bytes())}\n".encode("utf-8"))
    return total.hexdigest()[:20]


def static_files(static: Path) -> list[Path]:
    """The files copied to static/ (as `Output.copy_tree` copies them)."""
    if not static.is_dir():
        return []
    return [p for p in sorted(static.rglob("*")) if p.is_file() and not p.name.startswith(".")]


def stage_worker(output: Output, env: jinja2.Environment, routes: Routes, pages: dict[str, str]) -> None:
    """Render and stage sw.js, if the site's templates have one."""
    config = routes.site.config
    if not (config.templates_dir / WORKER).is_file():
        return
    static = config.templates_dir / "static"
    files = static_files(static)
    context = {
        "build": build_id(pages, static, files),
        "scope": routes.base,
        "languages": list(config.codes),
        "offline": {code: routes.url("offline", code) for code in config.codes},
        "start": {code: [routes.url(kind, code) for kind in CACHED_KINDS] for code in config.codes},
        "assets": [routes.asset(f"static/{p.relative_to(static).as_posix()}") for p in files],
    }
    data = render_template(env, WORKER, context, config.root).encode("utf-8")
    output.claim(WORKER)
    output.record(WORKER, stage_file(output.target, output.staging, WORKER, data, output.fresh))
