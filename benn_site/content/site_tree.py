"""The site directory stays inside itself: no file the build reads may lead out of it.

A pull request can add a symbolic link as easily as a page; a link in `content/`, `templates/`
or beside `site.yaml` that resolves to a file elsewhere on the machine that builds (a key, a
password file) would be read and published. So before anything is read, every link below the
site is resolved, and one that leads outside is refused; links between files of the site keep
working. The site directory itself may be reached through a link (`--site` names a link): what
counts as inside is where it resolves to.
"""

from __future__ import annotations

import os
from pathlib import Path

from benn_site.errors import ContentError, SiteError, relpath
from benn_site.messages import msg

READ = ("site.yaml", "content", "templates")  # what a build reads below the site directory


def outside_links(root: Path) -> list[SiteError]:
    """One problem per link below the site that resolves outside it (or nowhere). Entries are
    told apart by the folder listing's own file types, so the walk costs one listing a folder."""
    inside = root.resolve()
    problems: list[SiteError] = []

    def check(path: Path) -> bool:
        """Whether the link `path` stays inside; a problem when it does not."""
        target = path.resolve()
        if target == inside or inside in target.parents or not target.exists():
            return True  # a link to nothing is the loader's to report, with its own message
        problems.append(ContentError(
            relpath(path, root), None, msg("links to a file outside the site ({target})", target=target),
            hint=msg("copy the file into the site instead of linking to it")))
        return False

    seen: set[str] = set()  # folders walked, resolved: a link to a folder above cannot loop
    todo = []
    for name in READ:
        top = root / name
        if top.is_symlink() and not check(top):
            continue
        if top.is_dir():
            todo.append(str(top))
    while todo:
        folder = todo.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    if check(Path(entry.path)) and entry.is_dir():
                        todo.append(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
    return sorted(problems, key=lambda p: p.path)
