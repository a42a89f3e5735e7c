"""The command line: a thin layer that turns arguments into calls and SiteErrors into exit code 1."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from benn_site.errors import BuildFailed
from benn_site.messages import editor_catalog, msg, problems_found, writing_elsewhere

# click's own words (usage, sections, its usage errors), in the editor's language: click looks
# them up through gettext's `_`, which finds no catalog of ours; these do.
CLICK_TEXTS = (
    msg("Usage:"), msg("Options"), msg("Commands"), msg("Show this message and exit."),
    msg("Show the version and exit."), msg("Error: {message}"), msg("Try '{command} {option}' for help."),
    msg("Invalid value for {param_hint}: {message}"), msg("Missing argument"), msg("Missing option"),
    msg("No such option {name!r}."), msg("No such command {name!r}."), msg("default: {default}"),
    msg("{value!r} is not {choice}."), msg("{value!r} is not one of {choices}."),
    msg("{value!r} is not a valid {number_type}."), msg("{value} is not in the range {range}."),
    msg("Missing command."), msg("Aborted!"), msg("required"),
)


def _words() -> None:
    """Let click say its own texts in the editor's language (English needs nothing)."""
    catalog = editor_catalog()
    if catalog.lang == "en":
        return
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.types

    known = {str(text) for text in CLICK_TEXTS}

    def gettext(text):
        return catalog.get(text) if text in known else text

    def ngettext(singular, plural, n):
        return gettext(singular if n == 1 else plural)

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.types):
        module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


_words()


def _h(text) -> str:
    """A help text in the editor's language: click takes help when a command is defined."""
    return editor_catalog().translate(text)


@click.group(help=_h(msg("Build multilingual neighbourhood portals from Markdown and YAML.")))
@click.version_option(package_name="benn-site", help=_h(msg("Show the version and exit.")))
@click.help_option(help=_h(msg("Show this message and exit.")))
def main():
    pass


def run() -> None:
    """The program (`benn-site`, `python -m benn_site`): `main`, then an exit without the
    interpreter's teardown, which frees a large build's model object by object for nothing (a
    third of a second at 10,000 pages). Every file is closed by then; only the standard streams
    hold buffered text. Tests call `main` itself."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, or a closed stream
            code = code or 1
    os._exit(code or 0)


class Progress:
    """click's progress bar for builds that take longer than a second, on a terminal only."""

    def __init__(self, delay: float = 1.0):
        self.started = time.monotonic()
        self.delay = delay
        self.done = 0
        self.bar = None

    def __call__(self, step: int, total: int) -> None:
        self.done += step
        if self.bar is None:
            if time.monotonic() - self.started < self.delay or not sys.stdout.isatty():
                return
            self.bar = click.progressbar(length=total, label=editor_catalog().translate(msg("Rendering")))
            self.bar.__enter__()
            step = self.done
        self.bar.update(step)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


# Shared by the commands that report problems (build, check): how to print them, and whether
# warnings (missing translations) count as errors.
format_option = click.option(
    "--format", "fmt", type=click.Choice(["plain", "github"]), default="plain", show_default=True,
    help=_h(msg("How to print problems: plain 'path:line: message', or GitHub Actions annotations.")))
strict_option = click.option("--strict", is_flag=True,
                             help=_h(msg("Treat warnings (missing translations) as errors.")))


def _report_failure(exc: BuildFailed, fmt: str = "plain", site_dir: Path | None = None, writes: bool = True) -> None:
    from benn_site.diagnostics import format_problem

    catalog = editor_catalog()  # the editor's language (LANG)
    for error in exc.errors:
        click.echo(format_problem(error, fmt, "error", site_dir, error.text(catalog)), err=True)
    click.echo(catalog.translate(problems_found(len(exc.errors), writes)), err=True)
    raise SystemExit(1)


def _waiting_for(pid: str, out: Path) -> None:
    click.echo(editor_catalog().translate(writing_elsewhere(pid, out)), err=True)


def _report_warnings(warnings, fmt: str, site_dir: Path) -> None:
    from benn_site.diagnostics import format_problem

    catalog = editor_catalog()
    word = catalog.translate(msg("warning"))
    for warning in warnings:
        click.echo(format_problem(warning, fmt, "warning", site_dir, warning.text(catalog), word), err=True)


@main.command(help=_h(msg("Build the site into the output folder.")))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=_h(msg("Output folder (default: SITE/output).")))
@click.option("--now", default=None, help=_h(msg("Build instant, ISO 8601 with offset (default: SOURCE_DATE_EPOCH or now).")))
@click.option("--base-url", default=None, help=_h(msg("Override site.yaml's base_url, e.g. for a sub-path.")))
@click.option("--drafts", is_flag=True, help=_h(msg("Include drafts.")))
@format_option
@strict_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help=_h(msg("Processes that render pages (default: one per core).")))
@click.option("--no-cache", is_flag=True, help=_h(msg("Neither read nor keep converted Markdown in SITE/.cache/.")))
@click.option("--timings", is_flag=True, help=_h(msg("Then print the wall and CPU time of each stage of the build.")))
def build(site_dir: Path, out: Path | None, now: str | None, base_url: str | None, drafts: bool,
          fmt: str, strict: bool, jobs: int | None, no_cache: bool, timings: bool):
    from benn_site.collector import keeping

    with keeping():  # the imports make objects that all live on: collections would only scan them
        from benn_site.build import build as run_build
        from benn_site.build import resolve_now

    try:
        moment = resolve_now(now)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--now") from None
    try:
        with Progress() as progress:
            report = run_build(site_dir, out, moment, base_url, drafts, strict, jobs=jobs, progress=progress,
                               cache=not no_cache, waiting=lambda pid: _waiting_for(pid, out or site_dir / "output"))
    except BuildFailed as exc:
        _report_failure(exc, fmt, site_dir)
    _report_warnings(report.warnings, fmt, site_dir)
    click.echo(editor_catalog().translate(msg(
        "Built {pages} pages ({files} files: {rendered} rendered, {changed} written, {removed} removed) in "
        "{seconds} s into {output}", pages=report.pages, files=report.files, rendered=report.rendered,
        changed=report.changed, removed=report.removed, seconds=f"{report.seconds:.2f}", output=report.output)))
    if timings:
        from benn_site.timings import table

        click.echo(table(report.stages))


