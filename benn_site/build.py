"""`build()`: the only orchestrator. Load and check everything, render everything, then write.

config → load → validate (content) → render and stage on every core (output.render_all) → put in
place (output.writer) → search index (output.search_index) → keep caches. Nothing in the output
folder is touched before every page has rendered. What the next build may skip is recorded only
when the work is done, and what it must still do (the shards to index) before the files move, so
a build stopped anywhere is made whole by the next one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benn_site import collector, diagnostics, store, timings
from benn_site.config import Config, load_config
from benn_site.content.loader import load_partial
from benn_site.content.parsed_files import SourceCache
from benn_site.content.site_tree import outside_links
from benn_site.content.validate import validate_site
from benn_site.errors import BuildFailed, RenderError, Stopped, check_stop
from benn_site.faults import checkpoint
from benn_site.model import Site
from benn_site.output import parallel, search_index
from benn_site.output import quick as quick_path
from benn_site.output.render_all import render_site
from benn_site.output.writer import Output, OutputLock, cannot_write
from benn_site.rendering import dependencies, search_shards
from benn_site.rendering.markdown_cache import MarkdownCache
from benn_site.rendering.markup import cache_key
from benn_site.rendering.render import Compiled
from benn_site.rendering.routes import Routes

CACHE_DIR = ".cache"  # below the site directory; safe to delete


@dataclass
class BuildReport:
    pages: int
    files: int
    seconds: float
    output: Path
    missing_strings: set = field(default_factory=set)
    warnings: list = field(default_factory=list)  # diagnostics.SiteWarning, printed after the build
    changed: int = 0  # files written because they were new or different
    removed: int = 0  # files deleted because the build no longer produces them
    rendered: int = 0  # pages and feeds rendered; the others were unchanged since the last build
    stages: list = field(default_factory=list)  # timings.Stage of each step, in order
    routes: Routes | None = None  # what the outputs were made from (and the site, via routes.site)


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


def prepare(root: Path, now: dt.datetime, base_url: str | None = None, drafts: bool = False,
            sources: SourceCache | None = None, stop=None) -> tuple[Config, Site]:
    """Config, loaded and cross-checked site, or BuildFailed with every problem (Stopped as
    soon as `stop()` is true). Nothing is read when a link leads out of the site."""
    outside = outside_links(root)
    if outside:
        raise BuildFailed(outside)
    if sources is not None:
        sources.begin()
    config = load_config(root, base_url, sources)
    with collector.keeping():
        site, errors, unloaded = load_partial(config, now, drafts, sources, stop)
    errors = errors + validate_site(site, unloaded)
    if errors:
        raise BuildFailed(errors)
    return config, site


def searched_pages(state: dict, previous: dict | None) -> tuple[set[str], set[str]] | None:
    """The pages Pagefind indexes (marked for it) in this build and in the last, from the
    outputs' records; None when the last build left none (then every written page counts)."""
    if not previous:
        return None
    return ({name for name, record in state.items() if record[4]},
            {name for name, record in previous.items() if record[4]})


def markdown_versions(site: Site) -> list:
    """Every version that holds a Markdown text (packed: `markdown` decodes it on each call)."""
    return ([v for p in site.pages for v in p.versions] + [v for loc in site.locations for v in loc.texts]
            + [v for e in site.events for v in e.texts])


def markdown_keys(versions: list) -> set[str]:
    """The cache key of each text (with links resolved and not), so the cache can forget the others.
    Each text is decoded for its keys alone: all of them at once are 42 MB at 10,000 pages."""
    keys = set()
    for version in versions:
        text = version.markdown
        keys.update((cache_key(text, True), cache_key(text, False)))
    return keys


