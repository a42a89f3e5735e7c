"""The forge's web editor: the one rule that turns `edit_url` (site.yaml) into the address that
edits a file of the site and the address that opens a new, pre-filled file.

Editors change content in GitHub's or GitLab's web editor, so the editors' page and the preview
link there. Both forges put the branch after a fixed word in the path, and both open a new file
from the same path with the word changed; only the names of the query parameters differ:

- GitHub: https://github.com/ORG/REPO/edit/BRANCH/PATH, new: …/new/BRANCH/DIR?filename=…&value=…
- GitLab: https://gitlab.com/GROUP/PROJECT/-/edit/BRANCH/PATH, new: …/-/new/BRANCH/DIR?file_name=…&content=…

`edit_url` names the site directory in the forge (…/edit/main/ when site.yaml is at the top of
the repository, …/edit/main/portal/ when it is in the folder portal/), so a site's own paths
(content/events/…) are appended as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from benn_site.messages import Message, msg

# (edit word, new word, file-name parameter, text parameter) per forge
GITHUB = ("/edit/", "/new/", "filename", "value")
GITLAB = ("/-/edit/", "/-/new/", "file_name", "content")
_GITHUB_PATH = re.compile(r"^/[^/]+/[^/]+/edit/[^/]")  # /ORG/REPO/edit/BRANCH…
_GITLAB_PATH = re.compile(r"^/.+?/-/edit/[^/]")  # /GROUP[/SUBGROUP…]/PROJECT/-/edit/BRANCH…
_PATHS = {GITHUB: _GITHUB_PATH, GITLAB: _GITLAB_PATH}


@dataclass(frozen=True)
class Forge:
    """The web editor of a site directory, from its `edit_url`."""

    edit_url: str  # ends with '/'
    kind: tuple[str, str, str, str]

    @property
    def new_url(self) -> str:
        """`edit_url` with the forge's word for a new file in place of its word for editing."""
        edit, new = self.kind[0], self.kind[1]
        parts = urlsplit(self.edit_url)
        at = _PATHS[self.kind].match(parts.path).end() - 1 - len(edit)  # where forge_of() found the word
        return urlunsplit(parts._replace(path=parts.path[:at] + new + parts.path[at + len(edit):]))

    def edit(self, path: str) -> str:
        """The address that opens the site's file `path` (content/pages/about.de.md) for editing."""
        return self.edit_url + quote(path)

    def new(self, folder: str, name: str, text: str) -> str:
        """The address that opens a new file `name` in the site's `folder`, filled with `text`."""
        query = urlencode({self.kind[2]: name, self.kind[3]: text}, quote_via=quote)
        return f"{self.new_url}{quote(folder.strip('/'))}?{query}"


def forge_of(edit_url: str) -> Forge | tuple[Message, Message]:
    """The Forge of an `edit_url`, or (what is wrong, what to do) when it is neither forge's form."""
    parts = urlsplit(edit_url)
    example = msg("copy it from the forge: open a file there, click the pencil, and keep the address up to "
                  "the branch, e.g. https://github.com/org/benn-portal/edit/main/ or "
                  "https://gitlab.com/org/benn-portal/-/edit/main/")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return msg("'{url}' is not a web address", url=edit_url), example
    url = edit_url if edit_url.endswith("/") else edit_url + "/"
    if _GITLAB_PATH.match(parts.path):
        return Forge(url, GITLAB)
    if _GITHUB_PATH.match(parts.path):
        return Forge(url, GITHUB)
    return msg("'{url}' is not the address of GitHub's or GitLab's web editor", url=edit_url), example
