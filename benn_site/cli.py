"""The command line: a thin layer that turns arguments into calls and SiteErrors into exit code 1."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from benn_site.errors import BuildFailed
from benn_site.messages import editor_catalog, msg, problems_found, writing_elsewhere


@click.group()
@click.version_option(package_name="benn-site")
def main():
    """Build multilingual neighbourhood portals from Markdown and YAML."""


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
            self.bar = click.progressbar(length=total, label="Rendering")
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
    help="How to print problems: plain 'path:line: message', or GitHub Actions annotations.")
strict_option = click.option("--strict", is_flag=True,
                             help="Treat warnings (missing translations) as errors.")


def _report_failure(exc: BuildFailed, fmt: str = "plain", site_dir: Path | None = None) -> None:
    from benn_site.diagnostics import format_problem

    catalog = editor_catalog()  # the editor's language (LANG)
    for error in exc.errors:
        click.echo(format_problem(error, fmt, "error", site_dir, error.text(catalog)), err=True)
    click.echo(catalog.translate(problems_found(len(exc.errors))), err=True)
    raise SystemExit(1)


def _waiting_for(pid: str, out: Path) -> None:
    click.echo(editor_catalog().translate(writing_elsewhere(pid, out)), err=True)


def _report_warnings(warnings, fmt: str, site_dir: Path) -> None:
    from benn_site.diagnostics import format_problem

    for warning in warnings:
        click.echo(format_problem(warning, fmt, "warning", site_dir), err=True)


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The site directory (with site.yaml).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: SITE/output).")
@click.option("--now", default=None, help="Build instant, ISO 8601 with offset (default: SOURCE_DATE_EPOCH or now).")
@click.option("--base-url", default=None, help="Override site.yaml's base_url, e.g. for a sub-path.")
@click.option("--drafts", is_flag=True, help="Include drafts.")
@format_option
@strict_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that render pages (default: one per core).")
@click.option("--no-cache", is_flag=True, help="Neither read nor keep converted Markdown in SITE/.cache/.")
@click.option("--timings", is_flag=True, help="Then print the wall and CPU time of each stage of the build.")
def build(site_dir: Path, out: Path | None, now: str | None, base_url: str | None, drafts: bool,
          fmt: str, strict: bool, jobs: int | None, no_cache: bool, timings: bool):
    """Build the site into the output folder."""
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
    click.echo(f"Built {report.pages} pages ({report.files} files: {report.rendered} rendered, {report.changed} "
               f"written, {report.removed} removed) in {report.seconds:.2f} s into {report.output}")
    if timings:
        from benn_site.timings import table

        click.echo(table(report.stages))


def _moment(now: str | None):
    from benn_site.build import resolve_now

    try:
        return resolve_now(now)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--now") from None


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The site directory (with site.yaml).")
@click.option("--now", default=None, help="Build instant, ISO 8601 with offset (default: SOURCE_DATE_EPOCH or now).")
@click.option("--base-url", default=None, help="Override site.yaml's base_url, e.g. for a sub-path.")
@click.option("--drafts", is_flag=True, help="Check drafts too.")
@format_option
@strict_option
def check(site_dir: Path, now: str | None, base_url: str | None, drafts: bool, fmt: str, strict: bool):
    """Check everything the build checks, plus every internal link and anchor; writes no output."""
    from benn_site.editors.check import check_site

    catalog = editor_catalog()
    try:
        report = check_site(site_dir, _moment(now), base_url, drafts, strict)
    except BuildFailed as exc:
        _report_failure(exc, fmt, site_dir)
    _report_warnings(report.warnings, fmt, site_dir)
    click.echo(catalog.translate(msg("No problems: {pages} pages and {links} links checked, in every language.",
                                     pages=report.pages, links=report.links)))


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The site directory (with site.yaml).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this computer can see the preview unless told otherwise.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
@click.option("--now", default=None, help="Build instant, ISO 8601 with offset (default: the clock, at each rebuild).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build the preview into this folder and keep it (default: a temporary folder).")
def serve(site_dir: Path, host: str, port: int, now: str | None, out: Path | None):
    """Preview the site with drafts: rebuild on every save and reload the browser."""
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


@main.command()
@click.argument("kind", type=click.Choice(["event", "location", "page"]))
@click.argument("name")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The site directory (with site.yaml).")
@click.option("--lang", default=None,
              help="Language of the new file (default: the site's default language); another language "
                   "makes a translation of an existing file.")
@click.option("--now", default=None, help="Today, for a new event's date: ISO 8601 with offset (default: "
                                         "SOURCE_DATE_EPOCH or now).")
def new(kind: str, name: str, site_dir: Path, lang: str | None, now: str | None):
    """Write a ready file to fill in (it starts as a draft) and print its path."""
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


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The site directory (with site.yaml).")
@click.option("--lang", default=None, help="Only this language.")
def translations(site_dir: Path, lang: str | None):
    """What is not translated yet, or older than its source, per language."""
    from benn_site.build import prepare
    from benn_site.rendering.translations import report, table

    catalog = editor_catalog()
    try:
        _, site = prepare(site_dir, _moment(None), drafts=True)
    except BuildFailed as exc:
        _report_failure(exc, "plain", site_dir)
    if lang is not None and lang not in site.config.codes:
        raise click.BadParameter(f"'{lang}' is not one of {', '.join(site.config.codes)}", param_hint="--lang")
    names = {language.code: language.name for language in site.config.languages}
    click.echo(table(report(site), catalog, names, lang if lang != site.config.default_language else None))
