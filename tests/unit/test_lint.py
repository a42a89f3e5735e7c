"""ruff (pyflakes, pycodestyle errors, bugbear, isort; settings in pyproject.toml) finds nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_find_an_unused_import(tmp_path):
    (tmp_path / "bad.py").write_text("import os\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--select", "F", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "F401" in result.stdout


def test_every_package_folder_is_checked():
    """The built site's folder is left out, not the package's `output` stage of the same name."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--show-files", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    checked = {Path(line).resolve().relative_to(ROOT).parent.as_posix()
               for line in result.stdout.splitlines() if line.endswith(".py")}
    folders = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "benn_site").rglob("*.py")}
    assert folders <= checked
