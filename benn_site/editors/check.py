"""`benn-site check`: everything `build` checks, plus every internal link and anchor, in every
language, without touching the output folder.

The site is built into a temporary folder by the same `build()` (so pages, feeds, static files
and whatever the build makes later are all there to link to), then every link in every HTML
file is followed inside that folder (links.py). The folder is removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benn_site.build import build
from benn_site.errors import BuildFailed
from benn_site.output.links import SiteLinks
from benn_site.rendering.routes import BUILT_IN


@dataclass(frozen=True)
class CheckReport:
    pages: int
    links: int
    warnings: list


def check_site(root: Path, now: dt.datetime, base_url: str | None = None, drafts: bool = False,
               strict: bool = False) -> CheckReport:
    """A CheckReport, or BuildFailed with every problem (the build's, then the links').
    The site is loaded and checked once, by the build; the links are checked against its routes."""
    with tempfile.TemporaryDirectory(prefix="benn-site-check-") as tmp:
        # cache=False: a throwaway folder must leave no fingerprints behind in root/.cache
        report = build(root, Path(tmp) / "site", now, base_url, drafts, strict, cache=False)
        owners = {route.output: ("" if route.source == BUILT_IN else route.source, route.template)
                  for route in report.routes.routes}
        links = SiteLinks(report.output, report.routes.site.config.base_url, owners, root)
        errors = links.check()
        count = links.checked
    if errors:
        raise BuildFailed(errors)
    return CheckReport(report.pages, count, report.warnings)
