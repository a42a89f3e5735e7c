"""Each module imports on its own in a fresh interpreter (as Lektor's test_imports): catches cycles
and hidden dependence on import order."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import benn_site

# __main__ runs the CLI when imported, by design.
MODULES = sorted(m.name for m in pkgutil.walk_packages(benn_site.__path__, "benn_site.") if m.name != "benn_site.__main__")


def test_the_package_has_its_modules():
    assert {"benn_site.config", "benn_site.build", "benn_site.cli", "benn_site.output.writer"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module):
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
