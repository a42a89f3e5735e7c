"""The search index: each language's pages in shards, one Pagefind bundle per shard, made side by
side after the pages are in place and only where pages changed.

Pagefind makes little use of a second core and holds everything it indexes in memory, so one
bundle per language would make a large site's index slow, heavy and all-or-nothing: an edit of
one page would re-index every page of its language. So each language's pages (the HTML files
below `<lang>/`) are split into shards, each indexed by its own Pagefind process into
`pagefind/<lang>/<k>/`, up to `jobs` at a time: memory is bounded by the shards running at once,
and an edit re-indexes the one shard its page is in. Which page is in which shard, and why their
number is capped, is `benn_site.rendering.search_shards`, shared with the search page. The search
page loads shard 0 with Pagefind UI and merges the others into it (`mergeIndex`). When the count
changes, every page of the language may move: all its shards are made again, and the folders of
shards that no longer exist are left to the output's stale-file removal.

Pagefind reads the shard's pages where they are: its site is the language's folder and `--glob`
names the shard's pages, so the URLs in the index are relative to that folder and the search page
gives Pagefind UI the folder's URL as the base of its results. Nothing is copied or linked per
page, because a file made and deleted for each of thousands of pages costs more than the glob.
Every run walks its whole language folder, which is why the shard count is capped. A bundle whose
entry file has no `LAYOUT` key was made with other URLs: it counts as missing and is made again.
Each run decides alone whether pages without `data-pagefind-body` are indexed (only when none of
its pages has one): with hundreds of pages per shard every shard of the portal has item pages,
but a shard made only of listing pages would index them whole. A shard with no indexable page at
all fails, as Pagefind does.

The index must be as reproducible as the pages: Pagefind 1.5 writes the languages of
`pagefind-entry.json` in a varying order, so that file is rewritten with sorted keys. The UI
bundles the portal does not load (the modular and component UIs, the highlighter) are removed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from benn_site.errors import RenderError, check_stop
from benn_site.faults import checkpoint
from benn_site.messages import msg
from benn_site.output.parallel import die_with_parent
from benn_site.rendering.search_shards import BUNDLE, folder, shard_number, shards

ENTRY = "pagefind-entry.json"
LAYOUT = ("benn_site_urls", "below the language folder")  # written into ENTRY: how its URLs are meant
POLL = 0.02  # seconds between looks at the running Pagefind processes
GLOB_SPECIAL = re.compile(r"[\\*?\[\]{}(),<>:!$#]")  # wax, Pagefind's glob library
UNUSED = (
    "pagefind-component-ui.css", "pagefind-component-ui.js",
    "pagefind-modular-ui.css", "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)


@dataclass(frozen=True)
class Shard:
    lang: str
    number: int
    pages: tuple[str, ...]

    @property
    def name(self) -> str:
        return folder(self.lang, self.number)


class Plan:
    """The shards of every language for one build, and the bundles the last build left.

    Made before the output is applied, while the previous shard folders are all still there:
    their numbers tell whether a language's shard count changed since."""

    def __init__(self, target: Path, names: Iterable[str], codes: Iterable[str]):
        names = list(names)
        self.target = target
        self.shards = {lang: [Shard(lang, k, tuple(pages)) for k, pages in enumerate(shards(names, lang))]
                       for lang in codes}
        found = {lang: _shard_folders(target / BUNDLE / lang) for lang in self.shards}
        self.folders = {lang: set(numbers) for lang, numbers in found.items()}
        self.present = {lang: {n for n, whole in numbers.items() if whole} for lang, numbers in found.items()}

    def counts(self) -> dict[str, int]:
        """language → its number of shards in this build."""
        return {lang: len(shards_of_lang) for lang, shards_of_lang in self.shards.items()}

    def files(self) -> set[str]:
        """The files in the current shards' folders: they stay (unless their shard is made
        again); anything else below pagefind/ is stale."""
        found: set[str] = set()
        for shards_of_lang in self.shards.values():
            for shard in shards_of_lang:
                found.update(files_below(self.target, shard.name))
        return found

    def todo(self, touched: Iterable[str], pending: Iterable[str] = (),
             searched: tuple[set[str], set[str]] | None = None) -> list[Shard]:
        """The shards to make: one holding an HTML file among `touched` (output names written or
        removed by this build), one named in `pending` (left to make by a build that was stopped),
        one whose bundle is missing, and every shard of a language whose shard count changed.

        With `searched` (the pages marked for Pagefind now, and in the last build), a written page
        counts only if it is or was marked, or if no page of its shard is marked (Pagefind then
        indexes every page whole): a new event changes listings in most shards of every language,
        and none of them is searched."""
        pending = set(pending)
        touched = list(touched)
        result = []
        for lang, shards_of_lang in self.shards.items():
            count, present, folders = len(shards_of_lang), self.present[lang], self.folders[lang]
            # Counted by folders: a bundle whose entry file went (left for later by the preview)
            # is one missing shard, not a sign that the count changed.
            same_count = bool(folders) and max(folders) + 1 == count
            prefix = f"{lang}/"
            written = {name: shard_number(name, count) for name in touched
                       if name.startswith(prefix) and name.endswith(".html")}
            whole = set()  # shards without a marked page, indexed whole
            if searched is not None and written:
                whole = {shard.number for shard in shards_of_lang if not any(page in searched[0] for page in shard.pages)}
            hit = {number for name, number in written.items()
                   if searched is None or name in searched[0] or name in searched[1] or number in whole}
            result += [shard for shard in shards_of_lang
                       if not same_count or shard.number in hit or shard.number not in present
                       or shard.name in pending]
        return result


