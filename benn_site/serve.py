"""`benn-site serve`: a preview for editors that rebuilds when they save and reloads the browser.

The site is built (drafts included, marked) into a temporary folder, never into output/, so a
preview cannot be deployed by mistake. A watcher polls site.yaml, content/ and templates/ (the
output folder is ignored) and rebuilds once the files have been quiet for a moment, so saving
ten files, or a `git pull`, rebuilds once. Every rebuild calls `build.build()`, the same build as
`benn-site build`. When a build fails, the server keeps running: the problems are printed and
every page shows an error page naming file, line and fix, until a good build replaces it.

The `livereload` package is used only in this module: its WebSocket handler and its browser
script tell the open pages to reload. It serves on tornado, which livereload brings along.
The browser script is linked as `/livereload.js` (same origin), which the site's strict
Content-Security-Policy allows, where livereload's own inline snippet would be blocked.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .build import build, resolve_now
from .errors import BuildFailed, SiteError
from .messages import Catalog, msg

POLL_SECONDS = 0.25
QUIET_SECONDS = 0.3  # rebuild once no file has changed for this long
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")
SCRIPT = b'<script src="/livereload.js" defer></script>'


def snapshot(root: Path, ignore: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file: site.yaml, content/ and templates/, minus `ignore`."""
    found: dict[str, tuple[int, int]] = {}
    ignored = {p.resolve() for p in ignore}

    def add(path: Path) -> None:
        try:
            info = path.stat()
        except OSError:
            return
        found[path.as_posix()] = (info.st_mtime_ns, info.st_size)

    add(root / "site.yaml")
    for folder in (root / "content", root / "templates"):
        for base, dirs, files in os.walk(folder):
            here = Path(base)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in ignored)
            for name in sorted(files):
                if not name.startswith((".", "#")) and not name.endswith(IGNORED_SUFFIXES):
                    add(here / name)
    return found


class Debouncer:
    """Decides when to rebuild: after a change, once nothing has changed for `quiet` seconds,
    and never while a build is running (changes during a build cause one more build after it)."""

    def __init__(self, quiet: float = QUIET_SECONDS):
        self.quiet = quiet
        self.last_change: float | None = None
        self.building = False

    def changed(self, now: float) -> None:
        self.last_change = now

    def due(self, now: float) -> bool:
        return (not self.building and self.last_change is not None
                and now - self.last_change >= self.quiet)

    def started(self) -> None:
        self.building = True
        self.last_change = None

    def finished(self) -> None:
        self.building = False


class Preview:
    """The preview's state: where the site is built, and the last build's problems (or none)."""

    def __init__(self, root: Path, out: Path, now: dt.datetime | None, base_url: str, catalog: Catalog, echo):
        self.root = root
        self.out = out
        self.now = now
        self.base_url = base_url
        self.catalog = catalog
        self.echo = echo
        self.errors: list[SiteError] = []
        self.builds = 0

    def rebuild(self) -> bool:
        """Build into the preview folder; on failure keep the problems for the error page."""
        started = time.perf_counter()
        try:
            report = build(self.root, self.out, self.now or resolve_now(None), self.base_url, True)
        except BuildFailed as failed:
            self.errors = failed.errors
        except Exception as exc:  # a bug must not stop the preview: show it like a problem
            self.errors = [SiteError("benn-site", None, msg("internal error: {problem}",
                                                             problem=f"{type(exc).__name__}: {exc}"),
                                     hint=msg("please report it, with the change that caused it"))]
        else:
            self.errors = []
        self.builds += 1
        if self.errors:
            for error in self.errors:
                self.echo(error.text(self.catalog), err=True)
            self.echo(self.catalog.translate(msg(
                "The preview shows these problems until you save a fix; the server keeps running.")), err=True)
            return False
        self.echo(self.catalog.translate(msg("Rebuilt {pages} pages in {seconds} s.", pages=report.pages,
                                             seconds=f"{time.perf_counter() - started:.2f}")))
        return True

    def response(self, url_path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path; HTML gets the reload script."""
        from .editor_pages import error_page

        name = _file_for(self.out, url_path)
        # A page (or a missing page) shows the problems; files such as CSS or favicon.ico do not.
        is_html = name.suffix == ".html" if name is not None else PurePosixPath(url_path).suffix in ("", ".html")
        if self.errors and is_html:
            page = error_page(self.errors, self.root, self.catalog)
            return 500, "text/html; charset=utf-8", _inject(page.encode("utf-8"))
        status = 200
        if name is None:
            status, name = 404, self.out / "404.html"
            if not name.is_file():
                return 404, "text/plain; charset=utf-8", b"404"
        body = name.read_bytes()
        kind = mimetypes.guess_type(name.name)[0] or "application/octet-stream"
        if kind == "text/html":
            return status, "text/html; charset=utf-8", _inject(body)
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


def _inject(html: bytes) -> bytes:
    """The livereload script at the end of <head> (or the end of the page if there is none)."""
    if b"</head>" in html:
        return html.replace(b"</head>", SCRIPT + b"</head>", 1)
    return html + SCRIPT


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

    from .messages import ENGLISH

    catalog = catalog or ENGLISH
    root = root.resolve()
    folder = Path(tempfile.mkdtemp(prefix="benn-site-preview-"))
    target = out.resolve() if out is not None else folder / "site"
    sockets = tornado.netutil.bind_sockets(port, host)
    actual_port = sockets[0].getsockname()[1]
    address = f"http://{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{actual_port}/"
    preview = Preview(root, target, now, address, catalog, echo)

    class Page(tornado.web.RequestHandler):
        def get(self, path):
            status, kind, body = preview.response(path)
            self.set_status(status)
            self.set_header("Content-Type", kind)
            self.set_header("Cache-Control", "no-store")
            self.write(body)

        head = get

    LiveReloadHandler.live_css = False  # every change is a rebuild: reload the whole page
    LiveReloadHandler.watcher = _Changed()  # reload_waiters() logs the watcher's last changed path
    app = tornado.web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"(/.*)", Page),
    ], log_function=lambda handler: None)  # the terminal is for the editor's problems, not requests

    async def main():
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        loop = asyncio.get_running_loop()
        executor = ThreadPoolExecutor(max_workers=1)
        debouncer = Debouncer()
        ignore = (root / "output", folder, target)
        seen = snapshot(root, ignore)
        await loop.run_in_executor(executor, preview.rebuild)
        echo(catalog.translate(msg("Preview of {site} at {address} (drafts included). Press Ctrl+C to stop.",
                                   site=root, address=address)))
        while True:
            await asyncio.sleep(POLL_SECONDS)
            current = await loop.run_in_executor(executor, snapshot, root, ignore)
            if current != seen:
                seen = current
                debouncer.changed(time.monotonic())
            if debouncer.due(time.monotonic()):
                debouncer.started()
                await loop.run_in_executor(executor, preview.rebuild)
                debouncer.finished()
                LiveReloadHandler.reload_waiters(path="*")

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # a terminated preview cleans up like Ctrl+C
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        echo(catalog.translate(msg("Preview stopped.")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if out is None:  # the fingerprints the build kept for the temporary folder are of no use now
            from .build import Builder

            Builder(root, target).state_file.unlink(missing_ok=True)
