"""`benn-site serve`: a preview for editors that rebuilds when they save and reloads the browser.

The site is built (drafts included, marked) into a temporary folder, never into output/, so a
preview cannot be deployed by mistake. The operating system tells `watchfiles` about changes in
site.yaml, content/ and templates/ (the output folder is ignored); a rebuild starts once they have
been quiet for 25 ms, so saving ten files, or a `git pull`, rebuilds once. Every rebuild is the
same build as `benn-site build`, through one `Builder` that remembers the last build, so a save
re-renders only the pages it can affect. A save that changes only the text of one page is shown
first (quick.py: that page alone, from the last build's model) and the build follows. The browser
reloads as soon as pages are in place; the search index of the shards they touched is made after
that. A new save stops a running build or index (the build of that save makes those pages and
shards too). When a build fails, the server keeps running: the
problems are printed and every page shows an error page naming file, line and fix, until a good build replaces it.

The `livereload` package is used only in this module: its WebSocket handler and its browser
script tell the open pages to reload. It serves on tornado, which livereload brings along.
The browser script is linked as `/livereload.js` (same origin), which the site's strict
Content-Security-Policy allows, where livereload's own inline snippet would be blocked.
livereload tells only the pages whose script has connected: a page still loading (a reload a
moment ago, a slow phone) would miss a save. So the preview counts its reloads, each page it
serves links the script with the number of the next one (`/livereload.js?snipver=3`, which
livereload.js sends back when it connects), and a page that connects after that reload went out
is reloaded at once. The number travels with the page, not with its address: the site's service
worker fetches the pages it keeps again after a build, and such a fetch must not make an open page
that is behind look up to date.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import mimetypes
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import watchfiles

from benn_site.build import Builder, resolve_now
from benn_site.errors import BuildFailed, SiteError, Stopped, relpath
from benn_site.messages import Catalog, msg, writing_elsewhere

QUIET_MS = 25  # rebuild once no watched file has changed for this long
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")
# `snipver`: the only option livereload.js both reads from its link and sends back (in its hello).
SCRIPT = '<script src="/livereload.js?snipver={}" defer></script>'
# The preview's "edit" link (with edit_url in site.yaml), styled from a file of the preview's own:
# the site's Content-Security-Policy refuses inline styles.
EDIT_CSS_PATH = "/_preview/edit.css"
EDIT_CSS = (b".preview-edit{position:fixed;inset-block-end:.75rem;inset-inline-end:.75rem;z-index:1000;"
            b"background:#1a1a1a;color:#fff;padding:.5rem .9rem;border-radius:.4rem;font:1rem/1.3 system-ui,sans-serif;"
            b"text-decoration:underline}.preview-edit:focus{outline:3px solid #ffbf47}")


class Watched:
    """Which changed paths count: site.yaml and files below content/ and templates/, except
    hidden files, editors' backup and swap files, and the folders the preview writes."""

    def __init__(self, root: Path, ignore: tuple[Path, ...] = ()):
        self.root = root.resolve()
        self.ignored = tuple(p.resolve() for p in ignore)

    def __call__(self, change, path: str) -> bool:
        where = Path(path)
        if any(where == ignored or ignored in where.parents for ignored in self.ignored):
            return False
        try:
            parts = where.relative_to(self.root).parts
        except ValueError:
            return False
        if parts == ("site.yaml",):
            return True
        return (len(parts) > 1 and parts[0] in ("content", "templates")
                and not any(part.startswith((".", "#")) for part in parts)
                and not parts[-1].endswith(IGNORED_SUFFIXES))


async def _watch(changes: asyncio.Queue, watched: Watched, paths: list[Path], recursive: bool) -> None:
    """Put each batch of changes on the queue: the operating system's file events (inotify), a batch
    ending once nothing has changed for QUIET_MS, so saving ten files, or a `git pull`, is one batch.
    site.yaml is watched through the site's folder (not recursively): editors that save by
    replacing the file would leave a watch on the file itself blind after the first save."""
    # rust_timeout: the watching thread looks up every 200 ms, so Ctrl+C stops the preview at once.
    async for batch in watchfiles.awatch(*paths, watch_filter=watched, step=QUIET_MS, recursive=recursive,
                                         rust_timeout=200):
        changes.put_nowait(batch)