class Builder:
    """One site and one output folder, built again and again.

    Each build records a fingerprint per output (`deps`) in root/.cache/, and the next build
    renders only the outputs whose fingerprint changed; `serve` keeps one Builder between saves.
    `cache=False` renders everything and keeps nothing. `quick=True` (the preview) keeps the last
    good build's model for `quick()`.
    """

    def __init__(self, root: Path, out: Path | None = None, base_url: str | None = None, drafts: bool = False,
                 strict: bool = False, jobs: int | None = None, cache: bool = True, quick: bool = False,
                 waiting=None):
        self.root, self.out = root, out or root / "output"
        self.waiting = waiting  # told the process id of another writer of `out` before waiting for it
        self.base_url, self.drafts, self.strict, self.jobs, self.cache = base_url, drafts, strict, jobs, cache
        key = hashlib.sha1(str(self.out.resolve()).encode("utf-8")).hexdigest()[:16]
        self.state_file = root / CACHE_DIR / f"outputs-{key}.pickle"
        # Beside the output, as its staging folder is: a build without cache (`check`) leaves nothing
        # in the site, and the lock serialises every writer of this folder, whatever its site.
        target = self.out.resolve()
        self.pending_file = target.parent / f".{target.name}.index-pending"
        self.lock_file = Path(tempfile.gettempdir()) / f"benn-site-{key}.lock"
        self.state: dict | None = None  # output → [fingerprint, missing strings, keys read, digest, searched], for self.out
        self.code = dependencies.code_version()
        self.templates = Compiled(root / CACHE_DIR if cache else None, self.code)
        self._unindexed = None  # (output, base path, shards) that build(index=False) left out
        self.sources = SourceCache(root / CACHE_DIR / "sources.pickle", self.code) if cache else None
        self.keep_snapshot = quick and cache
        self.snapshot: quick_path.Snapshot | None = None

    def build(self, now: dt.datetime | None = None, progress=None, index: bool = True, stop=None) -> BuildReport:
        """Build once. With `index=False` the search index is left for `index_pending()`: the
        preview shows an edited page without waiting for Pagefind. Stopped, with the
        output as it was, when `stop()` turns true before the pages are moved into place."""
        clock = timings.Stopwatch()
        now = now or resolve_now(None)
        with self._lock(), collector.frozen():  # what loading freezes is handed back at the end, failed or not
            try:
                config, site = prepare(self.root, now, self.base_url, self.drafts, self.sources, stop)
                check_stop(stop)
                checkpoint("loaded")
            except BaseException:
                self._save_sources()
                raise
            clock.lap("load and check")
            return self._write(config, site, progress, index, stop, clock)

    def _write(self, config: Config, site: Site, progress, index: bool, stop, clock: timings.Stopwatch) -> BuildReport:
        """The rest of `build()`: render, put in place, index, remember."""
        output = Output(self.out, protect=self.root)
        markdown = MarkdownCache(self.root / CACHE_DIR / "markdown.sqlite") if self.cache else None
        previous = self._previous() if self.cache else None
        try:
            done = render_site(site, output, self.jobs, progress, markdown, previous, self.code, self.templates, stop)
            clock.lap("render")
            checkpoint("rendered")
            warnings = diagnostics.warnings(site, done.translator.missing)
            if self.strict and warnings:
                raise BuildFailed(warnings)
            output.copy_tree(config.templates_dir / "static", "static")
            # The search index is made after the pages are in place (below); the bundles of the
            # current shards stay, any other file below pagefind/ is stale.
            plan = search_index.Plan(output.target, output.written, config.codes)
            output.written.update(plan.files())
            if stop is not None and not output.fresh:
                output.stale()  # the longest step of apply(), done while a newer save can still stop the build
            check_stop(stop)
            checkpoint("staged")
        except BaseException:
            output.discard()
            if markdown:
                markdown.close()  # what was converted stays useful for the next try
            raise
        # Recorded before anything moves, undone only when it is all done (as ninja's log): a build
        # stopped from here on leaves no fingerprints, so the next one compares every file, and
        # leaves the shards to index, so the next one makes them even if no page differs by then.
        earlier = self._pending()
        todo = plan.todo((*output.changed, *output.stale()), earlier, searched_pages(done.state, previous))
        self._note_pending([shard.name for shard in todo])
        checkpoint("noted")
        self.state = None
        self._forget()
        try:
            output.apply()
        except OSError as exc:
            output.rollback()
            self._note_pending(earlier)  # the output is the previous one again
            if markdown:
                markdown.close()
            raise BuildFailed([cannot_write(output.target, exc.filename or "", exc)]) from None
        checkpoint("applied")
        clock.lap("put in place")
        if todo and not index:
            self._defer(output.target, config.base_path, todo)
            todo = []
        if todo:
            try:
                files, replaced = self._index(output.target, config.base_path, todo)
                remade = tuple(f"{shard.name}/" for shard in todo)
                output.written = {name for name in output.written if not name.startswith(remade)} | set(files)
                output.changed.update(replaced)
            except BaseException:
                output.rollback()
                self._note_pending(earlier)  # the output is the previous one again
                if markdown:
                    markdown.close()
                raise
        checkpoint("indexed")
        output.finish()
        checkpoint("finished")
        if index:
            self._note_pending([])
        clock.lap("search index")
        if markdown:
            versions = markdown_versions(site)
            markdown.close(live=lambda: markdown_keys(versions), expected=2 * len(versions))
            self._remember(done.state)
            checkpoint("remembered")
            self.templates.save()
        if index:  # else after the index: writing the parsed files costs the preview 0.4 s at 10k pages
            self._save_sources()
            checkpoint("saved")
        if self.keep_snapshot:
            first = self.snapshot is None
            env = self.templates.environment(config.templates_dir)  # the one the pages were made with
            self.snapshot = quick_path.Snapshot(site, done.routes, done.views.listings, env,
                                                self.sources.parsed("md!"), plan.counts())
            if first:
                quick_path.warm(self.snapshot)
        clock.lap("keep caches")
        return BuildReport(done.pages, len(output.written), clock.elapsed(), output.target,
                           done.translator.missing, warnings, len(output.changed), len(output.removed),
                           done.rendered, clock.stages, done.routes)

    def quick(self, saved: Path, now: dt.datetime) -> list[str] | None:
        """The preview's fast path (quick.py) for a save of the file `saved`: the output names
        written, or None when the save needs the full build. The files written no longer match
        the last build's fingerprints, which are forgotten, and their search shards lose their
        entry file: the next build renders those pages again and makes those shards."""
        if self.snapshot is None:
            return None
        with collector.paused():
            return self._quick(saved, now)

    def _quick(self, saved: Path, now: dt.datetime) -> list[str] | None:
        pages = quick_path.page_text(self.snapshot, saved, now)
        if pages is None:
            return None
        target = self.out.resolve()
        with self._lock():
            pages = quick_path.different(target, pages)
            state = self._previous()
            for name in pages:
                state.pop(name, None)
                shard = search_shards.shard_folder(name, self.snapshot.shards)
                if shard is not None:
                    (target / shard / search_index.ENTRY).unlink(missing_ok=True)
            self._forget()
            return quick_path.write(target, pages)

    def _defer(self, target: Path, base_path: str, todo: list) -> None:
        """Leave the shards `todo` for `index_pending()`. Their entry files go at once, so any
        later build (this Builder's or the next process's) sees those bundles as missing and makes
        them, even if the preview stops before it indexed them."""
        for shard in todo:
            (target / shard.name / search_index.ENTRY).unlink(missing_ok=True)
        self._unindexed = (target, base_path, todo)

    def index_pending(self, stop=None) -> int:
        """Make the search index the last `build(index=False)` left out; the shards made. Gives up
        (returns 0, nothing moved) as soon as `stop()` is true: the next build makes those shards,
        whose bundles it sees missing. BuildFailed if Pagefind fails (the shards stay pending)."""
        self._save_sources()
        if self._unindexed is None:
            return 0
        target, base_path, todo = self._unindexed
        self._unindexed = None  # from here on the missing entry files are what marks these shards
        try:
            with self._lock():
                self._index(target, base_path, todo, stop)
        except Stopped:
            return 0
        except BaseException:
            self._unindexed = (target, base_path, todo)
            raise
        self._note_pending([])
        return len(todo)

    def _lock(self) -> OutputLock:
        return OutputLock(self.lock_file, self.waiting)

    def _save_sources(self) -> None:
        if self.sources is not None:
            self.sources.save()

    def _index(self, target: Path, base_path: str, todo: list, stop=None) -> tuple[list[str], list[str]]:
        """Pagefind over the shards `todo` of the pages in place; each new bundle replaces its old
        one file by file.

        Pagefind needs every page on disk, and the staging folder holds only the changed ones, so
        the index is made from the output folder after `apply()`; if Pagefind fails for any shard,
        no bundle is touched and the caller rolls the pages back. Only the shards whose HTML
        changed (or whose bundle is missing) are indexed; the others keep their bytes and mtimes."""
        jobs = parallel.default_jobs() if self.jobs is None else self.jobs
        try:
            return search_index.remake(target, todo, base_path, jobs, stop)
        except RenderError as exc:
            raise BuildFailed([exc]) from None

    def _previous(self) -> dict:
        if self.state is None:
            with collector.keeping():  # thousands of small lists, all kept
                state = store.load(self.state_file, self.code)
            self.state = state if isinstance(state, dict) else {}
        return self.state

    def _pending(self) -> list[str]:
        """The shards a stopped build left to index (their bundle folders)."""
        try:
            return json.loads(self.pending_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []

    def _note_pending(self, shards: list[str]) -> None:
        if not shards:
            self.pending_file.unlink(missing_ok=True)
            return
        store.write_atomic(self.pending_file, json.dumps(shards).encode("utf-8"))

    def _forget(self) -> None:
        try:
            self.state_file.unlink()
        except OSError:
            pass

    def _remember(self, state: dict) -> None:
        self.state = state
        store.save(self.state_file, state, self.code)


def build(root: Path, out: Path | None = None, now: dt.datetime | None = None,
          base_url: str | None = None, drafts: bool = False, strict: bool = False, jobs: int | None = None,
          progress=None, cache: bool = True, waiting=None) -> BuildReport:
    """Build the site into `out` (default root/output); with `strict`, warnings (missing translations)
    fail it too. `jobs`: processes (default: all cores); `progress(n, total)` is called as pages finish;
    `cache`: reuse converted Markdown and skip unchanged outputs, from root/.cache/; `waiting(pid)`:
    told when another process is writing into `out`, before this build waits for it."""
    return Builder(root, out, base_url, drafts, strict, jobs, cache, waiting=waiting).build(now, progress)
