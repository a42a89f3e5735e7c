"""The Jinja2 environment and the one call that renders a route.

StrictUndefined turns a misspelt variable into an error with the template's file and line,
autoescape is on for every template, and the per-language helpers (`_`, dates, `tx`) are passed
in each render's context rather than installed globally, so renders share no state.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from pathlib import Path

import jinja2
from babel.lists import format_list
from markupsafe import Markup, escape

from benn_site import store
from benn_site.errors import RenderError, relpath
from benn_site.messages import msg
from benn_site.rendering.i18n import babel_locale
from benn_site.texts import Localized, Text


def make_environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The site's environment; with `compiled`, Jinja keeps the compiled templates in that folder
    for the next process (keyed by each template's source, so an edit is never missed)."""
    cache = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(compiled))
        except OSError:
            pass
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=cache,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # a Builder keeps its environment between builds: an edited template is reloaded
    )
    env.filters["bdi"] = bdi
    env.filters["ltr"] = ltr
    return env


class Compiled:
    """The Jinja environment and the templates' dependency analysis, kept between the builds of
    one Builder: Jinja recompiles a template only when its file changed (auto_reload), and the
    analysis is keyed by the template's source, so a save does not recompile every template.
    With a `cache` folder both outlive the process (a third of a second of every CLI build):
    Jinja's own bytecode cache, keyed by each template's source, and the analysis in a `store` file."""

    def __init__(self, cache: Path | None = None, code: str = ""):
        self.parsed: dict = {}
        self._env = None
        self._folder = None
        self._cache, self._code = cache, code
        self._stored = 0
        if cache is not None:
            parsed = store.load(cache / "templates.pickle", code)
            if isinstance(parsed, dict):  # else missing, unreadable or of another version: analyse again
                self.parsed, self._stored = parsed, len(parsed)

    def environment(self, folder: Path):
        if self._env is None or self._folder != folder:
            compiled = self._cache / "jinja" if self._cache is not None else None
            self._env, self._folder = make_environment(folder, compiled), folder
        return self._env

    def save(self) -> None:
        """Keep the analysis for the next process, if it grew: the latest source of each template
        only, so a long preview of template edits does not pile up old versions."""
        if self._cache is None or len(self.parsed) == self._stored:
            return
        latest = {key[0]: (key, value) for key, value in self.parsed.items()}  # later entries are newer
        self.parsed = dict(latest.values())
        if store.save(self._cache / "templates.pickle", self.parsed, self._code):
            self._stored = len(self.parsed)


def script_json(data) -> Markup:
    """JSON for inside a `<script>` element (JSON-LD, data for a script): `<`, `>` and `&` as
    escapes, so no `</script>` or `<!--` can end or change the element, whatever the text."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def bdi(value) -> Markup:
    """Isolate a value whose direction differs from the page (names in RTL pages)."""
    return Markup("<bdi>") + escape(value) + Markup("</bdi>")


def ltr(value) -> Markup:
    """Phone numbers, times, addresses and URLs stay left-to-right inside RTL text."""
    return Markup('<span dir="ltr">') + escape(value) + Markup("</span>")


def list_text(items, lang: str, each=None) -> Markup:
    """'Deutsch, Arabisch und Farsi', 'الألمانية والعربية', 'آلمانی، عربی و فارسی': the list as
    CLDR writes it in `lang`. `each` turns an item (a tuple is spread) into its text first. Each
    item is escaped and isolated in <bdi>, so a time range or a Latin name keeps its own direction."""
    if each is not None:
        items = [each(*item) if isinstance(item, tuple) else each(item) for item in items]
    parts = [Markup("<bdi>") + escape(item) + Markup("</bdi>") for item in items]
    if not parts:
        return Markup("")
    joined = escape(format_list([f"\x00{i}\x00" for i in range(len(parts))], locale=babel_locale(lang)))
    return Markup(re.sub("\x00(\\d+)\x00", lambda m: str(parts[int(m.group(1))]), str(joined)))


def date_and_time(date, time, lang: str) -> Markup:
    """A date and a time joined by CLDR's pattern: '…2026, 17:00', '…2026، 5:00 م', '…۲۰۲۶، ساعت ۱۷:۰۰'."""
    pattern = str(babel_locale(lang).datetime_formats["full"])
    first, second = (date, time) if pattern.index("{1}") < pattern.index("{0}") else (time, date)
    before, middle, after = re.split(r"\{[01]\}", pattern)
    return escape(before) + escape(first) + escape(middle) + escape(second) + escape(after)


def localized_html(value: Localized | None, page_lang: str, directions: dict[str, str]) -> Markup:
    """A text in the reader's language, or the fallback text marked with its own lang and dir."""
    if value is None:
        return Markup("")
    if value.lang == page_lang:
        return escape(value.text)
    return Markup('<span lang="{0}" dir="{1}">{2}</span>').format(
        value.lang, directions.get(value.lang, "ltr"), value.text)


def text_helper(lang: str, directions: dict[str, str]):
    """`tx(Text)` in templates: the reader's text, or the marked fallback."""

    def tx(value):
        if value is None:
            return Markup("")
        if isinstance(value, Text):
            value = value.get(lang)
        if isinstance(value, Localized):
            return localized_html(value, lang, directions)
        return escape(value)

    return tx


def render_template(env: jinja2.Environment, name: str, context: dict, root: Path) -> str:
    """Render or raise RenderError naming the template file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        path = relpath(Path(exc.filename), root) if exc.filename else f"templates/{exc.name or name}"
        raise RenderError(path, exc.lineno, msg("template syntax error: {problem}", problem=exc.message),
                          hint=msg("check the {% %} and {{ }} tags on this line")) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise RenderError(f"templates/{name}", None, msg("template '{name}' not found", name=exc.name),
                              hint=msg("create templates/{name}: pages of this kind are made with it",
                                       name=exc.name)) from None
        path, line = _template_frame(root, name)
        raise RenderError(path, line, msg("template '{name}' not found", name=exc.name),
                          hint=msg("create templates/{name} or fix the name in this line", name=exc.name)) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(root, name)
        undefined = re.fullmatch(r"'([^']+)' is undefined", exc.message or "")
        problem = (msg("undefined template variable '{name}'", name=undefined.group(1)) if undefined else
                   msg("undefined template variable: {problem}", problem=exc.message))
        raise RenderError(path, line, problem,
                          hint=msg("check the spelling, or what this page passes to the template")) from None
    except RenderError:
        raise
    except Exception as exc:  # a filter or helper failed on real data: still name the template line
        path, line = _template_frame(root, name)
        raise RenderError(path, line, msg("{kind}: {problem}", kind=type(exc).__name__, problem=exc),
                          hint=msg("the template uses a value in a way the data does not allow")) from None


def _template_frame(root: Path, name: str) -> tuple[str, int | None]:
    """The innermost template frame of the exception being handled (Jinja2 rewrites tracebacks)."""
    tb = sys.exc_info()[2]
    found = (f"templates/{name}", None)
    for frame, line in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".svg")) and Path(filename).exists():
            found = (relpath(Path(filename), root), line)
    return found
