"""Messages for editors, in the language of their terminal.

Problem reports, command output and the editors' pages are written in English in the code and
translated through gettext catalogs shipped in the package (`benn_site/locale/<lang>.po`, the
English text is the msgid), read with Babel at run time. A message is built with
`msg("unknown location '{name}'", name=slug)`: it *is* the English string (so it compares,
joins and prints as before), and it remembers its template and values, so it can be rendered
again from the translated template. Values that are themselves messages are translated too.

`make messages` extracts every `msg(...)` template into `benn_site/locale/messages.pot`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class Message(str):
    """An English message that can be rendered again in another language."""

    template: str
    params: dict

    def __new__(cls, template: str, **params):
        text = template.format(**{k: str(v) for k, v in params.items()}) if params else template
        obj = super().__new__(cls, text)
        obj.template = template
        obj.params = params
        return obj

    def __reduce__(self):  # pickling (multiprocessing) keeps the template
        return (_rebuild, (self.template, self.params))

    def translate(self, catalog: "Catalog") -> str:
        template = catalog.get(self.template)
        if not self.params:
            return template
        values = {k: catalog.translate(v) if isinstance(v, Message) else str(v) for k, v in self.params.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the problem
            return self.template.format(**values)


def _rebuild(template, params):
    return Message(template, **params)


def msg(template: str, **params) -> Message:
    """Marks an editor-facing message for translation; `{name}` placeholders take `params`."""
    return Message(template, **params)


class Catalog:
    """English msgid → translated text for one language; unknown ids stay English."""

    def __init__(self, lang: str, messages: dict[str, str]):
        self.lang = lang
        self.messages = messages

    def get(self, msgid: str) -> str:
        return self.messages.get(msgid) or msgid

    def translate(self, text) -> str:
        if text is None:
            return ""
        if isinstance(text, Message):
            return text.translate(self)
        return self.get(str(text))


ENGLISH = Catalog("en", {})


@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> Catalog:
    """The shipped catalog of `lang` (read once per process), or English when there is none."""
    path = LOCALE_DIR / f"{lang}.po"
    if lang == "en" or not path.is_file():
        return ENGLISH
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    messages = {m.id: m.string for m in po if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    return Catalog(lang, messages)


def available() -> tuple[str, ...]:
    """Languages the messages are translated into (English is always there)."""
    return ("en",) + tuple(sorted(p.stem for p in LOCALE_DIR.glob("*.po")))


def editor_language(environ=os.environ) -> str:
    """The language of the editor's environment, as gettext reads it: 'de' for LANG=de_DE.UTF-8.

    Languages without a shipped catalog, and the C/POSIX locale, give English.
    """
    locale_name = ""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(key):
            locale_name = environ[key]
            break
    if locale_name.split(".")[0] not in ("", "C", "POSIX") and environ.get("LANGUAGE"):
        locale_name = environ["LANGUAGE"].split(":")[0]
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in available() else "en"


def editor_catalog(environ=os.environ) -> Catalog:
    return catalog(editor_language(environ))


def writing_elsewhere(pid: str, folder) -> Message:
    """What a build says before it waits for another process writing into its output folder."""
    return msg("Another benn-site (process {pid}) is writing into {folder}; waiting until it has finished.",
               pid=pid, folder=folder)


def problems_found(count: int, writes: bool = True) -> Message:
    """The last line of a failed build, or of a check (`writes=False`: it never writes)."""
    if not writes:
        return msg("Found 1 problem.") if count == 1 else msg("Found {count} problems.", count=count)
    if count == 1:
        return msg("Found 1 problem; nothing was written.")
    return msg("Found {count} problems; nothing was written.", count=count)
