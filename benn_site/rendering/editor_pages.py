"""Pages for editors, not readers: the preview's error page, and the translation status page.

They belong to the generator, not to a site's templates, so every site has them and a broken
template cannot break the page that reports it. They are self-contained (inline style, no
script, no request elsewhere), in the editor's language, and escaped throughout.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from benn_site.errors import SiteError
from benn_site.messages import Catalog, msg

STYLE = """
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.6rem;margin:.5rem 0}
.lead{font-size:1.1rem}
.problem{border:2px solid #b00020;border-radius:.5rem;padding:1rem;margin:1.25rem 0;background:#fff8f8}
.problem h2{font-size:1.15rem;margin:0 0 .5rem;overflow-wrap:anywhere}
.problem dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
.problem dt{font-weight:700}
.problem dd{margin:0}
.todo{background:#e8f5e9;border-inline-start:4px solid #1b5e20;padding:.25rem .5rem}
pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;margin:.75rem 0 0;font-size:.95rem}
pre span{display:block;white-space:pre-wrap;overflow-wrap:anywhere;padding-inline-start:6ch;text-indent:-6ch}
pre .here{background:#ffe0e0;font-weight:700}
@media (max-width:40rem){.problem dl{grid-template-columns:1fr}.problem dd{margin-bottom:.5rem}}
code{font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:start;vertical-align:top}
th{background:#f0f0f0}
.missing{color:#8a0000}.outdated{color:#7a4a00}.ok{color:#1b5e20}
td code,td a{overflow-wrap:anywhere}
caption{text-align:start;font-weight:700}
@media (max-width:40rem){
main{padding:.75rem}
.counts,.counts tbody,.counts tr{display:block}.counts thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.counts tr{display:flex;flex-wrap:wrap;gap:0 .75rem;border:1px solid #bbb;margin:0 0 .5rem;padding:.25rem .5rem}
.counts th,.counts td{border:0;padding:0}.counts th[scope=row]{flex-basis:100%}.counts td::before{content:attr(data-label);margin-inline-end:.3rem}
.counts caption{display:block}
.items,.items tbody,.items tr,.items td{display:block}
.items thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.items tr{border:1px solid #bbb;margin:0 0 .5rem;padding:.25rem 0}.items td{border:0}}
"""

ERROR_PAGE = """<!doctype html>
<html lang="{{ lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ t(title) }}</title>
<style>{{ style }}</style>
</head>
<body>
<main>
<h1>{{ t(title) }}</h1>
<p class="lead">{{ t(lead) }}</p>
{% for p in problems %}
<section class="problem" aria-labelledby="problem-{{ loop.index }}">
<h2 id="problem-{{ loop.index }}"><code>{{ p.path }}</code>{% if p.line %}, {{ t(line_label) }} {{ p.line }}{% endif %}</h2>
<dl>
{% if p.field %}<dt>{{ t(field_label) }}</dt><dd><code>{{ p.field }}</code></dd>{% endif %}
<dt>{{ t(wrong_label) }}</dt><dd>{{ sentence(t(p.message)) }}</dd>
{% if p.hint %}<dt>{{ t(todo_label) }}</dt><dd class="todo">{{ sentence(t(p.hint)) }}</dd>{% endif %}
</dl>
{% if p.excerpt %}<pre aria-label="{{ t(excerpt_label) }}"><code>{% for number, text in p.excerpt %}<span{% if number == p.line %} class="here"{% endif %}>{{ "%4d" % number }}  {{ text }}</span>{% endfor %}</code></pre>{% endif %}
</section>
{% endfor %}
<p>{{ t(footer) }}</p>
</main>
</body>
</html>
"""


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def excerpt(root: Path, path: str, line: int | None, around: int = 2) -> list[tuple[int, str]]:
    """The lines around `line` of a site file, for showing where the problem is."""
    if not line:
        return []
    try:
        lines = (root / path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []
    first = max(1, line - around)
    return [(n, lines[n - 1]) for n in range(first, min(len(lines), line + around) + 1)]


def _sentence(text: str) -> str:
    """A message as a sentence of its own: 'check the day' → 'Check the day'."""
    return text[:1].upper() + text[1:] if text else text


def error_page(errors: list[SiteError], root: Path, catalog: Catalog) -> str:
    """The page every preview URL shows while the site has problems."""
    problems = [{"path": e.path, "line": e.line, "field": e.field, "message": e.message, "hint": e.hint,
                 "excerpt": excerpt(root, e.path, e.line)} for e in errors]
    count = len(errors)
    title = (msg("The site has 1 problem") if count == 1 else
             msg("The site has {count} problems", count=count))
    return _environment().from_string(ERROR_PAGE).render(
        lang=catalog.lang, style=STYLE, t=catalog.translate, sentence=_sentence, problems=problems, title=title,
        lead=msg("Fix each problem in the file named and save it: this page reloads by itself and then shows "
                 "your change. While a problem is left, the published site cannot be updated either."),
        line_label=msg("line"), field_label=msg("Field"), wrong_label=msg("What is wrong"),
        todo_label=msg("What to do"), excerpt_label=msg("The lines around it"),
        footer=msg("The editors' guide (docs/editors-guide.en.md) explains every kind of message."))



# The start of both pages built for editors (not the preview's error page, which has no site title).
BUILT_PAGE_HEAD = """<!doctype html>
<html lang="{{ lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'">
<title>{{ t(title) }} – {{ site_title }}</title>
<style>{{ style }}</style>
</head>
<body data-pagefind-ignore="all">
<main>
<h1>{{ t(title) }}</h1>
<p class="lead">{{ t(lead) }}</p>
"""

TRANSLATIONS_PAGE = BUILT_PAGE_HEAD + """<table class="counts">
<caption>{{ t(summary) }}</caption>
<thead><tr><th scope="col">{{ t(language_label) }}</th>{% for status in statuses %}<th scope="col">{{ t(labels[status]) }}</th>{% endfor %}<th scope="col">{{ t(current_label) }}</th></tr></thead>
<tbody>
{% for lang in report.languages %}
<tr><th scope="row"><a href="#{{ lang }}">{{ lang }}</a> <span lang="{{ lang }}">{{ names.get(lang, "") }}</span></th>{% for status in statuses %}<td data-label="{{ t(labels[status]) }}:">{{ report.count(lang, status) }}</td>{% endfor %}<td data-label="{{ t(current_label) }}:">{{ report.complete.get(lang, 0) }}</td></tr>
{% endfor %}
</tbody>
</table>
{% for lang in report.languages %}
<section aria-labelledby="{{ lang }}">
<h2 id="{{ lang }}">{{ lang }} <span lang="{{ lang }}">{{ names.get(lang, "") }}</span></h2>
{% set items = report.for_language(lang) %}
{% if items %}
<table class="items">
<thead><tr><th scope="col">{{ t(state_label) }}</th><th scope="col">{{ t(file_label) }}</th><th scope="col">{{ t(todo_label) }}</th></tr></thead>
<tbody>
{% for e in items %}
<tr><td class="{{ e.status }}">{{ t(labels[e.status]) }}</td><td><code>{{ e.path }}</code></td><td>{{ t(e.what) }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p class="ok">{{ t(done) }}</p>
{% endif %}
</section>
{% endfor %}
</main>
</body>
</html>
"""


def translations_page(result, catalog: Catalog, names: dict[str, str], site_title: str) -> str:
    """The editors' page of `translations.report()`: not linked, not in the sitemap, not indexed."""
    from benn_site.rendering.translations import STATUS_LABELS, STATUSES

    return _environment().from_string(TRANSLATIONS_PAGE).render(
        lang=catalog.lang, style=STYLE, t=catalog.translate, report=result, names=names, site_title=site_title,
        statuses=STATUSES, labels=STATUS_LABELS,
        title=msg("Translation status"),
        lead=msg("For editors: what is not translated yet, or older than the default language's text. "
                 "Readers meanwhile see the default language's text with a notice. "
                 "'benn-site translations' prints the same list."),
        summary=msg("Open translation work per language"), language_label=msg("Language"),
        current_label=msg("up to date"), state_label=msg("State"), file_label=msg("File"),
        todo_label=msg("What to do"), done=msg("Every translation is complete and up to date."))


FORGE_PAGE = BUILT_PAGE_HEAD + """<p><a class="new" href="{{ new_event }}">{{ t(new_event_label) }}</a> {{ t(new_event_hint) }}</p>
<p><a href="{{ translations }}">{{ t(translations_label) }}</a></p>
{% for kind, heading in sections %}
<section aria-labelledby="{{ kind }}">
<h2 id="{{ kind }}">{{ t(heading) }}</h2>
<table class="items">
<thead><tr><th scope="col">{{ t(title_label) }}</th><th scope="col">{{ t(files_label) }}</th></tr></thead>
<tbody>
{% for row in rows[kind] %}
<tr><td>{% if row.url %}<a href="{{ row.url }}">{{ row.title }}</a>{% else %}{{ row.title }}{% endif %}</td><td>{% for path in row.files %}<a href="{{ forge.edit(path) }}">{{ t(edit_label) }}: <code>{{ path }}</code></a>{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}
</tbody>
</table>
</section>
{% endfor %}
</main>
</body>
</html>
"""


def forge_page(catalog: Catalog, site_title: str, forge, rows: dict, new_event: str, translations: str) -> str:
    """The editors' page of `forge_page.page()`: not linked, not in the sitemap, not indexed."""
    return _environment().from_string(FORGE_PAGE).render(
        lang=catalog.lang, style=STYLE, t=catalog.translate, site_title=site_title, forge=forge, rows=rows,
        new_event=new_event, translations=translations,
        sections=[("pages", msg("Pages")), ("locations", msg("Locations")), ("events", msg("Events"))],
        title=msg("Edit the site"),
        lead=msg("For editors: each link opens the file in the forge's web editor. Change it there and save "
                 "it as a new branch with a pull request (GitHub) or merge request (GitLab): the check then "
                 "lists what your change adds, changes and removes on the site, and the site is published "
                 "when it is merged."),
        new_event_label=msg("New event"),
        new_event_hint=msg("opens a new file in content/events/, filled in as 'benn-site new event' fills it: "
                           "a draft a week from today; change the date in its name and in 'start', fill in "
                           "the fields, and delete the line 'draft: true' to publish it."),
        translations_label=msg("Translation status"), title_label=msg("Title"), files_label=msg("Files"),
        edit_label=msg("edit"))
