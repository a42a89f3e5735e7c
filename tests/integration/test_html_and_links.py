"""The whole built portal through the Nu HTML Checker and linkinator: zero errors, zero broken links.

Both tools run once over every page (Java is slow to start; linkinator serves the folder itself and
checks every link, anchor and stylesheet reference it meets, starting from every HTML file so that
pages nothing links to yet, such as events beyond the listing horizon, are checked too).
"""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import ROOT, VNU_JAR, require_tool

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"


def test_nu_html_checker_finds_no_errors(portal):
    require_tool(VNU_JAR, "vnu.jar")
    require_tool(shutil.which("java") or "/usr/bin/java", "Java")
    result = subprocess.run(
        ["java", "-Xss2m", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         str(portal)], capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(str(portal))[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages]
    assert errors == []
    assert result.returncode == 0


def test_no_broken_links_anchors_or_assets(portal, tmp_path):
    require_tool(LINKINATOR, "linkinator")
    pages = sorted(p.relative_to(portal).as_posix() for p in portal.rglob("*.html"))
    # Into a file: Node exits before a pipe has taken more than 128 KB of the report.
    out = tmp_path / "linkinator.json"
    with out.open("w") as stdout:
        subprocess.run([str(LINKINATOR), *pages, "--recurse", "--check-fragments", "--check-css",
                        "--concurrency", "8", "--retry-errors", "--retry-errors-count", "3",
                        "--skip", "^(?!http://localhost)", "--format", "json"],
                       cwd=portal, stdout=stdout, stderr=subprocess.PIPE, timeout=900)
    report = json.loads(out.read_text(encoding="utf-8"))
    checked = [link for link in report["links"] if link["state"] == "OK"]
    broken = [f"{link.get('parent', '')} → {link['url']} ({link.get('status')}: {link.get('failureDetails')})"
              for link in report["links"] if link["state"] == "BROKEN"]
    assert broken == []
    assert len(checked) > len(pages)  # every page, and the stylesheet, scripts and feeds they link
    assert report["passed"] is True
