"""Synthetic portals of any size, for benchmarks: one content, four generators' formats.

`generate(folder, size)` writes `size` Markdown documents (≈400 words each, with headings, lists,
links, emphasis) in six languages, and lays the same documents out for:

- `benn/`    this project's format: site.yaml, content/pages, content/locations (YAML + a text per
             language), content/events (front matter with recurrences + a translation per language),
             with the repository's own templates and interface catalogs;
- `hugo/`    Hugo: translations by file-name suffix, small layouts (head, language links, content);
- `pelican/` Pelican: every document a page with Title/Slug/Lang metadata, the default theme;
- `mkdocs/`  MkDocs: docs/<lang>/<section>/<slug>.md, the default theme and a short nav.

benn-site's site.yaml is the default one an editor starts from: no `footer:` list, so the build's
own bound on the footer is what keeps each page's size flat as the site grows.

Everything comes from one seeded random generator, so a size always gives the same bytes. Pages,
location texts and event descriptions all count as documents; the peers publish each as a page.
Run `python benchmarks/generate.py 10000 /tmp/site` to look at one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = 5  # bump when the output changes, so cached sites are made anew
LANGS = ("de", "en", "ar", "fa", "uk", "ru")
NAMES = {"de": "Deutsch", "en": "English", "ar": "العربية", "fa": "فارسی", "uk": "Українська", "ru": "Русский"}
RTL = {"ar", "fa"}
ALPHABETS = {
    "de": "abcdefghijklmnopqrstuvwxyzäöüß" + "eeeennnrrsstt",
    "en": "abcdefghijklmnopqrstuvwxyz" + "eeeettaaoinsh",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "اللمنوي",
    "fa": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی" + "اینرمد",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя" + "оааеинт",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "оееаинт",
}
DISTRICTS = ("Mitte", "Pankow", "Spandau", "Neukölln", "Lichtenberg", "Marzahn-Hellersdorf",
             "Treptow-Köpenick", "Reinickendorf", "Tempelhof-Schöneberg", "Steglitz-Zehlendorf",
             "Charlottenburg-Wilmersdorf", "Friedrichshain-Kreuzberg")
CATEGORIES = ("language-cafe", "neighbourhood-cafe", "counselling", "cooking", "children", "garden")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NOW = dt.datetime(2026, 11, 25, 10, 0)


@dataclass(frozen=True)
class Doc:
    """One Markdown document in one language; `section` is pages, locations or events."""

    section: str
    slug: str
    lang: str
    title: str
    body: str


class Words:
    """Pseudo-words in each language's script, from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.vocab = {lang: [self._word(lang) for _ in range(600)] for lang in LANGS}

    def _word(self, lang):
        letters = ALPHABETS[lang]
        return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 10)))

    def words(self, lang, n):
        return " ".join(self.rng.choice(self.vocab[lang]) for _ in range(n))

    def title(self, lang):
        text = self.words(lang, self.rng.randint(2, 5))
        return text[:1].upper() + text[1:]

    def sentence(self, lang):
        return self.title(lang) + " " + self.words(lang, self.rng.randint(6, 14)) + "."


def body(words: Words, lang: str, links: list[str]) -> str:
    """≈400 words: paragraphs with emphasis and links, two headings, a bullet and a numbered list."""
    rng = words.rng
    parts, count = [], 0

    def paragraph():
        nonlocal count
        sentences = [words.sentence(lang) for _ in range(rng.randint(3, 5))]
        if links:
            target = rng.choice(links)
            sentences[1] += f" [{words.title(lang)}]({target})."
        sentences[0] = f"**{sentences[0]}**"
        if len(sentences) > 2:
            sentences[2] = f"*{sentences[2]}*"
        text = " ".join(sentences)
        count += len(text.split())
        parts.append(text)

    paragraph()
    paragraph()
    for heading in ("## ", "### "):
        parts.append(heading + words.title(lang))
        paragraph()
        items = [f"- {words.sentence(lang)}" for _ in range(rng.randint(3, 5))]
        parts.append("\n".join(items))
        count += sum(len(i.split()) for i in items)
    parts.append("\n".join(f"{n}. {words.sentence(lang)}" for n in range(1, 4)))
    count += 30
    while count < 400:
        paragraph()
    parts.append(f"[{words.title(lang)}](https://www.berlin.de/) · `code-{rng.randint(1, 999)}`")
    return "\n\n".join(parts) + "\n"


