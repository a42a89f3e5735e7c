"""`build()`: the only orchestrator. Load and check everything, render everything, then write.

config → load → validate → routes → render → write. Nothing is written before every page has
rendered, and the output folder is replaced in one step at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import diagnostics, feeds, sitemap
from .config import Config, load_config
from .errors import BuildFailed, ContentError, RenderError, SiteError
from .i18n import Translator
from .links import broken_link
from .loader import load_partial
from .markup import Markup
from .model import Site
from .render import make_environment, render_template
from .routes import Routes
from .search_index import build_index
from .validate import validate_site
from .views import Views
from .writer import Output


@dataclass
class BuildReport:
    pages: int
    files: int
    seconds: float
    output: Path
    missing_strings: set = field(default_factory=set)
    warnings: list = field(default_factory=list)  # diagnostics.SiteWarning, printed after the build


def resolve_now(now: str | None, environ=os.environ) -> dt.datetime:
    """The build instant: --now, else SOURCE_DATE_EPOCH, else the clock; always aware."""
    if now:
        moment = dt.datetime.fromisoformat(now)
        if moment.tzinfo is None:
            raise ValueError(f"--now {now!r} needs an offset, e.g. 2026-11-25T08:00:00+01:00")
        return moment
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def prepare(root: Path, now: dt.datetime, base_url: str | None = None, drafts: bool = False) -> tuple[Config, Site]:
    """Config, loaded and cross-checked site, or BuildFailed with every problem."""
    config = load_config(root, base_url)
    site, errors, unloaded = load_partial(config, now, drafts)
    errors = errors + validate_site(site, unloaded)
    if errors:
        raise BuildFailed(errors)
    return config, site


def render_site(site: Site) -> tuple[dict[str, str], Translator]:
    """Every HTML page as text, keyed by output file; BuildFailed on any problem."""
    config = site.config
    routes = Routes(site)
    if routes.errors:
        raise BuildFailed(routes.errors)
    translator = Translator(site)
    views = Views(site, routes, translator, Markup())
    env = make_environment(config.templates_dir)
    pages: dict[str, str] = {}
    errors: dict[str, SiteError] = {}
    for route in routes.routes:
        try:
            pages[route.output] = render_template(env, route.template, views.context(route), config.root)
        except (RenderError, ContentError) as exc:
            errors.setdefault(str(exc), exc)
    for source, target in sorted(set(views.link_errors)):
        errors.setdefault(source + target, broken_link(config.root, source, target))
    if errors:
        raise BuildFailed(list(errors.values()))
    return pages, translator


def machine_files(site: Site, translator: Translator) -> dict[str, bytes]:
    """Calendars, Atom feeds, sitemap.xml and robots.txt, keyed by output file."""
    routes = Routes(site)
    files = feeds.calendar_files(site, routes, translator)
    files.update(feeds.atom_files(site, routes, translator))
    files.update(sitemap.files(site, routes))
    return files


def build(root: Path, out: Path | None = None, now: dt.datetime | None = None,
          base_url: str | None = None, drafts: bool = False, strict: bool = False) -> BuildReport:
    """Build the site into `out`; with `strict`, warnings (missing translations) fail it too."""
    started = time.perf_counter()
    now = now or resolve_now(None)
    config, site = prepare(root, now, base_url, drafts)
    pages, translator = render_site(site)
    machine = machine_files(site, translator)
    warnings = diagnostics.warnings(site, translator.missing)
    if strict and warnings:
        raise BuildFailed(warnings)
    output = Output(out or root / "output", protect=root)
    try:
        for name in sorted(pages):
            output.write(name, pages[name])
        for name in sorted(machine):
            output.write(name, machine[name])
        output.copy_tree(config.templates_dir / "static", "static")
        output.written.update(build_index(output.staging, config.base_path))  # the search index reads the staged HTML
    except RenderError as exc:
        output.discard()
        raise BuildFailed([exc]) from None
    except BaseException:
        output.discard()
        raise
    output.commit()
    return BuildReport(len(pages), len(output.written), time.perf_counter() - started, output.target,
                       translator.missing, warnings)