class Preview:
    """The preview's state: where the site is built, and the last build's problems (or none)."""

    def __init__(self, root: Path, out: Path, now: dt.datetime | None, base_url: str, catalog: Catalog, echo):
        self.root = root
        self.out = out
        self.now = now
        # One Builder for the whole session keeps the last build's fingerprints in memory, so a
        # save re-renders only the pages it affects. The build instant is fixed to the hour: pages
        # that show "now" would otherwise all change with every save.
        self.builder = Builder(root, out, base_url, drafts=True, quick=True, waiting=self.waiting)
        self.base_url = base_url
        self.catalog = catalog
        self.echo = echo
        self.errors: list[SiteError] = []
        self.builds = 0
        self.changed = 0  # files the last build wrote or removed
        self.reloads = 0  # how often the open pages were told to reload
        self.edit_links: dict[str, str] = {}  # output file → where to edit it (with edit_url only)

    def instant(self) -> dt.datetime:
        """The build instant: fixed to the hour, as pages that show "now" would otherwise all
        change with every save."""
        return self.now or resolve_now(None).replace(minute=0, second=0)

    def noticed(self, changed: set) -> None:
        """Name the files a save changed, so the editor sees that the preview took it in."""
        names = sorted({relpath(Path(path), self.root.resolve()) for _, path in changed})
        if not names:
            return
        shown = ", ".join(names[:3])
        if len(names) > 3:
            shown = self.catalog.translate(msg("{files} and {count} more", files=shown, count=len(names) - 3))
        self.echo(self.catalog.translate(msg("Changed: {files}", files=shown)))

    def quick(self, changed: set) -> bool:
        """Show a save of one page's text at once (`Builder.quick`); True when pages were written.
        The full build follows in any case."""
        paths = {path for _, path in changed}
        if self.errors or len(paths) != 1:
            return False
        try:
            return bool(self.builder.quick(Path(paths.pop()), self.instant()))
        except Exception:  # the fast path is only a head start: the full build reports any problem
            return False

    def waiting(self, pid: str) -> None:
        """Another process writes into the preview's folder (`serve --out`): say so, then wait."""
        self.echo(self.catalog.translate(writing_elsewhere(pid, self.out)))

    def rebuild(self, index: bool = True, stop=None) -> bool | None:
        """Build into the preview folder; on failure keep the problems for the error page.
        `index=False` leaves the search index for `index()`, so the browser reloads sooner.
        None when `stop()` turned true first: nothing changed, the next build does it all."""
        started = time.perf_counter()
        self.changed = 0
        try:
            report = self.builder.build(self.instant(), index=index, stop=stop)
        except Stopped:
            return None
        except BuildFailed as failed:
            self.errors = failed.errors
        except Exception as exc:  # a bug must not stop the preview: show it like a problem
            self.errors = [SiteError("benn-site", None, msg("internal error: {problem}",
                                                             problem=f"{type(exc).__name__}: {exc}"),
                                     hint=msg("please report it, with the change that caused it"))]
        else:
            if self.errors:
                self.echo(self.catalog.translate(msg("All problems are fixed.")))
            self.errors = []
            self.changed = report.changed + report.removed
            self.edit_links = edit_links(report.routes)
        self.builds += 1
        if self.errors:
            for error in self.errors:
                self.echo(error.text(self.catalog), err=True)
            self.echo(self.catalog.translate(msg(
                "The preview shows these problems until you save a fix; the server keeps running.")), err=True)
            return False
        # what this save actually re-rendered, not the size of the site
        self.echo(self.catalog.translate(msg("Rebuilt {rendered} of {files} files ({pages} pages) in {seconds} s.",
                                             rendered=report.rendered, files=report.files, pages=report.pages,
                                             seconds=f"{time.perf_counter() - started:.2f}")))
        return True

    def index(self, stop=None) -> None:
        """Bring the search index up to date after `rebuild(index=False)`, unless `stop()` turns
        true first (a new save: its build comes first and makes these shards too). A failure is
        printed; the pages stay, and the next build tries the index again."""
        try:
            self.builder.index_pending(stop)
        except BuildFailed as failed:
            for error in failed.errors:
                self.echo(error.text(self.catalog), err=True)

    def missed(self, awaited: int) -> bool:
        """Whether a page whose reload script connects now, served to wait for reload number
        `awaited`, was not connected when that reload went out."""
        return awaited <= self.reloads

    def response(self, url_path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path; HTML gets the reload script."""
        from benn_site.rendering.editor_pages import error_page

        if url_path.split("?")[0] == EDIT_CSS_PATH:
            return 200, "text/css; charset=utf-8", EDIT_CSS
        name = _file_for(self.out, url_path)
        # A page (or a missing page) shows the problems; files such as CSS or favicon.ico do not.
        is_html = name.suffix == ".html" if name is not None else PurePosixPath(url_path).suffix in ("", ".html")
        awaited = self.reloads + 1  # counted before the file is read: the page is never older than this says
        if self.errors and is_html:
            page = error_page(self.errors, self.root, self.catalog)
            return 500, "text/html; charset=utf-8", _inject(page.encode("utf-8"), awaited)
        status = 200
        if name is None:
            status, name = 404, self.out / "404.html"
            if not name.is_file():
                return 404, "text/plain; charset=utf-8", b"404"
        body = name.read_bytes()
        kind = mimetypes.guess_type(name.name)[0] or "application/octet-stream"
        if kind == "text/html":
            link = self.edit_links.get(name.relative_to(self.out).as_posix()) if status == 200 else None
            return status, "text/html; charset=utf-8", _inject(body, awaited, link and (link, self.catalog.translate(
                msg("Edit this page"))))
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return status, kind, body


class _Changed:
    filepath = "*"


def _file_for(folder: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `folder` (index.html for folders), or None."""
    parts = [p for p in PurePosixPath(unquote(url_path.split("?")[0])).parts if p != "/"]
    if any(p in ("..", ".") or "\\" in p for p in parts):
        return None
    path = folder.joinpath(*parts)
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def edit_links(routes) -> dict[str, str]:
    """Output file → the forge's address of the file it is made from (`forge_page.edited_file`),
    or, for the site's own pages (lists, search), the editors' page; empty without edit_url."""
    from benn_site.rendering.forge_page import edited_file

    forge = routes.site.config.forge
    if forge is None:
        return {}
    editors = routes.url("editors_forge")
    links = {}
    for route in routes.routes:
        path = edited_file(routes.site, route)
        links[route.output] = forge.edit(path) if path else editors
    return links


def _inject(html: bytes, awaited: int, edit: tuple[str, str] | None = None) -> bytes:
    """The livereload script, linked with the number of the reload the page waits for, at the end
    of <head> (or the end of the page if there is none); with `edit` (address, words), the
    preview's edit link at the end of <body>."""
    if edit is not None:
        link = (f'<a class="preview-edit" href="{escape(edit[0])}">{escape(edit[1])}</a>').encode("utf-8")
        html = html.replace(b"</body>", link + b"</body>", 1) if b"</body>" in html else html + link
        style = f'<link rel="stylesheet" href="{EDIT_CSS_PATH}">'.encode()
        html = html.replace(b"</head>", style + b"</head>", 1) if b"</head>" in html else html
    script = SCRIPT.format(awaited).encode()
    if b"</head>" in html:
        return html.replace(b"</head>", script + b"</head>", 1)
    return html + script


def echo(text: str, err: bool = False) -> None:
    """A line to the terminal at once (a test reading the pipe must not wait for a buffer)."""
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, now: dt.datetime | None = None,
          catalog: Catalog | None = None, out: Path | None = None) -> None:
    """Build, serve and watch until interrupted (Ctrl+C); into `out` if given, else a temporary folder."""
    import tornado.httpserver
    import tornado.netutil
    import tornado.web
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler

    from benn_site.messages import ENGLISH

    catalog = catalog or ENGLISH
    root = root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="benn-site-preview-"))
    target = out.resolve() if out is not None else folder / "site"
    sockets = tornado.netutil.bind_sockets(port, host)
    actual_port = sockets[0].getsockname()[1]
    address = f"http://{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{actual_port}/"
    preview = Preview(root, target, now, address, catalog, echo)
    stopping = threading.Event()

    class Page(tornado.web.RequestHandler):
        def get(self, path):
            status, kind, body = preview.response(path)
            self.set_status(status)
            self.set_header("Content-Type", kind)
            self.set_header("Cache-Control", "no-store")
            self.write(body)

        head = get

    class Reloader(LiveReloadHandler):
        awaited = None  # the reload its page waits for, from the hello (livereload.js leaves out a 0)

        def on_message(self, message):
            super().on_message(message)  # the page is among the waiters once it sent its URL
            sent = json.loads(message)
            if sent.get("command") == "hello" and isinstance(sent.get("snipver"), int):
                self.awaited = sent["snipver"]
            if sent.get("url") and self.awaited is not None and preview.missed(self.awaited):
                self.send_message({"command": "reload", "path": "*", "liveCSS": False, "liveImg": True})

    def reload() -> None:
        preview.reloads += 1
        LiveReloadHandler.reload_waiters(path="*")

    LiveReloadHandler.live_css = False  # every change is a rebuild: reload the whole page
    LiveReloadHandler.watcher = _Changed()  # reload_waiters() logs the watcher's last changed path
    app = tornado.web.Application([
        (r"/livereload", Reloader),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"(/.*)", Page),
    ], log_function=lambda handler: None)  # the terminal is for the editor's problems, not requests

    async def main():
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        loop = asyncio.get_running_loop()
        # Ctrl+C and a termination cancel this task at its next await, where every watcher and
        # build can wind down cleanly (an exception raised from a signal handler could land anywhere).
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, asyncio.current_task().cancel)
        executor = ThreadPoolExecutor(max_workers=1)
        changes: asyncio.Queue = asyncio.Queue()
        watched = Watched(root, (root / "output", root / ".cache", folder, target))
        folders = [path for path in (root / "content", root / "templates") if path.is_dir()]
        watchers = [asyncio.create_task(_watch(changes, watched, [root], recursive=False))]
        if folders:
            watchers.append(asyncio.create_task(_watch(changes, watched, folders, recursive=True)))

        def saved_again() -> bool:  # or the preview is stopping: a running build or index gives up
            return stopping.is_set() or changes.qsize() > 0

        try:
            await loop.run_in_executor(executor, preview.rebuild, True, stopping.is_set)
            echo(catalog.translate(msg("Preview of {site} at {address} (drafts included). Press Ctrl+C to stop.",
                                       site=root, address=address)))
            while True:
                changed = set(await changes.get())  # what is saved during a build waits here
                while not changes.empty():
                    changed |= changes.get_nowait()
                preview.noticed(changed)
                shown = await loop.run_in_executor(executor, preview.quick, changed)
                if shown:
                    reload()
                succeeded = await loop.run_in_executor(executor, preview.rebuild, False, saved_again)
                if succeeded is None:  # a newer save stopped it: its build comes next
                    continue
                if not shown or not succeeded or preview.changed:  # no second reload for nothing new
                    reload()
                if changes.empty():  # the search index when nothing else waits; a new save stops it
                    await loop.run_in_executor(executor, preview.index, saved_again)
        finally:
            # Before the preview folder is deleted: a Pagefind run whose folder vanished can hang.
            stopping.set()
            executor.shutdown(wait=True)

    try:
        asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        echo(catalog.translate(msg("Preview stopped.")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if out is None:  # the fingerprints the build kept for the temporary folder are of no use now
            from benn_site.build import Builder

            Builder(root, target).state_file.unlink(missing_ok=True)
