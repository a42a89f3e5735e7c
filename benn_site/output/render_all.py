"""Every page and feed of one build rendered on every core and staged (`render_site`): the
outputs whose fingerprint (what they read last time, evaluated on this build's model) is
unchanged and whose file is there are skipped; each worker stages the pages whose bytes
changed, nothing in the output folder is touched, and every problem is collected."""

from __future__ import annotations

import gc
from typing import NamedTuple

from benn_site.errors import BuildFailed, ContentError, RenderError, SiteError, check_stop
from benn_site.faults import checkpoint
from benn_site.model import Site
from benn_site.output import parallel
from benn_site.output.links import broken_link
from benn_site.output.worker import digest, stage_worker
from benn_site.output.writer import Output, cannot_write, stage_file
from benn_site.rendering import dependencies, search_shards
from benn_site.rendering.i18n import Translator, load_locales
from benn_site.rendering.machine_files import MachineFiles
from benn_site.rendering.markdown_cache import MarkdownCache
from benn_site.rendering.markup import MarkdownConverter
from benn_site.rendering.render import Compiled, render_template
from benn_site.rendering.routes import Routes
from benn_site.rendering.views import Views


class Rendered(NamedTuple):
    """What a worker sends back for one page: whether it staged it, and what went wrong.
    A tuple: thirteen thousand of them cross the process boundary, and tuples pickle fastest."""

    output: str
    changed: bool
    error: tuple | None  # (error class, path, line, message, field, hint): exceptions do not pickle
    broken_links: list
    missing: set
    converted: list  # new Markdown cache entries, stored by the parent
    fingerprint: str | None = None  # what the output was made from (dependencies), for the next build
    read: list = []  # the keys of the model it read (rendering.reads), for the next build
    skipped: bool = False  # the fingerprint was unchanged and the file there: not rendered
    digest: str | None = None  # of the output's bytes, for the service worker's build id (output.worker)
    searched: bool = False  # a page whose text Pagefind indexes (search_shards.searched)


