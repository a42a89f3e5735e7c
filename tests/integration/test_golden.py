"""Golden files: a few pages of the small sample site, built with the fixed NOW, compared byte for byte
with tests/golden/. Any change to templates, catalogs or views shows here as a reviewable diff.

After an intended change, rewrite them with `UPDATE_GOLDEN=1 make test PYTEST_ARGS=tests/integration/test_golden.py`
and review `git diff tests/golden`.
"""

from __future__ import annotations

import difflib
import os

import pytest

from benn_site.build import build
from tests.conftest import NOW, ROOT, sample_files, write_site

GOLDEN = ROOT / "tests" / "golden"
PAGES = [
    "de/index.html",
    "ar/index.html",
    "de/locations/mitte/index.html",
    "ar/events/2026-11-26-cafe/index.html",
    "ar/events/2026-11-26-cafe/event.ics",
    "de/events.atom",
]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def sample_output(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("golden") / "site", sample_files())
    out = root.parent / "output"
    build(root, out, NOW)
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_its_golden_file(sample_output, page):
    built = (sample_output / page).read_bytes()
    golden = GOLDEN / page
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(built)
    assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = golden.read_bytes()
    if built != expected:
        diff = difflib.unified_diff(expected.decode("utf-8").splitlines(), built.decode("utf-8").splitlines(),
                                    f"tests/golden/{page}", f"built/{page}", lineterm="", n=1)
        pytest.fail("differs from its golden file (UPDATE_GOLDEN=1 rewrites it after an intended change):\n"
                    + "\n".join(list(diff)[:60]))


def test_no_stale_golden_files():
    found = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert found == sorted(PAGES)


def test_golden_pages_hold_no_build_machine_paths():
    for page in PAGES:
        text = (GOLDEN / page).read_text(encoding="utf-8")
        assert str(ROOT) not in text and "/tmp/" not in text and "pytest-of-" not in text, page