def plan(size: int) -> tuple[int, int, int]:
    """(locations, events, page slugs) whose documents in all languages add up to about `size`."""
    per = len(LANGS)
    locations = max(4, size // 200)
    events = max(4, size * 2 // (10 * per))
    pages = max(1, (size - per * (locations + events)) // per)
    return locations, events, pages


def make_docs(size: int, seed: int = 7) -> tuple[list[Doc], list[dict], list[dict], Words]:
    """The documents, plus location and event records (the fields only benn-site reads)."""
    words = Words(seed)
    rng = words.rng
    n_loc, n_events, n_pages = plan(size)
    page_slugs = [f"page-{i:06d}" for i in range(n_pages)]
    docs: list[Doc] = []
    locations, events = [], []
    for i in range(n_loc):
        slug = f"location-{i:04d}"
        hours = {}
        for day in rng.sample(WEEKDAYS[:5], rng.randint(2, 4)):
            start = rng.randint(9, 13)
            hours[day] = [f"{start:02d}:00-{start + rng.randint(2, 4):02d}:00"]
        locations.append({
            "slug": slug, "district": rng.choice(DISTRICTS),
            "name": {lang: words.title(lang) for lang in LANGS},
            "address": {"street": f"{words.title('de')} {rng.randint(1, 120)}", "postcode": f"1{rng.randint(2000, 4999)}"},
            "coordinates": {"lat": round(52.4 + rng.random() * 0.2, 4), "lon": round(13.2 + rng.random() * 0.4, 4)},
            "phone": f"+49 30 {rng.randint(1000000, 9999999)}",
            "languages": rng.sample(LANGS, 3),
            "office_hours": hours,
            "closures": [{"from": "2026-12-23", "until": "2027-01-02",
                          "reason": {"de": "Weihnachtspause", "en": "Christmas break"}}],
        })
        for lang in LANGS:
            docs.append(Doc("locations", slug, lang, locations[-1]["name"][lang], body(words, lang, [])))
    for i in range(n_events):
        start = (NOW + dt.timedelta(days=rng.randint(-150, 120))).replace(hour=rng.randint(9, 18),
                                                                          minute=rng.choice((0, 30)))
        slug = f"{start:%Y-%m-%d}-event-{i:05d}"
        record = {
            "slug": slug, "title": {lang: words.title(lang) for lang in LANGS},
            "start": f"{start:%Y-%m-%d %H:%M}", "end": f"{start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}",
            "location": rng.choice(locations)["slug"], "category": rng.choice(CATEGORIES),
            "languages": rng.sample(LANGS, 2), "free": rng.random() < 0.7,
        }
        kind = rng.random()
        until = (start + dt.timedelta(days=rng.randint(30, 200))).date().isoformat()
        if kind < 0.2:
            record["recurrence"] = {"freq": "weekly", "until": until,
                                    "except": [(start + dt.timedelta(weeks=2)).date().isoformat()]}
        elif kind < 0.3:
            record["recurrence"] = {"freq": "weekly", "interval": 2, "until": until}
        elif kind < 0.4:
            nth = (start.day - 1) // 7 + 1
            record["recurrence"] = {"freq": "monthly", "weekday": WEEKDAYS[start.weekday()],
                                    "nth": -1 if nth == 5 else nth, "count": rng.randint(3, 8)}
        events.append(record)
        for lang in LANGS:
            docs.append(Doc("events", slug, lang, record["title"][lang], body(words, lang, [])))
    for slug in page_slugs:
        for lang in LANGS:
            links = [f"/{lang}/{rng.choice(page_slugs)}/" for _ in range(3)]
            docs.append(Doc("pages", slug, lang, words.title(lang), body(words, lang, links)))
    return docs, locations, events, words


def _yaml(value) -> str:
    """JSON is YAML: flow style, quoted, unambiguous."""
    return json.dumps(value, ensure_ascii=False)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_benn(folder: Path, docs, locations, events) -> None:
    site = [
        "title: " + _yaml({lang: f"Bench {NAMES[lang]}" for lang in LANGS}),
        "base_url: https://bench.example/",
        "timezone: Europe/Berlin",
        "default_language: de",
        "languages:",
        *(f"  - {{code: {lang}, name: {NAMES[lang]}, dir: {'rtl' if lang in RTL else 'ltr'}}}" for lang in LANGS),
        "navigation: [home, locations, events, page-000000]",
        "holidays: {country: DE, subdivision: BE}",
        "events_horizon_weeks: 8",
        "contact: {email: bench@bench.example}",
        "categories:",
        *(f"  {key}: {_yaml({lang: key.replace('-', ' ').title() for lang in LANGS})}" for key in CATEGORIES),
    ]
    _write(folder / "site.yaml", "\n".join(site) + "\n")
    content = folder / "content"
    for loc in locations:
        fields = {k: v for k, v in loc.items() if k != "slug"}
        _write(content / "locations" / f"{loc['slug']}.yaml",
               "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items()))
    by_event = {e["slug"]: e for e in events}
    for doc in docs:
        if doc.section == "pages":
            _write(content / "pages" / f"{doc.slug}.{doc.lang}.md",
                   f"---\ntitle: {_yaml(doc.title)}\ndescription: {_yaml(doc.title)}\n---\n{doc.body}")
        elif doc.section == "locations":
            _write(content / "locations" / f"{doc.slug}.{doc.lang}.md", doc.body)
        elif doc.lang == "de":
            record = by_event[doc.slug]
            fields = {k: v for k, v in record.items() if k != "slug"}
            front = "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items())
            _write(content / "events" / f"{doc.slug}.md", f"---\n{front}---\n{doc.body}")
        else:
            _write(content / "events" / f"{doc.slug}.{doc.lang}.md", f"---\ntitle: {_yaml(doc.title)}\n---\n{doc.body}")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (content / "ui").mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        shutil.copyfile(ROOT / "content" / "ui" / f"{lang}.po", content / "ui" / f"{lang}.po")


HUGO_BASEOF = """<!doctype html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>No cookies.</p></footer>
</body></html>
"""
HUGO_PAGE = '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ end }}\n'
HUGO_LIST = ('{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range first 50 .Pages }}'
             '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n{{ end }}\n')


def write_hugo(folder: Path, docs) -> None:
    langs = "\n".join(
        f"[languages.{lang}]\nlanguageName = {json.dumps(NAMES[lang], ensure_ascii=False)}\n"
        f"languageDirection = \"{'rtl' if lang in RTL else 'ltr'}\"\nweight = {i + 1}\n"
        f"title = \"Bench {NAMES[lang]}\"\n"
        for i, lang in enumerate(LANGS))
    _write(folder / "hugo.toml", "baseURL = 'https://bench.example/'\ndefaultContentLanguage = 'de'\n"
           "defaultContentLanguageInSubdir = true\ndisableKinds = ['taxonomy', 'term']\n"
           "enableRobotsTXT = true\n\n" + langs)
    _write(folder / "layouts" / "baseof.html", HUGO_BASEOF)
    _write(folder / "layouts" / "page.html", HUGO_PAGE)
    _write(folder / "layouts" / "list.html", HUGO_LIST)
    for doc in docs:
        _write(folder / "content" / doc.section / f"{doc.slug}.{doc.lang}.md",
               f"---\ntitle: {_yaml(doc.title)}\n---\n{doc.body}")


def write_pelican(folder: Path, docs) -> None:
    _write(folder / "pelicanconf.py", "\n".join([
        "SITENAME = 'Bench'", "SITEURL = ''", "PATH = 'content'", "PAGE_PATHS = ['pages']",
        "ARTICLE_PATHS = []", "DEFAULT_LANG = 'de'", "TIMEZONE = 'Europe/Berlin'",
        "DISPLAY_PAGES_ON_MENU = False",  # the default theme's menu would list all 10,000 pages on each
        "FEED_ALL_ATOM = None", "CATEGORY_FEED_ATOM = None", "TRANSLATION_FEED_ATOM = None",
        "AUTHOR_FEED_ATOM = None", "AUTHOR_FEED_RSS = None", "DEFAULT_PAGINATION = False",
        "PAGE_URL = '{slug}/'", "PAGE_SAVE_AS = '{slug}/index.html'",
        "PAGE_LANG_URL = '{lang}/{slug}/'", "PAGE_LANG_SAVE_AS = '{lang}/{slug}/index.html'",
        "MARKDOWN = {'extension_configs': {'markdown.extensions.extra': {}, 'markdown.extensions.toc': {}}, "
        "'output_format': 'html5'}",
    ]) + "\n")
    for doc in docs:
        _write(folder / "content" / "pages" / f"{doc.section}-{doc.slug}.{doc.lang}.md",
               f"Title: {doc.title}\nSlug: {doc.section}-{doc.slug}\nLang: {doc.lang}\n\n{doc.body}")


def write_mkdocs(folder: Path, docs) -> None:
    # A short nav: the default theme renders the whole nav into every page, which with 10,000
    # entries would measure the nav, not the pages. Pages outside the nav are built all the same.
    nav = "\n".join(f"  - {NAMES[lang]}: {lang}/index.md" for lang in LANGS)
    _write(folder / "mkdocs.yml", f"site_name: Bench\nsite_url: https://bench.example/\ndocs_dir: docs\n"
           f"nav:\n{nav}\n")
    for lang in LANGS:
        _write(folder / "docs" / lang / "index.md", f"# {NAMES[lang]}\n")
    for doc in docs:
        _write(folder / "docs" / doc.lang / doc.section / f"{doc.slug}.md",
               f"---\ntitle: {_yaml(doc.title)}\n---\n{doc.body}")


def generate(folder: Path, size: int, seed: int = 7) -> Path:
    """Write the four trees under `folder` (made anew) and return it."""
    if folder.exists():
        shutil.rmtree(folder)
    docs, locations, events, _ = make_docs(size, seed)
    write_benn(folder / "benn", docs, locations, events)
    write_hugo(folder / "hugo", docs)
    write_pelican(folder / "pelican", docs)
    write_mkdocs(folder / "mkdocs", docs)
    (folder / "stamp.json").write_text(json.dumps({"version": VERSION, "size": size, "seed": seed,
                                                   "documents": len(docs)}))
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of Markdown documents, e.g. 10000")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.folder, args.size, args.seed)
    print(json.loads((args.folder / "stamp.json").read_text()))


if __name__ == "__main__":
    main()