def _moment(now: str | None):
    from benn_site.build import resolve_now

    try:
        return resolve_now(now)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--now") from None


@main.command(help=_h(msg("Check everything the build checks, plus every internal link and anchor; writes no output.")))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--now", default=None, help=_h(msg("Build instant, ISO 8601 with offset (default: SOURCE_DATE_EPOCH or now).")))
@click.option("--base-url", default=None, help=_h(msg("Override site.yaml's base_url, e.g. for a sub-path.")))
@click.option("--drafts", is_flag=True, help=_h(msg("Check drafts too.")))
@format_option
@strict_option
def check(site_dir: Path, now: str | None, base_url: str | None, drafts: bool, fmt: str, strict: bool):
    from benn_site.editors.check import check_site

    catalog = editor_catalog()
    try:
        report = check_site(site_dir, _moment(now), base_url, drafts, strict)
    except BuildFailed as exc:
        _report_failure(exc, fmt, site_dir, writes=False)
    _report_warnings(report.warnings, fmt, site_dir)
    click.echo(catalog.translate(msg("No problems: {pages} pages and {links} links checked, in every language.",
                                     pages=report.pages, links=report.links)))


@main.command(help=_h(msg("Preview the site with drafts: rebuild on every save and reload the browser.")))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=_h(msg("Address to listen on; only this computer can see the preview unless told otherwise.")))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help=_h(msg("Port to listen on; 0 picks a free one.")))
@click.option("--now", default=None, help=_h(msg("Build instant, ISO 8601 with offset (default: the clock, at each rebuild).")))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=_h(msg("Build the preview into this folder and keep it (default: a temporary folder).")))
def serve(site_dir: Path, host: str, port: int, now: str | None, out: Path | None):
    from benn_site.editors.serve import serve as run_serve

    catalog = editor_catalog()
    try:
        run_serve(site_dir, host, port, _moment(now) if now else None, catalog, out)
    except OSError as exc:
        click.echo(catalog.translate(msg("cannot listen on {host}:{port}: {reason}", host=host, port=port,
                                         reason=exc.strerror or exc)), err=True)
        click.echo(catalog.translate(msg("Is a preview running already? Stop it, or choose another port: "
                                         "--port {other}", other=port + 1)), err=True)
        raise SystemExit(1) from None


@main.command(help=_h(msg("Write a ready file to fill in (it starts as a draft) and print its path.")))
@click.argument("kind", type=click.Choice(["event", "location", "page"]))
@click.argument("name")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--lang", default=None,
              help=_h(msg("Language of the new file (default: the site's default language); another language "
                   "makes a translation of an existing file.")))
@click.option("--now", default=None, help=_h(msg("Today, for a new event's date: ISO 8601 with offset (default: "
                                         "SOURCE_DATE_EPOCH or now).")))
def new(kind: str, name: str, site_dir: Path, lang: str | None, now: str | None):
    from benn_site.editors.new import new_file

    catalog = editor_catalog()
    moment = _moment(now)
    try:
        path = new_file(site_dir, kind, name, lang, notes=catalog.lang, now=moment)
    except BuildFailed as exc:
        for error in exc.errors:
            click.echo(error.text(catalog), err=True)
        raise SystemExit(1) from None
    click.echo(path.as_posix())
    click.echo(catalog.translate(msg("Open it in your editor, fill it in, and delete 'draft: true' to publish it.")),
               err=True)


@main.command(help=_h(msg("What a change does to the site, as Markdown: the pages, locations and events it adds, "
                          "changes and removes per language, and its new warnings.")))
@click.option("--base", "base_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help=_h(msg("The site directory before the change (a checkout of the target branch).")))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--now", default=None, help=_h(msg("Build instant, ISO 8601 with offset (default: SOURCE_DATE_EPOCH or now).")))
@click.option("--base-url", default=None, help=_h(msg("Override site.yaml's base_url, e.g. for a sub-path.")))
def changes(base_dir: Path, site_dir: Path, now: str | None, base_url: str | None):
    from benn_site.editors.changes import changes as summary

    try:
        click.echo(summary(site_dir, base_dir, _moment(now), base_url), nl=False)
    except BuildFailed as exc:
        _report_failure(exc, "plain", site_dir)


@main.command(help=_h(msg("What is not translated yet, or older than its source, per language.")))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help=_h(msg("The site directory (with site.yaml).")))
@click.option("--lang", default=None, help=_h(msg("Only this language.")))
def translations(site_dir: Path, lang: str | None):
    from benn_site.build import prepare
    from benn_site.rendering.translations import report, table

    catalog = editor_catalog()
    try:
        _, site = prepare(site_dir, _moment(None), drafts=True)
    except BuildFailed as exc:
        _report_failure(exc, "plain", site_dir, writes=False)
    if lang is not None and lang not in site.config.codes:
        raise click.BadParameter(catalog.translate(msg("'{lang}' is not one of {codes}", lang=lang,
                                                           codes=", ".join(site.config.codes))), param_hint="--lang")
    names = {language.code: language.name for language in site.config.languages}
    click.echo(table(report(site), catalog, names, lang if lang != site.config.default_language else None))
