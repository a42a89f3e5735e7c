"""Checks of a built site as it will be published, shared by the tests and by CI.

CI (`make ci-verify`, run by the GitHub and GitLab workflows) and the test suite call the same
functions, so what the tests prove about a sub-path build is what CI checks before deploying:

- `url_problems`: every URL in every text file (HTML, XML feeds and sitemap, iCalendar, CSS, JS,
  JSON) that points into the site respects the base path. A root-relative `/de/` in a site
  published at `https://org.github.io/benn-portal/` leads to another site's 404; so does an
  absolute URL on the site's host that lacks the sub-path.
- `broken_links`: linkinator crawls the output served *under its base path* (a site that only
  works at `/` fails here), with CSS and fragment checks.
- `html_errors`: the Nu HTML Checker on every HTML file.

Run as `python -m tests.sitecheck OUTPUT [--base-url URL]` (exit 1 when anything is wrong).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

TEXT_SUFFIXES = {".html", ".xml", ".atom", ".rss", ".ics", ".css", ".js", ".mjs", ".json", ".txt",
                 ".webmanifest", ".svg"}
# Attributes whose value is a URL (or, for srcset, a list of them), in HTML, SVG and XML feeds.
URL_ATTRIBUTE = re.compile(
    r"""\s(?:href|src|action|formaction|poster|data|srcset|content|xlink:href|data-[\w-]+)\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+["']([^"']+)["']""", re.IGNORECASE)
# A string literal in JavaScript that is a root-relative path: "/de/…", '/static/…', `/pagefind/`.
JS_PATH = re.compile(r"""(["'`])(/[A-Za-z0-9_~.%-][^"'`\s]*)\1""")
ABSOLUTE = re.compile(r"""https?://[^\s"'<>)\\]+""")


def url_problems(output: Path, base_url: str) -> list[str]:
    """Every URL in `output` that points into the site but not below `base_url`."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    parts = urlsplit(base_url)
    base_path = parts.path or "/"
    problems: list[str] = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        name = path.relative_to(output).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8 text")
            continue
        if path.suffix == ".ics":
            text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 line folding
        for url in sorted(set(_urls(text, path.suffix.lower()))):
            if url.startswith("/") and not url.startswith("//") and not url.startswith(base_path):
                problems.append(f"{name}: '{url}' is root-relative but lacks the base path {base_path}")
        for url in sorted(set(ABSOLUTE.findall(text))):
            host = urlsplit(url).netloc
            if host == parts.netloc and not url.startswith(base_url):
                problems.append(f"{name}: '{url}' is on the site's host but not below {base_url}")
    return problems


def _urls(text: str, suffix: str):
    if suffix in (".html", ".xml", ".atom", ".rss", ".svg"):
        for match in URL_ATTRIBUTE.finditer(text):
            value = match.group(1) if match.group(1) is not None else match.group(2)
            if "srcset" in match.group(0).lower():
                yield from (item.split()[0] for item in value.split(",") if item.strip())
            elif value.startswith(("[", "{")):  # a data attribute holding JSON: its strings
                try:
                    yield from _strings(json.loads(html.unescape(value)))
                except ValueError:
                    yield value
            else:
                yield value
    if suffix in (".html", ".css", ".svg"):
        yield from CSS_URL.findall(text)
        yield from CSS_IMPORT.findall(text)
    if suffix in (".js", ".mjs"):
        yield from (m.group(2) for m in JS_PATH.finditer(text))
    if suffix in (".json", ".webmanifest"):
        try:
            yield from _strings(json.loads(text))
        except ValueError:
            pass


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def crawl(output: Path, base_path: str = "/") -> list[dict]:
    """Every link linkinator checked (`url`, `status`, `state`, `parent`), with the site served
    under `base_path`.

    The output is placed (by a symlink) at `base_path` inside an empty server root, as a forge
    serves it, and the crawl starts at the base path: a link that forgets the sub-path is a 404.
    Links to other hosts are skipped: no request leaves the machine.
    """
    segments = [s for s in base_path.strip("/").split("/") if s]
    with tempfile.TemporaryDirectory(prefix="sitecheck-") as tmp:
        server_root = Path(tmp)
        if segments:
            mount = server_root.joinpath(*segments)
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(output.resolve(), target_is_directory=True)
            start = "/".join(segments) + "/"
        else:
            server_root = output.resolve()
            start = "."
        report = Path(tmp) / "linkinator.json"
        # Into a file, not a pipe: Node exits before a pipe has taken more than 128 KiB of the report.
        with report.open("w") as stdout:
            result = subprocess.run(
                [str(LINKINATOR), start, "--server-root", str(server_root), "--recurse", "--check-css",
                 "--check-fragments", "--skip", r"^(?!http://localhost)", "--format", "json",
                 "--concurrency", "8", "--retry-errors", "--retry-errors-count", "2"],
                cwd=server_root, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=600)
        try:
            return json.loads(report.read_text(encoding="utf-8"))["links"]
        except (ValueError, KeyError):
            raise RuntimeError(f"linkinator failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}") from None


def broken_links(output: Path, base_path: str = "/") -> list[str]:
    """linkinator's broken links and missing fragments, served under `base_path`."""
    links = crawl(output, base_path)
    broken = [f"{link['url']} ({link['status'] or _failure(link)}) linked from {link.get('parent') or 'the start page'}"
              for link in links if link["state"] == "BROKEN"]
    if len(links) < 2:
        broken.append(f"linkinator checked only {len(links)} link(s): the crawl did not get past the start page")
    return broken


def _failure(link: dict) -> str:
    """Why a link without an HTTP status failed (a refused connection, a timeout)."""
    details = link.get("failureDetails") or []
    return "; ".join(str(d.get("message", d) if isinstance(d, dict) else d) for d in details)[:200] or "no answer"


def html_errors(output: Path) -> list[str]:
    """The Nu HTML Checker's errors on every HTML file of `output`."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "gnu", str(output)],
        capture_output=True, text=True, timeout=900)
    if result.returncode not in (0, 1):
        return [f"vnu failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}"]
    return [line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sitecheck", description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path, help="the built site")
    parser.add_argument("--base-url", default="", help="the address the site is published at "
                        "(default: base_url in the site's site.yaml)")
    parser.add_argument("--site", type=Path, default=Path("."), help="the site directory, for its base_url")
    parser.add_argument("--skip-html", action="store_true", help="do not run the Nu HTML Checker")
    args = parser.parse_args(argv)
    if not args.base_url:
        from benn_site.config import load_config

        args.base_url = load_config(args.site).base_url
    base_path = urlsplit(args.base_url).path or "/"
    print(f"Checking {args.output} as published at {args.base_url}", flush=True)
    failed = False
    checks = [("URLs outside the base path", lambda: url_problems(args.output, args.base_url)),
              (f"broken links (served under {base_path})", lambda: broken_links(args.output, base_path))]
    if not args.skip_html:
        checks.append(("HTML errors (Nu HTML Checker)", lambda: html_errors(args.output)))
    for title, check in checks:
        problems = check()
        print(f"{title}: {len(problems) or 'none'}", flush=True)
        for problem in problems:
            print(f"  {problem}", flush=True)
        failed = failed or bool(problems)
    if os.environ.get("GITHUB_ACTIONS") == "true" and failed:
        print("::error title=site check::the built site has problems; see the lines above")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