def _shard_folders(path: Path) -> dict[int, bool]:
    """The shard folders below `path`: number → whether it holds a whole bundle of this layout
    (its entry file, with `LAYOUT` in it)."""
    try:
        with os.scandir(path) as entries:
            return {int(entry.name): _whole(os.path.join(entry.path, ENTRY))
                    for entry in entries if entry.name.isdigit() and entry.is_dir()}
    except OSError:
        return {}


def _whole(entry: str) -> bool:
    try:
        with open(entry, encoding="utf-8") as handle:
            return json.load(handle).get(LAYOUT[0]) == LAYOUT[1]
    except (OSError, ValueError, AttributeError):
        return False


def files_below(target: Path, name: str) -> list[str]:
    """The files below `target/name`, as output names (`name/…`), sorted."""
    found = []
    root = os.path.join(target, name)
    for path, _, files in os.walk(root):
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        prefix = f"{name}/" if relative == "." else f"{name}/{relative}/"
        found += [prefix + file for file in files]
    return sorted(found)


def executable() -> str:
    """The Pagefind binary that the `pagefind[bin]` dependency installs."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable().resolve())
    except (ImportError, OSError) as exc:
        raise RenderError(f"{BUNDLE}/", None, msg("could not run Pagefind: {error}", error=exc),
                          hint=msg("install the site's dependencies: pip install -e .")) from None


def remake(target: Path, todo: list[Shard], base_path: str, jobs: int,
           stop: Callable[[], bool] | None = None) -> tuple[list[str], list[str]]:
    """Index the shards `todo` of the pages in `target`, then move each new bundle into place file
    by file; return (the files of the new bundles, the ones whose bytes changed).

    Pagefind runs up to `jobs` shards at once; if any fails, the others are stopped, no bundle is
    touched and the RenderError is raised for the caller to roll the pages back."""
    temporary = target.parent / f".{target.name}.{BUNDLE}"
    shutil.rmtree(temporary, ignore_errors=True)
    try:
        made = run(target, todo, temporary, base_path, jobs, stop=stop)
        files, replaced = [], []
        for shard in todo:
            files += made[shard.name]
            replaced += swap(temporary / "bundles" / shard.name, target / shard.name, shard.name, made[shard.name])
        return files, replaced
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def run(target: Path, todo: list[Shard], temporary: Path, base_path: str, jobs: int,
        program: str | None = None, stop: Callable[[], bool] | None = None) -> dict[str, list[str]]:
    """Pagefind over every shard of `todo`, up to `jobs` processes at a time, each bundle into
    `temporary/bundles/<shard name>`; return shard name → the bundle's files as output names.
    Stopped (every process killed) as soon as `stop()` is true.

    Pagefind spreads one run over every core by itself, which costs CPU (threads handing work
    over): worth it for a lone shard (the preview's edit, a warm build), not when there are shards
    enough to keep every core busy with its own run. Then each run gets one thread, which spends
    less CPU for the same bundles (the same bytes either way)."""
    program = program or executable()
    jobs = max(1, jobs)
    threads = 1 if len(todo) >= jobs else None
    pending, running, made = list(todo), [], {}
    try:
        while pending or running:
            check_stop(stop)
            while pending and len(running) < jobs:
                shard = pending.pop(0)
                running.append((shard, start(target, shard, temporary, program, threads)))
            finished = [item for item in running if item[1].poll() is not None]
            if not finished:
                time.sleep(POLL)
            for item in finished:
                running.remove(item)
                made[item[0].name] = finish(item[0], item[1], temporary, base_path)
                checkpoint("indexing")
    finally:
        for _, process in running:  # a failure or an interrupt: no process outlives the build
            process.kill()
            process.wait()
    return made


def start(target: Path, shard: Shard, temporary: Path, program: str, threads: int | None = None) -> subprocess.Popen:
    """Start Pagefind over the shard's pages in the language's folder, on `threads` threads
    (default: as many as cores). It runs in the build's own folder of logs, so a pagefind.yml
    wherever the build was started cannot change the index."""
    log = temporary / "logs" / f"{shard.lang}-{shard.number}.txt"
    log.parent.mkdir(parents=True, exist_ok=True)
    site = ["--site", os.path.join(target, shard.lang), "--glob", pattern(shard)]
    if not shard.pages:  # a glob without alternatives does not parse: an empty folder fails as it should
        (temporary / "empty").mkdir(parents=True, exist_ok=True)
        site = ["--site", str(temporary / "empty")]
    command = [program, *site, "--output-path", str(temporary / "bundles" / shard.name), "--silent"]
    env = None if threads is None else {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    try:
        with log.open("wb") as output:
            parent = os.getpid()
            return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=log.parent, env=env, preexec_fn=lambda: die_with_parent(parent))
    except OSError as exc:
        raise RenderError(f"{shard.name}/", None, msg("could not run Pagefind: {error}", error=exc),
                          hint=msg("install the site's dependencies: pip install -e .")) from None


def pattern(shard: Shard) -> str:
    """Pagefind's `--glob` for exactly the shard's pages: their paths below the language folder,
    as alternatives, each character that means something in a glob escaped."""
    cut = len(shard.lang) + 1
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\g<0>", name[cut:]) for name in shard.pages) + "}"


def finish(shard: Shard, process: subprocess.Popen, temporary: Path, base_path: str) -> list[str]:
    """Check one finished Pagefind run and tidy its bundle: the unused UIs removed, the entry
    normalised, and the scripts' default '/pagefind/' moved to the bundle's own path below
    `base_path` ('/' or '/sub/path/'). A failure is a RenderError with Pagefind's message."""
    if process.returncode != 0:
        text = (temporary / "logs" / f"{shard.lang}-{shard.number}.txt").read_text(encoding="utf-8", errors="replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        detail = next((line for line in lines if line.startswith("Error")), lines[0] if lines else f"exit {process.returncode}")
        raise RenderError(f"{shard.name}/", None, msg("Pagefind failed: {detail}", detail=detail),
                          hint=msg("run 'python -m pagefind --site OUTPUT' to see its full report"))
    bundle = temporary / "bundles" / shard.name
    for unused in UNUSED:
        (bundle / unused).unlink(missing_ok=True)
    normalise_entry(bundle / ENTRY)
    for script in sorted(bundle.glob("*.js")):
        text = script.read_text(encoding="utf-8")
        script.write_text(text.replace('"/pagefind/"', f'"{base_path}{shard.name}/"'), encoding="utf-8")
    return files_below(temporary / "bundles", shard.name)


def swap(new_bundle: Path, bundle: Path, name: str, names: list[str]) -> list[str]:
    """Move the files of a new bundle whose bytes differ into `bundle` (output name `name`) and
    delete the ones it no longer has; return the names replaced. Unchanged files keep their mtime.
    A bundle that was not there moves in as a whole."""
    if not bundle.exists():
        bundle.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new_bundle, bundle)
        return list(names)
    replaced = []
    cut = len(name) + 1
    keep = {item[cut:] for item in names}
    folders = {bundle}
    for relative in sorted(keep):
        new, old = new_bundle / relative, bundle / relative
        if not old.is_file() or old.read_bytes() != new.read_bytes():
            if old.parent not in folders:
                old.parent.mkdir(parents=True, exist_ok=True)
                folders.add(old.parent)
            os.replace(new, old)
            checkpoint("swapping")
            replaced.append(f"{name}/{relative}")
    for path, _, files in os.walk(bundle, topdown=False):
        relative = os.path.relpath(path, bundle).replace(os.sep, "/")
        for file in files:
            if (file if relative == "." else f"{relative}/{file}") not in keep:
                os.unlink(os.path.join(path, file))
        if relative != "." and not os.listdir(path):
            os.rmdir(path)
    return replaced


def normalise_entry(path: Path) -> None:
    """Rewrite Pagefind's entry file with its keys sorted, so equal indexes give equal bytes, and
    with `LAYOUT`, which tells a later build that its URLs are relative to the language folder."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data[LAYOUT[0]] = LAYOUT[1]
    path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