def render_site(site: Site, output: Output, jobs: int | None = None, progress=None,
                cache: MarkdownCache | None = None, previous: dict | None = None,
                code: str = "", templates: Compiled | None = None, stop=None) -> "Rendering":
    """Render the HTML pages and feeds and stage the changed ones; BuildFailed on any problem,
    Stopped as soon as `stop()` is true.

    With `previous` (output → [fingerprint, missing strings, keys read, digest, searched] of the last build into
    this output), an output whose fingerprint, evaluated on this build's model for the keys it
    read last time, is unchanged and whose file exists is not rendered at all.
    """
    config = site.config
    routes = Routes(site)
    if routes.errors:
        raise BuildFailed(routes.errors)
    check_stop(stop)
    translator = Translator(site)
    views = Views(site, routes, translator, MarkdownConverter(cache))
    check_stop(stop)
    templates = templates or Compiled()
    env = templates.environment(config.templates_dir)
    for name in sorted({route.template for route in routes.routes}):
        try:
            env.get_template(name)  # compiled once here, inherited by the workers
        except Exception:  # reported with its file and line when a page renders it
            pass
    machine = MachineFiles(views.site, views.routes, translator)
    if not previous:  # every page may render: what they all read is made once, before the workers fork
        load_locales(config.codes)
        machine.prepare()
    # Feeds first (one calendar of all events costs as much as many pages), then each item's pages
    # side by side: a worker then touches its own part of the model, not every part of it.
    everything = routes.feeds + sorted(routes.routes, key=lambda r: (r.kind, r.key or "", r.lang or ""))
    for route in everything:
        output.claim(route.output)
    fingerprints, existing = None, frozenset()
    if previous is not None:
        existing = output.existing(stop)
        analysed = dependencies.Templates(env, templates.parsed)
        fingerprints = dependencies.Fingerprints(site, views.site, analysed, code)
        for name in {route.template for route in everything if route.template}:
            fingerprints.templates.of(name)  # analysed once here, not once per worker
        check_stop(stop)

    def render(route) -> Rendered:
        """Render one output, unless its fingerprint (computed here, on all cores, from what it
        read last time) says the file on disk already has the bytes it would get."""
        last = previous.get(route.output) if fingerprints is not None else None
        if last is not None and route.output in existing:
            if fingerprints.of(route, last[2]) == last[0]:  # the rest of `last` is the parent's: not sent back
                return Rendered(route.output, False, None, [], set(), [], skipped=True)
        links, missing = len(views.link_errors), set(translator.missing)
        changed, error, hashed, searched = False, None, None, False
        with views.site.recording() as read:
            try:
                if route.template is None:
                    data = machine(route)
                else:
                    data = render_template(env, route.template, views.context(route), config.root).encode("utf-8")
                changed = stage_file(output.target, output.staging, route.output, data, output.fresh)
                if route.template is not None:  # pages only: for the worker's id, and the index
                    hashed, searched = digest(data), search_shards.searched(data)
            except (RenderError, ContentError) as exc:
                error = (type(exc), exc.path, exc.line, exc.message, exc.field, exc.hint)
            except OSError as exc:  # a full disk, a folder that may not be written
                problem = cannot_write(output.staging, route.output, exc)
                error = (type(problem), problem.path, problem.line, problem.message, problem.field, problem.hint)
        keys = dependencies.in_order(read)
        fingerprint = fingerprints.of(route, keys) if fingerprints is not None else None
        return Rendered(route.output, changed, error, views.link_errors[links:], translator.missing - missing,
                        cache.take() if cache else [], fingerprint, keys, digest=hashed, searched=searched)

    errors: dict[str, SiteError] = {}
    broken = set()
    state = {}
    rendered = 0
    step = (lambda n: progress(n, len(everything))) if progress else None

    # One object per key, however many outputs read it, taken as each result arrives: 13,000
    # outputs read 100,000 keys (links to events, the menu, …) of 3,000, each sent as its own copy;
    # the state kept for the next build then holds each once (at 10,000 pages 3.0 → 2.3 MB, and
    # 15 → 6 ms to load).
    keys: dict[tuple, tuple] = {}

    def keep(result: Rendered) -> Rendered:
        checkpoint("rendering")
        if result.skipped:
            last = previous[result.output]
            return result._replace(missing={tuple(pair) for pair in last[1]}, fingerprint=last[0], read=last[2],
                                   digest=last[3], searched=last[4])
        if cache:
            cache.store(result.converted)
        return result._replace(converted=[], read=[keys.setdefault(key, key) for key in result.read])

    # The views and compiled templates live until the end of the build, like the model: frozen with
    # it (`Builder.build`), a forked worker's collections do not scan them, or copy their memory.
    gc.freeze()
    results = parallel.run(everything, render, jobs, step, keep, stop)
    for result in results:
        output.record(result.output, result.changed)
        translator.missing |= result.missing
        rendered += not result.skipped
        broken.update(result.broken_links)
        if result.error:
            exc = result.error[0](*result.error[1:])
            errors.setdefault(str(exc), exc)
        elif result.fingerprint is not None:
            state[result.output] = [result.fingerprint, sorted(result.missing), result.read, result.digest,
                                    result.searched]
    for source, target in sorted(broken):
        errors.setdefault(source + target, broken_link(config.root, source, target))
    if errors:
        raise BuildFailed(list(errors.values()))
    try:
        residents = {route.output for route in routes.routes}  # not the editors' pages: they are no reason to refetch
        stage_worker(output, env, routes, {r.output: r.digest for r in results if r.output in residents})
    except (RenderError, OSError) as exc:
        raise BuildFailed([exc if isinstance(exc, RenderError) else cannot_write(output.staging, "sw.js", exc)]) from None
    return Rendering(len(routes.routes), translator, state, rendered, views, routes)


class Rendering(NamedTuple):
    pages: int  # HTML pages
    translator: Translator  # with the interface strings found missing
    state: dict  # output → [fingerprint, missing strings, keys read, digest, searched], for the next build
    rendered: int  # outputs rendered, the others unchanged since the last build
    views: Views  # the event listings the pages were made from
    routes: Routes  # every address of the site
